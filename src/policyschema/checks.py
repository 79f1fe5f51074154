"""Semantic checks that JSON Schema cannot express, run by the loader after the structural ones.

They are: ids unique per kind; references (speakers, relayed directives, time horizons, occasions,
anchors, participants) resolve, a speaker is not listed twice on one item, relays form no cycle;
every span has start < end, lies inside the text and quotes exactly its slice; the text agrees with
``text_sha256`` and ``text_length``; a time horizon has the dates, anchor, relation and offset its kind
needs, in order; policy-area
codes exist in registered codebooks. ``docs/schema.md`` lists them as "checked by the loader only".
"""

from __future__ import annotations

import hashlib
import typing
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from ._fast import collect, walker
from .codebooks import Codebook, get_codebook
from .errors import Problem, format_path, quote
from .models import AnnotatedDocument, Document, PolicyArea, Span, TimeHorizon
from .vocabulary import AnchorRelation, HorizonKind

__all__ = ["check", "semantic_problems", "text_sha256"]

_Path = tuple[str | int, ...]


def text_sha256(text: str) -> str:
    """The SHA-256 of ``text`` encoded as UTF-8, as ``Document.text_sha256`` records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(doc: AnnotatedDocument, *, text: str | None = None) -> list[Problem]:
    """Every problem in ``doc``, structural and semantic; empty when it is valid.

    The same as :func:`policyschema.validate`: a tree built in Python may hold values of the wrong
    type, which are reported rather than crashing the semantic checks. ``text`` is a local copy of the
    source for documents that carry only ``text_sha256`` and ``text_length``.
    """
    from .validation import validate  # validation builds on this module

    return validate(doc, text=text)


def semantic_problems(doc: AnnotatedDocument, *, text: str | None = None) -> list[Problem]:
    """Every semantic problem in ``doc``, a tree the strict structuring built (so every value has its
    type); empty when it is valid. The loader runs these after the structural checks.

    ``text`` is a local copy of the source for documents that carry only ``text_sha256`` and
    ``text_length``; it is checked against them and then used to check the spans.
    """
    problems: list[Problem] = []
    source = _source_text(doc.document, text, problems)
    length = len(source) if source is not None else doc.document.text_length
    areas: list[tuple[_Path, PolicyArea]] = []
    mismatched: list[tuple[_Path, Span]] = []
    if not _spans_and_areas_fit(doc, source, length):  # the common case in one flat pass; else say where
        for path, obj in _walk(doc, ()):
            if isinstance(obj, Span):
                before = len(problems)
                problems.extend(_span_problems(obj, path, source, length))
                if len(problems) > before and source is not None and problems[before].path.endswith(".text"):
                    mismatched.append((path, obj))
            elif isinstance(obj, PolicyArea):
                areas.append((path, obj))
    if source is not None and len(mismatched) >= _SHIFT_MINIMUM:
        problems.extend(_shift_problems(mismatched, source))
    problems.extend(_id_problems(doc))
    problems.extend(_reference_problems(doc))
    for i, horizon in enumerate(doc.time_horizons):
        problems.extend(_horizon_problems(horizon, ("time_horizons", i)))
    for path, area in areas:
        problems.extend(_area_problems(area, path))
    return problems


def _spans_and_areas_fit(doc: AnnotatedDocument, source: str | None, length: int | None) -> bool:
    """True only if no span and no policy area in ``doc`` has a problem: spans and areas gathered without
    their paths (``_fast.collect``), the spans tested by :func:`_spans_fit`, each codebook looked up once."""
    found = collect(doc, (Span, PolicyArea))
    if found is None:
        return False
    spans, areas = found
    if not _spans_fit(spans, source, length):
        return False
    codebooks: dict[str, Codebook] = {}
    for area in areas:
        codebook = codebooks.get(area.codebook)
        if codebook is None:
            try:
                codebook = codebooks[area.codebook] = get_codebook(area.codebook)
            except KeyError:
                return False
        if area.code not in codebook:
            return False
    return True


def _source_text(document: Document, text: str | None, problems: list[Problem]) -> str | None:
    """The text spans are checked against, after checking the document's digest and length."""
    where = ("document",)
    if document.text is None and (document.text_sha256 is None or document.text_length is None):
        problems.append(
            Problem(format_path(where), "give the text, or both text_sha256 and text_length for a text kept elsewhere")
        )
    if document.text is not None and text is not None and document.text != text:
        problems.append(Problem(format_path((*where, "text")), "the inline text differs from the text file given"))
    source = document.text if document.text is not None else text
    if source is None:
        return None
    consistent = True
    try:
        digest = text_sha256(source) if document.text_sha256 is not None else None
    except UnicodeEncodeError as exc:  # a lone surrogate, e.g. from a file read with errors="surrogateescape"
        message = f"the text holds a lone surrogate (U+{ord(source[exc.start]):04X}) at {exc.start}; it is not Unicode"
        problems.append(Problem(format_path((*where, "text")), message))
        return None
    if digest != document.text_sha256:
        consistent = False
        problems.append(
            Problem(format_path((*where, "text_sha256")), f"does not match the text, whose SHA-256 is {digest}")
        )
    if document.text_length is not None and len(source) != document.text_length:
        consistent = False
        problems.append(
            Problem(
                format_path((*where, "text_length")),
                f"does not match the text, which is {len(source)} code points long",
            )
        )
    # A local copy that is not the annotated text says nothing about the spans: check only their bounds.
    return source if consistent or document.text is not None else None


