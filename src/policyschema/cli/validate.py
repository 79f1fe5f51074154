"""``policyschema validate``: check annotation files in CI, reporting every problem with its place."""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TextIO

import attrs

from ..corpus import SourceTextError, _check_document, _locate, _Options, _validate_lines
from ..errors import Problem, ValidationError
from ._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    STDIN,
    InputError,
    add_codebooks,
    add_max_bytes,
    codebook_files,
    expand,
    github_escape,
    one_line,
    positive,
    printable_name,
    read_limited,
    register_codebooks,
    silence_stdout,
)


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


@attrs.frozen
class _Task:
    """Part of the work: a whole file, or the lines of a .jsonl corpus that start in [start, end)."""

    number: int  # the file's place among the files to check (a file named twice is checked twice)
    file: str
    start: int = 0
    end: int | None = None
    first_line: int = 1  # the number of the first line that starts in [start, end)


@attrs.frozen
class _Partial:
    """What a task found (lines numbered in the whole file), and how many lines it read."""

    documents: int
    problems: list[Problem]
    notes: list[str]
    lines: int


#: Lines handed to validate_lines at once: reports of valid lines are dropped after each batch.
_BATCH = 1000
#: The smallest part of a .jsonl corpus worth sending to another process.
_MIN_CHUNK = 256 * 1024


def _range_lines(file: str, start: int, end: int | None, max_bytes: int) -> Iterator[bytes]:
    """Each line (blank ones too) that starts in [start, end) of ``file``; a line longer than ``max_bytes``
    is cut after ``max_bytes + 1`` bytes and marked so that validate_lines refuses it unparsed.

    Reads one line at a time, so a corpus of any size is checked in bounded memory.
    """
    try:
        handle = sys.stdin.buffer if file == STDIN else open(file, "rb")  # noqa: SIM115
    except OSError as exc:
        raise InputError(f"{printable_name(file)}: cannot read: {exc.strerror or exc}") from None
    try:
        if start > 0:  # the line that runs into start belongs to the previous part
            handle.seek(start - 1)
            line = handle.readline(max_bytes + 1)
            while line and not line.endswith(b"\n"):
                line = handle.readline(max_bytes + 1)
        while end is None or handle.tell() < end:
            line = handle.readline(max_bytes + 1)
            if not line:
                break
            if len(line) > max_bytes and not line.endswith(b"\n"):
                yield line + b"\0"  # over the limit whatever a final "\r" is
                while line and not line.endswith(b"\n"):  # skip the rest of the long line
                    line = handle.readline(max_bytes + 1)
            else:
                yield line
    finally:
        if handle is not sys.stdin.buffer:
            handle.close()


def _check_task(task: _Task, options: _Options) -> _Partial:
    if not task.file.endswith(".jsonl"):
        try:
            raw = read_limited(task.file, options.max_bytes)
        except ValidationError as exc:
            return _Partial(1, _locate(exc.problems, None, 0), [], 0)
        found, found_notes = _check_document(raw, task.file, options)
        return _Partial(1, found, found_notes, 0)
    documents, lines = 0, 0
    problems: list[Problem] = []
    notes: list[str] = []
    source = _range_lines(task.file, task.start, task.end, options.max_bytes)
    while batch := list(itertools.islice(source, _BATCH)):
        reports = _validate_lines(batch, task.file, task.first_line + lines, options)
        lines += len(batch)
        documents += len(reports)
        for report in reports:
            problems += report.problems
            notes += report.notes
    return _Partial(documents, problems, notes, lines)


def _safe_check_task(task: _Task, options: _Options) -> _Partial | str:
    """A task's findings, or the one-line reason its file could not be read at all."""
    error = register_codebooks(options.codebooks)  # again in a worker process, which may not inherit them
    if error:
        return error
    try:
        return _check_task(task, options)
    except (InputError, SourceTextError) as exc:
        return str(exc)
    except RecursionError:
        return _Partial(1, [Problem("$", "nested too deeply to check", 1, 1)], [], 0)


