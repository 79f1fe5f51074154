"""Format 1.1: the new fields and their semantic checks, the 1.0 -> 1.1 migration, the published schemas."""

from __future__ import annotations

import copy
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyschema as ps
from policyschema.cli import main
from policyschema.schema import validate_json
from policyschema.validation import SEMANTIC_CHECKS_SKIPPED

from .test_properties import _LOADER_ONLY

ROOT = Path(__file__).parent.parent
V1_0_EXAMPLE = Path(__file__).parent / "data" / "china-daily-ipr-2020.v1.0.json"

# Published schemas never change: a new format version gets a new file. Update only with a release.
PUBLISHED = {"1.0/annotation.schema.json": "343c652ab58af77fa43e2ec11b17941e28eb86359c938f87bf74b0897ccb1c76"}


def _problems(data: dict[str, Any]) -> list[ps.Problem]:
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(json.dumps(data))
    # a report of structural problems ends with one saying the semantic checks were not run
    return [p for p in info.value.problems if p.message != SEMANTIC_CHECKS_SKIPPED]


def _paths(data: dict[str, Any]) -> list[str]:
    return [p.path for p in _problems(data)]


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_published_schemas_are_kept_byte_for_byte(name: str) -> None:
    assert hashlib.sha256((ROOT / "schemas" / name).read_bytes()).hexdigest() == PUBLISHED[name]


# --- new fields ---------------------------------------------------------------------------------


@pytest.fixture
def rich(valid: dict[str, Any]) -> dict[str, Any]:
    """The fixture with a second speaker, an event, a relayed prohibition and a relative horizon."""
    valid["speakers"].append({"id": "li", "name": "Li", "kind": "group"})
    valid["occasions"] = [{"id": "o_acc", "name": "the accident", "kind": "accident", "date": "2016-11-24/2016-11-25"}]
    second = copy.deepcopy(valid["directives"][0])
    second.update(
        id="d02",
        speakers=["xi", "li"],
        polarity="negative",
        modality="permission",
        object=None,
        relays="d01",
        conditions=[valid["directives"][0]["cue"]],
        or_else=[valid["directives"][0]["content"]],
        time_horizon="t2",
    )
    valid["directives"].append(second)
    valid["time_horizons"].append(
        {"id": "t2", "kind": "relative", "anchor": "o_acc", "relation": "within", "offset": "P30D", "label": "x"}
    )
    return valid


def test_every_new_field_loads_round_trips_and_validates(rich: dict[str, Any]) -> None:
    doc = ps.loads(json.dumps(rich))
    d02 = doc.directives[1]
    assert d02.speakers == ["xi", "li"]
    assert d02.polarity is ps.Polarity.NEGATIVE
    assert d02.modality is ps.Modality.PERMISSION
    assert d02.object is None
    assert d02.relays == "d01"
    assert doc.occasions[0].date == ps.DateInterval.parse("2016-11-24/2016-11-25")
    assert doc.time_horizons[1].relation is ps.AnchorRelation.WITHIN
    assert ps.loads(ps.dumps(doc)) == doc
    assert validate_json(json.loads(ps.dumps(doc))) == []


def test_polarity_defaults_to_positive_and_is_always_written(valid: dict[str, Any]) -> None:
    assert "polarity" not in valid["directives"][0]
    doc = ps.loads(json.dumps(valid))
    assert doc.directives[0].polarity is ps.Polarity.POSITIVE
    assert json.loads(ps.dumps(doc))["directives"][0]["polarity"] == "positive"


def test_a_directive_needs_a_speaker(valid: dict[str, Any]) -> None:
    valid["directives"][0]["speakers"] = []
    [problem] = _problems(valid)
    assert problem.path == "$.directives[0].speakers"
    assert "at least one speaker" in problem.message
    assert validate_json(valid)


