"""Spans from quotes (issue 9, part 3)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import policyschema as ps

TEXT = "He urged, and urged again. Then he urged once more."


def test_a_unique_quote_gives_its_span() -> None:
    assert ps.locate(TEXT, "again") == ps.Span(start=20, end=25, text="again")


def test_after_and_occurrence_choose_among_repeats() -> None:
    assert ps.locate(TEXT, "urged", after=20) == ps.Span(start=35, end=40, text="urged")
    assert ps.locate(TEXT, "urged", occurrence=2).start == 14
    assert ps.locate(TEXT, "urged", after=4, occurrence=1).start == 14


def test_an_ambiguous_quote_lists_where_it_occurs() -> None:
    with pytest.raises(ValueError, match=r'"urged" occurs 3 times in the text, at offsets 3, 14 and 35; pass after='):
        ps.locate(TEXT, "urged")


def test_after_points_at_the_first_occurrence_from_there() -> None:
    # the snippet: ps.locate(text, "urged", after=900) on the reference article
    assert ps.locate(TEXT, "urged", after=4) == ps.Span(start=14, end=19, text="urged")
    text = ps.examples.load("china-daily-ipr-2020").document.text
    assert text is not None
    assert ps.locate(text, "urged", after=900) == ps.Span(start=959, end=964, text="urged")


def test_an_absent_quote_says_so() -> None:
    with pytest.raises(ValueError, match='"stressed" does not occur in the text'):
        ps.locate(TEXT, "stressed")
    with pytest.raises(ValueError, match="does not occur in the text after offset 40; it occurs before, at offset 20"):
        ps.locate(TEXT, "again", after=40)


@pytest.mark.parametrize(("kwargs", "phrase"), [({"occurrence": 4}, "occurs 3 times"), ({"after": 99}, "outside")])
def test_out_of_range_choices_are_errors(kwargs: dict[str, Any], phrase: str) -> None:
    with pytest.raises(ValueError, match=phrase):
        ps.locate(TEXT, "urged", **kwargs)


def test_empty_quote_is_an_error() -> None:
    with pytest.raises(ValueError, match="empty"):
        ps.locate(TEXT, "")


def test_offsets_count_code_points() -> None:
    text = "𝔸 urged"
    assert ps.locate(text, "urged") == ps.Span(start=2, end=7, text="urged")


def test_a_document_locates_in_its_own_text(valid: dict[str, Any]) -> None:
    doc = ps.loads(json.dumps(valid))
    assert doc.locate("urged") == doc.directives[0].cue
    doc.document.text = None
    with pytest.raises(ValueError, match="kept elsewhere"):
        doc.locate("urged")
