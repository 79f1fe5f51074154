"""The strict loader: every rule of the file format has a test that fails without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.validation import SEMANTIC_CHECKS_SKIPPED


def _problems(data: Any) -> list[ps.Problem]:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data, ensure_ascii=False)
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(text)
    assert isinstance(info.value, ValueError)
    # a report of structural problems ends with one saying the semantic checks were not run
    problems = info.value.problems
    if problems[-1].message == SEMANTIC_CHECKS_SKIPPED:
        problems = problems[:-1]
    return problems


def _paths(data: Any) -> list[str]:
    return [p.path for p in _problems(data)]


def test_valid_document_loads_into_typed_objects(valid: dict[str, Any]) -> None:
    doc = ps.loads(json.dumps(valid))
    directive = doc.directives[0]
    assert [doc.speaker(s).name for s in directive.speakers] == ["Xi Jinping"]
    assert directive.force is ps.Force.URGE
    assert doc.time_horizon("t1").start == ps.PartialDate(2021)
    assert doc.document.published.isoformat() == "2020-12-02T10:37:29+08:00"


# --- no coercion -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("12", "got a string"),
        (True, "got a boolean"),
        (1.5, "got a number"),
        (12.0, "got a number"),
        (None, "got null"),
    ],
)
def test_offsets_take_only_integers(valid: dict[str, Any], value: Any, phrase: str) -> None:
    valid["directives"][0]["evidence"][0]["end"] = value
    [problem] = _problems(valid)
    assert problem.path == "$.directives[0].evidence[0].end"
    assert "expected an integer" in problem.message
    assert phrase in problem.message


@pytest.mark.parametrize("value", [5, True, None, ["Xi"], {"name": "Xi"}])
def test_strings_take_only_strings(valid: dict[str, Any], value: Any) -> None:
    valid["speakers"][0]["name"] = value
    [problem] = _problems(valid)
    assert problem.path == "$.speakers[0].name"
    assert "expected a" in problem.message


def test_list_fields_reject_a_string(valid: dict[str, Any]) -> None:
    valid["annotation"]["annotators"] = "tester"  # a str is iterable; it must not become ['t', 'e', ...]
    assert _paths(valid) == ["$.annotation.annotators"]


def test_object_fields_reject_a_list(valid: dict[str, Any]) -> None:
    valid["document"] = []
    [problem] = _problems(valid)
    assert problem.path == "$.document"
    assert "expected an object" in problem.message


def test_enum_values_are_checked_and_listed(valid: dict[str, Any]) -> None:
    valid["directives"][0]["force"] = "order"
    [problem] = _problems(valid)
    assert problem.path == "$.directives[0].force"
    assert '"instruct"' in problem.message
    assert '"order"' in problem.message


def test_negative_offset_is_rejected(valid: dict[str, Any]) -> None:
    valid["directives"][0]["cue"]["start"] = -1
    assert "$.directives[0].cue.start" in _paths(valid)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("speakers", 0, "id"), "9xi"),
        (("speakers", 0, "external_ids", "wikidata"), "15031"),
        (("document", "language"), "English"),
        (("document", "published"), "2020-12-02 10:37:29"),
        (("document", "published"), "2020-12-02T10:37:29"),  # no offset: ambiguous instant
        (("document", "published"), "2020-02-30"),
        (("document", "published"), "2020-12-02T10:37:29.1234567+08:00"),  # below a microsecond: would be lost
        (("time_horizons", 0, "start"), "2021-13"),
        (("schema_version",), "2.0"),
        (("document", "text_sha256"), "ABC"),
    ],
)
def test_patterned_strings_are_checked(valid: dict[str, Any], path: tuple[Any, ...], value: str) -> None:
    target = valid
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    problems = _problems(valid)
    expected = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    assert expected in [p.path for p in problems]


# --- nothing is lost --------------------------------------------------------------------------


def test_unknown_fields_are_errors_with_their_path(valid: dict[str, Any]) -> None:
    valid["directives"][0]["strength"] = 3
    valid["extra"] = True
    problems = _problems(valid)
    assert [p.path for p in problems] == ["$.directives[0].strength", "$.extra"]
    assert 'unknown field "strength"' in problems[0].message


def test_missing_required_field_is_named(valid: dict[str, Any]) -> None:
    del valid["directives"][0]["action"]
    [problem] = _problems(valid)
    assert problem.path == "$.directives[0].action"
    assert "missing" in problem.message


def test_required_nullable_field_must_be_present(valid: dict[str, Any]) -> None:
    del valid["directives"][0]["occasion"]  # null is allowed, absence is not
    assert _paths(valid) == ["$.directives[0].occasion"]


def test_duplicate_keys_are_errors() -> None:
    [problem] = _problems('{"schema_version": "1.0", "schema_version": "1.0"}')
    assert 'duplicate key "schema_version"' in problem.message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_errors(valid: dict[str, Any], constant: str) -> None:
    text = json.dumps(valid).replace('"end": 2,', f'"end": {constant},', 1)
    assert constant in text
    [problem] = _problems(text)
    assert constant in problem.message


def test_invalid_utf8_is_an_error(valid: dict[str, Any]) -> None:
    raw = json.dumps(valid).encode().replace(b"Test Daily", b"Test \xff Daily")
    [problem] = _problems(raw)
    assert "invalid UTF-8" in problem.message


def test_byte_order_mark_is_an_error(valid: dict[str, Any]) -> None:
    [problem] = _problems(b"\xef\xbb\xbf" + json.dumps(valid).encode())
    assert "byte-order mark" in problem.message


def test_syntax_error_names_line_and_column() -> None:
    [problem] = _problems('{\n  "a": 1,\n}')
    assert (problem.line, problem.column) == (3, 1)
    assert "line 3, column 1" in str(problem)


def test_lone_surrogate_is_an_error(valid: dict[str, Any]) -> None:
    text = json.dumps(valid).replace("Test Daily", "Test \\ud800 Daily")
    [problem] = _problems(text)
    assert problem.path == "$.document.publisher"
    assert "surrogate" in problem.message


def test_all_problems_are_reported_at_once(valid: dict[str, Any]) -> None:
    valid["directives"][0]["force"] = 1
    valid["speakers"][0]["kind"] = "alien"
    valid["directives"][0]["speakers"] = ["nobody"]  # semantic: reported after structure is fixed
    assert _paths(valid) == ["$.speakers[0].kind", "$.directives[0].force"]


# --- round trip and canonical form ------------------------------------------------------------


def test_round_trip_is_lossless_and_canonical(valid: dict[str, Any]) -> None:
    doc = ps.loads(json.dumps(valid))
    text = ps.dumps(doc)
    assert ps.loads(text) == doc
    assert ps.dumps(ps.loads(text)) == text
    assert text.endswith("}\n")
    assert '\n  "document": {' in text
    assert "𝔸" in text  # UTF-8, no ASCII escaping


def test_dumps_omits_absent_optionals_and_keeps_required_nulls(valid: dict[str, Any]) -> None:
    data = json.loads(ps.dumps(ps.loads(json.dumps(valid))))
    assert "url" not in data["document"]
    assert data["directives"][0]["occasion"] is None
    assert list(data) == [
        "schema_version",
        "document",
        "speakers",
        "directives",
        "statements",
        "time_horizons",
        "occasions",
        "annotation",
    ]


def test_dump_and_load_files(valid: dict[str, Any], tmp_path: Path) -> None:
    doc = ps.loads(json.dumps(valid))
    ps.dump(doc, tmp_path / "a.json")
    ps.dump(doc, tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert ps.load(tmp_path / "a.json") == doc


def test_structure_and_unstructure_work_on_plain_data(valid: dict[str, Any]) -> None:
    doc = ps.structure(valid)
    assert ps.unstructure(doc)["directives"][0]["force"] == "urge"
    assert ps.structure(ps.unstructure(doc)) == doc


def test_importing_the_package_does_not_need_hypothesis() -> None:
    import subprocess
    import sys

    code = "import sys, policyschema; assert 'hypothesis' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_what_loading_does_not_need_is_imported_on_first_use() -> None:
    import subprocess
    import sys

    code = (
        "import sys, policyschema as ps\n"
        "later = ('policyschema.segmentation', 'policyschema.intercoder', 'policyschema.w3c')\n"
        "assert not [m for m in later if m in sys.modules], sorted(sys.modules)\n"
        "assert [s.text for s in ps.sentences('A b. C d.')] == ['A b.', 'C d.']\n"
        "assert 'policyschema.segmentation' in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_problems_before_the_structure_is_known_still_have_a_place() -> None:
    [nan] = _problems('{\n  "a": [1, "NaN", NaN]\n}')
    assert (nan.line, nan.column) == (2, 19)  # the bare NaN, not the string before it
    [utf8] = _problems(b'{\n  "a": "\xc3\xa9\xff"\n}')
    assert (utf8.line, utf8.column) == (2, 10)  # columns in characters: the 2-byte \xc3\xa9 is one
    [duplicate] = _problems('{"a": {"b": 1,\n "b": 2}}')
    assert (duplicate.path, duplicate.line, duplicate.column) == ("$.a.b", 2, 2)


@pytest.mark.parametrize(
    ("written", "dumped"),
    [
        ("2020-12-02T02:37:29Z", "2020-12-02T02:37:29+00:00"),
        ("2020-12-02T10:37:29.5+08:00", "2020-12-02T10:37:29.500000+08:00"),
        ("2020-12-02T10:37:29.1234-05:30", "2020-12-02T10:37:29.123400-05:30"),
    ],
)
def test_every_date_time_form_of_the_schema_loads(valid: dict[str, Any], written: str, dumped: str) -> None:
    # Python 3.10's fromisoformat takes neither Z nor 1, 2, 4 or 5 fractional digits; the loader does
    valid["document"]["published"] = written
    doc = ps.loads(json.dumps(valid))
    assert json.loads(ps.dumps(doc))["document"]["published"] == dumped
    assert ps.loads(ps.dumps(doc)) == doc


def test_date_times_compare_as_written(valid: dict[str, Any]) -> None:
    def created(when: str) -> ps.AnnotatedDocument:
        return ps.loads(json.dumps(valid | {"annotation": valid["annotation"] | {"created": when}}))

    beijing, utc = created("2020-12-02T10:37:29+08:00"), created("2020-12-02T02:37:29+00:00")
    assert beijing.annotation.created == utc.annotation.created  # the same instant to Python's datetime
    assert beijing != utc  # but not the same annotation: they are written, and dumped, differently
    assert ps.dumps(beijing) != ps.dumps(utc)


def test_dumps_refuses_what_loads_would_refuse(valid: dict[str, Any]) -> None:
    import datetime

    import attrs

    doc = ps.loads(json.dumps(valid))
    for published, phrase in (
        (datetime.datetime(2020, 12, 2, 10, 37, 29), "has no UTC offset"),
        (
            datetime.datetime(2020, 12, 2, 10, 37, 29, tzinfo=datetime.timezone(datetime.timedelta(seconds=30))),
            "UTC offset of whole minutes",
        ),
    ):
        broken = attrs.evolve(doc, document=attrs.evolve(doc.document, published=published))
        with pytest.raises(ps.ValidationError, match=phrase) as info:
            ps.dumps(broken)
        assert info.value.problems[0].path == "$.document.published"


def test_a_date_time_without_offset_says_the_offset_is_missing(valid: dict[str, Any]) -> None:
    valid["document"]["published"] = "2020-12-02T10:37:29"
    [problem] = _problems(valid)
    assert problem.path == "$.document.published"
    assert "has no UTC offset" in problem.message


def test_an_integer_too_long_to_read_is_a_problem() -> None:
    [problem] = _problems('{"schema_version": ' + "9" * 5000 + "}")
    assert "too long to read" in problem.message
    assert "set_int_max_str_digits" not in problem.message


def test_a_local_text_that_is_not_unicode_is_a_problem(valid: dict[str, Any]) -> None:
    text = valid["document"].pop("text")
    valid["document"].update(text_sha256=ps.text_sha256(text), text_length=len(text))
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(json.dumps(valid), text=text[:-1] + "\udcff")
    assert [p.path for p in info.value.problems] == ["$.document.text"]


def test_a_wrong_quote_of_a_long_span_gives_a_short_message(valid: dict[str, Any]) -> None:
    text = "x" * 10_000
    valid["document"]["text"] = text
    valid["speakers"][0]["mentions"] = [{"start": 0, "end": 10_000, "text": "y" * 10_000}]
    problems = [p for p in _problems(valid) if p.path == "$.speakers[0].mentions[0].text"]
    assert len(problems) == 1
    assert "(10,000 characters)" in problems[0].message
    assert len(problems[0].message) < 400  # both quotes cut, not 10,000 characters each


def test_dumps_writes_fields_in_model_order(valid: dict[str, Any]) -> None:
    import attrs

    valid["time_horizons"] = [{"id": "t1", "kind": "period", "start": "2021", "end": "2025", "label": "2021-25"}]
    data = json.loads(ps.dumps(ps.loads(json.dumps(valid))))
    for cl, written in ((ps.TimeHorizon, data["time_horizons"][0]), (ps.Document, data["document"])):
        order = [f.name for f in attrs.fields(cl)]
        assert list(written) == [name for name in order if name in written]
