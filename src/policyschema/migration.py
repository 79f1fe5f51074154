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

import copy
import re
from collections.abc import Callable, Iterator
from typing import Any, Final

import attrs

from ._positions import parse_path
from .errors import Problem, ValidationError, format_path, quote
from .models import READABLE_VERSIONS, SCHEMA_VERSION
from .vocabulary import AddresseeKind, HorizonKind, Modality, OccasionKind, SpeakerKind, StatementKind

__all__ = ["migrate"]

_Path = tuple[str | int, ...]


@attrs.define
class Migration:
    """The state of one migration: problems found, and where migrated places were in the original."""

    problems: list[Problem] = attrs.field(factory=list)
    #: migrated path prefix -> the same place in the file as written
    origins: dict[_Path, _Path] = attrs.field(factory=dict)
    #: the version the file declared, when it was migrated from an older one
    read_as: str | None = None


def migrate(data: Any) -> Any:
    """Parsed JSON of any readable version (``READABLE_VERSIONS``) rewritten as the current version.

    The input is not changed. Data that is not an object or carries no readable version is returned as
    it is, for the loader to report. Raises :class:`ValidationError` when an older file uses what its
    version did not have.
    """
    migrated, state = upgrade(data)
    if state.problems:
        raise ValidationError(state.problems)
    return copy.deepcopy(migrated) if migrated is data or state.read_as is not None else migrated


def upgrade(data: Any) -> tuple[Any, Migration]:
    state = Migration()
    while isinstance(data, dict) and isinstance(data.get("schema_version"), str):
        step = _STEPS.get(data["schema_version"])
        if step is None:
            break
        if state.read_as is None:
            state.read_as = data["schema_version"]
        data = step(data, state)
    return data, state


def as_written(problems: list[Problem], state: Migration) -> list[Problem]:
    """``problems`` found in the migrated document, at their places in the file as written, and in the
    words of the version it was written in (the values and fields a 1.0 file may use)."""
    if state.read_as is None:
        return problems
    rewrite = _MESSAGES_AS_WRITTEN.get(state.read_as, str)
    return [attrs.evolve(p, path=_original_path(p.path, state.origins), message=rewrite(p.message)) for p in problems]


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
            if isinstance(item, dict) and "speakers" in item and "speaker" in item:
                # "speakers" is refused as new in 1.1; the 1.0 field beside it is not unknown
                item = {key: value for key, value in item.items() if key != "speaker"}
            elif isinstance(item, dict) and "speakers" not in item:
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


#: Per vocabulary: its values in 1.1 -> its values in 1.0, for messages about 1.0 files.
_VOCABULARIES_1_0: Final[dict[tuple[str, ...], list[str]]] = {
    tuple(m.value for m in vocabulary): [
        *(m.value for m in vocabulary if m.value not in new),
        *(["society"] if vocabulary is AddresseeKind else []),
    ]
    for vocabulary, new in (
        (SpeakerKind, _NEW_VALUES_1_1[("speakers", "kind")]),
        (AddresseeKind, _NEW_ADDRESSEE_KINDS_1_1),
        (Modality, _NEW_VALUES_1_1[("directives", "modality")]),
        (StatementKind, _NEW_VALUES_1_1[("statements", "kind")]),
        (HorizonKind, _NEW_VALUES_1_1[("time_horizons", "kind")]),
        (OccasionKind, _NEW_VALUES_1_1[("occasions", "kind")]),
    )
}
_ONE_OF: Final = re.compile(r"expected one of (.*?), got ")
_KNOWN_FIELDS: Final = re.compile(r"\(known fields: (.*)\)$")


def _message_in_1_0(message: str) -> str:
    """A loader message about a migrated 1.0 file, with the 1.0 vocabulary and fields in its lists."""

    def values(match: re.Match[str]) -> str:
        listed = tuple(v.strip('"') for v in match.group(1).split(", "))
        kept = _VOCABULARIES_1_0.get(listed, list(listed))
        return f"expected one of {', '.join(quote(v) for v in kept)}, got "

    def fields(match: re.Match[str]) -> str:
        new = {f for names in _NEW_FIELDS_1_1.values() for f in names} - {"speakers"}
        listed = ["speaker" if f == "speakers" else f for f in match.group(1).split(", ") if f not in new]
        return f"(known fields: {', '.join(listed)})"

    return _KNOWN_FIELDS.sub(fields, _ONE_OF.sub(values, message))


_MESSAGES_AS_WRITTEN: Final[dict[str, Callable[[str], str]]] = {"1.0": _message_in_1_0}
_STEPS: Final[dict[str, Callable[[dict[str, Any], Migration], dict[str, Any]]]] = {"1.0": _from_1_0}
assert set(_STEPS) | {SCHEMA_VERSION} == set(READABLE_VERSIONS)
