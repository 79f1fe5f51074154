"""Agreement between coders: align their encodings of one text unit by unit, then score units and fields.

Every annotation project has to report how reliably its coders agree. :func:`agreement` compares two or
more encodings of the same text (the text digests must be equal), :func:`corpus_agreement` whole
collections paired by document id. Both return an :class:`AgreementReport` holding

- the **alignment table** (:class:`AlignedRow`): which unit of each coder was taken to be the same unit,
  and how (identical offsets, overlapping spans, or the same value);
- **unit scores** (:class:`UnitScores`): precision, recall and F1 per unit kind, exact and overlap;
- **field scores** (:class:`FieldScores`): observed agreement, Cohen's kappa and Krippendorff's alpha of
  each coded field (force, modality, speakers, policy areas, ...) over the aligned units;
- every **disagreement** (:class:`Disagreement`): unit, field, each coder's value and the quoted text.

How units are aligned (docs/agreement.md explains it with an example):

1. Units of the same kind are compared by their spans: directives and statements by their content,
   speaker and addressee mentions by their own span, time horizons and occasions by their evidence,
   speakers by their identity (Wikidata id or normalized name) and then by their mentions.
2. Matching is one to one and greedy: first every pair with identical offsets ("exact"; for speakers the
   same Wikidata id or name), then pairs whose token Jaccard is at least ``overlap`` (0.5 by default)
   from the highest overlap down ("overlap"), then, for horizons and occasions, pairs with the same value
   ("value": the same kind and dates, or the same name). Ties go to the earlier unit in the text.
3. With more than two coders, the first coder's units open the rows and each further coder's units join
   a row only if they match every unit already in it (complete linkage), so every pair in a row is a
   valid pairwise match; unmatched units open new rows.

Scores never pretend: a score that cannot be computed (no units, one category only) is ``None``,
written ``null`` in JSON and "undefined" in text.
"""

from __future__ import annotations

import bisect
import csv
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from enum import Enum
from fractions import Fraction
from typing import Any, Final, Literal

import attrs

from .checks import text_sha256
from .errors import Problem, ValidationError, quote
from .models import AnnotatedDocument, Directive, Occasion, Speaker, Statement, TimeHorizon
from .reliability import cohen_kappa, jaccard_distance, krippendorff_alpha, masi_distance
from .vocabulary import Force

__all__ = [
    "DEFAULT_OVERLAP",
    "UNIT_KINDS",
    "AgreementReport",
    "AlignedRow",
    "ComparedDocument",
    "Disagreement",
    "DocumentPair",
    "FieldScores",
    "PairScores",
    "SpanScores",
    "UnitRef",
    "UnitScores",
    "Unpaired",
    "agreement",
    "corpus_agreement",
    "pair_documents",
]

#: The unit kinds that are aligned and scored, in the order reports list them.
UNIT_KINDS: Final = (
    "directives",
    "statements",
    "speakers",
    "speaker_mentions",
    "addressees",
    "time_horizons",
    "occasions",
)

#: The default overlap threshold: two spans align when their token Jaccard is at least this.
DEFAULT_OVERLAP: Final = 0.5

#: How a value that the coder left empty (null, no horizon, no policy area) is shown and compared.
_NONE: Final = "(none)"

SetDistance = Literal["masi", "jaccard"]


# --------------------------------------------------------------------------------------------------
# The report


@attrs.frozen
class SpanScores:
    """Precision, recall and F1 of unit identification, the first coder of a pair taken as reference.

    ``matched`` counts aligned pairs (summed over coder pairs when more than two coders are compared;
    the scores are then averages over the pairs where they are defined).
    """

    matched: int
    precision: float | None
    recall: float | None
    f1: float | None


@attrs.frozen
class PairScores:
    """Unit scores of one pair of coders: ``candidate`` measured against ``reference``."""

    reference: str
    candidate: str
    exact: SpanScores
    overlap: SpanScores


@attrs.frozen
class UnitScores:
    """How well the coders agree on which units there are, for one unit kind.

    ``exact`` counts only pairs with identical offsets (for speakers: the same Wikidata id or name);
    ``overlap`` counts every aligned pair (exact, overlapping, or for horizons and occasions the same
    value). ``counts`` is the number of units each coder marked.
    """

    kind: str
    counts: tuple[int, ...]
    exact: SpanScores
    overlap: SpanScores
    pairs: tuple[PairScores, ...]


@attrs.frozen
class FieldScores:
    """Agreement on one coded field over the aligned units that at least two coders marked.

    ``observed`` is the share of agreeing coder pairs (values compared for equality); ``kappa`` is
    Cohen's kappa for two coders, the mean of the pairwise kappas (Light's kappa) for more; ``alpha`` is
    Krippendorff's alpha with ``metric`` (nominal, ordinal, or the set distance masi or jaccard).
    """

    kind: str
    field: str
    metric: str
    units: int
    observed: float | None
    kappa: float | None
    alpha: float | None
    disagreements: int


@attrs.frozen
class UnitRef:
    """One coder's unit in an alignment row: its local id (or path, for mentions) and its first span."""

    id: str
    start: int | None
    end: int | None


@attrs.frozen
class AlignedRow:
    """A row of the alignment table: the units the coders marked that were taken to be the same.

    ``match`` is the weakest link between the members: "exact", "overlap" or "value", or "unmatched"
    when only one coder has the unit; ``score`` is the lowest token Jaccard between two members.
    """

    document: str
    kind: str
    row: int
    match: str
    score: float | None
    members: tuple[UnitRef | None, ...]
    text: str


@attrs.frozen
class Disagreement:
    """Coders who aligned a unit but coded a field differently; ``values`` has one entry per coder
    (None when that coder did not mark the unit)."""

    document: str
    kind: str
    row: int
    field: str
    values: tuple[str | None, ...]
    text: str


@attrs.frozen
class Unpaired:
    """A document that not every coder annotated, with the coders who did."""

    document: str
    coders: tuple[str, ...]


