"""Reading files of older format versions: pure dict-to-dict steps, one per version, run before structuring.

As pystac does for STAC, every reader (files, strings, parsed dicts) takes the same path: the parsed JSON
of an older version is rewritten step by step into the current version, then structured and checked as
any current file. A step never guesses: it refuses what the older version did not allow (so that a
"1.0" file using 1.1 features is an error, as the published 1.0 schema says), and problems found later
are reported at the places of the file as it was written (``$.directives[0].speaker``, not the
``speakers`` it was migrated to).

Versions and their steps:

- 1.0 -> 1.1: a directive's or statement's ``speaker`` becomes ``speakers``, a list of one; the
  addressee kind ``society`` becomes ``public``. Nothing else changes: every 1.0 file is a 1.1 file
  with the same content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from ._positions import parse_path
from .errors import Problem, ValidationError, format_path, quote
from .models import READABLE_VERSIONS, SCHEMA_VERSION

__all__ = ["migrate"]

_Path = tuple[str | int, ...]


@attrs.define
class Migration:
    """The state of one migration: problems found, and where migrated places were in the original."""

    problems: list[Problem] = attrs.field(factory=list)
    #: migrated path prefix -> the same place in the file as written
    origins: dict[_Path, _Path] = attrs.field(factory=dict)


def migrate(data: Any) -> Any:
    """Parsed JSON of any readable version (``READABLE_VERSIONS``) rewritten as the current version.

    The input is not changed. Data that is not an object or carries no readable version is returned as
    it is, for the loader to report. Raises :class:`ValidationError` when an older file uses what its
    version did not have.
    """
    migrated, state = upgrade(data)
    if state.problems:
        raise ValidationError(state.problems)
    return migrated


def upgrade(data: Any) -> tuple[Any, Migration]:
    state = Migration()
    while isinstance(data, dict) and isinstance(data.get("schema_version"), str):
        step = _STEPS.get(data["schema_version"])
        if step is None:
            break
        data = step(data, state)
    return data, state


def as_written(problems: list[Problem], state: Migration) -> list[Problem]:
    """``problems`` found in the migrated document, at their places in the file as written."""
    if not state.origins:
        return problems
    return [attrs.evolve(p, path=_original_path(p.path, state.origins)) for p in problems]


def _original_path(path: str, origins: dict[_Path, _Path]) -> str:
    parts = parse_path(path)
    for length in range(len(parts), 0, -1):
        origin = origins.get(parts[:length])
        if origin is not None:
            return format_path((*origin, *parts[length:]))
    return path


# --- 1.0 -> 1.1 ---------------------------------------------------------------------------------

_ITEM_LISTS: Final = ("speakers", "directives", "statements", "time_horizons", "occasions")
#: Fields an item of each list gained in 1.1.
_NEW_FIELDS_1_1: Final[dict[str, tuple[str, ...]]] = {
    "directives": ("speakers", "polarity", "conditions", "or_else", "relays"),
    "statements": ("speakers",),
    "time_horizons": ("anchor", "relation", "offset"),
}
#: Vocabulary values that 1.1 added, by list and field.
_NEW_VALUES_1_1: Final[dict[tuple[str, str], frozenset[str]]] = {
    ("speakers", "kind"): frozenset({"group"}),
    ("directives", "modality"): frozenset({"necessity", "permission"}),
    ("statements", "kind"): frozenset({"decision", "commitment"}),
    ("time_horizons", "kind"): frozenset({"deadline", "relative"}),
    ("occasions", "kind"): frozenset({"accident", "disaster", "election"}),
}
_NEW_ADDRESSEE_KINDS_1_1: Final = frozenset({"country", "international_organization", "public", "businesses"})
#: Date fields that may hold an interval ("A/B") since 1.1.
_DATE_FIELDS: Final[dict[str, tuple[str, ...]]] = {"time_horizons": ("start", "end"), "occasions": ("date",)}


def _items(data: dict[str, Any], name: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = data.get(name)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _from_1_0(data: dict[str, Any], state: Migration) -> dict[str, Any]:
    def new_in_1_1(path: _Path, what: str) -> None:
        message = f'{what} is new in format 1.1, but the file says schema_version "1.0"; set it to "1.1" to use it'
        state.problems.append(Problem(format_path(path), message))

    for name in _ITEM_LISTS:
        for i, item in _items(data, name):
            for field in _NEW_FIELDS_1_1.get(name, ()):
                if field in item:
                    new_in_1_1((name, i, field), f"the field {quote(field)}")
            for field, values in ((f, v) for (n, f), v in _NEW_VALUES_1_1.items() if n == name):
                if isinstance(item.get(field), str) and item[field] in values:
                    new_in_1_1((name, i, field), f"the value {quote(item[field])}")
            for field in _DATE_FIELDS.get(name, ()):
                if isinstance(item.get(field), str) and "/" in item[field]:
                    new_in_1_1((name, i, field), "a date interval")
    for i, directive in _items(data, "directives"):
        if "object" in directive and directive["object"] is None:
            new_in_1_1(("directives", i, "object"), "a null object")
        addressees = directive.get("addressees")
        for j, addressee in enumerate(addressees if isinstance(addressees, list) else []):
            kind = addressee.get("kind") if isinstance(addressee, dict) else None
            if isinstance(kind, str) and kind in _NEW_ADDRESSEE_KINDS_1_1:
                new_in_1_1(("directives", i, "addressees", j, "kind"), f"the value {quote(kind)}")

    migrated = dict(data)
    migrated["schema_version"] = "1.1"
    for name in ("directives", "statements"):
        if not isinstance(data.get(name), list):
            continue
        items: list[Any] = []
        for i, item in enumerate(data[name]):
            if isinstance(item, dict) and "speakers" not in item:
                item = {("speakers" if key == "speaker" else key): value for key, value in item.items()}
                if "speakers" in item:
                    item["speakers"] = [item["speakers"]]
                    state.origins[(name, i, "speakers", 0)] = (name, i, "speaker")
                state.origins[(name, i, "speakers")] = (name, i, "speaker")
            if name == "directives" and isinstance(item, dict) and isinstance(item.get("addressees"), list):
                item = {**item, "addressees": [_public(a) for a in item["addressees"]]}
            items.append(item)
        migrated[name] = items
    return migrated


def _public(addressee: Any) -> Any:
    """1.0's addressee kind "society" is 1.1's "public"."""
    if isinstance(addressee, dict) and addressee.get("kind") == "society":
        return {**addressee, "kind": "public"}
    return addressee


_STEPS: Final[dict[str, Callable[[dict[str, Any], Migration], dict[str, Any]]]] = {"1.0": _from_1_0}
assert set(_STEPS) | {SCHEMA_VERSION} == set(READABLE_VERSIONS)
