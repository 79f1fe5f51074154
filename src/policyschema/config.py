"""Project settings: the codebooks a project's annotations use, named once in its pyproject.toml.

A project that codes with its own codebook (the Manifesto Project's categories, a national CAP
variant) lists the codebook files under ``[tool.policyschema]``::

    [tool.policyschema]
    codebooks = ["codebooks/manifesto.json"]

Paths are relative to the pyproject.toml. The command line reads the nearest pyproject.toml from the
working directory upward, so pre-commit hooks and CI jobs pick the codebooks up without flags; Python
code calls :func:`load_project_codebooks`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from .codebooks import Codebook, load_codebook, register_codebook
from .errors import ValidationError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib  # type: ignore[import-not-found, no-redef, unused-ignore]

__all__ = ["find_pyproject", "load_project_codebooks", "project_codebook_paths", "register_codebook_files"]


def find_pyproject(start: str | Path | None = None) -> Path | None:
    """The nearest pyproject.toml in ``start`` (default: the working directory) or a directory above it."""
    here = Path.cwd() if start is None else Path(start)
    for directory in [here.resolve(), *here.resolve().parents]:
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def project_codebook_paths(start: str | Path | None = None) -> list[Path]:
    """The codebook files ``[tool.policyschema] codebooks`` names in the nearest pyproject.toml, made
    absolute against its directory; empty when there is none. ValueError for a malformed setting."""
    pyproject = find_pyproject(start)
    if pyproject is None:
        return []
    try:
        settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{pyproject}: cannot read: {exc}") from None
    tool = settings.get("tool", {})
    section = tool.get("policyschema", {}) if isinstance(tool, dict) else {}
    if not isinstance(section, dict):
        raise ValueError(f"{pyproject}: [tool.policyschema] must be a table")
    codebooks = section.get("codebooks", [])
    if not isinstance(codebooks, list) or not all(isinstance(p, str) and p for p in codebooks):
        raise ValueError(f"{pyproject}: [tool.policyschema] codebooks must be a list of file paths")
    return [pyproject.parent / p for p in codebooks]


def register_codebook_files(paths: Iterable[str | Path]) -> list[Codebook]:
    """Load each codebook file and register it with the loader; ValueError naming the file when one
    cannot be read or is not a valid codebook (its problems listed)."""
    loaded = []
    for path in paths:
        try:
            codebook = load_codebook(path)
        except OSError as exc:
            raise ValueError(f"{path}: cannot read the codebook: {exc.strerror or exc}") from None
        except ValidationError as exc:
            problems = "; ".join(str(p) for p in exc.problems[:5])
            raise ValueError(f"{path}: not a valid codebook: {problems}") from None
        try:
            register_codebook(codebook)
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
        loaded.append(codebook)
    return loaded


def load_project_codebooks(start: str | Path | None = None) -> list[Codebook]:
    """Register the codebooks the nearest pyproject.toml names (see the module docs) and return them."""
    return register_codebook_files(project_codebook_paths(start))
