"""Problems found in an annotation, and the one exception that carries them all."""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["Problem", "ValidationError", "format_path"]


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
        return f"{self.path}: {self.message}"


class ValidationError(ValueError):
    """Raised when an annotation is not valid; ``problems`` lists everything found, not only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} found:"]
        lines += [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))


def format_path(parts: Iterable[str | int]) -> str:
    """Render path parts as a JSONPath such as ``$.directives[3].evidence[0].end``."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part.isidentifier():
            out += f".{part}"
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out += f"['{escaped}']"
    return out
