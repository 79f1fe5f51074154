"""Object trees built in Python are checked as the loader checks files (issue 9, parts 1 and 4)."""

from __future__ import annotations

import datetime
import json
import math
from typing import Any

import attrs
import pytest

import policyschema as ps
from policyschema.validation import SEMANTIC_CHECKS_SKIPPED


def _doc(valid: dict[str, Any]) -> ps.AnnotatedDocument:
    return ps.loads(json.dumps(valid))


def _loader_problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(json.dumps(data))
    return [(p.path, p.message) for p in info.value.problems]


def test_a_valid_tree_has_no_problems(valid: dict[str, Any]) -> None:
    assert ps.validate(_doc(valid)) == []


def test_a_plain_string_for_a_vocabulary_is_that_value(valid: dict[str, Any]) -> None:
    doc = _doc(valid)
    canonical = ps.dumps(doc)
    doc.directives[0].force = "urge"  # type: ignore[assignment]
    doc.speakers[0].kind = "person"  # type: ignore[assignment]
    assert ps.validate(doc) == []
    assert ps.dumps(doc) == canonical


@pytest.mark.parametrize(
    ("change", "json_value"),
    [
        (lambda d: setattr(d.directives[0], "force", "urgent"), ("directives", 0, "force", "urgent")),
        (lambda d: setattr(d.directives[0].cue, "start", "3"), ("directives", 0, "cue", "start", "3")),
        (
            lambda d: setattr(d.directives[0].policy_areas[0], "code", 8),
            ("directives", 0, "policy_areas", 0, "code", 8),
        ),
        (lambda d: setattr(d.speakers[0], "id", "1xi"), ("speakers", 0, "id", "1xi")),
        (lambda d: setattr(d.document, "title", ""), ("document", "title", "")),
        (lambda d: setattr(d.directives[0], "addressees", "officials"), ("directives", 0, "addressees", "officials")),
        (lambda d: setattr(d.directives[0].cue, "end", 8.0), ("directives", 0, "cue", "end", 8.0)),
        (lambda d: setattr(d.directives[0], "occasion", "nowhere"), ("directives", 0, "occasion", "nowhere")),
        (lambda d: setattr(d.directives[0].cue, "text", "urges"), ("directives", 0, "cue", "text", "urges")),
    ],
)
def test_validate_says_what_the_loader_says(valid: dict[str, Any], change: Any, json_value: tuple[Any, ...]) -> None:
    doc = _doc(valid)
    change(doc)
    *where, key, value = json_value
    target: Any = valid
    for part in where:
        target = target[part]
    target[key] = value
    expected = _loader_problems(valid)
    assert [(p.path, p.message) for p in ps.validate(doc)] == expected
    with pytest.raises(ps.ValidationError) as info:
        ps.dumps(doc)  # never writes what loads refuses, never crashes inside
    assert [(p.path, p.message) for p in info.value.problems] == expected
    with pytest.raises(ps.ValidationError):
        ps.unstructure(doc)
    assert [(p.path, p.message) for p in ps.check(doc)] == expected  # no TypeError from the checks


def test_values_with_no_json_form_are_problems_at_their_path(valid: dict[str, Any], tmp_path: Any) -> None:
    doc = _doc(valid)
    doc.directives[0].evidence = {1, 2}  # type: ignore[assignment]
    doc.directives[0].cue.end = math.nan  # type: ignore[assignment]
    doc.speakers[0].name = b"Xi"  # type: ignore[assignment]
    problems = ps.validate(doc)
    assert [p.path for p in problems] == [
        "$.speakers[0].name",
        "$.directives[0].cue.end",
        "$.directives[0].evidence",
        "$",
    ]
    assert "bytes" in problems[0].message
    assert "nan is not a JSON number" in problems[1].message
    assert "a Python set" in problems[2].message
    assert problems[-1].message == SEMANTIC_CHECKS_SKIPPED
    path = tmp_path / "out.json"
    with pytest.raises(ps.ValidationError):
        ps.dump(doc, path)
    assert not path.exists()


def test_a_missing_required_value_is_reported(valid: dict[str, Any]) -> None:
    doc = _doc(valid)
    doc.directives[0].content = None  # type: ignore[assignment]
    [problem, skipped] = ps.validate(doc)
    assert problem.path == "$.directives[0].content"
    assert skipped.message == SEMANTIC_CHECKS_SKIPPED


def test_a_naive_date_time_says_the_offset_is_missing(valid: dict[str, Any]) -> None:
    doc = _doc(valid)
    doc.document.published = datetime.datetime(2020, 12, 2, 10, 37)
    [problem, _] = ps.validate(doc)
    assert problem.path == "$.document.published"
    assert "has no UTC offset" in problem.message


