"""W3C Web Annotation (JSON-LD): a document's annotations as an AnnotationCollection, and back.

``encode(doc)`` gives an ``AnnotationCollection`` whose first (and only) ``AnnotationPage`` holds one
``Annotation`` per speaker, directive, statement, time horizon and occasion. Each annotation targets
the stretches of the document its item is anchored in (a ``SpecificResource`` with a
``TextPositionSelector`` in code points and a ``TextQuoteSelector`` with prefix and suffix), or the
whole document when it has no span. Its fields become bodies with a W3C purpose: vocabularies are
``classifying``, policy areas ``tagging``, references to other items ``linking``, the Wikidata id
``identifying``, free text ``describing``. The document's bibliographic facts, its text and the
provenance of the annotation ride on the collection. Terms that W3C does not define come from the
policyschema JSON-LD context shipped with the package (:data:`CONTEXT_URL`, :func:`context`).

``decode(data)`` reads such a collection back into a document *equal* to the original; the round trip
is lossless. Targets are checked against their quotes and re-anchored by quote when the offsets do not
fit (``offsets="utf16"`` for files whose offsets count UTF-16 code units); a malformed collection is a
:class:`~policyschema.ValidationError` whose problems carry JSON paths into it. Types, motivations and
body purposes must be the ones ``encode`` writes for that list and field: a body "describing" a
vocabulary field, or an annotation typed otherwise than "Annotation", is a problem, not read silently.

Every annotation carries its own ``@context`` so that it stands alone (the W3C test suite checks each
annotation as a separate document).
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Final

import attrs

from ._anchoring import Anchorer, OffsetUnit
from ._anchoring import context as quote_context
from ._convert import converter, parse_json
from ._positions import locate_problems
from ._walk import ITEM_LISTS, Leaf, Pointer, build, fill_nulls, finish, leaves, parse_pointer, span_json
from .errors import Problem, ValidationError, format_path, quote
from .exchange import Imported, duplicate_ids, read_json_file
from .models import AnnotatedDocument, Document, PolicyArea, Span

__all__ = [
    "ANNO_CONTEXT",
    "CONTEXT_URL",
    "DESCRIPTION",
    "context",
    "decode",
    "dumps",
    "encode",
    "loads",
    "read",
    "source_iri",
    "write",
]

DESCRIPTION: Final = "W3C Web Annotation: a JSON-LD AnnotationCollection per document (.jsonld)"

#: The W3C Web Annotation JSON-LD context.
ANNO_CONTEXT: Final = "http://www.w3.org/ns/anno.jsonld"
#: The name of the policyschema JSON-LD context (a name, like the schema $ids; the file ships with the
#: package: :func:`context`).
CONTEXT_URL: Final = "https://policyschema.org/ns/policyschema.jsonld"
_CONTEXTS: Final = [ANNO_CONTEXT, CONTEXT_URL]

#: The annotation's motivation for each kind of item.
MOTIVATIONS: Final[dict[str, str]] = {
    "speakers": "identifying",
    "directives": "classifying",
    "statements": "classifying",
    "time_horizons": "describing",
    "occasions": "describing",
}

#: Span fields whose every span is an annotation of its own (identifying the item) rather than a
#: target of the item's annotation: "every mention becomes an annotation".
OWN_ANNOTATIONS: Final[dict[str, tuple[str, ...]]] = {"speakers": ("mentions",)}

#: Fields whose values name another item: field -> the document list that item is in.
LINKS: Final[dict[str, str]] = {
    "speaker": "speakers",
    "speakers": "speakers",
    "participants": "speakers",
    "time_horizon": "time_horizons",
    "occasion": "occasions",
    "anchor": "occasions",
    "relays": "directives",
}
#: Fields whose values come from a closed vocabulary: bodies with purpose "classifying".
CLASSIFYING: Final = frozenset({"force", "modality", "polarity", "kind", "reported_as", "relation"})
#: Fields of ids in public knowledge bases: field -> IRI prefix; bodies with purpose "identifying".
IDENTIFYING: Final[dict[str, str]] = {"wikidata": "http://www.wikidata.org/entity/"}

#: Document fields -> keys of the collection's "document" object (terms of the policyschema context).
DOCUMENT_KEYS: Final[dict[str, str]] = {
    "id": "identifier",
    "title": "title",
    "publisher": "publisher",
    "published": "published",
    "language": "language",
    "url": "url",
    "text": "text",
    "text_sha256": "textSha256",
    "text_length": "textLength",
}
#: Annotation (provenance) fields -> keys of the collection's "provenance" object.
PROVENANCE_KEYS: Final[dict[str, str]] = {
    "annotators": "annotators",
    "created": "annotated",
    "guidelines": "guidelines",
    "tool": "tool",
    "notes": "notes",
}

_JSON_FORMAT: Final = "application/json"


@functools.cache
def _tagged_fields() -> frozenset[str]:
    """Names of the item fields (at any depth) that hold policy areas: their bodies are "tagging"."""
    names: set[str] = set()
    seen: set[type] = set()

    def classes(tp: Any) -> list[type]:
        return [tp] if attrs.has(tp) else [cls for arg in typing.get_args(tp) for cls in classes(arg)]

    def walk(cls: type) -> None:
        seen.add(cls)
        hints = typing.get_type_hints(cls, include_extras=False)
        for field in attrs.fields(cls):
            for inner in classes(hints[field.name]):
                if inner is PolicyArea:
                    names.add(field.name)
                elif inner is not Span and inner not in seen:
                    walk(inner)

    for cls in ITEM_LISTS.values():
        walk(cls)
    return frozenset(names)


def _body_kind(name: str) -> tuple[str, str]:
    """The (type, purpose) :func:`encode` gives a body of the field ``name``; decode requires them."""
    if name in _tagged_fields():
        return "TextualBody", "tagging"
    if name in LINKS:
        return "SpecificResource", "linking"
    if name in IDENTIFYING:
        return "SpecificResource", "identifying"
    return "TextualBody", "classifying" if name in CLASSIFYING else "describing"


def context() -> dict[str, Any]:
    """The policyschema JSON-LD context (the file named by :data:`CONTEXT_URL`), for a JSON-LD
    processor's document loader."""
    text = resources.files("policyschema").joinpath("jsonld/policyschema.jsonld").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def source_iri(document: Document) -> str:
    """The IRI annotations target: the document's URL, or ``urn:policyschema:doc:<id>`` without one."""
    return document.url if document.url is not None else f"urn:policyschema:doc:{document.id}"


