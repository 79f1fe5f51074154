"""The shipped reference annotations, loadable from a plain ``pip install`` (no clone needed).

>>> import policyschema as ps
>>> "china-daily-ipr-2020" in ps.examples.names()
True
>>> doc = ps.examples.load("china-daily-ipr-2020")

Each example is a directory holding ``annotation.json`` and the annotated ``source.txt`` (and the
script that built it). The same files are in the repository's ``examples/``.
"""

from __future__ import annotations

from pathlib import Path

from ._shipped import data_dir
from .codec import load as _load_file
from .models import AnnotatedDocument

__all__ = ["load", "names", "path"]

_ANNOTATION = "annotation.json"
_SOURCE = "source.txt"


def names() -> list[str]:
    """The names of the shipped examples, sorted."""
    root = data_dir("examples")
    return sorted(d.name for d in root.iterdir() if (d / _ANNOTATION).is_file())


def path(name: str) -> Path:
    """The directory of example ``name`` (its annotation.json, source.txt and builder script)."""
    directory = data_dir("examples") / name
    if name not in names():
        known = ", ".join(names())
        raise KeyError(f"no example {name!r} (shipped: {known})")
    return directory


def load(name: str) -> AnnotatedDocument:
    """The checked annotation of example ``name``; a digest-only one is checked against its source.txt."""
    directory = path(name)
    source = directory / _SOURCE
    text = source.read_bytes().decode("utf-8") if source.is_file() else None
    annotation = directory / _ANNOTATION
    if text is not None and '"text":' not in annotation.read_text(encoding="utf-8"):
        return _load_file(annotation, text=text)  # digest-only: check the spans against the local copy
    return _load_file(annotation)
