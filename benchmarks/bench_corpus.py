"""Validating a corpus from the command line, as ratios against reading it with plain ``json.loads``.

    python benchmarks/bench_corpus.py [--documents N]

Writes a temporary ``.jsonl`` corpus of N copies of the reference annotation and times, in this run:
reading every line with ``json.loads`` (the floor), ``policyschema validate`` with the default schema
check (``auto``: the JSON Schema runs only on documents the loader refuses), with ``--jobs 2``, and with
``--schema-check always`` (pure-Python jsonschema on every document).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policyschema.cli import main as cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "china-daily-ipr-2020" / "annotation.json"


def _seconds(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _validate(*args: str) -> Callable[[], object]:
    def run() -> object:
        with contextlib.redirect_stdout(io.StringIO()):
            status = cli(["validate", *args])
        assert status == 0, status
        return status

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    args = parser.parse_args()
    line = json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8")), ensure_ascii=False)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        corpus.write_text((line + "\n") * args.documents, encoding="utf-8")
        size = corpus.stat().st_size
        floor = _seconds(lambda: [json.loads(x) for x in corpus.read_text(encoding="utf-8").splitlines()])
        results = {
            "json.loads of every line": floor,
            "policyschema validate (schema check auto)": _seconds(_validate(str(corpus))),
            "policyschema validate --schema-check always": _seconds(_validate("--schema-check", "always", str(corpus))),
        }
        # --jobs spreads files, not lines: split the corpus into 4 files for it
        for i in range(4):
            (Path(tmp) / f"part{i}.jsonl").write_text((line + "\n") * (args.documents // 4), encoding="utf-8")
        corpus.unlink()
        results["policyschema validate --jobs 2 (4 files)"] = _seconds(_validate("--jobs", "2", tmp))
    print(f"corpus: {args.documents} documents, {size / 1e6:.1f} MB")
    print(f"{'measurement':<48} {'docs/s':>9} {'x json.loads':>13}")
    for name, seconds in results.items():
        print(f"{name:<48} {args.documents / seconds:>9,.0f} {seconds / floor:>12.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
