"""A strict reader and writer of brat standoff ``.ann`` files, with line-numbered problems.

No parser on PyPI fits (checked 2026-11: ``bratly`` prints errors, renumbers ids and silently joins
lines it takes for broken; ``brat-peek`` and ``pybrat`` are unmaintained and do not report where a line is
wrong), so this module reads the format as brat's own server writes it
(https://brat.nlplab.org/standoff.html): one annotation a line, fields separated by tabs, ids unique per
file and every reference resolved. Every line that breaks the format becomes a :class:`Problem` whose
path is ``file.ann:LINE``; nothing is skipped silently.
"""

from __future__ import annotations

import json
import re
from typing import Final

import attrs

from .errors import Problem, quote

__all__ = [
    "Annotations",
    "Attribute",
    "Event",
    "Normalization",
    "Note",
    "TextBound",
    "ann_text",
    "note_json",
    "parse_ann",
]


@attrs.frozen
class TextBound:
    """``T1<TAB>Type START END<TAB>text``: a typed stretch of text (brat allows several fragments)."""

    id: str
    type: str
    fragments: tuple[tuple[int, int], ...]
    text: str
    line: int


@attrs.frozen
class Event:
    """``E1<TAB>Type:T1 Role:T2 Role2:E3``: an event with its trigger and role arguments (in file order)."""

    id: str
    type: str
    trigger: str
    arguments: tuple[tuple[str, str], ...]
    line: int


@attrs.frozen
class Attribute:
    """``A1<TAB>Name TARGET [VALUE]``: a (binary or multi-valued) attribute of a T, E or R annotation."""

    id: str
    name: str
    target: str
    value: str | None
    line: int


@attrs.frozen
class Normalization:
    """``N1<TAB>Reference TARGET DB:ID<TAB>text``: a link to an external resource."""

    id: str
    type: str
    target: str
    database: str
    key: str
    text: str
    line: int


@attrs.frozen
class Note:
    """``#1<TAB>AnnotatorNotes TARGET<TAB>text``: free text attached to an annotation."""

    id: str
    type: str
    target: str
    text: str
    line: int


@attrs.define
class Annotations:
    """The parsed content of one ``.ann`` file, each kind in file order."""

    text_bounds: dict[str, TextBound] = attrs.Factory(dict)
    events: dict[str, Event] = attrs.Factory(dict)
    attributes: list[Attribute] = attrs.Factory(list)
    normalizations: list[Normalization] = attrs.Factory(list)
    notes: list[Note] = attrs.Factory(list)


_TYPE: Final = r"[^\s:]+"
_T_LINE: Final = re.compile(r"(T[0-9]+)\t(" + _TYPE + r") ([0-9]+ [0-9]+(?:;[0-9]+ [0-9]+)*)\t(.*)")
_E_LINE: Final = re.compile(r"(E[0-9]+)\t(" + _TYPE + r"):([TE][0-9]+)((?: " + _TYPE + r":[TE][0-9]+)*) ?")
_A_LINE: Final = re.compile(r"([AM][0-9]+)\t(" + _TYPE + r") ([TER][0-9]+)(?: (\S+))?")
_N_LINE: Final = re.compile(r"(N[0-9]+)\t(" + _TYPE + r") ([TER][0-9]+) ([^\s:]+):(\S+)\t(.*)")
_NOTE_LINE: Final = re.compile(r"(#[0-9]*)\t(" + _TYPE + r") ([TERAN#][0-9]*)\t(.*)")

_EXPECTED: Final = {
    "T": "T<n><TAB>Type START END<TAB>text",
    "E": "E<n><TAB>Type:TRIGGER Role:ID ...",
    "A": "A<n><TAB>Name TARGET [VALUE]",
    "M": "M<n><TAB>Name TARGET [VALUE]",
    "N": "N<n><TAB>Reference TARGET DB:ID<TAB>text",
    "#": "#<n><TAB>AnnotatorNotes TARGET<TAB>text",
}
_UNUSED: Final = {
    "R": "binary relations (R lines) are not part of the policyschema mapping",
    "*": "equivalence sets (* lines) are not part of the policyschema mapping",
}


