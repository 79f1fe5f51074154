"""What the commands share: exit codes, reading inputs within a size limit, expanding directories,
printing file names and messages safely, and loading one annotation for a command."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .._convert import parse_json
from ..codec import structure
from ..config import project_codebook_paths, register_codebook_files
from ..errors import Problem, ValidationError
from ..models import AnnotatedDocument

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
STDIN = "-"


class InputError(Exception):
    """A path that cannot be read: a usage or I/O error (exit 2), not a problem in a document."""


def read_limited(name: str, max_bytes: int) -> bytes:
    """The bytes of a file or stdin, refusing early (without reading it all) past ``max_bytes``."""
    try:
        if name == STDIN:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(name, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{printable_name(name)}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise ValidationError(
            [Problem("$", f"larger than {max_bytes:,} bytes; refused unread (raise the limit with --max-bytes)")]
        )
    return data


def expand(paths: Sequence[str]) -> tuple[list[str], list[str]]:
    """Files to check (directories searched for *.json and *.jsonl), and usage errors.

    Hidden directories (``.git``, ``.venv``) are skipped; a directory that cannot be read is an error,
    not an empty directory.
    """
    files: list[str] = []
    errors: list[str] = []
    for name in paths:
        if name == STDIN:
            files.append(name)
            continue
        if not name:
            errors.append("'': an empty path names no file")
            continue
        shown = printable_name(name)
        try:
            path = Path(name)
            if not path.exists():
                errors.append(f"{shown}: no such file or directory")
            elif not path.is_dir():  # a file, or a pipe such as <(command)
                files.append(name)
            else:
                errors_before = len(errors)
                found = _walk(name, errors)
                if not found and len(errors) == errors_before:  # a wrong path must fail CI, not pass it
                    errors.append(f"{shown}: no *.json or *.jsonl files found")
                files.extend(found)
        except OSError as exc:  # a name too long, a directory on the way that cannot be searched
            errors.append(f"{shown}: cannot read: {exc.strerror or exc}")
    return files, errors


def _walk(directory: str, errors: list[str]) -> list[str]:
    """The *.json and *.jsonl files under ``directory``, sorted; unreadable directories go to ``errors``."""

    def unreadable(exc: OSError) -> None:
        errors.append(f"{printable_name(exc.filename or directory)}: cannot read: {exc.strerror or exc}")

    found = []
    for root, dirs, names in os.walk(directory, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [os.path.join(root, n) for n in names if n.endswith((".json", ".jsonl")) and not n.startswith(".")]
    return sorted(f for f in found if os.path.isfile(f))


def printable_name(name: str) -> str:
    """A file name fit to print: bytes that are not UTF-8 (kept by Python as surrogates) as ``\\xff``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


_MESSAGE_LIMIT = 1000


def one_line(text: str) -> str:
    """``text`` safe to print as (part of) one line: characters that are not printable escaped, cut at
    :data:`_MESSAGE_LIMIT` characters. Messages are built this way already; this is the last guard."""
    if not text.isprintable():
        text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
    return text if len(text) <= _MESSAGE_LIMIT else text[:_MESSAGE_LIMIT] + "..."


def load_for_command(name: str, max_bytes: int) -> AnnotatedDocument | int:
    """The checked annotation in file ``name``, or the exit status after saying why it is not one."""
    try:
        return structure(parse_json(read_limited(name, max_bytes)))
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ValidationError as exc:
        shown = printable_name(name)
        print(f"{shown}: invalid ({len(exc.problems)} problems); run `policyschema validate {shown}`", file=sys.stderr)
        for problem in exc.problems[:5]:
            print(f"  {one_line(str(problem))}", file=sys.stderr)
        return EXIT_PROBLEMS


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def add_max_bytes(command: argparse.ArgumentParser) -> None:
    """The ``--max-bytes`` option every command that reads annotations takes."""
    command.add_argument(
        "--max-bytes",
        type=positive,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse inputs larger than N bytes (default {DEFAULT_MAX_BYTES:,})",
    )


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that Python's final flush does not fail on a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def add_codebooks(command: argparse.ArgumentParser) -> None:
    """The ``--codebook FILE`` option (repeatable) of every command that reads annotations."""
    command.add_argument(
        "--codebook",
        action="append",
        default=[],
        metavar="FILE",
        help="register a codebook file (repeatable); codebooks named in [tool.policyschema] codebooks of the "
        "nearest pyproject.toml are registered too",
    )


def codebook_files(args: argparse.Namespace) -> list[str]:
    """The codebook files to register: the project's (nearest pyproject.toml), then ``--codebook`` ones."""
    return [*(str(p) for p in project_codebook_paths()), *args.codebook]


_REGISTERED: set[str] = set()


def register_codebooks(files: Sequence[str]) -> str | None:
    """Register the codebook files (each once a process); the reason, when one cannot be registered."""
    try:
        register_codebook_files([f for f in files if f not in _REGISTERED])
    except ValueError as exc:
        return one_line(str(exc))
    _REGISTERED.update(files)
    return None


def setup_codebooks(args: argparse.Namespace) -> str | None:
    """Register the project's and the command line's codebooks; an error message, or None."""
    try:
        files = codebook_files(args)
    except ValueError as exc:
        return one_line(str(exc))
    return register_codebooks(files)
