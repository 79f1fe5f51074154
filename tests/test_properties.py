"""Property tests: round trips, and the JSON Schema and the loader accepting exactly the same files.

The loader-only checks (docs/schema.md) are the only place where they may disagree: a schema-valid
file can still be refused by the loader, for the reasons listed there and nothing else.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import policyschema as ps
from policyschema._convert import structure_checked
from policyschema.schema import validate_json
from policyschema.strategies import annotated_documents

SCHEMAS = Path(__file__).parent.parent / "schemas"


def _loader_ok(data: Any) -> bool:
    try:
        ps.loads(json.dumps(data, ensure_ascii=False))
    except ps.ValidationError:
        return False
    return True


@given(annotated_documents())
def test_dumps_loads_round_trip_is_lossless_and_stable(doc: ps.AnnotatedDocument) -> None:
    text = ps.dumps(doc)
    again = ps.loads(text)
    assert again == doc
    assert ps.dumps(again) == text


@given(annotated_documents())
def test_generated_documents_validate_against_the_committed_schema(doc: ps.AnnotatedDocument) -> None:
    data = json.loads(ps.dumps(doc))
    assert validate_json(data) == []


# --- mutations: each must be refused by both the schema and the loader -------------------------


def _locations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """Every (path, value) inside a JSON value, the root excluded."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return
    for key, value in items:
        yield (*path, key), value
        yield from _locations(value, (*path, key))


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


_OTHER_VALUES = [7, -3, 1.5, True, "7", [], {}]


def _json_type(value: Any) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", list: "array", dict: "object"}[type(value)]


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, Any]:
    doc = draw(annotated_documents())
    data = json.loads(ps.dumps(doc))
    kind = draw(st.sampled_from(["wrong type", "unknown key", "enum", "missing required", "negative offset"]))
    locations = list(_locations(data))
    if kind == "wrong type":
        path, value = draw(st.sampled_from([loc for loc in locations if loc[1] is not None]))
        replacement = draw(st.sampled_from([v for v in _OTHER_VALUES if _json_type(v) != _json_type(value)]))
        _set(data, path, replacement)
    elif kind == "unknown key":
        path = draw(st.sampled_from([()] + [p for p, v in locations if isinstance(v, dict)]))
        target = data
        for part in path:
            target = target[part]
        target[draw(st.sampled_from(["note", "Force", "extra", "speaker_id", "texts"]))] = "x"
    elif kind == "enum":
        enum_keys = {"kind", "force", "modality", "reported_as", "polarity", "relation"}
        candidates = [p for p, v in locations if p[-1] in enum_keys and isinstance(v, str)]
        path = draw(st.sampled_from(candidates or [("schema_version",)]))
        _set(data, path, draw(st.sampled_from(["", "order", "URGE", "point ", "none!"])))
    elif kind == "missing required":
        required = {
            "id",
            "start",
            "end",
            "name",
            "label",
            "cue",
            "content",
            "speakers",
            "force",
            "action",
            "object",
            "time_horizon",
            "occasion",
            "reported_as",
            "annotators",
            "document",
            "annotation",
            "codebook",
        }
        candidates = [p for p, _ in locations if p[-1] in required and not (len(p) >= 2 and p[-2] == "external_ids")]
        candidates = [p for p in candidates if p != ("speakers",)]  # the document's speakers may be left out
        candidates = [
            p for p in candidates if not (p[-1] in ("start", "end") and len(p) >= 3 and p[-3] == "time_horizons")
        ]
        path = draw(st.sampled_from(candidates or [("annotation",)]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        del parent[path[-1]]
    else:
        candidates = [p for p, v in locations if p[-1] in ("start", "end") and isinstance(v, int)]
        assume(candidates)
        _set(data, draw(st.sampled_from(candidates)), -draw(st.integers(1, 10**6)))
    return kind, data


@given(_mutated())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_mutations_are_refused_by_schema_and_loader(case: tuple[str, Any]) -> None:
    kind, data = case
    assert validate_json(data), f"schema accepted a {kind} mutation"
    assert not _loader_ok(data), f"loader accepted a {kind} mutation"


@given(annotated_documents(), st.data())
def test_deleting_any_key_gets_consistent_verdicts_from_schema_and_loader(
    doc: ps.AnnotatedDocument, data: st.DataObject
) -> None:
    raw = json.loads(ps.dumps(doc))
    paths = [p for p, _ in _locations(raw) if isinstance(p[-1], str)]
    path = data.draw(st.sampled_from(paths))
    mutated = copy.deepcopy(raw)
    parent = mutated
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    schema_ok = validate_json(mutated) == []
    if _loader_ok(mutated):
        assert schema_ok, path
    if schema_ok:
        # the loader may refuse only for its semantic checks (docs/schema.md), e.g. a deleted speaker
        ps.structure(mutated, semantic=False)


# --- documents generated from the committed schema itself --------------------------------------

# Structural checks that JSON Schema cannot express; the only reasons the loader may refuse a
# schema-valid document before its semantic checks (docs/schema.md, "checked by the loader only").
_LOADER_ONLY = re.compile(
    r"is not a calendar date|is not a valid date-time|does not exist in|is outside 0001-9999|lone surrogate"
    r"|ends before it starts"
)


# Generating from the schema is slow (about 0.1 s per whole document); each class is tested on its own
# and the root with fewer examples, scaled by the active hypothesis profile (see conftest.py).
_SCHEMA_EXAMPLES = max(10, settings.default.max_examples // 2)
_ROOT_EXAMPLES = max(5, settings.default.max_examples // 8)


def _schema_strategy(name: str | None) -> st.SearchStrategy[Any]:
    from hypothesis_jsonschema import from_schema

    schema = json.loads((SCHEMAS / ps.SCHEMA_VERSION / "annotation.schema.json").read_text(encoding="utf-8"))
    if name is not None:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{name}"}
    return from_schema(schema)


def _assert_structural_loader_accepts(data: Any, cl: type) -> None:
    # hypothesis-jsonschema reads patterns with Python's "$", which also matches before a final
    # newline; the schema means ECMA-262's "$" (docs/schema.md). Keep what the schema really accepts.
    definition = None if cl is ps.AnnotatedDocument else cl.__name__
    assume(validate_json(data, definition=definition) == [])
    try:
        structure_checked(data, cl)
    except ps.ValidationError as exc:
        unexpected = [p for p in exc.problems if not _LOADER_ONLY.search(p.message)]
        assert unexpected == [], unexpected


_CLASSES = [ps.Span, ps.Speaker, ps.Directive, ps.Statement, ps.Document, ps.TimeHorizon, ps.Occasion, ps.Annotation]


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@pytest.mark.parametrize("cl", _CLASSES, ids=lambda cl: cl.__name__)
def test_objects_from_the_schema_pass_the_structural_loader(cl: type) -> None:
    @given(_schema_strategy(cl.__name__))
    @settings(max_examples=_SCHEMA_EXAMPLES, suppress_health_check=list(HealthCheck))
    def run(data: Any) -> None:
        _assert_structural_loader_accepts(data, cl)

    run()


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@given(st.deferred(lambda: _schema_strategy(None)))
@settings(max_examples=_ROOT_EXAMPLES, suppress_health_check=list(HealthCheck))
def test_documents_from_the_schema_pass_the_structural_loader(data: Any) -> None:
    _assert_structural_loader_accepts(data, ps.AnnotatedDocument)
