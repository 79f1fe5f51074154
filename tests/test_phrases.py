"""Phrase tables (guidelines rule 6): longest match, stop phrases, primary codes, ignored ranges; code search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.cli import main

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def cap() -> ps.PhraseTable:
    return ps.get_phrase_table("cap")


def test_the_shipped_cap_table_is_valid_and_its_codes_exist(cap: ps.PhraseTable) -> None:
    assert cap.codebook == "cap"
    assert cap.problems() == []
    codebook = ps.get_codebook("cap")
    assert all(code in codebook for row in cap.rows for code in row.codes)
    assert ps.get_phrase_table() is cap  # loaded once
    with pytest.raises(KeyError, match="no phrase table"):
        ps.get_phrase_table("manifesto")


def test_the_longest_phrase_at_a_place_wins(cap: ps.PhraseTable) -> None:
    assert cap.codes("a power plant") == ["802"]
    assert cap.codes("a deadly power plant accident") == ["501"]  # not 802 as well
    [match] = cap.matches("a deadly power plant accident")
    assert (match.phrase, match.text_range) == ("power plant accident*", (9, 29))
    # a longer phrase of another row consumes the shorter one inside it
    assert cap.codes("rules to protect traditional culture") == ["1522", "23"]
    assert cap.codes("the development and protection of core technologies") == ["1798", "1522"]


def test_a_stop_phrase_gives_no_code_and_blocks_the_shorter_phrase(cap: ps.PhraseTable) -> None:
    assert cap.codes("take innovative measures") == []
    assert cap.codes("the orderly flow of innovative factors") == ["1798"]


def test_primary_codes_come_first_then_text_order_each_once(cap: ps.PhraseTable) -> None:
    text = "The export of IPR related to national security must be managed in line with the law"
    assert cap.codes(text) == ["1522", "1803", "16", "1210"]
    assert cap.codes("laws and regulations on laws") == ["1210"]
    assert cap.codes("promote accountability to improve workplace safety after accidents") == ["501"]


def test_whole_words_any_case_any_white_space(cap: ps.PhraseTable) -> None:
    assert cap.codes("a flawless lawful act") == []  # 'law' is not inside 'flawless' or 'lawful'
    assert cap.codes("WORK\n  SAFETY") == ["501"]
    assert cap.codes("Innovation") == ["1798"]  # innovat* continues the word
    assert cap.codes("") == []


def test_ignored_ranges_give_no_code(cap: ps.PhraseTable) -> None:
    text = "step up rescue efforts after the deadly accident"
    after = text.index("after the deadly accident")
    assert cap.codes(text) == ["1523", "501"]
    assert cap.codes(text, ignore=[(after, len(text))]) == ["1523"]
    # a phrase that only touches the ignored range still counts
    assert cap.codes("rescue", ignore=[(6, 6)]) == ["1523"]


def _table(tmp_path: Path, rows: list[dict[str, Any]], codebook: str = "cap") -> Path:
    path = tmp_path / "phrases.json"
    path.write_text(json.dumps({"codebook": codebook, "version": "test", "rows": rows}), encoding="utf-8")
    return path


def test_users_load_their_own_table(tmp_path: Path) -> None:
    table = ps.load_phrase_table(_table(tmp_path, [{"phrases": ["tax*"], "codes": ["107"], "primary": True}]))
    assert table.codes("Taxation and taxes") == ["107"]


def test_table_problems_are_reported_with_paths(tmp_path: Path) -> None:
    rows = [
        {"phrases": ["work  safety", "a|b", "ok*"], "codes": ["501", "9999"]},
        {"phrases": ["OK*"], "codes": [], "primary": True},
        {"phrases": [], "codes": ["501"]},
    ]
    with pytest.raises(ps.ValidationError) as caught:
        ps.load_phrase_table(_table(tmp_path, rows))
    problems = {(p.path, p.message.split(" ")[0]) for p in caught.value.problems}
    assert problems == {
        ("$.rows[0].phrases[0]", "phrase"),
        ("$.rows[0].phrases[1]", "phrase"),
        ("$.rows[0].codes[1]", "code"),
        ("$.rows[1].phrases[0]", "phrase"),  # the same phrase as row 0's, whatever its case
        ("$.rows[1].primary", "a"),
        ("$.rows[2].phrases", "a"),
    }
    with pytest.raises(ps.ValidationError, match=r"\$\.rows\[0\]\.codes\[0\]: expected a string"):
        ps.load_phrase_table(_table(tmp_path, [{"phrases": ["x"], "codes": [501]}]))
    with pytest.raises(ps.ValidationError, match="no codebook 'nope'"):
        ps.load_phrase_table(_table(tmp_path, [{"phrases": ["x"], "codes": []}], codebook="nope"))


def test_the_guidelines_print_the_shipped_table(cap: ps.PhraseTable) -> None:
    guidelines = (ROOT / "docs" / "guidelines.md").read_text(encoding="utf-8")
    hint = "paste the output of: python -c 'import policyschema as ps; print(ps.get_phrase_table().to_markdown())'"
    assert cap.to_markdown() in guidelines, hint
    assert cap.to_markdown().count("\n") == len(cap.rows) + 2


def test_codebook_search_needs_every_word_in_any_case() -> None:
    codebook = ps.get_codebook("cap")
    assert [e.code for e in codebook.search("PATENT")] == ["1522"]
    assert next(e.code for e in codebook.search("worker safety")) == "501"
    assert all("disaster" in (e.label + (e.description or "")).lower() for e in codebook.search("disaster"))
    assert codebook.search("patent zebra") == []
    codes = [e.code for e in codebook.search("health")]
    assert codes == [e.code for e in codebook.entries if e.code in codes]  # codebook order
    with pytest.raises(ValueError, match="no words"):
        codebook.search(" ,; ")


def test_the_codes_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["codes", "copyrights", "PATENTS"]) == 0
    out, _ = capsys.readouterr()
    assert out == "1522\tCopyrights and Patents  (under 15 Domestic Commerce)\n"
    # a word no label has may still have a code by the shipped phrase table (rule 6); listed codes once
    assert main(["codes", "vehicles", "and", "BS-IV", "vehicles"]) == 0
    out, _ = capsys.readouterr()
    assert out == (
        "1002\tHighway Construction, Transportation, Maintenance, and Safety  (phrase table: 'vehicle*')\n"
        "705\tAir pollution, Global Warming, and Noise Pollution  (phrase table: 'BS-IV')\n"
    )
    assert main(["codes", "zebra"]) == 1
    assert "no code of cap matches 'zebra'" in capsys.readouterr().err
    assert main(["codes", "--codebook", "nope", "x"]) == 2
    assert "no codebook 'nope'" in capsys.readouterr().err
    own = tmp_path / "own.json"
    own.write_text(
        json.dumps({"id": "own", "name": "Own", "version": "1", "entries": [{"code": "1", "label": "Roads"}]}),
        encoding="utf-8",
    )
    assert main(["codes", "--codebook-file", str(own), "road"]) == 0
    assert capsys.readouterr().out == "1\tRoads\n"
    assert main(["codes", "--codebook-file", str(tmp_path / "missing.json"), "road"]) == 2
    assert "cannot read" in capsys.readouterr().err
    own.write_text("{}", encoding="utf-8")
    assert main(["codes", "--codebook-file", str(own), "road"]) == 2
    assert "not a valid codebook" in capsys.readouterr().err
    assert main(["codes", "--", "-"]) == 2
