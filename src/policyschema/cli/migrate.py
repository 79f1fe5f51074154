"""``policyschema migrate``: rewrite annotation files of older format versions as the current version.

A file is read as any file is (migrated, structured and checked) and written in the canonical form of
the current version with :func:`policyschema.dumps`; a file with problems is reported and not written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..codec import dumps
from ..models import SCHEMA_VERSION
from ._common import (
    EXIT_OK,
    EXIT_USAGE,
    STDIN,
    add_max_bytes,
    expand,
    load_for_command,
    printable_name,
)


def _targets(args: argparse.Namespace) -> tuple[dict[str, Path], list[str]]:
    """Where each input file is written, and usage errors."""
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
            if file == STDIN or file.endswith(".jsonl"):
                errors.append(f"{printable_name(file)}: migrate rewrites .json files")
            elif out is None:
                targets[file] = Path(file)
            elif Path(name).is_dir():
                targets[file] = out / Path(file).relative_to(name)
            else:
                targets[file] = out / Path(file).name if out.is_dir() or not one_file else out
    return targets, errors


def run(args: argparse.Namespace) -> int:
    targets, errors = _targets(args)
    status = EXIT_OK
    for file, target in targets.items():
        doc = load_for_command(file, args.max_bytes)
        if isinstance(doc, int):
            status = max(status, doc)
            continue
        text = dumps(doc).encode("utf-8")
        try:
            if target.exists() and target.read_bytes() == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(text)
        except OSError as exc:
            errors.append(f"{printable_name(str(target))}: cannot write: {exc.strerror or exc}")
            continue
        print(f"wrote {printable_name(str(target))} (format {SCHEMA_VERSION})")
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return EXIT_USAGE if errors else status


def add_parser(commands: Any) -> None:
    """Register ``migrate`` on the subcommand parsers."""
    migrate = commands.add_parser(
        "migrate",
        help=f"rewrite annotation files of older format versions as format {SCHEMA_VERSION}",
        description=f"Read annotation files of any readable format version, check them, and write them in "
        f"the canonical form of format {SCHEMA_VERSION}. Invalid files are reported and not written. "
        "Directories are searched for *.json files; with -o DIR their layout is kept under DIR.",
    )
    migrate.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    target = migrate.add_mutually_exclusive_group(required=True)
    target.add_argument("-o", "--output", metavar="OUT", help="the file (one input) or directory to write to")
    target.add_argument("--in-place", action="store_true", help="rewrite each file where it is")
    add_max_bytes(migrate)
    migrate.set_defaults(run=run)
