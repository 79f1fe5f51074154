"""W3C Web Annotation: the W3C test suite's "must" assertions, lossless round trips, bad input."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import pytest
import referencing
import referencing.jsonschema
from hypothesis import given, settings

import policyschema as ps
from policyschema import w3c
from policyschema.strategies import annotated_documents

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "china-daily-ipr-2020" / "annotation.json"
EXAMPLES = sorted(ROOT.glob("examples/*/annotation.json"))
SUITE = Path(__file__).parent / "vendor" / "web-annotation-tests"
_BASE = "https://web-annotation-tests.invalid/definitions/"
#: The library's strategies are slow to draw full documents; a third of the profile's examples keeps
#: this file's share of the suite small (HYPOTHESIS_PROFILE=thorough still runs hundreds).
_MODEST = settings(max_examples=max(10, settings.default.max_examples // 3))


@cache
def _suite() -> tuple[referencing.Registry[Any], dict[str, list[tuple[str, dict[str, Any]]]]]:
    """The registry of the suite's definitions, and its "must" assertions by what they check."""
    resources = [
        (_BASE + path.name, referencing.jsonschema.DRAFT4.create_resource(json.loads(path.read_text("utf-8"))))
        for path in sorted((SUITE / "definitions").glob("*.json"))
    ]
    groups: dict[str, list[tuple[str, dict[str, Any]]]] = {"annotation": [], "collection": [], "page": []}
    for path in sorted(SUITE.glob("**/*.json")):
        schema = json.loads(path.read_text("utf-8"))
        if path.parent.name == "definitions":
            continue
        assert schema["assertionType"] == "must"
        # Registered beside the definitions, so that "annotations.json#/..." resolves to them (draft 4
        # ignores an "id" next to "$ref", so the schema is reached through a reference to its address).
        resources.append((_BASE + schema["id"], referencing.jsonschema.DRAFT4.create_resource(schema)))
        relative = path.relative_to(SUITE).as_posix()
        group = "page" if "/pages/" in relative else relative.split("/")[0].rstrip("s")
        groups[group].append((relative, {"$ref": _BASE + schema["id"], "errorMessage": schema["errorMessage"]}))
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(resources)
    return registry, groups


@cache
def _validators(group: str) -> list[tuple[str, str, jsonschema.Draft4Validator]]:
    """The reference implementation (jsonschema) of each assertion of ``group``."""
    registry, groups = _suite()
    return [
        (name, schema["errorMessage"], jsonschema.Draft4Validator(schema, registry=registry))
        for name, schema in groups[group]
    ]


@cache
def _compiled(group: str) -> list[tuple[str, str, Any]]:
    """The same assertions compiled by fastjsonschema, about 20 times faster: used where many
    annotations are checked; :func:`test_both_validators_agree` keeps it honest."""
    _, groups = _suite()
    definitions = {
        _BASE + path.name: json.loads(path.read_text("utf-8")) for path in (SUITE / "definitions").glob("*.json")
    }
    sources = {_BASE + s["id"]: s for s in (json.loads(p.read_text("utf-8")) for p in SUITE.glob("**/*.json"))}
    compiled = []
    for name, schema in groups[group]:
        full = {**sources[schema["$ref"]], "id": schema["$ref"]}
        check = fastjsonschema.compile(full, handlers={"https": definitions.__getitem__})
        compiled.append((name, schema["errorMessage"], check))
    return compiled


def _failures(instance: Any, group: str, *, fast: bool = False) -> list[str]:
    if not fast:
        return [f"{name}: {message}" for name, message, v in _validators(group) if not v.is_valid(instance)]
    failed = []
    for name, message, check in _compiled(group):
        try:
            check(instance)
        except fastjsonschema.JsonSchemaException:
            failed.append(f"{name}: {message}")
    return failed


