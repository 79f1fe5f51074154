"""Agreement between coders: alignment, unit scores, field scores, undefined values, the command line."""

from __future__ import annotations

import csv
import io
import json
import math
import os
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import attrs
import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import policyschema as ps
from policyschema.cli import main
from policyschema.intercoder import corpus_agreement, pair_documents
from policyschema.reliability import cohen_kappa, jaccard_distance, krippendorff_alpha, masi_distance

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": 4 coders, 12 units, missing values.
_ = None
WORKED_EXAMPLE = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


@pytest.fixture(scope="module")
def doc() -> ps.AnnotatedDocument:
    return ps.load(EXAMPLE)


def _directive(doc: ps.AnnotatedDocument, directive_id: str) -> ps.Directive:
    return next(d for d in doc.directives if d.id == directive_id)


def _change_directive(doc: ps.AnnotatedDocument, directive_id: str, **changes: Any) -> ps.AnnotatedDocument:
    directives = [attrs.evolve(d, **changes) if d.id == directive_id else d for d in doc.directives]
    return attrs.evolve(doc, directives=directives)


def _without_directive(doc: ps.AnnotatedDocument, directive_id: str) -> ps.AnnotatedDocument:
    return attrs.evolve(doc, directives=[d for d in doc.directives if d.id != directive_id])


def _span(doc: ps.AnnotatedDocument, start: int, end: int) -> ps.Span:
    assert doc.document.text is not None
    return ps.Span(start=start, end=end, text=doc.document.text[start:end])


def _row_of(report: ps.AgreementReport, kind: str, unit_id: str) -> ps.AlignedRow:
    return next(r for r in report.rows if r.kind == kind and r.members[0] is not None and r.members[0].id == unit_id)


def _with_text(doc: ps.AnnotatedDocument, text: str) -> ps.AnnotatedDocument:
    """The same encoding of another text (offsets stay valid when ``text`` extends the original)."""
    document = attrs.evolve(doc.document, text=text, text_sha256=ps.text_sha256(text), text_length=len(text))
    return attrs.evolve(doc, document=document)


def _row_id(report: ps.AgreementReport, item: ps.Disagreement) -> str:
    """The first coder's local id of the unit a disagreement is about."""
    row = next(r for r in report.rows if (r.document, r.kind, r.row) == (item.document, item.kind, item.row))
    member = row.members[0]
    assert member is not None
    return member.id


def _rename_speaker(doc: ps.AnnotatedDocument, old: str, new: str) -> ps.AnnotatedDocument:
    """The same encoding with a speaker's local id renamed everywhere it is referred to."""

    def ids(item: Any) -> dict[str, Any]:
        return {"speakers": [new if s == old else s for s in item.speakers]}

    return attrs.evolve(
        doc,
        speakers=[attrs.evolve(s, id=new) if s.id == old else s for s in doc.speakers],
        directives=[attrs.evolve(d, **ids(d)) for d in doc.directives],
        statements=[attrs.evolve(s, **ids(s)) for s in doc.statements],
        occasions=[
            attrs.evolve(o, participants=[new if p == old else p for p in o.participants]) for o in doc.occasions
        ],
    )


# --- Krippendorff's alpha, kappa, set distances -------------------------------------------------------------


@pytest.mark.parametrize(
    ("metric", "expected"), [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)]
)
def test_alpha_reproduces_krippendorffs_worked_example(metric: Any, expected: float) -> None:
    assert round(krippendorff_alpha(WORKED_EXAMPLE, metric) or 0, 3) == expected


@pytest.mark.parametrize("metric", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_agrees_with_the_krippendorff_package_on_the_worked_example(metric: str) -> None:
    data = np.array([[np.nan if v is None else v for v in row] for row in WORKED_EXAMPLE], dtype=float)
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement=metric)
    assert krippendorff_alpha(WORKED_EXAMPLE, metric) == pytest.approx(expected, abs=1e-9)  # type: ignore[arg-type]


_matrices = st.integers(2, 4).flatmap(
    lambda coders: st.integers(1, 12).flatmap(
        lambda units: st.lists(
            st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=units, max_size=units),
            min_size=coders,
            max_size=coders,
        )
    )
)


