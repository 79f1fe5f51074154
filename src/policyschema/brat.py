"""brat standoff: annotations out to brat (https://brat.nlplab.org) for review, and back, without loss.

A document becomes three files, named by its id: ``<id>.txt`` (the text, UTF-8, exactly as annotated),
``<id>.ann`` (the annotations) and ``<id>.meta.json`` (what brat cannot show: the bibliographic record,
the provenance, the order of items, and items that have no span in the text). One ``annotation.conf``
declares the types for the whole directory. The mapping (docs/interop.md has it as a table):

- every span is a ``T`` line: speaker mentions (``Speaker``), role evidence (``Role``), horizon and
  occasion evidence (``TimeHorizon``, ``Occasion``), addressees (``Addressee``), and the parts of
  directives and statements (``Content``, ``Condition``, ``OrElse``, ``Evidence``);
- a directive or statement is an ``E`` event triggered by its cue, with roles ``Speaker``,
  ``Addressee``, ``Content``, ``Condition``, ``OrElse``, ``Evidence``, ``Horizon``, ``Occasion`` and
  ``Relays``;
- closed vocabularies (force, modality, polarity, kinds, reported_as, anchor relation) are ``A``
  attributes; Wikidata ids and policy-area codes are ``N`` normalizations (``Wikidata:Q15031``,
  ``cap:1522`` with the codebook label as text);
- every other field travels as a JSON object in an ``AnnotatorNotes`` note (``#``) on the item's first
  annotation: ``{"directive": "d01", "speakers": ["xi"], "action": "protect", ...}``. Further spans of
  an item carry a note naming their owner only: ``{"speaker": "xi"}``.

Reading back is strict: every line of the ``.ann`` file must be used by the mapping; what cannot be read
(a malformed line, a note that is not JSON, an arc that disagrees with a note, a span whose quote is not
in the text) is a :class:`~policyschema.Problem` named ``file.ann:LINE``; the rebuilt document then goes
through the loader's checks like any file. brat's server counts offsets in code points; some web clients
count UTF-16 code units (brat issue 1115): pass ``offsets="utf16"`` for files made by those, and spans whose
offsets do not match their quote are placed again by the quote and reported.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final

from ._anchoring import OFFSET_UNITS, Anchorer, OffsetUnit
from ._standoff import Annotations, Event, ann_text, note_json, parse_ann
from .codebooks import get_codebook
from .codec import structure, unstructure
from .errors import Problem, ValidationError, quote
from .exchange import Imported, in_file
from .models import AnnotatedDocument
from .vocabulary import (
    AddresseeKind,
    AnchorRelation,
    Force,
    HorizonKind,
    Modality,
    OccasionKind,
    Polarity,
    ReportedAs,
    SpeakerKind,
    StatementKind,
    Vocabulary,
)

__all__ = ["DESCRIPTION", "META_SUFFIX", "conf", "decode", "encode", "encode_meta", "read", "write"]

#: One line for the command line's help.
DESCRIPTION: Final = "brat standoff: <id>.txt, <id>.ann and <id>.meta.json per document, and annotation.conf"

#: The file name ending of the sidecar that carries what brat cannot show.
META_SUFFIX: Final = ".meta.json"
_META_FORMAT: Final = "policyschema-brat"

#: Attributes: brat name -> (the item types that carry it, the JSON field, the vocabulary).
_ATTRIBUTES: Final[dict[str, tuple[tuple[str, ...], str, type[Vocabulary]]]] = {
    "Force": (("Directive",), "force", Force),
    "Modality": (("Directive",), "modality", Modality),
    "Polarity": (("Directive",), "polarity", Polarity),
    "ReportedAs": (("Directive", "Statement"), "reported_as", ReportedAs),
    "StatementKind": (("Statement",), "kind", StatementKind),
    "SpeakerKind": (("Speaker",), "kind", SpeakerKind),
    "AddresseeKind": (("Addressee",), "kind", AddresseeKind),
    "HorizonKind": (("TimeHorizon",), "kind", HorizonKind),
    "AnchorRelation": (("TimeHorizon",), "relation", AnchorRelation),
    "OccasionKind": (("Occasion",), "kind", OccasionKind),
}

#: Span-list fields of directives and statements: JSON field -> (entity type, event role).
_EVENT_SPANS: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "Directive": {
        "content": ("Content", "Content"),
        "conditions": ("Condition", "Condition"),
        "or_else": ("OrElse", "OrElse"),
        "evidence": ("Evidence", "Evidence"),
    },
    "Statement": {
        "content": ("Content", "Content"),
        "evidence": ("Evidence", "Evidence"),
    },
}
#: Fields that hold one span rather than a list.
_SINGLE_SPANS: Final = frozenset({"content"})

#: Directive and statement references drawn as arcs: JSON field -> (role, what it names).
_EVENT_REFERENCES: Final[dict[str, dict[str, tuple[str, str]]]] = {
    "Directive": {
        "speakers": ("Speaker", "speaker"),
        "time_horizon": ("Horizon", "time_horizon"),
        "occasion": ("Occasion", "occasion"),
        "relays": ("Relays", "directive"),
    },
    "Statement": {
        "speakers": ("Speaker", "speaker"),
        "time_horizon": ("Horizon", "time_horizon"),
        "occasion": ("Occasion", "occasion"),
    },
}

#: The document lists of items that live in entities: list -> (entity type, key naming the owner, span list).
_ENTITY_ITEMS: Final[dict[str, tuple[str, str, str]]] = {
    "speakers": ("Speaker", "speaker", "mentions"),
    "time_horizons": ("TimeHorizon", "time_horizon", "evidence"),
    "occasions": ("Occasion", "occasion", "evidence"),
}
#: The document lists of items that are events: list -> (event type, key naming the item in its note).
_EVENT_ITEMS: Final[dict[str, tuple[str, str]]] = {
    "directives": ("Directive", "directive"),
    "statements": ("Statement", "statement"),
}
#: The order in which event arguments are written (brat shows them in this order).
_ROLE_ORDER: Final = (
    "Speaker",
    "Addressee",
    "Content",
    "Condition",
    "OrElse",
    "Horizon",
    "Occasion",
    "Relays",
    "Evidence",
)
_NOTE_TYPE: Final = "AnnotatorNotes"
_NORMALIZATION_TYPE: Final = "Reference"
_WIKIDATA: Final = "Wikidata"
_SHARED_TYPES: Final = frozenset({"Content", "Condition", "OrElse", "Evidence", "Directive", "Statement"})


# ----------------------------------------------------------------------------------------------- writing


class _Writer:
    """Collects the lines of one ``.ann`` file, numbering each kind of annotation from 1."""

    def __init__(self) -> None:
        self.lines: dict[str, list[str]] = {"T": [], "E": [], "A": [], "N": [], "#": []}
        self._shared: dict[tuple[str, int, int], str] = {}

    def _next(self, kind: str) -> str:
        return f"{kind}{len(self.lines[kind]) + 1}"

    def span(self, type_: str, span: Mapping[str, Any], note: Mapping[str, Any] | None = None) -> str:
        """A T line for ``span``; parts of events that have no note of their own are written once."""
        key = (type_, span["start"], span["end"])
        if note is None and type_ in _SHARED_TYPES and key in self._shared:
            return self._shared[key]
        tid = self._next("T")
        self.lines["T"].append(f"{tid}\t{type_} {span['start']} {span['end']}\t{ann_text(span['text'])}")
        if note is None:
            if type_ in _SHARED_TYPES:
                self._shared[key] = tid
        else:
            self.note(tid, note)
        return tid

    def event(self, eid: str, type_: str, trigger: str, arguments: list[tuple[str, str]]) -> None:
        counts: dict[str, int] = {}
        parts = [f"{type_}:{trigger}"]
        for role, target in arguments:
            counts[role] = counts.get(role, 0) + 1
            parts.append(f"{role}{counts[role] if counts[role] > 1 else ''}:{target}")
        self.lines["E"].append(f"{eid}\t{' '.join(parts)}")

    def attribute(self, name: str, target: str, value: str) -> None:
        self.lines["A"].append(f"{self._next('A')}\t{name} {target} {value}")

    def normalization(self, target: str, database: str, key: str, text: str) -> None:
        line = f"{self._next('N')}\t{_NORMALIZATION_TYPE} {target} {database}:{key}\t{ann_text(text)}"
        self.lines["N"].append(line)

    def note(self, target: str, content: Mapping[str, Any]) -> None:
        text = note_json(content)
        self.lines["#"].append(f"{self._next('#')}\t{_NOTE_TYPE} {target}\t{text}")

    def text(self) -> str:
        return "".join(line + "\n" for kind in ("T", "E", "A", "N", "#") for line in self.lines[kind])


def _attributes(type_: str, item: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The attributes an item of ``type_`` carries: (attribute name, JSON field, value). A null field has
    no attribute and stays in the note."""
    return [
        (name, field, str(item[field]))
        for name, (types, field, _vocabulary) in _ATTRIBUTES.items()
        if type_ in types and item.get(field) is not None
    ]


