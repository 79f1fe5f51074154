"""Hypothesis strategies for policyschema models, for property tests in this and in users' projects.

They build semantically valid annotations the way an annotator does: text first, spans cut from it,
ids unique, references resolved, codes taken from a registered codebook. Hypothesis is an optional
dependency (the ``test`` extra); ``import policyschema`` never imports this module.

    from hypothesis import given
    from policyschema.strategies import annotated_documents

    @given(annotated_documents())
    def test_my_exporter(doc): ...
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from hypothesis import strategies as st

from .checks import text_sha256
from .codebooks import DEFAULT_CODEBOOK, get_codebook
from .constraints import IDENTIFIER_PATTERN
from .dates import DateInterval, PartialDate
from .models import (
    SCHEMA_VERSION,
    Addressee,
    AnnotatedDocument,
    Annotation,
    Directive,
    Document,
    ExternalIds,
    Occasion,
    PolicyArea,
    Role,
    Span,
    Speaker,
    Statement,
    TimeHorizon,
)
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
)

__all__ = [
    "annotated_documents",
    "date_values",
    "directives",
    "documents",
    "identifiers",
    "occasions",
    "partial_dates",
    "policy_areas",
    "source_texts",
    "spans",
    "speakers",
    "statements",
    "time_horizons",
]

#: Characters of real texts: any valid Unicode scalar value (non-BMP and U+00A0 included), no surrogates.
_CHARACTERS = st.characters(codec="utf-8")


def source_texts(min_size: int = 1, max_size: int = 300) -> st.SearchStrategy[str]:
    """Document texts: any Unicode, weighted towards words, spaces, no-break spaces and astral characters."""
    pieces = st.one_of(
        st.sampled_from(["IPR ", "protection ", "Xi ", "urged ", "\u00a0", "\n", "𝔸", "规划", ". "]),
        st.text(_CHARACTERS, min_size=1, max_size=5),
    )
    return (
        st.lists(pieces, min_size=1, max_size=max_size // 4 + 1)
        .map("".join)
        .filter(lambda t: min_size <= len(t) <= max_size)
    )


def _words() -> st.SearchStrategy[str]:
    return st.text(_CHARACTERS, min_size=1, max_size=30)


def identifiers() -> st.SearchStrategy[str]:
    """Local ids matching the identifier pattern."""
    return st.from_regex(IDENTIFIER_PATTERN.replace("{0,63}", "{0,8}"), fullmatch=True)


@st.composite
def spans(draw: st.DrawFn, text: str) -> Span:
    """A non-empty span of ``text`` whose quote is its exact slice."""
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start + 1, min(len(text), start + 40)))
    return Span(start=start, end=end, text=text[start:end])


@st.composite
def partial_dates(draw: st.DrawFn, min_year: int = 1900, max_year: int = 2100) -> PartialDate:
    """Dates of year, month or day precision."""
    day = draw(st.dates(datetime.date(min_year, 1, 1), datetime.date(max_year, 12, 31)))
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision == "year":
        return PartialDate(day.year)
    if precision == "month":
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@st.composite
def date_values(draw: st.DrawFn, min_year: int = 1900, max_year: int = 2100) -> PartialDate | DateInterval:
    """A partial date, or now and then an interval of two in order."""
    first = draw(partial_dates(min_year, max_year))
    if draw(st.integers(0, 3)) != 0:
        return first
    last = draw(partial_dates(min_year, max_year).filter(lambda d: d.latest() >= first.earliest()))
    return DateInterval(first, last)


def _durations() -> st.SearchStrategy[str]:
    parts = st.tuples(*[st.none() | st.integers(0, 400) for _ in "YMWD"]).filter(
        lambda t: any(p is not None for p in t)
    )
    return parts.map(lambda t: "P" + "".join(f"{n}{unit}" for n, unit in zip(t, "YMWD", strict=True) if n is not None))


def policy_areas(codebook: str = DEFAULT_CODEBOOK) -> st.SearchStrategy[PolicyArea]:
    """Codes that exist in the registered codebook ``codebook``."""
    codes = [entry.code for entry in get_codebook(codebook).entries]
    return st.sampled_from(codes).map(lambda code: PolicyArea(codebook=codebook, code=code))


def _timestamps() -> st.SearchStrategy[datetime.date]:
    offsets = st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
        lambda minutes: datetime.timezone(datetime.timedelta(minutes=minutes))
    )
    moments = st.builds(
        lambda moment, tz: moment.replace(tzinfo=tz),
        st.datetimes(datetime.datetime(1900, 1, 1), datetime.datetime(2100, 12, 31)),
        offsets,
    )
    return st.one_of(st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)), moments)


def _optional(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


@st.composite
def documents(draw: st.DrawFn, text: str) -> Document:
    """A document for ``text``: inline text (with or without its digest), or the digest only."""
    form = draw(st.sampled_from(["inline", "inline+digest", "digest"]))
    return Document(
        id=draw(identifiers()),
        title=draw(_words()),
        publisher=draw(_words()),
        published=draw(_timestamps()),
        language=draw(st.sampled_from(["en", "zh", "zh-Hans", "en-GB", "de", "fr-CA"])),
        url=draw(st.none() | st.just("https://example.org/news/2020/12/02.html")),
        text=None if form == "digest" else text,
        text_sha256=None if form == "inline" else text_sha256(text),
        text_length=None if form == "inline" else len(text),
    )


def _unique_ids(count: int) -> st.SearchStrategy[list[str]]:
    return st.lists(identifiers(), min_size=count, max_size=count, unique=True)


@st.composite
def speakers(draw: st.DrawFn, text: str, speaker_id: str | None = None) -> Speaker:
    """A speaker with roles and mentions anchored in ``text``."""
    roles = draw(
        st.lists(
            st.builds(
                Role,
                title=_words(),
                organization=_optional(_words()),
                evidence=st.lists(spans(text), max_size=2),
            ),
            max_size=2,
        )
    )
    return Speaker(
        id=speaker_id if speaker_id is not None else draw(identifiers()),
        name=draw(_words()),
        kind=draw(st.sampled_from(SpeakerKind)),
        roles=roles,
        affiliation=draw(_optional(_words())),  # type: ignore[arg-type]
        external_ids=ExternalIds(wikidata=draw(st.none() | st.from_regex(r"^Q[1-9][0-9]{0,8}$", fullmatch=True))),
        mentions=draw(st.lists(spans(text), max_size=3)),
    )


@st.composite
def time_horizons(
    draw: st.DrawFn, text: str, horizon_id: str | None = None, occasion_ids: Sequence[str] = ()
) -> TimeHorizon:
    """A horizon whose dates fit its kind and are in order, anchored to one of ``occasion_ids`` when relative."""
    kinds = [k for k in HorizonKind if occasion_ids or k is not HorizonKind.RELATIVE]
    kind = draw(st.sampled_from(kinds))
    start: PartialDate | DateInterval | None = draw(date_values())
    end: PartialDate | DateInterval | None = None
    if kind is HorizonKind.PERIOD or (kind is HorizonKind.RETROSPECTIVE and draw(st.booleans())):
        first = start
        assert first is not None
        end = draw(date_values().filter(lambda d: d.latest() >= first.earliest()))
    elif kind is HorizonKind.DEADLINE:
        start, end = None, start
    elif kind is HorizonKind.RELATIVE:
        start = draw(st.none() | st.just(start))
    anchor = relation = offset = None
    if occasion_ids and (kind is HorizonKind.RELATIVE or draw(st.integers(0, 3)) == 0):
        anchor = draw(st.sampled_from(occasion_ids))
        relation = draw(st.sampled_from(AnchorRelation))
        needs_offset = relation is AnchorRelation.WITHIN
        offset = draw(_durations()) if needs_offset else draw(st.none() | _durations())
    return TimeHorizon(
        id=horizon_id if horizon_id is not None else draw(identifiers()),
        kind=kind,
        start=start,
        end=end,
        anchor=anchor,
        relation=relation,
        offset=offset,
        label=draw(_words()),
        plan=draw(_optional(_words())),  # type: ignore[arg-type]
        evidence=draw(st.lists(spans(text), max_size=2)),
    )


@st.composite
def occasions(draw: st.DrawFn, text: str, speaker_ids: Sequence[str], occasion_id: str | None = None) -> Occasion:
    """An occasion whose participants are among ``speaker_ids``."""
    return Occasion(
        id=occasion_id if occasion_id is not None else draw(identifiers()),
        name=draw(_words()),
        kind=draw(st.sampled_from(OccasionKind)),
        date=draw(_optional(date_values())),  # type: ignore[arg-type]
        date_note=draw(_optional(_words())),  # type: ignore[arg-type]
        participants=draw(st.lists(st.sampled_from(speaker_ids), unique=True)) if speaker_ids else [],
        evidence=draw(st.lists(spans(text), max_size=2)),
    )


def _ref(ids: Sequence[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.sampled_from(ids) if ids else st.none()


def _speaker_lists(speaker_ids: Sequence[str]) -> st.SearchStrategy[list[str]]:
    """One speaker mostly, now and then a joint directive or statement of several, never one twice."""
    return st.lists(st.sampled_from(speaker_ids), min_size=1, max_size=3, unique=True)


@st.composite
def directives(
    draw: st.DrawFn,
    text: str,
    speaker_ids: Sequence[str],
    horizon_ids: Sequence[str] = (),
    occasion_ids: Sequence[str] = (),
    directive_id: str | None = None,
    relayable_ids: Sequence[str] = (),
) -> Directive:
    """A directive by some of ``speaker_ids``, referring to the given horizons and occasions, and perhaps
    relaying one of ``relayable_ids`` (pass only directives that cannot relay this one, to avoid cycles)."""
    addressee = st.builds(Addressee, label=_words(), kind=st.sampled_from(AddresseeKind), span=_optional(spans(text)))
    return Directive(
        id=directive_id if directive_id is not None else draw(identifiers()),
        speakers=draw(_speaker_lists(speaker_ids)),
        cue=draw(spans(text)),
        force=draw(st.sampled_from(Force)),
        modality=draw(st.sampled_from(Modality)),
        polarity=draw(st.sampled_from(Polarity)),
        addressees=draw(st.lists(addressee, max_size=2)),
        action=draw(_words()),
        object=draw(_optional(_words())),  # type: ignore[arg-type]
        content=draw(spans(text)),
        conditions=draw(st.lists(spans(text), max_size=2)),
        or_else=draw(st.lists(spans(text), max_size=1)),
        relays=draw(_ref(relayable_ids)),
        policy_areas=draw(st.lists(policy_areas(), max_size=3)),
        time_horizon=draw(_ref(horizon_ids)),
        occasion=draw(_ref(occasion_ids)),
        reported_as=draw(st.sampled_from(ReportedAs)),
        evidence=draw(st.lists(spans(text), max_size=2)),
    )


@st.composite
def statements(
    draw: st.DrawFn,
    text: str,
    speaker_ids: Sequence[str],
    horizon_ids: Sequence[str] = (),
    occasion_ids: Sequence[str] = (),
    statement_id: str | None = None,
) -> Statement:
    """An attributed claim by one of ``speaker_ids``."""
    return Statement(
        id=statement_id if statement_id is not None else draw(identifiers()),
        speakers=draw(_speaker_lists(speaker_ids)),
        cue=draw(spans(text)),
        kind=draw(st.sampled_from(StatementKind)),
        content=draw(spans(text)),
        policy_areas=draw(st.lists(policy_areas(), max_size=2)),
        time_horizon=draw(_ref(horizon_ids)),
        occasion=draw(_ref(occasion_ids)),
        reported_as=draw(st.sampled_from(ReportedAs)),
        evidence=draw(st.lists(spans(text), max_size=2)),
    )


@st.composite
def annotated_documents(draw: st.DrawFn, max_items: int = 4) -> AnnotatedDocument:
    """A complete, valid annotation: it loads, round-trips and validates against the schema."""
    text = draw(source_texts())
    speaker_ids = draw(_unique_ids(draw(st.integers(0, max_items))))
    horizon_ids = draw(_unique_ids(draw(st.integers(0, max_items))))
    occasion_ids = draw(_unique_ids(draw(st.integers(0, 2))))
    n_directives = draw(st.integers(0, max_items)) if speaker_ids else 0
    n_statements = draw(st.integers(0, max_items)) if speaker_ids else 0
    directive_ids = draw(_unique_ids(n_directives))
    statement_ids = draw(_unique_ids(n_statements))
    return AnnotatedDocument(
        schema_version=SCHEMA_VERSION,
        document=draw(documents(text)),
        speakers=[draw(speakers(text, i)) for i in speaker_ids],
        directives=[
            draw(directives(text, speaker_ids, horizon_ids, occasion_ids, d, relayable_ids=directive_ids[:n]))
            for n, d in enumerate(directive_ids)
        ],
        statements=[draw(statements(text, speaker_ids, horizon_ids, occasion_ids, i)) for i in statement_ids],
        time_horizons=[draw(time_horizons(text, i, occasion_ids)) for i in horizon_ids],
        occasions=[draw(occasions(text, speaker_ids, i)) for i in occasion_ids],
        annotation=Annotation(
            annotators=draw(st.lists(_words(), min_size=1, max_size=2)),
            created=draw(_timestamps()),
            guidelines=draw(_words()),
            tool=draw(_optional(_words())),  # type: ignore[arg-type]
            notes=draw(_optional(_words())),  # type: ignore[arg-type]
        ),
    )