def _collection_iri(document: Document) -> str:
    return f"urn:policyschema:doc:{document.id}:annotations"


def _item_iri(base: str, list_name: str, item_id: str) -> str:
    return f"{base}#{list_name}/{item_id}"


# --------------------------------------------------------------------------------------------- encode


def encode(doc: AnnotatedDocument) -> dict[str, Any]:
    """``doc`` as a W3C AnnotationCollection (JSON-ready), its annotations inlined in the first page."""
    document = doc.document
    source = source_iri(document)
    base = _collection_iri(document)
    items = [
        annotation
        for list_name in ITEM_LISTS
        for item in getattr(doc, list_name)
        for annotation in _annotations(base, source, document.text, list_name, item)
    ]
    document_data = converter.unstructure(document)
    provenance_data = converter.unstructure(doc.annotation)
    return {
        "@context": _CONTEXTS,
        "id": base,
        "type": "AnnotationCollection",
        "label": document.title,
        "schemaVersion": doc.schema_version,
        "document": {
            "id": source,
            "type": "Text",
            "format": "text/plain",
            **{DOCUMENT_KEYS[key]: value for key, value in document_data.items()},
        },
        "provenance": {PROVENANCE_KEYS[key]: value for key, value in provenance_data.items()},
        "total": len(items),
        "first": {
            "@context": _CONTEXTS,
            "id": f"{base}:page:0",
            "type": "AnnotationPage",
            "partOf": {"id": base, "label": document.title, "total": len(items)},
            "startIndex": 0,
            "items": items,
        },
    }


def _annotations(base: str, source: str, text: str | None, list_name: str, item: Any) -> list[dict[str, Any]]:
    """The item's annotation, followed by one annotation for each of its spans in a field of
    :data:`OWN_ANNOTATIONS` (a speaker's mentions): each identifies the item it refers to."""
    item_iri = _item_iri(base, list_name, item.id)
    bodies: list[dict[str, Any]] = []
    targets: list[dict[str, Any]] = []
    parts: list[dict[str, Any]] = []
    for leaf in leaves(item):
        field = "/".join(map(str, leaf.pointer))
        if not isinstance(leaf.value, Span):
            bodies.append({**_body(base, leaf), "field": field})
        elif leaf.pointer[0] in OWN_ANNOTATIONS.get(list_name, ()):
            identifies = {"type": "SpecificResource", "purpose": "identifying", "source": item_iri}
            parts.append(
                _annotation(f"{item_iri}/{field}", "identifying", identifies, _target(source, text, leaf.value, field))
            )
        else:
            targets.append(_target(source, text, leaf.value, field))
    return [_annotation(item_iri, MOTIVATIONS[list_name], bodies, targets or source), *parts]