@given(_matrices, st.sampled_from(["nominal", "ordinal", "interval"]))
def test_alpha_agrees_with_the_krippendorff_package(matrix: list[list[int | None]], metric: str) -> None:
    ours = krippendorff_alpha(matrix, metric)  # type: ignore[arg-type]
    data = np.array([[np.nan if v is None else v for v in row] for row in matrix], dtype=float)
    try:
        with np.errstate(all="ignore"):
            theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=metric)
    except ValueError:  # the package refuses data with one value only, or no pairable values
        theirs = math.nan
    if ours is None:
        assert math.isnan(theirs) or theirs == pytest.approx(1.0)  # it may say 1.0 where alpha is undefined
    else:
        assert ours == pytest.approx(theirs, abs=1e-9)


def test_alpha_is_undefined_without_variation_or_pairable_values() -> None:
    assert krippendorff_alpha([["a", "a", "a"], ["a", "a", "a"]]) is None  # one category only
    assert krippendorff_alpha([["a", None], [None, "b"]]) is None  # no unit has two values
    assert krippendorff_alpha([["a", "b"], ["a", "b"]]) == 1.0
    assert krippendorff_alpha([["a", "b"], ["b", "a"]]) == pytest.approx(-0.5)


def test_alpha_refuses_ragged_data_and_unknown_metrics() -> None:
    with pytest.raises(ValueError, match="coder 2 has 1 values"):
        krippendorff_alpha([[1, 2], [1]])
    with pytest.raises(ValueError, match="unknown metric"):
        krippendorff_alpha([[1, 2], [1, 3]], "cosine")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="need numbers"):
        krippendorff_alpha([["a", "b"], ["a", "c"]], "interval")


def test_cohen_kappa() -> None:
    # 2x2 table: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no: po = 0.7, pe = 0.5, kappa = 0.4
    first = ["yes"] * 25 + ["no"] * 25
    second = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(first, second) == pytest.approx(0.4)
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # chance agreement is 1: undefined
    assert cohen_kappa(["a", None], [None, "a"]) is None  # nothing coded by both
    assert cohen_kappa(["a", "b", None], ["a", "b", "c"]) == 1.0  # units one coder left out are skipped


def test_set_distances() -> None:
    a, ab, bc, c = frozenset("a"), frozenset("ab"), frozenset("bc"), frozenset("c")
    assert masi_distance(ab, ab) == 0
    assert masi_distance(a, ab) == 1 - Fraction(1, 2) * Fraction(2, 3)
    assert masi_distance(ab, bc) == 1 - Fraction(1, 3) * Fraction(1, 3)
    assert masi_distance(a, c) == 1
    assert masi_distance(frozenset(), frozenset()) == 0
    assert jaccard_distance(ab, bc) == Fraction(2, 3)


# --- Agreement on the example ------------------------------------------------------------------------------


def test_identical_files_agree_perfectly(doc: ps.AnnotatedDocument) -> None:
    report = ps.agreement([doc, doc])
    for kind, scores in report.units.items():
        assert scores.counts[0] == scores.counts[1] > 0, kind
        for span_scores in (scores.exact, scores.overlap):
            assert (span_scores.precision, span_scores.recall, span_scores.f1) == (1.0, 1.0, 1.0), kind
    for kind, fields in report.fields.items():
        for name, field in fields.items():
            assert field.observed == 1.0, (kind, name)
            assert field.kappa in (1.0, None), (kind, name)
            assert field.alpha in (1.0, None), (kind, name)
            assert (field.alpha is None) == (field.kappa is None), (kind, name)
    assert report.fields["directives"]["force"].alpha == 1.0
    assert report.fields["directives"]["policy_areas"].alpha == 1.0
    # every statement is reported indirectly: one category only, so kappa and alpha are undefined, not 1.0
    assert {s.reported_as for s in doc.statements} == {ps.ReportedAs.INDIRECT}
    assert report.fields["statements"]["reported_as"].alpha is None
    assert report.fields["statements"]["reported_as"].kappa is None
    assert not report.disagreements
    assert {row.match for row in report.rows} == {"exact"}