def _write_attributes(attributes: list[tuple[str, str, str]], target: str, writer: _Writer) -> None:
    for name, _field, value in attributes:
        writer.attribute(name, target, value)


def _code_label(codebook: str, code: str) -> str:
    try:
        return get_codebook(codebook).entry(code).label
    except KeyError:
        return code


def encode(doc: AnnotatedDocument) -> tuple[str, str]:
    """The ``.txt`` and ``.ann`` text of ``doc``; :func:`encode_meta` gives its sidecar.

    Raise :class:`ValidationError` when the document does not carry its text (brat shows the text).
    """
    data = unstructure(doc)
    text = data["document"].get("text")
    if text is None:
        raise ValidationError([Problem("$.document.text", "brat export needs the document text; it is absent")])
    return text, _encode_ann(data)


def encode_meta(doc: AnnotatedDocument) -> str:
    """The sidecar ``<id>.meta.json`` of ``doc``: its record, provenance, item order and unanchored items."""
    return _meta_json(unstructure(doc))


def _anchored(kind: str, item: Mapping[str, Any]) -> bool:
    return bool(item.get(_ENTITY_ITEMS[kind][2])) if kind in _ENTITY_ITEMS else True


def _meta_json(data: Mapping[str, Any]) -> str:
    meta: dict[str, Any] = {"format": _META_FORMAT}
    for key, value in data.items():
        if key == "document":
            meta[key] = {k: v for k, v in value.items() if k != "text"}
        elif key not in _ENTITY_ITEMS and key not in _EVENT_ITEMS:
            meta[key] = value
    meta["order"] = {kind: [item["id"] for item in data.get(kind, [])] for kind in (*_ENTITY_ITEMS, *_EVENT_ITEMS)}
    meta["unanchored"] = {
        kind: [item for item in data.get(kind, []) if not _anchored(kind, item)] for kind in _ENTITY_ITEMS
    }
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"


