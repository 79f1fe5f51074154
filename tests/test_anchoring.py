"""Offsets in code points, UTF-16 units and UTF-8 bytes, and re-anchoring imported spans by quote."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policyschema._anchoring import OFFSET_UNITS, Anchorer, OffsetMap, context, from_codepoints, to_codepoints

FIREMEN = "👨🏻‍🚒 firemen drive firetrucks"
#: CJK (BMP, 3 UTF-8 bytes), a combining acute accent (U+0301), an ideograph outside the BMP (U+20BB7).
MIXED = "e\u0301tat 中国 𠮷野家 says 🇨🇳 yes; 中国 again"


def test_firemen_offsets_in_each_unit() -> None:
    start, end = FIREMEN.index("firetrucks"), FIREMEN.index("firetrucks") + len("firetrucks")
    assert (start, end) == (19, 29)
    offsets = OffsetMap(FIREMEN)
    assert [offsets.from_codepoints(o, "utf16") for o in (start, end)] == [22, 32]
    assert [offsets.from_codepoints(o, "utf8") for o in (start, end)] == [30, 40]
    assert [offsets.to_codepoints(o, "utf16") for o in (22, 32)] == [19, 29]
    assert [offsets.to_codepoints(o, "utf8") for o in (30, 40)] == [19, 29]
    assert to_codepoints(FIREMEN, 22, "utf16") == 19
    assert from_codepoints(FIREMEN, 29, "utf16") == 32


def test_offsets_inside_a_character_or_outside_the_text_have_no_code_point() -> None:
    offsets = OffsetMap(FIREMEN)
    assert offsets.to_codepoints(1, "utf16") is None  # between the surrogates of 👨
    assert offsets.to_codepoints(2, "utf8") is None  # inside the four bytes of 👨
    assert offsets.to_codepoints(-1, "utf16") is None
    assert offsets.to_codepoints(offsets.length("utf16") + 1, "utf16") is None
    assert offsets.to_codepoints(len(FIREMEN) + 1, "codepoints") is None
    with pytest.raises(ValueError, match="outside the text"):
        offsets.from_codepoints(len(FIREMEN) + 1, "utf16")


@given(st.text(), st.sampled_from(OFFSET_UNITS))
def test_conversion_agrees_with_encoding(text: str, unit: str) -> None:
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # no lone surrogates
    offsets = OffsetMap(text)
    codec = {"utf16": "utf-16-le", "utf8": "utf-8"}.get(unit)
    for i in range(len(text) + 1):
        expected = i if codec is None else len(text[:i].encode(codec)) // (2 if unit == "utf16" else 1)
        assert offsets.from_codepoints(i, unit) == expected  # type: ignore[arg-type]
        assert offsets.to_codepoints(expected, unit) == i  # type: ignore[arg-type]
    assert offsets.length(unit) == offsets.from_codepoints(len(text), unit)  # type: ignore[arg-type]


def test_offsets_that_quote_the_text_are_kept() -> None:
    anchorer = Anchorer(FIREMEN, "utf16")
    placed = anchorer.place("$.x", 22, 32, "firetrucks")
    assert placed is not None
    assert (placed.start, placed.end, placed.moved) == (19, 29, False)
    assert anchorer.notes == anchorer.problems == []


def test_utf16_offsets_read_as_code_points_are_moved_and_reported_with_a_hint() -> None:
    anchorer = Anchorer(FIREMEN)
    placed = anchorer.place("$.annotations[0].result[2].value", 22, 32, "firetrucks")
    assert placed is not None
    assert (placed.start, placed.end, placed.moved) == (19, 29, True)
    assert anchorer.problems == []
    [note] = anchorer.notes
    assert note.path == "$.annotations[0].result[2].value"
    assert "moved to 19–29" in note.message
    assert "try offsets='utf16'" in note.message


def test_prefix_and_suffix_choose_among_repeated_quotes() -> None:
    anchorer = Anchorer(MIXED)
    second = MIXED.rindex("中国")
    placed = anchorer.place("$.a", 0, 2, "中国", prefix="yes; ", suffix=" again")
    assert placed is not None
    assert (placed.start, placed.end) == (second, second + 2)
    placed = anchorer.place("$.b", 0, 2, "中国", prefix="tat ", suffix=" 𠮷")
    assert placed is not None
    assert placed.start == MIXED.index("中国")


def test_without_context_the_occurrence_nearest_the_given_offset_wins() -> None:
    anchorer = Anchorer(MIXED)
    second = MIXED.rindex("中国")
    placed = anchorer.place("$.a", second + 3, second + 5, "中国")
    assert placed is not None
    assert placed.start == second
    placed = anchorer.place("$.b", 1, 3, "中国")
    assert placed is not None
    assert placed.start == MIXED.index("中国")


def test_combining_marks_and_astral_ideographs_are_one_code_point_each() -> None:
    anchorer = Anchorer(MIXED, "utf16")
    start = MIXED.index("𠮷野家")
    # "𠮷" is two UTF-16 units, the emoji flag is two regional indicators of two units each.
    placed = anchorer.place("$.a", start, start + 4, "𠮷野家")
    assert placed is not None
    assert (placed.start, placed.end, placed.moved) == (start, start + 3, False)
    says = MIXED.index("yes")
    placed = anchorer.place("$.b", says + 3, says + 6, "yes")  # after 𠮷 (1 extra) and 🇨🇳 (2 extra)
    assert placed is not None
    assert (placed.start, placed.moved) == (says, False)
    placed = anchorer.place("$.c", 0, 2, "e\u0301")
    assert placed is not None
    assert (placed.start, placed.end) == (0, 2)


def test_missing_or_empty_quotes_are_problems_never_dropped() -> None:
    anchorer = Anchorer(FIREMEN)
    assert anchorer.place("$.a", 0, 3, "ladders") is None
    assert anchorer.place("$.b", 0, 0, "") is None
    assert [p.path for p in anchorer.problems] == ["$.a", "$.b"]
    assert "not in the text" in anchorer.problems[0].message
    assert "empty quote" in anchorer.problems[1].message


def test_a_span_without_offsets_is_placed_by_its_quote_and_reported() -> None:
    anchorer = Anchorer(FIREMEN)
    placed = anchorer.place("$.a", None, None, "drive")
    assert placed is not None
    assert (placed.start, placed.moved) == (FIREMEN.index("drive"), True)
    assert "had no offsets" in anchorer.notes[0].message


def test_offsets_inside_a_surrogate_pair_are_re_anchored() -> None:
    anchorer = Anchorer(FIREMEN, "utf16")
    placed = anchorer.place("$.a", 1, 5, "🏻")
    assert placed is not None
    assert (placed.start, placed.end, placed.moved) == (1, 2, True)


def test_unknown_unit_is_refused() -> None:
    with pytest.raises(ValueError, match="offsets must be one of"):
        Anchorer("x", "bytes")  # type: ignore[arg-type]


def test_context_is_cut_at_the_text_edges() -> None:
    assert context(FIREMEN, 19, 29, width=6) == ("drive ", "")
    assert context(FIREMEN, 0, 1, width=3) == ("", "🏻\u200d🚒")


def test_span_gives_a_model_span_in_code_points() -> None:
    anchorer = Anchorer(FIREMEN, "utf8")
    span = anchorer.span("$.a", 30, 40, "firetrucks")
    assert span is not None
    assert (span.start, span.end, span.text) == (19, 29, "firetrucks")
    assert anchorer.span("$.b", 30, 40, "ladders") is None
