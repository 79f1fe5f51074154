"""How long ``import policyschema`` and the first ``loads`` take in a fresh process, against ``import jsonschema``.

    python benchmarks/bench_import.py [--runs N]

Each measurement runs in a new interpreter (``python -X importtime``, the cumulative time of the module's
own import line), the candidates taking turns; the best of N runs is reported.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _common import EXAMPLES, table

_FIRST_LOADS = """
import time
start = time.perf_counter()
import policyschema
imported = time.perf_counter()
policyschema.load({path!r})
done = time.perf_counter()
print(imported - start, done - imported)
"""


def import_microseconds(module: str) -> float:
    """The cumulative import time of ``module`` in a fresh interpreter, in microseconds."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"], capture_output=True, text=True, check=True
    )
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3 and parts[2] == module:
            return float(parts[1])
    raise RuntimeError(f"no import line for {module}")


def first_loads() -> tuple[float, float]:
    """Seconds for ``import policyschema`` and then for the first ``load`` of the reference example."""
    code = _FIRST_LOADS.format(path=str(EXAMPLES[0]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    imported, loaded = map(float, out.split())
    return imported, loaded


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    best = {"import jsonschema": float("inf"), "import policyschema": float("inf"), "first load": float("inf")}
    for _ in range(args.runs):
        best["import jsonschema"] = min(best["import jsonschema"], import_microseconds("jsonschema") / 1000)
        best["import policyschema"] = min(best["import policyschema"], import_microseconds("policyschema") / 1000)
        best["first load"] = min(best["first load"], first_loads()[1] * 1000)
    base = best["import jsonschema"]
    rows = [
        ("import jsonschema", base, "1.00x"),
        ("import policyschema", best["import policyschema"], f"{best['import policyschema'] / base:.2f}x jsonschema"),
        ("first policyschema.load of the example (after import)", best["first load"], ""),
    ]
    print(f"best of {args.runs} fresh interpreters")
    print(table(rows, "ms"))
    print("(ratio: import time as a multiple of import jsonschema; at most 1.2x is the goal)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