@pytest.mark.parametrize("path", sorted(EXAMPLE.parent.parent.glob("*/annotation.json")), ids=lambda p: p.parent.name)
def test_every_shipped_example_agrees_with_itself(path: Path) -> None:
    doc = ps.load(path)
    report = ps.agreement([doc, doc, doc])
    assert not report.disagreements
    assert all(row.match == "exact" for row in report.rows)
    for scores in report.units.values():
        assert scores.overlap.f1 in (1.0, None)
    for fields in report.fields.values():
        assert all(field.alpha in (1.0, None) and field.observed in (1.0, None) for field in fields.values())


def test_a_missing_directive_lowers_recall_only(doc: ps.AnnotatedDocument) -> None:
    report = ps.agreement([doc, _without_directive(doc, "d06")], coders=["ann", "bob"])
    scores = report.units["directives"]
    assert scores.counts == (22, 21)
    assert scores.overlap.precision == 1.0
    assert scores.overlap.recall == pytest.approx(21 / 22)
    assert scores.overlap.f1 == pytest.approx(42 / 43)
    assert scores.exact == scores.overlap
    row = _row_of(report, "directives", "d06")
    assert row.match == "unmatched"
    assert row.members[1] is None
    assert report.fields["directives"]["force"].units == 21
    assert report.fields["directives"]["force"].alpha == 1.0
    assert report.units["statements"].overlap.f1 == 1.0
    text = report.format_text()
    assert "only 1 (d06)" in text
    assert _directive(doc, "d06").content.text in text


def test_a_changed_force_is_a_disagreement_weighted_by_distance(doc: ps.AnnotatedDocument) -> None:
    assert _directive(doc, "d03").force == ps.Force.INSTRUCT
    near = ps.agreement([doc, _change_directive(doc, "d03", force=ps.Force.URGE)])
    far = ps.agreement([doc, _change_directive(doc, "d03", force=ps.Force.NOTE)])
    for report in (near, far):
        assert report.units["directives"].exact.f1 == 1.0
        force = report.fields["directives"]["force"]
        assert force.metric == "ordinal"
        assert force.observed == pytest.approx(21 / 22)
        assert force.disagreements == 1
        assert force.kappa is not None
        assert 0 < force.kappa < 1
        assert report.fields["directives"]["modality"].alpha == 1.0
    (disagreement,) = far.disagreements
    assert (disagreement.kind, disagreement.field, disagreement.values) == ("directives", "force", ("instruct", "note"))
    assert disagreement.text == _directive(doc, "d03").content.text
    # ordinal alpha: a neighbouring force costs less than the opposite end of the scale
    near_alpha, far_alpha = near.fields["directives"]["force"].alpha, far.fields["directives"]["force"].alpha
    assert near_alpha is not None
    assert far_alpha is not None
    assert 0 < far_alpha < near_alpha < 1
    # and it is Krippendorff's ordinal alpha of the forces as ranks
    order = list(ps.Force)
    ranks = [[order.index(d.force) for d in doc.directives] for _ in range(2)]
    ranks[1][[d.id for d in doc.directives].index("d03")] = order.index(ps.Force.NOTE)
    assert far_alpha == krippendorff_alpha(ranks, "ordinal")
    text = far.format_text()
    assert "directives #3 force: 1 d03: instruct | 2 d03: note" in text
    assert '"IPR protection"' in text


def test_a_shifted_span_that_still_overlaps_aligns_as_overlap(doc: ps.AnnotatedDocument) -> None:
    d02 = _directive(doc, "d02")
    shifted = _span(doc, d02.content.start + 4, d02.content.end - 10)  # drops "the " and a word at the end
    report = ps.agreement([doc, _change_directive(doc, "d02", content=shifted)])
    row = _row_of(report, "directives", "d02")
    assert row.match == "overlap"
    assert row.score is not None
    assert 0.5 <= row.score < 1
    scores = report.units["directives"]
    assert scores.overlap.f1 == 1.0
    assert scores.exact.f1 == pytest.approx(21 / 22)
    assert report.fields["directives"]["force"].units == 22
    # a stricter threshold than the overlap splits the pair into two unmatched rows
    strict = ps.agreement([doc, _change_directive(doc, "d02", content=shifted)], overlap=0.99)
    assert strict.units["directives"].overlap.f1 == pytest.approx(21 / 22)
    assert sum(1 for r in strict.rows if r.kind == "directives" and r.match == "unmatched") == 2


