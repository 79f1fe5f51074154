"""``policyschema validate`` on a large .jsonl corpus, against checking each document with jsonschema.

    pip install -e '.[bench]' && python benchmarks/bench_corpus.py [--documents N] [--runs R]

The corpus: N lines (default 10,000) cycling through the valid variants of benchmarks/_common.py, written
as Python's ``json.dumps`` writes them (not canonical, so every line takes the duplicate-detecting parse),
with one line in a hundred broken (an unknown key, a vocabulary value, a pattern; ``--broken-every``).
Measured in wall time, best of R runs: ``validate`` in one process and with ``--jobs 2``, on the one
corpus and on the same lines in four files; and the pure-Python jsonschema path (``json.loads`` + the
committed schema), on a sample, scaled to N. The documents each path refuses are compared: they must be the same.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from policyschema.cli import main as cli
from policyschema.schema import validate_json

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _common import table, variants


def _wall(func: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def _validate(*args: str) -> dict[str, object]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli(["validate", "--format", "json", *args])
    report: dict[str, object] = json.loads(out.getvalue())
    return report


def _broken(line: dict[str, object], number: int) -> dict[str, object]:
    kind = number % 3
    if kind == 0:
        line["extra"] = True
    elif kind == 1:
        line["directives"][0]["force"] = "demand"  # type: ignore[index]
    else:
        line["document"]["language"] = "English"  # type: ignore[index]
    return line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--variants", type=int, default=500)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--schema-sample", type=int, default=100)
    parser.add_argument("--broken-every", type=int, default=100, help="one broken line in N (0: none)")
    args = parser.parse_args(argv)
    bases = [json.loads(raw) for raw in variants(args.variants)]
    lines = []
    for number in range(args.documents):
        data = json.loads(json.dumps(bases[number % len(bases)]))
        if args.broken_every and number % args.broken_every == args.broken_every // 2:
            data = _broken(data, number // args.broken_every)
        lines.append(json.dumps(data, ensure_ascii=False))
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "one" / "corpus.jsonl"
        corpus.parent.mkdir()
        corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
        four = Path(tmp) / "four"
        four.mkdir()
        quarter = -(-len(lines) // 4)
        for i in range(4):
            (four / f"part{i}.jsonl").write_text("\n".join(lines[i * quarter : (i + 1) * quarter]) + "\n", "utf-8")
        seconds = {
            "validate, one process (one .jsonl)": _wall(lambda: _validate(str(corpus)), args.runs),
            "validate --jobs 2 (one .jsonl)": _wall(lambda: _validate("--jobs", "2", str(corpus)), args.runs),
            "validate, one process (four .jsonl)": _wall(lambda: _validate(str(four)), args.runs),
            "validate --jobs 2 (four .jsonl)": _wall(lambda: _validate("--jobs", "2", str(four)), args.runs),
        }
        report = _validate(str(corpus))
        refused = sorted({p["line"] for f in report["files"] for p in f["problems"]})  # type: ignore[index, union-attr]
        sample = lines[: args.schema_sample]
        start = time.perf_counter()
        schema_refused = [i + 1 for i, line in enumerate(sample) if validate_json(json.loads(line))]
        seconds["jsonschema (pure Python), each document"] = (time.perf_counter() - start) * len(lines) / len(sample)
    size = corpus.stat().st_size if corpus.exists() else sum(map(len, lines))
    one, four_one = seconds["validate, one process (one .jsonl)"], seconds["validate, one process (four .jsonl)"]
    schema = seconds["jsonschema (pure Python), each document"]
    ratios = {
        "validate, one process (one .jsonl)": f"{schema / one:.1f}x jsonschema",
        "validate --jobs 2 (one .jsonl)": f"{one / seconds['validate --jobs 2 (one .jsonl)']:.2f}x one process",
        "validate, one process (four .jsonl)": f"{schema / four_one:.1f}x jsonschema",
        "validate --jobs 2 (four .jsonl)": f"{four_one / seconds['validate --jobs 2 (four .jsonl)']:.2f}x one process",
        "jsonschema (pure Python), each document": f"(sample of {len(sample)}, scaled)",
    }
    print(f"{len(lines):,} documents, {size / 1e6:.0f} MB; wall time, best of {args.runs}")
    print(table([(name, s, ratios[name]) for name, s in seconds.items()], "seconds"))
    sample_refused = [n for n in refused if n <= len(sample)]
    same = "the same" if sample_refused == schema_refused else f"NOT the same ({sample_refused} vs {schema_refused})"
    print(f"documents refused: validate {len(refused)} of {len(lines):,}; in the sample, {same} as jsonschema's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
