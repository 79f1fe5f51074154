"""Semantic checks the loader makes after the structural ones (the ones JSON Schema cannot express)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import policyschema as ps
from policyschema.checks import text_sha256

from .conftest import TEXT


def _problems(data: dict[str, Any], **kwargs: Any) -> list[ps.Problem]:
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(json.dumps(data), **kwargs)
    return info.value.problems


def test_span_text_must_equal_its_slice(valid: dict[str, Any]) -> None:
    valid["directives"][0]["cue"]["text"] = "urges"
    [problem] = _problems(valid)
    assert problem.path == "$.directives[0].cue.text"
    assert '"urged"' in problem.message


def test_span_offsets_count_code_points_not_utf16_units(valid: dict[str, Any]) -> None:
    # "𝔸" is one code point (two UTF-16 units); the fixture's span for it is one code point long
    span = valid["directives"][0]["evidence"][0]
    assert span["end"] - span["start"] == 1
    span["end"] += 1
    assert [p.path for p in _problems(valid)] == ["$.directives[0].evidence[0].text"]


def test_span_past_the_end_of_the_text(valid: dict[str, Any]) -> None:
    valid["speakers"][0]["mentions"][0] = {"start": len(TEXT), "end": len(TEXT) + 1, "text": "x"}
    [problem] = _problems(valid)
    assert problem.path == "$.speakers[0].mentions[0].end"
    assert "past the end" in problem.message


@pytest.mark.parametrize(("start", "end"), [(5, 5), (6, 5)])
def test_span_start_must_be_before_end(valid: dict[str, Any], start: int, end: int) -> None:
    valid["speakers"][0]["mentions"][0] = {"start": start, "end": end, "text": "x"}
    [problem] = _problems(valid)
    assert problem.path == "$.speakers[0].mentions[0].end"
    assert "greater than start" in problem.message


def test_ids_are_unique_per_kind(valid: dict[str, Any]) -> None:
    valid["speakers"].append(dict(valid["speakers"][0]))
    [problem] = _problems(valid)
    assert problem.path == "$.speakers[1].id"
    assert 'duplicate id "xi"' in problem.message


def test_same_id_in_different_kinds_is_fine(valid: dict[str, Any]) -> None:
    valid["time_horizons"][0]["id"] = "xi"
    valid["directives"][0]["time_horizon"] = "xi"
    ps.loads(json.dumps(valid))


def test_references_must_resolve(valid: dict[str, Any]) -> None:
    valid["directives"][0]["speakers"] = ["li"]
    valid["directives"][0]["time_horizon"] = "t9"
    valid["directives"][0]["occasion"] = "o9"
    valid["occasions"] = [{"id": "o1", "name": "x", "kind": "meeting", "date": None, "participants": ["yi"]}]
    assert sorted(p.path for p in _problems(valid)) == [
        "$.directives[0].occasion",
        "$.directives[0].speakers[0]",
        "$.directives[0].time_horizon",
        "$.occasions[0].participants[0]",
    ]


def test_horizon_end_before_start(valid: dict[str, Any]) -> None:
    valid["time_horizons"][0]["start"] = "2025"
    valid["time_horizons"][0]["end"] = "2021-06"
    [problem] = _problems(valid)
    assert problem.path == "$.time_horizons[0].end"
    assert "before start" in problem.message


def test_horizon_partial_dates_compare_as_intervals(valid: dict[str, Any]) -> None:
    valid["time_horizons"][0]["start"] = "2021-05"
    valid["time_horizons"][0]["end"] = "2021"  # May 2021 to some time in 2021: not reversed
    ps.loads(json.dumps(valid))


@pytest.mark.parametrize(
    ("kind", "start", "end", "path"),
    [("period", "2021", None, "end"), ("point", "2021", "2022", "end"), ("open_ended", None, None, "start")],
)
def test_horizon_kind_needs_its_dates(
    valid: dict[str, Any], kind: str, start: str | None, end: str | None, path: str
) -> None:
    horizon = valid["time_horizons"][0]
    horizon.update(kind=kind, start=start, end=end)
    assert [p.path for p in _problems(valid)] == [f"$.time_horizons[0].{path}"]


def test_unknown_code_and_unknown_codebook(valid: dict[str, Any]) -> None:
    valid["directives"][0]["policy_areas"] = [{"codebook": "cap", "code": "1550"}, {"codebook": "nope", "code": "1"}]
    problems = _problems(valid)
    assert [p.path for p in problems] == [
        "$.directives[0].policy_areas[0].code",
        "$.directives[0].policy_areas[1].codebook",
    ]


def test_sha256_and_length_must_agree_with_inline_text(valid: dict[str, Any]) -> None:
    valid["document"]["text_sha256"] = "0" * 64
    valid["document"]["text_length"] = len(TEXT.encode("utf-8"))  # bytes, not code points
    assert sorted(p.path for p in _problems(valid)) == ["$.document.text_length", "$.document.text_sha256"]
    valid["document"]["text_sha256"] = text_sha256(TEXT)
    valid["document"]["text_length"] = len(TEXT)
    ps.loads(json.dumps(valid))


def test_digest_only_document_checks_spans_against_a_local_copy(valid: dict[str, Any]) -> None:
    del valid["document"]["text"]
    valid["document"]["text_sha256"] = text_sha256(TEXT)
    valid["document"]["text_length"] = len(TEXT)
    doc = ps.loads(json.dumps(valid))  # without the text only bounds can be checked
    assert doc.document.text is None
    assert ps.loads(json.dumps(valid), text=TEXT) == doc
    [problem] = _problems(valid, text=TEXT.replace("urged", "urges"))
    assert problem.path == "$.document.text_sha256"
    valid["directives"][0]["cue"]["text"] = "asked"
    [problem] = _problems(valid, text=TEXT)
    assert problem.path == "$.directives[0].cue.text"


def test_document_without_text_or_digest(valid: dict[str, Any]) -> None:
    del valid["document"]["text"]
    valid["document"]["text_length"] = len(TEXT)
    assert [p.path for p in _problems(valid)] == ["$.document"]
