r"""Sentences as the annotation guidelines (rule 1) count them: the evidence spans of claims (`ps.sentences`).

>>> import policyschema as ps
>>> [s.text for s in ps.sentences("BEIJING, Nov. 27 -- Li spoke.He said more.\nA title")]
['Li spoke.', 'He said more.', 'A title']

Evidence is whole sentences (guidelines rule 4), so an annotator, a builder script and a checker need
the same split. A line of the text is a paragraph (``\n``, ``\r\n`` or ``\r`` ends it). A sentence ends
at ``.``, ``?`` or ``!`` (with the closing quotation marks or brackets right after it) when the line
ends there, a capital letter follows directly (``injured.Supervision`` is two sentences, the space
missing in the source), or a space follows and the next word does not start with a lower-case letter
(``"Stop!" he said.`` is one sentence; so is ``5 p.m. on Monday``). It does not end at the period of an
abbreviation (:data:`ABBREVIATIONS`, or ``abbreviations=``), of a capital initial or of a dotted
initialism (*U.S.*, *B.J.P.*), inside a number (*27.3.2020*), or inside quotation marks (“…”, "…", ‘…’)
unless the mark stands right before the closing quotation mark (``“We must act.” He added.`` is two).
A dateline at the start of a line (``BEIJING, Nov. 27 (Xinhua) --``, ``NEW DELHI, April 1 (PTI):``,
``WASHINGTON (Reuters) -``) is not part of the first sentence, and a line without final punctuation (a
title) is one sentence.

Known limits (English punctuation; other scripts need their own rules): an abbreviation that ends a
sentence (*... in the U.S. He said*) joins it to the next; ``…`` (one character) never ends one; straight
single quotes are apostrophes, never quotation marks, and a straight ``"`` used as an inch mark opens a
quotation; a quotation left open at a paragraph's end holds the rest of the paragraph; a URL or e-mail
address with a capital after a dot (*Xinhua.Net*) is split there.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

from .models import Span

__all__ = ["ABBREVIATIONS", "sentences"]

#: Words whose period does not end a sentence (case-sensitive, without the period). Dotted initialisms
#: (*U.S.*, *a.m.*) and single capital initials need no entry.
ABBREVIATIONS: Final = frozenset(
    (
        *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
        *("No", "Nos", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Gov", "Govt", "Sen", "Rep", "Jr", "Sr"),
        *("Sh", "Shri", "Smt", "Hon", "Rs", "Art", "Sec", "Dept", "Lt", "Col", "Capt", "Sgt", "Adm", "Mt"),
        *("Co", "Corp", "Inc", "Ltd", "vs", "etc", "approx", "cf", "al", "vol", "pp", "fig", "ed", "eds"),
    )
)

_SPACE: Final = " \t\u00a0\u2009\u202f\u3000"  # space, tab, no-break, thin, narrow no-break, ideographic
# the end mark, closing quotes or brackets, then: the line's end, a capital letter, or a space whose
# next word does not start with a lower-case letter
_END: Final = re.compile(r"[.?!][\"'”’)\]]*(?:$|(?=[A-Z])|(?=[" + _SPACE + r"](?![" + _SPACE + r"]*[a-z])))")
_CLOSING_QUOTES: Final = '”"’'
_INITIALISM: Final = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_MONTH: Final = r"[A-Z][a-z]{2,8}\.?"
_DATELINE: Final = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*)*)"
    r"(?:, (?P<date>" + _MONTH + r" [0-9]{1,2}(?:, [0-9]{4})?))?"
    r"(?: ?\((?P<agency>[A-Z][^()\n]{0,39})\))?"
    r" ?(?:--|[-–—:])(?: +|$)"
)
_LONGEST_ABBREVIATION: Final = 40


def sentences(text: str, *, abbreviations: Collection[str] = ABBREVIATIONS) -> list[Span]:
    """The sentences of ``text`` in order, each a :class:`Span` (code-point offsets and its text).

    ``abbreviations`` are the words whose period ends no sentence (default :data:`ABBREVIATIONS`; pass
    ``ABBREVIATIONS | {"Cllr"}`` to add some).
    """
    found: list[Span] = []
    for line in re.finditer(r"[^\r\n]+", text):
        start = _skip_space(text, _after_dateline(text, line.start(), line.end()), line.end())
        double = single = False  # inside “…” or "…"; inside ‘…’
        position = start
        while position < line.end():
            char = text[position]
            if char == "“" or (char == '"' and not double):
                double = True
            elif char == "”" or (char == '"' and double):
                double = False
            elif char == "‘":
                single = True
            elif char == "’" and single and not text[position + 1 : position + 2].isalpha():
                single = False
            if char in ".?!":
                end = _END.match(text, position, line.end())
                if end is not None and not _abbreviation(text, start, position, abbreviations):
                    closes = any(q in end.group() for q in _CLOSING_QUOTES)  # act." He added
                    if not (double or single) or closes:
                        double = single = False
                        found.append(Span(start=start, end=end.end(), text=text[start : end.end()]))
                        start = position = _skip_space(text, end.end(), line.end())
                        continue
            position += 1
        stop = line.end()
        while stop > start and text[stop - 1] in _SPACE:
            stop -= 1
        if start < stop:
            found.append(Span(start=start, end=stop, text=text[start:stop]))
    return found


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where the line's text begins after a dateline (a place with a date or an agency, then a dash or colon)."""
    dateline = _DATELINE.match(text, start, end)
    if dateline is None or (dateline.group("date") is None and dateline.group("agency") is None):
        return start
    return dateline.end()


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in _SPACE:
        start += 1
    return start


def _abbreviation(text: str, start: int, period: int, abbreviations: Collection[str]) -> bool:
    """Whether the period at ``period`` closes an abbreviation, an initial or an initialism."""
    if text[period] != ".":
        return False
    first = period
    limit = max(start, period - _LONGEST_ABBREVIATION)
    while first > limit and (text[first - 1].isalpha() or text[first - 1] == "."):
        first -= 1
    token = text[first:period].lstrip(".")
    if not token or (first > start and text[first - 1].isalnum()):
        return False
    return token in abbreviations or (len(token) == 1 and token.isupper()) or bool(_INITIALISM.fullmatch(token))