def _all_failures(collection: dict[str, Any], *, fast: bool = True) -> list[str]:
    failed = [f"collection {f}" for f in _failures(collection, "collection")]
    failed += [f"page {f}" for f in _failures(collection["first"], "page")]
    for index, annotation in enumerate(collection["first"]["items"]):
        failed += [f"items[{index}] {f}" for f in _failures(annotation, "annotation", fast=fast)]
    return failed


def test_the_vendored_suite_is_complete() -> None:
    _, groups = _suite()
    assert {group: len(schemas) for group, schemas in groups.items()} == {
        "annotation": 54,
        "collection": 10,
        "page": 15,
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_reference_examples_pass_every_must_assertion(example: Path) -> None:
    collection = json.loads(w3c.dumps(ps.load(example)))
    assert len(collection["first"]["items"]) > 10
    assert _all_failures(collection) == []


def test_both_validators_agree() -> None:
    """fastjsonschema and jsonschema give the same verdicts, on good and on broken annotations."""
    collection = json.loads(w3c.dumps(ps.load(EXAMPLE)))
    kinds = {annotation["id"].split("#")[1].split("/")[0]: annotation for annotation in collection["first"]["items"]}
    broken = copy.deepcopy(kinds["directives"])
    del broken["@context"]
    broken["target"][0]["selector"][1]["exact"] = 7
    broken["bodyValue"] = "x"
    for annotation in [*kinds.values(), broken]:
        assert _failures(annotation, "annotation") == _failures(annotation, "annotation", fast=True)
    assert len(_failures(broken, "annotation", fast=True)) == 4


def test_the_suite_catches_broken_annotations() -> None:
    """The assertions run for real: an annotation without @context, a collection without id, a quote
    selector without exact, and a body with both value and bodyValue are refused."""
    collection = json.loads(w3c.dumps(ps.load(EXAMPLE)))
    del collection["id"]
    first = collection["first"]["items"][0]
    second = next(a for a in collection["first"]["items"] if "#directives/" in a["id"])
    del first["@context"]
    del second["target"][0]["selector"][1]["exact"]
    second["bodyValue"] = "x"
    assert [f.split(":")[0] for f in _failures(collection, "collection")] == [
        "collections/5.1-collectionIdValidated.json"
    ]
    assert [f.split(":")[0] for f in _failures(first, "annotation")] == [
        "annotations/3.1-annotationContextValidated.json"
    ]
    assert sorted(f.split(":")[0] for f in _failures(second, "annotation", fast=True)) == [
        "annotations/3.2.5-notBodyBodyValue.json",
        "annotations/specificResource/4.2-selectorValidIfPresent.json",
        "annotations/specificResource/4.2.4-textQuoteSelectorValid.json",
    ]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_round_trip_of_the_reference_examples_is_lossless(example: Path) -> None:
    doc = ps.load(example)
    assert w3c.decode(json.loads(w3c.dumps(doc))) == doc
    assert w3c.loads(w3c.dumps(doc)) == doc  # the text verbs are symmetric too
    assert w3c.loads(w3c.dumps(doc).encode("utf-8")) == doc


def test_loads_reads_json_as_strictly_as_the_loader() -> None:
    text = w3c.dumps(ps.examples.load("china-daily-ipr-2020"))
    duplicated = text.replace('"type": "AnnotationCollection",', '"type": "AnnotationCollection", "type": "x",', 1)
    with pytest.raises(ps.ValidationError, match="duplicate key"):
        w3c.loads(duplicated)
    with pytest.raises(ps.ValidationError) as raised:
        w3c.loads(text.replace('"type": "AnnotationCollection"', '"type": "Annotation"', 1))
    assert raised.value.problems[0].path == "$.type"
    assert (raised.value.problems[0].line, raised.value.problems[0].column) == (7, 11)  # where, as ps.loads says
    assert w3c.loads(memoryview(text.encode("utf-8"))) == ps.examples.load("china-daily-ipr-2020")


@_MODEST
@given(annotated_documents())
def test_round_trip_is_lossless(doc: ps.AnnotatedDocument) -> None:
    data = json.loads(w3c.dumps(doc))
    notes: list[ps.Problem] = []
    assert w3c.decode(data, notes=notes) == doc
    assert notes == []


@_MODEST
@given(annotated_documents())
def test_every_generated_export_passes_the_must_assertions(doc: ps.AnnotatedDocument) -> None:
    assert _all_failures(json.loads(w3c.dumps(doc))) == []


def _firemen() -> ps.AnnotatedDocument:
    text = "👨🏻‍🚒 firemen drive firetrucks; 中国 e\u0301tat"
    data = {
        "schema_version": ps.SCHEMA_VERSION,
        "document": {
            "id": "fire",
            "title": "Fire",
            "publisher": "P",
            "published": "2020-12-02",
            "language": "en",
            "text": text,
        },
        "time_horizons": [
            {
                "id": "t1",
                "kind": "point",
                "start": "2021",
                "label": "now",
                "evidence": [
                    {"start": 19, "end": 29, "text": "firetrucks"},
                    {"start": 31, "end": 33, "text": "中国"},
                    {"start": 34, "end": 39, "text": "e\u0301tat"},
                ],
            }
        ],
        "annotation": {"annotators": ["a"], "created": "2026-11-25", "guidelines": "g"},
    }
    return ps.structure(data)


def _selectors(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [t["selector"][0] for t in data["first"]["items"][0]["target"]]


def test_positions_are_code_points_and_quotes_carry_context() -> None:
    data = w3c.encode(_firemen())
    assert _selectors(data)[0] == {"type": "TextPositionSelector", "start": 19, "end": 29}
    quote = data["first"]["items"][0]["target"][0]["selector"][1]
    assert quote == {
        "type": "TextQuoteSelector",
        "exact": "firetrucks",
        "prefix": "👨🏻\u200d🚒 firemen drive ",
        "suffix": "; 中国 e\u0301tat",
    }


def test_utf16_offsets_are_read_with_offsets_utf16() -> None:
    doc = _firemen()
    data = w3c.encode(doc)
    for selector in _selectors(data):  # as a browser tool counting UTF-16 units would write them
        selector["start"] += 3
        selector["end"] += 3
    notes: list[ps.Problem] = []
    assert w3c.decode(copy.deepcopy(data), offsets="utf16", notes=notes) == doc
    assert notes == []
    moved: list[ps.Problem] = []
    assert w3c.decode(data, notes=moved) == doc  # re-anchored by quote, and every move reported
    assert [n.path for n in moved] == [f"$.first.items[0].target[{i}]" for i in range(3)]
    assert "try offsets='utf16'" in moved[0].message


def test_a_quote_that_is_not_in_the_text_is_a_problem() -> None:
    data = w3c.encode(_firemen())
    data["first"]["items"][0]["target"][1]["selector"][1]["exact"] = "ladders"
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(data)
    [problem] = caught.value.problems
    assert problem.path == "$.first.items[0].target[1]"
    assert "not in the text" in problem.message


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        (lambda d: d.pop("document"), "$", 'required key "document" is missing'),
        (lambda d: d.update(type="Annotation"), "$.type", "AnnotationCollection"),
        (lambda d: d["first"]["items"].append(3), "$.first.items[1]", "expected an Annotation object"),
        (lambda d: d["first"]["items"][0].update(id="urn:x#nothing/x"), "$.first.items[0].id", "#<list>/<item id>"),
        (lambda d: d["first"]["items"][0]["body"][0].pop("field"), "$.first.items[0].body[0]", '"field"'),
        (lambda d: d["first"]["items"][0]["body"][0].update(value="moment"), "$.first.items[0].body[0]", "kind"),
        (lambda d: d["document"].update(colour="red"), "$.document.colour", "unknown key"),
        (lambda d: d["first"]["items"][0]["target"][0].update(field="evidence/9999999999999"), "items[0]", "missing"),
        (lambda d: d["first"]["items"][0]["target"][0].update(field="evidence/²"), ".field", "field path"),
        (lambda d: d["first"]["items"][0]["body"][0].update(field="kind/x y"), ".field", "field path"),
        (lambda d: d["document"].update(language=7), "$.document", "language"),
        (lambda d: d["first"]["items"][0]["target"][0].update(source="urn:else"), ".target[0].source", "document"),
    ],
)
def test_malformed_collections_give_problems_with_paths(edit: Any, path: str, message: str) -> None:
    data = w3c.encode(_firemen())
    edit(data)
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(data)
    assert any(p.path.endswith(path) and message in p.message for p in caught.value.problems), caught.value.problems