def _encode_ann(data: Mapping[str, Any]) -> str:
    writer = _Writer()
    heads: dict[str, dict[str, str]] = {"speaker": {}, "time_horizon": {}, "occasion": {}, "directive": {}}
    for kind, (type_, owner, span_field) in _ENTITY_ITEMS.items():
        for item in data.get(kind, []):
            if _anchored(kind, item):
                heads[owner][item["id"]] = _encode_entity_item(type_, owner, span_field, item, writer)
    event_ids: dict[tuple[str, str], str] = {}
    for kind, (_type, _key) in _EVENT_ITEMS.items():
        for item in data.get(kind, []):
            event_ids[(kind, item["id"])] = f"E{len(event_ids) + 1}"
    heads["directive"] = {item_id: eid for (kind, item_id), eid in event_ids.items() if kind == "directives"}
    for kind, (type_, key) in _EVENT_ITEMS.items():
        for item in data.get(kind, []):
            _encode_event_item(type_, key, item, event_ids[(kind, item["id"])], heads, writer)
    return writer.text()


def _encode_entity_item(type_: str, owner: str, span_field: str, item: Mapping[str, Any], writer: _Writer) -> str:
    attributes = _attributes(type_, item)
    carried = {field for _name, field, _value in attributes}
    rest = {k: v for k, v in item.items() if k not in ("id", span_field, *carried)}
    roles = rest.get("roles")
    if owner == "speaker" and isinstance(roles, list):
        rest["roles"] = [{k: v for k, v in role.items() if k != "evidence"} for role in roles]
    external = dict(rest.pop("external_ids", {})) if owner == "speaker" else {}
    wikidata = external.pop("wikidata", None)
    if external:
        rest["external_ids"] = external
    spans = item[span_field]
    head = writer.span(type_, spans[0], {owner: item["id"], **rest})
    _write_attributes(attributes, head, writer)
    if wikidata is not None:
        writer.normalization(head, _WIKIDATA, wikidata, item.get("name", wikidata))
    for span in spans[1:]:
        writer.span(type_, span, {owner: item["id"]})
    if owner == "speaker" and isinstance(roles, list):
        for index, role in enumerate(roles):
            for span in role.get("evidence", []):
                writer.span("Role", span, {owner: item["id"], "role": index})
    return head


def _encode_event_item(
    type_: str, key: str, item: Mapping[str, Any], eid: str, heads: dict[str, dict[str, str]], writer: _Writer
) -> None:
    trigger = writer.span(type_, item["cue"])
    by_role: dict[str, list[str]] = {}
    rest = {k: v for k, v in item.items() if k not in ("id", "cue", "policy_areas")}
    references = _EVENT_REFERENCES[type_]
    for field, (role, target_kind) in references.items():
        value = item.get(field)
        for ref in value if isinstance(value, list) else [] if value is None else [value]:
            if ref in heads[target_kind]:
                by_role.setdefault(role, []).append(heads[target_kind][ref])
    if "addressees" in item:
        unanchored = []
        for index, addressee in enumerate(rest.pop("addressees")):
            if addressee.get("span") is None:
                unanchored.append({"at": index, **addressee})
                continue
            attributes = _attributes("Addressee", addressee)
            carried = {field for _name, field, _value in attributes}
            note = {k: v for k, v in addressee.items() if k not in ("span", *carried)}
            tid = writer.span("Addressee", addressee["span"], note)
            _write_attributes(attributes, tid, writer)
            by_role.setdefault("Addressee", []).append(tid)
        if unanchored:
            rest["unanchored_addressees"] = unanchored
    for field, (entity, role) in _EVENT_SPANS[type_].items():
        value = rest.pop(field, None)
        for span in [value] if field in _SINGLE_SPANS else value or []:
            by_role.setdefault(role, []).append(writer.span(entity, span))
    arguments = [(role, target) for role in _ROLE_ORDER for target in by_role.get(role, [])]
    writer.event(eid, type_, trigger, arguments)
    attributes = _attributes(type_, item)
    _write_attributes(attributes, eid, writer)
    for _name, field, _value in attributes:
        rest.pop(field, None)
    for area in item.get("policy_areas", []):
        writer.normalization(eid, area["codebook"], area["code"], _code_label(area["codebook"], area["code"]))
    writer.note(eid, {key: item["id"], **rest})


