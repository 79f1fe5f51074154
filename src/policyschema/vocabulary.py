"""Closed vocabularies: the fixed sets of values that kinds, forces and modalities take.

Each value carries a one-line meaning (``member.description``) that the JSON Schema publishes, so an
annotator working from the schema alone learns what the values mean.
"""

from __future__ import annotations

from enum import Enum
from functools import total_ordering

__all__ = [
    "AddresseeKind",
    "AnchorRelation",
    "Force",
    "HorizonKind",
    "Modality",
    "OccasionKind",
    "Polarity",
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
    GROUP = "group"


class AddresseeKind(Vocabulary):
    """Whom a directive is addressed to."""

    PERSON = "person"
    ORGANIZATION = "organization"
    COLLECTIVE_BODY = "collective_body"
    GROUP = "group"
    COUNTRY = "country"
    INTERNATIONAL_ORGANIZATION = "international_organization"
    PUBLIC = "public"
    BUSINESSES = "businesses"


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
    NECESSITY = "necessity"
    PERMISSION = "permission"
    NONE = "none"


class Polarity(Vocabulary):
    """Whether a directive asks for an action or forbids it."""

    POSITIVE = "positive"
    NEGATIVE = "negative"


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
    DECISION = "decision"
    COMMITMENT = "commitment"


class HorizonKind(Vocabulary):
    """The shape of a time horizon; which of ``start`` and ``end`` it needs."""

    POINT = "point"
    PERIOD = "period"
    OPEN_ENDED = "open_ended"
    RETROSPECTIVE = "retrospective"
    DEADLINE = "deadline"
    RELATIVE = "relative"


class AnchorRelation(Vocabulary):
    """How a time horizon lies relative to the occasion or event it is anchored to."""

    BEFORE = "before"
    AFTER = "after"
    WITHIN = "within"


class OccasionKind(Vocabulary):
    """The kind of event at which something was said, or that is referred to (an accident, an election)."""

    MEETING = "meeting"
    STUDY_SESSION = "study_session"
    PLENARY_SESSION = "plenary_session"
    CONGRESS = "congress"
    CONFERENCE = "conference"
    PRESS_CONFERENCE = "press_conference"
    SPEECH = "speech"
    INTERVIEW = "interview"
    ACCIDENT = "accident"
    DISASTER = "disaster"
    ELECTION = "election"
    OTHER = "other"


_DESCRIPTIONS: dict[Vocabulary, str] = {
    SpeakerKind.PERSON: "A named individual, such as Xi Jinping.",
    SpeakerKind.ORGANIZATION: "An organization speaking as one, such as a ministry or a party.",
    SpeakerKind.COLLECTIVE_BODY: "A body that decides together, such as the Political Bureau or a plenary.",
    SpeakerKind.GROUP: "Unnamed people speaking together, such as 'attendees' or 'participants of the meeting'.",
    AddresseeKind.PERSON: "A named individual.",
    AddresseeKind.ORGANIZATION: "A named organization, such as a ministry.",
    AddresseeKind.COLLECTIVE_BODY: "A body or set of bodies, such as 'Party committees and governments at all levels'.",
    AddresseeKind.GROUP: "A category of people, such as 'officials'.",
    AddresseeKind.COUNTRY: "A state as an actor, such as 'China' or 'the United States'.",
    AddresseeKind.INTERNATIONAL_ORGANIZATION: "An international organization, such as the WTO or the United Nations.",
    AddresseeKind.PUBLIC: "The public or society at large ('the public', 'all of society').",
    AddresseeKind.BUSINESSES: "Businesses or enterprises as a category ('enterprises', 'companies').",
    Force.NOTE: "Notes or says that something should be done, with no request of its own ('noted', 'said').",
    Force.SUGGEST: "Offers an action for consideration ('suggested', 'put forward').",
    Force.RECOMMEND: "Advises an action ('recommended', 'advised').",
    Force.STRESS: "Insists on the importance of an action ('stressed', 'emphasized', 'underlined').",
    Force.CALL_FOR: "Publicly asks for an action ('called for', 'appealed for').",
    Force.URGE: "Presses the addressees to act ('urged', 'pressed').",
    Force.INSTRUCT: "Orders the addressees to act, from authority over them ('instructed', 'ordered', 'demanded').",
    Modality.OBLIGATION: "The content says the action must be done ('must', 'have to').",
    Modality.RECOMMENDATION: "The content says the action should be done ('should', 'ought to').",
    Modality.NECESSITY: "The content says the action is needed ('need to', 'is needed', 'it is necessary to').",
    Modality.PERMISSION: "The content says the action may be done ('may', 'is allowed to', 'can').",
    Polarity.POSITIVE: "The directive asks for the action to be done.",
    Polarity.NEGATIVE: "The directive forbids the action ('must not', 'should never', 'ban', 'zero tolerance for').",
    Modality.NONE: "The content carries no modal verb (an action noun or an infinitive after the cue).",
    ReportedAs.DIRECT: "A direct quotation in quotation marks.",
    ReportedAs.INDIRECT: "An indirect report in the reporter's words.",
    ReportedAs.MIXED: "An indirect report that quotes some words directly.",
    StatementKind.ASSESSMENT: "Judges the importance, state or value of something ('is of great importance').",
    StatementKind.REPORT: "Reports a past action or a fact ('has taken a number of measures').",
    StatementKind.CAUSAL_CLAIM: "Says that one thing brings about another ('could be promoted through ...').",
    StatementKind.PREDICTION: "Says what will happen.",
    StatementKind.DECISION: "Records what a body decided, agreed or approved ('the meeting decided to ...').",
    StatementKind.COMMITMENT: "The speaker commits itself to an action ('pledged to', 'vowed to').",
    HorizonKind.POINT: "A single date of any precision: start only, no end.",
    HorizonKind.PERIOD: "A bounded period such as a five-year plan: start and end.",
    HorizonKind.OPEN_ENDED: "From a start into the open future ('the next five years and beyond'): start, no end.",
    HorizonKind.RETROSPECTIVE: "From a past start up to the time of speaking ('since November 2012'); end optional.",
    HorizonKind.DEADLINE: "By a date ('by 2025', 'before the end of the year'): end only, no start.",
    HorizonKind.RELATIVE: "Relative to an occasion or event ('after the accident', 'within 30 days of the meeting'): "
    "anchor and relation, dates only when the text lets them be resolved.",
    AnchorRelation.BEFORE: "Before the anchor occasion or event (by offset before it, when given).",
    AnchorRelation.AFTER: "After the anchor occasion or event (offset after it, when given).",
    AnchorRelation.WITHIN: "Within the offset after the anchor ('within 30 days of the meeting'); needs an offset.",
    OccasionKind.MEETING: "A meeting of a body.",
    OccasionKind.STUDY_SESSION: "A group study session, such as those of the CPC Political Bureau.",
    OccasionKind.PLENARY_SESSION: "A plenary session of a committee or legislature.",
    OccasionKind.CONGRESS: "A party or national congress.",
    OccasionKind.CONFERENCE: "A conference or forum.",
    OccasionKind.PRESS_CONFERENCE: "A press conference or briefing.",
    OccasionKind.SPEECH: "A speech or address.",
    OccasionKind.INTERVIEW: "An interview.",
    OccasionKind.ACCIDENT: "An accident, such as a mine explosion or a collapse, referred to as an event.",
    OccasionKind.DISASTER: "A natural disaster or epidemic, such as a flood or an earthquake.",
    OccasionKind.ELECTION: "An election or a vote.",
    OccasionKind.OTHER: "Any other occasion; say what in its name.",
}
