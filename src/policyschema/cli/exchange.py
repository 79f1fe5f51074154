"""``policyschema export`` and ``policyschema import``: to and from annotation tools and tables.

The formats are those of :data:`policyschema.exchange.FORMATS`; the commands only parse arguments,
load or write policyschema files, and call :func:`policyschema.exchange.export_documents` and
:func:`policyschema.exchange.import_documents`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .._anchoring import OFFSET_UNITS
from .._convert import parse_json
from ..codec import dumps, structure
from ..errors import ValidationError
from ..exchange import FORMATS, ExchangeError, export_documents, import_documents
from ..models import AnnotatedDocument
from ._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    InputError,
    add_max_bytes,
    expand,
    one_line,
    printable_name,
    read_limited,
)


def _load(files: list[str], max_bytes: int) -> tuple[list[AnnotatedDocument], int]:
    """The documents of ``files`` (a .jsonl corpus gives one a line), and the worst exit status."""
    docs: list[AnnotatedDocument] = []
    status = EXIT_OK
    for file in files:
        shown = printable_name(file)
        try:
            raw = read_limited(file, max_bytes)
            chunks = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
            if not file.endswith(".jsonl"):
                chunks = [(0, raw)]
            for number, chunk in chunks:
                try:
                    docs.append(structure(parse_json(chunk)))
                except ValidationError as exc:
                    where = f"{shown}:{number}" if number else shown
                    for problem in exc.problems:
                        print(f"{where}: {one_line(str(problem))}", file=sys.stderr)
                    status = max(status, EXIT_PROBLEMS)
        except InputError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = EXIT_USAGE
        except ValidationError as exc:  # over the size limit
            for problem in exc.problems:
                print(f"{shown}: {one_line(str(problem))}", file=sys.stderr)
            status = max(status, EXIT_PROBLEMS)
    return docs, status


def run_export(args: argparse.Namespace) -> int:
    files, errors = expand(args.paths)
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if errors:
        return EXIT_USAGE
    docs, status = _load(files, args.max_bytes)
    if status != EXIT_OK:
        print("nothing exported: fix the problems above first", file=sys.stderr)
        return status
    if not docs:
        print("error: no documents to export", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = export_documents(docs, args.to, Path(args.output))
    except ExchangeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:  # a document the format cannot carry (Label Studio needs the text)
        for problem in exc.problems:
            print(f"{one_line(str(problem))}", file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:
        print(f"error: {printable_name(args.output)}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(f"wrote {printable_name(str(path))}")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    source = printable_name(args.file)
    try:
        imported = import_documents(args.file, args.from_, offsets=args.offsets)
    except ExchangeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"error: {source}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        for problem in exc.problems:
            print(f"{source}: {one_line(str(problem))}", file=sys.stderr)
        print(f"{source}: not imported ({len(exc.problems)} problems)", file=sys.stderr)
        return EXIT_PROBLEMS
    for note in imported.notes:
        print(f"{source}: note: {one_line(str(note))}", file=sys.stderr)
    out = Path(args.output)
    try:
        if len(imported.documents) == 1 and not out.is_dir():
            targets = [out]
        else:
            out.mkdir(parents=True, exist_ok=True)
            targets = [out / f"{doc.document.id}.json" for doc in imported.documents]
        for doc, target in zip(imported.documents, targets, strict=True):
            target.write_text(dumps(doc), encoding="utf-8", newline="\n")
            print(f"wrote {printable_name(str(target))}")
    except OSError as exc:
        print(f"error: {printable_name(args.output)}: cannot write: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def add_parser(commands: Any) -> None:
    """Register ``export`` and ``import`` on the subcommand parsers."""
    names = ", ".join(sorted(FORMATS))
    export = commands.add_parser(
        "export",
        help="write annotations for an annotation tool or for analysis",
        description=f"Write annotation files in another format ({names}).",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="annotation files or directories")
    export.add_argument("--to", required=True, choices=sorted(FORMATS), help="the format to write")
    export.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="the file (one document) or directory (several) to write; formats of several files write beside it",
    )
    add_max_bytes(export)
    export.set_defaults(run=run_export)

    import_ = commands.add_parser(
        "import",
        help="read annotations back from an annotation tool, checked like any file",
        description=f"Read a tool's export ({names}) into policyschema files; every problem is reported.",
    )
    import_.add_argument("file", metavar="FILE", help="the tool's export (a file, or a directory for brat)")
    import_.add_argument("--from", dest="from_", required=True, choices=sorted(FORMATS), help="its format")
    import_.add_argument(
        "-o", "--output", required=True, metavar="OUT", help="the annotation file, or a directory for several"
    )
    import_.add_argument(
        "--offsets",
        choices=OFFSET_UNITS,
        default=None,
        help="how the file counts offsets: codepoints (policyschema, W3C), utf16 (browser tools such as "
        "some Label Studio versions), utf8 (bytes); default: as the file records, else codepoints. "
        "Spans whose offsets do not fit their quote are moved to the quote and reported",
    )
    import_.set_defaults(run=run_import)
