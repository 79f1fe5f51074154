"""Build annotation.json for the Xinhua work-safety readout of 27 November 2016, following docs/guidelines.md 1.1.

    python examples/xinhua-work-safety-2016/make_annotation.py

The text (source.txt) is Xinhua's report "China orders safety overhaul after deadly power plant
accident", datelined BEIJING, Nov. 27 (2016), as reprinted at https://yy.chazidian.com/show-247233 and
cross-checked against http://www.hxen.net/englishnews/nation/2016-11-28/451456.html (see README.md).

Every span is found by searching the text for its quote (never by counting), so offsets are right by
construction and the loader re-checks them. The script is deterministic: running it reproduces the
committed annotation.json byte for byte (a test checks this). Rule numbers in the comments are those of
docs/guidelines.md.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import policyschema as ps
from policyschema import (
    Addressee,
    AddresseeKind,
    AnchorRelation,
    Directive,
    Force,
    HorizonKind,
    Modality,
    Occasion,
    OccasionKind,
    PartialDate,
    Polarity,
    PolicyArea,
    ReportedAs,
    Role,
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
    TimeHorizon,
)

HERE = Path(__file__).parent
TEXT = (HERE / "source.txt").read_text(encoding="utf-8")

SOURCE_URL = "https://yy.chazidian.com/show-247233"
CROSS_CHECK_URL = "http://www.hxen.net/englishnews/nation/2016-11-28/451456.html"


def span(quote: str, within: Span | str | None = None) -> Span:
    """The span of ``quote``, which must occur once in the text, or once inside ``within`` (a span, or a
    longer quote that itself occurs once)."""
    if within is None:
        start = _unique(quote, 0, len(TEXT))
    else:
        outer = within if isinstance(within, Span) else span(within)
        start = _unique(quote, outer.start, outer.end)
    return Span(start=start, end=start + len(quote), text=quote)


def _unique(quote: str, lo: int, hi: int) -> int:
    first = TEXT.find(quote, lo, hi)
    if first < 0:
        raise ValueError(f"{quote!r} is not in the text between {lo} and {hi}")
    if TEXT.find(quote, first + 1, hi) >= 0:
        raise ValueError(f"{quote!r} occurs more than once between {lo} and {hi}; say which")
    return first


# Rule 1, as ps.sentences applies it (a dateline is not part of the first sentence; a period that a
# capital letter follows without a space ends a sentence; "Nov." and "27.3.2020" do not).
SENTENCES = ps.sentences(TEXT)


def sentence(first_words: str) -> Span:
    """The one sentence that starts with ``first_words``."""
    [found] = [s for s in SENTENCES if s.text.startswith(first_words)]
    return found


def cap(*codes: str) -> list[PolicyArea]:
    return [PolicyArea(codebook="cap", code=code) for code in codes]


# Speakers, in the order of their first mention (rule 5).
STATE_COUNCIL, MA_KAI, XI, LI, ATTENDEES = "state_council", "ma_kai", "xi", "li", "attendees"
# Occasions and the one time horizon.
MEETING, ACCIDENT, XI_REMARKS = "o_meeting", "o_accident", "o_xi_remarks"
AFTER_ACCIDENT = "t_after_accident"

S_TOLD = sentence("Chinese authorities on Sunday")
S_CALL = sentence("The call was made")
S_MA_KAI = sentence("Vice Premier Ma Kai")
S_URGED = sentence("The meeting urged")
S_AGREED = sentence("It was agreed at the meeting")
S_ATTENDEES = sentence("Attendees to the meeting")
S_CITED = sentence("They cited")
S_CROWDED = sentence("Safety measures should also")
S_WEATHER = sentence("Precautions should also")
S_INNOVATIVE = sentence("Local authorities should take")
S_ACCORDING = sentence("Illegal operations")
S_COLLAPSE = sentence("The platform for a cooling tower")
S_XI = sentence("President Xi on Thursday")
S_ORDERED = sentence("He ordered")
S_LI = sentence("Premier Li also")
S_LI_SAID = sentence("Supervision should be strengthened")


def speakers() -> list[Speaker]:
    their = span("their", S_URGED)  # rule 4: a pronoun with two antecedents is a mention of each
    return [
        Speaker(
            id=STATE_COUNCIL,
            name="State Council of the People's Republic of China",
            kind=SpeakerKind.COLLECTIVE_BODY,
            mentions=[
                span("Chinese authorities", S_TOLD),  # rule 1.2: identified by the next sentence
                span("State Council", S_CALL),
                span("China's Cabinet", S_CALL),  # an appositive name with a possessive
                span("meeting", S_URGED),  # rule 5.2: the meeting named as source is the convening body
                span("meeting", S_AGREED),
                span("meeting", S_ACCORDING),
            ],
        ),
        Speaker(
            id=MA_KAI,
            name="Ma Kai",
            kind=SpeakerKind.PERSON,
            roles=[Role(title="Vice Premier", evidence=[span("Vice Premier")])],  # the text names no organization
            mentions=[span("Ma Kai")],
        ),
        Speaker(
            id=XI,
            name="Xi Jinping",
            kind=SpeakerKind.PERSON,
            roles=[Role(title="President", evidence=[span("President", S_URGED), span("President", S_XI)])],
            external_ids=ps.ExternalIds(wikidata="Q15031"),
            mentions=[span("Xi Jinping"), their, span("Xi", S_XI), span("He", S_ORDERED)],
        ),
        Speaker(
            id=LI,
            name="Li Keqiang",
            kind=SpeakerKind.PERSON,
            roles=[Role(title="Premier", evidence=[span("Premier", S_URGED), span("Premier", S_LI)])],
            mentions=[span("Li Keqiang"), their, span("Li", S_LI), span("Li", S_LI_SAID)],
        ),
        Speaker(
            id=ATTENDEES,
            name="Attendees of the meeting on work safety of the State Council",  # rule 5.2.2
            kind=SpeakerKind.GROUP,  # rule 5.2, case 3
            mentions=[span("Attendees"), span("They", S_CITED)],
        ),
    ]


def directive(
    number: int,
    *,
    speaker: str,
    cue: Span,
    force: Force,
    modality: Modality,
    action: str,
    object: str | None,
    content: str,
    evidence: list[Span],
    areas: list[PolicyArea],
    addressees: list[Addressee] | None = None,
    relays: str | None = None,
    horizon: str | None = None,
    occasion: str | None = MEETING,
) -> Directive:
    content_span = span(content, next(e for e in evidence if content in e.text))
    return Directive(
        id=f"d{number:02d}",
        speakers=[speaker],
        cue=cue,
        force=force,
        modality=modality,
        polarity=Polarity.POSITIVE,  # rule 2.9: the text forbids nothing
        addressees=addressees or [],
        action=action,
        object=object,
        content=content_span,
        conditions=[],
        or_else=[],
        relays=relays,
        policy_areas=areas,
        time_horizon=horizon,
        occasion=occasion,
        reported_as=ReportedAs.INDIRECT,
        evidence=evidence,
    )


def directives() -> list[Directive]:
    local_authorities = Addressee(
        label="local authorities", kind=AddresseeKind.COLLECTIVE_BODY, span=span("local authorities", S_URGED)
    )
    agreed = span("was agreed", S_AGREED)
    agreed_again = span("was agreed", S_CROWDED)
    according = span("according to", S_ACCORDING)
    return [
        directive(
            1,
            speaker=STATE_COUNCIL,
            cue=span("told", S_TOLD),  # rule 2.3: told ... to -> instruct
            force=Force.INSTRUCT,
            modality=Modality.NONE,
            addressees=[
                Addressee(
                    label="safety watchdogs nationwide",
                    kind=AddresseeKind.COLLECTIVE_BODY,
                    span=span("safety watchdogs nationwide"),
                )
            ],
            action="launch",
            object="thorough work safety checking",
            content="to launch thorough work safety checking to resolutely curb severe accidents and plug the holes in "
            "safety standards",
            evidence=[S_TOLD, S_CALL],  # rule 1.2: the next sentence names the source
            areas=cap("501"),
        ),
        directive(
            2,
            speaker=STATE_COUNCIL,
            cue=span("urged", S_URGED),
            force=Force.URGE,
            modality=Modality.NONE,
            addressees=[local_authorities],
            action="carry out",
            object="the orders by President Xi Jinping and Premier Li Keqiang concerning a deadly power plant accident "
            "in east China's Jiangxi Province",
            content="to earnestly carry out the orders by President Xi Jinping and Premier Li Keqiang concerning a "
            "deadly power plant accident in east China's Jiangxi Province",
            evidence=[S_URGED],
            areas=cap("501"),  # rule 6: 'power plant accident' by longest match, not 802
            relays="d12",  # rule 2.11.1: the first directive on the accident, Xi's
        ),
        directive(
            3,
            speaker=STATE_COUNCIL,
            cue=span("urged", S_URGED),
            force=Force.URGE,
            modality=Modality.NONE,
            addressees=[local_authorities],
            action="implement",
            object="their instructions on national workplace safety",
            content="implement their instructions on national workplace safety",
            evidence=[S_URGED],
            areas=cap("501"),
            relays="d15",  # rule 2.11.1: the first that names no event, Li's
        ),
        directive(
            4,
            speaker=STATE_COUNCIL,  # rule 5.2: 'at the meeting' of the State Council
            cue=agreed,
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="learn",
            object="lessons from recent accidents",
            content="lessons should be learned from recent accidents",
            evidence=[S_AGREED],
            areas=cap("501"),
        ),
        directive(
            5,
            speaker=STATE_COUNCIL,
            cue=agreed,
            force=Force.NOTE,
            modality=Modality.NECESSITY,  # 'is needed'
            action="overhaul",
            object=None,  # rule 2.7: the text names no object
            content="an overhaul is needed to ensure safety at work",
            evidence=[S_AGREED],
            areas=cap("501"),
        ),
        directive(
            6,
            speaker=ATTENDEES,
            cue=span("suggested", S_ATTENDEES),
            force=Force.SUGGEST,
            modality=Modality.NONE,
            action="promote",
            object="supervision and inspection as well as accountability",
            content="promoting supervision and inspection as well as accountability in order to improve workplace "
            "safety",
            evidence=[S_ATTENDEES],
            areas=cap("501"),
        ),
        directive(
            7,
            speaker=STATE_COUNCIL,
            cue=agreed_again,
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="strengthen",
            object="safety measures at crowded places",
            content="Safety measures should also be strengthened at crowded places",
            evidence=[S_CROWDED],
            areas=[],  # rule 6: no phrase of the table
        ),
        directive(
            8,
            speaker=STATE_COUNCIL,
            cue=agreed_again,  # rule 1.1: the cue of the preceding sentence
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="make",  # rules 2.2.1, 2.7: the text's own verb
            object="precautions",
            content="Precautions should also be made to deal with extremely bad weather",
            evidence=[S_CROWDED, S_WEATHER],
            areas=cap("1523"),
        ),
        directive(
            9,
            speaker=STATE_COUNCIL,
            cue=according,  # rule 1.1: the cue of the following sentence
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            addressees=[
                Addressee(
                    label="local authorities",
                    kind=AddresseeKind.COLLECTIVE_BODY,
                    span=span("Local authorities", S_INNOVATIVE),
                )
            ],
            action="improve",  # rule 2.2.1: without 'innovative', bare 'measures' is framing
            object="work safety",
            # rule 4.1: in a modal sentence the content is the whole clause
            content="Local authorities should take innovative measures to improve work safety",
            evidence=[S_INNOVATIVE, S_ACCORDING],
            areas=cap("501"),  # rule 6.4: 'innovative measures' is a stop phrase
        ),
        directive(
            10,
            speaker=STATE_COUNCIL,
            cue=according,
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="crack down on",
            object="illegal operations",
            content="Illegal operations should be cracked down on",
            evidence=[S_ACCORDING],
            areas=cap("1210"),
        ),
        directive(
            11,
            speaker=STATE_COUNCIL,
            cue=according,
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="carry out",
            object="the threshold for work safety standards",
            content="the threshold for work safety standards should be carried out strictly",
            evidence=[S_ACCORDING],
            areas=cap("501"),
        ),
        directive(
            12,
            speaker=XI,
            cue=span("urged", S_XI),
            force=Force.URGE,
            modality=Modality.NONE,
            addressees=[
                Addressee(
                    label="local authorities", kind=AddresseeKind.COLLECTIVE_BODY, span=span("local authorities", S_XI)
                )
            ],
            action="step up",
            object="rescue efforts, treatment and follow-up work",
            content="to step up rescue efforts, treatment and follow-up work after the deadly accident",
            evidence=[S_XI],
            areas=cap("1523"),  # rule 6.1: 'accident' is in the horizon and gives nothing
            horizon=AFTER_ACCIDENT,
            occasion=XI_REMARKS,
        ),
        directive(
            13,
            speaker=XI,
            cue=span("ordered", S_ORDERED),
            force=Force.INSTRUCT,
            modality=Modality.NONE,
            addressees=[Addressee(label="those involved", kind=AddresseeKind.GROUP, span=span("those involved"))],
            action="investigate",  # rule 2.2: 'leave no stone unturned' is an idiom of manner
            object="the accident",
            content="to leave no stone unturned when investigating the accident",
            evidence=[S_ORDERED],
            areas=cap("501"),
            occasion=XI_REMARKS,
        ),
        directive(
            14,
            speaker=LI,
            cue=span("called for", S_LI),
            force=Force.CALL_FOR,
            modality=Modality.NONE,
            action="treat",  # rule 2.2: 'all-out efforts to' is a framing noun
            object="the injured",
            content="treat the injured",
            evidence=[S_LI],
            areas=cap("3"),
            occasion=None,  # rule 8: the text neither dates nor places Li's words
        ),
        directive(
            15,
            speaker=LI,
            cue=span("said", S_LI_SAID),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="strengthen",
            object="supervision",
            content="Supervision should be strengthened",
            evidence=[S_LI_SAID],
            areas=[],
            occasion=None,
        ),
        directive(
            16,
            speaker=LI,
            cue=span("said", S_LI_SAID),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="take",  # rule 2.2.1: 'precautionary measures' is the thing itself
            object="precautionary measures",
            content="precautionary measures should be taken to prevent serious accidents from happening again",
            evidence=[S_LI_SAID],
            areas=cap("501"),
            occasion=None,
        ),
    ]


def statements() -> list[Statement]:
    content = (
        "areas in need of more attention, including construction sites, coal mines, traffic, dangerous chemicals, "
        "fireworks, power and heating supply sectors"
    )
    return [
        Statement(
            id="s01",
            speakers=[ATTENDEES],
            cue=span("cited", S_CITED),  # rule 2.3: cited -> a statement
            kind=StatementKind.ASSESSMENT,
            content=span(content, S_CITED),
            policy_areas=cap("501", "805", "10", "704", "1525", "8"),  # rules 6.5, 6.6
            time_horizon=None,
            occasion=MEETING,
            reported_as=ReportedAs.INDIRECT,
            evidence=[S_CITED],
        )
    ]


def time_horizons() -> list[TimeHorizon]:
    return [
        TimeHorizon(
            id=AFTER_ACCIDENT,
            kind=HorizonKind.RELATIVE,  # rule 7: relative to an event, no dates of its own
            anchor=ACCIDENT,
            relation=AnchorRelation.AFTER,
            label="after the deadly accident",
            evidence=[span("after the deadly accident")],
        )
    ]


def occasions() -> list[Occasion]:
    return [
        Occasion(
            id=MEETING,
            name="Meeting on work safety of the State Council",  # rule 8.1: the longest naming phrase
            kind=OccasionKind.MEETING,
            date=PartialDate(2016, 11, 27),
            date_note="The text says 'on Sunday'; the dateline, Nov. 27 (2016), is a Sunday, so the same day.",
            participants=[STATE_COUNCIL, MA_KAI, ATTENDEES],
            evidence=[
                span("on Sunday"),
                span("a meeting on work safety of the State Council"),
                span("the meeting", S_MA_KAI),
                span("the meeting", S_ATTENDEES),  # rule 8: not a mention of a speaker, so the occasion's
            ],
        ),
        Occasion(
            id=ACCIDENT,
            name="Deadly power plant accident in east China's Jiangxi Province",  # rule 8.1
            kind=OccasionKind.ACCIDENT,
            date=PartialDate(2016, 11, 24),
            date_note="The text says 'on Thursday morning'; the Thursday before the dateline, Sunday 27 November 2016, "
            "is 24 November.",
            evidence=[
                span("a deadly power plant accident in east China's Jiangxi Province"),
                span(
                    "The platform for a cooling tower of a power plant under construction collapsed in Fengcheng of "
                    "Jiangxi on Thursday morning"
                ),
                span("the deadly accident"),
                span("the accident", S_ORDERED),
            ],
        ),
        Occasion(
            id=XI_REMARKS,
            name="Xi Jinping's remarks of 2016-11-24",  # rule 8.1: no event named
            kind=OccasionKind.OTHER,  # rule 8: dated words with no named event
            date=PartialDate(2016, 11, 24),
            date_note="The text says 'President Xi on Thursday urged'; the Thursday before the dateline, Sunday 27 "
            "November 2016, is 24 November.",
            participants=[XI],
            evidence=[span("on Thursday", S_XI)],
        ),
    ]


def build() -> ps.AnnotatedDocument:
    return ps.AnnotatedDocument(
        schema_version=ps.SCHEMA_VERSION,
        document=ps.Document(
            id="xinhua-2016-11-27-work-safety",
            title="China orders safety overhaul after deadly power plant accident",
            publisher="Xinhua News Agency",
            published=datetime.date(2016, 11, 27),
            language="en",
            url=SOURCE_URL,
            text=TEXT,
            text_sha256=ps.text_sha256(TEXT),
            text_length=len(TEXT),
        ),
        speakers=speakers(),
        directives=directives(),
        statements=statements(),
        time_horizons=time_horizons(),
        occasions=occasions(),
        annotation=ps.Annotation(
            annotators=["policyschema reference annotation"],
            created=datetime.date(2026, 11, 25),
            guidelines="policyschema guidelines 1.1 (docs/guidelines.md)",
            tool="examples/xinhua-work-safety-2016/make_annotation.py",
            notes=f"Text as reprinted at {SOURCE_URL}, which drops '(Xinhua)' from the dateline; headline, year "
            f"and dateline from {CROSS_CHECK_URL}, which agrees word for word on the part it shows. 'published' is "
            "the dateline's date, Sunday 2016-11-27 (no time of day is known); 'on Sunday' is that day and 'on "
            "Thursday' is 2016-11-24 (guidelines rule 8).",
        ),
    )


if __name__ == "__main__":
    ps.dump(build(), HERE / "annotation.json")
    print(f"wrote {HERE / 'annotation.json'}")
