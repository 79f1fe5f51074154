"""Label Studio: documents as tasks to review, reviewed tasks back as checked documents.

``encode(doc)`` gives a Label Studio task: ``data.text`` is the document text, and one prediction (or
annotation, ``as_="annotations"``) holds the regions. Every span becomes a ``labels`` region on the
text, labelled by its role (``mention``, ``role``, ``cue``, ``content``, ``claim``, ``addressee``,
``condition``, ``or_else``, ``evidence``, ``horizon``, ``occasion``: :data:`LABELS`). Each item
(speaker, directive, statement, time horizon, occasion) has a *main region* (:data:`MAIN`: the
content of a directive, a speaker's first mention, ...) that carries the item's other fields as
per-region results: ``choices`` for vocabularies (force, modality, polarity, kinds), ``textarea`` for
the rest (action, object, policy-area codes as ``cap:1522``, ids of speakers, horizons, occasions).
Relations join the main region to the item's other regions (labelled by role) and a speaker's main
region to the directives and statements it is the speaker of: speaker -> directive -> addressee.
Region ids are ``<list>/<item id>/<field path>`` (``directives/d01/addressees/0/span``), so that an
accepted prediction comes back as the item it was.

``config()`` is the matching labeling configuration (XML) to create the project with. The task's
``data.policyschema`` carries what Label Studio does not show: the document's bibliographic facts,
the annotation's provenance, the order of the items, and items anchored nowhere in the text.

``decode(task)`` reads a task back (from :func:`encode`, or exported by Label Studio after review:
``read`` takes the export's list of tasks). Spans are checked against their quotes and re-anchored by
quote where offsets are off (``offsets="utf16"`` for Label Studio versions that count UTF-16 code
units); a region a reviewer added is taken into the item its relation joins it to. Anything that
cannot be mapped is a problem with its path, never dropped. ``decode(encode(doc)) == doc``.
"""

from __future__ import annotations

import functools
import json
import types
import typing
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Final, Literal
from xml.sax.saxutils import quoteattr

import attrs

from ._anchoring import Anchorer, OffsetMap, OffsetUnit
from ._convert import converter
from ._walk import ITEM_LISTS, Pointer, build, fill_nulls, finish, leaves, parse_pointer, span_json
from .errors import Problem, ValidationError, format_path, quote
from .exchange import Imported, read_json_file
from .models import AnnotatedDocument, PolicyArea, Span
from .vocabulary import Vocabulary

__all__ = ["DESCRIPTION", "LABELS", "MAIN", "config", "decode", "encode", "read", "write"]

DESCRIPTION: Final = "Label Studio: tasks JSON (predictions or annotations) plus the labeling config XML"

#: The names of the Text object, the Labels control and the per-item controls' item kinds.
TEXT: Final = "text"
LABEL_CONTROL: Final = "label"
SINGULAR: Final[dict[str, str]] = {
    "speakers": "speaker",
    "directives": "directive",
    "statements": "statement",
    "time_horizons": "horizon",
    "occasions": "occasion",
}

#: The label of the region of each span field: (item list, field path without list indices) -> label.
LABELS: Final[dict[tuple[str, tuple[str, ...]], str]] = {
    ("speakers", ("mentions",)): "mention",
    ("speakers", ("roles", "evidence")): "role",
    ("directives", ("cue",)): "cue",
    ("directives", ("content",)): "content",
    ("directives", ("addressees", "span")): "addressee",
    ("directives", ("conditions",)): "condition",
    ("directives", ("or_else",)): "or_else",
    ("directives", ("evidence",)): "evidence",
    ("statements", ("cue",)): "cue",
    ("statements", ("content",)): "claim",
    ("statements", ("evidence",)): "evidence",
    ("time_horizons", ("evidence",)): "horizon",
    ("occasions", ("evidence",)): "occasion",
}
#: The span field whose (first) region carries an item's other fields.
MAIN: Final[dict[str, tuple[str, ...]]] = {
    "speakers": ("mentions",),
    "directives": ("content",),
    "statements": ("content",),
    "time_horizons": ("evidence",),
    "occasions": ("evidence",),
}
#: Relation from a speaker's main region to the directives and statements it is a speaker of.
SPEAKER_RELATION: Final = "speaker"
_LINKING_FIELDS: Final = ("speakers",)


def _label(list_name: str, pointer: Pointer) -> str:
    path = tuple(p for p in pointer if isinstance(p, str))
    return LABELS.get((list_name, path), path[-1])


# ------------------------------------------------------------------------------ controls from the model


