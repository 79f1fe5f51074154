"""The generated JSON Schema: committed, deterministic, valid, and faithful to the models."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import policyschema as ps
from policyschema import schema as ps_schema
from policyschema.schema import annotation_schema, schema_files, validate_json
from policyschema.validation import SEMANTIC_CHECKS_SKIPPED

ROOT = Path(__file__).parent.parent
SCHEMAS = ROOT / "schemas"


def test_committed_schemas_match_the_models() -> None:
    for name, text in schema_files().items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is out of date: run `policyschema schema --out schemas`"


def test_generation_is_byte_identical_across_runs() -> None:
    first = schema_files()
    ps_schema._root_schema.cache_clear()
    assert schema_files() == first


@pytest.mark.parametrize("name", ["1.0/annotation.schema.json", "1.1/annotation.schema.json", "codebook.schema.json"])
def test_schemas_pass_the_draft_2020_12_metaschema(name: str) -> None:
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("https://")
    ids = {
        "1.0/annotation.schema.json": "v1/annotation.schema.json",  # as published in 0.1, never changed
        "1.1/annotation.schema.json": "1.1/annotation.schema.json",
        "codebook.schema.json": "v1/codebook.schema.json",
    }
    assert schema["$id"] == "https://policyschema.org/schema/" + ids[name]
    jsonschema.Draft202012Validator.check_schema(schema)


def _model_classes() -> list[type]:
    # Phrase tables (guidelines rule 6) are a library resource without a published JSON Schema.
    unpublished = ("Problem", "PhraseMatch", "PhraseRow", "PhraseTable")
    exported = [getattr(ps, name) for name in ps.__all__ if name not in unpublished]
    reports = ("policyschema.intercoder", "policyschema.corpus")  # reports of a run: no schema
    return [cl for cl in exported if attrs.has(cl) and cl.__module__ not in reports]


@pytest.mark.parametrize("cl", _model_classes(), ids=lambda cl: cl.__name__)
def test_each_class_has_a_definition_faithful_to_its_fields(cl: type) -> None:
    schema = ps_schema.codebook_schema() if cl in (ps.Codebook, ps.CodebookEntry) else annotation_schema()
    definition = schema if schema["title"] == cl.__name__ else schema["$defs"][cl.__name__]
    fields = [f for f in attrs.fields(cl) if f.init]
    assert list(definition["properties"]) == [f.name for f in fields]
    assert definition["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
    assert definition["additionalProperties"] is False
    assert definition["description"]
    for prop in definition["properties"].values():
        assert prop["description"], f"{cl.__name__} has an undocumented field"


def test_vocabularies_are_enums_with_the_meaning_of_each_value() -> None:
    force = annotation_schema()["$defs"]["Force"]
    assert force["enum"] == [f.value for f in ps.Force]
    for member in ps.Force:
        assert f"- {member.value}: {member.description}" in force["description"]


def test_nullable_and_optional_are_distinct() -> None:
    defs = annotation_schema()["$defs"]
    horizon = defs["Directive"]["properties"]["time_horizon"]
    assert "time_horizon" in defs["Directive"]["required"]
    assert horizon["type"] == ["string", "null"]
    assert "url" not in defs["Document"]["required"]
    assert defs["Document"]["properties"]["url"]["type"] == ["string", "null"]


def test_patterns_follow_ecma_262_end_of_string() -> None:
    speaker = {"id": "xi", "name": "Xi", "kind": "person", "external_ids": {"wikidata": "Q15031\n"}}
    problems = validate_json(speaker, definition="Speaker")
    assert [p.path for p in problems] == ["$.external_ids.wikidata"]
    assert validate_json({**speaker, "external_ids": {"wikidata": "Q15031"}}, definition="Speaker") == []


def test_validate_json_reports_paths_like_the_loader(valid: dict[str, Any]) -> None:
    valid["directives"][0]["evidence"][0]["end"] = "12"
    valid["directives"][0]["force"] = "order"
    schema_paths = {p.path for p in validate_json(valid)}
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(json.dumps(valid))
    assert (
        schema_paths
        == {p.path for p in info.value.problems if p.message != SEMANTIC_CHECKS_SKIPPED}
        == {
            "$.directives[0].evidence[0].end",
            "$.directives[0].force",
        }
    )


def test_cross_field_rules_are_in_the_schema(valid: dict[str, Any]) -> None:
    del valid["document"]["text"]
    assert [p.path for p in validate_json(valid)] == ["$.document"]
    horizon = {"id": "t", "kind": "period", "start": "2021", "label": "x"}
    assert validate_json(horizon, definition="TimeHorizon")
    assert validate_json({**horizon, "end": "2025"}, definition="TimeHorizon") == []
    assert validate_json({**horizon, "kind": "point", "end": "2025"}, definition="TimeHorizon")


def test_shipped_examples_validate_against_the_committed_schema() -> None:
    schema = json.loads((SCHEMAS / ps.SCHEMA_VERSION / "annotation.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    examples = sorted((ROOT / "examples").glob("*/annotation.json"))
    assert examples, "no example annotation under examples/"
    for path in examples:
        assert list(validator.iter_errors(json.loads(path.read_text(encoding="utf-8")))) == [], path


def test_shipped_codebooks_validate_against_the_codebook_schema() -> None:
    schema = json.loads((SCHEMAS / "codebook.schema.json").read_text(encoding="utf-8"))
    for path in (ROOT / "src" / "policyschema" / "codebooks").glob("*.json"):
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(path.read_text("utf-8"))))
        assert errors == [], path


def test_integral_floats_are_a_documented_loader_only_refusal(valid: dict[str, Any]) -> None:
    # JSON Schema counts 1.0 as an integer; the loader takes numbers as written (docs/schema.md, item 3).
    valid["directives"][0]["cue"]["start"] = float(valid["directives"][0]["cue"]["start"])
    assert validate_json(valid) == []
    with pytest.raises(ps.ValidationError, match="expected an integer, got a number"):
        ps.loads(json.dumps(valid))


@pytest.mark.parametrize(
    ("place", "change", "message"),
    [
        (("directives", 0, "addressees"), lambda v: [{"label": "x", "kind": "group", "span": {"start": "1"}}], None),
        (("document", "published"), None, "required field is missing"),
        (("document", "colour"), lambda v: "red", None),
        (("directives", 0, "time_horizon"), lambda v: True, None),
        (("directives", 0, "cue", "start"), lambda v: -1, None),
    ],
    ids=["inside-a-nullable-object", "missing-field", "unknown-key", "boolean", "negative"],
)
def test_validate_json_says_what_the_loader_says_where_it_says_it(
    valid: dict[str, Any], place: tuple[Any, ...], change: Any, message: str | None
) -> None:
    *parents, last = place
    target = valid
    for part in parents:
        target = target[part]
    if change is None:
        del target[last]
    else:
        target[last] = change(target.get(last) if isinstance(target, dict) else target[last])
    schema_problems = validate_json(valid)
    with pytest.raises(ps.ValidationError) as info:
        ps.structure(valid, semantic=False)
    loader_paths = {p.path for p in info.value.problems}
    assert {p.path for p in schema_problems} <= loader_paths
    assert schema_problems, "the schema found nothing"
    for problem in schema_problems:
        assert "True" not in problem.message  # JSON spellings: true, null
        assert "None" not in problem.message
        assert "is not valid under any of the given schemas" not in problem.message
    if message is not None:
        assert [p.message for p in schema_problems] == [message]
