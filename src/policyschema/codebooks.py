"""Named, versioned codebooks of policy areas, and the registry the loader checks codes against.

The Comparative Agendas Project (CAP) master codebook ships with the library as ``cap``. Users
register their own codebooks (the Manifesto Project's categories, a national variant of CAP) from a
JSON file that follows ``schemas/codebook.schema.json``.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import attrs

from ._convert import parse_json, structure_checked
from ._fielddocs import add_field_docs
from .constraints import Code, CodebookId, NonEmptyText, Url
from .errors import Problem, ValidationError, format_path, quote

__all__ = [
    "DEFAULT_CODEBOOK",
    "Codebook",
    "CodebookEntry",
    "get_codebook",
    "load_codebook",
    "register_codebook",
    "registered_codebooks",
]

#: The id of the codebook shipped with the library: the CAP master codebook.
DEFAULT_CODEBOOK = "cap"


@attrs.frozen(kw_only=True)
class CodebookEntry:
    """One category of a codebook: a major topic, or a subtopic under its parent."""

    code: Code = attrs.field(metadata={"description": "The category's code, such as '15' or '1522'."})
    label: NonEmptyText = attrs.field(metadata={"description": "The category's name as the codebook gives it."})
    parent: Code | None = attrs.field(
        default=None, metadata={"description": "Code of the broader category; absent for top-level categories."}
    )
    description: NonEmptyText | None = attrs.field(
        default=None, metadata={"description": "A longer name or a note on what the category covers."}
    )


@attrs.frozen(kw_only=True)
class Codebook:
    """A named, versioned list of policy-area categories, each with a code, a label and a parent."""

    # Frozen, so that a registered codebook cannot change under the annotations checked against it.

    id: CodebookId = attrs.field(
        metadata={"description": "The id annotations use to name this codebook, such as 'cap'."}
    )
    name: NonEmptyText = attrs.field(metadata={"description": "The codebook's full name."})
    version: NonEmptyText = attrs.field(metadata={"description": "Which edition of the codebook this is."})
    source: Url | None = attrs.field(default=None, metadata={"description": "Where the codebook is published."})
    description: NonEmptyText | None = attrs.field(
        default=None, metadata={"description": "What the codebook is for and how its codes are built."}
    )
    entries: list[CodebookEntry] = attrs.field(metadata={"description": "The categories, broader ones first."})
    _index: dict[str, CodebookEntry] = attrs.field(init=False, eq=False, repr=False)

    @_index.default
    def _build_index(self) -> dict[str, CodebookEntry]:
        return {entry.code: entry for entry in self.entries}

    def __contains__(self, code: object) -> bool:
        return code in self._index

    def entry(self, code: str) -> CodebookEntry:
        """The entry with this code; KeyError if the codebook has none."""
        try:
            return self._index[code]
        except KeyError:
            raise KeyError(f"codebook {self.id!r} has no code {code!r}") from None

    def search(self, query: str) -> list[CodebookEntry]:
        """Entries whose label or description has every word of ``query``, in codebook order.

        Case-insensitive; a query word matches a word of the label or description that starts with it
        ("patent" finds "Copyrights and Patents"), so singular and plural both work. Raise
        :class:`ValueError` for a query without words.
        """
        words = _words(query)
        if not words:
            raise ValueError(f"the query {query!r} has no words to search for")
        found = []
        for entry in self.entries:
            text_words = _words(entry.label) + (_words(entry.description) if entry.description else [])
            if all(any(word.startswith(wanted) for word in text_words) for wanted in words):
                found.append(entry)
        return found

    def problems(self) -> list[Problem]:
        """What is wrong with this codebook: duplicate codes, unknown or circular parents."""
        found: list[Problem] = []
        seen: set[str] = set()
        for i, entry in enumerate(self.entries):
            if entry.code in seen:
                found.append(Problem(format_path(["entries", i, "code"]), f"duplicate code {quote(entry.code)}"))
            seen.add(entry.code)
            if entry.parent is not None and entry.parent not in self._index:
                message = f"parent {quote(entry.parent)} is not a code of this codebook"
                found.append(Problem(format_path(["entries", i, "parent"]), message))
        in_cycle = self._codes_in_cycles()
        for i, entry in enumerate(self.entries):
            if entry.code in in_cycle:
                message = f"code {quote(entry.code)} is its own ancestor"
                found.append(Problem(format_path(["entries", i, "parent"]), message))
        return found

    def _codes_in_cycles(self) -> set[str]:
        """Codes whose chain of parents comes back to them; each code is walked once."""
        walked: set[str] = set()
        in_cycle: set[str] = set()
        for entry in self.entries:
            chain: dict[str, int] = {}  # code -> place on the current chain
            code: str | None = entry.code
            while code is not None and code in self._index and code not in walked:
                if code in chain:
                    in_cycle.update(list(chain)[chain[code] :])
                    break
                chain[code] = len(chain)
                code = self._index[code].parent
            walked.update(chain)
        return in_cycle


def _words(text: str) -> list[str]:
    """The words of ``text``, case-folded: runs of letters and digits (so "R&D" is "r" and "d")."""
    return re.findall(r"[^\W_]+", text.casefold())


def _checked(codebook: Codebook) -> Codebook:
    problems = codebook.problems()
    if problems:
        raise ValidationError(problems)
    return codebook


def load_codebook(path: str | Path) -> Codebook:
    """Read and check a codebook JSON file; raise :class:`ValidationError` listing every problem."""
    return _checked(structure_checked(parse_json(Path(path).read_bytes()), Codebook))


add_field_docs([CodebookEntry, Codebook])

_lock = threading.Lock()
_registry: dict[str, Codebook] = {}


def _builtin(codebook_id: str) -> Codebook | None:
    from importlib import resources  # on first use: it is slow to import and most runs need it once

    resource = resources.files(__package__).joinpath("codebooks").joinpath(f"{codebook_id}.json")
    if not resource.is_file():
        return None
    return _checked(structure_checked(parse_json(resource.read_bytes()), Codebook))


def register_codebook(codebook: Codebook, *, replace: bool = False) -> None:
    """Make ``codebook`` known to the loader under its id; refuse to replace one unless asked."""
    _checked(codebook)
    with _lock:
        if not replace and codebook.id in _registry and _registry[codebook.id] != codebook:
            raise ValueError(f"a different codebook {codebook.id!r} is already registered; pass replace=True")
        _registry[codebook.id] = codebook


def get_codebook(codebook_id: str) -> Codebook:
    """The registered codebook with this id (the shipped ones load on first use); KeyError if unknown."""
    with _lock:
        if codebook_id not in _registry:
            builtin = _builtin(codebook_id) if codebook_id == DEFAULT_CODEBOOK else None
            if builtin is None:
                known = ", ".join(sorted({*_registry, DEFAULT_CODEBOOK}))
                raise KeyError(f"no codebook {codebook_id!r} is registered (known: {known})")
            _registry[codebook_id] = builtin
        return _registry[codebook_id]


def registered_codebooks() -> list[str]:
    """Ids of the codebooks the loader knows, shipped ones included."""
    with _lock:
        return sorted({*_registry, DEFAULT_CODEBOOK})
