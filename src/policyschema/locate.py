"""Spans from quotes: find where a quote sits in the document text instead of counting offsets by hand.

Annotators quote; the file format stores offsets *and* the quote (:class:`~policyschema.Span`).
:func:`locate` turns a quote into a span and refuses to guess: a quote that is absent, or that occurs
more than once in the text when neither ``after`` nor ``occurrence`` says which one, is a ValueError
that says where it does occur.
"""

from __future__ import annotations

from .errors import quote as _quote
from .models import Span

__all__ = ["locate", "occurrences"]

_SHOWN = 10  # occurrences listed in a message


def occurrences(text: str, quote: str, *, after: int = 0) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``text`` at or after offset ``after``
    (overlapping occurrences included, as each is a different span)."""
    if not quote:
        raise ValueError("the quote is empty; a span quotes at least one character")
    found = []
    start = text.find(quote, after)
    while start >= 0:
        found.append(start)
        start = text.find(quote, start + 1)
    return found


def locate(text: str, quote: str, *, after: int = 0, occurrence: int | None = None) -> Span:
    """The :class:`Span` of ``quote`` in ``text``: code-point offsets and the quote itself.

    Which occurrence is meant must be said when the quote is not unique: ``after`` points at where
    the quote is (say, the start of its sentence) and takes the first occurrence from that offset on;
    ``occurrence`` counts occurrences from ``after`` (1 is the first). A quote that occurs more than
    once, with neither given, is a ValueError that lists the occurrences, so an ambiguous quote is
    never resolved silently.

    >>> locate("He urged, and urged again.", "urged", after=10)
    Span(start=14, end=19, text='urged')
    """
    if not isinstance(text, str) or not isinstance(quote, str):
        raise TypeError("locate takes the text and the quote as strings")
    if not 0 <= after <= len(text):
        raise ValueError(f"after={after} is outside the text (0 to {len(text)})")
    found = occurrences(text, quote, after=after)
    where = f" after offset {after}" if after else ""
    if not found:
        earlier = occurrences(text, quote) if after else []
        hint = f"; it occurs before, at {_offsets(earlier)}" if earlier else ""
        raise ValueError(f"{_quote(quote)} does not occur in the text{where}{hint}")
    if occurrence is None:
        if len(found) > 1 and not after:
            raise ValueError(
                f"{_quote(quote)} occurs {len(found)} times in the text, at {_offsets(found)}; pass "
                "after=OFFSET (the first occurrence from there is taken) or occurrence=N (1 is the first)"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(found):
        raise ValueError(
            f"occurrence={occurrence}, but {_quote(quote)} occurs {len(found)} time{'s' if len(found) > 1 else ''} "
            f"in the text{where}, at {_offsets(found)}"
        )
    start = found[occurrence - 1]
    return Span(start=start, end=start + len(quote), text=quote)


def _offsets(starts: list[int]) -> str:
    """'offsets 959, 1020 and 1400' for a message; at most ``_SHOWN`` of them."""
    shown = [str(s) for s in starts[:_SHOWN]]
    more = f" and {len(starts) - _SHOWN} more" if len(starts) > _SHOWN else ""
    if len(shown) == 1:
        return f"offset {shown[0]}{more}"
    listed = ", ".join(shown[:-1]) + (f", {shown[-1]}" if more else f" and {shown[-1]}")
    return f"offsets {listed}{more}"
