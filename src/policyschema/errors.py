"""Problems found in an annotation, and the one exception that carries them all."""

from __future__ import annotations

import json
from collections.abc import Iterable

import attrs

__all__ = ["Problem", "ValidationError", "format_path", "quote"]

_QUOTE_LIMIT = 60


@attrs.frozen
class Problem:
    """One thing wrong with a file: where (a JSON path such as ``$.directives[3].cue.end``) and what.

    ``line`` and ``column`` (1-based) locate it in the JSON text when that is known.
    """

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = f" (line {self.line}, column {self.column})" if self.line is not None else ""
        return f"{self.path}{where}: {self.message}"


class ValidationError(ValueError):
    """Raised when an annotation is not valid; ``problems`` lists everything found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} found:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def quote(text: str, limit: int = _QUOTE_LIMIT) -> str:
    """``text`` as a JSON string for a message, one printable line whatever it holds (a newline, a lone
    surrogate and other unprintable characters are escaped), cut after ``limit`` characters so that a
    megabyte of bad input gives a short message."""
    shown = json.dumps(text[:limit], ensure_ascii=False)
    if not shown.isprintable():
        shown = "".join(c if c.isprintable() else _json_escape(c) for c in shown)
    return shown if len(text) <= limit else f"{shown}... ({len(text):,} characters)"


def _json_escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def format_path(parts: Iterable[str | int]) -> str:
    """Render path parts as a JSONPath such as ``$.directives[3].evidence[0].end``.

    Keys that are not identifiers are quoted, ``$['a key']``, with backslash escapes for ``\\``, ``'``
    and every character that is not printable (``\\n``, ``\\u2028``, a lone surrogate ``\\ud800``),
    so that a path is always one printable line.
    """
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            out += f"['{''.join(map(_escape_key_char, part))}']"
    return out


def _escape_key_char(char: str) -> str:
    if char in "\\'":
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