def test_spans_without_enough_overlap_do_not_align(doc: ps.AnnotatedDocument) -> None:
    d02 = _directive(doc, "d02")
    tail = _span(doc, d02.content.end - 30, d02.content.end)
    report = ps.agreement([doc, _change_directive(doc, "d02", content=tail)])
    assert report.units["directives"].overlap.f1 == pytest.approx(21 / 22)


def test_the_worked_example_in_the_docs(doc: ps.AnnotatedDocument) -> None:
    """docs/agreement.md quotes these numbers; they must stay true."""
    text = doc.document.text
    assert text is not None
    d02 = _directive(doc, "d02")
    end = text.index(" and the establishment", d02.content.start)
    b = _change_directive(doc, "d03", force=ps.Force.URGE)
    b = _change_directive(b, "d02", content=_span(doc, d02.content.start, end))
    b = _change_directive(b, "d01", policy_areas=doc.directives[0].policy_areas[:1])
    b = _without_directive(b, "d06")
    report = ps.agreement([doc, b])
    scores = report.units["directives"]
    shown = [f"{v:.3f}" for v in (scores.exact.precision, scores.exact.recall, scores.exact.f1, scores.overlap.recall)]
    assert shown == ["0.952", "0.909", "0.930", "0.955"]
    force = report.fields["directives"]["force"]
    assert [f"{v:.3f}" for v in (force.observed, force.kappa, force.alpha)] == ["0.952", "0.932", "0.986"]
    areas = report.fields["directives"]["policy_areas"]
    assert [f"{v:.3f}" for v in (areas.observed, areas.kappa, areas.alpha)] == ["0.952", "0.942", "0.952"]
    assert f"{_row_of(report, 'directives', 'd02').score:.4f}" == "0.7037"
    docs = (Path(__file__).parent.parent / "docs" / "agreement.md").read_text(encoding="utf-8")
    assert "directives.force                  ordinal      21     0.952     0.932     0.986" in docs
    assert "directives #3 force: 1 d03: instruct | 2 d03: urge" in report.format_text()


def test_three_coders_average_over_pairs(doc: ps.AnnotatedDocument) -> None:
    second = _without_directive(doc, "d06")
    third = _change_directive(doc, "d03", force=ps.Force.NOTE)
    report = ps.agreement([doc, second, third])
    assert report.coders == ("A", "B", "C")
    scores = report.units["directives"]
    assert scores.counts == (22, 21, 22)
    assert [(p.reference, p.candidate) for p in scores.pairs] == [("A", "B"), ("A", "C"), ("B", "C")]
    pair_f1 = [p.overlap.f1 for p in scores.pairs]
    assert pair_f1 == pytest.approx([42 / 43, 1.0, 42 / 43])
    assert scores.overlap.f1 == pytest.approx(sum(42 / 43 + 1 + 42 / 43 for _ in [0]) / 3)
    assert scores.overlap.recall == pytest.approx((21 / 22 + 1 + 1) / 3)  # B lacks one of A's; C has all of B's
    row = _row_of(report, "directives", "d06")
    assert row.members[1] is None
    assert row.members[2] is not None
    assert row.match == "exact"
    force = report.fields["directives"]["force"]
    assert force.units == 22
    order = list(ps.Force)
    columns = [[order.index(d.force) for d in doc.directives] for _ in range(3)]
    columns[1][[d.id for d in doc.directives].index("d06")] = None  # type: ignore[call-overload]
    columns[2][[d.id for d in doc.directives].index("d03")] = order.index(ps.Force.NOTE)
    assert force.alpha == krippendorff_alpha(columns, "ordinal")
    kappa_ab, kappa_ac, kappa_bc = 1.0, cohen_kappa(columns[0], columns[2]), cohen_kappa(columns[1], columns[2])
    assert force.kappa == pytest.approx((kappa_ab + (kappa_ac or 0) + (kappa_bc or 0)) / 3)
    (disagreement,) = [d for d in report.disagreements if d.field == "force"]
    assert disagreement.values == ("instruct", "instruct", "note")
    # pairwise agreement over the three values of d03: one agreeing pair out of three
    assert force.observed == pytest.approx((20 * 3 + 1 + 1) / (20 * 3 + 3 + 1))


