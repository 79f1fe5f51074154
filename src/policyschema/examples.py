"""The shipped reference annotations, loadable from a plain ``pip install`` (no clone needed).

>>> import policyschema as ps
>>> "china-daily-ipr-2020" in ps.examples.names()
True
>>> doc = ps.examples.load("china-daily-ipr-2020")

Each example is a directory holding ``annotation.json`` and the annotated ``source.txt`` (and the
script that built it). The same files are in the repository's ``examples/``.
"""

from __future__ import annotations

import sys

from ._resources import data_directory
from .codec import loads
from .models import AnnotatedDocument

if sys.version_info >= (3, 11):
    from importlib.resources.abc import Traversable
else:  # pragma: no cover - Python 3.10
    from importlib.abc import Traversable

__all__ = ["load", "names", "path"]

_ANNOTATION = "annotation.json"
_SOURCE = "source.txt"


def names() -> list[str]:
    """The names of the shipped examples, sorted."""
    root = data_directory("examples")
    return sorted(d.name for d in root.iterdir() if d.joinpath(_ANNOTATION).is_file())


def path(name: str) -> Traversable:
    """The directory of example ``name`` (its annotation.json, source.txt and builder script): a
    :class:`pathlib.Path` in an ordinary installation or a checkout."""
    directory = data_directory("examples").joinpath(name)
    if name not in names():
        known = ", ".join(names())
        raise KeyError(f"no example {name!r} (shipped: {known})")
    return directory


def load(name: str) -> AnnotatedDocument:
    """The checked annotation of example ``name``; a digest-only one is checked against its source.txt."""
    directory = path(name)
    source = directory.joinpath(_SOURCE)
    text = source.read_bytes().decode("utf-8") if source.is_file() else None
    raw = directory.joinpath(_ANNOTATION).read_bytes()
    if text is not None and b'"text":' not in raw:
        return loads(raw, text=text)  # digest-only: check the spans against the local copy
    return loads(raw)
