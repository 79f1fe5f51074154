"""``policyschema codes``: find codebook codes by words in their labels and descriptions."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..codebooks import DEFAULT_CODEBOOK, Codebook, get_codebook, load_codebook
from ..config import project_codebook_paths
from ..errors import ValidationError
from ..phrases import PhraseMatch, get_phrase_table
from ._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, one_line, printable_name, register_codebooks


def _codebook(args: argparse.Namespace) -> Codebook | int:
    if args.codebook_file is not None:
        try:
            return load_codebook(args.codebook_file)
        except OSError as exc:
            print(f"error: {printable_name(args.codebook_file)}: cannot read: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_USAGE
        except ValidationError as exc:
            print(f"error: {printable_name(args.codebook_file)}: not a valid codebook", file=sys.stderr)
            for problem in exc.problems[:5]:
                print(f"  {one_line(str(problem))}", file=sys.stderr)
            return EXIT_USAGE
    try:  # the project's codebooks ([tool.policyschema] codebooks) can be named with --codebook
        failure = register_codebooks([str(path) for path in project_codebook_paths()])
    except ValueError as exc:
        failure = one_line(str(exc))
    if failure is not None:
        print(f"error: {failure}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return get_codebook(args.codebook)
    except KeyError as exc:
        print(f"error: {one_line(str(exc.args[0]))}", file=sys.stderr)
        return EXIT_USAGE


def run(args: argparse.Namespace) -> int:
    codebook = _codebook(args)
    if isinstance(codebook, int):
        return codebook
    query = " ".join(args.query)
    try:
        entries = codebook.search(query)
    except ValueError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    phrases = _phrase_matches(codebook, query)
    if not entries and not phrases:
        print(f"no code of {codebook.id} matches {one_line(query)!r}", file=sys.stderr)
        return EXIT_PROBLEMS
    for entry in entries:
        under = f"  (under {entry.parent} {codebook.entry(entry.parent).label})" if entry.parent else ""
        print(f"{entry.code}\t{entry.label}{under}")
    listed = {entry.code for entry in entries}
    by_code: dict[str, list[str]] = {}
    for match in phrases:
        for code in match.codes:
            if code not in listed and code in codebook:  # a codebook file may lack some
                by_code.setdefault(code, []).append(repr(match.phrase))
    for code, found in by_code.items():
        print(f"{code}\t{codebook.entry(code).label}  (phrase table: {', '.join(dict.fromkeys(found))})")
    return EXIT_OK


def _phrase_matches(codebook: Codebook, query: str) -> list[PhraseMatch]:
    """The rows of the codebook's shipped phrase table (guidelines rule 6) that the query's words match:
    a word the labels do not use (*vehicles*) may still have a code by the table. Rows that give no code
    (stop phrases) are not listed."""
    try:
        table = get_phrase_table(codebook.id)
    except (KeyError, ValidationError):  # no table ships for this codebook, or it does not fit the one registered
        return []
    return [match for match in table.matches(query) if match.codes]


def add_parser(commands: Any) -> None:
    """Register ``codes`` on the subcommand parsers."""
    codes = commands.add_parser(
        "codes",
        help="find codebook codes by words in their labels",
        description="Print the codes whose label or description has every word of QUERY (case-insensitive; "
        "a word matches the start of a word, so 'patent' finds 'Patents'), one per line: code, tab, label; "
        "then the codes the shipped phrase table (guidelines rule 6) gives to phrases in QUERY, marked "
        "'(phrase table: ...)'. Exit 1 when nothing matches.",
    )
    codes.add_argument("query", nargs="+", metavar="QUERY", help="words to look for")
    source = codes.add_mutually_exclusive_group()
    source.add_argument(
        "--codebook", default=DEFAULT_CODEBOOK, metavar="ID", help=f"a registered codebook (default {DEFAULT_CODEBOOK})"
    )
    source.add_argument("--codebook-file", metavar="FILE", help="a codebook JSON file to search instead")
    codes.set_defaults(run=run)