@settings(max_examples=20)  # each example compares the whole reference annotation twice
@given(
    st.lists(st.integers(0, 21), max_size=6),
    st.lists(st.tuples(st.integers(0, 21), st.sampled_from(list(ps.Force))), max_size=6),
)
def test_swapping_two_coders_swaps_precision_and_recall_only(
    doc: ps.AnnotatedDocument, dropped: list[int], forces: list[tuple[int, ps.Force]]
) -> None:
    changed = {doc.directives[i].id: force for i, force in forces}
    gone = {doc.directives[i].id for i in dropped}
    other = attrs.evolve(
        doc,
        directives=[attrs.evolve(d, force=changed.get(d.id, d.force)) for d in doc.directives if d.id not in gone],
    )
    forward, backward = ps.agreement([doc, other]), ps.agreement([other, doc])
    there, back = forward.units["directives"].overlap, backward.units["directives"].overlap
    assert (there.matched, there.f1) == (back.matched, back.f1)
    assert (there.precision, there.recall) == (back.recall, back.precision)
    assert there.matched == 22 - len(gone)
    for name in ("force", "modality", "policy_areas"):
        one, two = forward.fields["directives"][name], backward.fields["directives"][name]
        assert (one.observed, one.alpha, one.disagreements) == (two.observed, two.alpha, two.disagreements)
        assert one.kappa == pytest.approx(two.kappa) if one.kappa is not None else two.kappa is None
    force = forward.fields["directives"]["force"]
    expected = sum(1 for d in doc.directives if d.id not in gone and changed.get(d.id, d.force) != d.force)
    assert force.disagreements == expected


def test_a_unit_joins_a_row_only_if_it_matches_every_member(doc: ps.AnnotatedDocument) -> None:
    d02 = _directive(doc, "d02")
    start, end = d02.content.start, d02.content.end
    middle = (start + end) // 2
    first_half = _change_directive(doc, "d02", content=_span(doc, start, middle + 30))
    second_half = _change_directive(doc, "d02", content=_span(doc, middle - 30, end))
    report = ps.agreement([first_half, doc, second_half], overlap=0.5)
    rows = [
        r for r in report.rows if r.kind == "directives" and any(m is not None and m.id == "d02" for m in r.members)
    ]
    for row in rows:  # every pair of members in a row passes the threshold
        assert row.score is None or row.score >= 0.5
    assert len(rows) == 2


def test_speakers_are_compared_by_identity_not_local_id(doc: ps.AnnotatedDocument) -> None:
    renamed = _rename_speaker(doc, "xi", "xi_jinping")
    report = ps.agreement([doc, renamed])
    assert report.units["speakers"].exact.f1 == 1.0
    assert report.fields["directives"]["speakers"].observed == 1.0
    assert report.fields["speaker_mentions"]["speaker"].observed == 1.0
    assert not report.disagreements


def test_speakers_with_different_wikidata_ids_never_align(doc: ps.AnnotatedDocument) -> None:
    other = attrs.evolve(
        doc,
        speakers=[
            attrs.evolve(s, external_ids=ps.ExternalIds(wikidata="Q1")) if s.id == "xi" else s for s in doc.speakers
        ],
    )
    report = ps.agreement([doc, other])
    assert report.units["speakers"].overlap.f1 == pytest.approx(4 / 6)
    disagreement = next(d for d in report.disagreements if (d.kind, d.field) == ("directives", "speakers"))
    assert disagreement.values == ("Xi Jinping", "Xi Jinping (2)")  # two different people of the same name


def test_horizons_are_compared_by_dates_not_local_id(doc: ps.AnnotatedDocument) -> None:
    relabelled = attrs.evolve(
        doc,
        time_horizons=[attrs.evolve(h, id=f"h{n}") for n, h in enumerate(doc.time_horizons)],
        directives=[
            attrs.evolve(d, time_horizon=None if d.time_horizon is None else f"h{_horizon_index(doc, d.time_horizon)}")
            for d in doc.directives
        ],
        statements=[
            attrs.evolve(s, time_horizon=None if s.time_horizon is None else f"h{_horizon_index(doc, s.time_horizon)}")
            for s in doc.statements
        ],
    )
    assert not ps.agreement([doc, relabelled]).disagreements
    later = attrs.evolve(
        doc,
        time_horizons=[
            attrs.evolve(h, end=ps.PartialDate.parse("2026")) if h.id == "t_fyp14" else h for h in doc.time_horizons
        ],
    )
    report = ps.agreement([doc, later])
    fields = {(d.kind, d.field): d.values for d in report.disagreements}
    assert fields[("time_horizons", "end")] == ("2025", "2026")
    assert fields[("directives", "time_horizon")] == ("period from 2021 to 2025", "period from 2021 to 2026")


