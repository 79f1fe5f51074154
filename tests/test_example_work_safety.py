"""The second reference encoding (Xinhua work-safety readout, 27 November 2016): complete, exact, stable."""

from __future__ import annotations

import collections
import datetime
import hashlib
import runpy
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.checks import _walk

from .example_checks import assert_references_resolve
from .rule6 import codes_by_rule_6

ROOT = Path(__file__).parent.parent
FOLDER = ROOT / "examples" / "xinhua-work-safety-2016"
SOURCE_SHA256 = "0e3b4979ffa6943bbc7a6e6a639442f3351f76254a63dc8e0fbcf855a4032b04"


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
    assert text.startswith("BEIJING, Nov. 27 -- Chinese authorities on Sunday told safety watchdogs")
    assert text.endswith("to prevent serious accidents from happening again, Li said.\n")
    assert "the injured.Supervision" in text  # the source's missing space is kept


def test_inline_text_is_the_source_file(doc: ps.AnnotatedDocument) -> None:
    assert doc.document.text == (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert doc.document.text_sha256 == SOURCE_SHA256
    assert doc.schema_version == ps.SCHEMA_VERSION == "1.1"


def test_every_span_quotes_its_slice_of_the_source_file(doc: ps.AnnotatedDocument) -> None:
    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    spans = [(path, obj) for path, obj in _walk(doc, ()) if isinstance(obj, ps.Span)]
    assert len(spans) > 60
    for path, span in spans:
        assert source[span.start : span.end] == span.text, path


def test_every_reference_resolves(doc: ps.AnnotatedDocument) -> None:
    assert_references_resolve(doc)


def test_golden_summary(doc: ps.AnnotatedDocument) -> None:
    """Counts that an accidental edit of the encoding changes; update them only on purpose."""
    assert [(s.id, s.kind.value) for s in doc.speakers] == [
        ("state_council", "collective_body"),
        ("ma_kai", "person"),
        ("xi", "person"),
        ("li", "person"),
        ("attendees", "group"),
    ]
    assert len(doc.directives) == 16
    assert len(doc.statements) == 1
    speakers = collections.Counter(tuple(d.speakers) for d in doc.directives)
    assert speakers == {("state_council",): 10, ("attendees",): 1, ("xi",): 2, ("li",): 3}
    forces = collections.Counter(d.force.value for d in doc.directives)
    assert forces == {"note": 9, "urge": 3, "instruct": 2, "suggest": 1, "call_for": 1}
    modalities = collections.Counter(d.modality.value for d in doc.directives)
    assert modalities == {"recommendation": 8, "none": 7, "necessity": 1}
    assert {d.polarity.value for d in doc.directives} == {"positive"}
    primary = collections.Counter(d.policy_areas[0].code if d.policy_areas else None for d in doc.directives)
    assert primary == {"501": 10, "1523": 2, "1210": 1, "3": 1, None: 2}
    assert [a.code for a in doc.statements[0].policy_areas] == ["501", "805", "10", "704", "1525", "8"]
    assert doc.statements[0].kind.value == "assessment"
    assert {d.id: d.relays for d in doc.directives if d.relays} == {"d02": "d12", "d03": "d15"}
    assert [d.id for d in doc.directives if d.object is None] == ["d05"]
    assert {d.id: d.time_horizon for d in doc.directives if d.time_horizon} == {"d12": "t_after_accident"}
    addressees = collections.Counter((a.label, a.kind.value) for d in doc.directives for a in d.addressees)
    assert addressees == {
        ("local authorities", "collective_body"): 4,
        ("safety watchdogs nationwide", "collective_body"): 1,
        ("those involved", "group"): 1,
    }
    occasions = collections.Counter(d.occasion for d in doc.directives)
    assert occasions == {"o_meeting": 11, "o_xi_remarks": 2, None: 3}
    assert {o.id: (o.kind.value, str(o.date)) for o in doc.occasions} == {
        "o_meeting": ("meeting", "2016-11-27"),
        "o_accident": ("accident", "2016-11-24"),
        "o_xi_remarks": ("other", "2016-11-24"),
    }
    [horizon] = doc.time_horizons
    assert horizon.relation is not None
    assert (horizon.kind.value, horizon.anchor, horizon.relation.value, horizon.start, horizon.end) == (
        "relative",
        "o_accident",
        "after",
        None,
        None,
    )
    assert all(not d.conditions and not d.or_else for d in doc.directives)
    # settled after the second annotation (guidelines 2.2.1, 5.2.2, 8.1)
    actions = {d.id: (d.action, d.object) for d in doc.directives}
    assert actions["d09"] == ("improve", "work safety")
    assert actions["d16"] == ("take", "precautionary measures")
    assert actions["d08"] == ("make", "precautions")
    assert {o.id: o.name for o in doc.occasions} == {
        "o_meeting": "Meeting on work safety of the State Council",
        "o_accident": "Deadly power plant accident in east China's Jiangxi Province",
        "o_xi_remarks": "Xi Jinping's remarks of 2016-11-24",
    }
    assert doc.speaker("attendees").name == "Attendees of the meeting on work safety of the State Council"


def test_policy_areas_follow_the_code_table_of_the_guidelines(doc: ps.AnnotatedDocument) -> None:
    for item in [*doc.directives, *doc.statements]:
        assert [area.code for area in item.policy_areas] == codes_by_rule_6(doc, item), item.id
    # the horizon's 'accident' gives no code to d12 (rule 6, context); without the rule it would
    d12 = next(d for d in doc.directives if d.id == "d12")
    assert ps.get_phrase_table().codes(d12.content.text) == ["1523", "501"]


def test_cues_and_contents_lie_in_the_evidence_and_never_overlap(doc: ps.AnnotatedDocument) -> None:
    """Rule 4: the evidence holds the content's sentence and, across sentences (rule 1.1), the cue's."""
    crossing = []
    for item in [*doc.directives, *doc.statements]:
        assert item.cue.end <= item.content.start or item.content.end <= item.cue.start, item.id
        assert any(e.start <= item.content.start and item.content.end <= e.end for e in item.evidence), item.id
        assert any(e.start <= item.cue.start and item.cue.end <= e.end for e in item.evidence), item.id
        assert [e.start for e in item.evidence] == sorted({e.start for e in item.evidence}), item.id
        first, last = min(item.cue.start, item.content.start), max(item.cue.end, item.content.end)
        if not any(e.start <= first and last <= e.end for e in item.evidence):
            crossing.append(item.id)
    assert crossing == ["d08", "d09"]


def test_evidence_spans_are_whole_sentences(doc: ps.AnnotatedDocument, builder: dict[str, Any]) -> None:
    sentences = {(s.start, s.end) for s in builder["SENTENCES"]}
    assert len(sentences) == 16  # 11 lines; the dateline is not part of the first sentence
    for item in [*doc.directives, *doc.statements]:
        for evidence in item.evidence:
            assert (evidence.start, evidence.end) in sentences, item.id
    first, *_, last = builder["SENTENCES"]
    assert first.text.startswith("Chinese authorities on Sunday")
    assert last.text.startswith("Supervision should be strengthened")  # split at 'injured.Supervision'


def test_relative_dates_follow_the_dateline(doc: ps.AnnotatedDocument) -> None:
    """Rule 8: a weekday equal to the dateline's is the dateline day; any other is the last one before it."""
    published = doc.document.published
    assert published == datetime.date(2016, 11, 27)
    for occasion_id, weekday in [("o_meeting", "Sunday"), ("o_accident", "Thursday"), ("o_xi_remarks", "Thursday")]:
        date = doc.occasion(occasion_id).date
        assert date is not None
        day = date.earliest()
        assert day.strftime("%A") == weekday
        assert 0 <= (published.toordinal() - day.toordinal()) < 7


def test_relayed_directives_are_by_the_speakers_the_relay_names(doc: ps.AnnotatedDocument) -> None:
    by_id = {d.id: d for d in doc.directives}
    for directive in doc.directives:
        if directive.relays is None:
            continue
        relayed = by_id[directive.relays]
        assert relayed.speakers[0] not in directive.speakers
        names = [doc.speaker(s).name for s in relayed.speakers]
        mentioned = {m.start for s in relayed.speakers for m in doc.speaker(s).mentions}
        assert any(directive.content.start <= m < directive.content.end for m in mentioned), (directive.id, names)


def test_the_build_script_reproduces_the_committed_file(builder: dict[str, Any]) -> None:
    assert ps.dumps(builder["build"]()) == (FOLDER / "annotation.json").read_text(encoding="utf-8")


def test_the_file_is_canonical() -> None:
    text = (FOLDER / "annotation.json").read_text(encoding="utf-8")
    assert ps.dumps(ps.loads(text)) == text


def test_blind_guidelines_keep_the_rules_and_leave_out_this_texts_answers(tmp_path: Path) -> None:
    """make_blind_guidelines.py builds from the current guidelines, and its leak check would catch a quote."""
    tool = runpy.run_path(str(FOLDER / "make_blind_guidelines.py"))
    out = tmp_path / "guidelines-blind.md"
    assert tool["main"]([str(out)]) == 0
    blind = out.read_text(encoding="utf-8")
    assert "## 11. The encoding at a glance" not in blind
    assert "#### 2.2.1 Framing noun or the thing itself" in blind  # the rules themselves stay
    assert "### 8.1 Names of occasions" in blind
    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert tool["leaks"](blind, source) == []
    quoted = blind + "\nfor example *Local authorities should take innovative measures to improve*\n"
    assert any("quotes the text" in leak or "names the text" in leak for leak in tool["leaks"](quoted, source))


def test_blind_guidelines_keep_the_general_phrases_of_this_texts_rows(tmp_path: Path) -> None:
    """A row added for this text loses only the phrases the text contains, and the note's sentences about them."""
    tool = runpy.run_path(str(FOLDER / "make_blind_guidelines.py"))
    out = tmp_path / "guidelines-blind.md"
    assert tool["main"]([str(out)]) == 0
    rows = [line for line in out.read_text(encoding="utf-8").split("\n") if line.startswith("| `")]
    table = "\n".join(rows)
    # general phrases of rows that example 2 needed stay visible, with their codes
    assert "| `power supply` | 802 " in table
    assert "| `disaster relief`, `extreme* weather` | 1523 " in table
    assert "| `production safety` (primary) | 501 " in table
    # phrases that occur in the text, and note sentences naming them, are left out
    phrase_cells = "\n".join(row.split(" | ")[0] for row in rows)
    for phrase in ("`power plant*`", "`accident*`", "`bad weather`", "`rescue*`", "`construction site*`", "`traffic`"):
        assert phrase not in phrase_cells, phrase
    assert "Inside `power plant accident*`" not in table
    assert "example 2" not in table.lower()
    # rows that do not cite example 2 are untouched
    assert "| `road traffic`, `road safety` | 1002 " in table
    row = "| `fireworks`, `firecrackers` | 1525 Consumer Safety | Fireworks are products (example 2, s01). Toys too. |"
    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert tool["_blind_row"](row, source) == "| `firecrackers` | 1525 Consumer Safety | Toys too. |"
    assert tool["_blind_row"]("| `coal mine*` | 805 Coal | Example 2, s01. |", source) is None
