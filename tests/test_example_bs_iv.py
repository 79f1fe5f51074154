"""The third reference encoding (an Indian ministry's press release of 1 April 2020): complete, exact, stable."""

from __future__ import annotations

import collections
import datetime
import hashlib
import re
import runpy
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.checks import _walk

from .example_checks import assert_references_resolve
from .rule6 import codes_by_rule_6

ROOT = Path(__file__).parent.parent
FOLDER = ROOT / "examples" / "india-bs-iv-registration-2020"
SOURCE_SHA256 = "2a6a8c223f0f72bc6d676178c3072f270e691b02055860760a45adfe181e6314"


@pytest.fixture(scope="module")
def doc() -> ps.AnnotatedDocument:
    return ps.load(FOLDER / "annotation.json")


@pytest.fixture(scope="module")
def builder() -> dict[str, Any]:
    return runpy.run_path(str(FOLDER / "make_annotation.py"))


def test_source_text_is_kept_byte_for_byte() -> None:
    source = (FOLDER / "source.txt").read_bytes()
    assert hashlib.sha256(source).hexdigest() == SOURCE_SHA256
    text = source.decode("utf-8")
    assert text.startswith(
        "Limited registration of BS-IV vehicles to be allowed as per Apex Court order dated 27.3.2020\n"
    )
    assert text.endswith("not seen in any of the large economies around the globe.\n")
    # the copy's typos, double spaces and typography are kept: spans quote the text as it is
    for kept in ("faciltate", "of  not more", "throughout India.In its", "world\u201ds", "Euro-IV  now \u2014 a feat"):
        assert kept in text, kept
    assert len(text) == 1553  # code points: offsets count these
    assert len(source) == 1557  # two three-byte characters


