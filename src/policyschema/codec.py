"""Reading and writing annotation files: strict JSON in, checked typed objects out, canonical JSON back.

``loads`` parses strictly, structures with the strict converter and runs the semantic checks; all
problems are raised together as one :class:`~policyschema.ValidationError`. ``dumps`` writes the
canonical form: model field order, UTF-8 characters unescaped, two-space indent, a final newline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ._convert import converter, parse_json, structure_checked, to_json
from .checks import check
from .errors import ValidationError
from .models import AnnotatedDocument

__all__ = ["dump", "dumps", "load", "loads", "structure", "unstructure"]


def structure(data: Any, *, text: str | None = None, semantic: bool = True) -> AnnotatedDocument:
    """Turn parsed JSON (dicts, lists, str, int, None) into a checked :class:`AnnotatedDocument`.

    ``text`` is a local copy of the source for documents that carry only its digest; pass
    ``semantic=False`` to run only the structural checks (types, required and unknown fields, enums,
    patterns) and skip those of :func:`policyschema.check`.
    """
    doc = structure_checked(data, AnnotatedDocument)
    if semantic:
        problems = check(doc, text=text)
        if problems:
            raise ValidationError(problems)
    return doc


def unstructure(doc: AnnotatedDocument) -> dict[str, Any]:
    """The plain JSON data of ``doc``, ready for :func:`json.dumps`."""
    data: dict[str, Any] = converter.unstructure(doc)
    return data


def loads(data: str | bytes, *, text: str | None = None) -> AnnotatedDocument:
    """Parse and check one annotation from JSON text or UTF-8 bytes."""
    return structure(parse_json(data), text=text)


def load(path: str | Path, *, text: str | None = None) -> AnnotatedDocument:
    """Read and check one annotation file."""
    return loads(Path(path).read_bytes(), text=text)


def dumps(doc: AnnotatedDocument) -> str:
    """The canonical JSON text of ``doc``; the same document always gives the same string."""
    return to_json(unstructure(doc))


def dump(doc: AnnotatedDocument, path: str | Path) -> None:
    """Write ``doc`` to ``path`` in the canonical form, as UTF-8."""
    Path(path).write_text(dumps(doc), encoding="utf-8", newline="\n")
