"""Reading and writing annotation files: strict JSON in, checked typed objects out, canonical JSON back.

``loads`` parses strictly, structures with the strict converter and runs the semantic checks; all
problems are raised together as one :class:`~policyschema.ValidationError`. ``dumps`` writes the
canonical form: model field order, UTF-8 characters unescaped, two-space indent, a final newline.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import _fast
from ._convert import parse_json, structure_checked
from ._positions import locate_problems
from .checks import semantic_problems
from .errors import Problem, ValidationError
from .migration import Migration, as_written, upgrade
from .models import AnnotatedDocument
from .validation import checked_data, skipped_problem

__all__ = ["dump", "dumps", "load", "loads", "structure", "unstructure"]


def structure(data: Any, *, text: str | None = None, semantic: bool = True) -> AnnotatedDocument:
    """Turn parsed JSON (dicts, lists, str, int, None) into a checked :class:`AnnotatedDocument`.

    ``text`` is a local copy of the source for documents that carry only its digest; pass
    ``semantic=False`` to run only the structural checks (types, required and unknown fields, enums,
    patterns) and skip the semantic ones. When structural problems keep the semantic checks from
    running, the last problem says so.
    """
    fast: AnnotatedDocument | None = _fast.structure_data(data, AnnotatedDocument)
    if fast is not None:  # the current version, every structural rule kept: nothing was migrated
        doc, state = fast, Migration()
    else:
        try:
            doc, state = structure_as_written(data)
        except ValidationError as exc:
            if semantic:
                raise ValidationError([*exc.problems, skipped_problem()]) from None
            raise
    if semantic:
        problems = as_written(semantic_problems(doc, text=text), state)
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
    """The plain JSON data of ``doc``, ready for :func:`json.dumps`; :class:`ValidationError` (with
    every problem, as :func:`policyschema.validate` finds them) when ``doc`` is not valid."""
    data, problems = checked_data(doc)
    if problems:
        raise ValidationError(problems)
    result: dict[str, Any] = data
    return result


def loads(data: str | bytes, *, text: str | None = None) -> AnnotatedDocument:
    """Parse and check one annotation from JSON text or UTF-8 bytes.

    Problems carry the line and column in ``data`` where they are (the place of the value, or of the
    object a missing field belongs in).
    """
    if isinstance(data, (bytearray, memoryview)):  # bytes-like input is read as the bytes it holds
        data = bytes(data)
    doc: AnnotatedDocument | None = _fast.structure_json(data, AnnotatedDocument)
    if doc is not None and not semantic_problems(doc, text=text):
        return doc
    # refused, or the fast path was not sure: the detailed path decides, and says what is wrong where
    parsed = parse_json(data)
    try:
        return structure(parsed, text=text)
    except ValidationError as exc:
        json_text = data if isinstance(data, str) else data.decode("utf-8")  # parse_json checked it decodes
        raise ValidationError(locate_problems(exc.problems, json_text)) from None


def load(path: str | Path, *, text: str | None = None) -> AnnotatedDocument:
    """Read and check one annotation file."""
    return loads(Path(path).read_bytes(), text=text)


def dumps(doc: AnnotatedDocument) -> str:
    """The canonical JSON text of ``doc``; the same document always gives the same string.

    Refuses (:class:`ValidationError` with every problem) a document :func:`loads` would refuse, so
    that no file is written that cannot be read back.
    """
    return _fast.canonical_json(unstructure(doc))


def dump(doc: AnnotatedDocument, path: str | Path) -> None:
    """Write ``doc`` to ``path`` in the canonical form, as UTF-8; nothing is written when ``doc`` is
    not valid (:class:`ValidationError`)."""
    Path(path).write_text(dumps(doc), encoding="utf-8", newline="\n")
