"""Where the files the package ships are: the published JSON Schemas and the reference examples.

In a wheel they are package data under ``policyschema/_data/`` (copied there from the repository's
top-level ``schemas/`` and ``examples/`` at build time, so there is one source); in a checkout or an
editable install they are read from those directories themselves.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:
    from importlib.abc import Traversable

__all__ = ["data_directory", "schema_directory"]

_REPOSITORY = Path(__file__).resolve().parents[2]


def data_directory(name: str) -> Traversable:
    """The shipped directory ``name`` ("schemas" or "examples"); FileNotFoundError if it is missing."""
    packaged = resources.files("policyschema").joinpath("_data").joinpath(name)
    if packaged.is_dir():
        return packaged
    checkout = _REPOSITORY / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"policyschema's {name} directory is missing from this installation")


def schema_directory() -> Traversable:
    """The published JSON Schemas: ``1.0/annotation.schema.json``, ``1.1/...``, ``codebook.schema.json``."""
    return data_directory("schemas")
