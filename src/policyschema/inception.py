"""INCEpTION / WebAnno: annotations as a UIMA CAS in XMI, through ``dkpro-cassis`` (``policyschema[inception]``).

The type system is derived from the models, so it follows them without a hand-kept copy: each model
class becomes a type ``webanno.custom.Ps<Class>`` (the namespace INCEpTION gives custom layers) with one
feature per field. Speakers, directives, statements, time horizons and occasions are annotations
(``uima.tcas.Annotation``) placed on their first span (the cue, the first mention or evidence), so
INCEpTION shows them as layers whose features are the fields; every span is a ``PsSpan`` annotation
whose ``field`` feature says what it is (``Directive.content``); nested records (addressees, roles,
policy areas, the document record and provenance) are feature structures referenced from their owner;
one ``PsAnnotatedDocument`` holds the lists in their order. Field values are written as in the JSON
format (dates and vocabulary values as strings, lists as arrays), except that a field named ``begin``,
``end`` or ``sofa`` becomes ``begin_``, ``end_`` or ``sofa_`` (names the CAS reserves).

Offsets: the CAS in XMI counts UTF-16 code units; dkpro-cassis converts to and from the code points this
library uses (tested with emoji). The text is the CAS's sofa string, so XMI cannot carry characters XML 1.0
forbids (most C0 control characters); such a document is refused with a problem naming the field.

Reading back (:func:`decode`) is lossless for files this module wrote, and for files edited in a tool
that keeps every type and feature: it starts at the ``PsAnnotatedDocument`` and follows its references.
INCEpTION keeps only the layers defined in its project, so an XMI exported from INCEpTION lacks that root
unless the project has all the types; :func:`decode` then raises a problem saying so, and every ``Ps``
annotation that the root does not reach (one added in the tool) is reported, never dropped silently.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, Any, Final, get_args, get_origin

import attrs

from ._anchoring import OFFSET_UNITS, OffsetUnit
from .codec import structure, unstructure
from .errors import Problem, ValidationError, format_path, quote
from .exchange import Imported, in_file
from .models import AnnotatedDocument, Directive, Occasion, Span, Speaker, Statement, TimeHorizon

try:
    import cassis  # type: ignore[import-untyped]
except ImportError:  # the module is imported on first use (ps.inception, --to inception): say what to install
    raise ModuleNotFoundError(
        "policyschema.inception needs dkpro-cassis: pip install 'policyschema[inception]'", name="cassis"
    ) from None

__all__ = ["DESCRIPTION", "NAMESPACE", "TYPESYSTEM_FILE", "decode", "encode", "read", "typesystem", "write"]

#: One line for the command line's help.
DESCRIPTION: Final = "INCEpTION / WebAnno UIMA CAS XMI: <id>.xmi per document and TypeSystem.xml (needs dkpro-cassis)"

#: The prefix of every type name: INCEpTION's namespace for custom layers, then ``Ps``.
NAMESPACE: Final = "webanno.custom.Ps"
#: The file name :func:`write` gives the type system, next to the ``.xmi`` files.
TYPESYSTEM_FILE: Final = "TypeSystem.xml"

#: Item classes that are annotations, with the field that holds the span they are placed on.
_ANNOTATION_CLASSES: Final[dict[type, str]] = {
    Speaker: "mentions",
    Directive: "cue",
    Statement: "cue",
    TimeHorizon: "evidence",
    Occasion: "evidence",
}
_SPAN_TYPE: Final = f"{NAMESPACE}Span"
_RESERVED: Final = frozenset({"begin", "end", "sofa"})
_ANNOTATION: Final = "uima.tcas.Annotation"
_TOP: Final = "uima.cas.TOP"


def _feature(name: str) -> str:
    return f"{name}_" if name in _RESERVED else name


def _strip(tp: Any) -> Any:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    return tp


@attrs.frozen
class _Field:
    """How one model field is stored: ``kind`` is string, int, strings, span, spans, fs or fslist."""

    name: str
    kind: str
    target: type | None
    has_default: bool


_FIELDS: dict[type, tuple[_Field, ...]] = {}


def _fields(cl: type) -> tuple[_Field, ...]:
    """The storage plan of the fields of attrs class ``cl`` (cached)."""
    if cl not in _FIELDS:
        hints = typing.get_type_hints(cl, include_extras=True)
        plan = []
        for field in attrs.fields(cl):
            kind, target = _kind(hints[field.name])
            if cl is _document_class() and field.name == "text":
                continue  # the sofa string
            plan.append(_Field(field.name, kind, target, field.default is not attrs.NOTHING))
        _FIELDS[cl] = tuple(plan)
    return _FIELDS[cl]


def _document_class() -> type:
    return typing.get_type_hints(AnnotatedDocument)["document"]  # type: ignore[no-any-return]


def _kind(tp: Any) -> tuple[str, type | None]:
    tp = _strip(tp)
    args = [a for a in get_args(tp) if a is not type(None)]
    if get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 1:
        tp = _strip(args[0])
    if tp is Span:
        return "span", None
    if isinstance(tp, type) and attrs.has(tp):
        return "fs", tp
    if get_origin(tp) is list:
        element = _strip(get_args(tp)[0])
        if element is Span:
            return "spans", None
        if isinstance(element, type) and attrs.has(element):
            return "fslist", element
        return "strings", None
    if tp is int:
        return "int", None
    return "string", None  # str, vocabularies, dates and unions of them: written as in JSON


def _classes() -> list[type]:
    """Every model class reachable from :class:`AnnotatedDocument` (Span apart), in a stable order."""
    found: list[type] = []
    pending: list[type] = [AnnotatedDocument]
    while pending:
        cl = pending.pop(0)
        if cl in found:
            continue
        found.append(cl)
        pending += [f.target for f in _fields(cl) if f.target is not None]
    return found


def _type_name(cl: type) -> str:
    return f"{NAMESPACE}{cl.__name__}"


def _build_typesystem() -> Any:
    ts = cassis.TypeSystem()
    span = ts.create_type(_SPAN_TYPE, supertypeName=_ANNOTATION, description="A span of the text (policyschema Span).")
    ts.create_feature(span, "field", "uima.cas.String", description="Which field the span fills, as Class.field.")
    classes = _classes()
    types = {}
    for cl in classes:
        summary = (cl.__doc__ or cl.__name__).strip().splitlines()[0]
        supertype = _ANNOTATION if cl in _ANNOTATION_CLASSES else _TOP
        types[cl] = ts.create_type(_type_name(cl), supertypeName=supertype, description=summary)
    for cl in classes:
        for field in _fields(cl):
            description: str | None = attrs.fields_dict(cl)[field.name].metadata.get("description")
            name = _feature(field.name)
            if field.kind == "string":
                ts.create_feature(types[cl], name, "uima.cas.String", description=description)
            elif field.kind == "int":
                ts.create_feature(types[cl], name, "uima.cas.Integer", description=description)
            elif field.kind == "strings":
                ts.create_feature(types[cl], name, "uima.cas.StringArray", description=description)
            elif field.kind == "span":
                ts.create_feature(types[cl], name, _SPAN_TYPE, description=description)
            elif field.kind == "fs":
                assert field.target is not None
                ts.create_feature(types[cl], name, _type_name(field.target), description=description)
            else:
                element = _SPAN_TYPE if field.kind == "spans" else _type_name(field.target)  # type: ignore[arg-type]
                ts.create_feature(types[cl], name, "uima.cas.FSArray", elementType=element, description=description)
    return ts


@functools.cache
def typesystem() -> str:
    """The UIMA type system (XML) of the export, for INCEpTION's layer import or any UIMA tool."""
    return str(_build_typesystem().to_xml())