def test_constructors_do_not_check(valid: dict[str, Any]) -> None:
    span = ps.Span(start="13", end=2, text="")  # type: ignore[arg-type]
    assert span.start == "13"  # documented: validate() or dumps() check, once, when the tree is done


def test_semantic_problems_are_found_in_a_tree_built_in_python() -> None:
    text = "Xi urged officials to act."
    doc = ps.AnnotatedDocument(
        schema_version=ps.SCHEMA_VERSION,
        document=ps.Document(
            id="d", title="t", publisher="p", published=datetime.date(2020, 1, 1), language="en", text=text
        ),
        speakers=[ps.Speaker(id="xi", name="Xi", kind="person", mentions=[ps.locate(text, "Xi")])],  # type: ignore[arg-type]
        annotation=ps.Annotation(annotators=["me"], created=datetime.date(2020, 1, 2), guidelines="g"),
    )
    assert ps.validate(doc) == []
    doc.speakers.append(attrs.evolve(doc.speakers[0]))
    assert [p.path for p in ps.validate(doc)] == ["$.speakers[1].id"]


# --- messages -----------------------------------------------------------------------------------------


def test_a_span_mismatch_shows_both_texts_the_difference_and_where_the_quote_is(valid: dict[str, Any]) -> None:
    cue = valid["directives"][0]["cue"]
    cue["start"] += 1
    cue["end"] += 1
    [(path, message)] = [(p, m) for p, m in _loader_problems(valid) if p.endswith("cue.text")]
    assert path == "$.directives[0].cue.text"
    start, end = cue["start"], cue["end"]
    assert f'the span quotes "urged", but the text at offsets {start} to {end} reads "rged "' in message
    assert f'first differ at offset {start}: "u" in the span, "r" in the text' in message
    assert f"the quote is found at offsets {start - 1} to {end - 1}" in message
    assert ":" + str(end) not in message  # no a:b that reads like line:column


def test_a_quote_that_is_nowhere_says_so(valid: dict[str, Any]) -> None:
    valid["directives"][0]["cue"]["text"] = "urgeX"
    [(_, message)] = [(p, m) for p, m in _loader_problems(valid) if p.endswith("cue.text")]
    assert "does not occur in the text" in message


def test_spans_shifted_by_an_edit_are_summarised(valid: dict[str, Any]) -> None:
    valid["document"]["text"] = "A" + valid["document"]["text"]  # one character inserted before everything
    problems = _loader_problems(valid)
    summary = [m for p, m in problems if p == "$" and "shifted" in m]
    assert len(summary) == 1
    assert summary[0].startswith("6 spans are shifted by +1 after offset 0")
    assert sum("the quote is found" in m for _, m in problems) == 6  # each is still reported


def test_problems_from_loads_carry_line_and_column(valid: dict[str, Any]) -> None:
    valid["directives"][0]["force"] = "urgent"
    text = json.dumps(valid, indent=2)
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(text.encode("utf-8"))
    problem = info.value.problems[0]
    line = next(i for i, row in enumerate(text.splitlines(), 1) if '"urgent"' in row)
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index('"urgent"') + 1)
    assert f"(line {line}, column " in str(info.value)


def test_semantic_problems_from_loads_carry_line_and_column(valid: dict[str, Any]) -> None:
    valid["directives"][0]["speakers"] = ["nobody"]
    text = json.dumps(valid, indent=2)
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(text)
    [problem] = info.value.problems
    assert problem.line == next(i for i, row in enumerate(text.splitlines(), 1) if '"nobody"' in row)


def test_an_unknown_codebook_says_how_to_register_one(valid: dict[str, Any]) -> None:
    valid["directives"][0]["policy_areas"][0]["codebook"] = "never_registered"
    [(path, message)] = _loader_problems(valid)
    assert path == "$.directives[0].policy_areas[0].codebook"
    assert "ps.register_codebook(ps.load_codebook(" in message
    assert "--codebook FILE" in message


def test_a_model_object_of_the_wrong_class_is_named(valid: dict[str, Any]) -> None:
    doc = _doc(valid)
    doc.directives[0].cue = doc.speakers[0]  # type: ignore[assignment]
    [problem, skipped] = ps.validate(doc)
    assert (problem.path, problem.message) == ("$.directives[0].cue", "expected a Span object here, got a Speaker")
    assert skipped.message == SEMANTIC_CHECKS_SKIPPED


def test_a_tree_that_contains_itself_is_a_problem_not_a_crash(valid: dict[str, Any]) -> None:
    doc = _doc(valid)
    doc.directives.append(doc.directives)  # type: ignore[arg-type]
    problems = ps.validate(doc)
    assert problems[0].path == "$.directives[1]"
    assert "contains itself" in problems[0].message
    with pytest.raises(ps.ValidationError):
        ps.dumps(doc)