def parse_ann(ann: str, source: str = "document.ann") -> tuple[Annotations, list[Problem]]:
    """Read the ``.ann`` text; return what it holds and a problem for each line that breaks the format.

    Problems name the place as ``source:LINE`` (1-based). Lines ending in CR LF are read like LF lines;
    empty lines are allowed, as brat allows them.
    """
    found = Annotations()
    problems: list[Problem] = []
    seen: dict[str, int] = {}

    def problem(line: int, message: str) -> None:
        problems.append(Problem(f"{source}:{line}", message))

    for number, raw in enumerate(ann.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        if not line.strip():
            continue
        kind = line[0]
        if kind in _UNUSED:
            problem(number, _UNUSED[kind] + f"; not read: {quote(line)}")
            continue
        record = _parse_line(kind, line, number)
        if record is None:
            expected = _EXPECTED.get(kind)
            if expected is None:
                problem(number, f"expected a line starting with T, E, A, M, N or #, got {quote(line)}")
            else:
                problem(number, f"expected {expected}, got {quote(line)}")
            continue
        if isinstance(record, str):
            problem(number, record)
            continue
        if record.id in seen and record.id != "#":
            problem(number, f"id {record.id} is used already on line {seen[record.id]}")
            continue
        seen[record.id] = number
        if isinstance(record, TextBound):
            found.text_bounds[record.id] = record
        elif isinstance(record, Event):
            found.events[record.id] = record
        elif isinstance(record, Attribute):
            found.attributes.append(record)
        elif isinstance(record, Normalization):
            found.normalizations.append(record)
        else:
            found.notes.append(record)
    problems += _reference_problems(found, seen, source)
    return found, problems


def _parse_line(kind: str, line: str, number: int) -> TextBound | Event | Attribute | Normalization | Note | str | None:
    """The record on one line, a message saying what is wrong with it, or None when it has no known shape."""
    if kind == "T":
        m = _T_LINE.fullmatch(line)
        if m is None:
            return None
        fragments = tuple((int(a), int(b)) for a, b in (part.split(" ") for part in m.group(3).split(";")))
        for start, end in fragments:
            if start >= end:
                return f"{m.group(1)}: expected START < END, got {start} {end}"
        return TextBound(m.group(1), m.group(2), fragments, m.group(4), number)
    if kind == "E":
        m = _E_LINE.fullmatch(line)
        if m is None:
            return None
        arguments = tuple((role, target) for role, target in (a.split(":") for a in m.group(4).split()))
        return Event(m.group(1), m.group(2), m.group(3), arguments, number)
    if kind in "AM":
        m = _A_LINE.fullmatch(line)
        return None if m is None else Attribute(m.group(1), m.group(2), m.group(3), m.group(4), number)
    if kind == "N":
        m = _N_LINE.fullmatch(line)
        if m is None:
            return None
        return Normalization(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), number)
    if kind == "#":
        m = _NOTE_LINE.fullmatch(line)
        return None if m is None else Note(m.group(1), m.group(2), m.group(3), m.group(4), number)
    return None


def _reference_problems(found: Annotations, seen: dict[str, int], source: str) -> list[Problem]:
    """Every id a line refers to must be defined somewhere in the file."""
    problems: list[Problem] = []

    def check(ref: str, line: int, what: str) -> None:
        if ref not in seen:
            problems.append(Problem(f"{source}:{line}", f"{what} {ref} is not defined in this file"))

    for event in found.events.values():
        check(event.trigger, event.line, "trigger")
        if event.trigger in found.text_bounds and found.text_bounds[event.trigger].type != event.type:
            trigger = found.text_bounds[event.trigger]
            problems.append(
                Problem(
                    f"{source}:{event.line}",
                    f"trigger {event.trigger} is a {trigger.type} (line {trigger.line}), expected a {event.type}",
                )
            )
        for role, target in event.arguments:
            check(target, event.line, f"argument {role}:")
    for attribute in found.attributes:
        check(attribute.target, attribute.line, "target")
    for normalization in found.normalizations:
        check(normalization.target, normalization.line, "target")
    for note in found.notes:
        check(note.target, note.line, "target")
    return problems


#: Tabs and every character some reader takes for a line break (Python's ``str.splitlines`` set).
_BREAKS: Final = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def ann_text(text: str) -> str:
    """A span's text as the third field of a T line: tabs and line breaks become spaces (as brat writes
    a quote that crosses a line), so that every line reader sees one annotation a line."""
    return _BREAKS.sub(" ", text)


def note_json(content: object) -> str:
    """A note's JSON text on one line: control characters are escaped by JSON, the other line breaks here."""
    text = json.dumps(content, ensure_ascii=False)
    return text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