def _annotation(iri: str, motivation: str, body: Any, target: Any) -> dict[str, Any]:
    annotation: dict[str, Any] = {"@context": _CONTEXTS, "id": iri, "type": "Annotation", "motivation": motivation}
    if body:
        annotation["body"] = body
    annotation["target"] = target
    return annotation


def _target(source: str, text: str | None, span: Span, field: str) -> dict[str, Any]:
    quote_selector: dict[str, Any] = {"type": "TextQuoteSelector", "exact": span.text}
    if text is not None:
        prefix, suffix = quote_context(text, span.start, span.end)
        if prefix:
            quote_selector["prefix"] = prefix
        if suffix:
            quote_selector["suffix"] = suffix
    return {
        "type": "SpecificResource",
        "source": source,
        "selector": [{"type": "TextPositionSelector", "start": span.start, "end": span.end}, quote_selector],
        "field": field,
    }


def _body(base: str, leaf: Leaf) -> dict[str, Any]:
    name, value = leaf.name, leaf.value
    if isinstance(value, PolicyArea):
        return {"type": "TextualBody", "purpose": "tagging", "value": f"{value.codebook}:{value.code}"}
    if name in LINKS and isinstance(value, str):
        return {"type": "SpecificResource", "purpose": "linking", "source": _item_iri(base, LINKS[name], value)}
    if name in IDENTIFYING and isinstance(value, str):
        return {"type": "SpecificResource", "purpose": "identifying", "source": IDENTIFYING[name] + value}
    purpose = "classifying" if name in CLASSIFYING else "describing"
    if isinstance(value, str):
        return {"type": "TextualBody", "purpose": purpose, "value": value}
    return {"type": "TextualBody", "purpose": purpose, "value": json.dumps(value), "format": _JSON_FORMAT}


# --------------------------------------------------------------------------------------------- decode


