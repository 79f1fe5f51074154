"""The ``policyschema`` command line: validate annotations in CI, export schemas, show and format files.

Exit status: 0 when everything is valid, 1 when problems were found in the input, 2 for usage or
I/O errors (a missing file, an unreadable directory).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TextIO

import attrs

from . import __version__
from ._convert import parse_json
from ._positions import Positions, parse_path
from .checks import check
from .codebooks import get_codebook
from .codec import dumps, structure
from .errors import Problem, ValidationError, quote
from .models import AnnotatedDocument, PolicyArea
from .schema import SCHEMA_FILES, schema_files, validate_json

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
STDIN = "-"


# --- reading ------------------------------------------------------------------------------------


class _InputError(Exception):
    """A path that cannot be read: a usage or I/O error (exit 2), not a problem in a document."""


def _read_limited(name: str, max_bytes: int) -> bytes:
    """The bytes of a file or stdin, refusing early (without reading it all) past ``max_bytes``."""
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _InputError(f"{_shown(name)}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ValidationError(
            [Problem("$", f"larger than {max_bytes:,} bytes; refused unread (raise the limit with --max-bytes)")]
        )
    return data


def _expand(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Files to check (directories searched for *.json and *.jsonl), and usage errors.

    Hidden directories (``.git``, ``.venv``) are skipped; a directory that cannot be read is an error,
    not an empty directory.
    """
    files: list[str] = []
    errors: list[str] = []
    for name in paths:
        if name == STDIN:
            files.append(name)
            continue
        if not name:
            errors.append("'': an empty path names no file")
            continue
        shown = _shown(name)
        try:
            path = Path(name)
            if not path.exists():
                errors.append(f"{shown}: no such file or directory")
            elif not path.is_dir():  # a file, or a pipe such as <(command)
                files.append(name)
            else:
                errors_before = len(errors)
                found = _walk(name, errors)
                if not found and len(errors) == errors_before:
                    print(f"{shown}: no *.json or *.jsonl files found", file=sys.stderr)
                files.extend(found)
        except OSError as exc:  # a name too long, a directory on the way that cannot be searched
            errors.append(f"{shown}: cannot read: {exc.strerror or exc}")
    return files, errors


def _walk(directory: str, errors: list[str]) -> list[str]:
    """The *.json and *.jsonl files under ``directory``, sorted; unreadable directories go to ``errors``."""

    def unreadable(exc: OSError) -> None:
        errors.append(f"{_shown(exc.filename or directory)}: cannot read: {exc.strerror or exc}")

    found = []
    for root, dirs, names in os.walk(directory, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, n) for n in names if n.endswith((".json", ".jsonl")) and not n.startswith(".")]
    return sorted(f for f in found if os.path.isfile(f))


def _shown(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by Python as surrogates) as ``\\xff``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# --- validating ---------------------------------------------------------------------------------


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
            raise _InputError(f"{_shown(str(candidate))}: cannot read the text: {reason}") from None
    note = f"no local text for digest-only document {quote(doc.document.id)}; span quotes not checked"
    return None, f"{_shown(file)}: {note}"


def _check_document(raw: bytes, file: str, options: _Options, line_offset: int = 0) -> tuple[list[Problem], list[str]]:
    """Every problem of one JSON document, located; and notes for the reader."""
    try:
        data = parse_json(raw)
    except ValidationError as exc:
        return _locate(exc.problems, None, line_offset), []
    notes: list[str] = []
    problems = []
    try:
        doc = structure(data, semantic=False)
    except ValidationError as exc:
        problems = list(exc.problems)
    else:
        local_text, note = _sibling_text(file, doc, options)
        if note:
            notes.append(note)
        problems = check(doc, text=local_text)
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
        raise _InputError(f"{_shown(file)}: cannot read: {exc.strerror or exc}") from None
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
        raw = _read_limited(file, options.max_bytes)
    except ValidationError as exc:
        return _FileReport(file, 1, [_Located(file, p) for p in _locate(exc.problems, None, 0)], [])
    found, notes = _check_document(raw, file, options)
    return _FileReport(file, 1, [_Located(file, p) for p in found], notes)


def _safe_check_file(file: str, options: _Options) -> _FileReport | str:
    """A report, or the one-line reason a file could not be read at all."""
    try:
        return _check_file(file, options)
    except _InputError as exc:
        return str(exc)
    except RecursionError:
        problem = Problem("$", "nested too deeply to check", 1, 1)
        return _FileReport(file, 1, [_Located(file, problem)], [])


def _github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_MESSAGE_LIMIT = 1000