@attrs.frozen
class _Control:
    """A per-region control: where its value goes in an item, and how it is shown.

    ``shape`` is "one" (a single value), "list" (one line a list element: speakers, codes),
    "column" (one line an element of a list of objects: the kinds of the addressees, in order; an
    empty line for a value that is absent or shown on the element's own region), or "part" (a value
    of the list element whose own region it is on: the kind of the addressee a region marks)."""

    name: str
    list_name: str
    path: tuple[str, ...]
    shape: Literal["one", "list", "column", "part"]
    vocabulary: type[Vocabulary] | None
    #: For "part" controls, the pointer of the region they sit on without its index: ("addressees", "span").
    region: tuple[str, ...] = ()

    @property
    def tag(self) -> str:
        return "Choices" if self.vocabulary is not None and self.shape in ("one", "part") else "TextArea"


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _parts(tp: Any) -> list[Any]:
    tp = _strip(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [_strip(a) for a in typing.get_args(tp) if a is not type(None)]
    return [tp]


def _vocabulary(tp: Any) -> type[Vocabulary] | None:
    found = [p for p in _parts(tp) if isinstance(p, type) and issubclass(p, Vocabulary)]
    return found[0] if found else None


def _controls_of(cls: type, list_name: str, prefix: tuple[str, ...], shape: str) -> Iterator[_Control]:
    hints = typing.get_type_hints(cls, include_extras=True)
    for field in attrs.fields(cls):
        if not prefix and field.name == "id":
            continue
        parts = _parts(hints[field.name])
        inner = parts[0]
        is_list = typing.get_origin(inner) is list
        element = _strip(typing.get_args(inner)[0]) if is_list else inner
        path = (*prefix, field.name)
        if element is Span:
            continue
        if attrs.has(element) and element is not PolicyArea:
            nested_shape = "column" if is_list or shape == "column" else "one"
            yield from _controls_of(element, list_name, path, nested_shape)
            continue
        this_shape: Literal["one", "list", "column"] = "column" if shape == "column" else "list" if is_list else "one"
        name = f"{SINGULAR[list_name]}_{'_'.join(path)}"
        yield _Control(name, list_name, path, this_shape, _vocabulary(element if is_list else hints[field.name]))


def _part_controls_of(cls: type, list_name: str) -> Iterator[_Control]:
    """Controls on the region of a list element that has one span of its own (an addressee): its
    other values, shown where the reviewer clicks."""
    hints = typing.get_type_hints(cls, include_extras=True)
    for field in attrs.fields(cls):
        inner = _parts(hints[field.name])[0]
        if typing.get_origin(inner) is not list:
            continue
        element = _strip(typing.get_args(inner)[0])
        if not attrs.has(element) or element is PolicyArea:
            continue
        element_hints = typing.get_type_hints(element, include_extras=True)
        spans = [f.name for f in attrs.fields(element) if Span in _parts(element_hints[f.name])]
        if len(spans) != 1:
            continue
        label = _label(list_name, (field.name, spans[0]))
        for sub in attrs.fields(element):
            tp = _parts(element_hints[sub.name])[0]
            if sub.name == spans[0] or typing.get_origin(tp) is list or attrs.has(tp):
                continue
            path = (field.name, sub.name)
            yield _Control(f"{label}_{sub.name}", list_name, path, "part", _vocabulary(tp), (field.name, spans[0]))


@functools.cache
def _controls() -> dict[str, _Control]:
    return {
        control.name: control
        for list_name, cls in ITEM_LISTS.items()
        for controls in (_controls_of(cls, list_name, (), "one"), _part_controls_of(cls, list_name))
        for control in controls
    }


@functools.cache
def _part_paths() -> frozenset[tuple[str, tuple[str, ...]]]:
    """(list, path) of the values that "part" controls show, so that columns leave them out."""
    return frozenset((c.list_name, c.path) for c in _controls().values() if c.shape == "part")


# --------------------------------------------------------------------------------------------- encode


def encode(
    doc: AnnotatedDocument,
    *,
    as_: Literal["predictions", "annotations"] = "predictions",
    offsets: OffsetUnit = "codepoints",
) -> dict[str, Any]:
    """``doc`` as one Label Studio task; its regions as a prediction (to review) or an annotation.

    ``offsets="utf16"`` writes offsets in UTF-16 code units, for Label Studio versions that count so.
    The document must carry its text (Label Studio shows it); ValidationError otherwise.
    """
    if as_ not in ("predictions", "annotations"):
        raise ValueError(f"as_ must be 'predictions' or 'annotations', not {as_!r}")
    text = doc.document.text
    if text is None:
        raise ValidationError(
            [
                Problem(
                    "$.document.text",
                    f"document {doc.document.id!r} carries no text; Label Studio shows the text, so give it inline",
                )
            ]
        )
    units = OffsetMap(text)
    results: list[dict[str, Any]] = []
    relations: list[dict[str, Any]] = []
    unanchored: dict[str, list[Any]] = {}
    main_of: dict[tuple[str, str], str] = {}
    regions_of: list[tuple[str, Any, list[tuple[str, Pointer, Span]]]] = []
    for list_name in ITEM_LISTS:
        for item in getattr(doc, list_name):
            spans = [(_region_id(list_name, item.id, leaf.pointer), leaf.pointer, leaf.value) for leaf in leaves(item)]
            spans = [s for s in spans if isinstance(s[2], Span)]
            if not spans:
                unanchored.setdefault(list_name, []).append(converter.unstructure(item))
                continue
            main = next((s for s in spans if s[1][: len(MAIN[list_name])] == MAIN[list_name]), spans[0])
            main_of[(list_name, item.id)] = main[0]
            regions_of.append((list_name, item, [main, *(s for s in spans if s is not main)]))
    for list_name, item, spans in regions_of:
        main_id, _, main_span = spans[0]
        for region_id, pointer, span in spans:
            value = _position(units, span, offsets)
            results.append(
                _result(region_id, LABEL_CONTROL, "labels", {**value, "labels": [_label(list_name, pointer)]})
            )
            results.extend(_part_results(list_name, item, region_id, pointer, value))
            if region_id != main_id:
                relations.append(_relation(main_id, region_id, _label(list_name, pointer)))
        results.extend(_field_results(list_name, item, main_id, _position(units, main_span, offsets)))
        for speaker in getattr(item, "speakers", []) if list_name != "speakers" else []:
            if ("speakers", speaker) in main_of:
                relations.append(_relation(main_of[("speakers", speaker)], main_id, SPEAKER_RELATION))
    document = converter.unstructure(doc.document)
    del document["text"]
    task: dict[str, Any] = {
        "data": {
            TEXT: text,
            "policyschema": {
                "schema_version": doc.schema_version,
                "offsets": offsets,
                "document": document,
                "annotation": converter.unstructure(doc.annotation),
                "order": {name: [item.id for item in getattr(doc, name)] for name in ITEM_LISTS},
                "unanchored": unanchored,
            },
        },
        as_: [_prediction(results + relations, as_)],
    }
    return task


def _region_id(list_name: str, item_id: str, pointer: Pointer) -> str:
    return "/".join([list_name, item_id, *map(str, pointer)])


def _position(units: OffsetMap, span: Span, offsets: OffsetUnit) -> dict[str, Any]:
    return {
        "start": units.from_codepoints(span.start, offsets),
        "end": units.from_codepoints(span.end, offsets),
        "text": span.text,
    }


def _result(region_id: str, control: str, kind: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"id": region_id, "from_name": control, "to_name": TEXT, "type": kind, "value": value}


def _relation(from_id: str, to_id: str, label: str) -> dict[str, Any]:
    return {"type": "relation", "from_id": from_id, "to_id": to_id, "direction": "right", "labels": [label]}


def _prediction(result: list[dict[str, Any]], as_: str) -> dict[str, Any]:
    if as_ == "predictions":
        return {"model_version": "policyschema", "result": result}
    return {"result": result, "was_cancelled": False}


def _line(value: Any) -> str:
    if isinstance(value, PolicyArea):
        return f"{value.codebook}:{value.code}"
    data = converter.unstructure(value)
    return data if isinstance(data, str) else json.dumps(data)


def _field_results(list_name: str, item: Any, region_id: str, position: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for control in _controls().values():
        if control.list_name != list_name:
            continue
        if control.shape == "part":
            continue
        values = _values_at(item, control.path, control.shape, list_name)
        if values is None:
            continue
        if control.tag == "Choices":
            yield _result(region_id, control.name, "choices", {**position, "choices": values})
        else:
            yield _result(
                region_id, control.name, "textarea", {**{k: position[k] for k in ("start", "end")}, "text": values}
            )


def _part_results(
    list_name: str, item: Any, region_id: str, pointer: Pointer, position: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    """The values of the list element whose own region this is (an addressee's kind and label)."""
    for control in _controls().values():
        if control.shape != "part" or control.list_name != list_name:
            continue
        if len(pointer) != 3 or (pointer[0], pointer[2]) != control.region or not isinstance(pointer[1], int):
            continue
        value = getattr(getattr(item, control.path[0])[pointer[1]], control.path[1])
        if value is None:
            continue
        if control.tag == "Choices":
            yield _result(region_id, control.name, "choices", {**position, "choices": [_line(value)]})
        else:
            where = {k: position[k] for k in ("start", "end")}
            yield _result(region_id, control.name, "textarea", {**where, "text": [_line(value)]})


def _values_at(item: Any, path: tuple[str, ...], shape: str, list_name: str = "") -> list[str] | None:
    """The lines of a control, or None when there is nothing to show (a null, an empty list)."""
    if shape == "column":
        head, rest = path[0], path[1:]
        elements = getattr(item, head)
        elements = elements if isinstance(elements, list) else [elements]
        on_regions = (list_name, path) in _part_paths()
        lines = []
        for element in elements:
            if on_regions and any(isinstance(getattr(element, f.name), Span) for f in attrs.fields(type(element))):
                lines.append("")  # shown on the element's own region
                continue
            sub = _values_at(element, rest, "column" if len(rest) > 1 else "one")
            lines.append(sub[0] if sub else "")
        return lines if any(lines) else None
    value: Any = item
    for name in path:
        value = getattr(value, name)
        if value is None:
            return None
    if isinstance(value, list):
        return [_line(v) for v in value] or None
    return [_line(value)]


# ------------------------------------------------------------------------------------------------ config


def config() -> str:
    """The labeling configuration (XML) for tasks made by :func:`encode`."""
    lines = [
        "<View>",
        "  <Style>.htx-text { white-space: pre-wrap; }</Style>",
        f'  <Labels name="{LABEL_CONTROL}" toName="{TEXT}">',
    ]
    for label in dict.fromkeys(LABELS.values()):
        lines.append(f"    <Label value={quoteattr(label)}/>")
    lines += ["  </Labels>", f'  <Text name="{TEXT}" value="${TEXT}" granularity="symbol"/>', "  <Relations>"]
    for relation in dict.fromkeys([SPEAKER_RELATION, *LABELS.values()]):
        lines.append(f"    <Relation value={quoteattr(relation)}/>")
    lines.append("  </Relations>")
    groups: dict[tuple[str, str], list[_Control]] = {}
    for control in _controls().values():
        shown_on = control.region if control.shape == "part" else MAIN[control.list_name]
        groups.setdefault((control.list_name, _label(control.list_name, shown_on)), []).append(control)
    for (list_name, label), controls in groups.items():
        lines.append(f'  <View visibleWhen="region-selected" whenTagName="{LABEL_CONTROL}" whenLabelValue="{label}">')
        heading = (
            SINGULAR[list_name] if label == _label(list_name, MAIN[list_name]) else f"{label} ({SINGULAR[list_name]})"
        )
        lines.append(f"    <Header value={quoteattr(heading)}/>")
        for control in controls:
            attributes = f'name="{control.name}" toName="{TEXT}" perRegion="true"'
            words = control.path[1:] if control.shape == "part" else control.path
            title = " / ".join(words).replace("_", " ")
            if control.shape == "column":
                on_regions = (control.list_name, control.path) in _part_paths()
                title += " (one line each, in order" + ("; empty where on its own region)" if on_regions else ")")
            elif control.shape == "list":
                title += " (one line each)"
            if control.tag == "Choices":
                assert control.vocabulary is not None
                lines.append(f"    <Header value={quoteattr(title)}/>")
                lines.append(f'    <Choices {attributes} choice="single" showInline="true">')
                lines += [f"      <Choice value={quoteattr(str(member.value))}/>" for member in control.vocabulary]
                lines.append("    </Choices>")
            else:
                rows = ' maxSubmissions="1"' if control.shape in ("one", "part") else ""
                lines.append(f'    <TextArea {attributes} placeholder={quoteattr(title)} editable="true"{rows}/>')
        lines.append("  </View>")
    lines.append("</View>")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------- decode


class _Reader:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def fail(self, path: Pointer, message: str) -> None:
        self.problems.append(Problem(format_path(path), message))


@attrs.define
class _Region:
    id: str
    label: str
    where: Pointer
    value: dict[str, Any]
    item: tuple[str, str] | None = None
    pointer: Pointer | None = None


def decode(
    task: Any, *, offsets: OffsetUnit | None = None, notes: list[Problem] | None = None, base: Pointer = ()
) -> AnnotatedDocument:
    """The document of one Label Studio task (see the module docs).

    ``offsets`` is how the task counts (default: what :func:`encode` recorded in the task, else code
    points). Moved spans and other things a reviewer should know are appended to ``notes``.
    Raises :class:`~policyschema.ValidationError` with every problem, with paths into ``task``
    (prefixed by ``base``, the task's place in an export).
    """
    reader = _Reader()
    if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
        raise ValidationError([Problem(format_path(base), "expected a Label Studio task: an object with 'data'")])
    data = task["data"]
    text = data.get(TEXT)
    meta = data.get("policyschema")
    if not isinstance(text, str):
        reader.fail((*base, "data", TEXT), "expected the document text (a string)")
    if not isinstance(meta, dict):
        reader.fail((*base, "data", "policyschema"), "expected the policyschema facts of the document (an object)")
    if reader.problems:
        raise ValidationError(reader.problems)
    assert isinstance(text, str)
    assert isinstance(meta, dict)
    unit = offsets if offsets is not None else meta.get("offsets", "codepoints")
    if unit not in ("codepoints", "utf16", "utf8"):
        raise ValidationError(
            [Problem(format_path((*base, "data", "policyschema", "offsets")), f"unknown unit {unit!r}")]
        )
    anchorer = Anchorer(text, unit)
    results, results_path = _pick_results(task, base, reader, notes)

    regions: dict[str, _Region] = {}
    per_region: list[tuple[dict[str, Any], Pointer]] = []
    relations: list[tuple[dict[str, Any], Pointer]] = []
    for index, result in enumerate(results):
        where = (*results_path, index)
        if not isinstance(result, dict):
            reader.fail(where, "expected a result object")
            continue
        kind = result.get("type")
        if kind == "relation":
            relations.append((result, where))
        elif kind == "labels":
            region = _read_region(result, where, reader)
            if region is not None:
                if region.id in regions:
                    reader.fail((*where, "id"), f"a second region with id {quote(region.id)}")
                else:
                    regions[region.id] = region
        elif kind in ("choices", "textarea"):
            per_region.append((result, where))
        else:
            reader.fail((*where, "type"), f"a result of type {quote(str(kind))} cannot be mapped to policyschema")

    _attach_new_regions(regions, relations, per_region, reader)
    pairs: dict[tuple[str, str], list[tuple[Pointer, Any, str]]] = {}
    for region in regions.values():
        if region.item is None or region.pointer is None:
            continue
        value, place = region.value, format_path((*region.where, "value"))
        if "text" in value:
            placed = anchorer.span(place, value["start"], value["end"], value["text"])
        else:  # Label Studio keeps no quote for texts loaded by URL (saveTextResult="no")
            placed = anchorer.span_by_offsets(place, value["start"], value["end"])
        pairs.setdefault(region.item, []).append(
            (region.pointer, span_json(placed) if placed else None, format_path(region.where))
        )
    for result, where in per_region:
        _read_field(result, where, regions, pairs, reader)
    _check_speaker_relations(relations, regions, pairs, reader)
    reader.problems.extend(anchorer.problems)
    lists, origins, unanchored_at = _items(pairs, meta, base, reader)
    if notes is not None:
        notes.extend(anchorer.notes + reader.notes)
    document = meta.get("document")
    doc_data = {key: meta[key] for key in ("schema_version", "annotation") if key in meta}
    if "document" in meta:
        doc_data["document"] = {**document, "text": text} if isinstance(document, dict) else document
    doc_data.update(lists)
    meta_path = (*base, "data", "policyschema")
    for key in ("schema_version", "document", "annotation"):
        origins[(key,)] = format_path((*meta_path, key))
    origins[("document", "text")] = format_path((*base, "data", TEXT))
    same_shape = frozenset({("document",), ("annotation",), *unanchored_at})
    return finish(AnnotatedDocument, doc_data, origins, reader.problems, same_shape)


def _pick_results(
    task: dict[str, Any], base: Pointer, reader: _Reader, notes: list[Problem] | None
) -> tuple[list[Any], Pointer]:
    """The results to read: of the task's last annotation that was not cancelled, else its last
    prediction. A note says so when there was a choice. Annotations of which none can be read (all
    cancelled) are a problem, not a reason to read the predictions: a review that was cancelled must
    not come back as a reviewed document."""
    for key in ("annotations", "predictions"):
        entries = task.get(key)
        if entries is None:
            continue
        if not isinstance(entries, list):
            reader.fail((*base, key), "expected an array")
            continue
        usable = [i for i, e in enumerate(entries) if isinstance(e, dict) and not e.get("was_cancelled", False)]
        if not usable:
            if key == "annotations" and entries:
                cancelled = sum(1 for e in entries if isinstance(e, dict) and e.get("was_cancelled", False))
                others = len(entries) - cancelled
                what = (
                    f"every annotation ({cancelled}) was cancelled"
                    if not others
                    else f"no annotation can be read ({cancelled} cancelled, {others} not an object)"
                )
                message = (
                    f"{what}, so nothing was read; the predictions are not read in their place, since a"
                    " cancelled review is not a reviewed document (remove the annotations to read the"
                    " predictions, or submit the review)"
                )
                reader.fail((*base, key), message)
                return [], (*base, key)
            continue
        index = usable[-1]
        if len(usable) > 1 and notes is not None:
            notes.append(Problem(format_path((*base, key)), f"{len(usable)} {key}; the last one ({index}) was read"))
        result = entries[index].get("result")
        if not isinstance(result, list):
            reader.fail((*base, key, index, "result"), "expected an array of results")
            return [], (*base, key, index, "result")
        return result, (*base, key, index, "result")
    return [], (*base, "annotations")


def _read_region(result: dict[str, Any], where: Pointer, reader: _Reader) -> _Region | None:
    region_id, value = result.get("id"), result.get("value")
    if not isinstance(region_id, str) or not isinstance(value, dict):
        reader.fail(where, "expected a region with a string 'id' and a 'value' object")
        return None
    labels = value.get("labels")
    if not (isinstance(labels, list) and len(labels) == 1 and isinstance(labels[0], str)):
        reader.fail((*where, "value", "labels"), "expected exactly one label")
        return None
    for key in ("start", "end"):
        if not (isinstance(value.get(key), int) and not isinstance(value.get(key), bool)):
            reader.fail((*where, "value", key), "expected an integer offset")
            return None
    if not isinstance(value.get("text", ""), str):
        reader.fail((*where, "value", "text"), "expected the quoted text as a string")
        return None
    region = _Region(region_id, labels[0], where, value)
    list_name, _, rest = region_id.partition("/")
    item_id, _, field = rest.partition("/")
    pointer = parse_pointer(field) if list_name in ITEM_LISTS and item_id and field else None
    if pointer is not None:
        if _label(list_name, pointer) != region.label:
            reader.fail((*where, "value", "labels"), f"expected the label {_label(list_name, pointer)!r} for {field!r}")
            return None
        region.item, region.pointer = (list_name, item_id), pointer
    return region


def _attach_new_regions(
    regions: dict[str, _Region],
    relations: list[tuple[dict[str, Any], Pointer]],
    per_region: list[tuple[dict[str, Any], Pointer]],
    reader: _Reader,
) -> None:
    """Regions a reviewer added (ids Label Studio made up) join the item a relation links them to:
    at the end of the list their label names (a new ``or_else`` region becomes the directive's next
    or-else; a new ``addressee`` region its next addressee, whose kind and label are on the region)."""
    used: dict[tuple[tuple[str, str], tuple[str | int, ...]], int] = {}
    for region in regions.values():
        pointer = region.pointer
        if region.item is not None and pointer is not None:
            for at, index in enumerate(pointer):
                if isinstance(index, int):
                    key = (region.item, pointer[:at])
                    used[key] = max(used.get(key, -1), index)
    for result, _ in per_region:  # list elements known only from columns (addressees without a span)
        control = _controls().get(str(result.get("from_name")))
        owner_region = regions.get(str(result.get("id")))
        value = result.get("value")
        if control is None or control.shape != "column" or owner_region is None or owner_region.item is None:
            continue
        lines = value.get("text") if isinstance(value, dict) else None
        if isinstance(lines, list):
            key = (owner_region.item, control.path[:1])
            used[key] = max(used.get(key, -1), len(lines) - 1)
    for region in regions.values():
        if region.item is not None:
            continue
        linked = [
            regions[other]
            for relation, _ in relations
            for end, other in (("to_id", relation.get("from_id")), ("from_id", relation.get("to_id")))
            if relation.get(end) == region.id and isinstance(other, str) and other in regions
        ]
        owners = {r.item for r in linked if r.item is not None}
        if len(owners) != 1:
            reader.fail(
                region.where,
                f"the region {quote(region.id)} ({region.label}) belongs to no item: "
                "relate it to the main region of its directive, statement, speaker, horizon or occasion",
            )
            continue
        owner = owners.pop()
        assert owner is not None
        fields = [
            path for (list_name, path), label in LABELS.items() if list_name == owner[0] and label == region.label
        ]
        if len(fields) != 1 or len(fields[0]) > 2:
            reader.fail((*region.where, "value", "labels"), f"a {region.label!r} region cannot be added to {owner[0]}")
            continue
        field, *inside = fields[0]
        hints = typing.get_type_hints(ITEM_LISTS[owner[0]])
        if typing.get_origin(_parts(hints[field])[0]) is list:
            index = used.get((owner, (field,)), -1) + 1
            used[(owner, (field,))] = index
            region.item, region.pointer = owner, (field, index, *inside)
        else:
            reader.fail(region.where, f"the {owner[0]} item {quote(owner[1])} has its {field} region already")


def _read_field(
    result: dict[str, Any],
    where: Pointer,
    regions: dict[str, _Region],
    pairs: dict[tuple[str, str], list[tuple[Pointer, Any, str]]],
    reader: _Reader,
) -> None:
    name, region_id, value = result.get("from_name"), result.get("id"), result.get("value")
    control = _controls().get(name) if isinstance(name, str) else None
    if control is None:
        reader.fail((*where, "from_name"), f"unknown control {quote(str(name))}; it cannot be mapped")
        return
    region = regions.get(region_id) if isinstance(region_id, str) else None
    if region is None or region.item is None:
        reader.fail((*where, "id"), f"the {control.name} value belongs to no known region")
        return
    if region.item[0] != control.list_name:
        reader.fail(
            (*where, "from_name"), f"{control.name} belongs to {control.list_name}, the region to {region.item[0]}"
        )
        return
    key = "choices" if result.get("type") == "choices" else "text"
    lines = value.get(key) if isinstance(value, dict) else None
    if not (isinstance(lines, list) and all(isinstance(line, str) for line in lines)):
        reader.fail((*where, "value", key), "expected an array of strings")
        return
    place = format_path(where)
    item_pairs = pairs.setdefault(region.item, [])
    if control.shape == "one":
        if len(lines) != 1:
            reader.fail((*where, "value", key), f"expected one value for {control.name}, got {len(lines)}")
            # the field is kept (as null) at this place, so that it is not reported missing as well
            item_pairs.append((control.path, None, place))
            return
        item_pairs.append((control.path, _parse_line(control, lines[0], where, reader), place))
    elif control.shape == "list":
        for index, line in enumerate(lines):
            item_pairs.append(((*control.path, index), _parse_line(control, line, where, reader), place))
    elif control.shape == "part":
        pointer = region.pointer or ()
        if len(pointer) != 3 or not isinstance(pointer[1], int) or (pointer[0], pointer[2]) != control.region:
            reader.fail((*where, "from_name"), f"{control.name} belongs on a {control.region[0]} region")
        else:
            item_pointer: Pointer = (control.path[0], pointer[1], *control.path[1:])
            if len(lines) != 1:
                reader.fail((*where, "value", key), f"expected one value for {control.name}, got {len(lines)}")
                item_pairs.append((item_pointer, None, place))  # kept as null: not reported missing too
            else:
                item_pairs.append((item_pointer, _parse_line(control, lines[0], where, reader), place))
    else:
        head, rest = control.path[0], control.path[1:]
        for index, line in enumerate(lines):
            if line:
                item_pairs.append(((head, index, *rest), _parse_line(control, line, where, reader), place))


def _parse_line(control: _Control, line: str, where: Pointer, reader: _Reader) -> Any:
    if control.path[-1] == "policy_areas":
        codebook, colon, code = line.partition(":")
        if not colon:
            reader.fail((*where, "value"), f"expected a code 'codebook:code' such as 'cap:1522', got {quote(line)}")
        return {"codebook": codebook, "code": code}
    return line


def _check_speaker_relations(
    relations: list[tuple[dict[str, Any], Pointer]],
    regions: dict[str, _Region],
    pairs: dict[tuple[str, str], list[tuple[Pointer, Any, str]]],
    reader: _Reader,
) -> None:
    """A speaker relation must agree with the speakers the directive or statement names; any other
    relation joins regions of one item (region ids and relations to new regions decide membership, so
    a relation that says otherwise is a problem, not ignored)."""
    for relation, where in relations:
        from_id, to_id, labels = relation.get("from_id"), relation.get("to_id"), relation.get("labels")
        if not (isinstance(from_id, str) and isinstance(to_id, str) and isinstance(labels, list)):
            reader.fail(where, "expected a relation with string 'from_id' and 'to_id' and a 'labels' array")
            continue
        source, target = regions.get(from_id), regions.get(to_id)
        if source is None or target is None:
            reader.fail(where, f"the relation joins {quote(from_id)} and {quote(to_id)}, which are not both regions")
            continue
        if source.item is None or target.item is None:
            continue  # a relation to a region that could not be mapped: that region is reported
        if SPEAKER_RELATION not in labels:
            if source.item != target.item:
                reader.fail(
                    where,
                    f"the relation joins regions of {'/'.join(source.item)} and {'/'.join(target.item)}; "
                    "a region belongs to the item its id names",
                )
            continue
        named = {v for p, v, _ in pairs.get(target.item, []) if p[0] == "speakers"}
        if source.item[0] != "speakers" or source.item[1] not in named:
            reader.fail(
                where,
                f"the speaker relation names {quote(source.item[1])}, but {target.item[0]} {quote(target.item[1])} "
                f"lists speakers {sorted(named)} (edit its {SINGULAR[target.item[0]]}_speakers)",
            )


def _items(
    pairs: dict[tuple[str, str], list[tuple[Pointer, Any, str]]],
    meta: dict[str, Any],
    base: Pointer,
    reader: _Reader,
) -> tuple[dict[str, list[dict[str, Any]]], dict[tuple[str | int, ...], str], list[tuple[str | int, ...]]]:
    """The item lists in their recorded order, where each value came from, and which items were
    copied whole from the task data (unanchored items)."""
    order_given = meta.get("order")
    order: dict[str, Any] = order_given if isinstance(order_given, dict) else {}
    unanchored = meta.get("unanchored", {})
    lists: dict[str, list[dict[str, Any]]] = {}
    origins: dict[tuple[str | int, ...], str] = {}
    copied: list[tuple[str | int, ...]] = []
    removed: list[Problem] = []
    for list_name, cls in ITEM_LISTS.items():
        entries: list[tuple[dict[str, Any], dict[Pointer, str], str]] = []
        for (name, item_id), item_pairs in pairs.items():
            if name != list_name:
                continue
            problems: list[Problem] = []
            item = build([(("id",), item_id, item_pairs[0][2]), *item_pairs], problems, item_pairs[0][2])
            reader.problems.extend(problems)
            entries.append((fill_nulls(cls, item), {p: w for p, _, w in item_pairs}, item_pairs[0][2]))
        extra = unanchored.get(list_name, []) if isinstance(unanchored, dict) else []
        for index, raw in enumerate(extra if isinstance(extra, list) else []):
            where = format_path((*base, "data", "policyschema", "unanchored", list_name, index))
            if isinstance(raw, dict):
                entries.append((raw, {}, where))
            else:
                reader.fail((*base, "data", "policyschema", "unanchored", list_name, index), "expected an object")
        listed = order.get(list_name)
        listed = listed if isinstance(listed, list) else []
        ranks: dict[str, int] = {item_id: i for i, item_id in enumerate(listed) if isinstance(item_id, str)}
        present = {e[0].get("id") for e in entries}
        for item_id in ranks:
            if item_id not in present:
                removed.append(
                    Problem(
                        format_path((*base, "data", "policyschema", "order", list_name)),
                        f"{SINGULAR[list_name]} {quote(item_id)} has no region left; it was removed",
                    )
                )
        entries.sort(key=lambda e: (ranks.get(str(e[0].get("id")), len(ranks)), str(e[0].get("id"))))
        lists[list_name] = [e[0] for e in entries]
        for position, (_, item_origins, where) in enumerate(entries):
            origins[(list_name, position)] = where
            if not item_origins:
                copied.append((list_name, position))
            for pointer, place in item_origins.items():
                key: tuple[str | int, ...] = (list_name, position, *pointer)
                origins[key] = place
    reader.notes.extend(removed)
    return lists, origins, copied


# ----------------------------------------------------------------------------------------------- files


def write(docs: Sequence[AnnotatedDocument], out: Path) -> list[Path]:
    """The tasks of ``docs`` as one JSON array at ``out`` (Label Studio imports it as is), and the
    labeling configuration beside it (``<out stem>.config.xml``)."""
    tasks = [encode(doc) for doc in docs]
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(tasks, ensure_ascii=False, indent=2) + "\n", encoding="utf-8", newline="\n")
    config_path = out.with_name(out.stem + ".config.xml")
    config_path.write_text(config(), encoding="utf-8", newline="\n")
    return [out, config_path]


def read(path: Path, *, offsets: OffsetUnit | None = None) -> Imported:
    """The documents of a Label Studio JSON export (an array of tasks) or of a single task."""
    data = read_json_file(path)
    tasks = data if isinstance(data, list) else [data]
    documents: list[AnnotatedDocument] = []
    notes: list[Problem] = []
    problems: list[Problem] = []
    for index, task in enumerate(tasks):
        base: Pointer = (index,) if isinstance(data, list) else ()
        try:
            documents.append(decode(task, offsets=offsets, notes=notes, base=base))
        except ValidationError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ValidationError(problems)
    return Imported(documents, notes)
