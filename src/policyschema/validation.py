"""Checking object trees built in Python, with the loader's rules, paths and sentences.

A document built in code has not been through the loader: a constructor takes any value (attrs does
not check types), so ``Directive(force="urge")`` or ``Span(start="13")`` make a tree that the loader
would refuse. :func:`validate` reports every such problem as the loader would: it first turns the tree
into JSON data *leniently* (a wrong type is passed on as it is, so that the strict structuring reports
it at its own path; a Python value with no JSON form, such as a set or a float NaN, becomes a problem
at its path), then runs the loader's strict structuring and semantic checks on that data.

Constructors do not check eagerly: a tree is often built in steps, and the loader, which structures
from JSON, would pay twice. Check once, when the tree is done: :func:`validate`, or :func:`dumps`, which
refuses to write what :func:`loads` would refuse.
"""

from __future__ import annotations

import datetime
import math
import typing
from typing import Any, Final, get_args, get_origin

import attrs

from . import _fast
from ._convert import converter
from .checks import semantic_problems
from .dates import DateInterval, PartialDate
from .errors import Problem, ValidationError, format_path
from .migration import as_written
from .models import AnnotatedDocument
from .vocabulary import Vocabulary

__all__ = ["SEMANTIC_CHECKS_SKIPPED", "checked_data", "skipped_problem", "validate"]

_Path = tuple[str | int, ...]

#: The message of the problem that ends a report whose structural problems kept the semantic checks from running.
SEMANTIC_CHECKS_SKIPPED: Final = (
    "the semantic checks (spans against the text, unique ids, references, dates in order, codes) were not run, "
    "because of the problems above; fix them and check again"
)


def skipped_problem() -> Problem:
    """The last problem of a report whose structural problems kept the semantic checks from running."""
    return Problem("$", SEMANTIC_CHECKS_SKIPPED)


class _NoJson:
    """Stands in for a value that has no JSON form; the problem is already reported at its path."""

    def __repr__(self) -> str:
        return "<no JSON form>"


_NO_JSON: Final = _NoJson()
_FIELDS: dict[type, tuple[tuple[str, bool], ...]] = {}


def _fields(cl: type) -> tuple[tuple[str, bool], ...]:
    """(name, omitted when None) for each field of an attrs class, in model order (cached)."""
    found = _FIELDS.get(cl)
    if found is None:
        found = _FIELDS[cl] = tuple((a.name, a.default is None) for a in attrs.fields(cl) if a.init)
    return found


def _no_json(value: Any) -> str:
    if isinstance(value, float):
        return f"{value!r} is not a JSON number (NaN and infinities have no JSON form)"
    return f"a Python {type(value).__name__} ({_short_repr(value)}) has no JSON form"


def _short_repr(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:40] + "..."


@attrs.define
class _Walk:
    """What the lenient walk found: problems at their paths, and the class of each model object."""

    problems: list[tuple[_Path, Problem]] = attrs.Factory(list)
    classes: dict[_Path, type] = attrs.Factory(dict)
    active: set[int] = attrs.Factory(set)  # ids of the containers on the current path (cycles)

    def no_json(self, path: _Path, message: str) -> _NoJson:
        self.problems.append((path, Problem(format_path(path), message)))
        return _NO_JSON