_NESTED_FIELDS: dict[type, tuple[str, ...]] = {}


def _nested_fields(cl: type) -> tuple[str, ...]:
    """Names of the fields of attrs class ``cl`` whose values can hold other attrs objects (cached)."""

    def holds_attrs(tp: Any) -> bool:
        return attrs.has(tp) or any(holds_attrs(arg) for arg in typing.get_args(tp))

    if cl not in _NESTED_FIELDS:
        hints = typing.get_type_hints(cl)
        _NESTED_FIELDS[cl] = tuple(f.name for f in attrs.fields(cl) if holds_attrs(hints[f.name]))
    return _NESTED_FIELDS[cl]


def _walk(obj: Any, path: _Path) -> list[tuple[_Path, Any]]:
    """Every attrs object inside ``obj`` (itself included), with its path, in document order.

    A walker compiled from the classes' field types (``_fast.walker``) does it in one flat pass; it falls
    back on :func:`_generic_walk` where an object is not of its declared type."""
    found: list[tuple[_Path, Any]] = []
    if attrs.has(type(obj)):
        walker(type(obj))(obj, path, found)
    else:
        found.extend(_generic_walk(obj, path))
    return found


def _generic_walk(obj: Any, path: _Path) -> Iterator[tuple[_Path, Any]]:
    """Every attrs object inside ``obj`` (itself included), with its path; only fields that can hold one."""
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _generic_walk(item, (*path, i))
    elif obj is not None:
        yield path, obj
        for name in _nested_fields(type(obj)):
            yield from _generic_walk(getattr(obj, name), (*path, name))


def _spans_fit(spans: list[Span], source: str | None, length: int | None) -> bool:
    """True only if :func:`_span_problems` finds nothing in any of ``spans``: a quick test for the common
    case, valid spans (tested against ``_span_problems`` in tests/test_fast.py)."""
    limit: float = _BEYOND if length is None else length
    if source is None:
        return all(span.start < span.end <= limit for span in spans)
    for span in spans:
        start, end, quoted = span.start, span.end, span.text
        if not (start < end <= limit and end - start == len(quoted) and source.startswith(quoted, start)):
            return False
    return True


_BEYOND: Final = float("inf")  # the length of a text that is not known


def _span_problems(span: Span, path: _Path, source: str | None, length: int | None) -> Iterator[Problem]:
    if span.start >= span.end:
        yield Problem(format_path((*path, "end")), f"end ({span.end}) must be greater than start ({span.start})")
        return
    if length is not None and span.end > length:
        yield Problem(
            format_path((*path, "end")), f"end ({span.end}) is past the end of the text ({length} code points)"
        )
        return
    # lengths first, then a comparison in place: no copy of the text for each span
    if source is not None and (span.end - span.start != len(span.text) or not source.startswith(span.text, span.start)):
        yield Problem(format_path((*path, "text")), _mismatch(span, source))