@pytest.mark.parametrize(
    ("change", "path", "words"),
    [
        ({"speakers": ["xi", "xi"]}, "$.directives[1].speakers[1]", "listed twice"),
        ({"speakers": ["xi", "nobody"]}, "$.directives[1].speakers[1]", "no speaker"),
        ({"relays": "d09"}, "$.directives[1].relays", "no directive"),
    ],
)
def test_references_of_new_fields_resolve(rich: dict[str, Any], change: dict[str, Any], path: str, words: str) -> None:
    rich["directives"][1].update(change)
    [problem] = _problems(rich)
    assert problem.path == path
    assert words in problem.message
    assert validate_json(rich) == []  # loader-only


def test_relays_form_no_cycle(rich: dict[str, Any]) -> None:
    rich["directives"][0]["relays"] = "d02"
    [problem] = _problems(rich)
    assert problem.path == "$.directives[0].relays"
    assert "cycle" in problem.message
    assert '"d01" -> "d02" -> "d01"' in problem.message
    rich["directives"][0]["relays"] = "d01"
    [problem] = _problems(rich)
    assert "cycle" in problem.message


def test_an_anchor_names_an_occasion(rich: dict[str, Any]) -> None:
    rich["time_horizons"][1]["anchor"] = "d01"
    [problem] = _problems(rich)
    assert problem.path == "$.time_horizons[1].anchor"


@pytest.mark.parametrize(
    ("horizon", "path"),
    [
        ({"kind": "relative", "relation": "after"}, "$.time_horizons[1].anchor"),
        ({"kind": "relative", "anchor": "o_acc"}, "$.time_horizons[1].relation"),
        ({"kind": "point", "start": "2021", "anchor": "o_acc"}, "$.time_horizons[1].relation"),
        ({"kind": "point", "start": "2021", "offset": "P1D"}, "$.time_horizons[1].anchor"),
        ({"kind": "relative", "anchor": "o_acc", "relation": "within"}, "$.time_horizons[1].offset"),
        ({"kind": "deadline"}, "$.time_horizons[1].end"),
        ({"kind": "deadline", "start": "2020", "end": "2021"}, "$.time_horizons[1].start"),
        ({"kind": "period", "start": "2021/2022", "end": "2020"}, "$.time_horizons[1].end"),
    ],
)
def test_horizon_rules_are_kept_by_schema_and_loader(rich: dict[str, Any], horizon: dict[str, Any], path: str) -> None:
    rich["time_horizons"][1] = {"id": "t2", "label": "x", **horizon}
    assert path in _paths(rich)
    if not path.endswith(".end") or horizon["kind"] == "deadline":  # dates out of order: loader-only
        assert validate_json(rich), horizon


@pytest.mark.parametrize("value", ["2016-11-26/2016-11-25", "2016/2016/2017", "2016-11-25/", "P30D"])
def test_bad_date_intervals_are_refused(rich: dict[str, Any], value: str) -> None:
    rich["occasions"][0]["date"] = value
    [problem] = _problems(rich)
    assert problem.path == "$.occasions[0].date"


@pytest.mark.parametrize("value", ["P", "30D", "P1.5D", "PT5H", "p1d"])
def test_offsets_are_iso_durations_of_days_weeks_months_years(rich: dict[str, Any], value: str) -> None:
    rich["time_horizons"][1]["offset"] = value
    assert _paths(rich) == ["$.time_horizons[1].offset"]
    assert validate_json(rich)


# --- migration ------------------------------------------------------------------------------------


def test_the_1_0_reference_example_migrates_to_the_same_content() -> None:
    old = ps.load(V1_0_EXAMPLE)
    new = ps.load(ROOT / "examples" / "china-daily-ipr-2020" / "annotation.json")
    assert old.schema_version == ps.SCHEMA_VERSION == "1.1"
    assert attrs.evolve(old, annotation=new.annotation) == new
    assert old.annotation.guidelines.startswith("policyschema guidelines 1.0")
    assert json.loads(ps.dumps(old))["schema_version"] == "1.1"