def test_format_1_1_fields_are_compared(doc: ps.AnnotatedDocument) -> None:
    d07 = _directive(doc, "d07")
    other = _change_directive(doc, "d01", speakers=["xi", "cpc_central_committee"])
    other = _change_directive(other, "d22", polarity=ps.Polarity.NEGATIVE, object=None)
    other = _change_directive(other, "d07", conditions=[_span(doc, d07.content.start, d07.content.start + 20)])
    other = _change_directive(other, "d21", relays="d03")
    relative = attrs.evolve(
        other.time_horizons[0],
        kind=ps.HorizonKind.RELATIVE,
        start=ps.DateInterval.parse("2020-10/2020-12"),
        end=None,
        anchor="o_fifth_plenary",
        relation=ps.AnchorRelation.AFTER,
    )
    other = attrs.evolve(other, time_horizons=[relative, *other.time_horizons[1:]])
    report = ps.agreement([doc, other])
    found = {(d.kind, _row_id(report, d), d.field): d.values for d in report.disagreements}
    assert found[("directives", "d01", "speakers")] == (
        "Xi Jinping",
        "Central Committee of the Communist Party of China + Xi Jinping",
    )
    assert found[("directives", "d22", "polarity")] == ("positive", "negative")
    assert found[("directives", "d22", "object")] == ("ipr infringement activities", "(none)")
    assert found[("directives", "d07", "conditions")] == ("(none)", _directive(doc, "d07").content.text[:20].lower())
    d03_row = _row_of(report, "directives", "d03").row
    assert found[("directives", "d21", "relays")] == ("(none)", f"directives #{d03_row}")
    assert found[("time_horizons", "t_fyp14", "start")] == ("2021", "2020-10/2020-12")
    assert found[("time_horizons", "t_fyp14", "relation")] == ("(none)", "after")
    plenary = "Fifth Plenary Session of the 19th Central Committee of the CPC"
    assert found[("time_horizons", "t_fyp14", "anchor")] == ("(none)", plenary)
    assert found[("directives", "d07", "time_horizon")] == (
        "period from 2021 to 2025",
        f"relative from 2020-10/2020-12 after anchor {plenary}",
    )
    polarity = report.fields["directives"]["polarity"]
    assert polarity.observed == pytest.approx(21 / 22)
    assert polarity.alpha is not None  # two categories now: defined
    assert polarity.alpha < 0.5


def _horizon_index(doc: ps.AnnotatedDocument, horizon_id: str) -> int:
    return [h.id for h in doc.time_horizons].index(horizon_id)


def test_set_valued_fields_use_masi(doc: ps.AnnotatedDocument) -> None:
    d01 = _directive(doc, "d01")
    assert len(d01.policy_areas) == 2
    other = _change_directive(doc, "d01", policy_areas=d01.policy_areas[:1])
    report = ps.agreement([doc, other])
    areas = report.fields["directives"]["policy_areas"]
    assert areas.metric == "masi"
    assert areas.alpha is not None
    assert 0 < areas.alpha < 1
    assert report.fields["directives"]["primary_policy_area"].alpha == 1.0
    disagreement = next(d for d in report.disagreements if d.field == "policy_areas")
    assert disagreement.values == ("cap:1522 + cap:1798", "cap:1522")
    columns = [
        [frozenset(f"{a.codebook}:{a.code}" for a in d.policy_areas) for d in e.directives] for e in (doc, other)
    ]
    assert areas.alpha == krippendorff_alpha(columns, masi_distance)
    jaccard = ps.agreement([doc, other], set_distance="jaccard").fields["directives"]["policy_areas"]
    assert jaccard.metric == "jaccard"
    assert jaccard.alpha == krippendorff_alpha(columns, jaccard_distance) != areas.alpha


