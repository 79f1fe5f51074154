"""Exchange with annotation tools and analysis software: the registry of formats and their protocol.

Each format is one module of this package with symmetric functions, as msgspec has ``msgspec.json``
and ``msgspec.msgpack``:

- ``encode(doc, ...)`` turns one :class:`~policyschema.AnnotatedDocument` into the format's data
  (a JSON-ready dict for W3C and Label Studio; strings for brat; a CAS for INCEpTION), and
  ``decode(data, *, offsets=..., notes=None)`` turns it back into a checked document, raising
  :class:`~policyschema.ValidationError` with a path for every problem.
- ``write(docs, out)`` and ``read(path, *, offsets=...)`` are the file-level conveniences the command
  line uses (the :class:`Exporter` and :class:`Importer` protocols below). A format that produces
  several files (brat: ``.txt`` + ``.ann`` + ``annotation.conf``; CSV: several tables; Label Studio:
  tasks + labeling config) decides their names from ``out`` and returns every path it wrote.
- ``DESCRIPTION``: one line for ``--help``.

How to add a format (for instance ``brat``): write ``src/policyschema/brat.py`` with ``DESCRIPTION``,
``write`` and, if it can be imported losslessly, ``read``; then add one line to :data:`FORMATS`:
``"brat": "policyschema.brat",``. Modules are imported on first use, so a format whose optional
dependency is missing (``dkpro-cassis``, ``pandas``) fails only when it is asked for, with an
:class:`ExchangeError` that names the extra to install.

Rules every importer follows:

- Offsets: ``offsets`` says how the file counts (``"codepoints"``, ``"utf16"``, ``"utf8"``); every
  span is checked against its quote and re-anchored by quote when the offsets do not fit, through
  :class:`policyschema._anchoring.Anchorer`. Spans moved go to :attr:`Imported.notes` (the import
  succeeds); spans that cannot be placed are problems (the import fails). Nothing is dropped.
- The result is structured and checked by the strict loader (:func:`policyschema.structure`), so an
  imported document is valid by the same rules as a file; problems carry paths into the imported file
  (``$.annotations[0].result[3].value.start``, ``doc1.ann:12``).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import Final, Protocol, cast

import attrs

from ._anchoring import OffsetUnit
from ._convert import parse_json
from .errors import Problem
from .models import AnnotatedDocument

__all__ = [
    "FORMATS",
    "ExchangeError",
    "Exporter",
    "Imported",
    "Importer",
    "duplicate_ids",
    "export_documents",
    "exporter",
    "import_documents",
    "importer",
    "in_file",
    "read_json_file",
]

#: Format name (as the command line takes it) -> the module that implements it.
FORMATS: Final[dict[str, str]] = {
    "w3c": "policyschema.w3c",
    "labelstudio": "policyschema.labelstudio",
    "brat": "policyschema.brat",
    "inception": "policyschema.inception",
    "csv": "policyschema.tables",
}

#: Optional dependencies of some formats: the module name that is missing -> the extra that brings it.
_EXTRAS: Final[dict[str, str]] = {"cassis": "inception", "pandas": "pandas"}


class ExchangeError(Exception):
    """A format that does not exist, cannot be used here (a missing extra) or cannot be read back."""


@attrs.frozen
class Imported:
    """What an import gives: the documents, and notes for a reviewer (spans moved to their quote,
    say), each a :class:`~policyschema.Problem` with the place in the imported file."""

    documents: list[AnnotatedDocument]
    notes: list[Problem] = attrs.field(factory=list)


class Exporter(Protocol):
    """A format module that can write documents."""

    DESCRIPTION: str

    def write(self, docs: Sequence[AnnotatedDocument], out: Path) -> list[Path]:
        """Write ``docs`` to ``out`` (a file or a directory, as the format needs); the paths written."""
        ...


class Importer(Protocol):
    """A format module that can read documents back."""

    DESCRIPTION: str

    def read(self, path: Path, *, offsets: OffsetUnit | None = None) -> Imported:
        """The documents in ``path``; :class:`~policyschema.ValidationError` when any is not valid.
        ``offsets`` None means: as the file says, else code points."""
        ...


def _module(name: str) -> ModuleType:
    if name not in FORMATS:
        raise ExchangeError(f"unknown format {name!r}; known formats: {', '.join(sorted(FORMATS))}")
    try:
        return importlib.import_module(FORMATS[name])
    except ModuleNotFoundError as exc:
        extra = _EXTRAS.get((exc.name or "").split(".")[0])
        if extra is None:
            raise
        raise ExchangeError(
            f"the {name} format needs the optional dependency {exc.name!r}: pip install 'policyschema[{extra}]'"
        ) from None


def exporter(name: str) -> Exporter:
    """The module of format ``name``, for writing."""
    return cast(Exporter, _module(name))


def importer(name: str) -> Importer:
    """The module of format ``name``, for reading; ExchangeError if the format is export-only."""
    module = _module(name)
    if not callable(getattr(module, "read", None)):
        raise ExchangeError(f"the {name} format is export-only: it cannot be read back without loss")
    return cast(Importer, module)


def export_documents(docs: Sequence[AnnotatedDocument], to: str, out: str | Path) -> list[Path]:
    """Write ``docs`` in format ``to`` at ``out``; the paths of the files written."""
    return exporter(to).write(list(docs), Path(out))


def import_documents(path: str | Path, from_: str, *, offsets: OffsetUnit | None = None) -> Imported:
    """Read the documents of a tool's export at ``path`` in format ``from_``, checked by the loader."""
    return importer(from_).read(Path(path), offsets=offsets)


def read_json_file(path: Path) -> object:
    """The parsed JSON of ``path``, strictly (UTF-8, no duplicate keys, no NaN): what importers of
    JSON formats read with. Bad JSON is a ValidationError with a ``$`` path; OSError propagates (an
    I/O error, exit 2 on the command line)."""
    return parse_json(path.read_bytes())


def duplicate_ids(docs: Sequence[AnnotatedDocument]) -> list[Problem]:
    """A problem for each document whose id an earlier one has: formats that write one file a
    document name it by the id, and would otherwise overwrite one with another."""
    seen: dict[str, int] = {}
    problems = []
    for index, doc in enumerate(docs):
        first = seen.setdefault(doc.document.id, index)
        if first != index:
            problems.append(
                Problem(
                    f"$[{index}].document.id", f"document {index} has the id {doc.document.id!r} of document {first}"
                )
            )
    return problems


def in_file(problems: list[Problem], file: str) -> list[Problem]:
    """``problems`` of one document read from ``file``: those at a JSON path (the loader's, in the
    document built from the file) say which file, so that a directory's problems can be told apart."""
    return [attrs.evolve(p, path=f"{file}: {p.path}") if p.path.startswith("$") else p for p in problems]