def _one_line(text: str) -> str:
    """``text`` safe to print as (part of) one line: characters that are not printable escaped, cut at
    :data:`_MESSAGE_LIMIT` characters. Messages are built this way already; this is the last guard."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


def _print_reports(reports: list[_FileReport], output_format: str, out: TextIO) -> None:
    reports = [
        attrs.evolve(
            r,
            file=_shown(r.file),
            problems=[
                _Located(
                    _shown(p.file),
                    attrs.evolve(p.problem, path=_one_line(p.problem.path), message=_one_line(p.problem.message)),
                )
                for p in r.problems
            ],
            notes=[_one_line(n) for n in r.notes],
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
                file = _github_escape(located.file, property_value=True)
                message = _github_escape(f"{p.path}: {p.message}")
                print(f"::error file={file},line={p.line},col={p.column}::{message}", file=out)
            else:
                print(f"{located.file}:{p.line}:{p.column}: {p.path}: {p.message}", file=out)
        if output_format == "text" and not report.problems:
            print(f"{report.file}: valid ({report.documents} document{'s' if report.documents != 1 else ''})", file=out)
    print(f"{len(reports)} files, {documents} documents, {len(problems)} problems", file=out)


def _validate(args: argparse.Namespace) -> int:
    if args.text is not None and not os.path.isfile(args.text):
        print(f"error: {_shown(args.text)}: --text names no readable file", file=sys.stderr)
        return EXIT_USAGE
    files, errors = _expand(args.paths)
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
        _silence_stdout()
    for error in errors:
        print(f"error: {_one_line(error)}", file=sys.stderr)
    return status


# --- other commands -----------------------------------------------------------------------------


def _schema(args: argparse.Namespace) -> int:
    files = schema_files()
    if args.check:
        directory = Path(args.check)
        stale = []
        for name, text in files.items():
            path = directory / name
            try:
                current: bytes | None = path.read_bytes()
            except OSError:
                current = None
            if current != text.encode("utf-8"):  # bytes: a CRLF or re-encoded copy is drift too
                stale.append(f"{path} is {'missing' if current is None else 'out of date'}")
        for line in stale:
            print(f"{line}; run `policyschema schema --out {directory}`")
        if not stale:
            print(f"{directory}: {len(files)} schema files up to date")
        return EXIT_PROBLEMS if stale else EXIT_OK
    if args.out:
        directory = Path(args.out)
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for name, text in files.items():
                (directory / name).write_text(text, encoding="utf-8", newline="\n")
        except OSError as exc:
            print(f"error: {directory}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote {', '.join(str(directory / n) for n in SCHEMA_FILES)}")
        return EXIT_OK
    sys.stdout.write(files["annotation.schema.json"])
    return EXIT_OK


def _load_for_command(name: str, max_bytes: int) -> AnnotatedDocument | int:
    try:
        return structure(parse_json(_read_limited(name, max_bytes)))
    except _InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        shown = _shown(name)
        print(f"{shown}: invalid ({len(exc.problems)} problems); run `policyschema validate {shown}`", file=sys.stderr)
        for problem in exc.problems[:5]:
            print(f"  {_one_line(str(problem))}", file=sys.stderr)
        return EXIT_PROBLEMS


def _areas(areas: list[PolicyArea]) -> str:
    labels = []
    for area in areas:
        label = get_codebook(area.codebook).entry(area.code).label
        labels.append(f"{area.codebook}:{area.code} {label}")
    return "; ".join(labels) or "no policy area"


def _show_lines(doc: AnnotatedDocument) -> Iterator[str]:
    document = doc.document
    yield f"{document.title}"
    yield f"  {document.publisher}, {document.published.isoformat()}, language {document.language}"
    length = len(document.text) if document.text is not None else document.text_length
    yield f"  text: {length} code points{'' if document.text is not None else ' (kept elsewhere)'}"
    yield ""
    yield f"Speakers ({len(doc.speakers)})"
    for speaker in doc.speakers:
        roles = "; ".join(
            f"{role.title}, {role.organization}" if role.organization else role.title for role in speaker.roles
        )
        wikidata = f" [{speaker.external_ids.wikidata}]" if speaker.external_ids.wikidata else ""
        yield f"  {speaker.id}: {speaker.name}{wikidata} ({speaker.kind}){' — ' + roles if roles else ''}"
    yield ""
    yield f"Directives ({len(doc.directives)})"
    for speaker in doc.speakers:
        own = [d for d in doc.directives if d.speaker == speaker.id]
        if not own:
            continue
        yield f"  {speaker.name}"
        for d in own:
            horizon = doc.time_horizon(d.time_horizon).label if d.time_horizon else "no horizon"
            addressees = ", ".join(a.label for a in d.addressees)
            yield f"    {d.id} {d.force} ({d.modality}): {d.action} {d.object}"
            yield f"        to: {addressees or 'nobody named'} | areas: {_areas(d.policy_areas)} | horizon: {horizon}"
    yield ""
    yield f"Statements ({len(doc.statements)})"
    for s in doc.statements:
        horizon = f" | horizon: {doc.time_horizon(s.time_horizon).label}" if s.time_horizon else ""
        yield f"  {s.id} {doc.speaker(s.speaker).name}, {s.kind}: {s.content.text!r}{horizon}"
    yield ""
    yield f"Time horizons ({len(doc.time_horizons)})"
    for h in doc.time_horizons:
        until = {"open_ended": " into the open future", "retrospective": " to the time of speaking"}
        dates = f"{h.start} to {h.end}" if h.end else f"{h.start}{until.get(h.kind.value, '')}"
        yield f"  {h.id} {h.kind}: {dates} — {h.label}{' (' + h.plan + ')' if h.plan else ''}"
    yield ""
    yield f"Occasions ({len(doc.occasions)})"
    for o in doc.occasions:
        people = ", ".join(doc.speaker(p).name for p in o.participants)
        yield f"  {o.id} {o.kind}: {o.name}, {o.date or 'date unknown'}{' — with ' + people if people else ''}"


def _show(args: argparse.Namespace) -> int:
    doc = _load_for_command(args.file, args.max_bytes)
    if isinstance(doc, int):
        return doc
    for line in _show_lines(doc):
        print(line)
    return EXIT_OK


def _fmt(args: argparse.Namespace) -> int:
    files, errors = _expand(args.paths)
    status = EXIT_OK
    for file in files:
        if file == STDIN or file.endswith(".jsonl"):
            print(f"{_shown(file)}: skipped (fmt rewrites .json files)", file=sys.stderr)
            continue
        doc = _load_for_command(file, args.max_bytes)
        if isinstance(doc, int):
            status = max(status, doc)
            continue
        canonical = dumps(doc).encode("utf-8")
        try:
            if Path(file).read_bytes() == canonical:
                continue
            if args.check:
                print(f"would reformat {_shown(file)}")
                status = max(status, EXIT_PROBLEMS)
            else:
                Path(file).write_bytes(canonical)
                print(f"reformatted {_shown(file)}")
        except OSError as exc:
            errors.append(f"{_shown(file)}: cannot {'read' if args.check else 'rewrite'}: {exc.strerror or exc}")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return EXIT_USAGE if errors else status


# --- parser ---------------------------------------------------------------------------------------


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyschema",
        description="Validate, inspect and format policyschema annotation files.",
        epilog="Exit status: 0 valid, 1 problems found, 2 usage or I/O error.",
    )
    parser.add_argument("--version", action="version", version=f"policyschema {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser(
        "validate",
        help="check annotation files (JSON syntax, schema, structure, semantics)",
        description="Check annotation files: strict JSON, the JSON Schema, the strict structure and the "
        "loader's semantic checks. Directories are searched for *.json and *.jsonl (one document a line); "
        "'-' reads stdin.",
    )
    validate.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    validate.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    validate.add_argument("--jobs", type=_positive, default=1, metavar="N", help="check files in N processes")
    validate.add_argument("--text", metavar="FILE", help="source text for documents that carry only its digest")
    validate.add_argument(
        "--schema-check",
        choices=("auto", "always", "never"),
        default="auto",
        help="also run the JSON Schema validator: on documents the loader refuses (auto, default), on all, "
        "or never; the loader accepts nothing the schema refuses (tested), so auto loses no guarantee",
    )
    commands_with_limit = [validate]

    schema = commands.add_parser("schema", help="write, check or print the JSON Schema files")
    target = schema.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="DIR", help="write the schema files into DIR")
    target.add_argument("--check", metavar="DIR", help="exit 1 if the files in DIR differ from the models")

    show = commands.add_parser("show", help="print a readable summary of one annotation")
    show.add_argument("file", metavar="FILE")
    commands_with_limit.append(show)

    fmt = commands.add_parser("fmt", help="rewrite annotation files in the canonical form")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    fmt.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    commands_with_limit.append(fmt)

    for command in commands_with_limit:
        command.add_argument(
            "--max-bytes",
            type=_positive,
            default=DEFAULT_MAX_BYTES,
            metavar="N",
            help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
        )
    validate.set_defaults(run=_validate)
    schema.set_defaults(run=_schema)
    show.set_defaults(run=_show)
    fmt.set_defaults(run=_fmt)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    try:
        status: int = args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`show ... | head`): stop quietly, as SIGPIPE would
        _silence_stdout()
        return 128 + 13
    return status


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush does not fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
