"""``policyschema lint``: report what is valid but against the annotation guidelines, rule by rule."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .._positions import locate_problems
from ..codec import loads
from ..errors import ValidationError
from ..lint import lint
from ._common import (
    EXIT_USAGE,
    STDIN,
    InputError,
    add_codebooks,
    add_max_bytes,
    expand,
    read_limited,
    setup_codebooks,
)

# one report format for validate and lint
from .validate import _FileReport, _Located, finish


def _lint_document(raw: bytes, file: str, line_offset: int = 0) -> list[_Located]:
    """Lint findings of one JSON document (or its validation problems, when it is not valid), located."""
    try:
        doc = loads(raw)
    except ValidationError as exc:
        problems = exc.problems
    else:
        problems = lint(doc)
    text = raw.decode("utf-8", errors="replace")
    return [_Located(file, p) for p in locate_problems(problems, text, line_offset)]


def _lint_file(file: str, max_bytes: int) -> _FileReport:
    try:
        raw = read_limited(file, max_bytes)
    except ValidationError as exc:
        return _FileReport(file, 1, [_Located(file, p) for p in locate_problems(exc.problems, None)], [])
    if not file.endswith(".jsonl"):
        return _FileReport(file, 1, _lint_document(raw, file), [])
    found: list[_Located] = []
    documents = 0
    for number, line in enumerate(raw.split(b"\n"), 1):
        if line.strip():
            documents += 1
            found += _lint_document(line.rstrip(b"\r"), file, number - 1)
    return _FileReport(file, documents, found, [])


def run(args: argparse.Namespace) -> int:
    error = setup_codebooks(args)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    files, errors = expand(args.paths)
    reports = []
    for file in files:
        try:
            reports.append(_lint_file(file, args.max_bytes))
        except InputError as exc:
            errors.append(str(exc))
    return finish(reports, errors, args.format, verdict="clean")


def add_parser(commands: Any) -> None:
    """Register ``lint`` on the subcommand parsers."""
    command = commands.add_parser(
        "lint",
        help="report what is valid but against the annotation guidelines",
        description="Check annotation files against the annotation guidelines (docs/guidelines.md): each "
        "finding names its rule, such as 'guidelines §4: ... [content-overlaps-cue]'. Files that are not "
        f"valid are reported with their validation problems. Directories are searched for *.json and "
        f"*.jsonl; '{STDIN}' reads stdin. Exit 0 clean, 1 findings, 2 usage or I/O error.",
    )
    command.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    command.add_argument("--format", choices=("text", "json", "github"), default="text", help="output format")
    add_max_bytes(command)
    add_codebooks(command)
    command.set_defaults(run=run)
