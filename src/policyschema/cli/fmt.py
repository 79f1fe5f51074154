"""``policyschema fmt``: rewrite annotation files in the canonical form."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..codec import dumps
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


def run(args: argparse.Namespace) -> int:
    error = setup_codebooks(args)
    if error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    files, errors = expand(args.paths)
    status = EXIT_OK
    for file in files:
        if file == STDIN or file.endswith(".jsonl"):
            print(f"{printable_name(file)}: skipped (fmt rewrites .json files)", file=sys.stderr)
            continue
        doc = load_for_command(file, args.max_bytes)
        if isinstance(doc, int):
            status = max(status, doc)
            continue
        canonical = dumps(doc).encode("utf-8")
        try:
            if Path(file).read_bytes() == canonical:
                continue
            if args.check:
                print(f"would reformat {printable_name(file)}")
                status = max(status, EXIT_PROBLEMS)
            else:
                Path(file).write_bytes(canonical)
                print(f"reformatted {printable_name(file)}")
        except OSError as exc:
            errors.append(
                f"{printable_name(file)}: cannot {'read' if args.check else 'rewrite'}: {exc.strerror or exc}"
            )
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    return EXIT_USAGE if errors else status


def add_parser(commands: Any) -> None:
    """Register ``fmt`` on the subcommand parsers."""
    fmt = commands.add_parser("fmt", help="rewrite annotation files in the canonical form")
    fmt.add_argument("paths", nargs="+", metavar="PATH", help="files or directories")
    fmt.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file would change")
    add_max_bytes(fmt)
    add_codebooks(fmt)
    fmt.set_defaults(run=run)
