"""Closed vocabularies: the fixed sets of values that kinds, forces and modalities take.

Each value carries a one-line meaning (``member.description``) that the JSON Schema publishes, so an
annotator working from the schema alone learns what the values mean.
"""

from __future__ import annotations

from enum import Enum
from functools import total_ordering

__all__ = [
    "AddresseeKind",
    "Force",
    "HorizonKind",
    "Modality",
    "OccasionKind",
    "ReportedAs",
    "SpeakerKind",
    "StatementKind",
    "Vocabulary",
]


class Vocabulary(Enum):
    """Base of the closed vocabularies; each member has a JSON string value and a meaning."""

    @property
    def description(self) -> str:
        """What this value means, in a sentence."""
        return _DESCRIPTIONS[self]

    def __str__(self) -> str:
        return str(self.value)


class SpeakerKind(Vocabulary):
    """What kind of source a speaker is."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COLLECTIVE_BODY = "collective_body"


class AddresseeKind(Vocabulary):
    """Whom a directive is addressed to."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COLLECTIVE_BODY = "collective_body"
    GROUP = "group"
    SOCIETY = "society"


@total_ordering
class Force(Vocabulary):
    """How strongly a speaker asks for an action, ordered from weakest to strongest.

    Members compare by strength: ``Force.NOTE < Force.URGE < Force.INSTRUCT``.
    """

    NOTE = "note"
    SUGGEST = "suggest"
    RECOMMEND = "recommend"
    STRESS = "stress"
    CALL_FOR = "call_for"
    URGE = "urge"
    INSTRUCT = "instruct"

    @property
    def strength(self) -> int:
        """Rank on the scale, 1 (note) to 7 (instruct)."""
        return list(Force).index(self) + 1

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Force):
            return NotImplemented
        return self.strength < other.strength


class Modality(Vocabulary):
    """The deontic modality inside the reported content."""

    OBLIGATION = "obligation"
    RECOMMENDATION = "recommendation"
    NONE = "none"


class ReportedAs(Vocabulary):
    """How the text renders the speaker's words (PARC 3.0 quote types)."""

    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class StatementKind(Vocabulary):
    """What an attributed claim that is not a directive does."""

    ASSESSMENT = "assessment"
    REPORT = "report"
    CAUSAL_CLAIM = "causal_claim"
    PREDICTION = "prediction"


class HorizonKind(Vocabulary):
    """The shape of a time horizon; which of ``start`` and ``end`` it needs."""

    POINT = "point"
    PERIOD = "period"
    OPEN_ENDED = "open_ended"
    RETROSPECTIVE = "retrospective"


class OccasionKind(Vocabulary):
    """The kind of event at which something was said."""

    MEETING = "meeting"
    STUDY_SESSION = "study_session"
    PLENARY_SESSION = "plenary_session"
    CONGRESS = "congress"
    CONFERENCE = "conference"
    PRESS_CONFERENCE = "press_conference"
    SPEECH = "speech"
    INTERVIEW = "interview"
    OTHER = "other"


_DESCRIPTIONS: dict[Vocabulary, str] = {
    SpeakerKind.PERSON: "A named individual, such as Xi Jinping.",
    SpeakerKind.ORGANIZATION: "An organization speaking as one, such as a ministry or a party.",
    SpeakerKind.COLLECTIVE_BODY: "A body that decides together, such as the Political Bureau or a plenary.",
    AddresseeKind.PERSON: "A named individual.",
    AddresseeKind.ORGANIZATION: "A named organization, such as a ministry.",
    AddresseeKind.COLLECTIVE_BODY: "A body or set of bodies, such as 'Party committees and governments at all levels'.",
    AddresseeKind.GROUP: "A category of people, such as 'officials'.",
    AddresseeKind.SOCIETY: "Society or the public at large.",
    Force.NOTE: "Notes or says that something should be done, with no request of its own ('noted', 'said').",
    Force.SUGGEST: "Offers an action for consideration ('suggested', 'put forward').",
    Force.RECOMMEND: "Advises an action ('recommended', 'advised').",
    Force.STRESS: "Insists on the importance of an action ('stressed', 'emphasized', 'underlined').",
    Force.CALL_FOR: "Publicly asks for an action ('called for', 'appealed for').",
    Force.URGE: "Presses the addressees to act ('urged', 'pressed').",
    Force.INSTRUCT: "Orders the addressees to act, from authority over them ('instructed', 'ordered', 'demanded').",
    Modality.OBLIGATION: "The content says the action must be done ('must', 'have to').",
    Modality.RECOMMENDATION: "The content says the action should be done ('should', 'ought to').",
    Modality.NONE: "The content carries no modal verb (an action noun or an infinitive after the cue).",
    ReportedAs.DIRECT: "A direct quotation in quotation marks.",
    ReportedAs.INDIRECT: "An indirect report in the reporter's words.",
    ReportedAs.MIXED: "An indirect report that quotes some words directly.",
    StatementKind.ASSESSMENT: "Judges the importance, state or value of something ('is of great importance').",
    StatementKind.REPORT: "Reports a past action or a fact ('has taken a number of measures').",
    StatementKind.CAUSAL_CLAIM: "Says that one thing brings about another ('could be promoted through ...').",
    StatementKind.PREDICTION: "Says what will happen.",
    HorizonKind.POINT: "A single date of any precision: start only, no end.",
    HorizonKind.PERIOD: "A bounded period such as a five-year plan: start and end.",
    HorizonKind.OPEN_ENDED: "From a start into the open future ('the next five years and beyond'): start, no end.",
    HorizonKind.RETROSPECTIVE: "From a past start up to the time of speaking ('since November 2012'); end optional.",
    OccasionKind.MEETING: "A meeting of a body.",
    OccasionKind.STUDY_SESSION: "A group study session, such as those of the CPC Political Bureau.",
    OccasionKind.PLENARY_SESSION: "A plenary session of a committee or legislature.",
    OccasionKind.CONGRESS: "A party or national congress.",
    OccasionKind.CONFERENCE: "A conference or forum.",
    OccasionKind.PRESS_CONFERENCE: "A press conference or briefing.",
    OccasionKind.SPEECH: "A speech or address.",
    OccasionKind.INTERVIEW: "An interview.",
    OccasionKind.OTHER: "Any other occasion; say what in its name.",
}