class _Reader:
    """Collects problems while taking a collection apart; paths are JSON paths into the collection."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def fail(self, path: Pointer, message: str) -> None:
        self.problems.append(Problem(format_path(path), message))

    def get(self, obj: dict[str, Any], key: str, path: Pointer, kind: type | tuple[type, ...]) -> Any:
        """``obj[key]`` if it has the JSON type ``kind``; otherwise a problem and None."""
        if key not in obj:
            self.fail(path, f"required key {quote(key)} is missing")
            return None
        value = obj[key]
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is int):
            names = {str: "a string", int: "an integer", dict: "an object", list: "an array"}
            wanted = " or ".join(names[k] for k in (kind if isinstance(kind, tuple) else (kind,)))
            self.fail((*path, key), f"expected {wanted}, got {type(value).__name__}")
            return None
        return value


def decode(data: Any, *, offsets: OffsetUnit = "codepoints", notes: list[Problem] | None = None) -> AnnotatedDocument:
    """The document of a W3C AnnotationCollection made by :func:`encode` (or edited in a tool).

    Spans are checked against their quotes and moved to their quote when the offsets do not fit; each
    move is appended to ``notes`` when a list is given. Raises :class:`~policyschema.ValidationError`
    with every problem (paths into ``data``), including the loader's checks of the result.
    """
    reader = _Reader()
    if not isinstance(data, dict):
        raise ValidationError([Problem("$", "expected an AnnotationCollection object")])
    _check_context(data, (), reader)
    if data.get("type") != "AnnotationCollection":
        reader.fail(("type",), "expected 'AnnotationCollection'")
    document_in = reader.get(data, "document", (), dict)
    provenance_in = reader.get(data, "provenance", (), dict)
    version = reader.get(data, "schemaVersion", (), str)
    document = _renamed(document_in, DOCUMENT_KEYS, ("document",), reader, ignore=("id", "type", "format"))
    provenance = _renamed(provenance_in, PROVENANCE_KEYS, ("provenance",), reader)
    source = document_in.get("id") if document_in is not None else None
    text = document.get("text") if isinstance(document.get("text"), str) else None
    anchorer = Anchorer(text, offsets) if text is not None else None

    items_path: Pointer = ("first", "items")
    page = reader.get(data, "first", (), dict)
    if page is not None:
        if page.get("type") != "AnnotationPage":
            reader.fail(("first", "type"), f"expected 'AnnotationPage', got {_shown(page.get('type'))}")
        if "@context" in page:  # may be left out: the collection's context applies
            _check_context(page, ("first",), reader)
    annotations = reader.get(page, "items", ("first",), list) if page is not None else None
    found_items: dict[tuple[str, str], tuple[str, list[tuple[Pointer, Any, str]]]] = {}
    for index, annotation in enumerate(annotations or []):
        path = (*items_path, index)
        if not isinstance(annotation, dict):
            reader.fail(path, "expected an Annotation object")
            continue
        found = _read_annotation(annotation, path, source, anchorer, reader)
        if found is not None:
            key, pairs = found
            found_items.setdefault(key, (format_path(path), []))[1].extend(pairs)
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in ITEM_LISTS}
    origins: dict[tuple[str | int, ...], str] = {}
    for (list_name, item_id), (item_where, pairs) in found_items.items():
        problems: list[Problem] = []
        item = build([(("id",), item_id, item_where), *pairs], problems, item_where)
        reader.problems.extend(problems)
        position = len(lists[list_name])
        lists[list_name].append(item)
        origins[(list_name, position)] = item_where
        for pointer, _, where in pairs:
            origin: tuple[str | int, ...] = (list_name, position, *pointer)
            origins[origin] = where
    if isinstance(data.get("total"), int) and annotations is not None and data["total"] != len(annotations):
        reader.fail(("total",), f"says {data['total']} annotations, the page holds {len(annotations)}")
    if anchorer is not None:
        reader.problems.extend(anchorer.problems)
        if notes is not None:
            notes.extend(anchorer.notes)

    doc_data = {
        "schema_version": version,
        "document": document,
        **{name: [fill_nulls(ITEM_LISTS[name], item) for item in items] for name, items in lists.items()},
        "annotation": provenance,
    }
    origins[("document",)] = "$.document"
    origins[("annotation",)] = "$.provenance"
    origins[("schema_version",)] = "$.schemaVersion"
    return finish(AnnotatedDocument, doc_data, origins, reader.problems)


def _shown(value: Any) -> str:
    """A value of the file as a message shows it: JSON, shortened; "nothing" when it is missing."""
    if value is None:
        return "nothing"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _check_context(obj: dict[str, Any], path: Pointer, reader: _Reader) -> None:
    given = obj.get("@context")
    contexts = given if isinstance(given, list) else [given]
    if ANNO_CONTEXT not in contexts:
        reader.fail((*path, "@context"), f"expected the Web Annotation context {ANNO_CONTEXT!r}")


def _renamed(
    obj: dict[str, Any] | None,
    keys: dict[str, str],
    path: Pointer,
    reader: _Reader,
    ignore: tuple[str, ...] = (),
) -> dict[str, Any]:
    """The model data of a collection-level object whose keys are renamed by ``keys``."""
    if obj is None:
        return {}
    back = {term: field for field, term in keys.items()}
    data: dict[str, Any] = {}
    for key, value in obj.items():
        if key in back:
            data[back[key]] = value
        elif key not in ignore:
            reader.fail((*path, key), f"unknown key {quote(key)} (known: {', '.join(keys.values())})")
    return data


def _read_annotation(
    annotation: dict[str, Any],
    path: Pointer,
    source: Any,
    anchorer: Anchorer | None,
    reader: _Reader,
) -> tuple[tuple[str, str], list[tuple[Pointer, Any, str]]] | None:
    """((list name, item id), [(pointer, JSON value, where in the collection)]) of one annotation: the
    item's own, or one of its parts (``#speakers/xi/mentions/0``), whose body identifies the item."""
    iri = reader.get(annotation, "id", path, str)
    if iri is None:
        return None
    base, _, fragment = iri.rpartition("#")
    list_name, _, rest = fragment.partition("/")
    item_id, _, part = rest.partition("/")
    if not base or list_name not in ITEM_LISTS or not item_id:
        reader.fail((*path, "id"), f"expected an id ending in #<list>/<item id> with a list of {', '.join(ITEM_LISTS)}")
        return None
    if annotation.get("type") != "Annotation":
        reader.fail((*path, "type"), f"expected 'Annotation', got {_shown(annotation.get('type'))}")
    motivation = "identifying" if part else MOTIVATIONS[list_name]
    if annotation.get("motivation") != motivation:
        kind = f"a part of an item of {list_name}" if part else f"an item of {list_name}"
        got = _shown(annotation.get("motivation"))
        reader.fail((*path, "motivation"), f"expected {motivation!r} for {kind}, got {got}")
    if "@context" in annotation:  # may be left out inside a collection: the collection's context applies
        _check_context(annotation, path, reader)
    pairs: list[tuple[Pointer, Any, str]] = []
    bodies = annotation.get("body", [])
    if part:
        owner = f"{base}#{list_name}/{item_id}"
        if not (
            isinstance(bodies, dict)
            and bodies.get("type") == "SpecificResource"
            and bodies.get("purpose") == "identifying"
            and bodies.get("source") == owner
        ):
            message = f"expected one SpecificResource body identifying {quote(owner)}, the item this part is of"
            reader.fail((*path, "body"), message)
    else:
        for index, body in enumerate(bodies if isinstance(bodies, list) else [bodies]):
            where = (*path, "body", index) if isinstance(bodies, list) else (*path, "body")
            found = _read_body(body, where, reader)
            if found is not None:
                pairs.append((*found, format_path(where)))
    targets = reader.get(annotation, "target", path, (list, str, dict))
    if isinstance(targets, str):
        if targets != source:
            reader.fail((*path, "target"), f"targets {quote(targets)}, not the document {quote(str(source))}")
    elif targets is not None:
        for index, target in enumerate(targets if isinstance(targets, list) else [targets]):
            where = (*path, "target", index) if isinstance(targets, list) else (*path, "target")
            found_span = _read_target(target, where, source, anchorer, reader)
            if found_span is not None:
                pairs.append((*found_span, format_path(where)))
    return (list_name, item_id), pairs


