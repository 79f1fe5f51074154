"""JSON Schema (Draft 2020-12) generated from the attrs models, and validation of raw JSON against it.

The exporter walks attrs classes, their type hints and field metadata; nothing is written by hand per
class except :data:`_CLASS_RULES`, the few cross-field rules a type hint cannot carry. What JSON Schema
cannot express is checked by the loader only (see :mod:`policyschema.checks` and ``docs/schema.md``).
"""

from __future__ import annotations

import copy
import datetime
import json
import re
import types
import typing
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Union, get_args, get_origin

import attrs

from ._convert import DATE_PATTERN, DATE_TIME_PATTERN, describe_json, to_json
from ._fielddocs import own_doc
from ._positions import parse_path
from ._resources import schema_directory
from .codebooks import Codebook
from .constraints import constraint_of
from .dates import DATE_VALUE_PATTERN, PARTIAL_DATE_PATTERN, DateInterval, PartialDate
from .errors import Problem, format_path, quote
from .models import READABLE_VERSIONS, SCHEMA_VERSION, AnnotatedDocument, Document, TimeHorizon
from .vocabulary import AnchorRelation, HorizonKind, Vocabulary

if TYPE_CHECKING:  # imported when first needed: it costs more than the rest of the package together
    import jsonschema

__all__ = [
    "ANNOTATION_SCHEMA_FILE",
    "SCHEMA_BASE_URI",
    "SCHEMA_FILES",
    "annotation_schema",
    "codebook_schema",
    "published_annotation_schema",
    "schema_files",
    "validate_json",
    "write_schemas",
]

#: Base of the schemas' ``$id``s: names, not download addresses.
SCHEMA_BASE_URI: Final = "https://policyschema.org/schema/"
#: The annotation schema of the current format version, under ``schemas/``.
ANNOTATION_SCHEMA_FILE: Final = f"{SCHEMA_VERSION}/annotation.schema.json"
#: The generated files under ``schemas/`` and the root class of each. Schemas of earlier format
#: versions (``schemas/1.0/``) are published files, kept byte for byte, and never generated again.
SCHEMA_FILES: Final[dict[str, type]] = {
    ANNOTATION_SCHEMA_FILE: AnnotatedDocument,
    "codebook.schema.json": Codebook,
}
#: The ``$id`` of each generated file. The codebook format has not changed since version 1.0 and keeps
#: its first ``$id``; each minor version of the annotation format has its own.
_SCHEMA_IDS: Final = {
    ANNOTATION_SCHEMA_FILE: SCHEMA_BASE_URI + ANNOTATION_SCHEMA_FILE,
    "codebook.schema.json": SCHEMA_BASE_URI + "v1/codebook.schema.json",
}


def _presence(needs: tuple[str, ...], forbids: tuple[str, ...] = ()) -> dict[str, Any]:
    """Schema: each of ``needs`` is present and not null; each of ``forbids`` is absent or null."""
    properties: dict[str, Any] = {n: {"not": {"type": "null"}} for n in needs}
    properties.update({n: {"type": "null"} for n in forbids})
    return {"required": list(needs), "properties": properties}


def _of_kind(kind: HorizonKind, rules: dict[str, Any]) -> dict[str, Any]:
    """Schema: ``kind`` is this kind, and ``rules`` hold."""
    return _merge({"required": ["kind"], "properties": {"kind": {"const": kind.value}}}, rules)


def _merge(first: dict[str, Any], second: dict[str, Any]) -> dict[str, Any]:
    """Two object schemas of ``required`` and ``properties`` as one (both must hold)."""
    properties = {**first.get("properties", {})}
    for name, rule in second.get("properties", {}).items():
        properties[name] = {**properties[name], **rule} if name in properties else rule
    required = list(dict.fromkeys([*first.get("required", []), *second.get("required", [])]))
    return {"required": required, "properties": properties}


