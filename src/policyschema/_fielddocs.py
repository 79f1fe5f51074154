"""Field descriptions in class docstrings, so that ``help(ps.Directive)`` shows what the schema publishes.

attrs classes with slots give their fields no docstrings of their own; the description of every field
lives in its metadata (``metadata["description"]``), which the JSON Schema exporter publishes. At class
creation the models call :func:`add_field_docs`, which appends a field list built from that same
metadata to the class docstring; :func:`own_doc` gives the docstring without it, for the schema.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Iterable
from typing import Final

import attrs

__all__ = ["add_field_docs", "own_doc"]

FIELDS_HEADING: Final = "Fields (the JSON keys, in file order):"


def add_field_docs(classes: Iterable[object]) -> None:
    """Append the field list to the docstring of each attrs class in ``classes`` (others are skipped)."""
    for cls in classes:
        if not (isinstance(cls, type) and attrs.has(cls)) or FIELDS_HEADING in (cls.__doc__ or ""):
            continue
        lines = [inspect.cleandoc(cls.__doc__ or ""), "", FIELDS_HEADING, ""]
        for field in attrs.fields(cls):
            description = field.metadata.get("description")
            if not field.init or description is None:
                continue
            optional = "" if field.default is attrs.NOTHING else " Optional."
            lines.append(f"{field.name}")
            lines += textwrap.wrap(description + optional, width=92, initial_indent="    ", subsequent_indent="    ")
        cls.__doc__ = "\n".join(lines)


def own_doc(cls: object) -> str:
    """The class's docstring without the generated field list."""
    doc = inspect.getdoc(cls) or ""
    return doc.split("\n\n" + FIELDS_HEADING)[0]