def conf() -> str:
    """The ``annotation.conf`` declaring the entity, event and attribute types the export uses."""
    lines = [
        "# brat annotation configuration for policyschema exports (see docs/interop.md).",
        "[entities]",
        *("Speaker", "Role", "Addressee", "TimeHorizon", "Occasion", "Content", "Condition", "OrElse", "Evidence"),
        "",
        "[relations]",
        "# Spans of different items may overlap or coincide.",
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>",
        "",
        "[events]",
        "Directive\tSpeaker*:Speaker, Addressee*:Addressee, Content:Content, Condition*:Condition, "
        "OrElse*:OrElse, Horizon?:TimeHorizon, Occasion?:Occasion, Relays?:Directive, Evidence*:Evidence",
        "Statement\tSpeaker*:Speaker, Content:Content, Horizon?:TimeHorizon, Occasion?:Occasion, Evidence*:Evidence",
        "",
        "[attributes]",
    ]
    for name, (types, _field, vocabulary) in _ATTRIBUTES.items():
        values = "|".join(str(member) for member in vocabulary)
        lines.append(f"{name}\tArg:{'|'.join(types)}, Value:{values}")
    return "\n".join(lines) + "\n"


def write(docs: Iterable[AnnotatedDocument], directory: str | Path) -> list[Path]:
    """Write each document as ``<id>.txt``, ``<id>.ann`` and ``<id>.meta.json`` into ``directory`` (made if
    missing), with one ``annotation.conf``; return the paths written. Two documents with one id are refused."""
    # every document is encoded (and refused) before anything is written: a failed export leaves no files
    files: list[tuple[str, str]] = []
    seen: set[str] = set()
    for doc in docs:
        doc_id = doc.document.id
        if doc_id in seen:
            raise ValidationError([Problem("$.document.id", f"two documents have the id {quote(doc_id)}")])
        seen.add(doc_id)
        text, ann = encode(doc)
        files += [(f"{doc_id}.txt", text), (f"{doc_id}.ann", ann), (f"{doc_id}{META_SUFFIX}", encode_meta(doc))]
    files.append(("annotation.conf", conf()))
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, content in files:
        path = out / name
        path.write_bytes(content.encode("utf-8"))
        written.append(path)
    return written


# ----------------------------------------------------------------------------------------------- reading


def read(path: str | Path, *, offsets: OffsetUnit | None = None) -> Imported:
    """Read a brat directory (every ``*.ann`` with its ``.txt`` and sidecar, in file-name order) or one
    ``.ann`` file; the documents, and a note for every span moved to where its quote is. ``offsets``
    None means code points (brat's server; a ``.ann`` file does not record its unit).

    Problems of all documents are raised together in one :class:`ValidationError`.
    """
    where = Path(path)
    ann_paths = [where] if where.is_file() else sorted(where.glob("*.ann"))
    if not where.is_file() and not ann_paths:
        raise ValidationError([Problem(str(where), "no *.ann files found")])
    docs: list[AnnotatedDocument] = []
    notes: list[Problem] = []
    problems: list[Problem] = []
    for ann_path in ann_paths:
        folder, stem = ann_path.parent, ann_path.name.removesuffix(".ann")
        txt_path = folder / f"{stem}.txt"
        meta_path = folder / f"{stem}{META_SUFFIX}"
        if not txt_path.is_file():
            problems.append(Problem(str(txt_path), "missing: the text of " + ann_path.name))
            continue
        try:
            meta = meta_path.read_bytes().decode("utf-8") if meta_path.is_file() else None
            txt, ann = txt_path.read_bytes().decode("utf-8"), ann_path.read_bytes().decode("utf-8")
            unit: OffsetUnit = offsets or "codepoints"
            docs.append(decode(txt, ann, meta, offsets=unit, source=str(folder / stem), notes=notes))
        except ValidationError as exc:
            problems += in_file(exc.problems, str(ann_path))
        except UnicodeDecodeError as exc:
            problems.append(Problem(str(folder / stem), f"not UTF-8: {exc.reason} at byte {exc.start}"))
    if problems:
        raise ValidationError(problems)
    return Imported(docs, notes)


def decode(
    txt: str,
    ann: str,
    meta: str | None = None,
    *,
    offsets: OffsetUnit = "codepoints",
    source: str = "document",
    notes: list[Problem] | None = None,
) -> AnnotatedDocument:
    """Rebuild the document from its ``.txt``, ``.ann`` and sidecar texts; raise :class:`ValidationError`
    listing every problem (``source.ann:LINE: ...``), including those the loader finds in the result.

    A span whose offsets do not quote its text is moved to where the quote is (the occurrence nearest
    its offsets); each move is appended to ``notes``, when given, for a reviewer to look at.
    """
    if offsets not in OFFSET_UNITS:
        raise ValueError(f"offsets must be one of {', '.join(OFFSET_UNITS)}, not {offsets!r}")
    reader = _Reader(txt, ann, offsets, f"{source}.ann")
    if notes is not None:
        notes += reader.moved
    data = _read_meta(meta, f"{source}{META_SUFFIX}", reader.problems)
    if data is not None:
        reader.fill(data)
        reader.report_unused()
    if reader.problems:
        raise ValidationError(reader.problems)
    assert data is not None
    data["document"]["text"] = txt
    return structure(data)