# ----------------------------------------------------------------------------------------------- writing


def _xml_problems(value: Any, path: tuple[str | int, ...]) -> Iterable[Problem]:
    """Strings XML 1.0 cannot hold (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF; surrogates)."""
    if isinstance(value, str):
        for char in value:
            code = ord(char)
            if (code < 0x20 and char not in "\t\n\r") or code in (0xFFFE, 0xFFFF) or 0xD800 <= code <= 0xDFFF:
                yield Problem(format_path(path), f"XMI (XML 1.0) cannot hold the character U+{code:04X}")
                return
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _xml_problems(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _xml_problems(item, (*path, index))


class _Encoder:
    def __init__(self, ts: Any, cas: Any) -> None:
        self.ts = ts
        self.cas = cas
        self.string_array = ts.get_type("uima.cas.StringArray")
        self.fs_array = ts.get_type("uima.cas.FSArray")
        self.span_type = ts.get_type(_SPAN_TYPE)

    def span(self, value: dict[str, Any], owner: type, field: str) -> Any:
        fs = self.span_type(begin=value["start"], end=value["end"], field=f"{owner.__name__}.{field}")
        self.cas.add(fs)
        return fs

    def record(self, cl: type, data: dict[str, Any]) -> Any:
        values: dict[str, Any] = {}
        for field in _fields(cl):
            value = data.get(field.name)
            if value is None:
                continue
            name = _feature(field.name)
            if field.kind in ("string", "int"):
                values[name] = value
            elif field.kind == "strings":
                values[name] = self.string_array(elements=list(value))
            elif field.kind == "span":
                values[name] = self.span(value, cl, field.name)
            elif field.kind == "spans":
                values[name] = self.fs_array(elements=[self.span(v, cl, field.name) for v in value])
            elif field.kind == "fs":
                assert field.target is not None
                values[name] = self.record(field.target, value)
            else:
                assert field.target is not None
                values[name] = self.fs_array(elements=[self.record(field.target, v) for v in value])
        if cl in _ANNOTATION_CLASSES:
            head = data.get(_ANNOTATION_CLASSES[cl])
            head = head[0] if isinstance(head, list) and head else head
            begin, end = (head["start"], head["end"]) if isinstance(head, dict) else (0, 0)
            fs = self.ts.get_type(_type_name(cl))(begin=begin, end=end, **values)
            self.cas.add(fs)
            return fs
        fs = self.ts.get_type(_type_name(cl))(**values)
        return fs


def encode(doc: AnnotatedDocument) -> bytes:
    """The UIMA CAS XMI (UTF-8) of ``doc``; :func:`typesystem` gives the type system it uses.

    Raise :class:`ValidationError` when the document has no text or holds characters XML cannot carry.
    """
    data = unstructure(doc)
    text = data["document"].get("text")
    problems = list(_xml_problems(data, ()))
    if text is None:
        problems.append(Problem("$.document.text", "an XMI export needs the document text; it is absent"))
    if problems:
        raise ValidationError(problems)
    ts = _build_typesystem()
    cas = cassis.Cas(typesystem=ts, sofa_string=text)
    cas.sofa_mime = "text/plain"
    cas.document_language = doc.document.language  # UIMA's DocumentAnnotation, which tools read
    for annotation in cas.select("uima.tcas.DocumentAnnotation"):
        annotation.end = len(text)  # it covers the whole text
    root = _Encoder(ts, cas).record(AnnotatedDocument, data)
    cas.add(root)
    return str(cas.to_xmi()).encode("utf-8")


def write(docs: Iterable[AnnotatedDocument], directory: str | Path) -> list[Path]:
    """Write each document as ``<id>.xmi`` into ``directory`` (made if missing), with ``TypeSystem.xml``;
    return the paths written."""
    # every document is encoded (and refused) before anything is written: a failed export leaves no files
    files: list[tuple[str, bytes]] = []
    seen: set[str] = set()
    for doc in docs:
        if doc.document.id in seen:
            raise ValidationError([Problem("$.document.id", f"two documents have the id {quote(doc.document.id)}")])
        seen.add(doc.document.id)
        files.append((f"{doc.document.id}.xmi", encode(doc)))
    files.append((TYPESYSTEM_FILE, typesystem().encode("utf-8")))
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in files:
        path = out / name
        path.write_bytes(content)
        written.append(path)
    return written


# ----------------------------------------------------------------------------------------------- reading


class _Decoder:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []
        self.reached: set[int] = set()

    def span(self, fs: Any, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        if fs.type.name != _SPAN_TYPE:
            self.problems.append(Problem(self._where(path), f"expected a {_SPAN_TYPE}, got a {fs.type.name}"))
            return None
        self.reached.add(id(fs))
        return {"start": fs.begin, "end": fs.end, "text": fs.get_covered_text()}

    def _where(self, path: tuple[str | int, ...]) -> str:
        return f"{self.source}: {format_path(path)}"

    def record(self, cl: type, fs: Any, path: tuple[str | int, ...]) -> dict[str, Any] | None:
        if fs.type.name != _type_name(cl):
            self.problems.append(Problem(self._where(path), f"expected a {_type_name(cl)}, got a {fs.type.name}"))
            return None
        self.reached.add(id(fs))
        data: dict[str, Any] = {}
        for field in _fields(cl):
            value = fs.get(_feature(field.name))
            where = (*path, field.name)
            if value is None:
                if field.kind in ("strings", "spans", "fslist") and not field.has_default:
                    data[field.name] = []
                elif not field.has_default:
                    data[field.name] = None
                continue
            if field.kind in ("string", "int"):
                data[field.name] = value
            elif field.kind == "strings":
                data[field.name] = list(value.elements)
            elif field.kind == "span":
                data[field.name] = self.span(value, where)
            elif field.kind == "spans":
                data[field.name] = [self.span(v, (*where, i)) for i, v in enumerate(value.elements)]
            elif field.kind == "fs":
                assert field.target is not None
                data[field.name] = self.record(field.target, value, where)
            else:
                assert field.target is not None
                data[field.name] = [self.record(field.target, v, (*where, i)) for i, v in enumerate(value.elements)]
        return data


def decode(
    xmi: bytes | str, typesystem_xml: str | bytes | None = None, *, source: str = "document.xmi"
) -> AnnotatedDocument:
    """Rebuild the document from XMI written by :func:`encode` (with the type system given, or this
    library's); raise :class:`ValidationError` with every problem, including the loader's."""
    ts_text = typesystem_xml if typesystem_xml is not None else typesystem()
    try:
        ts = cassis.load_typesystem(ts_text if isinstance(ts_text, str) else ts_text.decode("utf-8"))
        cas = cassis.load_cas_from_xmi(xmi if isinstance(xmi, str) else xmi.decode("utf-8"), typesystem=ts)
    except Exception as exc:  # cassis and lxml raise many kinds; the message names the cause
        raise ValidationError([Problem(source, f"not a readable UIMA CAS XMI: {exc}")]) from None
    roots = list(cas.select(_type_name(AnnotatedDocument))) if _has_type(ts, AnnotatedDocument) else []
    if len(roots) != 1:
        message = (
            f"expected one {_type_name(AnnotatedDocument)}, found {len(roots)}: this file was not written by "
            "policyschema.inception, or a tool dropped the types its project does not define"
        )
        raise ValidationError([Problem(source, message)])
    decoder = _Decoder(source)
    data = decoder.record(AnnotatedDocument, roots[0], ())
    # select_all_fs is the name from dkpro-cassis 0.10 on; select_all before (deprecated since).
    for fs in getattr(cas, "select_all_fs", cas.select_all)():
        if fs.type.name.startswith(NAMESPACE) and id(fs) not in decoder.reached:
            where = f" at {fs.begin}-{fs.end} {quote(fs.get_covered_text())}" if hasattr(fs, "begin") else ""
            decoder.problems.append(
                Problem(source, f"a {fs.type.name}{where} is not part of the document's lists; add it there")
            )
    if decoder.problems or data is None:
        raise ValidationError(decoder.problems)
    data["document"]["text"] = cas.sofa_string
    return structure(data)


def _has_type(ts: Any, cl: type) -> bool:
    try:
        ts.get_type(_type_name(cl))
    except Exception:
        return False
    return True


def read(path: str | Path, *, offsets: OffsetUnit | None = None) -> Imported:
    """Read a directory of ``*.xmi`` files (with its ``TypeSystem.xml`` when present), in name order, or
    one ``.xmi`` file. XMI counts offsets in UTF-16 code units by the UIMA standard and dkpro-cassis
    converts them, so ``offsets`` (kept for the common interface of importers) changes nothing."""
    if offsets is not None and offsets not in OFFSET_UNITS:
        raise ValueError(f"offsets must be one of {', '.join(OFFSET_UNITS)}, not {offsets!r}")
    where = Path(path)
    folder = where.parent if where.is_file() else where
    paths = [where] if where.is_file() else sorted(where.glob("*.xmi"))
    if not paths:
        raise ValidationError([Problem(str(where), "no *.xmi files found")])
    ts_path = folder / TYPESYSTEM_FILE
    ts_text = ts_path.read_bytes() if ts_path.is_file() else None
    docs, problems = [], []
    for xmi_path in paths:
        try:
            docs.append(decode(xmi_path.read_bytes(), ts_text, source=str(xmi_path)))
        except ValidationError as exc:
            problems += in_file(exc.problems, str(xmi_path))
    if problems:
        raise ValidationError(problems)
    return Imported(docs)
