"""``policyschema show``: a readable summary of one annotation."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from ..codebooks import get_codebook
from ..models import AnnotatedDocument, PolicyArea, TimeHorizon
from ._common import EXIT_OK, add_max_bytes, load_for_command


def _areas(areas: list[PolicyArea]) -> str:
    labels = []
    for area in areas:
        label = get_codebook(area.codebook).entry(area.code).label
        labels.append(f"{area.codebook}:{area.code} {label}")
    return "; ".join(labels) or "no policy area"


def _show_lines(doc: AnnotatedDocument) -> Iterator[str]:
    document = doc.document
    yield f"{document.title}"
    yield f"  {document.publisher}, {document.published.isoformat()}, language {document.language}"
    length = len(document.text) if document.text is not None else document.text_length
    yield f"  text: {length} code points{'' if document.text is not None else ' (kept elsewhere)'}"
    yield ""
    yield f"Speakers ({len(doc.speakers)})"
    for speaker in doc.speakers:
        roles = "; ".join(
            f"{role.title}, {role.organization}" if role.organization else role.title for role in speaker.roles
        )
        wikidata = f" [{speaker.external_ids.wikidata}]" if speaker.external_ids.wikidata else ""
        yield f"  {speaker.id}: {speaker.name}{wikidata} ({speaker.kind}){' — ' + roles if roles else ''}"
    yield ""
    yield f"Directives ({len(doc.directives)})"
    for speaker in doc.speakers:
        own = [d for d in doc.directives if speaker.id in d.speakers]
        if not own:
            continue
        yield f"  {speaker.name}"
        for d in own:
            horizon = doc.time_horizon(d.time_horizon).label if d.time_horizon else "no horizon"
            addressees = ", ".join(a.label for a in d.addressees)
            joint = [doc.speaker(s).name for s in d.speakers if s != speaker.id]
            prohibition = "not " if d.polarity.value == "negative" else ""
            what = f"{prohibition}{d.action}{' ' + d.object if d.object else ''}"
            yield f"    {d.id} {d.force} ({d.modality}): {what}{' (with ' + ', '.join(joint) + ')' if joint else ''}"
            yield f"        to: {addressees or 'nobody named'} | areas: {_areas(d.policy_areas)} | horizon: {horizon}"
    yield ""
    yield f"Statements ({len(doc.statements)})"
    for s in doc.statements:
        horizon = f" | horizon: {doc.time_horizon(s.time_horizon).label}" if s.time_horizon else ""
        names = " and ".join(doc.speaker(name).name for name in s.speakers)
        yield f"  {s.id} {names}, {s.kind}: {s.content.text!r}{horizon}"
    yield ""
    yield f"Time horizons ({len(doc.time_horizons)})"
    for h in doc.time_horizons:
        yield f"  {h.id} {h.kind}: {_horizon_dates(doc, h)} — {h.label}{' (' + h.plan + ')' if h.plan else ''}"
    yield ""
    yield f"Occasions ({len(doc.occasions)})"
    for o in doc.occasions:
        people = ", ".join(doc.speaker(p).name for p in o.participants)
        yield f"  {o.id} {o.kind}: {o.name}, {o.date or 'date unknown'}{' — with ' + people if people else ''}"


def _horizon_dates(doc: AnnotatedDocument, h: TimeHorizon) -> str:
    """The horizon's dates and anchor in words: "2021 to 2025", "by 2020-12", "within P30D after ..."."""
    until = {"open_ended": " into the open future", "retrospective": " to the time of speaking"}
    if h.start is not None and h.end is not None:
        dates = f"{h.start} to {h.end}"
    elif h.start is not None:
        dates = f"{h.start}{until.get(h.kind.value, '')}"
    elif h.end is not None:
        dates = f"by {h.end}"
    else:
        dates = ""
    if h.anchor is not None and h.relation is not None:
        offset = f"{h.offset} " if h.offset else ""
        anchored = f"{offset}{h.relation} {doc.occasion(h.anchor).name}"
        dates = f"{dates}, {anchored}" if dates else anchored
    return dates or "no dates"


def run(args: argparse.Namespace) -> int:
    doc = load_for_command(args.file, args.max_bytes)
    if isinstance(doc, int):
        return doc
    for line in _show_lines(doc):
        print(line)
    return EXIT_OK


def add_parser(commands: Any) -> None:
    """Register ``show`` on the subcommand parsers."""
    show = commands.add_parser("show", help="print a readable summary of one annotation")
    show.add_argument("file", metavar="FILE")
    add_max_bytes(show)
    show.set_defaults(run=run)