def _read_meta(meta: str | None, name: str, problems: list[Problem]) -> dict[str, Any] | None:
    if meta is None:
        problems.append(
            Problem(name, "missing: the sidecar holds the document's record (title, publisher, ...); export it again")
        )
        return None
    try:
        data = json.loads(meta)
    except json.JSONDecodeError as exc:
        problems.append(Problem(f"{name}:{exc.lineno}", f"not JSON: {exc.msg}"))
        return None
    if not isinstance(data, dict) or data.get("format") != _META_FORMAT:
        problems.append(Problem(name, f'expected a JSON object with "format": "{_META_FORMAT}"'))
        return None
    for key in ("document", "order", "unanchored"):
        if not isinstance(data.get(key), dict):
            problems.append(Problem(name, f"expected an object at {quote(key)}"))
            return None
    del data["format"]
    return data


class _Reader:
    """Turns one parsed ``.ann`` file back into the item lists of a document, collecting problems."""

    def __init__(self, txt: str, ann: str, offsets: OffsetUnit, source: str) -> None:
        self.txt = txt
        self.source = source
        self.anns: Annotations
        self.anns, self.problems = parse_ann(ann, source)
        self.used: set[str] = set()
        self.notes: dict[str, tuple[dict[str, Any], int]] = {}
        self.attributes: dict[tuple[str, str], str] = {}
        self.read_attributes: set[tuple[str, str]] = set()
        self.attribute_lines: dict[tuple[str, str], int] = {}
        self.newly_anchored: dict[str, set[str]] = {}
        self.spans: dict[str, dict[str, Any]] = {}
        self.moved: list[Problem] = []
        self._read_spans(offsets)
        self._read_notes()
        self._read_attributes()

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(f"{self.source}:{line}", message))

    # -- the parts

    def _read_spans(self, offsets: OffsetUnit) -> None:
        """Place every T span on the text: its offsets when they quote its text, else where the quote is
        (reported in :attr:`moved`), else a problem."""
        anchorer = Anchorer(self.txt, offsets)
        for tid, bound in self.anns.text_bounds.items():
            if len(bound.fragments) != 1:
                self.problem(bound.line, f"{tid} has {len(bound.fragments)} fragments; policyschema spans are whole")
                continue
            start, end = bound.fragments[0]
            cp_start, cp_end = anchorer.map.to_codepoints(start, offsets), anchorer.map.to_codepoints(end, offsets)
            if cp_start is not None and cp_end is not None and ann_text(self.txt[cp_start:cp_end]) == bound.text:
                # brat writes line breaks inside a span's quote as spaces; the offsets decide.
                self.spans[tid] = {"start": cp_start, "end": cp_end, "text": self.txt[cp_start:cp_end]}
                continue
            placed = anchorer.place(f"{self.source}:{bound.line}", start, end, bound.text)
            if placed is not None:
                self.spans[tid] = {
                    "start": placed.start,
                    "end": placed.end,
                    "text": self.txt[placed.start : placed.end],
                }
        self.problems += anchorer.problems
        self.moved += anchorer.notes

    def _read_notes(self) -> None:
        for note in self.anns.notes:
            if note.type != _NOTE_TYPE:
                self.problem(note.line, f"expected a note of type {_NOTE_TYPE}, got {quote(note.type)}")
                continue
            if note.target in self.notes:
                self.problem(note.line, f"{note.target} has a note already (line {self.notes[note.target][1]})")
                continue
            try:
                content = json.loads(note.text)
            except json.JSONDecodeError as exc:
                self.problem(note.line, f"the note on {note.target} is not JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(content, dict):
                self.problem(note.line, f"the note on {note.target} must be a JSON object")
                continue
            self.notes[note.target] = (content, note.line)
            self.used.add(note.id)

    def _read_attributes(self) -> None:
        lines: dict[tuple[str, str], int] = {}
        for attribute in self.anns.attributes:
            key = (attribute.target, attribute.name)
            if attribute.name not in _ATTRIBUTES:
                known = ", ".join(_ATTRIBUTES)
                self.problem(attribute.line, f"unknown attribute {quote(attribute.name)} (known: {known})")
            elif attribute.value is None:
                self.problem(attribute.line, f"attribute {attribute.name} needs a value")
            elif key in lines:
                self.problem(attribute.line, f"{attribute.target} has {attribute.name} already (line {lines[key]})")
            else:
                lines[key] = attribute.line
                self.attributes[key] = attribute.value
        self.attribute_lines = lines

    def note(self, ann_id: str, line: int, owner: str) -> dict[str, Any] | None:
        """The note on ``ann_id``, which must name its owner (``{"speaker": "xi", ...}``)."""
        if ann_id not in self.notes:
            self.problem(line, f"{ann_id} has no note naming its {owner} (a JSON object such as {{{owner!r}: ...}})")
            return None
        content, note_line = self.notes[ann_id]
        if not isinstance(content.get(owner), str):
            self.problem(note_line, f"the note on {ann_id} must name its {owner}: {{{json.dumps(owner)}: ...}}")
            return None
        return content

    def attributes_of(self, type_: str, target: str, item: dict[str, Any]) -> None:
        for name, (types, field, _vocabulary) in _ATTRIBUTES.items():
            if type_ in types and (target, name) in self.attributes:
                value = self.attributes[(target, name)]
                if field in item and item[field] != value:
                    line = self.attribute_lines[(target, name)]
                    self.problem(line, f"{name} {value} on {target} disagrees with its note's {field}: {item[field]}")
                item[field] = value
                self.read_attributes.add((target, name))

    def normalizations_of(self, target: str) -> list[tuple[str, str, int]]:
        found = []
        for normalization in self.anns.normalizations:
            if normalization.target == target:
                if normalization.type != _NORMALIZATION_TYPE:
                    message = f"expected a normalization of type {_NORMALIZATION_TYPE}, got {quote(normalization.type)}"
                    self.problem(normalization.line, message)
                    continue
                self.used.add(normalization.id)
                found.append((normalization.database, normalization.key, normalization.line))
        return found

    # -- the items

    def fill(self, data: dict[str, Any]) -> None:
        """Add the item lists read from the ``.ann`` file to ``data`` (the sidecar's content)."""
        order: dict[str, Any] = data.pop("order")
        unanchored: dict[str, Any] = data.pop("unanchored")
        owners: dict[str, dict[str, str]] = {owner: {} for _t, owner, _s in _ENTITY_ITEMS.values()}
        for kind, (type_, owner, span_field) in _ENTITY_ITEMS.items():
            extra = {
                i["id"]: i for i in unanchored.get(kind, []) if isinstance(i, dict) and isinstance(i.get("id"), str)
            }
            items = self._entity_items(type_, owner, span_field, owners[owner], extra)
            data[kind] = _ordered({**extra, **items}, order.get(kind))
        events: dict[str, tuple[str, str]] = {}  # event id -> (list, item id)
        for eid, event in self.anns.events.items():
            for kind, (type_, key) in _EVENT_ITEMS.items():
                if event.type == type_:
                    note = self.note(eid, event.line, key)
                    if note is not None:
                        events[eid] = (kind, note[key])
                    else:  # its parts are reported with it, not once more as strays
                        self.used.update((eid, event.trigger, *(target for _role, target in event.arguments)))
        owners["directive"] = {eid: item_id for eid, (kind, item_id) in events.items() if kind == "directives"}
        lists: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in _EVENT_ITEMS}
        for eid, (kind, item_id) in events.items():
            event = self.anns.events[eid]
            if item_id in lists[kind]:
                self.problem(event.line, f"{eid}: another event is {kind[:-1]} {quote(item_id)} already")
                continue
            item = self._event_item(event, _EVENT_ITEMS[kind], owners)
            if item is not None:
                lists[kind][item_id] = item
        for kind in _EVENT_ITEMS:
            data[kind] = _ordered(lists[kind], order.get(kind))
        for event in self.anns.events.values():
            if not any(event.type == type_ for type_, _key in _EVENT_ITEMS.values()):
                self.problem(event.line, f"unknown event type {quote(event.type)} (known: Directive, Statement)")
                self.used.update((event.id, event.trigger, *(target for _role, target in event.arguments)))

    def _entity_items(
        self, type_: str, owner: str, span_field: str, heads: dict[str, str], unanchored: dict[str, dict[str, Any]]
    ) -> dict[str, dict[str, Any]]:
        """Items whose spans are entities of ``type_``, grouped by the owner their notes name. A span
        marked in brat for an item that had none (in the sidecar's ``unanchored``) gives it its first."""
        items: dict[str, dict[str, Any]] = {}
        role_spans: dict[str, list[tuple[int, dict[str, Any], int]]] = {}
        for tid, bound in self.anns.text_bounds.items():
            if bound.type not in (type_, "Role" if owner == "speaker" else None):
                continue
            note = self.note(tid, bound.line, owner)
            if note is None or tid not in self.spans:
                continue
            self.used.add(tid)
            item_id = note[owner]
            fields = {k: v for k, v in note.items() if k != owner}
            if bound.type == "Role":
                role = fields.get("role")
                if set(fields) != {"role"} or not isinstance(role, int) or isinstance(role, bool):
                    self.problem(bound.line, f'{tid}: a Role note is {{"speaker": ID, "role": INDEX}}, got {fields}')
                    continue
                role_spans.setdefault(item_id, []).append((role, self.spans[tid], bound.line))
                continue
            if item_id not in items:
                items[item_id] = {"id": item_id, "__head": None, "__first": tid, span_field: []}
            item = items[item_id]
            item[span_field].append(self.spans[tid])
            if fields:
                if item["__head"] is not None:
                    self.problem(bound.line, f"{tid}: {owner} {quote(item_id)} has its record on {item['__head']}")
                    continue
                item["__head"] = tid
                for field in sorted(set(fields) & {"id", span_field, "external_ids"}):
                    where = (
                        "its T annotations"
                        if field == span_field
                        else "N lines"
                        if field == "external_ids"
                        else "the note's key"
                    )
                    self.problem(bound.line, f"{tid}: the note gives {quote(field)}, which brat carries as {where}")
                    del fields[field]
                item.update(fields)
                self.attributes_of(type_, tid, item)
                self._external_ids(tid, item, owner)
        for item_id, item in items.items():
            head, first = item.pop("__head"), item.pop("__first")
            if head is None and item_id in unanchored:
                heads[first] = item_id
                self.newly_anchored.setdefault(owner, set()).add(item_id)
                items[item_id] = {**unanchored[item_id], span_field: item[span_field]}
                continue
            if head is None:
                self.problem(
                    self.anns.text_bounds[_first_span_id(self, type_, owner, item_id)].line,
                    f"no {type_} annotation carries the record of {owner} {quote(item_id)} (its first one did)",
                )
                continue
            heads[head] = item_id
            # Keep the field order of the model: the id first, the spans where the record had them.
            ordered = {"id": item_id, **{k: v for k, v in item.items() if k != "id"}}
            items[item_id] = ordered
        for item_id, spans in role_spans.items():
            roles = items.get(item_id, {}).get("roles")
            for index, span, line in spans:
                if not isinstance(roles, list) or not 0 <= index < len(roles) or not isinstance(roles[index], dict):
                    self.problem(line, f"a Role span names role {index} of speaker {quote(item_id)}, which has none")
                    continue
                roles[index].setdefault("evidence", []).append(span)
        anchored = set(heads.values())
        return {item_id: item for item_id, item in items.items() if item_id in anchored}

    def _external_ids(self, tid: str, item: dict[str, Any], owner: str) -> None:
        for database, key, line in self.normalizations_of(tid):
            if owner == "speaker" and database == _WIKIDATA:
                item.setdefault("external_ids", {})["wikidata"] = key
            else:
                self.problem(line, f"unexpected normalization {database}:{key} on {tid}")

    def _event_item(
        self, event: Event, spec: tuple[str, str], owners: dict[str, dict[str, str]]
    ) -> dict[str, Any] | None:
        type_, key = spec
        note = self.note(event.id, event.line, key)
        if note is None or event.trigger not in self.spans:
            return None
        self.used.update((event.id, event.trigger))
        item: dict[str, Any] = {"id": note[key], "cue": self.spans[event.trigger]}
        fields = {k: v for k, v in note.items() if k != key}
        unanchored = fields.pop("unanchored_addressees", [])
        arguments = _arguments(event)
        anchored_addressees = []
        spans: dict[str, list[dict[str, Any]]] = {}
        roles_of_spans = {role: field for field, (_entity, role) in _EVENT_SPANS[type_].items()}
        references = {role: (field, target) for field, (role, target) in _EVENT_REFERENCES[type_].items()}
        drawn: dict[str, list[str]] = {}
        for role, target in arguments:
            if role == "Addressee" and type_ == "Directive":
                addressee = self._addressee(target, event.line)
                if addressee is not None:
                    anchored_addressees.append(addressee)
            elif role in roles_of_spans:
                expected = _EVENT_SPANS[type_][roles_of_spans[role]][0]
                if self._argument_type(event, role, target, expected) and target in self.spans:
                    self.used.add(target)
                    spans.setdefault(roles_of_spans[role], []).append(self.spans[target])
            elif role in references:
                field, target_kind = references[role]
                owner_ids = owners[target_kind]
                if target not in owner_ids:
                    self.problem(
                        event.line, f"{event.id}: {role} must point at the first annotation of a {target_kind}"
                    )
                    continue
                drawn.setdefault(field, []).append(owner_ids[target])
            else:
                known = ", ".join(
                    ["Addressee", *roles_of_spans, *references]
                    if type_ == "Directive"
                    else [*roles_of_spans, *references]
                )
                self.problem(event.line, f"{event.id}: unknown role {quote(role)} for a {type_} (known: {known})")
        for field, (role, target_kind) in _EVENT_REFERENCES[type_].items():
            value = fields.get(field)
            named = value if isinstance(value, list) else [] if value is None else [value]
            # Items given their first span in brat have no arc yet; an arc to them is welcome all the same.
            new = self.newly_anchored.get(target_kind, set())
            anchored = [ref for ref in named if ref in owners[target_kind].values() and ref not in new]
            arcs = drawn.get(field, [])
            if [ref for ref in arcs if ref not in new] != anchored or not set(arcs) <= set(named):
                self.problem(
                    event.line,
                    f"{event.id}: the {role} arcs point at {arcs} but the note names {named}; "
                    f"change the note's {quote(field)} and the arcs together",
                )
        carried = {"id": "the note's own key", "cue": "the trigger", "policy_areas": "N lines"}
        carried |= dict.fromkeys(_EVENT_SPANS[type_], "arguments")
        if type_ == "Directive":
            carried["addressees"] = "Addressee arguments and unanchored_addressees"
        for field in sorted(set(fields) & set(carried)):
            self.problem(
                event.line, f"{event.id}: the note gives {quote(field)}, which brat carries as {carried[field]}"
            )
            del fields[field]
        item.update(fields)
        for field in _EVENT_SPANS[type_]:
            found = spans.get(field, [])
            if field in _SINGLE_SPANS:
                if len(found) != 1:
                    self.problem(
                        event.line, f"{event.id}: expected one {field.capitalize()} argument, got {len(found)}"
                    )
                    continue
                item[field] = found[0]
            else:
                item[field] = found
        if type_ == "Directive":
            item["addressees"] = _merge_addressees(anchored_addressees, unanchored, self, event.line)
        self.attributes_of(type_, event.id, item)
        areas = []
        for database, code, _line in self.normalizations_of(event.id):
            areas.append({"codebook": database, "code": code})
        item["policy_areas"] = areas
        return item

    def _argument_type(self, event: Event, role: str, target: str, expected: str) -> bool:
        bound = self.anns.text_bounds.get(target)
        if bound is None or bound.type != expected:
            got = bound.type if bound is not None else "an event"
            self.problem(event.line, f"{event.id}: {role} must be a {expected} span, got {got} {target}")
            return False
        return True

    def _addressee(self, target: str, line: int) -> dict[str, Any] | None:
        bound = self.anns.text_bounds.get(target)
        if bound is None or bound.type != "Addressee":
            self.problem(line, f"Addressee must be an Addressee span, got {target}")
            return None
        if target not in self.notes:
            self.problem(bound.line, f'{target} has no note with its label: {{"label": ...}}')
            return None
        if target not in self.spans:
            return None
        self.used.add(target)
        addressee: dict[str, Any] = dict(self.notes[target][0])
        self.attributes_of("Addressee", target, addressee)
        addressee["span"] = self.spans[target]
        return addressee

    def report_unused(self) -> None:
        """Everything in the file that the mapping did not read is a problem: nothing is dropped silently."""
        for tid, bound in self.anns.text_bounds.items():
            if tid not in self.used and tid in self.spans:
                self.problem(bound.line, f"{tid} ({bound.type}) belongs to no item; attach it or delete it")
        for attribute in self.anns.attributes:
            key = (attribute.target, attribute.name)
            if key in self.attributes and key not in self.read_attributes and attribute.target in self.used:
                owner = self.anns.text_bounds.get(attribute.target) or self.anns.events.get(attribute.target)
                where = f"{owner.type} {attribute.target}" if owner is not None else attribute.target
                self.problem(
                    attribute.line,
                    f"{attribute.name} on {where} is not read: it belongs on the first annotation of an item "
                    f"of type {' or '.join(_ATTRIBUTES[attribute.name][0])}",
                )
        for normalization in self.anns.normalizations:
            if normalization.id not in self.used and normalization.target in self.used:
                self.problem(normalization.line, f"{normalization.id} on {normalization.target} is not read")
        for target, (_content, line) in self.notes.items():
            if target not in self.used and (target in self.anns.text_bounds or target in self.anns.events):
                continue  # reported with its target
            if target not in self.used:
                self.problem(line, f"the note on {target} is not read")