def test_migration_is_the_same_for_files_strings_and_dicts() -> None:
    raw = V1_0_EXAMPLE.read_bytes()
    data = json.loads(raw)
    before = copy.deepcopy(data)
    assert ps.load(V1_0_EXAMPLE) == ps.loads(raw) == ps.loads(raw.decode()) == ps.structure(data)
    assert data == before, "migration changed its input"
    migrated = ps.migrate(data)
    assert migrated["schema_version"] == "1.1"
    assert all("speakers" in d and "speaker" not in d for d in migrated["directives"])
    assert ps.structure(migrated) == ps.structure(data)


def test_society_becomes_public(valid: dict[str, Any]) -> None:
    v10 = _as_1_0(valid)
    v10["directives"][0]["addressees"][0]["kind"] = "society"
    assert ps.loads(json.dumps(v10)).directives[0].addressees[0].kind is ps.AddresseeKind.PUBLIC


def _as_1_0(valid: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(valid)
    data["schema_version"] = "1.0"
    for directive in data["directives"]:
        directive["speaker"] = directive.pop("speakers")[0]
    return data


def test_problems_in_a_1_0_file_are_reported_where_the_file_has_them(valid: dict[str, Any]) -> None:
    v10 = _as_1_0(valid)
    v10["directives"][0]["speaker"] = "nobody"
    [problem] = _problems(v10)
    assert problem.path == "$.directives[0].speaker"
    v10["directives"][0]["speaker"] = 7
    [problem] = _problems(v10)
    assert problem.path == "$.directives[0].speaker"
    assert "expected a string" in problem.message
    del v10["directives"][0]["speaker"]
    [problem] = _problems(v10)
    assert (problem.path, problem.message) == ("$.directives[0].speaker", "required field is missing")


def test_a_1_0_file_located_by_the_cli(
    tmp_path: Path, valid: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    v10 = _as_1_0(valid)
    v10["directives"][0]["speaker"] = "nobody"
    path = tmp_path / "old.json"
    path.write_text(json.dumps(v10, indent=2), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if '"nobody"' in text)
    assert f"{path}:{line}:" in out
    assert "$.directives[0].speaker:" in out


@pytest.mark.parametrize(
    ("where", "change"),
    [
        (("directives", 0), {"polarity": "positive"}),
        (("directives", 0), {"relays": None}),
        (("directives", 0), {"object": None}),
        (("directives", 0), {"modality": "permission"}),
        (("speakers", 0), {"kind": "group"}),
        (("time_horizons", 0), {"kind": "deadline"}),
        (("time_horizons", 0), {"start": "2021/2022"}),
        (("time_horizons", 0), {"anchor": "o1"}),
    ],
)
def test_a_1_0_file_using_1_1_features_is_refused_by_loader_and_1_0_schema(
    valid: dict[str, Any], where: tuple[str, int], change: dict[str, Any]
) -> None:
    v10 = _as_1_0(valid)
    v10[where[0]][where[1]].update(change)
    problems = _problems(v10)
    assert any("new in format 1.1" in p.message for p in problems), problems
    assert validate_json(v10)  # against the published 1.0 schema, chosen by the file's version
    v10["schema_version"] = "1.1"
    assert validate_json(v10, version="1.0")


def test_1_0_files_are_checked_against_the_published_1_0_schema(valid: dict[str, Any]) -> None:
    v10 = _as_1_0(valid)
    assert validate_json(v10) == []
    assert validate_json(valid, version="1.0")  # a 1.1 document is no 1.0 document
    assert validate_json(json.loads(V1_0_EXAMPLE.read_text(encoding="utf-8"))) == []


# --- the 1.0 schema and the loader accept the same 1.0 files ------------------------------------


def _loader_accepts_structurally(data: Any) -> bool:
    try:
        ps.structure(data, semantic=False)
    except ps.ValidationError:
        return False
    return True


@st.composite
def _mutated_1_0(draw: st.DrawFn) -> Any:
    from .test_properties import _locations, _set

    data = json.loads(V1_0_EXAMPLE.read_text(encoding="utf-8"))
    path, value = draw(st.sampled_from(list(_locations(data))))
    replacement = draw(
        st.sampled_from(
            [None, 7, "x", "group", "permission", "deadline", "2020/2021", [], {}, "public", "society", "P1D"]
        ).filter(lambda v: v != value)
    )
    _set(data, path, replacement)
    if draw(st.booleans()):
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, dict):
            parent[draw(st.sampled_from(["speakers", "polarity", "relays", "anchor", "conditions"]))] = []
    return data


@given(_mutated_1_0())
@settings(suppress_health_check=list(HealthCheck))
def test_mutated_1_0_files_get_the_same_verdict_from_the_1_0_schema_and_the_loader(data: Any) -> None:
    schema_ok = validate_json(data, version="1.0") == []
    try:
        ps.loads(json.dumps(data))
        refused: list[ps.Problem] = []
    except ps.ValidationError as exc:
        refused = exc.problems
    if not refused:
        assert schema_ok, "the loader accepted what the 1.0 schema refuses"
    if not schema_ok:
        assert refused, "the 1.0 schema refused what the loader accepted"
    elif refused:
        # the schema accepts, the loader refuses: only for loader-only reasons (docs/schema.md), never
        # for a structural rule or a horizon rule, which the schema states too
        if not _loader_accepts_structurally(data):
            structural = [p for p in refused if not _LOADER_ONLY.search(p.message) and p.path != "$"]
            assert structural == [], structural
        assert not [p for p in refused if _SHARED_HORIZON_RULE.search(p.message)], refused


#: Messages of the semantic checks that state a rule the schema states too (the horizon kinds).
_SHARED_HORIZON_RULE = re.compile(
    r"a horizon of kind|a deadline has no start|a horizon with|needs an? (anchor|relation|offset)"
)


# --- policyschema migrate ---------------------------------------------------------------------------


def test_migrate_writes_1_1_files_keeping_a_directory_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.json").write_bytes(V1_0_EXAMPLE.read_bytes())
    assert main(["migrate", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    written = tmp_path / "out" / "sub" / "a.json"
    assert json.loads(written.read_text(encoding="utf-8"))["schema_version"] == "1.1"
    assert written.read_text(encoding="utf-8") == ps.dumps(ps.load(V1_0_EXAMPLE))
    assert "wrote" in capsys.readouterr().out


def test_migrate_in_place_and_to_one_file(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_bytes(V1_0_EXAMPLE.read_bytes())
    assert main(["migrate", str(one), "-o", str(tmp_path / "new.json")]) == 0
    assert main(["migrate", str(one), "--in-place"]) == 0
    assert one.read_bytes() == (tmp_path / "new.json").read_bytes()
    assert ps.load(one) == ps.load(V1_0_EXAMPLE)


def test_migrate_refuses_invalid_files_and_bad_targets(tmp_path: Path, valid: dict[str, Any]) -> None:
    bad = _as_1_0(valid)
    bad["directives"][0]["polarity"] = "negative"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    assert main(["migrate", str(path), "--in-place"]) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == bad  # untouched
    assert main(["migrate", str(path), str(path), "-o", str(path)]) == 2
    assert main(["migrate", str(path)]) == 2  # -o or --in-place is required


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
@pytest.mark.parametrize(("items", "definition"), [("directives", "Directive"), ("statements", "Statement")])
def test_1_0_items_generated_from_the_1_0_schema_pass_the_structural_loader(
    valid: dict[str, Any], items: str, definition: str
) -> None:
    from hypothesis_jsonschema import from_schema

    schema = json.loads((ROOT / "schemas" / "1.0" / "annotation.schema.json").read_text(encoding="utf-8"))
    strategy = from_schema({"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"})
    v10 = _as_1_0(valid)

    @given(strategy)
    @settings(max_examples=max(10, settings.default.max_examples // 4), suppress_health_check=list(HealthCheck))
    def run(item: Any) -> None:
        data = {**v10, items: [item]}
        # hypothesis-jsonschema reads "$" as Python does; keep what the schema really accepts (ECMA-262)
        if validate_json(data) != []:
            return
        try:
            ps.structure(data, semantic=False)
        except ps.ValidationError as exc:
            unexpected = [p for p in exc.problems if not _LOADER_ONLY.search(p.message)]
            assert unexpected == [], unexpected

    run()


# --- after the hostile review ---------------------------------------------------------------------


def test_migrate_refuses_two_inputs_for_one_target_before_writing(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.json").write_bytes(V1_0_EXAMPLE.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    assert main(["migrate", str(tmp_path / "a" / "x.json"), str(tmp_path / "b" / "x.json"), "-o", str(out)]) == 2
    assert list(out.iterdir()) == []


def test_migrate_takes_the_project_codebooks(tmp_path: Path, valid: dict[str, Any]) -> None:
    codebook = {"id": "mine", "name": "Mine", "version": "1", "entries": [{"code": "A1", "label": "One"}]}
    (tmp_path / "mine.json").write_text(json.dumps(codebook), encoding="utf-8")
    v10 = _as_1_0(valid)
    v10["directives"][0]["policy_areas"] = [{"codebook": "mine", "code": "A1"}]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(v10), encoding="utf-8")
    assert main(["migrate", str(old), "--codebook", str(tmp_path / "mine.json"), "-o", str(tmp_path / "new.json")]) == 0
    assert json.loads((tmp_path / "new.json").read_text(encoding="utf-8"))["schema_version"] == "1.1"


def test_migrate_rewrites_a_jsonl_corpus_line_by_line(tmp_path: Path, valid: dict[str, Any]) -> None:
    corpus = tmp_path / "in" / "corpus.jsonl"
    corpus.parent.mkdir()
    lines = [json.dumps(_as_1_0(valid)), json.dumps(valid)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["migrate", str(tmp_path / "in"), "-o", str(tmp_path / "out")]) == 0
    written = (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(written) == 2
    assert [ps.loads(line) for line in written] == [ps.loads(line) for line in lines]
    assert all(json.loads(line)["schema_version"] == "1.1" for line in written)


def test_messages_about_1_0_files_list_the_1_0_values_and_fields(valid: dict[str, Any]) -> None:
    v10 = _as_1_0(valid)
    v10["directives"][0]["addressees"][0]["kind"] = "foo"
    v10["directives"][0]["bogus"] = 1
    messages = {p.path: p.message for p in _problems(v10)}
    kinds = messages["$.directives[0].addressees[0].kind"]
    assert '"society"' in kinds
    assert '"group"' in kinds
    assert '"public"' not in kinds
    fields = messages["$.directives[0].bogus"]
    assert "speaker," in fields
    assert "polarity" not in fields
    assert "speakers" not in fields


def test_a_1_0_file_with_speaker_and_speakers_is_told_only_about_speakers(valid: dict[str, Any]) -> None:
    v10 = _as_1_0(valid)
    v10["directives"][0]["speakers"] = ["xi"]
    assert [p.path for p in _problems(v10) if p.path != "$"] == ["$.directives[0].speakers"]


def test_migrate_returns_data_sharing_nothing_with_its_input() -> None:
    data = json.loads(V1_0_EXAMPLE.read_text(encoding="utf-8"))
    migrated = ps.migrate(data)
    migrated["document"]["title"] = "changed"
    assert data["document"]["title"] != "changed"


def test_schema_problems_of_horizons_are_at_the_field(valid: dict[str, Any]) -> None:
    valid["time_horizons"][0]["start"] = None
    assert [(p.path, p.message) for p in validate_json(valid)] == [
        ("$.time_horizons[0].start", "expected a value, got null")
    ]
    valid["time_horizons"][0] = {"id": "t1", "kind": "relative", "label": "x", "anchor": "o", "relation": "within"}
    assert [p.path for p in validate_json(valid)] == ["$.time_horizons[0].offset"]