@attrs.frozen
class DocumentPair:
    """A document every coder annotated, with each coder's encoding (in coder order)."""

    document: str
    encodings: tuple[AnnotatedDocument, ...]


@attrs.frozen
class ComparedDocument:
    """A document the coders were compared on: its id, the digest of its text, and how overlap was
    measured (``token_jaccard``, or ``character_jaccard`` when no encoding carried the text)."""

    id: str
    text_sha256: str
    measure: str


@attrs.frozen
class AgreementReport:
    """The agreement of several coders: scores, the alignment table and the disagreements.

    Render it with :meth:`as_dict` (the JSON structure), :meth:`format_json`, :meth:`format_text`
    (a readable report listing each disagreement) or :meth:`format_csv` (the alignment table).
    """

    coders: tuple[str, ...]
    documents: tuple[ComparedDocument, ...]
    overlap: float
    set_distance: str
    units: dict[str, UnitScores]
    fields: dict[str, dict[str, FieldScores]]
    rows: tuple[AlignedRow, ...]
    disagreements: tuple[Disagreement, ...]
    unpaired: tuple[Unpaired, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON data: ``units.directives.f1``, ``fields.directives.force.alpha``, ..."""

        def span_scores(scores: SpanScores) -> dict[str, Any]:
            return attrs.asdict(scores)

        def named(values: tuple[Any, ...]) -> dict[str, Any]:
            return dict(zip(self.coders, values, strict=True))

        return {
            "coders": list(self.coders),
            "documents": [attrs.asdict(d) for d in self.documents],
            "unpaired": [{"document": u.document, "coders": list(u.coders)} for u in self.unpaired],
            "alignment": {
                "threshold": self.overlap,
                "order": "exact offsets, then overlap from the highest down, then same value; ties by position",
            },
            "set_distance": self.set_distance,
            "units": {
                kind: {
                    "counts": named(scores.counts),
                    **span_scores(scores.overlap),
                    "exact": span_scores(scores.exact),
                    "pairs": [
                        {
                            "reference": pair.reference,
                            "candidate": pair.candidate,
                            **span_scores(pair.overlap),
                            "exact": span_scores(pair.exact),
                        }
                        for pair in scores.pairs
                    ],
                }
                for kind, scores in self.units.items()
            },
            "fields": {
                kind: {
                    name: {k: v for k, v in attrs.asdict(scores).items() if k not in ("kind", "field")}
                    for name, scores in fields.items()
                }
                for kind, fields in self.fields.items()
            },
            "disagreements": [
                {
                    "document": d.document,
                    "kind": d.kind,
                    "row": d.row,
                    "field": d.field,
                    "values": named(d.values),
                    "text": d.text,
                }
                for d in self.disagreements
            ],
            "rows": [
                {
                    "document": r.document,
                    "kind": r.kind,
                    "row": r.row,
                    "match": r.match,
                    "score": r.score,
                    "members": named(tuple(None if m is None else attrs.asdict(m) for m in r.members)),
                    "text": r.text,
                }
                for r in self.rows
            ],
        }

    def format_json(self) -> str:
        """:meth:`as_dict` as JSON text: two-space indent, UTF-8 characters kept, final newline."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"

    def format_csv(self) -> str:
        """The alignment table as CSV: one row per aligned unit, each coder's id, start and end."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        header = ["document", "kind", "row", "match", "score"]
        for coder in self.coders:
            header += [f"{coder} id", f"{coder} start", f"{coder} end"]
        writer.writerow([*header, "text"])
        for row in self.rows:
            cells: list[Any] = [row.document, row.kind, row.row, row.match, _number(row.score, empty="", digits=4)]
            for member in row.members:
                cells += ["", "", ""] if member is None else [member.id, _maybe(member.start), _maybe(member.end)]
            writer.writerow([*cells, row.text])
        return out.getvalue()

    def format_text(self) -> str:
        """A readable report: the coders, unit scores, field scores, unmatched units, disagreements."""
        return _format_text(self)


# --------------------------------------------------------------------------------------------------
# Entry points


def agreement(
    docs: Sequence[AnnotatedDocument],
    *,
    coders: Sequence[str] | None = None,
    overlap: float = DEFAULT_OVERLAP,
    set_distance: SetDistance = "masi",
    text: str | None = None,
) -> AgreementReport:
    """The agreement of two or more encodings of one text, one encoding per coder.

    ``coders`` names them (default: their annotators when those differ, else "A", "B", ...).
    ``overlap`` is the token Jaccard two spans need to align when their offsets differ (0 < overlap <= 1).
    ``set_distance`` is the distance of set-valued fields in Krippendorff's alpha (MASI or Jaccard).
    ``text`` is the source text when no encoding carries it (they only give its digest): without it,
    overlap is measured in characters instead of tokens.

    Raises :class:`~policyschema.ValidationError` when the encodings annotate different texts, and
    ValueError for fewer than two encodings or bad options.
    """
    names = _coder_names(docs, coders)
    _check_options(overlap, set_distance)
    group = DocumentPair(docs[0].document.id, tuple(docs))
    return _report([group], names, overlap, set_distance, (), text)


def pair_documents(
    collections: Sequence[Sequence[AnnotatedDocument]], *, coders: Sequence[str] | None = None
) -> tuple[list[DocumentPair], list[Unpaired]]:
    """Pair the coders' collections by document id.

    Returns the documents every coder annotated (sorted by id) and those that lack a partner (with the
    coders who have them). Raises :class:`~policyschema.ValidationError` when a coder has two encodings
    of one document.
    """
    names = _collection_names(collections, coders)
    by_coder: list[dict[str, AnnotatedDocument]] = []
    problems = []
    for name, collection in zip(names, collections, strict=True):
        seen: dict[str, AnnotatedDocument] = {}
        for doc in collection:
            if doc.document.id in seen:
                problems.append(
                    Problem("$.document.id", f"coder {name} has two encodings of document {quote(doc.document.id)}")
                )
            seen.setdefault(doc.document.id, doc)
        by_coder.append(seen)
    if problems:
        raise ValidationError(problems)
    everyone = sorted(set().union(*by_coder))
    pairs = []
    unpaired = []
    for doc_id in everyone:
        having = [i for i, docs in enumerate(by_coder) if doc_id in docs]
        if len(having) == len(by_coder):
            pairs.append(DocumentPair(doc_id, tuple(docs[doc_id] for docs in by_coder)))
        else:
            unpaired.append(Unpaired(doc_id, tuple(names[i] for i in having)))
    return pairs, unpaired


def corpus_agreement(
    collections: Sequence[Sequence[AnnotatedDocument]],
    *,
    coders: Sequence[str] | None = None,
    overlap: float = DEFAULT_OVERLAP,
    set_distance: SetDistance = "masi",
) -> AgreementReport:
    """The agreement of coders over a corpus: one collection of encodings per coder, paired by document id.

    Units are aligned within each document; the scores pool all documents (micro-averages: every
    aligned unit counts once). Documents not every coder annotated are listed in ``unpaired`` and left
    out. Raises :class:`~policyschema.ValidationError` when paired encodings annotate different texts or
    no document is shared by all coders.
    """
    names = _collection_names(collections, coders)
    _check_options(overlap, set_distance)
    pairs, unpaired = pair_documents(collections, coders=names)
    if not pairs:
        raise ValidationError([Problem("$.document.id", "no document was annotated by every coder")])
    return _report(pairs, names, overlap, set_distance, tuple(unpaired), None)


def _check_options(overlap: float, set_distance: str) -> None:
    if isinstance(overlap, bool) or not isinstance(overlap, int | float) or not 0 < overlap <= 1:
        raise ValueError(f"overlap must be a number above 0 and at most 1, got {overlap!r}")
    if set_distance not in ("masi", "jaccard"):
        raise ValueError(f"set_distance must be 'masi' or 'jaccard', got {set_distance!r}")


def _coder_names(docs: Sequence[AnnotatedDocument], coders: Sequence[str] | None) -> tuple[str, ...]:
    if len(docs) < 2:
        raise ValueError(f"agreement needs at least two encodings, got {len(docs)}")
    if coders is not None:
        return _unique_names(coders, len(docs))
    annotators = [", ".join(doc.annotation.annotators) for doc in docs]
    if all(annotators) and len(set(annotators)) == len(annotators):
        return tuple(annotators)
    return _letters(len(docs))


def _collection_names(
    collections: Sequence[Sequence[AnnotatedDocument]], coders: Sequence[str] | None
) -> tuple[str, ...]:
    if len(collections) < 2:
        raise ValueError(f"agreement needs at least two coders, got {len(collections)}")
    return _unique_names(coders, len(collections)) if coders is not None else _letters(len(collections))


def _unique_names(coders: Sequence[str], count: int) -> tuple[str, ...]:
    if isinstance(coders, str) or len(coders) != count:
        raise ValueError(f"coders must name each of the {count} coders once")
    if len(set(coders)) != len(coders):
        raise ValueError(f"coder names must differ: {list(coders)}")
    return tuple(coders)


def _letters(count: int) -> tuple[str, ...]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return tuple(letters[i] if i < len(letters) else f"coder {i + 1}" for i in range(count))


# --------------------------------------------------------------------------------------------------
# The one place that knows how the model (format 1.1) spells what agreement compares.


def _speaker_ids(item: Directive | Statement) -> list[str]:
    """The ids of the speakers of a directive or statement (several for a joint one)."""
    return list(item.speakers)


def _polarity(directive: Directive) -> str:
    return _code(directive.polarity)


def _code(value: object) -> str:
    """A vocabulary member, date, date interval or duration as written in JSON ("urge", "2016-11-25/2016-11-26")."""
    return str(value.value) if isinstance(value, Enum) else str(value)


def _horizon_parts(horizon: TimeHorizon) -> tuple[str | None, str | None, str | None, str | None, str | None]:
    """start, end, relation, anchor id and offset of a horizon as written (None where absent)."""
    parts = (horizon.start, horizon.end, horizon.relation, horizon.anchor, horizon.offset)
    start, end, relation, anchor, offset = (None if value is None else _code(value) for value in parts)
    return start, end, relation, anchor, offset


# --------------------------------------------------------------------------------------------------
# Units and their alignment

_EXACT, _OVERLAP, _VALUE = 0, 1, 2
_ZERO: Final = Fraction(0)  # returned as this very object for spans without a common token
_STAGE_NAMES: Final = ("exact", "overlap", "value")

_Offsets = tuple[int, int]


@attrs.frozen
class _Unit:
    """One coder's unit: what alignment compares (spans, identity keys) and what fields read (item)."""

    id: str
    spans: tuple[_Offsets, ...]  # the primary span first
    quote: str
    item: Any
    keys: frozenset[str] = frozenset()  # identity or value keys: equal keys align units without spans
    wikidata: str | None = None  # speakers with different Wikidata ids never align

    def position(self) -> tuple[int, int, str]:
        start, end = self.spans[0] if self.spans else (1 << 62, 1 << 62)
        return start, end, self.id


class _Overlap:
    """Jaccard overlap of spans, counted in the tokens of the text (or in characters without a text).

    A token is a run of word characters or one other non-space character; a span covers every token it
    touches, so a span that cuts a word still shares that word's token.
    """

    def __init__(self, text: str | None) -> None:
        self.measure = "token_jaccard" if text is not None else "character_jaccard"
        self._starts: list[int] = []
        self._ends: list[int] = []
        self._ranges: dict[_Offsets, _Offsets] = {}
        if text is not None:
            for match in re.finditer(r"\w+|[^\w\s]", text):
                self._starts.append(match.start())
                self._ends.append(match.end())

    def _range(self, span: _Offsets) -> _Offsets:
        known = self._ranges.get(span)
        if known is None:
            known = self._ranges[span] = self._token_range(span)
        return known

    def _token_range(self, span: _Offsets) -> _Offsets:
        start, end = span
        if self.measure == "character_jaccard":
            return span
        first = bisect.bisect_right(self._ends, start)  # first token ending after the span starts
        last = bisect.bisect_left(self._starts, end)  # first token starting at or after the span's end
        if first >= last:  # only white space: fall back to characters
            return span
        return first, last

    def pair(self, a: _Offsets, b: _Offsets) -> Fraction:
        """Token Jaccard of two spans; :data:`_ZERO` itself when they share no token."""
        (a0, a1), (b0, b1) = self._range(a), self._range(b)
        common = min(a1, b1) - max(a0, b0)
        if common <= 0:
            return _ZERO
        return Fraction(common, (a1 - a0) + (b1 - b0) - common)

    def sets(self, a: Iterable[_Offsets], b: Iterable[_Offsets]) -> Fraction:
        def covered(spans: Iterable[_Offsets]) -> set[int]:
            return {i for span in spans for i in range(*self._range(span))}

        first, second = covered(a), covered(b)
        union = len(first | second)
        return Fraction(len(first & second), union) if union else Fraction(0)


_Similarity = Callable[[_Unit, _Unit], "tuple[int, Fraction] | None"]


def _by_span(overlap: _Overlap, threshold: Fraction) -> _Similarity:
    """Units with one span of their own: the same offsets, else token Jaccard >= threshold."""

    def similar(a: _Unit, b: _Unit) -> tuple[int, Fraction] | None:
        if a.spans[0] == b.spans[0]:
            return _EXACT, Fraction(1)
        score = overlap.pair(a.spans[0], b.spans[0])
        if score is _ZERO:  # most pairs: apart in the text (no Fraction comparison needed)
            return None
        return (_OVERLAP, score) if score >= threshold else None

    return similar


def _by_evidence(overlap: _Overlap, threshold: Fraction) -> _Similarity:
    """Horizons and occasions: a shared evidence span, else the best overlap of two evidence spans,
    else the same value (kind and dates, or name)."""

    def similar(a: _Unit, b: _Unit) -> tuple[int, Fraction] | None:
        if set(a.spans) & set(b.spans):
            return _EXACT, Fraction(1)
        score = max((overlap.pair(x, y) for x in a.spans for y in b.spans), default=Fraction(0))
        if score >= threshold and score > 0:
            return _OVERLAP, score
        return (_VALUE, score) if a.keys & b.keys else None

    return similar


def _by_identity(overlap: _Overlap, threshold: Fraction) -> _Similarity:
    """Speakers: the same Wikidata id or normalized name, else mentions that overlap (token Jaccard of
    all their mentions together); two different Wikidata ids never align."""

    def similar(a: _Unit, b: _Unit) -> tuple[int, Fraction] | None:
        if a.wikidata and b.wikidata and a.wikidata != b.wikidata:
            return None
        score = overlap.sets(a.spans, b.spans)
        if a.keys & b.keys:
            return _EXACT, score if a.spans or b.spans else Fraction(1)
        return (_OVERLAP, score) if score >= threshold and score > 0 else None

    return similar


@attrs.frozen
class _Row:
    members: tuple[_Unit | None, ...]
    links: dict[tuple[int, int], tuple[int, Fraction]]  # (coder i, coder j) -> (stage, score), i < j


def _align(units: Sequence[Sequence[_Unit]], similar: _Similarity) -> list[_Row]:
    """Align the coders' units one to one (see the module docstring); rows sorted by position."""
    coders = len(units)
    units = [sorted(own, key=_Unit.position) for own in units]  # ties go to the unit earlier in the text
    rows: list[list[_Unit | None]] = [[unit] + [None] * (coders - 1) for unit in units[0]]

    def position(row: list[_Unit | None]) -> tuple[tuple[int, int, str], int]:
        coder, first = next((i, m) for i, m in enumerate(row) if m is not None)
        return first.position(), coder

    for coder in range(1, coders):
        rows.sort(key=position)
        candidates = []
        for r, row in enumerate(rows):
            members = [m for m in row if m is not None]
            for u, unit in enumerate(units[coder]):
                links = [similar(m, unit) for m in members]
                if any(link is None for link in links):
                    continue
                stage = max(link[0] for link in links if link is not None)
                score = min(link[1] for link in links if link is not None)
                candidates.append((stage, -score, r, u))
        candidates.sort()
        taken_rows: set[int] = set()
        taken_units: set[int] = set()
        for _, _, r, u in candidates:
            if r not in taken_rows and u not in taken_units:
                rows[r][coder] = units[coder][u]
                taken_rows.add(r)
                taken_units.add(u)
        for u, unit in enumerate(units[coder]):
            if u not in taken_units:
                rows.append([None] * coder + [unit] + [None] * (coders - coder - 1))

    finished = []
    for row in sorted(rows, key=position):
        pairs: dict[tuple[int, int], tuple[int, Fraction]] = {}
        for i, j in itertools.combinations(range(coders), 2):
            a, b = row[i], row[j]
            if a is not None and b is not None:
                link = similar(a, b)
                assert link is not None  # complete linkage: every pair in a row matches
                pairs[i, j] = link
        finished.append(_Row(tuple(row), pairs))
    return finished


# --------------------------------------------------------------------------------------------------
# Units of one encoding


def _normalized(text: str) -> str:
    """Text compared as words: Unicode-normalized (NFKC), case-folded, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    return " ".join(words) if words else folded.strip()


def _offsets(span: Any) -> _Offsets:
    return int(span.start), int(span.end)


@attrs.define
class _Coding:
    """One coder's encoding with what alignment resolved: speakers, occasions and directives by their row."""

    doc: AnnotatedDocument
    speaker_key: dict[str, str] = attrs.field(factory=dict)
    occasion_key: dict[str, str] = attrs.field(factory=dict)
    directive_key: dict[str, str] = attrs.field(factory=dict)

    def directive(self, directive_id: str | None) -> str:
        return _NONE if directive_id is None else self.directive_key.get(directive_id, directive_id)

    def speakers(self, ids: Iterable[str]) -> frozenset[str]:
        return frozenset(self.speaker_key.get(i, i) for i in ids)

    def occasion(self, occasion_id: str | None) -> str:
        return _NONE if occasion_id is None else self.occasion_key.get(occasion_id, occasion_id)

    def horizon(self, horizon_id: str | None) -> str:
        if horizon_id is None:
            return _NONE
        for horizon in self.doc.time_horizons:
            if horizon.id == horizon_id:
                return self.horizon_value(horizon)
        return horizon_id

    def horizon_value(self, horizon: TimeHorizon) -> str:
        """A horizon by what it says, not by its local id: kind, dates, anchor, relation, offset."""
        start, end, relation, anchor, offset = _horizon_parts(horizon)
        parts = [_code(horizon.kind)]
        if start is not None:
            parts.append(f"from {start}")
        if end is not None:
            parts.append(f"to {end}")
        if relation is not None:
            parts.append(relation)
        if offset is not None:
            parts.append(offset)
        if anchor is not None:
            parts.append(f"anchor {self.occasion(anchor)}")
        return " ".join(parts)


def _directive_units(coding: _Coding) -> list[_Unit]:
    return [_Unit(d.id, (_offsets(d.content),), d.content.text, d) for d in coding.doc.directives]


def _statement_units(coding: _Coding) -> list[_Unit]:
    return [_Unit(s.id, (_offsets(s.content),), s.content.text, s) for s in coding.doc.statements]


def _speaker_units(coding: _Coding) -> list[_Unit]:
    units = []
    for speaker in coding.doc.speakers:
        wikidata = speaker.external_ids.wikidata
        keys = {f"name:{_normalized(speaker.name)}"} | ({f"wikidata:{wikidata}"} if wikidata else set())
        spans = tuple(sorted(_offsets(m) for m in speaker.mentions))
        units.append(_Unit(speaker.id, spans, speaker.name, speaker, frozenset(keys), wikidata))
    return units


def _mention_units(coding: _Coding) -> list[_Unit]:
    """Every distinct mention span, with the speakers it refers to (normally one)."""
    found: dict[_Offsets, tuple[str, str, list[str]]] = {}
    for speaker in coding.doc.speakers:
        for number, mention in enumerate(speaker.mentions):
            entry = found.setdefault(_offsets(mention), (f"{speaker.id}.mentions[{number}]", mention.text, []))
            entry[2].append(speaker.id)
    return [_Unit(label, (offsets,), text, ids) for offsets, (label, text, ids) in found.items()]


def _addressee_units(coding: _Coding) -> list[_Unit]:
    """Every distinct addressee span (addressees without a span are compared on their directives)."""
    found: dict[_Offsets, tuple[str, str, list[Any]]] = {}
    for directive in coding.doc.directives:
        for number, addressee in enumerate(directive.addressees):
            if addressee.span is None:
                continue
            label = f"{directive.id}.addressees[{number}]"
            entry = found.setdefault(_offsets(addressee.span), (label, addressee.span.text, []))
            entry[2].append(addressee)
    return [_Unit(label, (offsets,), text, items) for offsets, (label, text, items) in found.items()]


def _horizon_units(coding: _Coding) -> list[_Unit]:
    return [
        _Unit(
            h.id,
            tuple(_offsets(e) for e in h.evidence),
            h.evidence[0].text if h.evidence else h.label,
            h,
            frozenset({coding.horizon_value(h)}),
        )
        for h in coding.doc.time_horizons
    ]


def _occasion_keys(occasion: Occasion) -> frozenset[str]:
    keys = {f"name:{_normalized(occasion.name)}"}
    if occasion.date is not None:
        keys.add(f"date:{_code(occasion.kind)}:{_code(occasion.date)}")
    return frozenset(keys)


def _occasion_units(coding: _Coding) -> list[_Unit]:
    return [
        _Unit(
            o.id,
            tuple(_offsets(e) for e in o.evidence),
            o.evidence[0].text if o.evidence else o.name,
            o,
            _occasion_keys(o),
        )
        for o in coding.doc.occasions
    ]


# --------------------------------------------------------------------------------------------------
# Fields


@attrs.frozen
class _Field:
    """A coded field: its name, how values are compared, and how to read a unit's value."""

    name: str
    metric: Literal["nominal", "ordinal", "set"]
    read: Callable[[_Unit, _Coding], Hashable]
    order: tuple[str, ...] = ()  # ordinal fields: the values from lowest to highest


def _text_or_none(value: str | None) -> str:
    return _NONE if value is None else _normalized(value)


def _areas(item: Directive | Statement) -> frozenset[str]:
    return frozenset(f"{a.codebook}:{a.code}" for a in item.policy_areas)


def _primary_area(item: Directive | Statement) -> str:
    return f"{item.policy_areas[0].codebook}:{item.policy_areas[0].code}" if item.policy_areas else _NONE


_FORCES: Final = tuple(_code(force) for force in Force)

_DIRECTIVE_FIELDS: Final = (
    _Field("force", "ordinal", lambda u, c: _code(u.item.force), _FORCES),
    _Field("modality", "nominal", lambda u, c: _code(u.item.modality)),
    _Field("polarity", "nominal", lambda u, c: _polarity(u.item)),
    _Field("speakers", "set", lambda u, c: c.speakers(_speaker_ids(u.item))),
    _Field("addressees", "set", lambda u, c: frozenset(_code(a.kind) for a in u.item.addressees)),
    _Field("policy_areas", "set", lambda u, c: _areas(u.item)),
    _Field("primary_policy_area", "nominal", lambda u, c: _primary_area(u.item)),
    _Field("time_horizon", "nominal", lambda u, c: c.horizon(u.item.time_horizon)),
    _Field("occasion", "nominal", lambda u, c: c.occasion(u.item.occasion)),
    _Field("action", "nominal", lambda u, c: _normalized(u.item.action)),
    _Field("object", "nominal", lambda u, c: _text_or_none(u.item.object)),
    _Field("conditions", "set", lambda u, c: frozenset(_normalized(span.text) for span in u.item.conditions)),
    _Field("or_else", "set", lambda u, c: frozenset(_normalized(span.text) for span in u.item.or_else)),
    _Field("relays", "nominal", lambda u, c: c.directive(u.item.relays)),
    _Field("reported_as", "nominal", lambda u, c: _code(u.item.reported_as)),
)

_STATEMENT_FIELDS: Final = (
    _Field("kind", "nominal", lambda u, c: _code(u.item.kind)),
    _Field("speakers", "set", lambda u, c: c.speakers(_speaker_ids(u.item))),
    _Field("policy_areas", "set", lambda u, c: _areas(u.item)),
    _Field("primary_policy_area", "nominal", lambda u, c: _primary_area(u.item)),
    _Field("time_horizon", "nominal", lambda u, c: c.horizon(u.item.time_horizon)),
    _Field("occasion", "nominal", lambda u, c: c.occasion(u.item.occasion)),
    _Field("reported_as", "nominal", lambda u, c: _code(u.item.reported_as)),
)


def _speaker_fields() -> tuple[_Field, ...]:
    def speaker(u: _Unit) -> Speaker:
        item: Speaker = u.item
        return item

    return (
        _Field("name", "nominal", lambda u, c: _normalized(speaker(u).name)),
        _Field("kind", "nominal", lambda u, c: _code(speaker(u).kind)),
        _Field("wikidata", "nominal", lambda u, c: speaker(u).external_ids.wikidata or _NONE),
    )


_MENTION_FIELDS: Final = (_Field("speaker", "nominal", lambda u, c: c.speakers(u.item)),)

_ADDRESSEE_FIELDS: Final = (
    _Field("kind", "nominal", lambda u, c: frozenset(_code(a.kind) for a in u.item)),
    _Field("label", "nominal", lambda u, c: frozenset(_normalized(a.label) for a in u.item)),
)

_HORIZON_FIELDS: Final = (
    _Field("kind", "nominal", lambda u, c: _code(u.item.kind)),
    _Field("start", "nominal", lambda u, c: _horizon_parts(u.item)[0] or _NONE),
    _Field("end", "nominal", lambda u, c: _horizon_parts(u.item)[1] or _NONE),
    _Field("relation", "nominal", lambda u, c: _horizon_parts(u.item)[2] or _NONE),
    _Field("anchor", "nominal", lambda u, c: c.occasion(_horizon_parts(u.item)[3])),
    _Field("offset", "nominal", lambda u, c: _horizon_parts(u.item)[4] or _NONE),
    _Field("plan", "nominal", lambda u, c: _text_or_none(u.item.plan)),
)

_OCCASION_FIELDS: Final = (
    _Field("kind", "nominal", lambda u, c: _code(u.item.kind)),
    _Field("date", "nominal", lambda u, c: _NONE if u.item.date is None else _code(u.item.date)),
    _Field("name", "nominal", lambda u, c: _normalized(u.item.name)),
    _Field("participants", "set", lambda u, c: c.speakers(u.item.participants)),
)

_FIELDS: Final[dict[str, tuple[_Field, ...]]] = {
    "directives": _DIRECTIVE_FIELDS,
    "statements": _STATEMENT_FIELDS,
    "speakers": _speaker_fields(),
    "speaker_mentions": _MENTION_FIELDS,
    "addressees": _ADDRESSEE_FIELDS,
    "time_horizons": _HORIZON_FIELDS,
    "occasions": _OCCASION_FIELDS,
}


def _show(value: Hashable) -> str:
    """A field value as text: sets as their sorted members joined with ' + ', the empty set as (none)."""
    if isinstance(value, frozenset):
        return " + ".join(sorted(value)) if value else _NONE
    return str(value)


# --------------------------------------------------------------------------------------------------
# Computing the report


@attrs.frozen
class _Placed:
    """A row of the alignment with where it is: its document, its number, the codings its members read."""

    document: str
    number: int
    row: _Row
    codings: tuple[_Coding, ...]


def _digest(doc: AnnotatedDocument) -> str:
    if doc.document.text is not None:
        return text_sha256(doc.document.text)
    assert doc.document.text_sha256 is not None  # the model requires text or its digest
    return doc.document.text_sha256


def _same_text(group: DocumentPair, coders: tuple[str, ...], text: str | None) -> tuple[str, str | None]:
    """The common digest and, if any encoding (or the caller) has it, the text; refuse different texts."""
    digests = [_digest(doc) for doc in group.encodings]
    problems = [
        Problem(
            f"$.document.text_sha256 (coder {coders[i]})",
            f"document {quote(group.document)}: coder {coders[i]} annotated a different text than coder "
            f"{coders[0]} (sha256 {digests[i][:12]}... vs {digests[0][:12]}...); agreement compares encodings "
            "of the same text",
        )
        for i in range(1, len(digests))
        if digests[i] != digests[0]
    ]
    if text is not None and text_sha256(text) != digests[0]:
        problems.append(Problem("text", "the text given does not have the digest of the annotated text"))
    if problems:
        raise ValidationError(problems)
    source = text if text is not None else next((d.document.text for d in group.encodings if d.document.text), None)
    return digests[0], source


def _entity_keys(rows: list[_Row], coders: int, name: Callable[[Any], str]) -> list[dict[str, str]]:
    """For each coder, local id -> a name shared by the aligned entities of all coders (unique per row)."""
    keys: list[dict[str, str]] = [{} for _ in range(coders)]
    used: dict[str, int] = {}
    for row in rows:
        first = next(m for m in row.members if m is not None)
        shown = name(first.item)
        used[shown] = used.get(shown, 0) + 1
        if used[shown] > 1:
            shown = f"{shown} ({used[shown]})"
        for coder, member in enumerate(row.members):
            if member is not None:
                keys[coder][member.id] = shown
    return keys


def _align_document(group: DocumentPair, overlap: _Overlap, threshold: Fraction) -> dict[str, list[_Placed]]:
    """Every kind's rows of one document. Speakers and occasions are aligned first, so that the fields of
    the other units can name them by their aligned entity rather than by a coder's local id."""
    codings = tuple(_Coding(doc) for doc in group.encodings)
    by_span, by_evidence = _by_span(overlap, threshold), _by_evidence(overlap, threshold)
    rows: dict[str, list[_Row]] = {}
    rows["speakers"] = _align([_speaker_units(c) for c in codings], _by_identity(overlap, threshold))
    for coding, keys in zip(codings, _entity_keys(rows["speakers"], len(codings), lambda s: str(s.name)), strict=True):
        coding.speaker_key = keys
    rows["occasions"] = _align([_occasion_units(c) for c in codings], by_evidence)
    for coding, keys in zip(codings, _entity_keys(rows["occasions"], len(codings), lambda o: str(o.name)), strict=True):
        coding.occasion_key = keys
    rows["time_horizons"] = _align([_horizon_units(c) for c in codings], by_evidence)
    rows["directives"] = _align([_directive_units(c) for c in codings], by_span)
    for number, row in enumerate(rows["directives"], start=1):  # a relayed directive is named by its row
        for coding, member in zip(codings, row.members, strict=True):
            if member is not None:
                coding.directive_key[member.id] = f"directives #{number}"
    rows["statements"] = _align([_statement_units(c) for c in codings], by_span)
    rows["speaker_mentions"] = _align([_mention_units(c) for c in codings], by_span)
    rows["addressees"] = _align([_addressee_units(c) for c in codings], by_span)
    return {
        kind: [_Placed(group.document, number, row, codings) for number, row in enumerate(rows[kind], start=1)]
        for kind in UNIT_KINDS
    }


def _ratio(numerator: int, denominator: int) -> Fraction | None:
    return Fraction(numerator, denominator) if denominator else None


def _mean(values: Iterable[Fraction | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return float(sum(defined, Fraction(0)) / len(defined)) if defined else None


def _unit_scores(kind: str, rows: list[_Row], coders: tuple[str, ...]) -> UnitScores:
    counts = tuple(sum(1 for row in rows if row.members[i] is not None) for i in range(len(coders)))
    pairs = []
    exact_parts: list[tuple[int, Fraction | None, Fraction | None, Fraction | None]] = []
    overlap_parts: list[tuple[int, Fraction | None, Fraction | None, Fraction | None]] = []
    for i, j in itertools.combinations(range(len(coders)), 2):
        linked = [row.links[i, j] for row in rows if (i, j) in row.links]
        scores = []
        for matched, parts in ((sum(1 for s, _ in linked if s == _EXACT), exact_parts), (len(linked), overlap_parts)):
            precision, recall = _ratio(matched, counts[j]), _ratio(matched, counts[i])
            f1 = _ratio(2 * matched, counts[i] + counts[j])
            parts.append((matched, precision, recall, f1))
            scores.append(SpanScores(matched, _float(precision), _float(recall), _float(f1)))
        pairs.append(PairScores(coders[i], coders[j], scores[0], scores[1]))

    def averaged(parts: list[tuple[int, Fraction | None, Fraction | None, Fraction | None]]) -> SpanScores:
        return SpanScores(
            sum(p[0] for p in parts), _mean(p[1] for p in parts), _mean(p[2] for p in parts), _mean(p[3] for p in parts)
        )

    return UnitScores(kind, counts, averaged(exact_parts), averaged(overlap_parts), tuple(pairs))


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _field_scores(
    kind: str, field: _Field, placed: list[_Placed], coders: tuple[str, ...], set_distance: SetDistance
) -> tuple[FieldScores, list[Disagreement]]:
    """Scores of one field over the rows at least two coders marked, and the rows where they differ."""
    columns: list[list[Hashable | None]] = [[] for _ in coders]
    disagreements = []
    agreeing_pairs = all_pairs = 0
    for place in placed:
        present = [m for m in place.row.members if m is not None]
        if len(present) < 2:
            continue
        values = [
            None if member is None else field.read(member, place.codings[coder])
            for coder, member in enumerate(place.row.members)
        ]
        for coder, value in enumerate(values):
            columns[coder].append(value)
        given = [v for v in values if v is not None]
        all_pairs += len(given) * (len(given) - 1) // 2
        agreeing_pairs += sum(a == b for a, b in itertools.combinations(given, 2))
        if any(v != given[0] for v in given):
            shown = tuple(None if v is None else _show(v) for v in values)
            disagreements.append(Disagreement(place.document, kind, place.number, field.name, shown, present[0].quote))
    units = len(columns[0])
    alpha: float | None = None
    if field.metric == "ordinal":
        metric = "ordinal"
        ranked = [[None if v is None else field.order.index(str(v)) for v in column] for column in columns]
        alpha = krippendorff_alpha(ranked, "ordinal") if units else None
    elif field.metric == "set":
        metric = set_distance
        distance = masi_distance if set_distance == "masi" else jaccard_distance
        alpha = krippendorff_alpha(columns, distance) if units else None  # type: ignore[arg-type]
    else:
        metric = "nominal"
        alpha = krippendorff_alpha(columns, "nominal") if units else None
    kappas = [cohen_kappa(columns[i], columns[j]) for i, j in itertools.combinations(range(len(coders)), 2)]
    defined = [k for k in kappas if k is not None]
    kappa = sum(defined) / len(defined) if defined else None  # one pair: Cohen's; more: Light's mean
    observed = float(Fraction(agreeing_pairs, all_pairs)) if all_pairs else None
    scores = FieldScores(kind, field.name, metric, units, observed, kappa, alpha, len(disagreements))
    return scores, disagreements


def _aligned_row(place: _Placed, kind: str) -> AlignedRow:
    links = list(place.row.links.values())
    if links:
        match = _STAGE_NAMES[max(stage for stage, _ in links)]
        score: float | None = float(min(score for _, score in links))
    else:
        match, score = "unmatched", None
    members = tuple(
        None if m is None else UnitRef(m.id, *(m.spans[0] if m.spans else (None, None))) for m in place.row.members
    )
    quote_text = next(m.quote for m in place.row.members if m is not None)
    return AlignedRow(place.document, kind, place.number, match, score, members, quote_text)


def _report(
    groups: Sequence[DocumentPair],
    coders: tuple[str, ...],
    overlap: float,
    set_distance: SetDistance,
    unpaired: tuple[Unpaired, ...],
    text: str | None,
) -> AgreementReport:
    threshold = Fraction(overlap).limit_denominator(10**9)
    documents = []
    placed: dict[str, list[_Placed]] = {kind: [] for kind in UNIT_KINDS}
    for group in groups:
        digest, source = _same_text(group, coders, text)
        measure = _Overlap(source)
        documents.append(ComparedDocument(group.document, digest, measure.measure))
        for kind, rows in _align_document(group, measure, threshold).items():
            placed[kind].extend(rows)
    units = {}
    fields: dict[str, dict[str, FieldScores]] = {}
    disagreements: list[Disagreement] = []
    for kind in UNIT_KINDS:
        units[kind] = _unit_scores(kind, [p.row for p in placed[kind]], coders)
        fields[kind] = {}
        for field in _FIELDS[kind]:
            scores, found = _field_scores(kind, field, placed[kind], coders, set_distance)
            fields[kind][field.name] = scores
            disagreements += found
    order = {kind: n for n, kind in enumerate(UNIT_KINDS)}
    position = {group.document: n for n, group in enumerate(groups)}
    disagreements.sort(key=lambda d: (position[d.document], order[d.kind], d.row))  # stable: fields keep order
    table = [_aligned_row(p, kind) for kind in UNIT_KINDS for p in placed[kind]]
    table.sort(key=lambda r: (position[r.document], order[r.kind], r.row))
    return AgreementReport(
        coders=coders,
        documents=tuple(documents),
        overlap=float(overlap),
        set_distance=set_distance,
        units=units,
        fields=fields,
        rows=tuple(table),
        disagreements=tuple(disagreements),
        unpaired=unpaired,
    )


def _number(value: float | None, *, empty: str = "undefined", digits: int = 3) -> str:
    return empty if value is None else f"{value:.{digits}f}"


def _maybe(value: int | None) -> str:
    return "" if value is None else str(value)


def _format_text(report: AgreementReport) -> str:
    lines: list[str] = []
    n = len(report.coders)
    docs = report.documents
    lines.append(f"Agreement of {n} coders on {len(docs)} document{'s' if len(docs) != 1 else ''}")
    for number, coder in enumerate(report.coders, start=1):
        lines.append(f"  coder {number}: {coder}")
    for doc in docs:
        lines.append(
            f"  document {doc.id} (sha256 {doc.text_sha256[:12]}..., overlap by {doc.measure.replace('_', ' ')})"
        )
    for missing in report.unpaired:
        having = ", ".join(missing.coders)
        lines.append(f"  not compared: document {missing.document} (only {having})")
    lines.append(
        f"Units align one to one: identical offsets (exact), then Jaccard >= {report.overlap:g} (overlap), "
        "then for horizons and occasions the same value."
    )
    reference = "coder 1 is the reference" if n == 2 else "averaged over coder pairs, the earlier coder the reference"
    lines.append("")
    lines.append(f"Units ({reference})")
    counts = "".join(f"{c:>6}" for c in range(1, n + 1))
    lines.append(f"  {'kind':<18}{counts}   {'exact P':>8}{'R':>10}{'F1':>10}   {'overlap P':>10}{'R':>10}{'F1':>10}")
    for kind, scores in report.units.items():
        cells = "".join(f"{c:>6}" for c in scores.counts)
        exact, over = scores.exact, scores.overlap
        lines.append(
            f"  {kind:<18}{cells}   {_number(exact.precision):>8}{_number(exact.recall):>10}{_number(exact.f1):>10}"
            f"   {_number(over.precision):>10}{_number(over.recall):>10}{_number(over.f1):>10}"
        )
    lines.append("")
    lines.append("Fields of aligned units (kappa: Cohen's for two coders, mean pairwise for more)")
    lines.append(f"  {'field':<34}{'metric':<9}{'units':>6}{'observed':>10}{'kappa':>10}{'alpha':>10}")
    for kind, fields in report.fields.items():
        for name, field in fields.items():
            lines.append(
                f"  {kind + '.' + name:<34}{field.metric:<9}{field.units:>6}{_number(field.observed):>10}"
                f"{_number(field.kappa):>10}{_number(field.alpha):>10}"
            )
    several = len(docs) > 1
    lonely = [row for row in report.rows if any(m is None for m in row.members)]
    lines.append("")
    lines.append(f"Units not every coder marked ({len(lonely)})")
    for row in lonely:
        where = f"{row.document} " if several else ""
        having = ", ".join(
            f"{number} ({member.id})" for number, member in enumerate(row.members, start=1) if member is not None
        )
        lines.append(f"  {where}{row.kind} #{row.row}: only {having}: {quote(row.text, 200)}")
    lines.append("")
    lines.append(f"Disagreements ({len(report.disagreements)})")
    ids = {(r.document, r.kind, r.row): r.members for r in report.rows}
    for d in report.disagreements:
        where = f"{d.document} " if several else ""
        members = ids[d.document, d.kind, d.row]
        values = " | ".join(
            f"{number}{'' if member is None else ' ' + member.id}: {'-' if value is None else value}"
            for number, (value, member) in enumerate(zip(d.values, members, strict=True), start=1)
        )
        lines.append(f"  {where}{d.kind} #{d.row} {d.field}: {values}")
        lines.append(f"      {quote(d.text, 200)}")
    return "\n".join(lines) + "\n"
