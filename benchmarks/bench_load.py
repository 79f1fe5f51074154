"""How fast policyschema reads and writes annotations, as ratios against pydantic v2 in the same run.

    pip install -e '.[bench]' && python benchmarks/bench_load.py [--documents N] [--rounds R]

The corpus: the reference example(s) and deterministic valid variants of them (benchmarks/_common.py).
The baseline: pydantic v2 models generated now from the committed JSON Schema by datamodel-code-generator,
validating the same bytes with ``model_validate_json(strict=True)`` and writing with
``model_dump_json(indent=2)``. Timings are per document, the best of R interleaved rounds.
"""

from __future__ import annotations

import argparse
import json
import sys

import policyschema as ps
from policyschema import _fast
from policyschema._convert import converter, parse_json, structure_checked, to_json
from policyschema.checks import semantic_problems
from policyschema.schema import validate_json
from policyschema.validation import checked_data

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from _common import best_seconds, over, pydantic_root, table, variants


def _detailed_checked_data(doc: ps.AnnotatedDocument) -> object:
    """The data ``dumps`` writes, through the detailed path only (the fast one switched off)."""
    original = _fast.unstructure_checked
    _fast.unstructure_checked = lambda obj: None  # type: ignore[assignment]
    try:
        return checked_data(doc)[0]
    finally:
        _fast.unstructure_checked = original


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--schema-sample", type=int, default=50, help="documents for the slow jsonschema row")
    parser.add_argument("--layers", action="store_true", help="also time each layer and the path it replaced")
    args = parser.parse_args(argv)
    corpus = variants(args.documents)
    model = pydantic_root()
    root = ps.AnnotatedDocument
    parsed = [json.loads(raw) for raw in corpus]
    lines = [json.dumps(item, ensure_ascii=False).encode("utf-8") for item in parsed]
    data = [converter.unstructure(ps.loads(raw)) for raw in corpus]
    docs = [ps.loads(raw) for raw in corpus]
    models = [model.model_validate_json(raw, strict=True) for raw in corpus]
    size = sum(map(len, corpus)) / len(corpus)

    cases = {
        "json.loads (no checks at all)": over(corpus, json.loads),
        "pydantic model_validate_json(strict=True)": over(
            corpus, lambda raw: model.model_validate_json(raw, strict=True)
        ),
        "policyschema.loads (every rule)": over(corpus, ps.loads),
        "policyschema.validate (an object tree, every rule)": over(docs, ps.validate),
        "semantic checks alone (the loader's semantic pass)": over(docs, semantic_problems),
        "pydantic model_dump_json(indent=2)": over(models, lambda m: m.model_dump_json(indent=2)),
        "policyschema.dumps": over(docs, ps.dumps),
    }
    if args.layers:  # the layers, and the paths they replaced, for "what each change bought"
        cases.update(
            {
                "  strict parse: json + duplicate-key hook (before)": over(corpus, parse_json),
                "  strict parse: orjson + canonical bytes (now)": over(corpus, _fast.parse),
                "  strict parse, JSON lines in Python's style: jiter": over(lines, _fast.parse),
                "  structure: cattrs converter (before)": over(parsed, lambda d: structure_checked(d, root)),
                "  structure: compiled from the classes (now)": over(
                    parsed, lambda d: _fast.structure_data(d, root, strings_checked=True)
                ),
                "  loads through the detailed path (parse_json, cattrs, checks)": over(
                    corpus, lambda raw: semantic_problems(structure_checked(parse_json(raw), root))
                ),
                "  dumps: cattrs unstructure + json indent (0.1, no checks)": over(
                    docs, lambda doc: to_json(converter.unstructure(doc))
                ),
                "  dumps through the detailed path (validation.checked_data + json)": over(
                    docs, lambda doc: to_json(_detailed_checked_data(doc))
                ),
                "  dumps: checked unstructure alone (now)": over(docs, _fast.unstructure_checked),
                "  dumps: orjson alone (now)": over(data, _fast.canonical_json),
            }
        )
    seconds = best_seconds(cases, args.rounds)
    sample = parsed[: args.schema_sample]
    seconds["jsonschema (pure Python), parsed data"] = (
        best_seconds({"s": over(sample, validate_json)}, 1)["s"] * len(corpus) / len(sample)
    )
    per_doc = {name: s / len(corpus) * 1e6 for name, s in seconds.items()}
    load_base = per_doc["pydantic model_validate_json(strict=True)"]
    dump_base = per_doc["pydantic model_dump_json(indent=2)"]

    def ratio(name: str) -> str:
        base = dump_base if "dump" in name else load_base
        what = "model_dump_json" if "dump" in name else "model_validate_json"
        return f"{base / per_doc[name]:.2f}x {what}"

    print(f"{len(corpus)} documents, {size / 1000:.1f} KB each on average; best of {args.rounds} rounds")
    print(table([(name, us, ratio(name)) for name, us in per_doc.items()], "µs/doc"))
    print("(ratio: how many times as fast as the pydantic baseline; above 1 is faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