def test_different_texts_are_refused(doc: ps.AnnotatedDocument) -> None:
    assert doc.document.text is not None
    other = _with_text(doc, doc.document.text + "\n")
    with pytest.raises(ps.ValidationError, match="different text"):
        ps.agreement([doc, other])


def test_digest_only_encodings_are_compared_by_digest(doc: ps.AnnotatedDocument) -> None:
    assert doc.document.text is not None
    digest_only = attrs.evolve(
        doc,
        document=attrs.evolve(
            doc.document, text=None, text_sha256=ps.text_sha256(doc.document.text), text_length=len(doc.document.text)
        ),
    )
    report = ps.agreement([digest_only, digest_only])
    assert report.documents[0].measure == "character_jaccard"
    assert ps.agreement([digest_only, doc]).documents[0].measure == "token_jaccard"
    assert ps.agreement([digest_only, digest_only], text=doc.document.text).documents[0].measure == "token_jaccard"
    with pytest.raises(ps.ValidationError, match="digest"):
        ps.agreement([digest_only, digest_only], text="another text")


def test_undefined_scores_are_none_null_and_undefined(doc: ps.AnnotatedDocument) -> None:
    no_statements = attrs.evolve(doc, statements=[])
    report = ps.agreement([no_statements, no_statements])
    statements = report.units["statements"]
    assert statements.counts == (0, 0)
    assert (statements.overlap.precision, statements.overlap.recall, statements.overlap.f1) == (None, None, None)
    kind = report.fields["statements"]["kind"]
    assert (kind.units, kind.observed, kind.kappa, kind.alpha) == (0, None, None, None)
    data = json.loads(report.format_json())
    assert data["units"]["statements"]["f1"] is None
    assert data["fields"]["statements"]["kind"]["alpha"] is None
    assert data["fields"]["directives"]["polarity"]["alpha"] is None  # one category only
    line = next(line for line in report.format_text().splitlines() if line.strip().startswith("statements "))
    assert line.split()[-6:] == ["undefined"] * 6
    # one coder marked none: precision undefined, recall and F1 zero
    one_sided = ps.agreement([doc, no_statements]).units["statements"].overlap
    assert (one_sided.precision, one_sided.recall, one_sided.f1) == (None, 0.0, 0.0)


def test_options_are_checked(doc: ps.AnnotatedDocument) -> None:
    with pytest.raises(ValueError, match="at least two"):
        ps.agreement([doc])
    with pytest.raises(ValueError, match="overlap must be"):
        ps.agreement([doc, doc], overlap=0)
    with pytest.raises(ValueError, match="coder names must differ"):
        ps.agreement([doc, doc], coders=["a", "a"])
    with pytest.raises(ValueError, match="set_distance"):
        ps.agreement([doc, doc], set_distance="cosine")  # type: ignore[arg-type]


def test_corpus_pairs_documents_by_id(doc: ps.AnnotatedDocument) -> None:
    other = attrs.evolve(doc, document=attrs.evolve(doc.document, id="another"))
    lonely = attrs.evolve(doc, document=attrs.evolve(doc.document, id="lonely"))
    pairs, unpaired = pair_documents([[doc, other, lonely], [other, doc]], coders=["a", "b"])
    assert [p.document for p in pairs] == ["another", doc.document.id]
    assert [(u.document, u.coders) for u in unpaired] == [("lonely", ("a",))]
    report = corpus_agreement([[doc, lonely], [_without_directive(doc, "d06")]])
    assert [d.id for d in report.documents] == [doc.document.id]
    assert report.units["directives"].counts == (22, 21)
    assert "not compared: document lonely (only A)" in report.format_text()
    pooled = corpus_agreement([[doc, other], [doc, _without_directive(other, "d06")]])
    assert pooled.units["directives"].counts == (44, 43)
    assert pooled.units["directives"].overlap.recall == pytest.approx(43 / 44)
    with pytest.raises(ps.ValidationError, match="two encodings of document"):
        pair_documents([[doc, doc], [doc]])
    with pytest.raises(ps.ValidationError, match="no document was annotated by every coder"):
        corpus_agreement([[doc], [other]])