def _first_span_id(reader: _Reader, type_: str, owner: str, item_id: str) -> str:
    for tid, bound in reader.anns.text_bounds.items():
        note = reader.notes.get(tid, ({}, 0))[0]
        if bound.type == type_ and note.get(owner) == item_id:
            return tid
    raise KeyError(item_id)


_ROLE_NUMBER: Final = re.compile(r"^(.*?)([0-9]*)$")


def _arguments(event: Event) -> list[tuple[str, str]]:
    """Event arguments with brat's numbered roles (``Speaker2``) folded, in role-number order."""
    numbered = []
    for position, (role, target) in enumerate(event.arguments):
        m = _ROLE_NUMBER.match(role)
        assert m is not None
        base, number = m.group(1), int(m.group(2) or 1)
        numbered.append((base, number, position, target))
    numbered.sort(key=lambda a: (a[0], a[1], a[2]))
    by_role: dict[str, list[str]] = {}
    for base, _number, _position, target in numbered:
        by_role.setdefault(base, []).append(target)
    first_seen = list(dict.fromkeys(base for base, _n, _p, _t in sorted(numbered, key=lambda a: a[2])))
    return [(base, target) for base in first_seen for target in by_role[base]]


def _merge_addressees(
    anchored: list[dict[str, Any]], unanchored: Any, reader: _Reader, line: int
) -> list[dict[str, Any]]:
    """Put the addressees without a span (``{"at": INDEX, ...}`` in the note) back in their places."""
    merged = list(anchored)
    if not isinstance(unanchored, list):
        reader.problem(line, "unanchored_addressees must be a list")
        return merged
    for entry in unanchored:
        at = entry.get("at") if isinstance(entry, dict) else None
        if not isinstance(at, int) or isinstance(at, bool) or at < 0:
            reader.problem(line, f'an unanchored addressee is {{"at": INDEX, "label": ..., "kind": ...}}, got {entry}')
            continue
        addressee = {k: v for k, v in entry.items() if k != "at"}
        merged.insert(min(entry["at"], len(merged)), addressee)
    return merged


def _ordered(items: dict[str, dict[str, Any]], order: Any) -> list[dict[str, Any]]:
    """Items in the sidecar's order, then those added in brat (in file order)."""
    known = [i for i in order if isinstance(i, str) and i in items] if isinstance(order, list) else []
    return [items[i] for i in known] + [item for i, item in items.items() if i not in known]
