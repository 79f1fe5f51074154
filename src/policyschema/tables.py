"""Tables for analysis: one row per directive, statement, speaker, horizon or occasion, joined by ids.

An analyst in R, Stata or pandas wants flat tables, not nested JSON. :func:`encode` turns a corpus into
CSV texts (standard library only) and :func:`frames` into pandas data frames (``policyschema[pandas]``).
Every row carries ``document_id`` and the item's id, so tables join on the pair. References are resolved
into the rows that use them: a directive row has its speakers' names, its policy areas with their
codebook labels and major topics, its horizon's dates (as written and as first and last calendar day)
and its occasion's name and date.

Multi-valued fields (speakers, addressees, codes) are joined in one CSV cell with :data:`SEPARATOR`
(``" | "``); the data frames hold them as Python lists (``df.explode("speaker_names")``). For exact
values use the long tables ``addressees`` and ``policy_areas`` (one row a value, with its rank).
Output is deterministic: columns in the order of :data:`COLUMNS`, rows in the order of the documents
given and of the items in each document. Tables are for analysis out; nothing reads them back.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Protocol

from .codebooks import get_codebook
from .exchange import ExchangeError
from .models import AnnotatedDocument, Directive, PolicyArea, Span, Statement
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

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = ["COLUMNS", "DESCRIPTION", "SEPARATOR", "TABLES", "encode", "frames", "rows", "write"]

#: One line for the command line's help.
DESCRIPTION: Final = "CSV tables for analysis (export only): -o DIR for every table, -o directives.csv for one"

#: What joins the values of a multi-valued field in one CSV cell.
SEPARATOR: Final = " | "

# Column kinds: how a value is written to CSV and typed in a data frame.
_TEXT, _INT, _LIST, _DAY = "text", "int", "list", "day"

#: The columns directives and statements share after their own: codes, horizon, occasion, offsets.
_CLAIM_COLUMNS: Final = (
    ("policy_area_codes", _LIST),
    ("policy_area_labels", _LIST),
    ("primary_policy_area", _TEXT),
    ("primary_policy_area_label", _TEXT),
    ("primary_major_topic", _TEXT),
    ("primary_major_topic_label", _TEXT),
    ("time_horizon_id", _TEXT),
    ("horizon_kind", HorizonKind),
    ("horizon_label", _TEXT),
    ("horizon_start", _TEXT),
    ("horizon_end", _TEXT),
    ("horizon_first_day", _DAY),
    ("horizon_last_day", _DAY),
    ("occasion_id", _TEXT),
    ("occasion_name", _TEXT),
    ("occasion_kind", OccasionKind),
    ("occasion_date", _TEXT),
    ("reported_as", ReportedAs),
    ("cue_start", _INT),
    ("content_start", _INT),
    ("content_end", _INT),
)

#: The tables and their columns, in output order: table -> ((column, kind), ...). A kind is "text",
#: "int", "list" (several values), "day" (a calendar day) or a vocabulary class.
COLUMNS: Final[dict[str, tuple[tuple[str, Any], ...]]] = {
    "documents": (
        ("document_id", _TEXT),
        ("title", _TEXT),
        ("publisher", _TEXT),
        ("published", _TEXT),
        ("language", _TEXT),
        ("url", _TEXT),
        ("text_length", _INT),
        ("speakers", _INT),
        ("directives", _INT),
        ("statements", _INT),
        ("annotators", _LIST),
        ("annotation_created", _TEXT),
        ("guidelines", _TEXT),
    ),
    "speakers": (
        ("document_id", _TEXT),
        ("speaker_id", _TEXT),
        ("name", _TEXT),
        ("kind", SpeakerKind),
        ("wikidata", _TEXT),
        ("affiliation", _TEXT),
        ("roles", _LIST),
        ("mentions", _INT),
        ("directives", _INT),
        ("statements", _INT),
    ),
    "directives": (
        ("document_id", _TEXT),
        ("directive_id", _TEXT),
        ("speaker_ids", _LIST),
        ("speaker_names", _LIST),
        ("cue", _TEXT),
        ("force", Force),
        ("force_strength", _INT),
        ("modality", Modality),
        ("polarity", Polarity),
        ("addressees", _LIST),
        ("addressee_kinds", _LIST),
        ("action", _TEXT),
        ("object", _TEXT),
        ("content", _TEXT),
        ("conditions", _LIST),
        ("or_else", _LIST),
        ("relays", _TEXT),
        *_CLAIM_COLUMNS,
    ),
    "statements": (
        ("document_id", _TEXT),
        ("statement_id", _TEXT),
        ("speaker_ids", _LIST),
        ("speaker_names", _LIST),
        ("cue", _TEXT),
        ("kind", StatementKind),
        ("content", _TEXT),
        *_CLAIM_COLUMNS,
    ),
    "time_horizons": (
        ("document_id", _TEXT),
        ("time_horizon_id", _TEXT),
        ("kind", HorizonKind),
        ("label", _TEXT),
        ("plan", _TEXT),
        ("start", _TEXT),
        ("end", _TEXT),
        ("first_day", _DAY),
        ("last_day", _DAY),
        ("anchor_id", _TEXT),
        ("anchor_name", _TEXT),
        ("relation", AnchorRelation),
        ("offset", _TEXT),
        ("directives", _INT),
        ("statements", _INT),
    ),
    "occasions": (
        ("document_id", _TEXT),
        ("occasion_id", _TEXT),
        ("name", _TEXT),
        ("kind", OccasionKind),
        ("date", _TEXT),
        ("first_day", _DAY),
        ("last_day", _DAY),
        ("date_note", _TEXT),
        ("participant_ids", _LIST),
        ("participant_names", _LIST),
    ),
    "addressees": (
        ("document_id", _TEXT),
        ("directive_id", _TEXT),
        ("rank", _INT),
        ("label", _TEXT),
        ("kind", AddresseeKind),
        ("text", _TEXT),
        ("start", _INT),
        ("end", _INT),
    ),
    "policy_areas": (
        ("document_id", _TEXT),
        ("item_type", _TEXT),
        ("item_id", _TEXT),
        ("rank", _INT),
        ("codebook", _TEXT),
        ("code", _TEXT),
        ("label", _TEXT),
        ("major_topic", _TEXT),
        ("major_topic_label", _TEXT),
    ),
}

#: The table names, in output order.
TABLES: Final = tuple(COLUMNS)


class _Dated(Protocol):
    def earliest(self) -> Any: ...
    def latest(self) -> Any: ...


def _first_day(value: _Dated | None) -> str | None:
    return None if value is None else str(value.earliest().isoformat())


def _last_day(value: _Dated | None) -> str | None:
    return None if value is None else str(value.latest().isoformat())


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _area(area: PolicyArea) -> tuple[str, str, str | None, str | None]:
    """Label, major-topic code and label of a code (the code itself when its codebook is unknown)."""
    try:
        codebook = get_codebook(area.codebook)
        entry = codebook.entry(area.code)
    except KeyError:
        return area.code, area.code, None, None
    top = entry
    while top.parent is not None and top.parent in codebook:
        top = codebook.entry(top.parent)
    return entry.label, area.code, top.code, top.label


def rows(docs: Iterable[AnnotatedDocument]) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table as dicts of typed values (str, int, list, None; days as ISO text)."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in COLUMNS}
    for doc in docs:
        _document_rows(doc, tables)
    return tables


def _document_rows(doc: AnnotatedDocument, tables: dict[str, list[dict[str, Any]]]) -> None:
    doc_id = doc.document.id
    names = {s.id: s.name for s in doc.speakers}
    horizons = {h.id: h for h in doc.time_horizons}
    occasions = {o.id: o for o in doc.occasions}
    items: list[Directive | Statement] = [*doc.directives, *doc.statements]
    tables["documents"].append(
        {
            "document_id": doc_id,
            "title": doc.document.title,
            "publisher": doc.document.publisher,
            "published": doc.document.published.isoformat(),
            "language": doc.document.language,
            "url": doc.document.url,
            "text_length": len(doc.document.text) if doc.document.text is not None else doc.document.text_length,
            "speakers": len(doc.speakers),
            "directives": len(doc.directives),
            "statements": len(doc.statements),
            "annotators": list(doc.annotation.annotators),
            "annotation_created": doc.annotation.created.isoformat(),
            "guidelines": doc.annotation.guidelines,
        }
    )
    for speaker in doc.speakers:
        tables["speakers"].append(
            {
                "document_id": doc_id,
                "speaker_id": speaker.id,
                "name": speaker.name,
                "kind": speaker.kind,
                "wikidata": speaker.external_ids.wikidata,
                "affiliation": speaker.affiliation,
                "roles": [r.title if r.organization is None else f"{r.title}, {r.organization}" for r in speaker.roles],
                "mentions": len(speaker.mentions),
                "directives": sum(speaker.id in d.speakers for d in doc.directives),
                "statements": sum(speaker.id in s.speakers for s in doc.statements),
            }
        )
    for item in items:
        is_directive = isinstance(item, Directive)
        row: dict[str, Any] = {
            "document_id": doc_id,
            "directive_id" if is_directive else "statement_id": item.id,
            "speaker_ids": list(item.speakers),
            "speaker_names": [names.get(s, s) for s in item.speakers],
            "cue": item.cue.text,
        }
        if isinstance(item, Directive):
            row.update(
                {
                    "force": item.force,
                    "force_strength": item.force.strength,
                    "modality": item.modality,
                    "polarity": item.polarity,
                    "addressees": [a.label for a in item.addressees],
                    "addressee_kinds": [str(a.kind) for a in item.addressees],
                    "action": item.action,
                    "object": item.object,
                    "content": item.content.text,
                    "conditions": [c.text for c in item.conditions],
                    "or_else": [c.text for c in item.or_else],
                    "relays": item.relays,
                }
            )
            for rank, addressee in enumerate(item.addressees, start=1):
                span: Span | None = addressee.span
                tables["addressees"].append(
                    {
                        "document_id": doc_id,
                        "directive_id": item.id,
                        "rank": rank,
                        "label": addressee.label,
                        "kind": addressee.kind,
                        "text": None if span is None else span.text,
                        "start": None if span is None else span.start,
                        "end": None if span is None else span.end,
                    }
                )
        else:
            row.update({"kind": item.kind, "content": item.content.text})
        areas = [_area(a) for a in item.policy_areas]
        row["policy_area_codes"] = [f"{a.codebook}:{a.code}" for a in item.policy_areas]
        row["policy_area_labels"] = [label for label, _code, _major, _major_label in areas]
        if areas:
            row["primary_policy_area"] = row["policy_area_codes"][0]
            row["primary_policy_area_label"] = areas[0][0]
            row["primary_major_topic"] = (
                None if areas[0][2] is None else f"{item.policy_areas[0].codebook}:{areas[0][2]}"
            )
            row["primary_major_topic_label"] = areas[0][3]
        for rank, (area, (label, _code, major, major_label)) in enumerate(
            zip(item.policy_areas, areas, strict=False), start=1
        ):
            tables["policy_areas"].append(
                {
                    "document_id": doc_id,
                    "item_type": "directive" if is_directive else "statement",
                    "item_id": item.id,
                    "rank": rank,
                    "codebook": area.codebook,
                    "code": area.code,
                    "label": label,
                    "major_topic": major,
                    "major_topic_label": major_label,
                }
            )
        horizon = horizons.get(item.time_horizon) if item.time_horizon is not None else None
        if horizon is not None:
            row.update(
                {
                    "time_horizon_id": horizon.id,
                    "horizon_kind": horizon.kind,
                    "horizon_label": horizon.label,
                    "horizon_start": _text(horizon.start),
                    "horizon_end": _text(horizon.end),
                    "horizon_first_day": _first_day(horizon.start),
                    "horizon_last_day": _last_day(horizon.end),
                }
            )
        occasion = occasions.get(item.occasion) if item.occasion is not None else None
        if occasion is not None:
            row.update(
                {
                    "occasion_id": occasion.id,
                    "occasion_name": occasion.name,
                    "occasion_kind": occasion.kind,
                    "occasion_date": _text(occasion.date),
                }
            )
        row.update(
            {
                "reported_as": item.reported_as,
                "cue_start": item.cue.start,
                "content_start": item.content.start,
                "content_end": item.content.end,
            }
        )
        tables["directives" if is_directive else "statements"].append(row)
    for horizon in doc.time_horizons:
        anchor = occasions.get(horizon.anchor) if horizon.anchor is not None else None
        tables["time_horizons"].append(
            {
                "document_id": doc_id,
                "time_horizon_id": horizon.id,
                "kind": horizon.kind,
                "label": horizon.label,
                "plan": horizon.plan,
                "start": _text(horizon.start),
                "end": _text(horizon.end),
                "first_day": _first_day(horizon.start),
                "last_day": _last_day(horizon.end),
                "anchor_id": horizon.anchor,
                "anchor_name": None if anchor is None else anchor.name,
                "relation": horizon.relation,
                "offset": _text(horizon.offset),
                "directives": sum(d.time_horizon == horizon.id for d in doc.directives),
                "statements": sum(s.time_horizon == horizon.id for s in doc.statements),
            }
        )
    for occasion in doc.occasions:
        tables["occasions"].append(
            {
                "document_id": doc_id,
                "occasion_id": occasion.id,
                "name": occasion.name,
                "kind": occasion.kind,
                "date": _text(occasion.date),
                "first_day": _first_day(occasion.date),
                "last_day": _last_day(occasion.date),
                "date_note": occasion.date_note,
                "participant_ids": list(occasion.participants),
                "participant_names": [names.get(p, p) for p in occasion.participants],
            }
        )


def _cell(value: Any, kind: Any) -> str:
    if value is None:
        return ""
    if kind == _LIST:
        return SEPARATOR.join(str(v) for v in value)
    return str(value)


def _csv(table: str, table_rows: Sequence[Mapping[str, Any]]) -> str:
    columns = COLUMNS[table]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _kind in columns])
    for row in table_rows:
        writer.writerow([_cell(row.get(name), kind) for name, kind in columns])
    return out.getvalue()


def encode(docs: Iterable[AnnotatedDocument]) -> dict[str, str]:
    """The CSV text of every table (see :data:`COLUMNS`), keyed by table name, in :data:`TABLES` order."""
    return {table: _csv(table, table_rows) for table, table_rows in rows(docs).items()}


def write(docs: Iterable[AnnotatedDocument], out: str | Path) -> list[Path]:
    """Write the tables as CSV (UTF-8, LF line ends); return the paths written.

    ``out`` ending in ``.csv`` writes the one table its name names (``directives.csv``, ``speakers.csv``,
    ...: any name in :data:`TABLES`; another name is an :class:`~policyschema.exchange.ExchangeError`);
    any other ``out`` is a directory (made if missing) that receives every table as ``<table>.csv``.
    """
    path = Path(out)
    if path.suffix == ".csv":
        table = path.stem
        if table not in COLUMNS:
            message = f"{path.name}: name the file after a table ({', '.join(TABLES)}), or give a directory"
            raise ExchangeError(message)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(_csv(table, rows(docs)[table]).encode("utf-8"))
        return [path]
    path.mkdir(parents=True, exist_ok=True)
    written = []
    for table, text in encode(docs).items():
        target = path / f"{table}.csv"
        target.write_bytes(text.encode("utf-8"))
        written.append(target)
    return written


def frames(docs: Iterable[AnnotatedDocument]) -> dict[str, pandas.DataFrame]:
    """The tables as pandas data frames, typed for analysis (needs ``policyschema[pandas]``).

    Counts and offsets are nullable integers (``Int64``); days are ``datetime64[s]``; vocabulary columns
    are categoricals with every value of the vocabulary as a category (``force`` ordered from note to
    instruct, so ``df[df.force >= "urge"]`` works); multi-valued columns hold lists.
    """
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - exercised only without the extra
        raise ImportError("ps.tables.frames needs pandas: pip install 'policyschema[pandas]'") from None
    result: dict[str, pd.DataFrame] = {}
    for table, table_rows in rows(docs).items():
        columns: dict[str, Any] = {}
        for name, kind in COLUMNS[table]:
            values = [row.get(name) for row in table_rows]
            columns[name] = _series(pd, values, kind)
        result[table] = pd.DataFrame(columns)
    return result


def _series(pd: Any, values: list[Any], kind: Any) -> Any:
    converters: dict[Any, Callable[[], Any]] = {
        _INT: lambda: pd.array(values, dtype="Int64"),
        _DAY: lambda: pd.array(values, dtype="datetime64[s]"),
        _TEXT: lambda: pd.array(values, dtype="object"),
        _LIST: lambda: pd.array(values, dtype="object"),
    }
    if kind in converters:
        return converters[kind]()
    assert isinstance(kind, type)
    assert issubclass(kind, Vocabulary)
    categories = [str(member) for member in kind]
    return pd.Categorical([None if v is None else str(v) for v in values], categories=categories, ordered=kind is Force)