def _pointer(body: dict[str, Any], where: Pointer, reader: _Reader) -> Pointer | None:
    field = reader.get(body, "field", where, str)
    if field is None:
        return None
    pointer = parse_pointer(field)
    if pointer is None:
        reader.fail((*where, "field"), f"expected a field path such as 'addressees/0/label', got {quote(field)}")
    return pointer


def _read_body(body: Any, where: Pointer, reader: _Reader) -> tuple[Pointer, Any] | None:
    if not isinstance(body, dict):
        reader.fail(where, "expected a body object with a policyschema 'field'; it cannot be mapped")
        return None
    pointer = _pointer(body, where, reader)
    if pointer is None:
        return None
    name = next(p for p in reversed(pointer) if isinstance(p, str))
    kind, purpose = _body_kind(name)
    wrong = False
    for key, wanted in (("type", kind), ("purpose", purpose)):
        if body.get(key) != wanted:
            reader.fail((*where, key), f"expected {wanted!r} for the field {quote(name)}, got {_shown(body.get(key))}")
            wrong = True
    if wrong:
        return None
    if kind == "SpecificResource":
        iri = reader.get(body, "source", where, str)
        if iri is None:
            return None
        if purpose == "linking":
            fragment = iri.rpartition("#")[2]
            linked_list, _, linked_id = fragment.partition("/")
            if "#" not in iri or not linked_id or (name in LINKS and linked_list != LINKS[name]):
                wanted = LINKS.get(name, "<list>")
                reader.fail((*where, "source"), f"expected an item IRI ending in #{wanted}/<id>, got {quote(iri)}")
                return None
            return pointer, linked_id
        prefix = IDENTIFYING[name]  # purpose "identifying": the field is one of IDENTIFYING
        if not iri.startswith(prefix):
            reader.fail((*where, "source"), f"expected an IRI starting {prefix!r}, got {quote(iri)}")
            return None
        return pointer, iri[len(prefix) :]
    value = reader.get(body, "value", where, str)
    if value is None:
        return None
    if purpose == "tagging":
        codebook, colon, code = value.partition(":")
        if not colon:
            reader.fail((*where, "value"), f"expected a tag 'codebook:code' such as 'cap:1522', got {quote(value)}")
            return None
        return pointer, {"codebook": codebook, "code": code}
    if body.get("format") == _JSON_FORMAT:
        try:
            return pointer, json.loads(value)
        except ValueError:
            reader.fail((*where, "value"), f"expected JSON (format {_JSON_FORMAT}), got {quote(value)}")
            return None
    return pointer, value


