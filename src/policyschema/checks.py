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
from typing import Any

import attrs

from .codebooks import get_codebook
from .errors import Problem, format_path, quote
from .models import AnnotatedDocument, Document, PolicyArea, Span, TimeHorizon
from .vocabulary import AnchorRelation, HorizonKind

__all__ = ["check", "text_sha256"]

_Path = tuple[str | int, ...]


def text_sha256(text: str) -> str:
    """The SHA-256 of ``text`` encoded as UTF-8, as ``Document.text_sha256`` records it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(doc: AnnotatedDocument, *, text: str | None = None) -> list[Problem]:
    """Every semantic problem in ``doc``; empty when it is valid.

    ``text`` is a local copy of the source for documents that carry only ``text_sha256`` and
    ``text_length``; it is checked against them and then used to check the spans.
    """
    problems: list[Problem] = []
    source = _source_text(doc.document, text, problems)
    length = len(source) if source is not None else doc.document.text_length
    areas: list[tuple[_Path, PolicyArea]] = []
    for path, obj in _walk(doc, ()):
        if isinstance(obj, Span):
            problems.extend(_span_problems(obj, path, source, length))
        elif isinstance(obj, PolicyArea):
            areas.append((path, obj))
    problems.extend(_id_problems(doc))
    problems.extend(_reference_problems(doc))
    for i, horizon in enumerate(doc.time_horizons):
        problems.extend(_horizon_problems(horizon, ("time_horizons", i)))
    for path, area in areas:
        problems.extend(_area_problems(area, path))
    return problems


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


def _walk(obj: Any, path: _Path) -> Iterator[tuple[_Path, Any]]:
    """Every attrs object inside ``obj`` (itself included), with its path; only fields that can hold one."""
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _walk(item, (*path, i))
    elif obj is not None:
        yield path, obj
        for name in _nested_fields(type(obj)):
            yield from _walk(getattr(obj, name), (*path, name))


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
        shown = quote(source[span.start : min(span.end, span.start + 61)])
        if span.end - span.start > 60:
            shown = f"{shown[:-1]}..." + f'" ({span.end - span.start:,} characters)'
        message = f"does not match the text at {span.start}:{span.end}, which reads {shown}"
        yield Problem(format_path((*path, "text")), message)


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

    def missing(ref: str | None, known: set[str], path: _Path, what: str) -> Iterator[Problem]:
        if ref is not None and ref not in known:
            yield Problem(format_path(path), f"no {what} has the id {quote(ref)}")

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
        yield Problem(format_path((*path, "codebook")), str(exc.args[0]))
        return
    if area.code not in codebook:
        yield Problem(
            format_path((*path, "code")),
            f"{quote(area.code)} is not a code of codebook {quote(codebook.id)} ({codebook.name}, {codebook.version})",
        )