def test_non_objects_are_refused() -> None:
    with pytest.raises(ps.ValidationError, match="AnnotationCollection"):
        w3c.decode([])


def test_a_digest_only_document_round_trips_without_its_text() -> None:
    doc = _firemen()
    text = doc.document.text
    assert text is not None
    doc.document.text = None
    doc.document.text_sha256 = ps.text_sha256(text)
    doc.document.text_length = len(text)
    data = w3c.encode(doc)
    assert "prefix" not in data["first"]["items"][0]["target"][0]["selector"][1]
    assert w3c.decode(data) == doc


def test_the_context_names_every_term_the_export_uses() -> None:
    """Every key of the export is a term of the W3C context or of the shipped policyschema context."""
    terms = set(w3c.context()["@context"])
    anno = {"id", "type", "label", "total", "first", "items", "partOf", "startIndex", "motivation", "body", "target"}
    anno |= {"purpose", "value", "source", "selector", "start", "end", "exact", "prefix", "suffix", "format"}
    anno |= {"language", "@context"}
    used: set[str] = set()

    def keys(node: Any) -> None:
        if isinstance(node, dict):
            used.update(node)
            for value in node.values():
                keys(value)
        elif isinstance(node, list):
            for value in node:
                keys(value)

    keys(w3c.encode(ps.load(EXAMPLE)))
    assert used - anno - terms == set()
    assert w3c.CONTEXT_URL in w3c.encode(ps.load(EXAMPLE))["@context"]