def _read_target(
    target: Any, where: Pointer, source: Any, anchorer: Anchorer | None, reader: _Reader
) -> tuple[Pointer, Any] | None:
    if not isinstance(target, dict):
        reader.fail(where, "expected a SpecificResource with selectors")
        return None
    pointer = _pointer(target, where, reader)
    if target.get("source") != source:
        reader.fail((*where, "source"), f"expected the document {quote(str(source))}")
        return None
    selectors = target.get("selector", [])
    selectors = selectors if isinstance(selectors, list) else [selectors]
    position = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
    quoted = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
    if quoted is None:
        reader.fail((*where, "selector"), "expected a TextQuoteSelector (the quote the span is checked against)")
        return None
    exact = reader.get(quoted, "exact", (*where, "selector"), str)
    start = end = None
    if position is not None:
        start = reader.get(position, "start", (*where, "selector"), int)
        end = reader.get(position, "end", (*where, "selector"), int)
    if pointer is None or exact is None:
        return None
    prefix, suffix = quoted.get("prefix"), quoted.get("suffix")
    if anchorer is None:  # no text to check against: keep what the file says; the loader checks bounds
        if start is None or end is None:
            reader.fail((*where, "selector"), "expected a TextPositionSelector: the document has no text to search")
            return None
        return pointer, {"start": start, "end": end, "text": exact}
    span = anchorer.span(
        format_path(where),
        start,
        end,
        exact,
        prefix=prefix if isinstance(prefix, str) else None,
        suffix=suffix if isinstance(suffix, str) else None,
    )
    # a span that cannot be placed is already a problem; its place is kept so that no gap is reported too
    return pointer, span_json(span) if span is not None else None


# ----------------------------------------------------------------------------------------------- files


def write(docs: Sequence[AnnotatedDocument], out: Path) -> list[Path]:
    """One document: ``out`` is the .jsonld file. Several: ``out`` is a directory of ``<id>.jsonld``."""
    if len(docs) == 1 and not out.is_dir():
        paths = [out]
    else:
        clashes = duplicate_ids(docs)
        if clashes:
            raise ValidationError(clashes)
        out.mkdir(parents=True, exist_ok=True)
        paths = [out / f"{doc.document.id}.jsonld" for doc in docs]
    for doc, path in zip(docs, paths, strict=True):
        path.write_text(dumps(doc), encoding="utf-8", newline="\n")
    return paths


def dumps(doc: AnnotatedDocument) -> str:
    """The JSON-LD text of ``encode(doc)``: two-space indent, UTF-8 characters unescaped, final newline."""
    return json.dumps(encode(doc), ensure_ascii=False, indent=2) + "\n"


def loads(
    text: str | bytes, *, offsets: OffsetUnit = "codepoints", notes: list[Problem] | None = None
) -> AnnotatedDocument:
    """The document of the JSON-LD text of one AnnotationCollection: :func:`dumps` read back.

    JSON is read as strictly as :func:`policyschema.loads` reads it (UTF-8, no duplicate keys, no NaN);
    then :func:`decode` does the rest, with the same ``offsets`` and ``notes``. Problems carry the line and
    column in ``text`` where they are, as those of :func:`policyschema.loads` do.
    """
    if isinstance(text, (bytearray, memoryview)):  # bytes-like input is read as the bytes it holds
        text = bytes(text)
    data = parse_json(text)
    try:
        return decode(data, offsets=offsets, notes=notes)
    except ValidationError as exc:
        json_text = text if isinstance(text, str) else text.decode("utf-8")  # parse_json checked it decodes
        raise ValidationError(locate_problems(exc.problems, json_text)) from None


def read(path: Path, *, offsets: OffsetUnit | None = None) -> Imported:
    """The document of a .jsonld file, or of every .jsonld file in a directory (sorted by name)."""
    files = sorted(path.glob("*.jsonld")) if path.is_dir() else [path]
    documents: list[AnnotatedDocument] = []
    notes: list[Problem] = []
    problems: list[Problem] = []
    for file in files:
        prefix = f"{file.name}: " if path.is_dir() else ""
        file_notes: list[Problem] = []
        try:
            documents.append(decode(read_json_file(file), offsets=offsets or "codepoints", notes=file_notes))
        except ValidationError as exc:
            problems += [Problem(prefix + p.path, p.message, p.line, p.column) for p in exc.problems]
        notes += [Problem(prefix + n.path, n.message) for n in file_notes]
    if problems:
        raise ValidationError(problems)
    return Imported(documents, notes)
