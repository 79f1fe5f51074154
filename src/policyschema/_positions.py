"""Where each value of a JSON text sits (line and column), for error messages that point into a file.

An iterative scanner, so that deeply nested input cannot exhaust the stack. It assumes the text has
already been parsed successfully (or at least is well-formed up to the place asked for).
"""

from __future__ import annotations

import bisect
import re
from typing import Final

__all__ = ["Positions", "parse_path"]

_Path = tuple[str | int, ...]
_WHITESPACE: Final = re.compile(r"[ \t\n\r]*")
_STRING: Final = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_SCALAR: Final = re.compile(r"[^,\]}\s]+")
_PATH_PART: Final = re.compile(r"\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


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
            parts.append(quoted.replace("\\'", "'").replace("\\\\", "\\"))
        pos = match.end()
    return tuple(parts)


class Positions:
    """Line and column (1-based, in code points) of every value and key of a JSON text."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.values: dict[_Path, int] = {}
        self.keys: dict[_Path, int] = {}
        self.duplicate_keys: list[tuple[_Path, int]] = []
        self._scan()

    def line_column(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def locate(self, path: _Path) -> tuple[int, int]:
        """Position of the value at ``path``, or of its nearest ancestor present in the text."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in self.values:
                return self.line_column(self.values[prefix])
            if prefix in self.keys:
                return self.line_column(self.keys[prefix])
        return 1, 1

    def _skip_space(self, pos: int) -> int:
        match = _WHITESPACE.match(self._text, pos)
        return match.end() if match else pos

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
                self.values.setdefault(path, pos)
                expecting_value = False
                if char in "{[":
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
            if key in seen:
                self.duplicate_keys.append((path, pos))
            seen.add(key)
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
