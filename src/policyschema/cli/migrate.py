"""``policyschema migrate``: rewrite annotation files of older format versions as the current version.

A file is read as any file is (migrated, structured and checked) and written in the canonical form of
the current version with :func:`policyschema.dumps`; a file with problems is reported and not written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ..codec import dumps, loads, unstructure
from ..errors import ValidationError
from ..models import SCHEMA_VERSION
from ._common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    STDIN,
    add_codebooks,
    add_max_bytes,
    expand,
    load_for_command,
    printable_name,
    setup_codebooks,
)


def _targets(args: argparse.Namespace) -> tuple[dict[str, Path], list[str]]:
    """Where each input file is written, and usage errors (found before anything is written)."""
    targets: dict[str, Path] = {}
    errors: list[str] = []
    out = None if args.in_place else Path(args.output)
    one_file = len(args.paths) == 1 and not Path(args.paths[0]).is_dir()
    if out is not None and not one_file and out.exists() and not out.is_dir():
        return {}, [f"{printable_name(args.output)}: several inputs need -o to name a directory"]
    for name in args.paths:
        files, found_errors = expand([name])
        errors += found_errors
        for file in files:
            if file == STDIN:
                errors.append("-: migrate rewrites files; it does not read stdin")
            elif out is None:
                targets[file] = Path(file)
            elif Path(name).is_dir():
                targets[file] = out / Path(file).relative_to(name)
            else:
                targets[file] = out / Path(file).name if out.is_dir() or not one_file else out
    written_by: dict[Path, str] = {}
    for file, target in targets.items():
        key = target.resolve()
        if key in written_by and written_by[key] != file:
            errors.append(
                f"{printable_name(file)} and {printable_name(written_by[key])} would both be written to "
                f"{printable_name(str(target))}"
            )
        written_by.setdefault(key, file)
    return targets, errors


def _migrated(file: str, max_bytes: int) -> bytes | int:
    """The file's text in the current format version, or the exit status after saying why not.

    A ``.jsonl`` corpus is migrated line by line, each document written on one line.
    """
    if not file.endswith(".jsonl"):
        doc = load_for_command(file, max_bytes)
        return doc if isinstance(doc, int) else dumps(doc).encode("utf-8")
    lines = []
    try:
        with open(file, "rb") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    data = unstructure(loads(line.rstrip(b"\r\n")))
                except ValidationError as exc:
                    where = f"{printable_name(file)}:{number}"
                    print(
                        f"{where}: invalid ({len(exc.problems)} problems); run `policyschema validate`", file=sys.stderr
                    )
                    return EXIT_PROBLEMS
                lines.append(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n")
    except OSError as exc:
        print(f"error: {printable_name(file)}: cannot read: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    return "".join(lines).encode("utf-8")


def run(args: argparse.Namespace) -> int:
    error = setup_codebooks(args)
    targets, errors = _targets(args)
    if error or errors:
        for message in [error, *errors] if error else errors:
            print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE
    status = EXIT_OK
    for file, target in targets.items():
        text = _migrated(file, args.max_bytes)
        if isinstance(text, int):
            status = max(status, text)
            continue
        try:
            if target.exists() and target.read_bytes() == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text)
        except OSError as exc:
            print(f"error: {printable_name(str(target))}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            status = EXIT_USAGE
            continue
        print(f"wrote {printable_name(str(target))} (format {SCHEMA_VERSION})")
    return status


def add_parser(commands: Any) -> None:
    """Register ``migrate`` on the subcommand parsers."""
    migrate = commands.add_parser(
        "migrate",
        help=f"rewrite annotation files of older format versions as format {SCHEMA_VERSION}",
        description=f"Read annotation files of any readable format version, check them, and write them in "
        f"the canonical form of format {SCHEMA_VERSION}. Invalid files are reported and not written. "
        "Directories are searched for *.json and *.jsonl files (a .jsonl corpus is migrated line by line); "
        "with -o DIR their layout is kept under DIR. Nothing is written when two inputs would go to one file.",
    )
    migrate.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    target = migrate.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="the file (one input) or directory to write to")
    target.add_argument("--in-place", action="store_true", help="rewrite each file where it is")
    add_max_bytes(migrate)
    add_codebooks(migrate)
    migrate.set_defaults(run=run)