def test_inline_text_is_the_source_file(doc: ps.AnnotatedDocument) -> None:
    assert doc.document.text == (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert doc.document.text_sha256 == SOURCE_SHA256
    assert doc.schema_version == ps.SCHEMA_VERSION == "1.1"


def test_every_span_quotes_its_slice_of_the_source_file(doc: ps.AnnotatedDocument) -> None:
    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    spans = [(path, obj) for path, obj in _walk(doc, ()) if isinstance(obj, ps.Span)]
    assert len(spans) > 50
    for path, span in spans:
        assert source[span.start : span.end] == span.text, path
    # a span after the curly apostrophe: code points, not UTF-8 bytes or UTF-16 units
    s01 = doc.statements[0]
    assert s01.content.text.endswith("from April 1")
    assert source.encode("utf-8")[s01.content.start : s01.content.end].decode("utf-8", "replace") != s01.content.text


def test_every_reference_resolves(doc: ps.AnnotatedDocument) -> None:
    assert_references_resolve(doc)


def test_it_has_what_issue_10_asks_of_a_second_text(doc: ps.AnnotatedDocument) -> None:
    """Several speakers, a relayed instruction, a prohibition and a relative deadline, each in the encoding."""
    assert len({s for d in doc.directives for s in d.speakers}) >= 2
    assert len(doc.speakers) == 3
    by_id = {d.id: d for d in doc.directives}
    relays = [(d, by_id[d.relays]) for d in doc.directives if d.relays]
    assert relays
    assert all(set(relayed.speakers).isdisjoint(relaying.speakers) for relaying, relayed in relays)
    assert [d.id for d in doc.directives if d.polarity == ps.Polarity.NEGATIVE] == ["d04", "d05", "d06", "d07"]
    deadline = doc.time_horizon("t_within_10_days")
    assert (deadline.kind, deadline.relation, deadline.offset) == (
        ps.HorizonKind.RELATIVE,
        ps.AnchorRelation.WITHIN,
        "P10D",
    )
    assert [d.id for d in doc.directives if d.time_horizon == deadline.id] == ["d02", "d03"]


def test_golden_summary(doc: ps.AnnotatedDocument) -> None:
    """Counts that an accidental edit of the encoding changes; update them only on purpose."""
    assert [(s.id, s.kind.value) for s in doc.speakers] == [
        ("supreme_court", "collective_body"),
        ("ministry_of_road_transport_and_highways", "organization"),
        ("government_of_india", "collective_body"),
    ]
    assert len(doc.directives) == 9
    assert [(s.id, s.kind.value, s.speakers) for s in doc.statements] == [("s01", "decision", ["government_of_india"])]
    speakers = collections.Counter(tuple(d.speakers) for d in doc.directives)
    assert speakers == {("supreme_court",): 7, ("ministry_of_road_transport_and_highways",): 2}
    forces = collections.Counter(d.force.value for d in doc.directives)
    assert forces == {"instruct": 4, "note": 3, "recommend": 1, "stress": 1}
    modalities = collections.Counter(d.modality.value for d in doc.directives)
    assert modalities == {"permission": 3, "none": 4, "obligation": 2}
    assert [(d.id, d.action) for d in doc.directives] == [
        ("d01", "facilitate"),  # rule 2.7.2: the text's 'faciltate', spelt correctly
        ("d02", "sell"),
        ("d03", "register"),
        ("d04", "sell"),
        ("d05", "register"),
        ("d06", "sell"),
        ("d07", "register"),
        ("d08", "register"),
        ("d09", "comply with"),
    ]
    primary = collections.Counter(d.policy_areas[0].code if d.policy_areas else None for d in doc.directives)
    assert primary == {"705": 6, "1002": 2, None: 1}
    assert {d.id: d.relays for d in doc.directives if d.relays} == {"d01": "d02", "d09": "d02"}  # rules 2.11.1-2
    conditions = {d.id: [c.text for c in d.conditions] for d in doc.directives if d.conditions}
    assert conditions == {"d01": ["except Delhi/NCR"], "d02": ["except in Delhi, NCR"], "d03": ["except in Delhi, NCR"]}
    assert all(not d.or_else for d in doc.directives)
    addressees = [(d.id, a.label, a.kind.value) for d in doc.directives for a in d.addressees]
    assert addressees == [("d01", "NIC", "organization")]  # rule 2.6.1: recipients of the advisory are not
    assert doc.directives[1].object == "not more than 10 per cent pending BS-4 stock with vehicle dealers"
    assert doc.directives[3].content.text.startswith("the stay on")  # rule 2.9: the noun of prohibition
    assert doc.directives[3].cue.text == "has however maintained"  # rule 4.3
    horizons = {h.id: (h.kind.value, str(h.start) if h.start else None, h.anchor) for h in doc.time_horizons}
    assert horizons == {
        "t_within_10_days": ("relative", None, "o_lockdown_lifting"),
        "t_from_1_4_2020": ("open_ended", "2020-04-01", None),
        "t_from_today": ("open_ended", "2020-04-01", None),
        "t_from_april_1": ("open_ended", "2020-04-01", None),
    }
    occasions = {o.id: (o.name, str(o.date) if o.date else None, o.participants) for o in doc.occasions}
    assert occasions == {
        "o_order_2020": ("Order", "2020-03-27", ["supreme_court"]),
        "o_lockdown_lifting": (
            "Lifting of the lockdown in a city following outbreak of Covid-19 in the country",
            None,
            [],
        ),
        "o_orders_2018": ("Orders of apex Court", "2018-10-24", ["supreme_court"]),
        "o_advisory": ("Advisory", "2020-03-27/2020-04-01", ["ministry_of_road_transport_and_highways"]),
    }
    linked = collections.Counter(d.occasion for d in doc.directives)
    assert linked == {"o_order_2020": 4, "o_orders_2018": 3, "o_advisory": 2}


def test_policy_areas_follow_the_code_table_of_the_guidelines(doc: ps.AnnotatedDocument) -> None:
    for item in [*doc.directives, *doc.statements]:
        assert [area.code for area in item.policy_areas] == codes_by_rule_6(doc, item), item.id
    # the condition 'except Delhi/NCR' and the horizon give nothing; without the table's rows nothing would
    table = ps.get_phrase_table()
    assert table.codes("registration of BS-IV vehicles") == ["705", "1002"]


def test_numeric_dates_are_read_day_month_year(doc: ps.AnnotatedDocument) -> None:
    """Rule 8.6: every 'dated D.M.YYYY' in an occasion's evidence is its date."""
    read = []
    for occasion in doc.occasions:
        for evidence in occasion.evidence:
            found = re.fullmatch(r"dated (\d{1,2})\.(\d{1,2})\.(\d{4})", evidence.text)
            if found:
                day, month, year = (int(g) for g in found.groups())
                assert str(occasion.date) == datetime.date(year, month, day).isoformat(), occasion.id
                read.append(occasion.id)
    assert read == ["o_order_2020", "o_orders_2018"]  # 27.3.2020 and 24.10.2018: month first would fail
    horizon = doc.time_horizon("t_from_1_4_2020")
    assert horizon.label == "with effect from 1.4.2020"
    assert str(horizon.start) == "2020-04-01"


def test_the_undated_advisory_lies_between_the_order_and_the_release(doc: ps.AnnotatedDocument) -> None:
    """Rule 8.5: an interval bounded by the order it complies with and the release that reports it."""
    advisory = doc.occasion("o_advisory")
    order = doc.occasion("o_order_2020")
    assert isinstance(advisory.date, ps.DateInterval)
    assert order.date is not None
    assert advisory.date.earliest() == order.date.earliest()
    assert advisory.date.latest() == doc.document.published


def test_cues_and_contents_lie_in_the_evidence_and_never_overlap(doc: ps.AnnotatedDocument) -> None:
    crossing = []
    for item in [*doc.directives, *doc.statements]:
        assert item.cue.end <= item.content.start or item.content.end <= item.cue.start, item.id
        assert any(e.start <= item.content.start and item.content.end <= e.end for e in item.evidence), item.id
        assert any(e.start <= item.cue.start and item.cue.end <= e.end for e in item.evidence), item.id
        first, last = min(item.cue.start, item.content.start), max(item.cue.end, item.content.end)
        if not any(e.start <= first and last <= e.end for e in item.evidence):
            crossing.append(item.id)
    assert crossing == ["d08"]  # rule 1.1: 'Registration ... is permitted' takes the preceding 'As per'


def test_evidence_spans_are_whole_sentences(doc: ps.AnnotatedDocument, builder: dict[str, Any]) -> None:
    """Rule 1: sentences end at '.' before a space, a line end or a capital ('India.In'), not inside '27.3.2020'."""
    starts = [s.text[:24] for s in builder["SENTENCES"]]
    assert starts == [
        "Limited registration of ",  # the title, a line without final punctuation
        "Union Ministry of Road T",
        "The Supreme Court has al",
        "The Apex Court has howev",
        "As per orders of apex Co",
        "Registration  of only BS",
        "In its advisory, which i",  # after 'India.In'
        "Bharat Stage (BS) emissi",  # after 'Court.Bharat'
        "The BS-IV norms have bee",
        "India has decided to swi",
    ]
    assert all(s.text.endswith(".") for s in builder["SENTENCES"][1:])
    sentences = {(s.start, s.end) for s in builder["SENTENCES"]}
    for item in [*doc.directives, *doc.statements]:
        for evidence in item.evidence:
            assert (evidence.start, evidence.end) in sentences, item.id


def test_the_build_script_reproduces_the_committed_file(builder: dict[str, Any]) -> None:
    assert ps.dumps(builder["build"]()) == (FOLDER / "annotation.json").read_text(encoding="utf-8")


def test_the_file_is_canonical_and_lints_clean() -> None:
    text = (FOLDER / "annotation.json").read_text(encoding="utf-8")
    assert ps.dumps(ps.loads(text)) == text
    assert ps.lint(ps.loads(text)) == []


def test_blind_guidelines_keep_the_rules_and_leave_out_this_texts_answers(tmp_path: Path) -> None:
    """make_blind_guidelines.py builds from the current guidelines, and its leak check would catch a quote."""
    tool = runpy.run_path(str(FOLDER / "make_blind_guidelines.py"))
    out = tmp_path / "guidelines-blind.md"
    assert tool["main"]([str(out)]) == 0
    blind = out.read_text(encoding="utf-8")
    assert "## 13. The encoding at a glance" not in blind
    assert "E3" not in blind
    assert "#### 2.10.1 Exceptions are conditions; places are not" in blind  # the rules themselves stay
    assert "### 8.5 Documents and future events as occasions" in blind
    assert "`BS-IV`" not in blind  # the phrase-table rows added for this text go
    assert "E2 d05" in blind  # example 2's citations are not this text's
    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert tool["leaks"](blind, source) == []
    quoted = blind + "\nfor example *the Ministry has stressed upon meticulous compliance of the orders*\n"
    assert any("quotes the text" in leak for leak in tool["leaks"](quoted, source))