def _mismatch(span: Span, source: str) -> str:
    """Why a span's quote is not the text at its offsets: both texts, the first difference, and where
    the quote does occur, offsets said plainly."""
    has = source[span.start : span.end]
    message = (
        f"the span quotes {quote(span.text)}, but the text at offsets {span.start} to {span.end} reads {quote(has)}"
    )
    differs = next(
        (i for i, (a, b) in enumerate(zip(span.text, has, strict=False)) if a != b), min(len(span.text), len(has))
    )
    if differs < min(len(span.text), len(has)):
        message += (
            f"; they first differ at offset {span.start + differs}: {quote(span.text[differs])} in the span, "
            f"{quote(has[differs])} in the text"
        )
    else:
        longer, shorter = ("the span", "the text") if len(span.text) > len(has) else ("the text", "the span")
        message += f"; {longer} goes on where {shorter} ends, after {differs} characters"
    near = _nearest(source, span.text, span.start)
    if near:
        message += "; the quote is found at " + ", ".join(f"offsets {s} to {s + len(span.text)}" for s in near)
    else:
        message += "; the quote does not occur in the text"
    return message


def _nearest(source: str, quote_text: str, offset: int, limit: int = 3) -> list[int]:
    """Up to ``limit`` starts of ``quote_text`` in ``source``, nearest to ``offset`` first."""
    after: list[int] = []
    start = source.find(quote_text, offset)
    while start >= 0 and len(after) < limit:
        after.append(start)
        start = source.find(quote_text, start + 1)
    before: list[int] = []
    end = offset + len(quote_text) - 1
    start = source.rfind(quote_text, 0, end)
    while start >= 0 and len(before) < limit:
        if start not in after:
            before.append(start)
        start = source.rfind(quote_text, 0, start + len(quote_text) - 1)
    return sorted([*after, *before], key=lambda s: (abs(s - offset), s))[:limit]


#: How many spans must be off by the same amount before one problem says the text moved under them.
_SHIFT_MINIMUM: Final = 3


def _shift_problems(mismatched: list[tuple[_Path, Span]], source: str) -> Iterator[Problem]:
    """One problem per shift shared by several spans: the text was edited after annotation."""
    shifts: dict[int, list[Span]] = {}
    for _, span in mismatched:
        near = _nearest(source, span.text, span.start, limit=1)
        if near:
            shifts.setdefault(near[0] - span.start, []).append(span)
    for shift, spans in sorted(shifts.items(), key=lambda item: (-len(item[1]), item[0])):
        if len(spans) >= _SHIFT_MINIMUM:
            first = min(s.start for s in spans)
            unit = "code point" if abs(shift) == 1 else "code points"
            yield Problem(
                "$",
                f"{len(spans)} spans are shifted by {shift:+d} after offset {first}: each quote is found {abs(shift)} "
                f"{unit} {'later' if shift > 0 else 'earlier'} in the text than its offsets say; was the text edited "
                "after it was annotated?",
            )


def _id_problems(doc: AnnotatedDocument) -> Iterator[Problem]:
    for kind in ("speakers", "directives", "statements", "time_horizons", "occasions"):
        seen: dict[str, int] = {}
        items: Sequence[Any] = getattr(doc, kind)
        for i, item in enumerate(items):
            if item.id in seen:
                message = f"duplicate id {quote(item.id)} (also {kind}[{seen[item.id]}])"
                yield Problem(format_path((kind, i, "id")), message)
            else:
                seen[item.id] = i


def _reference_problems(doc: AnnotatedDocument) -> Iterator[Problem]:
    speakers = {s.id for s in doc.speakers}
    horizons = {h.id for h in doc.time_horizons}
    occasions = {o.id for o in doc.occasions}
    directives = {d.id for d in doc.directives}

    def missing(ref: str | None, known: set[str], path: _Path, what: str) -> tuple[Problem, ...]:
        if ref is not None and ref not in known:  # a tuple, not a generator: most references resolve
            return (Problem(format_path(path), f"no {what} has the id {quote(ref)}"),)
        return ()

    for kind in ("directives", "statements"):
        for i, item in enumerate(getattr(doc, kind)):
            seen: set[str] = set()
            for j, speaker in enumerate(item.speakers):
                yield from missing(speaker, speakers, (kind, i, "speakers", j), "speaker")
                if speaker in seen:
                    yield Problem(format_path((kind, i, "speakers", j)), f"speaker {quote(speaker)} is listed twice")
                seen.add(speaker)
            yield from missing(item.time_horizon, horizons, (kind, i, "time_horizon"), "time horizon")
            yield from missing(item.occasion, occasions, (kind, i, "occasion"), "occasion")
    for i, directive in enumerate(doc.directives):
        yield from missing(directive.relays, directives, ("directives", i, "relays"), "directive")
    yield from _relay_cycles(doc)
    for i, horizon in enumerate(doc.time_horizons):
        yield from missing(horizon.anchor, occasions, ("time_horizons", i, "anchor"), "occasion")
    for i, occasion in enumerate(doc.occasions):
        for j, participant in enumerate(occasion.participants):
            yield from missing(participant, speakers, ("occasions", i, "participants", j), "speaker")