def _raw(value: Any, path: _Path, walk: _Walk) -> Any:
    """JSON data for ``value``, never failing: wrong JSON types are kept for the strict structuring to
    report; values with no JSON form (and cycles) become problems."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if isinstance(value, Vocabulary):
        return value.value
    if kind is list or kind is dict or attrs.has(kind):
        if id(value) in walk.active:
            return walk.no_json(path, f"this {kind.__name__} contains itself; JSON cannot hold a cycle")
        walk.active.add(id(value))
        try:
            return _raw_container(value, kind, path, walk)
        finally:
            walk.active.discard(id(value))
    if kind is float:
        if math.isfinite(value):
            return value  # the structuring says it is not an integer, at this path
    elif isinstance(value, (str, int)):
        return value  # a str or int subclass: the structuring names its type
    elif isinstance(value, (datetime.date, PartialDate, DateInterval)):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    elif kind is tuple:
        return value  # "expected an array, got tuple"
    return walk.no_json(path, _no_json(value))


def _raw_container(value: Any, kind: type, path: _Path, walk: _Walk) -> Any:
    if kind is list:
        return [_raw(item, (*path, i), walk) for i, item in enumerate(value)]
    data = {}
    if kind is dict:
        for key, item in value.items():
            if isinstance(key, str):
                data[key] = _raw(item, (*path, key), walk)
            else:
                walk.no_json((*path, str(key)), f"a key {key!r} that is not a string has no JSON form")
        return data
    walk.classes[path] = kind
    for name, omit_none in _fields(kind):
        try:
            item = getattr(value, name)
        except AttributeError:  # a slot never set (attrs' __init__ bypassed): like a missing field
            continue
        if not (omit_none and item is None):
            data[name] = _raw(item, (*path, name), walk)
    return data


def _expected_class(path: _Path) -> type | None:
    """The model class the file format expects at ``path`` of an annotation, if it is an object."""
    current: Any = AnnotatedDocument
    for part in path:
        if isinstance(part, int):
            args = [a for a in get_args(current) if a is not type(None)]
            if get_origin(current) is not list or not args:
                return None
            current = args[0]
            continue
        if not (isinstance(current, type) and attrs.has(current)):
            return None
        hints = _hints(current)
        if part not in hints:
            return None
        current = hints[part]
        args = [a for a in get_args(current) if a is not type(None)]
        if get_origin(current) is not list and len(args) == 1:  # X | None
            current = args[0]
    return current if isinstance(current, type) and attrs.has(current) else None


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cl: type) -> dict[str, Any]:
    if cl not in _HINTS:
        _HINTS[cl] = typing.get_type_hints(cl, include_extras=False)
    return _HINTS[cl]


def _wrong_classes(walk: _Walk) -> list[tuple[_Path, Problem]]:
    """A problem for each model object where the format expects an object of another class."""
    found = []
    for path, kind in walk.classes.items():
        expected = _expected_class(path)
        if expected is not None and expected is not kind:
            message = f"expected a {expected.__name__} object here, got a {kind.__name__}"
            found.append((path, Problem(format_path(path), message)))
    return found


class _NeedsPaths(Exception):
    """The fast walk met a value with no JSON form: walk again, with paths, to report it."""


def _raw_fast(value: Any) -> Any:
    """:func:`_raw` without paths, for the common case of a tree that has a JSON form throughout."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if kind is list:
        return [_raw_fast(item) for item in value]
    fields = _FIELDS.get(kind)
    if fields is not None or attrs.has(kind):
        data: dict[str, Any] = {}
        for name, omit_none in fields or _fields(kind):
            item: Any = getattr(value, name, _NO_JSON)
            if item is None:
                if not omit_none:
                    data[name] = None
            elif type(item) is str:
                data[name] = item
            elif item is _NO_JSON:
                raise _NeedsPaths
            else:
                data[name] = _raw_fast(item)
        return data
    if isinstance(value, Vocabulary):
        return value.value
    if kind is float and not math.isfinite(value):
        raise _NeedsPaths
    if kind is float or kind is tuple or isinstance(value, (str, int)):
        return value
    if isinstance(value, (datetime.date, PartialDate, DateInterval)):
        return value.isoformat() if isinstance(value, datetime.date) else str(value)
    if kind is dict and all(isinstance(key, str) for key in value):
        return {key: _raw_fast(item) for key, item in value.items()}
    raise _NeedsPaths


def _is_under(path: str, prefix: str) -> bool:
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def checked_data(doc: Any, *, text: str | None = None) -> tuple[Any, list[Problem]]:
    """The JSON data of ``doc`` and every problem the loader would find in it (none: it can be written)."""
    from .codec import structure_as_written  # the loader's own first step; codec builds on this module

    checked = _fast.unstructure_checked(doc)
    if checked is not None and not semantic_problems(doc, text=text):
        return checked, []  # the common case: every rule kept, checked in one pass compiled from the classes
    walk = fast = _Walk()
    try:
        data = _raw_fast(doc)
    except (_NeedsPaths, RecursionError):  # RecursionError: a cycle, found with paths below
        walk = _Walk()
        try:
            data = _raw(doc, (), walk)
        except RecursionError:
            return None, [Problem("$", "the tree is nested too deeply to be written as JSON")]
    raw_problems = walk.problems
    problems = [problem for _, problem in raw_problems]
    try:
        structured, migration = structure_as_written(data)
    except ValidationError as exc:
        if walk is fast:  # the fast walk kept no classes: walk again to name objects of the wrong class
            _raw(doc, (), walk)
        wrong = _wrong_classes(walk)
        raw_problems = [*raw_problems, *wrong]
        problems += [problem for _, problem in wrong]
        # a value already reported (no JSON form, wrong class) is not reported again by the structuring
        known = [format_path(path) for path, _ in raw_problems]
        problems += [p for p in exc.problems if not any(_is_under(p.path, k) for k in known)]
        return data, [*problems, skipped_problem()]
    problems += as_written(semantic_problems(structured, text=text), migration)
    # written from the checked document, so values given in their JSON form (a dict for a Span, "Z" for
    # an offset) come out in the canonical form, as loads(dumps(doc)) would write them
    return (data if problems else converter.unstructure(structured)), problems


def validate(doc: AnnotatedDocument, *, text: str | None = None) -> list[Problem]:
    """Every problem :func:`policyschema.loads` would find in the file ``doc`` would be written as, with
    the loader's JSON paths and sentences; an empty list when ``doc`` is valid.

    For trees built in Python: wrong types, vocabulary values, patterns, required fields, and the
    semantic checks. A plain string equal to a vocabulary value is that value (``force="urge"``).
    ``text`` is a local copy of the source for a document that carries only its digest.
    """
    return checked_data(doc, text=text)[1]
