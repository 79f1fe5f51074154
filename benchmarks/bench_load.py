"""How fast policyschema reads annotations, as ratios against baselines measured in the same run.

    pip install -e '.[bench]' && python benchmarks/bench_load.py [FILE] [--seconds S]

Baselines: plain ``json.loads`` of the same bytes, and pydantic v2 strict models equivalent to
policyschema's (benchmarks/_pydantic_models.py) validating the same bytes. Measured: the full loader
(strict parse, structure, semantic checks), its structural layer alone, the semantic checks alone,
canonical ``dumps``, and pure-Python ``jsonschema`` against the committed schema.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import policyschema as ps
from policyschema._convert import parse_json
from policyschema.checks import semantic_problems
from policyschema.schema import validate_json

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "china-daily-ipr-2020" / "annotation.json"


def _rate(func: Callable[[], Any], seconds: float) -> float:
    """Calls per second, best of three rounds of about ``seconds / 3`` each."""
    func()  # warm up: caches, generated code
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        deadline = start + seconds / 3
        while (now := time.perf_counter()) < deadline:
            func()
            count += 1
        best = max(best, count / (now - start))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement (default 3)")
    args = parser.parse_args(argv)
    raw = args.file.read_bytes()
    data = json.loads(raw)
    doc = ps.loads(raw)

    results: dict[str, float] = {}
    results["json.loads"] = _rate(lambda: json.loads(raw), args.seconds)
    try:
        sys.path.insert(0, str(Path(__file__).parent))
        from _pydantic_models import AnnotatedDocument as PydanticDocument

        results["pydantic v2 strict (model_validate_json)"] = _rate(
            lambda: PydanticDocument.model_validate_json(raw), args.seconds
        )
    except ImportError:
        print("pydantic is not installed: pip install -e '.[bench]' for that baseline", file=sys.stderr)
    results["policyschema.loads (full)"] = _rate(lambda: ps.loads(raw), args.seconds)
    results["strict parse + structure (no semantic checks)"] = _rate(
        lambda: ps.structure(parse_json(raw), semantic=False), args.seconds
    )
    # ps.check is ps.validate now (structure and semantics); the loader's semantic pass alone:
    results["semantic checks alone"] = _rate(lambda: semantic_problems(doc), args.seconds)
    results["policyschema.dumps"] = _rate(lambda: ps.dumps(doc), args.seconds)
    results["jsonschema (pure Python) on parsed data"] = _rate(lambda: validate_json(data), args.seconds)

    base = results["json.loads"]
    pyd = results.get("pydantic v2 strict (model_validate_json)")
    print(f"{args.file.name}: {len(raw):,} bytes, {len(doc.directives)} directives, {len(doc.statements)} statements")
    header = f"{'measurement':<48} {'docs/s':>10} {'x json.loads':>13}" + (f" {'x pydantic':>11}" if pyd else "")
    print(header)
    for name, rate in results.items():
        line = f"{name:<48} {rate:>10,.0f} {base / rate:>12.1f}x"
        if pyd:
            line += f" {pyd / rate:>10.2f}x"
        print(line)
    print("(x columns: how many times slower than the baseline; below 1 means faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