# Cross-field rules a type hint cannot carry; the loader makes the same checks (checks.py).
_CLASS_RULES: Final[dict[type, dict[str, Any]]] = {
    Document: {"anyOf": [_presence(("text",)), _presence(("text_sha256", "text_length"))]},
    # Written as alternatives (anyOf of consts), not if/then, so that generators such as
    # hypothesis-jsonschema build valid horizons directly instead of filtering random ones.
    TimeHorizon: {
        "allOf": [
            {
                "anyOf": [
                    _of_kind(HorizonKind.POINT, _presence(("start",), forbids=("end",))),
                    _of_kind(HorizonKind.PERIOD, _presence(("start", "end"))),
                    _of_kind(HorizonKind.OPEN_ENDED, _presence(("start",), forbids=("end",))),
                    _of_kind(HorizonKind.RETROSPECTIVE, _presence(("start",))),
                    _of_kind(HorizonKind.DEADLINE, _presence(("end",), forbids=("start",))),
                    _of_kind(HorizonKind.RELATIVE, _presence(("anchor", "relation"))),
                ]
            },
            # an anchor and its relation come together; an offset needs them; "within" needs an offset
            {
                "anyOf": [
                    _presence((), forbids=("anchor", "relation", "offset")),
                    _merge(
                        _presence(("anchor", "relation")),
                        {
                            "properties": {
                                "relation": {
                                    "enum": [r.value for r in AnchorRelation if r is not AnchorRelation.WITHIN]
                                }
                            }
                        },
                    ),
                    _merge(
                        _presence(("anchor", "relation", "offset")),
                        {"properties": {"relation": {"const": AnchorRelation.WITHIN.value}}},
                    ),
                ]
            },
        ]
    },
}

_DATE_OR_DATE_TIME: Final = {
    "type": "string",
    "description": "An ISO 8601 date (YYYY-MM-DD) or an RFC 3339 date-time with its UTC offset "
    "(YYYY-MM-DDThh:mm:ss+08:00), with at most six digits of fractional seconds.",
    "pattern": f"({DATE_PATTERN})|({DATE_TIME_PATTERN})",
}
_PARTIAL_DATE: Final = {
    "type": "string",
    "description": "An ISO 8601 calendar date of reduced precision: YYYY, YYYY-MM or YYYY-MM-DD.",
    "pattern": PARTIAL_DATE_PATTERN,
}

_DATE_VALUE: Final = {
    "type": "string",
    "description": "An ISO 8601 calendar date of reduced precision (YYYY, YYYY-MM or YYYY-MM-DD), or an "
    "interval of two such dates as in ISO 8601-2 / EDTF level 0 (2016-11-25/2016-11-26), start not after end.",
    "pattern": DATE_VALUE_PATTERN,
}


def _doc_line(obj: Any) -> str:
    """A class's docstring as one paragraph per blank-line block."""
    doc = own_doc(obj)  # without the field list added for help()
    return "\n\n".join(" ".join(block.split()) for block in doc.split("\n\n")).strip()


