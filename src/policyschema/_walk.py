"""Walking annotation items field by field, and building them back: what the exchange formats share.

An item (a speaker, directive, statement, time horizon, occasion) is taken apart into *leaves*, each
with its pointer inside the item (``("addressees", 0, "span")``): spans (offsets plus quote), policy
areas, and plain JSON values (strings of vocabularies, dates, free text, ids). A format maps each leaf
to its own construct (a W3C target or body, a Label Studio region or per-region field) and gives the
pointer back on import; :func:`build` then reassembles the item's JSON data, fills in the null of
every required nullable field that was left out, and the strict loader checks the result.

Walking the attrs classes, not a list of field names, means a field added to the model is carried by
every format without touching it; the formats' tables only say *how* a field is shown (its purpose).
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Annotated, Any, Final, Union, get_args, get_origin

import attrs

from ._convert import converter
from ._positions import parse_path
from .errors import Problem, ValidationError, format_path
from .models import AnnotatedDocument, PolicyArea, Span

__all__ = ["ITEM_LISTS", "Leaf", "build", "fill_nulls", "finish", "item_class", "leaves", "relocate", "span_json"]

Pointer = tuple[str | int, ...]


@attrs.frozen
class Leaf:
    """One value of an item: a :class:`Span`, a :class:`PolicyArea`, or a JSON value (str, int, ...)."""

    pointer: Pointer
    value: Any

    @property
    def name(self) -> str:
        """The field the value belongs to (the last name in the pointer): 'kind', 'evidence', ..."""
        return next(part for part in reversed(self.pointer) if isinstance(part, str))


def _item_lists() -> dict[str, type]:
    lists: dict[str, type] = {}
    hints = typing.get_type_hints(AnnotatedDocument)
    for field in attrs.fields(AnnotatedDocument):
        tp = hints[field.name]
        if get_origin(tp) is list and attrs.has(get_args(tp)[0]):
            lists[field.name] = get_args(tp)[0]
    return lists


#: The document's lists of items (field name -> item class), in file order: speakers, directives, ...
ITEM_LISTS: Final[dict[str, type]] = _item_lists()


def item_class(list_name: str) -> type:
    """The class of the items in ``AnnotatedDocument.<list_name>``."""
    return ITEM_LISTS[list_name]


def leaves(obj: Any, skip: tuple[str, ...] = ("id",)) -> Iterator[Leaf]:
    """Every value of the attrs instance ``obj``, depth first in field order; None and empty lists give
    nothing. Top-level fields named in ``skip`` are left out (the item's id travels separately)."""
    for field in attrs.fields(type(obj)):
        if field.name not in skip:
            yield from _value_leaves(getattr(obj, field.name), (field.name,))


def _value_leaves(value: Any, pointer: Pointer) -> Iterator[Leaf]:
    if value is None:
        return
    if isinstance(value, (Span, PolicyArea)):
        yield Leaf(pointer, value)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _value_leaves(getattr(value, field.name), (*pointer, field.name))
    elif isinstance(value, list):
        for index, element in enumerate(value):
            yield from _value_leaves(element, (*pointer, index))
    else:
        yield Leaf(pointer, converter.unstructure(value))


class _Tree:
    """Nested dicts keyed by field name or list index, built from (pointer, JSON value) pairs."""

    def __init__(self) -> None:
        self.root: dict[str | int, Any] = {}

    def set(self, pointer: Pointer, value: Any) -> bool:
        """Put ``value`` at ``pointer``; False when something is there already (a repeated pointer)."""
        node = self.root
        for part in pointer[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                return False
            node = child
        if pointer[-1] in node:
            return False
        node[pointer[-1]] = value
        return True


def _to_json(node: Any, where: str, problems: list[Problem]) -> Any:
    """Dicts with int keys become lists (gaps are problems); the rest is copied."""
    if not isinstance(node, dict):
        return node
    if node and all(isinstance(key, int) for key in node):
        size = max(node) + 1
        missing = [i for i in range(size) if i not in node]
        if missing:
            problems.append(Problem(where, f"list items {missing} are missing (indices must run from 0)"))
        return [_to_json(node[i], where, problems) for i in sorted(node)]
    if any(isinstance(key, int) for key in node):
        problems.append(Problem(where, "a field is given both as a list and as an object"))
    return {str(key): _to_json(value, where, problems) for key, value in node.items()}


def build(pairs: list[tuple[Pointer, Any, str]], problems: list[Problem]) -> dict[str, Any]:
    """The JSON data of one item from (pointer, JSON value, where it came from) triples; a pointer
    given twice is a problem at the second place."""
    tree = _Tree()
    for pointer, value, where in pairs:
        if not pointer or not tree.set(pointer, value):
            problems.append(Problem(where, f"the field {'/'.join(map(str, pointer))!r} is given more than once"))
    data = _to_json(tree.root, "$", problems)
    return data if isinstance(data, dict) else {}


def span_json(span: Span) -> dict[str, Any]:
    """A span as its JSON data."""
    return {"start": span.start, "end": span.end, "text": span.text}


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


def _nullable(tp: Any) -> bool:
    tp = _strip(tp)
    return get_origin(tp) in (Union, types.UnionType) and type(None) in get_args(tp)


def _classes_in(tp: Any) -> list[type]:
    """attrs classes a value of type ``tp`` may hold (directly, in a list, or in a union)."""
    tp = _strip(tp)
    if attrs.has(tp):
        return [tp]
    return [cls for arg in get_args(tp) for cls in _classes_in(arg)]


def fill_nulls(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with null for every required nullable field of ``cls`` that is missing, in nested
    objects too: formats leave nulls out (there is nothing to show), the model keeps them."""
    hints = _hints(cls)
    for field in attrs.fields(cls):
        tp = hints[field.name]
        if field.name not in data:
            if field.default is attrs.NOTHING and _nullable(tp):
                data[field.name] = None
            continue
        nested = [c for c in _classes_in(tp) if c not in (Span, PolicyArea)]
        value = data[field.name]
        if len(nested) == 1:
            for element in value if isinstance(value, list) else [value]:
                if isinstance(element, dict):
                    fill_nulls(nested[0], element)
    return data


def relocate(
    problems: list[Problem],
    origins: dict[tuple[str | int, ...], str],
    same_shape: frozenset[tuple[str | int, ...]] = frozenset(),
) -> list[Problem]:
    """The loader's problems (paths into the rebuilt document) at the places in the imported file the
    values came from: the origin of the longest known prefix of the path. For prefixes in
    ``same_shape`` (objects copied as they are, such as Label Studio's document facts) the rest of the
    path is appended; otherwise the document path stays in the message."""
    located = []
    for problem in problems:
        parts = tuple(parse_path(problem.path))
        found = next((n for n in range(len(parts), 0, -1) if parts[:n] in origins), 0)
        where = origins[parts[:found]] if found else "$"
        if found and parts[:found] in same_shape:
            where = where + format_path(parts[found:])[1:]
        message = (
            problem.message
            if where == problem.path or parts[:found] in same_shape
            else (f"{problem.message} (at {problem.path})")
        )
        located.append(Problem(where, message))
    return located


def finish(
    cls: type[AnnotatedDocument],
    data: dict[str, Any],
    origins: dict[tuple[str | int, ...], str],
    problems: list[Problem],
    same_shape: frozenset[tuple[str | int, ...]] = frozenset(),
) -> AnnotatedDocument:
    """Structure and check the rebuilt document ``data`` with the strict loader.

    ``problems`` are those found while mapping the imported file; the loader's problems are added at
    the places the values came from (``origins``), except where a mapping problem was already
    reported at or around the same place (a span that could not be placed is not reported again as a
    missing span). Raises ValidationError with all of them, or returns the checked document.
    """
    from .codec import structure

    try:
        doc = structure(data)
    except ValidationError as exc:
        known = [p.path for p in problems]
        for problem in relocate(exc.problems, origins, same_shape):
            if not any(problem.path.startswith(k) or k.startswith(problem.path) for k in known):
                problems.append(problem)
    else:
        if not problems:
            assert isinstance(doc, cls)
            return doc
    raise ValidationError(problems)
