"""Build annotation.json for the Indian road transport ministry's press release of 1 April 2020.

    python examples/india-bs-iv-registration-2020/make_annotation.py

The text (source.txt) is the release "Limited registration of BS-IV vehicles to be allowed as per Apex
Court order dated 27.3.2020", issued by the Press Information Bureau for the Ministry of Road Transport
and Highways, as reprinted word for word at COPY_URL (see README.md for provenance and cross-checks).

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
    DateInterval,
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
    Span,
    Speaker,
    SpeakerKind,
    Statement,
    StatementKind,
    TimeHorizon,
)

HERE = Path(__file__).parent
TEXT = (HERE / "source.txt").read_text(encoding="utf-8")

COPY_URL = (
    "https://www.countryandpolitics.in/2020/04/01/"
    "limited-registration-of-bs-iv-vehicles-to-be-allowed-as-per-apex-court-order-dated-27-3-2020/"
)


def span(quote: str, within: Span | str | None = None) -> Span:
    """The span of ``quote``, which must occur once in the text, or once inside ``within`` (a span, or a
    longer quote that itself occurs once): ``ps.locate`` refuses an ambiguous quote and lists where it is."""
    if within is None:
        return ps.locate(TEXT, quote)
    outer = within if isinstance(within, Span) else span(within)
    inner = ps.locate(outer.text, quote)
    return Span(start=outer.start + inner.start, end=outer.start + inner.end, text=quote)


# Rule 1, as ps.sentences applies it (a dateline is not part of the first sentence; a period that a
# capital letter follows without a space ends a sentence; "Nov." and "27.3.2020" do not).
SENTENCES = ps.sentences(TEXT)


def sentence(first_words: str) -> Span:
    """The one sentence that starts with ``first_words``."""
    [found] = [s for s in SENTENCES if s.text.startswith(first_words)]
    return found


def cap(*codes: str) -> list[PolicyArea]:
    return [PolicyArea(codebook="cap", code=code) for code in codes]


MINISTRY, COURT, INDIA = "ministry_of_road_transport_and_highways", "supreme_court", "government_of_india"
ORDER_2020, ORDERS_2018, ADVISORY, LIFTING = "o_order_2020", "o_orders_2018", "o_advisory", "o_lockdown_lifting"
WITHIN_10_DAYS, FROM_1_4_2020, FROM_TODAY, FROM_APRIL_1 = (
    "t_within_10_days",
    "t_from_1_4_2020",
    "t_from_today",
    "t_from_april_1",
)

TITLE = sentence("Limited registration of BS-IV vehicles")
S_ADVISED = sentence("Union Ministry of Road Transport")
S_ALLOWED = sentence("The Supreme Court has allowed")
S_STAY = sentence("The Apex Court has however")
S_AS_PER = sentence("As per orders of apex Court")
S_PERMITTED = sentence("Registration  of only BS-VI")
S_STRESSED = sentence("In its advisory")
S_NORMS = sentence("Bharat Stage (BS) emission norms")
S_DECIDED = sentence("India has decided")


def speakers() -> list[Speaker]:
    return [
        Speaker(
            id=COURT,
            name="Supreme Court of India",
            kind=SpeakerKind.COLLECTIVE_BODY,  # rule 5: a court decides as a body
            mentions=[
                span("Apex Court", TITLE),  # rule 4: headline mentions count
                span("Supreme Court", S_ADVISED),
                span("its", S_ADVISED),  # rule 4: a possessive pronoun is a mention
                span("Supreme Court", S_ALLOWED),
                span("Apex Court", S_ALLOWED),
                span("Apex Court", S_STAY),
                span("apex Court", S_AS_PER),
                span("Supreme Court", S_STRESSED),
            ],
        ),
        Speaker(
            id=MINISTRY,
            name="Ministry of Road Transport and Highways",
            kind=SpeakerKind.ORGANIZATION,
            mentions=[
                span("Union Ministry of Road Transport and Highways"),
                span("its", S_STRESSED),
                span("Ministry", S_STRESSED),
            ],
        ),
        Speaker(
            id=INDIA,
            name="Government of India",  # rule 5.4: a country that decides is its government
            kind=SpeakerKind.COLLECTIVE_BODY,
            # rule 5.4: 'the government' of an unannotated sentence counts; 'all over India' is a place
            mentions=[span("government", S_NORMS), span("India", S_DECIDED), span("it", "as it leapfrogs")],
        ),
    ]


def _directive(number: int, **fields: object) -> Directive:
    defaults: dict[str, object] = {
        "polarity": Polarity.POSITIVE,
        "addressees": [],
        "conditions": [],
        "or_else": [],
        "relays": None,
        "time_horizon": None,
        "reported_as": ReportedAs.INDIRECT,
    }
    defaults.update(fields)
    return Directive(id=f"d{number:02d}", **defaults)  # type: ignore[arg-type]


def directives() -> list[Directive]:
    allowed_content = span(
        "limited and conditional sale and registration of  not more than 10 per cent pending BS-4 stock (as conveyed "
        "to the Apex Court) with vehicle dealers(except in Delhi, NCR),  within 10 days of lifting of the lockdown in "
        "a city following outbreak of Covid-19 in the country"
    )
    stay_content = span("the stay on sale and registration of such vehicles in Delhi NCR")  # rule 2.9
    as_per_content = span("no BS-IV vehicle is to be sold or  registered with effect from 1.4.2020")
    allowed = {
        "speakers": [COURT],
        "cue": span("has allowed", S_ALLOWED),
        "force": Force.INSTRUCT,
        "modality": Modality.PERMISSION,  # rule 2.5.1: the cue grants it
        "object": "not more than 10 per cent pending BS-4 stock with vehicle dealers",  # rule 2.7.2
        "content": allowed_content,
        "conditions": [span("except in Delhi, NCR")],  # rule 2.10.1: an exception is a condition
        "policy_areas": cap("705", "1002"),
        "time_horizon": WITHIN_10_DAYS,
        "occasion": ORDER_2020,
        "evidence": [S_ALLOWED],
    }
    stay = {
        "speakers": [COURT],
        "cue": span("has however maintained", S_STAY),  # rule 4.3
        "force": Force.INSTRUCT,
        "modality": Modality.NONE,
        "polarity": Polarity.NEGATIVE,
        "object": "such vehicles in Delhi NCR",  # rule 2.10.1: a plain place after the object noun
        "content": stay_content,
        "policy_areas": cap("1002"),
        "occasion": ORDER_2020,
        "evidence": [S_STAY],
    }
    as_per = {
        "speakers": [COURT],
        "cue": span("As per"),  # rule 2.3: like 'according to'
        "force": Force.NOTE,
        "modality": Modality.OBLIGATION,  # rule 2.5: 'no ... is to be' (rule 2.9)
        "polarity": Polarity.NEGATIVE,
        "object": "BS-IV vehicle",
        "content": as_per_content,
        "policy_areas": cap("705", "1002"),
        "time_horizon": FROM_1_4_2020,
        "occasion": ORDERS_2018,
        "evidence": [S_AS_PER],
    }
    return [
        _directive(
            1,
            speakers=[MINISTRY],
            cue=span("has advised"),
            force=Force.RECOMMEND,
            modality=Modality.NONE,
            addressees=[Addressee(label="NIC", kind=AddresseeKind.ORGANIZATION, span=span("NIC"))],
            action="facilitate",
            object="the States /UTs",
            content=span(
                "to faciltate the States /UTs in limited registration of BS-IV vehicles all over India except "
                "Delhi/NCR in compliance with Supreme Court directions contained in its order dated 27.3.2020"
            ),
            conditions=[span("except Delhi/NCR")],  # rule 2.10.1
            relays="d02",  # rule 2.11.2: 'in compliance with' the directions of the order of 27.3.2020
            policy_areas=cap("705", "1002"),
            occasion=ADVISORY,  # rule 8.5: 'has advised' ... 'its advisory'
            evidence=[S_ADVISED],
        ),
        _directive(2, action="sell", **allowed),
        _directive(3, action="register", **allowed),
        _directive(4, action="sell", **stay),
        _directive(5, action="register", **stay),
        _directive(6, action="sell", **as_per),
        _directive(7, action="register", **as_per),
        _directive(
            8,
            speakers=[COURT],
            cue=span("As per"),  # rule 1.1: the sentence continues the report of the preceding one
            force=Force.NOTE,
            modality=Modality.PERMISSION,
            action="register",
            object="only BS-VI vehicles",
            content=span("Registration  of only BS-VI vehicles is permitted from today throughout India"),
            # rule 2.10.1: 'throughout India' is a plain place, not a condition; rule 1.3: rule 1.1 comes first
            policy_areas=cap("705", "1002"),
            time_horizon=FROM_TODAY,
            occasion=ORDERS_2018,
            evidence=[S_AS_PER, S_PERMITTED],
        ),
        _directive(
            9,
            speakers=[MINISTRY],
            cue=span("has stressed upon"),
            force=Force.STRESS,
            modality=Modality.NONE,
            # rule 2.6.1: 'marked to all States/UTs' names recipients of the advisory, not addressees
            action="comply with",
            object="the orders of the Supreme Court",
            content=span("meticulous compliance of the orders of the Supreme Court"),
            relays="d02",  # rule 2.11.1: the first of the court's directives in text order
            policy_areas=[],  # rule 6.9: compliance with orders is a tool of government
            occasion=ADVISORY,
            evidence=[S_STRESSED],
        ),
    ]


def statements() -> list[Statement]:
    return [
        Statement(
            id="s01",
            speakers=[INDIA],
            cue=span("has decided"),
            kind=StatementKind.DECISION,
            content=span("to switch to the world\u201ds cleanest emissions standard from April 1"),  # rule 4.4
            policy_areas=cap("705"),
            time_horizon=FROM_APRIL_1,
            occasion=None,
            reported_as=ReportedAs.INDIRECT,
            evidence=[S_DECIDED],
        )
    ]


def time_horizons() -> list[TimeHorizon]:
    april_1 = PartialDate(2020, 4, 1)
    return [
        TimeHorizon(
            id=WITHIN_10_DAYS,
            kind=HorizonKind.RELATIVE,
            anchor=LIFTING,
            relation=AnchorRelation.WITHIN,
            offset="P10D",
            label="within 10 days of lifting of the lockdown in a city following outbreak of Covid-19 in the country",
            # rule 7: to the end of the noun phrase naming the anchor event
            evidence=[
                span(
                    "within 10 days of lifting of the lockdown in a city following outbreak of Covid-19 in the country"
                )
            ],
        ),
        TimeHorizon(
            id=FROM_1_4_2020,
            kind=HorizonKind.OPEN_ENDED,
            start=april_1,
            label="with effect from 1.4.2020",
            evidence=[span("with effect from 1.4.2020")],
        ),
        TimeHorizon(
            id=FROM_TODAY,
            kind=HorizonKind.OPEN_ENDED,
            start=april_1,
            label="from today",
            evidence=[span("from today")],
        ),
        TimeHorizon(
            id=FROM_APRIL_1,
            kind=HorizonKind.OPEN_ENDED,
            start=april_1,
            label="from April 1",
            evidence=[span("from April 1")],
        ),
    ]


def occasions() -> list[Occasion]:
    # rule 8.5: the documents the words were given in, and the future event the horizon is anchored to;
    # in the order of their first evidence
    return [
        Occasion(
            id=ORDER_2020,
            name="Order",  # rule 8.1: 'its order dated 27.3.2020' without determiner and date
            kind=OccasionKind.OTHER,
            date=PartialDate(2020, 3, 27),
            date_note="'dated 27.3.2020', day.month.year (rule 8.6).",
            participants=[COURT],
            evidence=[span("its order", S_ADVISED), span("dated 27.3.2020", S_ADVISED)],
        ),
        Occasion(
            id=LIFTING,
            name="Lifting of the lockdown in a city following outbreak of Covid-19 in the country",
            kind=OccasionKind.OTHER,
            date=None,
            date_note="Not yet happened when the release was issued; a different day in each city (rule 8.5).",
            evidence=[span("lifting of the lockdown in a city following outbreak of Covid-19 in the country")],
        ),
        Occasion(
            id=ORDERS_2018,
            name="Orders of apex Court",
            kind=OccasionKind.OTHER,
            date=PartialDate(2018, 10, 24),
            date_note="'dated 24.10.2018', day.month.year (rule 8.6).",
            participants=[COURT],
            evidence=[span("orders of apex Court"), span("dated 24.10.2018")],
        ),
        Occasion(
            id=ADVISORY,
            name="Advisory",
            kind=OccasionKind.OTHER,
            date=DateInterval(PartialDate(2020, 3, 27), PartialDate(2020, 4, 1)),
            date_note="Not dated in the text: it complies with the order of 27.3.2020, and the release of 2020-04-01 "
            "reports it in the present perfect ('has advised') (rule 8.5).",
            participants=[MINISTRY],
            evidence=[span("its advisory")],
        ),
    ]


def build() -> ps.AnnotatedDocument:
    return ps.AnnotatedDocument(
        schema_version=ps.SCHEMA_VERSION,
        document=ps.Document(
            id="pib-2020-04-01-bs-iv-registration",
            title="Limited registration of BS-IV vehicles to be allowed as per Apex Court order dated 27.3.2020",
            publisher="Press Information Bureau, Government of India",
            published=datetime.date(2020, 4, 1),
            language="en",
            url=COPY_URL,
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
            tool="examples/india-bs-iv-registration-2020/make_annotation.py",
            notes="Press release of the Ministry of Road Transport and Highways issued through the Press Information "
            f"Bureau on Wednesday 2020-04-01, as reprinted word for word at {COPY_URL}. Dates in the text are "
            "day.month.year; 'today' is the release's date.",
        ),
    )


if __name__ == "__main__":
    ps.dump(build(), HERE / "annotation.json")
    print(f"wrote {HERE / 'annotation.json'}")
