"""Tables: CSV with resolved names, labels and dates; pandas frames for a corpus; stable output."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

import policyschema as ps
from policyschema import tables
from policyschema.exchange import ExchangeError

from .interop_docs import multilingual

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture(scope="module")
def example() -> ps.AnnotatedDocument:
    return ps.load(EXAMPLE)


def test_every_table_has_its_columns_in_order(example: ps.AnnotatedDocument) -> None:
    encoded = tables.encode([example])
    assert tuple(encoded) == tables.TABLES
    for name, text in encoded.items():
        header = text.split("\n", 1)[0]
        assert header == ",".join(column for column, _kind in tables.COLUMNS[name])


def test_directive_rows_resolve_speakers_codes_horizons_and_occasions(example: ps.AnnotatedDocument) -> None:
    rows = _read(tables.encode([example])["directives"])
    assert len(rows) == len(example.directives)
    assert [r["directive_id"] for r in rows] == [d.id for d in example.directives]
    first = rows[0]
    assert first["document_id"] == "chinadaily-2020-12-02-xi-ipr"
    assert first["speaker_ids"] == "xi"
    assert first["speaker_names"] == "Xi Jinping"
    assert first["force"] == "stress"
    assert first["force_strength"] == "4"
    assert first["policy_area_codes"] == "cap:1522 | cap:1798"
    assert first["policy_area_labels"].startswith("Copyrights and Patents | ")
    assert first["primary_major_topic"] == "cap:15"
    assert first["occasion_name"] == "Group study session of the Political Bureau of the CPC Central Committee"
    assert first["occasion_date"] == "2020-11-30"
    fyp = next(r for r in rows if r["time_horizon_id"] == "t_fyp14")
    assert (fyp["horizon_start"], fyp["horizon_end"]) == ("2021", "2025")
    assert (fyp["horizon_first_day"], fyp["horizon_last_day"]) == ("2021-01-01", "2025-12-31")
    instructed = next(r for r in rows if r["cue"] == "instructed")
    assert instructed["force"] == "instruct"
    assert instructed["addressees"] == "Party committees and governments at all levels"


def test_speaker_horizon_and_long_tables(example: ps.AnnotatedDocument) -> None:
    encoded = tables.encode([example])
    speakers = {r["speaker_id"]: r for r in _read(encoded["speakers"])}
    assert speakers["xi"]["wikidata"] == "Q15031"
    assert speakers["xi"]["directives"] == str(sum("xi" in d.speakers for d in example.directives))
    assert speakers["xi"]["roles"] == "general secretary, Communist Party of China Central Committee"
    horizons = {r["time_horizon_id"]: r for r in _read(encoded["time_horizons"])}
    assert horizons["t_since_2012"]["first_day"] == "2012-11-01"
    assert horizons["t_next_five_years"]["last_day"] == ""
    areas = _read(encoded["policy_areas"])
    assert len(areas) == sum(len(i.policy_areas) for i in [*example.directives, *example.statements])
    assert areas[0] == {
        "document_id": "chinadaily-2020-12-02-xi-ipr",
        "item_type": "directive",
        "item_id": "d01",
        "rank": "1",
        "codebook": "cap",
        "code": "1522",
        "label": "Copyrights and Patents",
        "major_topic": "15",
        "major_topic_label": ps.get_codebook("cap").entry("15").label,
    }


def test_multi_valued_cells_and_the_new_fields() -> None:
    encoded = tables.encode([multilingual()])
    d1, d2 = _read(encoded["directives"])
    assert d1["speaker_names"] == "Xi Jinping | Li Unnamed"
    assert d1["addressees"] == "the public | officials"
    assert d1["addressee_kinds"] == "public | group"
    assert d1["conditions"] == "where conditions permit"
    assert d1["or_else"] == "or be held accountable"
    assert d2["polarity"] == "negative"
    assert d2["relays"] == "d1"
    assert d2["object"] == ""
    (horizon,) = [r for r in _read(encoded["time_horizons"]) if r["time_horizon_id"] == "t2"]
    assert (horizon["anchor_id"], horizon["anchor_name"], horizon["relation"], horizon["offset"]) == (
        "o1",
        "A meeting",
        "within",
        "P30D",
    )
    addressees = _read(encoded["addressees"])
    assert [(a["rank"], a["label"], a["text"]) for a in addressees] == [
        ("1", "the public", ""),
        ("2", "officials", "officials"),
    ]


def test_output_is_deterministic_and_rows_follow_the_documents(example: ps.AnnotatedDocument) -> None:
    first = tables.encode([example, multilingual()])
    assert first == tables.encode([example, multilingual()])
    ids = [r["document_id"] for r in _read(first["documents"])]
    assert ids == ["chinadaily-2020-12-02-xi-ipr", "multi-1"]


def test_write_one_table_or_all(tmp_path: Path, example: ps.AnnotatedDocument) -> None:
    (one,) = tables.write([example], tmp_path / "out" / "directives.csv")
    assert one.read_text(encoding="utf-8") == tables.encode([example])["directives"]
    written = tables.write([example], tmp_path / "all")
    assert sorted(p.name for p in written) == sorted(f"{t}.csv" for t in tables.TABLES)
    with pytest.raises(ExchangeError, match="name the file after a table"):
        tables.write([example], tmp_path / "mine.csv")


def test_frames_are_typed_for_analysis(example: ps.AnnotatedDocument) -> None:
    frames = tables.frames([example, multilingual()])
    directives = frames["directives"]
    assert list(directives.columns) == [c for c, _k in tables.COLUMNS["directives"]]
    assert len(directives) == len(example.directives) + 2
    assert directives["force"].cat.ordered
    assert (directives["force"] >= "urge").sum() == sum(d.force >= ps.Force.URGE for d in example.directives) + 1
    assert str(directives["force_strength"].dtype) == "Int64"
    assert str(directives["horizon_first_day"].dtype) == "datetime64[s]"
    assert directives.loc[directives.directive_id == "d1", "speaker_names"].iloc[0] == ["Xi Jinping", "Li Unnamed"]
    exploded = directives.explode("speaker_names")
    assert "Li Unnamed" in set(exploded["speaker_names"])
    merged = directives.merge(
        frames["speakers"],
        left_on=["document_id", directives["speaker_ids"].str[0]],
        right_on=["document_id", "speaker_id"],
    )
    assert len(merged) == len(directives)
    empty = tables.frames([])
    assert all(len(frame) == 0 for frame in empty.values())
    assert isinstance(empty["directives"], pd.DataFrame)
