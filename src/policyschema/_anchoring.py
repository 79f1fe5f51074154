"""Offsets in other units, and putting imported spans back on the text by their quote.

policyschema counts offsets in Unicode code points, as the W3C TextPositionSelector does and as
Python slices strings. Annotation tools that run in a browser count UTF-16 code units in some versions
(Label Studio, doccano, brat's web client, Hypothesis), and INCEpTION's CAS does too; some tools count
UTF-8 bytes. A character outside the Basic Multilingual Plane (an emoji, a rare CJK ideograph) is one
code point, two UTF-16 units and four UTF-8 bytes, so every span after it shifts.

:class:`OffsetMap` converts between the units for one text. :class:`Anchorer` places imported spans:
it converts the offsets, checks that they quote the given text, and when they do not, finds the quote
in the text (the occurrence whose surroundings match the given prefix and suffix best, then the one
nearest the given offset). Every span it moved and every span it could not place is recorded as a
:class:`~policyschema.Problem` with the path of the imported item, so that nothing is silently changed
or dropped. Importers (``w3c``, ``labelstudio``, ``brat``, ``inception``) share it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Final, Literal, get_args

import attrs

from .errors import Problem, quote
from .models import Span

__all__ = [
    "OFFSET_UNITS",
    "Anchorer",
    "OffsetMap",
    "OffsetUnit",
    "Placement",
    "context",
    "from_codepoints",
    "to_codepoints",
    "unit_names",
]

#: How an imported file counts offsets: Unicode code points (policyschema, W3C, Python), UTF-16 code
#: units (JavaScript string indices: browser tools, UIMA/Java) or UTF-8 bytes.
OffsetUnit = Literal["codepoints", "utf16", "utf8"]
OFFSET_UNITS: Final[tuple[OffsetUnit, ...]] = get_args(OffsetUnit)

_UNIT_NAMES: Final[dict[str, str]] = {
    "codepoints": "code points",
    "utf16": "UTF-16 code units",
    "utf8": "UTF-8 bytes",
}

#: Characters of context kept on each side of a quote by :func:`context` (the W3C prefix and suffix).
CONTEXT_WIDTH: Final = 32


class OffsetMap:
    """Offset conversion between code points and UTF-16 code units or UTF-8 bytes for one text.

    Built once per text (linear time), each conversion then costs a binary search, so that placing
    thousands of spans on a long text stays fast. A text with only ASCII (for UTF-8) or only BMP
    characters (for UTF-16) converts by identity.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._length = len(text)
        # Code-point indices of the characters that take more than one unit, with their extra units.
        self._wide: dict[OffsetUnit, tuple[list[int], list[int], list[int]]] = {}

    def _tables(self, unit: OffsetUnit) -> tuple[list[int], list[int], list[int]]:
        """For ``unit``: the code-point index of every wide character, the unit offset where it starts,
        and the cumulative extra units up to and including it."""
        if unit not in self._wide:
            positions: list[int] = []
            starts: list[int] = []
            extra_totals: list[int] = []
            extra = 0
            for index, char in enumerate(self.text):
                code = ord(char)
                width = _utf16_width(code) if unit == "utf16" else _utf8_width(code)
                if width > 1:
                    positions.append(index)
                    starts.append(index + extra)
                    extra += width - 1
                    extra_totals.append(extra)
            self._wide[unit] = (positions, starts, extra_totals)
        return self._wide[unit]

    def length(self, unit: OffsetUnit) -> int:
        """The length of the text counted in ``unit``."""
        return self.from_codepoints(self._length, unit)

    def from_codepoints(self, offset: int, unit: OffsetUnit) -> int:
        """The offset in ``unit`` of code-point offset ``offset`` (0 <= offset <= len(text))."""
        if not 0 <= offset <= self._length:
            raise ValueError(f"offset {offset} is outside the text (0 to {self._length} code points)")
        if unit == "codepoints":
            return offset
        positions, _, extra_totals = self._tables(unit)
        before = bisect.bisect_left(positions, offset)  # wide characters wholly before the offset
        return offset + (extra_totals[before - 1] if before else 0)

    def to_codepoints(self, offset: int, unit: OffsetUnit) -> int | None:
        """The code-point offset of ``offset`` counted in ``unit``, or None when there is none: the
        offset is outside the text or falls inside a character (between the two halves of a
        surrogate pair, inside a multi-byte UTF-8 sequence)."""
        if unit == "codepoints":
            return offset if 0 <= offset <= self._length else None
        if offset < 0:
            return None
        _, starts, extra_totals = self._tables(unit)
        before = bisect.bisect_left(starts, offset)  # wide characters starting before the offset
        if before:
            start = starts[before - 1]
            width = extra_totals[before - 1] - (extra_totals[before - 2] if before > 1 else 0) + 1
            if offset < start + width:  # inside the previous wide character
                return None
        result = offset - (extra_totals[before - 1] if before else 0)
        return result if result <= self._length else None


def _utf16_width(code: int) -> int:
    return 2 if code > 0xFFFF else 1


def _utf8_width(code: int) -> int:
    if code < 0x80:
        return 1
    if code < 0x800:
        return 2
    return 3 if code < 0x10000 else 4


def to_codepoints(text: str, offset: int, unit: OffsetUnit) -> int | None:
    """``offset`` counted in ``unit`` as a code-point offset into ``text``; None when it is outside the
    text or inside a character. Build an :class:`OffsetMap` to convert many offsets of one text."""
    return OffsetMap(text).to_codepoints(offset, unit)


def from_codepoints(text: str, offset: int, unit: OffsetUnit) -> int:
    """Code-point offset ``offset`` into ``text`` counted in ``unit`` (ValueError outside the text)."""
    return OffsetMap(text).from_codepoints(offset, unit)


