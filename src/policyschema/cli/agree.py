"""``policyschema agree``: how well coders agree, unit by unit and field by field.

Each PATH is one coder's work: a file (one annotation; a .jsonl file holds one a line) or a directory
(every *.json and *.jsonl under it). Files holding one annotation each are compared directly (they must
annotate the same text); otherwise the coders' annotations are paired by document id.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from .._convert import parse_json
from ..codec import structure
from ..errors import ValidationError
from ..intercoder import DEFAULT_OVERLAP, AgreementReport, agreement, corpus_agreement
from ..models import AnnotatedDocument
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    InputError,
    add_max_bytes,
    expand,
    one_line,
    printable_name,
    read_limited,
    silence_stdout,
)

_PROBLEMS_SHOWN = 10


def _overlap(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number above 0 and at most 1, got {text!r}") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"expected a number above 0 and at most 1, got {text!r}")
    return value


def _read_file(name: str, max_bytes: int) -> list[AnnotatedDocument]:
    """The annotations in one file: one for .json, one a non-empty line for .jsonl."""
    raw = read_limited(name, max_bytes)
    if not name.endswith(".jsonl"):
        return [structure(parse_json(raw))]
    docs = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.strip():
            try:
                docs.append(structure(parse_json(line)))
            except ValidationError as exc:
                raise ValidationError([type(p)(f"line {number}: {p.path}", p.message) for p in exc.problems]) from None
    return docs


def _collection(path: str, max_bytes: int) -> tuple[list[AnnotatedDocument], list[str]]:
    """One coder's annotations, and what went wrong reading them (one message per file)."""
    files, errors = expand([path])
    docs: list[AnnotatedDocument] = []
    for file in files:
        try:
            docs += _read_file(file, max_bytes)
        except InputError as exc:
            errors.append(str(exc))
        except ValidationError as exc:
            shown = [f"    {one_line(str(p))}" for p in exc.problems[:_PROBLEMS_SHOWN]]
            more = len(exc.problems) - _PROBLEMS_SHOWN
            if more > 0:
                shown.append(f"    ... and {more} more; run `policyschema validate {printable_name(file)}`")
            count = len(exc.problems)
            errors.append(
                f"{printable_name(file)}: not a valid annotation ({count} problem{'s' if count != 1 else ''}):\n"
                + "\n".join(shown)
            )
    return docs, errors


def _coder_names(paths: list[str]) -> list[str]:
    """The paths as printed, made unique if one is given twice."""
    names: list[str] = []
    for path in paths:
        name = one_line(printable_name(path))
        candidate, copy = name, 1
        while candidate in names:
            copy += 1
            candidate = f"{name} ({copy})"
        names.append(candidate)
    return names


def _compare(args: argparse.Namespace) -> AgreementReport | int:
    collections = []
    errors = []
    for path in args.paths:
        docs, found = _collection(path, args.max_bytes)
        collections.append(docs)
        errors += found
    if errors:
        for error in errors:
            print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    names = _coder_names(args.paths)
    single = all(len(docs) == 1 for docs in collections) and not any(os.path.isdir(p) for p in args.paths)
    try:
        if single:
            return agreement(
                [docs[0] for docs in collections], coders=names, overlap=args.overlap, set_distance=args.set_distance
            )
        return corpus_agreement(collections, coders=names, overlap=args.overlap, set_distance=args.set_distance)
    except ValidationError as exc:
        for problem in exc.problems:
            print(f"error: {one_line(problem.message)}", file=sys.stderr)
        return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    if len(args.paths) < 2:
        print("error: agree needs at least two PATHs, one per coder", file=sys.stderr)
        return EXIT_USAGE
    report = _compare(args)
    if isinstance(report, int):
        return report
    output = {"text": report.format_text, "json": report.format_json, "csv": report.format_csv}[args.format]()
    if args.output is not None:
        try:
            with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(output)
        except OSError as exc:
            print(f"error: {printable_name(args.output)}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        return EXIT_OK
    try:
        sys.stdout.write(output)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    return EXIT_OK


def add_parser(commands: Any) -> None:
    """Register ``agree`` on the subcommand parsers."""
    agree = commands.add_parser(
        "agree",
        help="measure agreement between coders (units, fields, disagreements)",
        description="Compare several coders' annotations of the same texts: align their units, report "
        "precision, recall and F1 per unit kind, observed agreement, Cohen's kappa and Krippendorff's alpha per "
        "field, and every disagreement. Each PATH is one coder: a file or a directory of *.json/*.jsonl files; "
        "directories are paired by document id.",
        epilog="Exit status: 0 report written, 2 usage or input error (unreadable or invalid files, different "
        "texts, no shared document).",
    )
    agree.add_argument("paths", nargs="+", metavar="PATH", help="one file or directory per coder")
    agree.add_argument(
        "--format",
        choices=("text", "json", "csv"),
        default="text",
        help="text report (default), JSON scores and alignment, or the alignment table as CSV",
    )
    agree.add_argument("-o", "--output", metavar="OUT", help="write the report to OUT instead of stdout")
    agree.add_argument(
        "--overlap",
        type=_overlap,
        default=DEFAULT_OVERLAP,
        metavar="X",
        help=f"token Jaccard two spans need to align when their offsets differ (default {DEFAULT_OVERLAP})",
    )
    agree.add_argument(
        "--set-distance",
        choices=("masi", "jaccard"),
        default="masi",
        help="distance of set-valued fields (speakers, addressees, policy areas) in Krippendorff's alpha",
    )
    add_max_bytes(agree)
    agree.set_defaults(run=run)