class _Exporter:
    """Builds one schema document, collecting a ``$defs`` entry per class and vocabulary."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str, build: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        if name not in self.defs:
            self.defs[name] = {}  # reserve the name first: classes may refer to each other
            self.defs[name] = build()
        return {"$ref": f"#/$defs/{name}"}

    def type_schema(self, tp: Any) -> dict[str, Any]:
        constraint = constraint_of(tp)
        if constraint is not None:
            schema = self.type_schema(get_args(tp)[0])
            for key, value in (
                ("minLength", constraint.min_length),
                ("pattern", constraint.pattern),
                ("minimum", constraint.minimum),
                ("minItems", constraint.min_items),
            ):
                if value is not None:
                    schema[key] = value
            return schema
        origin = get_origin(tp)
        if origin in (Union, types.UnionType):
            members = get_args(tp)
            if set(members) == {datetime.date, datetime.datetime}:
                return self.ref("DateOrDateTime", lambda: dict(_DATE_OR_DATE_TIME))
            rest = [m for m in members if m is not type(None)]
            if set(rest) == {PartialDate, DateInterval}:
                date_value = self.ref("DateValue", lambda: dict(_DATE_VALUE))
                return date_value if len(rest) == len(members) else {"anyOf": [date_value, {"type": "null"}]}
            if len(rest) == 1 and len(members) == 2:
                inner = self.type_schema(rest[0])
                if "type" in inner and "$ref" not in inner:
                    return {**inner, "type": [inner["type"], "null"]}
                return {"anyOf": [inner, {"type": "null"}]}
            raise TypeError(f"no JSON Schema for the union {tp!r}")
        if origin is list:
            return {"type": "array", "items": self.type_schema(get_args(tp)[0])}
        if tp is str:
            return {"type": "string"}
        if tp is int:
            return {"type": "integer"}
        if tp is bool:
            return {"type": "boolean"}
        if tp is PartialDate:
            return self.ref("PartialDate", lambda: dict(_PARTIAL_DATE))
        if isinstance(tp, type) and issubclass(tp, Vocabulary):
            return self.ref(tp.__name__, lambda: self.vocabulary_schema(tp))
        if attrs.has(tp):
            return self.ref(tp.__name__, lambda: self.class_schema(tp))
        raise TypeError(f"no JSON Schema for the type {tp!r}")

    def vocabulary_schema(self, tp: type[Vocabulary]) -> dict[str, Any]:
        meanings = "\n".join(f"- {m.value}: {m.description}" for m in tp)
        return {
            "title": tp.__name__,
            "description": f"{_doc_line(tp)}\n\n{meanings}",
            "type": "string",
            "enum": [m.value for m in tp],
        }

    def class_schema(self, cl: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cl, include_extras=True)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cl):
            if not field.init:
                continue
            schema = self.type_schema(hints[field.name])
            description = field.metadata.get("description")
            if description:
                schema = {"description": description, **schema}
            if field.default is attrs.NOTHING:
                required.append(field.name)
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                if field.default.factory is list:
                    schema["default"] = []
            elif field.default is None:
                schema["default"] = None
            elif isinstance(field.default, Vocabulary):
                schema["default"] = field.default.value
            properties[field.name] = schema
        result: dict[str, Any] = {
            "title": cl.__name__,
            "description": _doc_line(cl),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        }
        result.update(_CLASS_RULES.get(cl, {}))
        return result


@cache
def _root_schema(file_name: str) -> dict[str, Any]:
    cl = SCHEMA_FILES[file_name]
    exporter = _Exporter()
    exporter.type_schema(cl)
    root = exporter.defs.pop(cl.__name__)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": _SCHEMA_IDS[file_name],
        **root,
        "$defs": dict(sorted(exporter.defs.items())),
    }


def annotation_schema() -> dict[str, Any]:
    """The JSON Schema of an annotation file (root: :class:`AnnotatedDocument`); a copy, yours to change."""
    return copy.deepcopy(_root_schema(ANNOTATION_SCHEMA_FILE))


def codebook_schema() -> dict[str, Any]:
    """The JSON Schema of a codebook file (root: :class:`Codebook`); a copy, yours to change."""
    return copy.deepcopy(_root_schema("codebook.schema.json"))


def schema_files() -> dict[str, str]:
    """The text of every generated schema file, by file name; byte-identical across runs."""
    return {name: to_json(_root_schema(name)) for name in SCHEMA_FILES}


def write_schemas(directory: str | Path) -> list[Path]:
    """Write the schema files into ``directory`` (created if needed); return the paths written."""
    out = Path(directory)
    written = []
    for name, text in schema_files().items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    # ECMA-262's "$" (no multiline flag) matches only at the very end; Python's also before a final
    # newline. Our patterns use "$" only as an anchor, so "\\Z" gives the ECMA meaning.
    return re.compile(re.sub(r"(?<!\\)\$", r"\\Z", pattern))


def _pattern_ecma(
    validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
) -> Iterator[jsonschema.ValidationError]:
    import jsonschema

    if validator.is_type(instance, "string") and not _ecma_regex(pattern).search(instance):
        yield jsonschema.ValidationError(f"{quote(instance)} does not match {pattern}")


def published_annotation_schema(version: str) -> dict[str, Any]:
    """The annotation schema of format ``version`` ("1.0", "1.1") as published under ``schemas/``.

    The current version's is generated from the models; earlier ones are read from the published files.
    """
    if version == SCHEMA_VERSION:
        return annotation_schema()
    if version not in READABLE_VERSIONS:
        raise ValueError(f"no annotation schema for format version {version!r}; known: {', '.join(READABLE_VERSIONS)}")
    return copy.deepcopy(_published(version))


@cache
def _published(version: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        schema_directory().joinpath(version).joinpath("annotation.schema.json").read_text("utf-8")
    )
    return data


@cache
def _validator(kind: str, definition: str | None, version: str = SCHEMA_VERSION) -> Any:
    import jsonschema.validators

    schema = published_annotation_schema(version) if kind == "annotation" else codebook_schema()
    if definition is not None:
        if definition not in schema["$defs"]:
            raise ValueError(f"the {kind} schema has no definition {definition!r}")
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    base = jsonschema.validators.validator_for(schema)
    base.check_schema(schema)
    cls = jsonschema.validators.extend(base, {"pattern": _pattern_ecma})  # type: ignore[no-untyped-call]
    return cls(schema)


def validate_json(
    data: Any, *, kind: str = "annotation", definition: str | None = None, version: str | None = None
) -> list[Problem]:
    """Check parsed JSON against the schema (``kind`` "annotation" or "codebook").

    ``definition`` checks against one ``$defs`` entry instead of the root, such as "Directive".
    Annotations are checked against the schema of their ``schema_version`` when it is one this
    library reads (a "1.0" file against the published 1.0 schema), else against the current one;
    ``version`` chooses the schema instead.
    Problems come in the loader's form: a JSON path and a sentence. Only what the schema can say is
    checked here; :func:`policyschema.loads` also makes the loader-only checks.
    """
    if kind not in ("annotation", "codebook"):
        raise ValueError(f"kind must be 'annotation' or 'codebook', not {kind!r}")
    if version is None:
        declared = data.get("schema_version") if isinstance(data, dict) and definition is None else None
        version = declared if declared in READABLE_VERSIONS else SCHEMA_VERSION
    validator = _validator(kind, definition, version)
    problems = {problem for error in validator.iter_errors(data) for problem in _as_problems(error)}
    return sorted(problems, key=lambda p: (list(map(str, parse_path(p.path))), p.message))


def _as_problems(error: jsonschema.ValidationError) -> Iterator[Problem]:
    """One jsonschema error as the loader would say it: the place of the value and a sentence."""
    path = tuple(error.absolute_path)
    instance: Any = error.instance
    value: Any = error.validator_value
    schema: Any = error.schema
    if error.validator in ("anyOf", "oneOf") and error.context:
        # a nullable reference ({"anyOf": [{"$ref": ...}, {"type": "null"}]}): report what the non-null
        # branch found, at its own (deeper) place, instead of "is not valid under any of the schemas"
        branches: dict[Any, list[jsonschema.ValidationError]] = {}
        for sub in error.context:
            branches.setdefault(sub.schema_path[0], []).append(sub)
        real = [subs for subs in branches.values() if not _only_not_null(subs)]
        # alternatives told apart by a constant (a horizon's kind, a relation): those whose constant
        # matches; of these, the one that needs the fewest changes, when one does
        matching = [subs for subs in real if not any(sub.validator in ("const", "enum") for sub in subs)]
        fewest = min((len(subs) for subs in matching), default=0)
        if len(matching) < len(real) and [len(subs) for subs in matching].count(fewest) == 1:
            real = [subs for subs in matching if len(subs) == fewest]
        if len(real) == 1:
            for sub in real[0]:
                yield from _as_problems(sub)
            return
    if error.validator == "required":
        for name in value:
            if isinstance(instance, dict) and name not in instance:
                yield Problem(format_path((*path, name)), "required field is missing")
        return
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        for key in instance:
            if key not in known:
                yield Problem(format_path((*path, key)), f"unknown field {quote(key)}")
        return
    message = error.message
    if error.validator == "type":
        wanted = value if isinstance(value, list) else [value]
        names = [_JSON_TYPES.get(str(t), str(t)) for t in wanted]
        message = f"expected {' or '.join(names)}, got {describe_json(instance)}"
    elif error.validator == "enum":
        message = f"expected one of {', '.join(map(_json_literal, value))}, got {describe_json(instance)}"
    elif error.validator == "const":
        message = f"expected {_json_literal(value)}, got {describe_json(instance)}"
    elif error.validator == "pattern":
        message = f"expected a string matching {value}, got {describe_json(instance)}"
    elif error.validator in ("anyOf", "oneOf"):
        message = "fits none of the allowed combinations of its fields (see the schema's rules for this object)"
    elif error.validator == "not" and value == {"type": "null"}:
        message = "expected a value, got null"
    elif error.validator == "minimum":
        message = f"expected at least {value}, got {describe_json(instance)}"
    elif error.validator == "minLength":
        message = "expected a non-empty string" if value == 1 else f"expected at least {value} characters"
    elif error.validator == "format":
        message = f"expected a {value}, got {describe_json(instance)}"
    yield Problem(format_path(path), message)


_JSON_TYPES: Final = {
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "a boolean",
    "null": "null",
    "array": "an array",
    "object": "an object",
}


def _json_literal(value: Any) -> str:
    return quote(value) if isinstance(value, str) else json.dumps(value)


def _only_not_null(errors: list[jsonschema.ValidationError]) -> bool:
    """Whether these errors say only that a value is not null (the null branch of a nullable type)."""
    return all(e.validator == "type" and e.validator_value == "null" for e in errors)