def test_tables_cover_every_model_field() -> None:
    assert set(w3c.DOCUMENT_KEYS) == {a.name for a in ps.Document.__attrs_attrs__}
    assert set(w3c.PROVENANCE_KEYS) == {a.name for a in ps.Annotation.__attrs_attrs__}
    assert set(w3c.MOTIVATIONS) == {"speakers", "directives", "statements", "time_horizons", "occasions"}


def test_write_and_read_files(tmp_path: Path) -> None:
    doc = ps.load(EXAMPLE)
    [one] = w3c.write([doc], tmp_path / "a.jsonld")
    assert w3c.read(one).documents == [doc]
    other = _firemen()
    written = w3c.write([doc, other], tmp_path / "many")
    assert [p.name for p in written] == [f"{doc.document.id}.jsonld", "fire.jsonld"]
    assert w3c.read(tmp_path / "many").documents == sorted([doc, other], key=lambda d: d.document.id)
    assert w3c.dumps(doc) == w3c.dumps(ps.load(EXAMPLE))  # deterministic


def test_every_mention_is_an_annotation_identifying_its_speaker() -> None:
    doc = ps.load(EXAMPLE)
    items = w3c.encode(doc)["first"]["items"]
    speaker = doc.speakers[0]
    base = f"urn:policyschema:doc:{doc.document.id}:annotations#speakers/{speaker.id}"
    mentions = [a for a in items if a["id"].startswith(base + "/mentions/")]
    assert len(mentions) == len(speaker.mentions) > 1
    first = mentions[0]
    assert first["motivation"] == "identifying"
    assert first["body"] == {"type": "SpecificResource", "purpose": "identifying", "source": base}
    position, quoted = first["target"]["selector"]
    assert (position["start"], position["end"], quoted["exact"]) == (
        speaker.mentions[0].start,
        speaker.mentions[0].end,
        speaker.mentions[0].text,
    )
    first["body"]["source"] = base + "x"
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(w3c.encode(doc) | {"first": {**w3c.encode(doc)["first"], "items": items}})
    assert any("the item this part is of" in p.message for p in caught.value.problems)


