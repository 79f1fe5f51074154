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
from .errors import Problem, ValidationError
from .migration import Migration, as_written, upgrade
from .models import AnnotatedDocument

__all__ = ["dump", "dumps", "load", "loads", "structure", "unstructure"]


def structure(data: Any, *, text: str | None = None, semantic: bool = True) -> AnnotatedDocument:
    """Turn parsed JSON (dicts, lists, str, int, None) into a checked :class:`AnnotatedDocument`.

    ``text`` is a local copy of the source for documents that carry only its digest; pass
    ``semantic=False`` to run only the structural checks (types, required and unknown fields, enums,
    patterns) and skip those of :func:`policyschema.check`.
    """
    doc, state = structure_as_written(data)
    if semantic:
        problems = as_written(check(doc, text=text), state)
        if problems:
            raise ValidationError(problems)
    return doc


def structure_as_written(data: Any) -> tuple[AnnotatedDocument, Migration]:
    """Migrate ``data`` from its version and structure it, without the semantic checks.

    Problems are raised at their places in the data as written; the returned migration state turns the
    paths of later problems (:func:`policyschema.migrate.as_written`) into such places too.
    """
    migrated, state = upgrade(data)
    try:
        doc = structure_checked(migrated, AnnotatedDocument)
    except ValidationError as exc:
        raise ValidationError(_unique([*state.problems, *as_written(exc.problems, state)])) from None
    if state.problems:
        raise ValidationError(state.problems)
    return doc, state


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


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
