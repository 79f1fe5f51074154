"""``policyschema schema``: write, check or print the JSON Schema files."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..schema import ANNOTATION_SCHEMA_FILE, SCHEMA_FILES, schema_files, write_schemas
from ._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE


def run(args: argparse.Namespace) -> int:
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
            write_schemas(directory)
        except OSError as exc:
            print(f"error: {directory}: cannot write: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        print(f"wrote {', '.join(str(directory / n) for n in SCHEMA_FILES)}")
        return EXIT_OK
    sys.stdout.write(files[ANNOTATION_SCHEMA_FILE])
    return EXIT_OK


def add_parser(commands: Any) -> None:
    """Register ``schema`` on the subcommand parsers."""
    schema = commands.add_parser("schema", help="write, check or print the JSON Schema files")
    target = schema.add_mutually_exclusive_group()
    target.add_argument("--out", metavar="DIR", help="write the schema files into DIR")
    target.add_argument("--check", metavar="DIR", help="exit 1 if the files in DIR differ from the models")
    schema.set_defaults(run=run)
