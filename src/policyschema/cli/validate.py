"""``policyschema validate``: check annotation files in CI, reporting every problem with its place."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any, TextIO

import attrs

from .._convert import parse_json
from .._positions import Positions, parse_path
from ..checks import check
from ..codec import structure_as_written
from ..errors import Problem, ValidationError, quote
from ..migration import as_written
from ..models import AnnotatedDocument
from ..schema import validate_json
from ._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    STDIN,
    InputError,
    add_max_bytes,
    expand,
    github_escape,
    one_line,
    positive,
    printable_name,
    read_limited,
    silence_stdout,
)


@attrs.frozen
class _Options:
    max_bytes: int
    text_file: str | None
    schema_check: str


@attrs.frozen
class _Located:
    """A problem with the file and the line it was found in."""

    file: str
    problem: Problem


@attrs.frozen
class _FileReport:
    file: str
    documents: int
    problems: list[_Located]
    notes: list[str]


def _locate(problems: list[Problem], text: str | None, line_offset: int) -> list[Problem]:
    """``problems`` with line and column filled in from the JSON text where they are not known yet."""
    unknown = [p for p in problems if p.line is None]
    positions = Positions(text, [parse_path(p.path) for p in unknown]) if text is not None and unknown else None
    places = iter(positions.locate_all(parse_path(p.path) for p in unknown) if positions else [])
    located = []
    for problem in problems:
        line, column = (problem.line, problem.column) if problem.line is not None else next(places, (1, 1))
        located.append(attrs.evolve(problem, line=line + line_offset, column=column))
    return located


def _sibling_text(file: str, doc: AnnotatedDocument, options: _Options) -> tuple[str | None, str | None]:
    """The local source text for a digest-only document, and a note saying where it came from."""
    if doc.document.text is not None:
        return None, None
    candidates = [Path(options.text_file)] if options.text_file else []
    if file != STDIN and not options.text_file:
        candidates = [Path(file).with_suffix(".txt"), Path(file).parent / "source.txt"]
        candidates = [c for c in candidates if c.is_file()]
    for candidate in candidates[:1]:
        try:  # bytes, decoded as they are: no newline translation, so CRLF texts keep their digest
            return candidate.read_bytes().decode("utf-8"), None
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise InputError(f"{printable_name(str(candidate))}: cannot read the text: {reason}") from None
    note = f"no local text for digest-only document {quote(doc.document.id)}; span quotes not checked"
    return None, f"{printable_name(file)}: {note}"


def _check_document(raw: bytes, file: str, options: _Options, line_offset: int = 0) -> tuple[list[Problem], list[str]]:
    """Every problem of one JSON document, located; and notes for the reader."""
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
    else:
        local_text, note = _sibling_text(file, doc, options)
        if note:
            notes.append(note)
        problems = as_written(check(doc, text=local_text), migration)
    if options.schema_check == "always" or (problems and options.schema_check == "auto"):
        known = [p.path for p in problems]
        for schema_problem in validate_json(data):
            # keep what the loader did not already say at the same place or below it
            if not any(path == schema_problem.path or path.startswith(schema_problem.path) for path in known):
                problems.append(attrs.evolve(schema_problem, message=f"(schema) {schema_problem.message}"))
    if not problems:
        return [], notes
    located = _locate(problems, raw.decode("utf-8"), line_offset)
    return sorted(located, key=lambda p: (p.line or 0, p.column or 0)), notes


def _corpus_lines(file: str, max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) of each non-empty line of a .jsonl corpus; None for a line over the limit.

    Reads one line at a time, so a corpus of any size is checked in bounded memory.
    """
    try:
        handle = sys.stdin.buffer if file == STDIN else open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{printable_name(file)}: cannot read: {exc.strerror or exc}") from None
    try:
        number = 0
        while line := handle.readline(max_bytes + 1):
            number += 1
            if len(line) > max_bytes and not line.endswith(b"\n"):
                yield number, None
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = handle.readline(max_bytes + 1)
            elif line.strip():
                yield number, line.rstrip(b"\r\n")  # so a syntax error at the end points into this line
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _check_file(file: str, options: _Options) -> _FileReport:
    if file.endswith(".jsonl"):
        problems: list[_Located] = []
        notes: list[str] = []
        documents = 0
        for number, line in _corpus_lines(file, options.max_bytes):
            documents += 1
            if line is None:
                message = f"line longer than {options.max_bytes:,} bytes; refused (raise the limit with --max-bytes)"
                problems.append(_Located(file, Problem("$", message, number, 1)))
                continue
            found, line_notes = _check_document(line, file, options, line_offset=number - 1)
            problems.extend(_Located(file, p) for p in found)
            notes.extend(line_notes)
        return _FileReport(file, documents, problems, notes)
    try:
        raw = read_limited(file, options.max_bytes)
    except ValidationError as exc:
        return _FileReport(file, 1, [_Located(file, p) for p in _locate(exc.problems, None, 0)], [])
    found, notes = _check_document(raw, file, options)
    return _FileReport(file, 1, [_Located(file, p) for p in found], notes)