def _tasks(files: list[str], jobs: int) -> list[_Task]:
    """The work, in file order: with several jobs a large .jsonl corpus is cut into parts of whole lines,
    about four a job, so that one corpus, or a few files, keep every process busy."""
    tasks = []
    for number, file in enumerate(files):
        size = 0
        if jobs > 1 and file.endswith(".jsonl") and file != STDIN:
            with contextlib.suppress(OSError):  # an unreadable file is reported by its task
                size = os.stat(file).st_size if os.path.isfile(file) else 0
        chunk = max(_MIN_CHUNK, -(-size // (jobs * 4)))
        if size <= chunk:
            tasks.append(_Task(number, file))
            continue
        starts = range(0, size, chunk)
        try:
            first_lines = _first_lines(file, list(starts))
        except OSError:  # unreadable after all: one task, which reports it
            tasks.append(_Task(number, file))
            continue
        tasks += [_Task(number, file, s, min(s + chunk, size), n) for s, n in zip(starts, first_lines, strict=True)]
    return tasks


def _first_lines(file: str, starts: list[int]) -> list[int]:
    """The number of the first line that starts at or after each of ``starts`` (ascending byte offsets):
    newlines counted in one pass over the file, a megabyte at a time."""
    numbers = []
    newlines, position, previous = 0, 0, b"\n"
    with open(file, "rb") as handle:
        for start in starts:
            while position < start:
                block = handle.read(min(1 << 20, start - position))
                if not block:
                    break
                newlines += block.count(b"\n")
                position += len(block)
                previous = block[-1:]
            # a line that runs into start belongs to the part before: this part starts at the next line
            numbers.append(newlines + 1 + (0 if start == 0 or previous == b"\n" else 1))
    return numbers


def _file_reports(tasks: list[_Task], results: list[_Partial | str]) -> list[_FileReport | str]:
    """The parts' findings joined per file, in order."""
    joined: dict[int, tuple[str, list[_Partial | str]]] = {}
    for task, result in zip(tasks, results, strict=True):
        joined.setdefault(task.number, (task.file, []))[1].append(result)
    out: list[_FileReport | str] = []
    for file, parts in joined.values():
        error = next((p for p in parts if isinstance(p, str)), None)
        if error is not None:
            out.append(error)
            continue
        documents = 0
        problems: list[_Located] = []
        notes: list[str] = []
        for part in parts:
            assert isinstance(part, _Partial)
            documents += part.documents
            problems += [_Located(file, p) for p in part.problems]
            notes += part.notes
        out.append(_FileReport(file, documents, problems, notes))
    return out


def _print_reports(reports: list[_FileReport], output_format: str, out: TextIO, verdict: str = "valid") -> None:
    """The report of ``validate`` (and ``lint``, whose clean files say ``verdict``) in one of the formats."""
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
                    verdict: not r.problems,
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
        for located in report.problems:
            p = located.problem
            if output_format == "github":
                file = github_escape(located.file, property_value=True)
                message = github_escape(f"{p.path}: {p.message}")
                print(f"::error file={file},line={p.line},col={p.column}::{message}", file=out)
            else:
                print(f"{located.file}:{p.line}:{p.column}: {p.path}: {p.message}", file=out)
        for note in report.notes:
            print(f"note: {note}", file=out)
        if output_format == "text" and not report.problems:
            print(
                f"{report.file}: {verdict} ({report.documents} document{'s' if report.documents != 1 else ''})",
                file=out,
            )
    print(f"{len(reports)} files, {documents} documents, {len(problems)} problems", file=out)


def run(args: argparse.Namespace) -> int:
    if args.text is not None and not os.path.isfile(args.text):
        print(f"error: {printable_name(args.text)}: --text names no readable file", file=sys.stderr)
        return EXIT_USAGE
    try:
        codebooks = tuple(codebook_files(args))
    except ValueError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    error = register_codebooks(codebooks)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    files, errors = expand(args.paths)
    options = _Options(
        max_bytes=args.max_bytes, text_file=args.text, schema_check=args.schema_check, codebooks=codebooks
    )
    tasks = _tasks(files, args.jobs)
    if args.jobs > 1 and len(tasks) > 1 and STDIN not in files:  # stdin is read in this process
        with ProcessPoolExecutor(max_workers=min(args.jobs, len(tasks))) as pool:
            parts = list(pool.map(_safe_check_task, tasks, [options] * len(tasks)))
    else:
        parts = [_safe_check_task(task, options) for task in tasks]
    results = _file_reports(tasks, parts)
    reports = [r for r in results if isinstance(r, _FileReport)]
    errors += [r for r in results if isinstance(r, str)]
    return finish(reports, errors, args.format)


def finish(reports: list[_FileReport], errors: list[str], output_format: str, verdict: str = "valid") -> int:
    """Print the reports and the usage errors; the exit status (2 errors, 1 problems, 0 clean).

    Shared by ``validate`` and ``lint``; ``verdict`` is the word for a file without problems.
    """
    status = EXIT_USAGE if errors else EXIT_PROBLEMS if any(r.problems for r in reports) else EXIT_OK
    try:
        _print_reports(reports, output_format, sys.stdout, verdict=verdict)
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
    add_codebooks(validate)
    validate.set_defaults(run=run)