# --- The command line --------------------------------------------------------------------------------------


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.fixture
def coders(tmp_path: Path, doc: ps.AnnotatedDocument) -> tuple[Path, Path]:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    ps.dump(doc, first)
    ps.dump(_change_directive(_without_directive(doc, "d06"), "d03", force=ps.Force.NOTE), second)
    return first, second


def test_cli_text_report(capsys: pytest.CaptureFixture[str], coders: tuple[Path, Path]) -> None:
    status, out, _ = _run(capsys, "agree", *map(str, coders))
    assert status == 0
    assert f"coder 1: {coders[0]}" in out
    assert "directives #3 force: 1 d03: instruct | 2 d03: note" in out
    assert "only 1 (d06)" in out


def test_cli_json_and_csv(capsys: pytest.CaptureFixture[str], coders: tuple[Path, Path], tmp_path: Path) -> None:
    status, out, _ = _run(capsys, "agree", *map(str, coders), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert data["units"]["directives"]["f1"] == pytest.approx(42 / 43)
    assert data["units"]["directives"]["exact"]["f1"] == pytest.approx(42 / 43)
    assert 0 < data["fields"]["directives"]["force"]["alpha"] < 1
    assert data["fields"]["directives"]["force"]["metric"] == "ordinal"
    assert data["disagreements"][0]["values"] == {str(coders[0]): "instruct", str(coders[1]): "note"}
    out_file = tmp_path / "alignment.csv"
    status, out, _ = _run(capsys, "agree", *map(str, coders), "--format", "csv", "-o", str(out_file))
    assert (status, out) == (0, "")
    rows = list(csv.DictReader(io.StringIO(out_file.read_text(encoding="utf-8"))))
    assert len(rows) == len(data["rows"])
    d06 = next(r for r in rows if r[f"{coders[0]} id"] == "d06")
    assert (d06["kind"], d06["match"], d06[f"{coders[1]} id"], d06["score"]) == ("directives", "unmatched", "", "")


def test_cli_directories_pair_by_document(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: ps.AnnotatedDocument
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    ps.dump(doc, tmp_path / "a" / "one.json")
    ps.dump(attrs.evolve(doc, document=attrs.evolve(doc.document, id="only-a")), tmp_path / "a" / "two.json")
    ps.dump(doc, tmp_path / "b" / "renamed.json")
    status, out, _ = _run(capsys, "agree", str(tmp_path / "a"), str(tmp_path / "b"), "--format", "json")
    assert status == 0
    data = json.loads(out)
    assert [d["id"] for d in data["documents"]] == [doc.document.id]
    assert data["unpaired"] == [{"document": "only-a", "coders": [str(tmp_path / "a")]}]


def test_cli_refuses_different_texts_and_bad_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: ps.AnnotatedDocument, coders: tuple[Path, Path]
) -> None:
    assert doc.document.text is not None
    other = tmp_path / "other.json"
    ps.dump(_with_text(doc, doc.document.text + " "), other)
    status, out, err = _run(capsys, "agree", str(coders[0]), str(other))
    assert (status, out) == (2, "")
    assert "annotated a different text" in err
    broken = tmp_path / "broken.json"
    data = json.loads(coders[0].read_text(encoding="utf-8"))
    data["directives"][0]["force"] = "demand"
    broken.write_text(json.dumps(data), encoding="utf-8")
    status, _, err = _run(capsys, "agree", str(coders[0]), str(broken))
    assert status == 2
    assert "broken.json: not a valid annotation" in err
    assert "$.directives[0].force" in err
    status, _, err = _run(capsys, "agree", str(coders[0]), str(tmp_path / "missing.json"))
    assert status == 2
    assert "no such file" in err
    status, _, err = _run(capsys, "agree", str(coders[0]))
    assert status == 2
    assert "at least two" in err
    status, _, err = _run(capsys, "agree", *map(str, coders), "--overlap", "1.5")
    assert status == 2
    assert "above 0 and at most 1" in err


def test_cli_output_is_byte_identical_across_hash_seeds(coders: tuple[Path, Path]) -> None:
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "policyschema", "agree", *map(str, coders), "--format", "json"],
            capture_output=True,
            check=True,
            env=env,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
