"""The committed JSON Schema files, readable from an installed package.

Validators in other languages need the schema files themselves; they ship in the wheel (from the
repository's ``schemas/``, one source). Format versions are discovered from the directory: a
``schemas/<version>/`` directory per version (such as ``1.0``, ``1.1``) and files that belong to no
version (the codebook schema) at the top; a flat ``schemas/`` holds the current version only.

>>> import policyschema as ps
>>> path = ps.schema_path()                     # the current annotation schema
>>> text = ps.schema_text("codebook")           # the codebook schema, as text
"""

from __future__ import annotations

import re
import sys
from typing import Final

from ._resources import schema_directory
from .models import SCHEMA_VERSION

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["schema_path", "schema_text", "schema_versions"]

_VERSION: Final = re.compile(r"[0-9]+\.[0-9]+")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def schema_versions() -> list[str]:
    """The format versions whose schemas ship, oldest first (such as ``["1.0", "1.1"]``)."""
    root = schema_directory()
    versions = [d.name for d in root.iterdir() if d.is_dir() and _VERSION.fullmatch(d.name)]
    if not versions and root.joinpath("annotation.schema.json").is_file():
        versions = [SCHEMA_VERSION]  # a flat directory holds the current version
    return sorted(versions, key=_key)


def schema_path(name: str = "annotation", version: str | None = None) -> Traversable:
    """The file of schema ``name`` ("annotation" or "codebook") for format ``version`` (default: the
    version this library writes, or the newest shipped): a :class:`pathlib.Path` in an ordinary
    installation or a checkout. FileNotFoundError names what ships."""
    root = schema_directory()
    versions = schema_versions()
    if version is None:
        version = SCHEMA_VERSION if SCHEMA_VERSION in versions else (versions[-1] if versions else SCHEMA_VERSION)
    if version not in versions:
        raise FileNotFoundError(f"no schemas for format version {version!r} (shipped: {', '.join(versions)})")
    file_name = f"{name}.schema.json"
    for candidate in (root.joinpath(version).joinpath(file_name), root.joinpath(file_name)):
        if candidate.is_file():
            return candidate
    shipped = sorted(
        {
            p.name.removesuffix(".schema.json")
            for d in (root, *root.iterdir())
            if d.is_dir()
            for p in d.iterdir()
            if p.name.endswith(".schema.json")
        }
    )
    raise FileNotFoundError(f"no schema {name!r} for version {version} (shipped: {', '.join(shipped)})")


def schema_text(name: str = "annotation", version: str | None = None) -> str:
    """The text of :func:`schema_path` ``(name, version)``."""
    return schema_path(name, version).read_text(encoding="utf-8")
