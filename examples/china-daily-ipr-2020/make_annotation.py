"""Build annotation.json for the China Daily IPR article from source.txt, following docs/guidelines.md.

    python examples/china-daily-ipr-2020/make_annotation.py

Every span is found by searching the text for its quote (never by counting), so offsets are right by
construction and the loader re-checks them. The script is deterministic: running it reproduces the
committed annotation.json byte for byte (a test checks this).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import policyschema as ps
from policyschema import (
    Addressee,
    AddresseeKind,
    Directive,
    Force,
    HorizonKind,
    Modality,
    Occasion,
    OccasionKind,
    PartialDate,
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


def span(quote: str, within: str | None = None) -> Span:
    """The span of ``quote`` (ps.locate refuses an absent or repeated quote); ``within`` (a longer
    quote, itself unique) disambiguates repeated quotes."""
    if within is None:
        return ps.locate(TEXT, quote)
    outer = ps.locate(TEXT, within)
    inner = ps.locate(TEXT, quote, after=outer.start, occurrence=1)
    if inner.end > outer.end:
        raise ValueError(f"{quote!r} is not inside {within!r}")
    return inner


def _match_span(match: re.Match[str]) -> Span:
    return Span(start=match.start(), end=match.end(), text=match.group())


def sentence(first_words: str) -> Span:
    """The one sentence (guidelines rule 1, as ps.sentences splits the text) that starts with ``first_words``."""
    [found] = [s for s in ps.sentences(TEXT) if s.text.startswith(first_words)]
    return found


def cap(*codes: str) -> list[PolicyArea]:
    return [PolicyArea(codebook="cap", code=code) for code in codes]


XI, YI, CPC_CC = "xi", "yi_jiming", "cpc_central_committee"
STUDY, PLENARY = "o_study_session", "o_fifth_plenary"
FYP14, NEXT_FIVE, SINCE_2012 = "t_fyp14", "t_next_five_years", "t_since_2012"


def speakers() -> list[Speaker]:
    xi_mentions = [_match_span(m) for m in re.finditer(r"\bXi(?: Jinping)?\b", TEXT)]  # the full name as one
    he_mentions = [_match_span(m) for m in re.finditer(r"\b[Hh]e\b", TEXT)]
    keywords = TEXT.index("Keywords:")
    xi_mentions = [s for s in xi_mentions if s.start < keywords]  # the keyword list is metadata
    return [
        Speaker(
            id=XI,
            name="Xi Jinping",
            kind=SpeakerKind.PERSON,
            roles=[
                Role(
                    title="general secretary",
                    organization="Communist Party of China Central Committee",
                    evidence=[span("general secretary of the Communist Party of China Central Committee")],
                )
            ],
            affiliation="Communist Party of China",
            external_ids=ps.ExternalIds(wikidata="Q15031"),
            mentions=sorted(xi_mentions + he_mentions, key=lambda s: s.start),
        ),
        Speaker(
            id=YI,
            name="Yi Jiming",
            kind=SpeakerKind.PERSON,
            roles=[
                Role(
                    title="professor",
                    organization="Peking University Law School",
                    evidence=[span("a professor at Peking University Law School")],
                )
            ],
            affiliation="Peking University Law School",
            mentions=[span("Yi Jiming")],
        ),
        Speaker(
            id=CPC_CC,
            name="Central Committee of the Communist Party of China",
            kind=SpeakerKind.COLLECTIVE_BODY,
            roles=[],
            mentions=[
                span("Communist Party of China Central Committee"),
                span("CPC Central Committee", within="Political Bureau of the CPC Central Committee"),
                span("19th Central Committee of the CPC"),
                span("CPC Central Committee", within="the CPC Central Committee has attached"),
            ],
        ),
    ]


def directive(
    number: int,
    *,
    cue: Span,
    force: Force,
    modality: Modality,
    action: str,
    object: str,
    content: str,
    evidence: Span,
    areas: list[PolicyArea],
    addressees: list[Addressee] | None = None,
    horizon: str | None = None,
    speaker: str = XI,
    occasion: str = STUDY,
) -> Directive:
    return Directive(
        id=f"d{number:02d}",
        speakers=[speaker],
        cue=cue,
        force=force,
        modality=modality,
        addressees=addressees or [],
        action=action,
        object=object,
        content=span(content, within=evidence.text),
        policy_areas=areas,
        time_horizon=horizon,
        occasion=occasion,
        reported_as=ReportedAs.INDIRECT,
        evidence=[evidence],
    )


def directives() -> list[Directive]:
    s_lead = sentence("Xi Jinping, general secretary")
    s_urge = sentence("Xi urged the strengthening")
    s_blueprint = sentence("A blueprint for the country's development")
    s_officials = sentence("He urged officials")
    s_design = sentence("Xi stressed the importance of strengthening top-level design")
    s_creation = sentence("The creation of independent IPR")
    s_laws = sentence("Related laws and regulations")
    s_legislation = sentence("Legislation in the fields")
    s_methods = sentence("Xi called for the use of multiple methods")
    s_coordinate = sentence("Work to ensure IPR protection")
    s_reform = sentence("He urged deepened reform")
    s_international = sentence("International cooperation and competition")
    s_core = sentence("Xi called for strengthening the development")
    s_export = sentence("The export of IPR related to national security")
    s_instruct = sentence("Xi instructed Party committees")

    officials = Addressee(label="officials", kind=AddresseeKind.GROUP, span=span("officials"))
    authorities = Addressee(label="the authorities", kind=AddresseeKind.COLLECTIVE_BODY, span=span("the authorities"))
    committees = Addressee(
        label="Party committees and governments at all levels",
        kind=AddresseeKind.COLLECTIVE_BODY,
        span=span("Party committees and governments at all levels"),
    )
    said = "said"
    return [
        directive(
            1,
            cue=span("stressed", within=s_lead.text),
            force=Force.STRESS,
            modality=Modality.NONE,
            action="protect",
            object="intellectual property rights",
            content="the importance of intellectual property rights protection to promote innovation throughout "
            "society",
            evidence=s_lead,
            areas=cap("1522", "1798"),
        ),
        directive(
            2,
            cue=span("urged", within=s_urge.text),
            force=Force.URGE,
            modality=Modality.NONE,
            action="strengthen",
            object="IPR protection work",
            content="the strengthening of IPR protection work with a strategic perspective to promote the building "
            "of a modern economic system and the establishment of the new development paradigm",
            evidence=s_urge,
            areas=cap("1522", "1"),
        ),
        directive(
            3,
            speaker=CPC_CC,
            occasion=PLENARY,
            cue=span("has made specific requirements for", within=s_blueprint.text),
            force=Force.INSTRUCT,
            modality=Modality.NONE,
            action="protect",
            object="intellectual property rights",
            content="IPR protection",
            evidence=s_blueprint,
            areas=cap("1522"),
            horizon=NEXT_FIVE,
        ),
        directive(
            4,
            cue=span("urged", within=s_officials.text),
            force=Force.URGE,
            modality=Modality.NONE,
            addressees=[officials],
            action="understand",
            object="the country's IPR protection work",
            content="to have a clear understanding of the country's IPR protection work",
            evidence=s_officials,
            areas=cap("1522"),
        ),
        directive(
            5,
            cue=span("urged", within=s_officials.text),
            force=Force.URGE,
            modality=Modality.NONE,
            addressees=[officials],
            action="raise",
            object="awareness of the importance of IPR protection",
            content="raise awareness of the importance of IPR protection",
            evidence=s_officials,
            areas=cap("1522"),
        ),
        directive(
            6,
            cue=span("stressed", within=s_design.text),
            force=Force.STRESS,
            modality=Modality.NONE,
            action="strengthen",
            object="top-level design of IPR protection work",
            content="the importance of strengthening top-level design of IPR protection work",
            evidence=s_design,
            areas=cap("1522", "20"),
        ),
        directive(
            7,
            cue=span("saying", within=s_design.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            addressees=[authorities],
            action="plan for",
            object="the nation's IPR protection",
            content="the authorities should plan for the nation's IPR protection during the period of the "
            "14th Five-Year Plan (2021-25)",
            evidence=s_design,
            areas=cap("1522", "20"),
            horizon=FYP14,
        ),
        directive(
            8,
            cue=span("noted", within=s_creation.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="strengthen",
            object="the creation of independent IPR in key areas",
            content="The creation of independent IPR in key areas should be strengthened",
            evidence=s_creation,
            areas=cap("1522"),
        ),
        directive(
            9,
            cue=span(said, within=s_laws.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="improve",
            object="laws and regulations on IPR protection",
            content="Related laws and regulations on IPR protection should be improved",
            evidence=s_laws,
            areas=cap("1522", "1210"),
        ),
        directive(
            10,
            cue=span(said, within=s_laws.text),
            force=Force.NOTE,
            modality=Modality.OBLIGATION,
            action="punish",
            object="grave cases of IPR infringement",
            content="grave cases of IPR infringement must be punished in accordance with the law",
            evidence=s_laws,
            areas=cap("1522", "1210"),
        ),
        directive(
            11,
            cue=span("added", within=s_legislation.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="strengthen",
            object="legislation in the fields of geographical indications and business secrets",
            content="Legislation in the fields of geographical indications and business secrets should be strengthened",
            evidence=s_legislation,
            areas=cap("1522", "1210"),
        ),
        directive(
            12,
            cue=span("called for", within=s_methods.text),
            force=Force.CALL_FOR,
            modality=Modality.NONE,
            action="use",
            object="multiple methods, including laws, administrative power, and economic and social management",
            content="the use of multiple methods, including laws, administrative power, and economic and social "
            "management, to improve the IPR protection system",
            evidence=s_methods,
            areas=cap("1522", "1210"),
        ),
        directive(
            13,
            cue=span(said, within=s_coordinate.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="coordinate",
            object="work to ensure IPR protection and fair competition and to safeguard against monopolies",
            content="Work to ensure IPR protection and fair competition and to safeguard against monopolies should "
            "be coordinated in order to promote the orderly flow of innovative factors",
            evidence=s_coordinate,
            areas=cap("1522", "1520", "1798"),
        ),
        directive(
            14,
            cue=span("urged", within=s_reform.text),
            force=Force.URGE,
            modality=Modality.NONE,
            action="deepen",
            object="reform of the IPR protection system",
            content="deepened reform of the IPR protection system",
            evidence=s_reform,
            areas=cap("1522"),
        ),
        directive(
            15,
            cue=span("urged", within=s_reform.text),
            force=Force.URGE,
            modality=Modality.NONE,
            action="improve",
            object="IPR protection in new industrial areas including big data, artificial intelligence and genetic "
            "technology",
            content="the improvement of IPR protection in new industrial areas including big data, artificial "
            "intelligence and genetic technology",
            evidence=s_reform,
            areas=cap("1522", "1709", "1798"),
        ),
        directive(
            16,
            cue=span("urged", within=s_reform.text),
            force=Force.URGE,
            modality=Modality.NONE,
            action="draw up",
            object="rules to protect traditional culture and knowledge",
            content="the drawing up of rules to protect traditional culture and knowledge",
            evidence=s_reform,
            areas=cap("1522", "23"),
        ),
        directive(
            17,
            cue=span(said, within=s_international.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="coordinate",
            object="international cooperation and competition on IPR",
            content="International cooperation and competition on IPR should be coordinated",
            evidence=s_international,
            areas=cap("1522", "19"),
        ),
        directive(
            18,
            cue=span(said, within=s_international.text),
            force=Force.NOTE,
            modality=Modality.RECOMMENDATION,
            action="deepen",
            object="IPR cooperation with Belt and Road countries",
            content="IPR cooperation with Belt and Road countries should be deepened",
            evidence=s_international,
            areas=cap("1522", "19"),
        ),
        directive(
            19,
            cue=span("called for", within=s_core.text),
            force=Force.CALL_FOR,
            modality=Modality.NONE,
            action="strengthen",
            object="the development and protection of core technologies that are key to national security",
            content="strengthening the development and protection of core technologies that are key to national "
            "security",
            evidence=s_core,
            areas=cap("1798", "1522", "16"),
        ),
        directive(
            20,
            cue=span(said, within=s_export.text),
            force=Force.NOTE,
            modality=Modality.OBLIGATION,
            action="manage",
            object="the export of IPR related to national security",
            content="The export of IPR related to national security must be managed in line with the law",
            evidence=s_export,
            areas=cap("1522", "1803", "16", "1210"),
        ),
        directive(
            21,
            cue=span("instructed"),
            force=Force.INSTRUCT,
            modality=Modality.NONE,
            addressees=[committees],
            action="strengthen",
            object="IPR protection work",
            content="strengthen IPR protection work",
            evidence=s_instruct,
            areas=cap("1522"),
        ),
        directive(
            22,
            cue=span("instructed"),
            force=Force.INSTRUCT,
            modality=Modality.NONE,
            addressees=[committees],
            action="fight against",
            object="IPR infringement activities",
            content="fight against IPR infringement activities",
            evidence=s_instruct,
            areas=cap("1522", "1210"),
        ),
    ]


def statement(
    number: int,
    *,
    cue: Span,
    kind: StatementKind,
    content: str,
    evidence: Span,
    areas: list[PolicyArea],
    horizon: str | None = None,
) -> Statement:
    return Statement(
        id=f"s{number:02d}",
        speakers=[XI],
        cue=cue,
        kind=kind,
        content=span(content, within=evidence.text),
        policy_areas=areas,
        time_horizon=horizon,
        occasion=STUDY,
        reported_as=ReportedAs.INDIRECT,
        evidence=[evidence],
    )


def statements() -> list[Statement]:
    s_governance = sentence("At a group study session")
    s_importance = sentence("IPR protection work is of great importance")
    s_innovation = sentence("Innovation is the major driving force")
    s_creator = sentence("China is becoming a major creator")
    s_since = sentence("Since the Party's 18th National Congress")
    s_achievements = sentence("Upholding a development path")
    return [
        statement(
            1,
            cue=span("said", within=s_governance.text),
            kind=StatementKind.ASSESSMENT,
            content="IPR protection work has great significance for modernization of the governance system and "
            "governance capacity",
            evidence=s_governance,
            areas=cap("1522", "20"),
        ),
        statement(
            2,
            cue=span("said", within=s_importance.text),
            kind=StatementKind.ASSESSMENT,
            content="IPR protection work is of great importance to the country's high-quality growth, the people's "
            "happiness, the country's opening-up and national security",
            evidence=s_importance,
            areas=cap("1522", "1", "18", "16"),
        ),
        statement(
            3,
            cue=span("said", within=s_innovation.text),
            kind=StatementKind.CAUSAL_CLAIM,
            content="Innovation is the major driving force to promote development",
            evidence=s_innovation,
            areas=cap("1798"),
        ),
        statement(
            4,
            cue=span("adding", within=s_innovation.text),
            kind=StatementKind.CAUSAL_CLAIM,
            content="innovation could be promoted through enhancing the protection of IPR",
            evidence=s_innovation,
            areas=cap("1522", "1798"),
        ),
        statement(
            5,
            cue=span("said", within=s_creator.text),
            kind=StatementKind.ASSESSMENT,
            content="China is becoming a major creator of IPR",
            evidence=s_creator,
            areas=cap("1522"),
        ),
        statement(
            6,
            cue=span("adding", within=s_creator.text),
            kind=StatementKind.ASSESSMENT,
            content="the nation's IPR creation is developing in the direction of high-quality growth",
            evidence=s_creator,
            areas=cap("1522", "1"),
        ),
        statement(
            7,
            cue=span("said", within=s_since.text),
            kind=StatementKind.REPORT,
            content="the CPC Central Committee has attached greater importance to IPR protection work, taken a "
            "number of measures to deepen reform, and punished IPR infringement",
            evidence=s_since,
            areas=cap("1522", "1210"),
            horizon=SINCE_2012,
        ),
        statement(
            8,
            cue=span("said", within=s_achievements.text),
            kind=StatementKind.ASSESSMENT,
            content="China has made historic achievements in IPR protection",
            evidence=s_achievements,
            areas=cap("1522"),
        ),
        statement(
            9,
            cue=span("said", within=s_achievements.text),
            kind=StatementKind.ASSESSMENT,
            content="the whole of society has a greater awareness of IPR protection",
            evidence=s_achievements,
            areas=cap("1522"),
        ),
    ]


def time_horizons() -> list[TimeHorizon]:
    return [
        TimeHorizon(
            id=FYP14,
            kind=HorizonKind.PERIOD,
            start=PartialDate(2021),
            end=PartialDate(2025),
            label="the period of the 14th Five-Year Plan (2021-25)",
            plan="14th Five-Year Plan",
            evidence=[span("the period of the 14th Five-Year Plan (2021-25)")],
        ),
        TimeHorizon(
            id=NEXT_FIVE,
            kind=HorizonKind.OPEN_ENDED,
            start=PartialDate(2021),
            label="the next five years and beyond",
            evidence=[span("the next five years and beyond")],
        ),
        TimeHorizon(
            id=SINCE_2012,
            kind=HorizonKind.RETROSPECTIVE,
            start=PartialDate(2012, 11),
            label="since the Party's 18th National Congress in November 2012",
            evidence=[span("Since the Party's 18th National Congress in November 2012")],
        ),
    ]


def occasions() -> list[Occasion]:
    return [
        Occasion(
            id=STUDY,
            name="Group study session of the Political Bureau of the CPC Central Committee",
            kind=OccasionKind.STUDY_SESSION,
            date=PartialDate(2020, 11, 30),
            date_note="The text says 'on Monday'; the article is dated Wednesday 2020-12-02, so the Monday "
            "before it is 2020-11-30.",
            participants=[XI, YI],
            evidence=[
                span("on Monday"),
                span("a group study session of the Political Bureau of the CPC Central Committee"),
                span("the meeting"),
            ],
        ),
        Occasion(
            id=PLENARY,
            name="Fifth Plenary Session of the 19th Central Committee of the CPC",
            kind=OccasionKind.PLENARY_SESSION,
            date=PartialDate(2020, 10),
            date_note="The text says 'in October'; the article is of December 2020, so October 2020.",
            participants=[CPC_CC],
            evidence=[span("the Fifth Plenary Session of the 19th Central Committee of the CPC in October")],
        ),
    ]


def build() -> ps.AnnotatedDocument:
    return ps.AnnotatedDocument(
        schema_version=ps.SCHEMA_VERSION,
        document=ps.Document(
            id="chinadaily-2020-12-02-xi-ipr",
            title="Xi stresses strengthening IPR protection",
            publisher="China Daily",
            published=datetime.datetime(2020, 12, 2, 10, 37, 29, tzinfo=datetime.timezone(datetime.timedelta(hours=8))),
            language="en",
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
            tool="examples/china-daily-ipr-2020/make_annotation.py",
            notes="The timestamp 'Updated:2020-12-02 10:37:29' is China Daily's, in Beijing time (UTC+08:00). "
            "Relative dates are resolved against it: 'on Monday' is 2020-11-30, 'in October' is 2020-10.",
        ),
    )


if __name__ == "__main__":
    ps.dump(build(), HERE / "annotation.json")
    print(f"wrote {HERE / 'annotation.json'}")
