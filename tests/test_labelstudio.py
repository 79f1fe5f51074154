"""Label Studio: lossless round trips, reviewed exports, UTF-16 offsets, the labeling config, bad input."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings

import policyschema as ps
from policyschema import labelstudio as ls
from policyschema.strategies import annotated_documents

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"
EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*/annotation.json"))
TEXT = "👨🏻‍🚒 Xi urged firemen to drive firetrucks; 中国 e\u0301tat must act."
#: The library's strategies are slow to draw full documents; a third of the profile's examples keeps
#: this file's share of the suite small (HYPOTHESIS_PROFILE=thorough still runs hundreds).
_MODEST = settings(max_examples=max(10, settings.default.max_examples // 3))


def _doc() -> ps.AnnotatedDocument:
    def span(words: str) -> dict[str, Any]:
        start = TEXT.index(words)
        return {"start": start, "end": start + len(words), "text": words}

    return ps.structure(
        {
            "schema_version": ps.SCHEMA_VERSION,
            "document": {
                "id": "fire",
                "title": "Fire",
                "publisher": "P",
                "published": "2020-12-02",
                "language": "en",
                "text": TEXT,
            },
            "speakers": [
                {"id": "xi", "name": "Xi Jinping", "kind": "person", "mentions": [span("Xi")]},
                {"id": "nobody", "name": "Someone", "kind": "group"},
            ],
            "directives": [
                {
                    "id": "d1",
                    "speakers": ["xi"],
                    "cue": span("urged"),
                    "force": "urge",
                    "modality": "obligation",
                    "addressees": [
                        {"label": "firemen", "kind": "group", "span": span("firemen")},
                        {"label": "China", "kind": "country"},
                    ],
                    "action": "drive",
                    "object": None,
                    "content": span("drive firetrucks"),
                    "conditions": [span("e\u0301tat")],
                    "policy_areas": [{"codebook": "cap", "code": "1522"}, {"codebook": "cap", "code": "10"}],
                    "time_horizon": None,
                    "occasion": None,
                    "reported_as": "indirect",
                    "evidence": [span("中国")],
                }
            ],
            "annotation": {"annotators": ["a"], "created": "2026-11-25", "guidelines": "g"},
        }
    )


def _results(task: dict[str, Any]) -> list[dict[str, Any]]:
    key = "annotations" if "annotations" in task else "predictions"
    results: list[dict[str, Any]] = task[key][-1]["result"]
    return results


def _by_id(task: dict[str, Any], region_id: str, kind: str = "labels") -> dict[str, Any]:
    return next(r for r in _results(task) if r.get("id") == region_id and r["type"] == kind)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_round_trip_of_the_reference_examples_is_lossless(example: Path) -> None:
    doc = ps.load(example)
    for as_ in ("predictions", "annotations"):
        task = json.loads(json.dumps(ls.encode(doc, as_=as_)))  # type: ignore[arg-type]
        assert as_ in task
        assert ls.decode(task) == doc


@_MODEST
@given(annotated_documents())
def test_round_trip_is_lossless_in_code_points_and_in_utf16_units(doc: ps.AnnotatedDocument) -> None:
    assume(doc.document.text is not None)
    notes: list[ps.Problem] = []
    assert ls.decode(json.loads(json.dumps(ls.encode(doc))), notes=notes) == doc
    assert notes == []
    assert ls.decode(ls.encode(doc, offsets="utf16", as_="annotations"), offsets="utf16", notes=notes) == doc
    assert notes == []


def test_the_task_shape_is_label_studio_s() -> None:
    task = ls.encode(_doc())
    assert task["data"]["text"] == TEXT
    [prediction] = task["predictions"]
    cue = _by_id(task, "directives/d1/cue")
    start = TEXT.index("urged")
    assert cue == {
        "id": "directives/d1/cue",
        "from_name": "label",
        "to_name": "text",
        "type": "labels",
        "value": {"start": start, "end": start + 5, "text": "urged", "labels": ["cue"]},
    }
    force = _by_id(task, "directives/d1/content", "choices")
    assert force["from_name"] == "directive_force"
    assert force["value"]["choices"] == ["urge"]
    codes = next(r for r in prediction["result"] if r.get("from_name") == "directive_policy_areas")
    assert codes["type"] == "textarea"
    assert codes["value"]["text"] == ["cap:1522", "cap:10"]
    relations = [r for r in prediction["result"] if r["type"] == "relation"]
    assert {"type": "relation", "from_id": "speakers/xi/mentions/0", "to_id": "directives/d1/content",
            "direction": "right", "labels": ["speaker"]} in relations  # fmt: skip
    assert {"type": "relation", "from_id": "directives/d1/content", "to_id": "directives/d1/addressees/0/span",
            "direction": "right", "labels": ["addressee"]} in relations  # fmt: skip
    assert task["data"]["policyschema"]["unanchored"]["speakers"][0]["id"] == "nobody"


def test_utf16_offsets_after_an_emoji() -> None:
    task = ls.encode(_doc(), offsets="utf16")
    cue = _by_id(task, "directives/d1/cue")["value"]
    assert (cue["start"], cue["end"]) == (TEXT.index("urged") + 3, TEXT.index("urged") + 8)
    assert ls.decode(task) == _doc()  # the task records its unit


def test_utf16_offsets_read_as_code_points_are_re_anchored_and_reported() -> None:
    task = ls.encode(_doc(), offsets="utf16")
    del task["data"]["policyschema"]["offsets"]  # as if Label Studio wrote UTF-16 offsets unannounced
    notes: list[ps.Problem] = []
    assert ls.decode(task, notes=notes) == _doc()
    assert notes
    assert all("try offsets='utf16'" in n.message for n in notes)
    assert ls.decode(task, offsets="utf16") == _doc()


def _reviewed(task: dict[str, Any]) -> list[dict[str, Any]]:
    """What Label Studio exports after review: a list of tasks with ids, annotations with metadata."""
    results = task.pop("predictions")[0]["result"]
    for result in results:
        if result["type"] != "relation":
            result["origin"] = "prediction"
    return [
        {
            "id": 17,
            "annotations": [
                {"id": 3, "completed_by": 1, "result": copy.deepcopy(results), "was_cancelled": True},
                {"id": 4, "completed_by": 1, "result": results, "was_cancelled": False, "lead_time": 12.5},
            ],
            "predictions": [],
            "data": task["data"],
            "meta": {},
            "created_at": "2026-11-25T20:00:00.000000Z",
            "project": 2,
        }
    ]


def test_a_reviewed_export_is_read_with_the_reviewers_changes(tmp_path: Path) -> None:
    export = _reviewed(ls.encode(_doc()))
    results = export[0]["annotations"][1]["result"]
    _by_id(export[0], "directives/d1/content", "choices")  # the reviewer changes the force:
    next(r for r in results if r.get("from_name") == "directive_force")["value"]["choices"] = ["instruct"]
    must = TEXT.index("must act")
    results.append(  # and adds an or-else region, related to the directive's main region
        {
            "id": "Xy12_abCde",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "origin": "manual",
            "value": {"start": must, "end": must + 8, "text": "must act", "labels": ["or_else"]},
        }
    )
    results.append(
        {
            "type": "relation",
            "from_id": "directives/d1/content",
            "to_id": "Xy12_abCde",
            "direction": "right",
            "labels": ["or_else"],
        }
    )
    path = tmp_path / "export.json"
    path.write_text(json.dumps(export), encoding="utf-8")
    imported = ls.read(path)
    [doc] = imported.documents
    directive = doc.directives[0]
    assert directive.force == ps.Force.INSTRUCT
    assert [s.text for s in directive.or_else] == ["must act"]
    assert doc.speakers == _doc().speakers


def test_an_unrelated_new_region_is_a_problem_never_dropped() -> None:
    task = ls.encode(_doc())
    _results(task).append(
        {
            "id": "zz",
            "from_name": "label",
            "to_name": "text",
            "type": "labels",
            "value": {"start": 0, "end": 1, "text": "👨", "labels": ["evidence"]},
        }
    )
    with pytest.raises(ps.ValidationError) as caught:
        ls.decode(task)
    [problem] = caught.value.problems
    assert problem.path == f"$.predictions[0].result[{len(_results(task)) - 1}]"
    assert "belongs to no item" in problem.message


def test_a_speaker_relation_must_agree_with_the_speakers() -> None:
    task = ls.encode(_doc())
    next(r for r in _results(task) if r.get("from_name") == "directive_speakers")["value"]["text"] = ["nobody"]
    with pytest.raises(ps.ValidationError, match='the speaker relation names "xi"'):
        ls.decode(task)


@pytest.mark.parametrize(
    ("edit", "path", "message"),
    [
        (lambda t: t.pop("data"), "$", "expected a Label Studio task"),
        (lambda t: t["data"].pop("text"), "$.data.text", "document text"),
        (lambda t: t["data"]["policyschema"].pop("document"), "$.data.policyschema.document", "required field"),
        (lambda t: _by_id(t, "directives/d1/cue")["value"].update(text="ladder"), "result[", "not in the text"),
        (lambda t: _by_id(t, "directives/d1/cue")["value"].update(labels=["claim"]), "labels", "expected the label"),
        (lambda t: _by_id(t, "directives/d1/cue")["value"].update(start="3"), "value.start", "integer"),
        (lambda t: _by_id(t, "directives/d1/content", "choices")["value"].update(choices=["beg"]), "result[", "force"),
        (lambda t: _by_id(t, "directives/d1/content", "choices")["value"].update(choices=[]), "choices", "one value"),
        (lambda t: _results(t).append({"type": "rating", "value": {}}), "type", "cannot be mapped"),
        (lambda t: _results(t).append({"id": "x", "type": "textarea", "from_name": "nope"}), "from_name", "unknown"),
    ],
)
def test_malformed_tasks_give_problems_with_paths(edit: Any, path: str, message: str) -> None:
    task = ls.encode(_doc())
    edit(task)
    with pytest.raises(ps.ValidationError) as caught:
        ls.decode(task)
    assert any(path in p.path and message in p.message for p in caught.value.problems), caught.value.problems


def test_a_document_without_text_cannot_be_exported() -> None:
    doc = _doc()
    doc.document.text_sha256 = ps.text_sha256(TEXT)
    doc.document.text_length = len(TEXT)
    doc.document.text = None
    with pytest.raises(ps.ValidationError, match="shows the text"):
        ls.encode(doc)


def test_the_config_declares_every_control_the_tasks_use() -> None:
    root = ET.fromstring(ls.config())
    names = {e.get("name") for e in root.iter() if e.get("name")}
    labels = {e.get("value") for e in root.iter("Label")}
    relations = {e.get("value") for e in root.iter("Relation")}
    choices = {e.get("name"): {c.get("value") for c in e.iter("Choice")} for e in root.iter("Choices")}
    assert {"directive_force", "directive_modality", "directive_polarity", "statement_kind"} <= set(choices)
    assert choices["directive_force"] == {f.value for f in ps.Force}
    assert all(e.get("perRegion") == "true" for e in [*root.iter("Choices"), *root.iter("TextArea")])
    task = ls.encode(ps.load(EXAMPLE))
    for result in _results(task):
        if result["type"] == "relation":
            assert set(result["labels"]) <= relations
            continue
        assert result["from_name"] in names
        if result["type"] == "labels":
            assert set(result["value"]["labels"]) <= labels
        if result["type"] == "choices":
            assert set(result["value"]["choices"]) <= choices[result["from_name"]]
    assert {"cue", "content", "mention", "addressee", "horizon", "condition", "or_else"} <= labels


def test_write_gives_tasks_and_config(tmp_path: Path) -> None:
    doc = ps.load(EXAMPLE)
    paths = ls.write([doc, _doc()], tmp_path / "tasks.json")
    assert [p.name for p in paths] == ["tasks.json", "tasks.config.xml"]
    assert ls.read(paths[0]).documents == [doc, _doc()]
    assert paths[1].read_text("utf-8") == ls.config()


def test_a_relation_across_items_is_a_problem() -> None:
    task = ls.encode(_doc())
    _results(task).append(
        {
            "type": "relation",
            "from_id": "directives/d1/content",
            "to_id": "speakers/xi/mentions/0",
            "direction": "right",
            "labels": ["cue"],
        }
    )
    _results(task).append({"type": "relation", "from_id": ["x"], "to_id": 3, "labels": "cue"})
    with pytest.raises(ps.ValidationError) as caught:
        ls.decode(task)
    messages = [p.message for p in caught.value.problems]
    assert any("joins regions of directives/d1 and speakers/xi" in m for m in messages)
    assert any("expected a relation with string" in m for m in messages)


def test_an_item_whose_regions_were_all_deleted_is_reported() -> None:
    task = ls.encode(_doc())
    task["predictions"][0]["result"] = [
        r for r in _results(task) if not str(r.get("id", r.get("from_id", ""))).startswith("directives/")
    ]
    task["predictions"][0]["result"] = [r for r in _results(task) if r["type"] != "relation"]
    notes: list[ps.Problem] = []
    doc = ls.decode(task, notes=notes)
    assert doc.directives == []
    assert [n.message for n in notes] == ['directive "d1" has no region left; it was removed']


@pytest.mark.parametrize("region_id", ["directives/d1/evidence/99999999999999", "directives/d1/evidence/²"])
def test_hostile_region_ids_give_problems_not_hangs(region_id: str) -> None:
    task = ls.encode(_doc())
    _by_id(task, "directives/d1/evidence/0")["id"] = region_id
    with pytest.raises(ps.ValidationError):
        ls.decode(task)


def test_regions_without_a_quote_are_taken_by_offsets_with_a_note() -> None:
    task = ls.encode(_doc(), offsets="utf16")
    del _by_id(task, "directives/d1/cue")["value"]["text"]
    notes: list[ps.Problem] = []
    assert ls.decode(task, notes=notes) == _doc()
    assert [n.message for n in notes] == ['no quote given; the offsets were taken as they are ("urged")']
    _by_id(task, "directives/d1/cue")["value"]["start"] = 1  # inside the surrogate pair of 👨
    with pytest.raises(ps.ValidationError, match="is not a stretch of the text"):
        ls.decode(task)


def test_an_addressee_s_kind_and_label_are_on_its_own_region() -> None:
    task = ls.encode(_doc())
    kind = next(r for r in _results(task) if r.get("from_name") == "addressee_kind")
    assert (kind["id"], kind["value"]["choices"]) == ("directives/d1/addressees/0/span", ["group"])
    columns = next(r for r in _results(task) if r.get("from_name") == "directive_addressees_kind")
    assert columns["value"]["text"] == ["", "country"]  # the second addressee has no span
    root = ET.fromstring(ls.config())
    view = next(v for v in root.iter("View") if v.get("whenLabelValue") == "addressee")
    assert {c.get("name") for c in view.iter("Choices")} == {"addressee_kind"}


def test_a_reviewer_adds_an_addressee_region_with_its_kind() -> None:
    task = ls.encode(_doc())
    drive = TEXT.index("firetrucks")
    position = {"start": drive, "end": drive + 10, "text": "firetrucks"}
    _results(task).extend(
        [
            {
                "id": "new1",
                "from_name": "label",
                "to_name": "text",
                "type": "labels",
                "value": {**position, "labels": ["addressee"]},
            },
            {
                "id": "new1",
                "from_name": "addressee_kind",
                "to_name": "text",
                "type": "choices",
                "value": {**position, "choices": ["businesses"]},
            },
            {
                "id": "new1",
                "from_name": "addressee_label",
                "to_name": "text",
                "type": "textarea",
                "value": {"start": drive, "end": drive + 10, "text": ["fleet owners"]},
            },
            {
                "type": "relation",
                "from_id": "directives/d1/content",
                "to_id": "new1",
                "direction": "right",
                "labels": ["addressee"],
            },
        ]
    )
    doc = ls.decode(task)
    added = doc.directives[0].addressees[2]  # after the two there were, the second of them without a span
    assert (added.label, added.kind, added.span) == (
        "fleet owners",
        ps.AddresseeKind.BUSINESSES,
        ps.Span(start=drive, end=drive + 10, text="firetrucks"),
    )
    assert doc.directives[0].addressees[:2] == _doc().directives[0].addressees


@pytest.mark.parametrize(
    ("annotations", "expected"),
    [
        ([{"result": [], "was_cancelled": True}], "every annotation (1) was cancelled"),
        ([{"result": [], "was_cancelled": True}, 7], "no annotation can be read (1 cancelled, 1 not an object)"),
    ],
)
def test_a_task_whose_every_annotation_was_cancelled_is_a_problem(annotations: list[Any], expected: str) -> None:
    """A cancelled review must not come back as reviewed: the predictions are not read in its place."""
    [task] = _reviewed(ls.encode(_doc()))
    task["predictions"] = [{"result": task["annotations"][1]["result"]}]
    task["annotations"] = annotations
    with pytest.raises(ps.ValidationError) as caught:
        ls.decode(task)
    [problem] = caught.value.problems
    assert problem.path == "$.annotations"
    assert expected in problem.message
    assert "predictions are not read" in problem.message
    task["annotations"] = []  # not reviewed yet: the predictions are what there is
    assert ls.decode(task) == _doc()


@pytest.mark.parametrize(
    ("control", "region_id"),
    [("directive_force", "directives/d1/content"), ("addressee_kind", "directives/d1/addressees/0/span")],
)
@pytest.mark.parametrize("choices", [["urge", "order"], []])
def test_not_one_choice_for_a_field_is_one_problem(control: str, region_id: str, choices: list[str]) -> None:
    """Two choices (or none) for a one-value field, on the item's main region or on a part's own
    region, are reported there, and not again as a missing field."""
    task = ls.encode(_doc())
    results = _results(task)
    index = next(i for i, r in enumerate(results) if r.get("from_name") == control)
    assert results[index]["id"] == region_id
    results[index]["value"]["choices"] = choices
    with pytest.raises(ps.ValidationError) as caught:
        ls.decode(task)
    [problem] = caught.value.problems
    assert problem.path == f"$.predictions[0].result[{index}].value.choices"
    assert f"expected one value for {control}, got {len(choices)}" in problem.message
