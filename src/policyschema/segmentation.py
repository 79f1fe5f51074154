"""Sentences as the annotation guidelines (rule 1) count them: the evidence spans of claims (`ps.sentences`).

>>> import policyschema as ps
>>> [s.text for s in ps.sentences("BEIJING, Nov. 27 -- Li spoke.He said more.\\nA title")]
['Li spoke.', 'He said more.', 'A title']

Evidence is whole sentences (guidelines rule 4), so an annotator, a builder script and a checker need
the same split. A line of the text is a paragraph. A sentence ends at ``.``, ``?`` or ``!`` (and the
closing quotation marks or brackets right after it) when a space, a line end, the end of the text or a
capital letter follows: ``injured.Supervision`` is two sentences, the space missing in the source.
It does not end at the period of a common abbreviation (*Nov.*, *No.*, *Mr.*, *U.S.*) or of a single
capital initial, nor inside quotation marks, nor inside a number (*27.3.2020*). A dateline at the start
of a line (``BEIJING, Nov. 27 (Xinhua) --``) is not part of the first sentence, and a line without final
punctuation (a title) is one sentence. English punctuation; other scripts need their own rules.
"""

from __future__ import annotations

import re
from typing import Final

from .models import Span

__all__ = ["ABBREVIATIONS", "sentences"]

#: Words whose period does not end a sentence (case-sensitive, without the period).
ABBREVIATIONS: Final = frozenset(
    (
        *("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"),
        *("No", "Nos", "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Gov", "Sen", "Rep", "Jr", "Sr"),
        *("Co", "Corp", "Inc", "Ltd", "vs", "etc", "e.g", "i.e", "U.S", "U.K", "U.N", "E.U"),
    )
)

_END: Final = re.compile(r"[.?!][\"'”’)\]]*(?=[ \t\u00a0]|\n|$|[A-Z])")
_WORD_BEFORE: Final = re.compile(r"(?:^|(?<=[\s(\"“]))([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$")
_DATELINE: Final = re.compile(r"[A-Z][A-Z .'-]*, [A-Z][a-z]{2,3}\.? [0-9]{1,2}(?: \([^)]*\))? --? ")
_SPACE: Final = " \t\u00a0"


def sentences(text: str) -> list[Span]:
    """The sentences of ``text`` in order, each a :class:`Span` (code-point offsets and its text)."""
    found: list[Span] = []
    for line in re.finditer(r"[^\n]+", text):
        dateline = _DATELINE.match(text, line.start(), line.end())
        start = _skip_space(text, dateline.end() if dateline else line.start(), line.end())
        quoted = False
        position = start
        while position < line.end():
            char = text[position]
            if char in "“" or (char == '"' and not quoted):
                quoted = True
            elif char in "”" or (char == '"' and quoted):
                quoted = False
            if char in ".?!":
                end = _END.match(text, position, line.end())
                closes = end is not None and any(q in end.group() for q in '”"')  # act." He added
                if end is not None and (not quoted or closes) and not _abbreviation(text, start, position):
                    quoted = False
                    found.append(Span(start=start, end=end.end(), text=text[start : end.end()]))
                    start = position = _skip_space(text, end.end(), line.end())
                    continue
            position += 1
        if start < line.end():
            found.append(Span(start=start, end=line.end(), text=text[start : line.end()]))
    return found


def _skip_space(text: str, start: int, end: int) -> int:
    while start < end and text[start] in _SPACE:
        start += 1
    return start


def _abbreviation(text: str, start: int, period: int) -> bool:
    """Whether the period at ``period`` closes an abbreviation or an initial rather than a sentence."""
    if text[period] != ".":
        return False
    word = _WORD_BEFORE.search(text, start, period)
    if word is None:
        return False
    token = word.group(1)
    return token in ABBREVIATIONS or (len(token) == 1 and token.isupper())
