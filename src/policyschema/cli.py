"""The ``policyschema`` command line: validate annotation files (more commands come with later issues)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .codec import loads
from .errors import ValidationError

__all__ = ["main"]

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for name in args.paths:
        path = Path(name)
        try:
            doc = loads(path.read_bytes())
        except OSError as exc:
            print(f"{name}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            status = max(status, EXIT_USAGE)
            continue
        except ValidationError as exc:
            count = len(exc.problems)
            print(f"{name}: invalid, {count} problem{'s' if count != 1 else ''}")
            for problem in exc.problems:
                print(f"  {problem}")
            status = max(status, EXIT_PROBLEMS)
            continue
        print(f"{name}: valid ({len(doc.directives)} directives, {len(doc.statements)} statements)")
    return status


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="policyschema", description=__doc__)
    parser.add_argument("--version", action="version", version=f"policyschema {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = commands.add_parser("validate", help="check annotation files; exit 0 if all are valid, 1 if not")
    validate.add_argument("paths", nargs="+", metavar="FILE", help="annotation JSON files")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 valid, 1 problems found, 2 usage or I/O error)."""
    args = _parser().parse_args(argv)
    status: int = args.run(args)
    return status
