"""What the benchmark scripts share: the corpora, the pydantic baseline generated from the committed schema,
and timing that interleaves the candidates so that a busy machine slows them all alike.

Nothing here is hand-kept per model class: the pydantic models are generated at run time from the committed
JSON Schema with datamodel-code-generator, and the corpus variants are made by edits chosen from that schema
(its enums) and kept only when policyschema's loader accepts the result.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import policyschema as ps

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(ROOT.glob("examples/*/annotation.json"))


def committed_schema() -> Path:
    """The committed annotation schema of the version the library writes."""
    versioned = ROOT / "schemas" / ps.SCHEMA_VERSION / "annotation.schema.json"
    return versioned if versioned.is_file() else ROOT / "schemas" / "annotation.schema.json"


def pydantic_root() -> Any:
    """The root pydantic v2 model, generated now from the committed schema (never kept in the repository).

    Needs the ``bench`` extra (pydantic, datamodel-code-generator).
    """
    from datamodel_code_generator import DataModelType, InputFileType, generate

    out = Path(tempfile.mkdtemp(prefix="policyschema-bench-")) / "generated_models.py"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        generate(
            committed_schema(),
            input_file_type=InputFileType.JsonSchema,
            output=out,
            output_model_type=DataModelType.PydanticV2BaseModel,
        )
    spec = importlib.util.spec_from_file_location("generated_models", out)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["generated_models"] = module
    spec.loader.exec_module(module)
    root = module.AnnotatedDocument
    root.model_rebuild()
    return root


def _enums_by_key(schema: dict[str, Any]) -> dict[str, list[str]]:
    """Field names whose values come from exactly one vocabulary in the schema, with its values."""
    defs = schema["$defs"]
    found: dict[str, set[tuple[str, ...]]] = {}
    for definition in [schema, *defs.values()]:
        for key, prop in definition.get("properties", {}).items():
            ref = prop.get("$ref", "")
            enum = defs.get(ref.rsplit("/", 1)[-1], {}).get("enum") if ref else None
            if enum:
                found.setdefault(key, set()).add(tuple(enum))
    return {key: list(next(iter(values))) for key, values in found.items() if len(values) == 1}


def _edit(data: dict[str, Any], rng: random.Random, number: int, enums: dict[str, list[str]]) -> dict[str, Any]:
    """One deterministic variant: items dropped, words changed, vocabulary values changed, a new id."""
    data = copy.deepcopy(data)
    for key in ("directives", "statements"):
        if isinstance(data.get(key), list):
            data[key] = [item for item in data[key] if rng.random() > 0.25]
    data["document"]["id"] = f"{data['document']['id']}-{number}"

    def visit(value: Any) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key in enums and isinstance(item, str) and rng.random() < 0.5:
                    value[key] = rng.choice(enums[key])
                elif key in ("action", "object", "label") and isinstance(item, str) and rng.random() < 0.5:
                    value[key] = f"{item} ({number})"
                else:
                    visit(item)
        elif isinstance(value, list):
            for item in value:
                visit(item)

    visit(data)
    return data


def variants(count: int, seed: int = 2020) -> list[bytes]:
    """``count`` valid documents (canonical bytes): the reference examples and deterministic edits of them."""
    enums = _enums_by_key(json.loads(committed_schema().read_text(encoding="utf-8")))
    bases = [json.loads(path.read_bytes()) for path in EXAMPLES]
    out = [ps.dumps(ps.loads(path.read_bytes())).encode("utf-8") for path in EXAMPLES][:count]
    rng = random.Random(seed)
    attempts = 0
    while len(out) < count:
        attempts += 1
        candidate = _edit(rng.choice(bases), rng, len(out), enums)
        try:
            doc = ps.loads(json.dumps(candidate, ensure_ascii=False))
        except ps.ValidationError:
            continue  # an edit broke a rule (a kind that needs another field): try another
        out.append(ps.dumps(doc).encode("utf-8"))
    return out


def best_seconds(cases: dict[str, Callable[[], object]], rounds: int = 5) -> dict[str, float]:
    """CPU seconds of each case's best round; the cases take turns within each round.

    CPU time of this process, not wall time: on a shared machine other processes then slow a case down
    only through caches, not by taking the processor away in the middle of it.
    """
    best = {name: float("inf") for name in cases}
    for case in cases.values():
        case()  # warm up: caches, generated code, lazy imports
    for _ in range(rounds):
        for name, case in cases.items():
            start = time.process_time()
            case()
            best[name] = min(best[name], time.process_time() - start)
    return best


def over(items: Sequence[Any], func: Callable[[Any], object]) -> Callable[[], object]:
    """A case that applies ``func`` to every item."""

    def run() -> object:
        for item in items:
            func(item)
        return None

    return run


def table(rows: Iterator[tuple[str, float, str]] | list[tuple[str, float, str]], unit: str) -> str:
    """Rows of (measurement, value, ratio column) as a fixed-width table."""
    lines = [f"{'measurement':<58} {unit:>12} {'ratio':>24}"]
    lines += [f"{name:<58} {value:>12,.1f} {ratio:>24}" for name, value, ratio in rows]
    return "\n".join(lines)