def _safe_check_file(file: str, options: _Options) -> _FileReport | str:
    """A report, or the one-line reason a file could not be read at all."""
    try:
        return _check_file(file, options)
    except InputError as exc:
        return str(exc)
    except RecursionError:
        problem = Problem("$", "nested too deeply to check", 1, 1)
        return _FileReport(file, 1, [_Located(file, problem)], [])


def _print_reports(reports: list[_FileReport], output_format: str, out: TextIO) -> None:
    reports = [
        attrs.evolve(
            r,
            file=printable_name(r.file),
            problems=[
                _Located(
                    printable_name(p.file),
                    attrs.evolve(p.problem, path=one_line(p.problem.path), message=one_line(p.problem.message)),
                )
                for p in r.problems
            ],
            notes=[one_line(n) for n in r.notes],
        )
        for r in reports
    ]
    documents = sum(r.documents for r in reports)
    problems = [located for r in reports for located in r.problems]
    if output_format == "json":
        machine_report = {
            "files": [
                {
                    "file": r.file,
                    "documents": r.documents,
                    "valid": not r.problems,
                    "notes": r.notes,
                    "problems": [
                        {
                            "line": p.problem.line,
                            "column": p.problem.column,
                            "path": p.problem.path,
                            "message": p.problem.message,
                        }
                        for p in r.problems
                    ],
                }
                for r in reports
            ],
            "summary": {"files": len(reports), "documents": documents, "problems": len(problems)},
        }
        out.write(json.dumps(machine_report, ensure_ascii=False, indent=2) + "\n")
        return
    for report in reports:
        for note in report.notes:
            print(f"note: {note}", file=out)
        for located in report.problems:
            p = located.problem
            if output_format == "github":
                file = github_escape(located.file, property_value=True)
                message = github_escape(f"{p.path}: {p.message}")
                print(f"::error file={file},line={p.line},col={p.column}::{message}", file=out)
            else:
                print(f"{located.file}:{p.line}:{p.column}: {p.path}: {p.message}", file=out)
        if output_format == "text" and not report.problems:
            print(f"{report.file}: valid ({report.documents} document{'s' if report.documents != 1 else ''})", file=out)
    print(f"{len(reports)} files, {documents} documents, {len(problems)} problems", file=out)


def run(args: argparse.Namespace) -> int:
    if args.text is not None and not os.path.isfile(args.text):
        print(f"error: {printable_name(args.text)}: --text names no readable file", file=sys.stderr)
        return EXIT_USAGE
    files, errors = expand(args.paths)
    options = _Options(max_bytes=args.max_bytes, text_file=args.text, schema_check=args.schema_check)
    if args.jobs > 1 and len(files) > 1 and STDIN not in files:  # stdin is read in this process
        with ProcessPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(_safe_check_file, files, [options] * len(files), chunksize=4))
    else:
        results = [_safe_check_file(file, options) for file in files]
    reports = [r for r in results if isinstance(r, _FileReport)]
    errors += [r for r in results if isinstance(r, str)]
    status = EXIT_USAGE if errors else EXIT_PROBLEMS if any(r.problems for r in reports) else EXIT_OK
    try:
        _print_reports(reports, args.format, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): the verdict still stands
        silence_stdout()
    for error in errors:
        print(f"error: {one_line(error)}", file=sys.stderr)
    return status


def add_parser(commands: Any) -> None:
    """Register ``validate`` on the subcommand parsers."""
    validate = commands.add_parser(
        "validate",
        help="check annotation files (JSON syntax, schema, structure, semantics)",
        description="Check annotation files: strict JSON, the JSON Schema, the strict structure and the "
        "loader's semantic checks. Directories are searched for *.json and *.jsonl (one document a line); "
        "'-' reads stdin.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    validate.add_argument("--jobs", type=positive, default=1, metavar="N", help="check files in N processes")
    validate.add_argument("--text", metavar="FILE", help="source text for documents that carry only its digest")
    validate.add_argument(
        "--schema-check",
        choices=("auto", "always", "never"),
        default="auto",
        help="also run the JSON Schema validator: on documents the loader refuses (auto, default), on all, "
        "or never; the loader accepts nothing the schema refuses (tested), so auto loses no guarantee",
    )
    add_max_bytes(validate)
    validate.set_defaults(run=run)
