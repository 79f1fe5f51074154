"""The annotation model: who said what, to whom, about which policy area, for which period.

Every class is an attrs class whose field docs (``metadata["description"]``) become the JSON Schema's
descriptions. Fields typed ``X | None`` accept null; fields with a default may be left out of a file.
Cross-references between objects are by id (``Directive.speaker`` names a ``Speaker.id``) so that a
file stays flat, diffable and readable by any JSON tool.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Final, Protocol, TypeVar

import attrs

from .constraints import (
    Code,
    CodebookId,
    Constraint,
    Duration,
    Identifier,
    LanguageTag,
    NonEmptyText,
    Offset,
    Sha256,
    SpeakerIds,
    Url,
    WikidataId,
)
from .dates import DateInterval, PartialDate
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
    "READABLE_VERSIONS",
    "SCHEMA_VERSION",
    "Addressee",
    "AnnotatedDocument",
    "Annotation",
    "Directive",
    "Document",
    "ExternalIds",
    "Occasion",
    "PolicyArea",
    "Role",
    "Span",
    "Speaker",
    "Statement",
    "TimeHorizon",
]

#: The version of the file format written by this library; files carry it in ``schema_version``.
SCHEMA_VERSION: Final = "1.1"
#: Every version the loader reads; older ones are migrated to :data:`SCHEMA_VERSION` (see ``migrate``).
READABLE_VERSIONS: Final = ("1.0", "1.1")


#: The file format version string of a structured document: files of older versions are migrated first.
SchemaVersion = Annotated[
    str,
    Constraint(
        f"the file format version {SCHEMA_VERSION!r} (files of version 1.0 are migrated when read)",
        pattern="^" + SCHEMA_VERSION.replace(".", "\\.") + "$",
    ),
]

#: A date of reduced precision or an interval of two ("2021", "2016-11-25/2016-11-26").
DateValue = PartialDate | DateInterval


def _doc(text: str, **kwargs: Any) -> Any:
    """An attrs field whose description the JSON Schema exporter publishes."""
    return attrs.field(metadata={"description": text}, **kwargs)


def _as_written(value: datetime.date) -> tuple[str, str]:
    """Compare dates and date-times as written: Python's ``==`` on date-times compares instants, so
    10:37+08:00 would equal 02:37+00:00 although the two are written (and dumped) differently."""
    return type(value).__name__, value.isoformat()


@attrs.define(kw_only=True)
class Span:
    """A stretch of the document text: code-point offsets plus the exact characters quoted.

    Offsets count Unicode code points, half-open like Python slicing and the W3C
    TextPositionSelector; ``text`` is the W3C TextQuoteSelector's ``exact``. The loader checks that the
    two agree: ``document.text[start:end] == text``.
    """

    start: Offset = _doc("Offset of the first code point of the span in the document text (0-based).")
    end: Offset = _doc("Offset just past the last code point (exclusive); greater than start.")
    text: NonEmptyText = _doc("The exact characters of the text between start and end.")


@attrs.define(kw_only=True)
class PolicyArea:
    """A policy-area code from a named codebook (by default the Comparative Agendas Project's)."""

    codebook: CodebookId = _doc("Id of a registered codebook, such as 'cap' for the CAP master codebook.")
    code: Code = _doc("A code of that codebook, such as '1522' (CAP: Copyrights and Patents).")


@attrs.define(kw_only=True)
class Document:
    """The source text that is annotated, with its bibliographic facts.

    Either the text is inline (``text``), or, for texts that cannot be redistributed, only its
    ``text_sha256`` and ``text_length`` are given so that a local copy can be checked against them.
    """

    id: Identifier = _doc("An id for the document, unique in the corpus.")
    title: NonEmptyText = _doc("The headline or title as published.")
    publisher: NonEmptyText = _doc("Who published the text, such as 'China Daily'.")
    published: datetime.date | datetime.datetime = _doc(
        "When the text was published or last updated: an ISO 8601 date, or a date-time with its UTC offset.",
        eq=_as_written,
    )
    language: LanguageTag = _doc("The language of the text as a BCP 47 tag, such as 'en'.")
    url: Url | None = _doc("Where the text was published, if online.", default=None)
    text: str | None = _doc(
        "The full text exactly as annotated; offsets count code points in it. Omit it only when the text "
        "cannot be redistributed, and give text_sha256 and text_length instead.",
        default=None,
    )
    text_sha256: Sha256 | None = _doc(
        "SHA-256 of the text encoded as UTF-8; required when text is absent, must agree when both are given.",
        default=None,
    )
    text_length: Offset | None = _doc(
        "Length of the text in code points; required when text is absent, must agree when both are given.",
        default=None,
    )


@attrs.define(kw_only=True)
class ExternalIds:
    """Ids of a speaker in public knowledge bases, so that corpora can be linked."""

    wikidata: WikidataId | None = _doc("The Wikidata item, such as 'Q15031' for Xi Jinping.", default=None)


@attrs.define(kw_only=True)
class Role:
    """A position a speaker holds, as the text gives it."""

    title: NonEmptyText = _doc("The position, such as 'general secretary'.")
    organization: NonEmptyText | None = _doc(
        "The organization the position is in, such as 'Communist Party of China Central Committee'.",
        default=None,
    )
    evidence: list[Span] = _doc("Where the text states the role.", factory=list)


@attrs.define(kw_only=True)
class Speaker:
    """A source of attributed words: a person, an organization or a collective body."""

    id: Identifier = _doc("Local id, unique among speakers, such as 'xi'.")
    name: NonEmptyText = _doc("The speaker's name in its usual full form, such as 'Xi Jinping'.")
    kind: SpeakerKind = _doc("Whether the speaker is a person, an organization or a collective body.")
    roles: list[Role] = _doc("Positions the text gives the speaker.", factory=list)
    affiliation: NonEmptyText | None = _doc(
        "The organization the speaker belongs to or speaks for, such as 'Peking University Law School'.",
        default=None,
    )
    external_ids: ExternalIds = _doc("Ids in public knowledge bases.", factory=ExternalIds)
    mentions: list[Span] = _doc("Where the text names or refers to the speaker.", factory=list)


@attrs.define(kw_only=True)
class Addressee:
    """Whom a directive asks to act, as the text names them."""

    label: NonEmptyText = _doc("The addressee in normalized words, such as 'Party committees and governments'.")
    kind: AddresseeKind = _doc("What kind of addressee it is.")
    span: Span | None = _doc("Where the text names the addressee, if it does.", default=None)


@attrs.define(kw_only=True)
class Directive:
    """A speaker asks for an action, or forbids one: stresses, urges, calls for, instructs, or says it should be done.

    The parts follow the Institutional Grammar (Crawford and Ostrom's ADICO): the addressees are the
    Attribute, ``modality`` and ``polarity`` the Deontic, ``action`` and ``object`` the aIm, and
    ``conditions`` and ``or_else`` the Conditions and the Or-else.
    """

    id: Identifier = _doc("Local id, unique among directives, such as 'd01'.")
    speakers: SpeakerIds = _doc(
        "Ids of the speakers who give the directive: one, or several for a joint directive "
        "('the President and the Premier ordered')."
    )
    cue: Span = _doc("The reporting verb or phrase, such as 'urged' or 'called for'.")
    force: Force = _doc("How strongly the action is asked for, from note (weakest) to instruct (strongest).")
    modality: Modality = _doc(
        "The modal verb inside the content: obligation ('must'), recommendation ('should'), necessity "
        "('need to'), permission ('may') or none."
    )
    polarity: Polarity = _doc(
        "Whether the action is asked for (positive) or forbidden (negative: 'must not', 'ban'); "
        "for a prohibition, the action is what is forbidden.",
        default=Polarity.POSITIVE,
    )
    addressees: list[Addressee] = _doc("Who is asked to act; empty when the text names nobody.", factory=list)
    action: NonEmptyText = _doc("The action asked for, as a normalized verb, such as 'strengthen'.")
    object: NonEmptyText | None = _doc(
        "What the action is applied to, normalized, such as 'IPR protection work'; null when the text names "
        "nothing ('an overhaul is needed')."
    )
    content: Span = _doc("The words that say what is to be done.")
    conditions: list[Span] = _doc(
        "Conditions under which the action applies ('where conditions permit', 'if ...').", factory=list
    )
    or_else: list[Span] = _doc("Consequences the text attaches to not acting ('or be held accountable').", factory=list)
    relays: Identifier | None = _doc(
        "Id of the directive this one passes on, when a speaker asks others to carry out another's "
        "directive ('urged officials to implement the President's instructions').",
        default=None,
    )
    policy_areas: list[PolicyArea] = _doc("Policy areas of the action, the primary one first.", factory=list)
    time_horizon: Identifier | None = _doc("Id of the time horizon the action is set for, or null when none is given.")
    occasion: Identifier | None = _doc("Id of the occasion at which it was said, or null when unknown.")
    reported_as: ReportedAs = _doc("Whether the text quotes the speaker directly or reports indirectly.")
    evidence: list[Span] = _doc(
        "Further stretches of text that support this reading (the sentence, say; and the cue's sentence "
        "when the cue stands in a neighbouring one).",
        factory=list,
    )


@attrs.define(kw_only=True)
class Statement:
    """An attributed claim that is not a directive: an assessment, a report of past action, a causal claim."""

    id: Identifier = _doc("Local id, unique among statements, such as 's01'.")
    speakers: SpeakerIds = _doc("Ids of the speakers who make the claim: one, or several for a joint statement.")
    cue: Span = _doc("The reporting verb or phrase, such as 'said'.")
    kind: StatementKind = _doc("What the claim does.")
    content: Span = _doc("The words of the claim.")
    policy_areas: list[PolicyArea] = _doc("Policy areas of the claim, the primary one first.", factory=list)
    time_horizon: Identifier | None = _doc("Id of the time horizon the claim is about, or null when none is given.")
    occasion: Identifier | None = _doc("Id of the occasion at which it was said, or null when unknown.")
    reported_as: ReportedAs = _doc("Whether the text quotes the speaker directly or reports indirectly.")
    evidence: list[Span] = _doc("Further stretches of text that support this reading.", factory=list)


@attrs.define(kw_only=True)
class TimeHorizon:
    """The period an action or claim is about, as calendar dates of the precision the text gives."""

    id: Identifier = _doc("Local id, unique among time horizons, such as 't_fyp14'.")
    kind: HorizonKind = _doc(
        "The shape of the horizon: point (start only), period (start and end), open_ended (start only), "
        "retrospective (start, end optional), deadline (end only) or relative (anchor and relation)."
    )
    start: DateValue | None = _doc(
        "First date covered, as YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates "
        "('2021-03/2021-04') when the start is known only to lie in it.",
        default=None,
    )
    end: DateValue | None = _doc(
        "Last date covered (inclusive), as YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates.",
        default=None,
    )
    anchor: Identifier | None = _doc(
        "Id of the occasion or event the horizon is relative to ('after the accident').", default=None
    )
    relation: AnchorRelation | None = _doc(
        "How the horizon lies relative to its anchor: before, after, or within an offset of it.", default=None
    )
    offset: Duration | None = _doc(
        "How far from the anchor, as an ISO 8601 duration of years, months, weeks and days ('P30D').",
        default=None,
    )
    label: NonEmptyText = _doc("The horizon in words, such as 'the 14th Five-Year Plan period (2021-25)'.")
    plan: NonEmptyText | None = _doc(
        "The named plan the period belongs to, such as '14th Five-Year Plan'.", default=None
    )
    evidence: list[Span] = _doc("Where the text states the horizon.", factory=list)


@attrs.define(kw_only=True)
class Occasion:
    """An event at which things were said or decided, or one the text refers to (an accident, an election)."""

    id: Identifier = _doc("Local id, unique among occasions, such as 'o_study'.")
    name: NonEmptyText = _doc("The event's name, such as 'Group study session of the Political Bureau'.")
    kind: OccasionKind = _doc("What kind of event it was.")
    date: DateValue | None = _doc(
        "When it took place, as YYYY, YYYY-MM or YYYY-MM-DD, or an interval of two such dates for an event "
        "of several days ('2016-11-25/2016-11-26'); null when unknown."
    )
    date_note: NonEmptyText | None = _doc(
        "How the date was resolved when the text gives it relatively, such as 'on Monday'.", default=None
    )
    participants: list[Identifier] = _doc("Ids of speakers who took part.", factory=list)
    evidence: list[Span] = _doc("Where the text mentions the occasion.", factory=list)


@attrs.define(kw_only=True)
class Annotation:
    """Provenance of the annotation: who made it, when, and under which guidelines."""

    annotators: list[NonEmptyText] = _doc("Names or handles of the annotators.")
    created: datetime.date | datetime.datetime = _doc(
        "When the annotation was made (ISO 8601 date or date-time).", eq=_as_written
    )
    guidelines: NonEmptyText = _doc("The guidelines and their version, such as 'policyschema guidelines 1.0'.")
    tool: NonEmptyText | None = _doc("The tool used to annotate, if any.", default=None)
    notes: NonEmptyText | None = _doc("Anything a reader of the annotation should know.", default=None)


@attrs.define(kw_only=True)
class AnnotatedDocument:
    """One annotated text: the root object of a policyschema file."""

    schema_version: SchemaVersion = _doc(
        f"The policyschema file format version; this library reads and writes '{SCHEMA_VERSION}'."
    )
    document: Document = _doc("The source text and its bibliographic facts.")
    speakers: list[Speaker] = _doc("Everyone whose words the text attributes.", factory=list)
    directives: list[Directive] = _doc("What speakers ask to be done.", factory=list)
    statements: list[Statement] = _doc("Attributed claims that are not directives.", factory=list)
    time_horizons: list[TimeHorizon] = _doc("Periods that directives and statements refer to.", factory=list)
    occasions: list[Occasion] = _doc("Events at which things were said.", factory=list)
    annotation: Annotation = _doc("Who annotated the text, when and how.")

    def speaker(self, speaker_id: str) -> Speaker:
        """The speaker with this id; KeyError if there is none."""
        return _by_id(self.speakers, speaker_id, "speaker")

    def time_horizon(self, horizon_id: str) -> TimeHorizon:
        """The time horizon with this id; KeyError if there is none."""
        return _by_id(self.time_horizons, horizon_id, "time horizon")

    def occasion(self, occasion_id: str) -> Occasion:
        """The occasion with this id; KeyError if there is none."""
        return _by_id(self.occasions, occasion_id, "occasion")


class _HasId(Protocol):
    id: str


_T = TypeVar("_T", bound=_HasId)


def _by_id(items: list[_T], wanted: str, what: str) -> _T:
    for item in items:
        if item.id == wanted:
            return item
    raise KeyError(f"no {what} with id {wanted!r}")
