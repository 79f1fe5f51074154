"""The reference encoding of the China Daily IPR article: complete, exact, and stable."""

from __future__ import annotations

import collections
import hashlib
import runpy
import subprocess
import sys
from pathlib import Path

import pytest

import policyschema as ps

from .example_checks import assert_references_resolve
from .rule6 import codes_by_rule_6

ROOT = Path(__file__).parent.parent
FOLDER = ROOT / "examples" / "china-daily-ipr-2020"
SEED = ROOT.parent / "shared" / "seed" / "000_fcc7202557241261.txt"
SEED_SHA256 = "1878ebeaa6578f060b8152d29eb6ad45e9b18dae484429cede2b82e83e0f214c"


@pytest.fixture(scope="module")
def doc() -> ps.AnnotatedDocument:
    return ps.load(FOLDER / "annotation.json")


def test_source_text_is_the_seed_byte_for_byte() -> None:
    source = (FOLDER / "source.txt").read_bytes()
    assert hashlib.sha256(source).hexdigest() == SEED_SHA256
    if SEED.exists():  # beside a checkout of the project; absent when the repository stands alone
        assert source == SEED.read_bytes()
    assert "\u00a0" in source.decode("utf-8")  # the no-break spaces of the header are kept


def test_inline_text_is_the_source_file(doc: ps.AnnotatedDocument) -> None:
    assert doc.document.text == (FOLDER / "source.txt").read_text(encoding="utf-8")
    assert doc.document.text_sha256 == SEED_SHA256


def test_every_span_quotes_its_slice_of_the_source_file(doc: ps.AnnotatedDocument) -> None:
    from policyschema.checks import _walk

    source = (FOLDER / "source.txt").read_text(encoding="utf-8")
    spans = [(path, obj) for path, obj in _walk(doc, ()) if isinstance(obj, ps.Span)]
    assert len(spans) > 100
    for path, span in spans:
        assert source[span.start : span.end] == span.text, path


def test_every_reference_resolves(doc: ps.AnnotatedDocument) -> None:
    assert_references_resolve(doc)


def test_golden_summary(doc: ps.AnnotatedDocument) -> None:
    """Counts that an accidental edit of the encoding changes; update them only on purpose."""
    assert [s.id for s in doc.speakers] == ["xi", "yi_jiming", "cpc_central_committee"]
    assert len(doc.directives) == 22
    assert len(doc.statements) == 9
    forces = collections.Counter(d.force.value for d in doc.directives)
    assert forces == {"note": 9, "urge": 6, "instruct": 3, "stress": 2, "call_for": 2}
    modalities = collections.Counter(d.modality.value for d in doc.directives)
    assert modalities == {"none": 13, "recommendation": 7, "obligation": 2}
    primary = collections.Counter(d.policy_areas[0].code for d in doc.directives)
    assert primary == {"1522": 21, "1798": 1}
    all_areas = collections.Counter(a.code for d in doc.directives for a in d.policy_areas)
    assert all_areas["1522"] == 22
    horizons = collections.Counter(d.time_horizon for d in doc.directives)
    assert horizons == {None: 20, "t_fyp14": 1, "t_next_five_years": 1}
    assert [s.time_horizon for s in doc.statements if s.time_horizon] == ["t_since_2012"]
    kinds = collections.Counter(s.kind.value for s in doc.statements)
    assert kinds == {"assessment": 6, "causal_claim": 2, "report": 1}
    assert {h.id: (str(h.start), str(h.end) if h.end else None) for h in doc.time_horizons} == {
        "t_fyp14": ("2021", "2025"),
        "t_next_five_years": ("2021", None),
        "t_since_2012": ("2012-11", None),
    }
    assert {o.id: str(o.date) for o in doc.occasions} == {
        "o_study_session": "2020-11-30",
        "o_fifth_plenary": "2020-10",
    }


def test_policy_areas_follow_the_code_table_of_the_guidelines(doc: ps.AnnotatedDocument) -> None:
    for item in [*doc.directives, *doc.statements]:
        assert [area.code for area in item.policy_areas] == codes_by_rule_6(doc, item), item.id


def test_contents_never_overlap_their_cues(doc: ps.AnnotatedDocument) -> None:
    for item in [*doc.directives, *doc.statements]:
        assert item.cue.end <= item.content.start or item.content.end <= item.cue.start, item.id


def test_the_occasion_date_is_the_monday_before_publication(doc: ps.AnnotatedDocument) -> None:
    study = doc.occasion("o_study_session")
    assert study.date is not None
    day = study.date.earliest()
    published = doc.document.published
    assert day.strftime("%A") == "Monday"
    assert 0 < (published.toordinal() - day.toordinal()) < 7


def test_the_build_script_reproduces_the_committed_file(tmp_path: Path) -> None:
    module = runpy.run_path(str(FOLDER / "make_annotation.py"))
    assert ps.dumps(module["build"]()) == (FOLDER / "annotation.json").read_text(encoding="utf-8")


def test_the_file_is_canonical() -> None:
    text = (FOLDER / "annotation.json").read_text(encoding="utf-8")
    assert ps.dumps(ps.loads(text)) == text


def test_load_example_prints_each_directive() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "load_example.py")],
        capture_output=True,
        text=True,
        check=True,
        encoding="utf-8",
    )
    lines = result.stdout.splitlines()
    assert lines[0] == "Xi stresses strengthening IPR protection (China Daily, 2020-12-02)"
    assert len(lines) == 1 + 22
    assert (
        "Xi Jinping — note — plan for the nation's IPR protection — 1522 Copyrights and Patents, "
        "20 Government Operations — the period of the 14th Five-Year Plan (2021-25)"
    ) in lines