def context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    """The ``width`` code points before ``start`` and after ``end``: the W3C TextQuoteSelector's
    prefix and suffix, which let a quote be found again when offsets no longer fit."""
    return text[max(0, start - width) : start], text[end : end + width]


@attrs.frozen
class Placement:
    """Where an imported span ended up: code-point offsets into the text, and whether they differ
    from the offsets the file gave (after converting its unit)."""

    start: int
    end: int
    moved: bool


class Anchorer:
    """Places the spans of one imported document on its text and keeps a record of what it did.

    ``notes`` lists the spans that were moved to where their quote is (the import went through, but
    a reviewer should look); ``problems`` lists the spans that could not be placed (the import fails).
    Both are :class:`~policyschema.Problem` objects whose path names the item in the imported file.
    """

    def __init__(self, text: str, offsets: OffsetUnit = "codepoints") -> None:
        if offsets not in OFFSET_UNITS:
            raise ValueError(f"offsets must be one of {', '.join(OFFSET_UNITS)}, not {offsets!r}")
        self.text = text
        self.offsets: OffsetUnit = offsets
        self.map = OffsetMap(text)
        self.notes: list[Problem] = []
        self.problems: list[Problem] = []

    def place(
        self,
        path: str,
        start: int | None,
        end: int | None,
        exact: str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> Placement | None:
        """The code-point span of ``exact`` given at ``start``–``end`` (in this anchorer's unit).

        When the converted offsets quote ``exact``, they are kept. Otherwise (or when the file gave
        no offsets) the quote is searched for: the occurrence whose surroundings agree most with
        ``prefix`` and ``suffix`` wins, then the one nearest the given start, then the first; the move
        is recorded in :attr:`notes`. When the quote is empty or not in the text, a problem is recorded
        in :attr:`problems` and None returned.
        """
        unit = _UNIT_NAMES[self.offsets]
        given = f"{start}–{end} ({unit})" if start is not None and end is not None else "without offsets"
        if not exact:
            self.problems.append(Problem(path, f"the span {given} has an empty quote; nothing to anchor"))
            return None
        cp_start = self.map.to_codepoints(start, self.offsets) if start is not None else None
        cp_end = self.map.to_codepoints(end, self.offsets) if end is not None else None
        if cp_start is not None and cp_end is not None and self.text[cp_start:cp_end] == exact and cp_start < cp_end:
            return Placement(cp_start, cp_end, moved=False)
        found = self._find(exact, prefix, suffix, near=cp_start if cp_start is not None else start)
        if found is None:
            where = "" if start is None else f" at {given}"
            self.problems.append(
                Problem(path, f"the quote {quote(exact)}{where} is not in the text; the span cannot be placed")
            )
            return None
        new_start, new_end = found
        if start is None or end is None:
            message = f"the span {quote(exact)} had no offsets; placed at {new_start}–{new_end} (code points)"
        else:
            message = (
                f"the span {given} does not quote {quote(exact)}; moved to {new_start}–{new_end} (code points)"
                + self._unit_hint(start, end, exact)
            )
        self.notes.append(Problem(path, message))
        return Placement(new_start, new_end, moved=True)

    def span(
        self,
        path: str,
        start: int | None,
        end: int | None,
        exact: str,
        *,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> Span | None:
        """:meth:`place`, giving a :class:`~policyschema.Span` (code points, quoting the text) or None."""
        placed = self.place(path, start, end, exact, prefix=prefix, suffix=suffix)
        if placed is None:
            return None
        return Span(start=placed.start, end=placed.end, text=self.text[placed.start : placed.end])

    def _find(self, exact: str, prefix: str | None, suffix: str | None, near: int | None) -> tuple[int, int] | None:
        """The best occurrence of ``exact`` in the text (see :meth:`place`), or None."""
        candidates: list[int] = []
        at = self.text.find(exact)
        while at != -1:
            candidates.append(at)
            at = self.text.find(exact, at + 1)
        if not candidates:
            return None

        def rank(candidate: int) -> tuple[int, int, int]:
            before, after = prefix or "", suffix or ""
            tail = self.text[max(0, candidate - len(before)) : candidate]
            head = self.text[candidate + len(exact) : candidate + len(exact) + len(after)]
            agreement = _common_tail(tail, before) + _common_head(head, after)
            distance = abs(candidate - near) if near is not None else 0
            return (-agreement, distance, candidate)

        best = min(candidates, key=rank)
        return best, best + len(exact)

    def _unit_hint(self, start: int, end: int, exact: str) -> str:
        """A hint when the file's offsets fit the quote in another unit (the usual UTF-16 mix-up)."""
        for unit in OFFSET_UNITS:
            if unit == self.offsets:
                continue
            cp_start, cp_end = self.map.to_codepoints(start, unit), self.map.to_codepoints(end, unit)
            if cp_start is not None and cp_end is not None and self.text[cp_start:cp_end] == exact:
                return f"; the offsets fit as {_UNIT_NAMES[unit]}: try offsets={unit!r}"
        return ""


def _common_tail(text: str, wanted: str) -> int:
    """How many characters at the end of ``text`` agree with the end of ``wanted``."""
    count = 0
    for a, b in zip(reversed(text), reversed(wanted), strict=False):
        if a != b:
            break
        count += 1
    return count


def _common_head(text: str, wanted: str) -> int:
    """How many characters at the start of ``text`` agree with the start of ``wanted``."""
    count = 0
    for a, b in zip(text, wanted, strict=False):
        if a != b:
            break
        count += 1
    return count


def unit_names(units: Sequence[OffsetUnit] = OFFSET_UNITS) -> str:
    """The units as a reader sees them, for messages and help texts."""
    return ", ".join(f"{u} ({_UNIT_NAMES[u]})" for u in units)
