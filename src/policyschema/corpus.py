"""Validating corpora: one JSON document a line, each checked on its own, with a report per document.

Validation is per document, so a corpus too large for one machine runs on an existing engine:
:func:`validate_lines` takes any iterable of lines (a file, a list, a Dask bag partition) and returns one
:class:`DocumentReport` per document, with every problem located (line and column) as ``policyschema
validate`` prints it -- the command line calls the same function, so the two cannot differ.

    import dask.bag as db
    from policyschema.corpus import validate_lines

    reports = db.read_text("corpus/*.jsonl", blocksize=None, include_path=True).map_partitions(validate_lines)
    invalid = [r for r in reports.compute() if not r.valid]

See docs/scale.md for the local scheduler and for a distributed cluster.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Final

import attrs

from . import _fast
from ._convert import parse_json
from ._positions import locate_problems
from .checks import semantic_problems
from .codec import structure_as_written
from .errors import Problem, ValidationError, quote
from .migration import as_written
from .models import AnnotatedDocument
from .validation import SEMANTIC_CHECKS_SKIPPED

__all__ = ["DEFAULT_MAX_BYTES", "DocumentReport", "SourceTextError", "validate_document", "validate_lines"]

#: Documents (or lines) larger than this are refused unread.
DEFAULT_MAX_BYTES: Final = 32 * 1024 * 1024

#: "-": standard input, which has no sibling files.
_STDIN: Final = "-"


class SourceTextError(OSError):
    """The local source text of a digest-only document exists but cannot be read (an I/O error, not a
    problem in the document)."""


@attrs.frozen
class DocumentReport:
    """What was found in one document: where it starts, every problem (located), and notes for the reader.

    ``line`` is the 1-based line the document starts on in its input; problems carry the line and column
    in that input. ``source`` names the input (a file name) when known.
    """

    line: int
    problems: list[Problem]
    notes: list[str] = attrs.field(factory=list)
    source: str | None = None

    @property
    def valid(self) -> bool:
        """Whether the document has no problem."""
        return not self.problems


@attrs.frozen
class _Options:
    max_bytes: int
    text_file: str | None
    schema_check: str
    codebooks: tuple[str, ...] = ()  # files the command line registers (in every worker process too)


def _printable(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _locate(problems: list[Problem], text: str | None, line_offset: int) -> list[Problem]:
    return locate_problems(problems, text, line_offset)


def _sibling_text(source: str | None, doc: AnnotatedDocument, options: _Options) -> tuple[str | None, str | None]:
    """The local source text for a digest-only document, and a note saying where it came from."""
    if doc.document.text is not None:
        return None, None
    candidates = [Path(options.text_file)] if options.text_file else []
    if source is not None and source != _STDIN and not options.text_file:
        candidates = [Path(source).with_suffix(".txt"), Path(source).parent / "source.txt"]
        candidates = [c for c in candidates if c.is_file()]
    for candidate in candidates[:1]:
        try:  # bytes, decoded as they are: no newline translation, so CRLF texts keep their digest
            return candidate.read_bytes().decode("utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise SourceTextError(f"{_printable(str(candidate))}: cannot read the text: {reason}") from None
    note = f"no local text for digest-only document {quote(doc.document.id)}; span quotes not checked"
    return None, f"{_printable(source or '<input>')}: {note}"


def _check_document(
    raw: bytes | str, source: str | None, options: _Options, line_offset: int = 0
) -> tuple[list[Problem], list[str]]:
    """Every problem of one JSON document, located; and notes for the reader.

    ``raw`` is bytes as read from a file, or a ``str`` given by a caller (which may hold lone surrogates:
    they are then reported where they stand, as ``loads`` does, not as invalid UTF-8).
    """
    if options.schema_check != "always":
        doc = _fast.structure_json(raw, AnnotatedDocument)
        if doc is not None:  # the common case, a valid current document: no second parse
            local_text, note = _sibling_text(source, doc, options)
            if not semantic_problems(doc, text=local_text):
                return [], [note] if note else []
    # refused, or the fast path was not sure: the detailed path decides, and says what is wrong where
    try:
        data = parse_json(raw)
    except ValidationError as exc:
        return _locate(exc.problems, None, line_offset), []
    notes: list[str] = []
    problems = []
    try:
        doc, migration = structure_as_written(data)
    except ValidationError as exc:
        problems = list(exc.problems)
        where = f" (line {line_offset + 1})" if line_offset else ""
        notes.append(f"{_printable(source or '<input>')}{where}: {SEMANTIC_CHECKS_SKIPPED}")
    else:
        local_text, note = _sibling_text(source, doc, options)
        if note:
            notes.append(note)
        problems = as_written(semantic_problems(doc, text=local_text), migration)
    if options.schema_check == "always" or (problems and options.schema_check == "auto"):
        from .schema import validate_json  # pure-Python jsonschema: imported only when it runs

        known = [p.path for p in problems]
        for schema_problem in validate_json(data):
            # keep what the loader did not already say at the same place or below it
            if not any(path == schema_problem.path or path.startswith(schema_problem.path) for path in known):
                problems.append(attrs.evolve(schema_problem, message=f"(schema) {schema_problem.message}"))
    if not problems:
        return [], notes
    located = _locate(problems, raw if isinstance(raw, str) else raw.decode("utf-8"), line_offset)
    return sorted(located, key=lambda p: (p.line or 0, p.column or 0)), notes


def _size(raw: str | bytes) -> int:
    """The size in bytes of a document: a ``str`` counted as UTF-8 (a lone surrogate as three bytes)."""
    return len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)


def _too_long(max_bytes: int, line: int) -> Problem:
    message = f"line longer than {max_bytes:,} bytes; refused (raise the limit with --max-bytes)"
    return Problem("$", message, line, 1)


def validate_document(
    data: str | bytes,
    *,
    source: str | None = None,
    line: int = 1,
    text_file: str | None = None,
    schema_check: str = "auto",
) -> DocumentReport:
    """Check one JSON document (strict JSON, structure, semantic checks) and report every problem.

    ``source`` is the file it came from: a digest-only document's text is looked for next to it (the
    same name with ``.txt``, or ``source.txt``) unless ``text_file`` names it. ``line`` is the line the
    document starts on in its input. ``schema_check``: also run the JSON Schema validator on documents
    the loader refuses ("auto"), on all ("always") or never ("never").
    """
    if schema_check not in ("auto", "always", "never"):
        raise ValueError(f"schema_check must be 'auto', 'always' or 'never', not {schema_check!r}")
    options = _Options(max_bytes=max(_size(data), 1), text_file=text_file, schema_check=schema_check)
    problems, notes = _check_document(data, source, options, line_offset=line - 1)
    return DocumentReport(line, problems, notes, source)


def validate_lines(
    lines: Iterable[str | bytes | tuple[str | bytes, str]],
    *,
    source: str | None = None,
    first_line: int = 1,
    text_file: str | None = None,
    schema_check: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> list[DocumentReport]:
    """Check every non-blank line as one JSON document; one report per document, in input order.

    ``lines`` may end in ``"\\n"`` or not (a Dask bag of ``read_text`` keeps it). An item may also be a
    ``(line, path)`` pair, as ``dask.bag.read_text(..., include_path=True)`` gives: then ``path`` is the
    source, and lines are counted from 1 in each source. ``first_line`` is the number of the first line
    (for a slice of a larger file). A line longer than ``max_bytes`` is refused without being parsed.
    """
    if schema_check not in ("auto", "always", "never"):
        raise ValueError(f"schema_check must be 'auto', 'always' or 'never', not {schema_check!r}")
    options = _Options(max_bytes=max_bytes, text_file=text_file, schema_check=schema_check)
    return _validate_lines(lines, source, first_line, options)


def _validate_lines(
    lines: Iterable[str | bytes | tuple[str | bytes, str]], source: str | None, first_line: int, options: _Options
) -> list[DocumentReport]:
    reports: list[DocumentReport] = []
    number = first_line - 1
    current = source
    for item in lines:
        if isinstance(item, tuple):
            item, path = item
            if path != current:
                current, number = path, first_line - 1
        number += 1
        # a str stays a str (a lone surrogate is then reported where it stands, as loads does); the
        # line end goes, so that a syntax error at the end points into this line
        raw: str | bytes = item.rstrip("\r\n") if isinstance(item, str) else item.rstrip(b"\r\n")
        if not raw.strip():
            continue
        if _size(raw) > options.max_bytes:
            reports.append(DocumentReport(number, [_too_long(options.max_bytes, number)], [], current))
            continue
        problems, notes = _check_document(raw, current, options, line_offset=number - 1)
        reports.append(DocumentReport(number, problems, notes, current))
    return reports