def _body_of(data: dict[str, Any], field: str) -> tuple[str, dict[str, Any]]:
    """The JSON path and the first body of the collection that carries ``field`` (e.g. "force")."""
    for i, annotation in enumerate(data["first"]["items"]):
        for j, body in enumerate(annotation.get("body") if isinstance(annotation.get("body"), list) else []):
            if body["field"] == field:
                return f"$.first.items[{i}].body[{j}]", body
    raise AssertionError(field)


def _first_of(data: dict[str, Any], list_name: str, part: bool = False) -> tuple[str, dict[str, Any]]:
    """The JSON path and the first annotation of an item of ``list_name`` (or of a part of one)."""
    for i, annotation in enumerate(data["first"]["items"]):
        fragment = annotation["id"].rpartition("#")[2]
        if fragment.split("/")[0] == list_name and (fragment.count("/") > 1) == part:
            return f"$.first.items[{i}]", annotation
    raise AssertionError(list_name)


def _edited(found: tuple[str, dict[str, Any]], **changes: Any) -> str:
    """Apply ``changes`` to the found annotation or body (None removes a key); its JSON path."""
    path, node = found
    for key, value in changes.items():
        key = key.replace("at_context", "@context")
        if value is None:
            node.pop(key)
        else:
            node[key] = value
    return path


@pytest.mark.parametrize(
    ("edit", "keys", "expected"),
    [
        (lambda d: _edited(_first_of(d, "directives"), type="Foo"), [".type"], "'Annotation', got \"Foo\""),
        (lambda d: _edited(_first_of(d, "directives"), motivation="tagging"), [".motivation"], "'classifying'"),
        (lambda d: _edited(_first_of(d, "speakers"), motivation="classifying"), [".motivation"], "'identifying'"),
        (lambda d: _edited(_first_of(d, "speakers", part=True), motivation=None), [".motivation"], "got nothing"),
        (lambda d: _edited(_first_of(d, "occasions"), at_context="x"), ["['@context']"], w3c.ANNO_CONTEXT),
        (lambda d: _edited(_body_of(d, "force"), type="Image", purpose="describing"), [".type", ".purpose"], "force"),
        (lambda d: _edited(_body_of(d, "label"), purpose="classifying"), [".purpose"], "'describing'"),
        (lambda d: _edited(_body_of(d, "policy_areas/0"), purpose=None), [".purpose"], "'tagging'"),
        (lambda d: _edited(_body_of(d, "time_horizon"), type="TextualBody"), [".type"], "'SpecificResource'"),
    ],
)
def test_annotations_and_bodies_unlike_the_export_are_problems(edit: Any, keys: list[str], expected: str) -> None:
    """Type, motivation and context of an annotation, and type and purpose of a body, must be what
    encode writes for that list and field: a changed one is a problem, not silently read."""
    data = w3c.encode(ps.load(EXAMPLE))
    path = edit(data)
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(data)
    found = {p.path: p.message for p in caught.value.problems}
    for key in keys:
        assert expected in found.get(path + key, ""), (path + key, caught.value.problems)


def test_a_part_whose_body_is_not_a_specific_resource_is_a_problem() -> None:
    data = w3c.encode(ps.load(EXAMPLE))
    path, part = _first_of(data, "speakers", part=True)
    part["body"]["type"] = "TextualBody"
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(data)
    assert any(p.path == path + ".body" and "SpecificResource" in p.message for p in caught.value.problems)


def test_a_page_that_is_not_an_annotation_page_is_a_problem() -> None:
    data = w3c.encode(_firemen())
    data["first"]["type"] = "Nope"
    with pytest.raises(ps.ValidationError) as caught:
        w3c.decode(data)
    assert [(p.path, p.message) for p in caught.value.problems] == [
        ("$.first.type", "expected 'AnnotationPage', got \"Nope\"")
    ]