def _relay_cycles(doc: AnnotatedDocument) -> Iterator[Problem]:
    """A directive that relays itself, directly or through others: the chain must end in an original."""
    relays = {d.id: d.relays for d in doc.directives}
    for i, directive in enumerate(doc.directives):
        chain = [directive.id]
        current = directive.relays
        while current is not None and current in relays and current not in chain:
            chain.append(current)
            current = relays[current]
        if current is not None and current in chain:
            # report the cycle once, at the directive with the smallest position in the list
            members = chain[chain.index(current) :]
            if directive.id == min(members, key=list(relays).index):
                loop = " -> ".join(quote(m) for m in [*members, current])
                yield Problem(
                    format_path(("directives", i, "relays")), f"directives relay each other in a cycle: {loop}"
                )


def _horizon_problems(horizon: TimeHorizon, path: _Path) -> Iterator[Problem]:
    kind = horizon.kind
    needs_start = kind in (HorizonKind.POINT, HorizonKind.PERIOD, HorizonKind.OPEN_ENDED, HorizonKind.RETROSPECTIVE)
    if needs_start and horizon.start is None:
        yield Problem(format_path((*path, "start")), f"a horizon of kind {quote(kind.value)} needs a start date")
    if kind in (HorizonKind.PERIOD, HorizonKind.DEADLINE) and horizon.end is None:
        yield Problem(format_path((*path, "end")), f"a horizon of kind {quote(kind.value)} needs an end date")
    if kind in (HorizonKind.POINT, HorizonKind.OPEN_ENDED) and horizon.end is not None:
        message = f'a horizon of kind {quote(kind.value)} has no end date; use kind "period"'
        yield Problem(format_path((*path, "end")), message)
    if kind is HorizonKind.DEADLINE and horizon.start is not None:
        yield Problem(format_path((*path, "start")), 'a deadline has no start date; use kind "period"')
    if kind is HorizonKind.RELATIVE:
        for name in ("anchor", "relation"):
            if getattr(horizon, name) is None:
                yield Problem(
                    format_path((*path, name)),
                    f'a horizon of kind "relative" needs {"an" if name == "anchor" else "a"} {name}',
                )
    elif horizon.anchor is not None and horizon.relation is None:
        yield Problem(format_path((*path, "relation")), "a horizon with an anchor needs a relation")
    elif horizon.relation is not None and horizon.anchor is None:
        yield Problem(format_path((*path, "anchor")), "a horizon with a relation needs an anchor")
    anchor_reported = horizon.relation is not None or kind is HorizonKind.RELATIVE
    if horizon.offset is not None and horizon.anchor is None and not anchor_reported:
        yield Problem(format_path((*path, "anchor")), "a horizon with an offset needs an anchor")
    if horizon.relation is AnchorRelation.WITHIN and horizon.offset is None:
        yield Problem(format_path((*path, "offset")), 'a horizon "within" its anchor needs an offset, such as "P30D"')
    if horizon.start is not None and horizon.end is not None and horizon.end.latest() < horizon.start.earliest():
        yield Problem(format_path((*path, "end")), f"end ({horizon.end}) is before start ({horizon.start})")


def _area_problems(area: PolicyArea, path: _Path) -> Iterator[Problem]:
    try:
        codebook = get_codebook(area.codebook)
    except KeyError as exc:
        message = (
            f"{exc.args[0]}; register it in Python with ps.register_codebook(ps.load_codebook(FILE)), or on the "
            "command line with --codebook FILE (or in pyproject.toml: [tool.policyschema] codebooks = [FILE])"
        )
        yield Problem(format_path((*path, "codebook")), message)
        return
    if area.code not in codebook:
        yield Problem(
            format_path((*path, "code")),
            f"{quote(area.code)} is not a code of codebook {quote(codebook.id)} ({codebook.name}, {codebook.version})",
        )
