"""Where values sit in a JSON text (line and column), for error messages that point into a file.

An iterative scanner, so that deeply nested input cannot exhaust the stack, and a frugal one: it
records only the places it is asked for and skips every other object or array at C speed, so that
locating a few problems in a 30 MB file costs little more memory than the file itself. It assumes the
text is well-formed up to the places asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

import attrs

from .errors import Problem

__all__ = ["Positions", "line_column", "locate_problems", "parse_path"]

_Path = tuple[str | int, ...]
_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
# A JSON string, "unrolled" so that a long string is one C-level match, not one step per character.
_STRING: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_SCALAR: Final = re.compile(r"[^,\]}\s]+")
# What matters when skipping a container: strings (which may hold brackets) and brackets.
_SKIP_TOKEN: Final = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_PATH_PART: Final = re.compile(r"\.([^\W\d]\w*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")
_KEY_ESCAPE: Final = re.compile(r"\\(u[0-9a-f]{4}|U[0-9a-f]{8}|.)", re.DOTALL)


def parse_path(path: str) -> _Path:
    """The parts of a JSON path written by :func:`policyschema.errors.format_path`."""
    parts: list[str | int] = []
    pos = 1 if path.startswith("$") else 0
    while pos < len(path):
        match = _PATH_PART.match(path, pos)
        if match is None:
            break
        name, index, quoted = match.groups()
        if name is not None:
            parts.append(name)
        elif index is not None:
            parts.append(int(index))
        else:
            parts.append(_KEY_ESCAPE.sub(_unescape, quoted))
        pos = match.end()
    return tuple(parts)


def _unescape(match: re.Match[str]) -> str:
    escaped = match.group(1)
    return chr(int(escaped[1:], 16)) if len(escaped) > 1 else escaped


def line_column(text: str, offset: int) -> tuple[int, int]:
    """Line and column (1-based, in code points) of ``offset`` in ``text``."""
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


class Positions:
    """Line and column of the values and keys at ``wanted`` paths (and of their ancestors).

    With ``duplicates=True`` the whole text is scanned and every repeated key is listed in
    ``duplicate_keys``; otherwise objects and arrays off the wanted paths are skipped.
    """

    def __init__(self, text: str, wanted: Iterable[_Path] = (), *, duplicates: bool = False) -> None:
        self._text = text
        self._wanted = {path[:end] for path in wanted for end in range(len(path) + 1)}
        self._duplicates = duplicates
        self.values: dict[_Path, int] = {}
        self.keys: dict[_Path, int] = {}
        self.duplicate_keys: list[tuple[_Path, int]] = []
        self._scan()

    def offset(self, path: _Path) -> int:
        """Offset of the value at ``path``, or of its nearest ancestor present in the text."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.values:
                return self.values[prefix]
            if prefix in self.keys:
                return self.keys[prefix]
        return 0

    def locate(self, path: _Path) -> tuple[int, int]:
        """Line and column of the value at ``path``, or of its nearest ancestor present in the text."""
        return line_column(self._text, self.offset(path))

    def line_column(self, offset: int) -> tuple[int, int]:
        return line_column(self._text, offset)

    def locate_all(self, paths: Iterable[_Path]) -> list[tuple[int, int]]:
        """:meth:`locate` for many paths in one pass over the text (lines counted once, not per path)."""
        return self.line_columns([self.offset(path) for path in paths])

    def line_columns(self, offsets: list[int]) -> list[tuple[int, int]]:
        """:meth:`line_column` for many offsets in one pass over the text."""
        located: dict[int, tuple[int, int]] = {}
        line, counted_to, line_start = 1, 0, 0
        for offset in sorted(set(offsets)):
            line += self._text.count("\n", counted_to, offset)
            line_start = self._text.rfind("\n", counted_to, offset) + 1 or line_start
            counted_to = offset
            located[offset] = (line, offset - line_start + 1)
        return [located[offset] for offset in offsets]

    def _skip_space(self, pos: int) -> int:
        match = _WHITESPACE.match(self._text, pos)
        return match.end() if match else pos

    def _skip_container(self, pos: int) -> int:
        """The offset just after the object or array that opens at ``pos``."""
        depth = 0
        text = self._text
        for token in _SKIP_TOKEN.finditer(text, pos):
            char = text[token.start()]
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
                if depth == 0:
                    return token.end()
        return len(text)

    def _scan(self) -> None:
        text = self._text
        pos = self._skip_space(0)
        # Open containers: (path, "object" or "array", next array index, keys seen).
        stack: list[tuple[_Path, str, list[int], set[str]]] = []
        path: _Path = ()
        expecting_value = True
        while pos < len(text):
            char = text[pos]
            if expecting_value:
                expecting_value = False
                wanted = path in self._wanted
                if wanted:
                    self.values.setdefault(path, pos)
                if char in "{[":
                    if not wanted and not self._duplicates:
                        pos = self._skip_space(self._skip_container(pos))
                        continue
                    stack.append((path, "object" if char == "{" else "array", [0], set()))
                    pos = self._skip_space(pos + 1)
                    if char == "[" and pos < len(text) and text[pos] != "]":
                        path, expecting_value = (*path, 0), True
                    continue
                match = (_STRING if char == '"' else _SCALAR).match(text, pos)
                pos = self._skip_space(match.end() if match else pos + 1)
                continue
            if not stack:
                break
            container_path, kind, index, seen = stack[-1]
            if char in "}]":
                stack.pop()
                path = container_path
                pos = self._skip_space(pos + 1)
                continue
            if char == ",":
                pos = self._skip_space(pos + 1)
                if kind == "array":
                    index[0] += 1
                    path, expecting_value = (*container_path, index[0]), True
                    continue
            elif char != '"':
                pos += 1  # not well-formed here: move on
                continue
            match = _STRING.match(text, pos)
            if match is None:
                break
            key = _decode_key(match.group())
            path = (*container_path, key)
            if self._duplicates:
                if key in seen:
                    self.duplicate_keys.append((path, pos))
                seen.add(key)
            if path in self._wanted:
                self.keys.setdefault(path, pos)
            pos = self._skip_space(match.end())
            if pos < len(text) and text[pos] == ":":
                pos = self._skip_space(pos + 1)
            expecting_value = True


def _decode_key(token: str) -> str:
    import json

    try:
        key: str = json.loads(token)
    except ValueError:
        return token.strip('"')
    return key


def locate_problems(problems: list[Problem], text: str | None, line_offset: int = 0) -> list[Problem]:
    """``problems`` with line and column filled in from the JSON ``text`` where they are not known yet
    (1, 1 when there is no text); ``line_offset`` is added to every line (a document inside a .jsonl)."""
    unknown = [p for p in problems if p.line is None]
    positions = Positions(text, [parse_path(p.path) for p in unknown]) if text is not None and unknown else None
    places = iter(positions.locate_all(parse_path(p.path) for p in unknown) if positions else [])
    located = []
    for problem in problems:
        line, column = (problem.line, problem.column) if problem.line is not None else next(places, (1, 1))
        located.append(attrs.evolve(problem, line=line + line_offset, column=column))
    return located
