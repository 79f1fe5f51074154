"""The ``policyschema`` command line: validate annotations in CI, export schemas, show and format files.

One module a command; each registers its parser with ``add_parser`` and runs through ``run(args)``,
which calls public library functions that users and tests can call too.

Exit status: 0 when everything is valid, 1 when problems were found in the input, 2 for usage or
I/O errors (a missing file, an unreadable directory).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from . import codes, exchange, fmt, migrate, schema, show, validate
from ._common import silence_stdout

__all__ = ["main"]

#: The command modules, in the order ``--help`` lists them.
_COMMANDS = (validate, schema, show, fmt, migrate, codes, exchange)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyschema",
        description="Validate, inspect and format policyschema annotation files.",
        epilog="Exit status: 0 valid, 1 problems found, 2 usage or I/O error.",
    )
    parser.add_argument("--version", action="version", version=f"policyschema {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in _COMMANDS:
        module.add_parser(commands)
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
        silence_stdout()
        return 128 + 13
    return status
