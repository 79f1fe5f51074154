from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps


def test_cap_master_codebook_ships_complete() -> None:
    cap = ps.get_codebook("cap")
    majors = [e for e in cap.entries if e.parent is None]
    assert [int(e.code) for e in majors] == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23]
    assert cap.entry("1522").label == "Copyrights and Patents"
    assert cap.entry("1522").parent == "15"
    assert len(cap.entries) - len(majors) > 200
    for entry in cap.entries:
        if entry.parent is not None:
            assert entry.code[:-2] == entry.parent
            assert len(entry.code) == len(entry.parent) + 2
    assert cap.version
    assert cap.source


def _manifesto(tmp_path: Path, **changes: Any) -> Path:
    data = {
        "id": "manifesto",
        "name": "Manifesto Project coding scheme",
        "version": "5",
        "entries": [
            {"code": "4", "label": "Economy"},
            {"code": "403", "label": "Market Regulation", "parent": "4"},
            {"code": "202.1", "label": "Democracy: General: Positive"},
        ],
    }
    data.update(changes)
    path = tmp_path / "manifesto.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_users_register_their_own_codebook(tmp_path: Path, valid: dict[str, Any]) -> None:
    codebook = ps.load_codebook(_manifesto(tmp_path))
    ps.register_codebook(codebook)
    assert "manifesto" in ps.registered_codebooks()
    valid["directives"][0]["policy_areas"].append({"codebook": "manifesto", "code": "202.1"})
    ps.loads(json.dumps(valid))
    with pytest.raises(ValueError, match="already registered"):
        ps.register_codebook(ps.Codebook(id="manifesto", name="other", version="1", entries=[]))


def test_codebook_file_problems_are_reported_with_paths(tmp_path: Path) -> None:
    path = _manifesto(
        tmp_path,
        entries=[
            {"code": "4", "label": "Economy"},
            {"code": "4", "label": "Again"},
            {"code": "403", "label": "Market Regulation", "parent": "9"},
            {"code": "1", "label": "x", "parent": "1"},
        ],
    )
    with pytest.raises(ps.ValidationError) as info:
        ps.load_codebook(path)
    assert [p.path for p in info.value.problems] == ["$.entries[1].code", "$.entries[2].parent", "$.entries[3].parent"]


def test_codebook_file_is_strict(tmp_path: Path) -> None:
    with pytest.raises(ps.ValidationError) as info:
        ps.load_codebook(_manifesto(tmp_path, version=5, colour="red"))
    assert [p.path for p in info.value.problems] == ["$.version", "$.colour"]


def test_cycles_are_found_once_each_and_long_chains_are_fine(tmp_path: Path) -> None:
    chain = [{"code": "c0", "label": "root"}] + [
        {"code": f"c{i}", "label": f"level {i}", "parent": f"c{i - 1}"} for i in range(1, 5000)
    ]
    cycle = [
        {"code": "a", "label": "a", "parent": "b"},
        {"code": "b", "label": "b", "parent": "a"},
        {"code": "leads_in", "label": "not its own ancestor", "parent": "a"},
    ]
    with pytest.raises(ps.ValidationError) as info:
        ps.load_codebook(_manifesto(tmp_path, entries=chain + cycle))
    assert [p.path for p in info.value.problems] == ["$.entries[5000].parent", "$.entries[5001].parent"]


def test_unknown_field_message_lists_only_fields_a_file_can_have(tmp_path: Path) -> None:
    with pytest.raises(ps.ValidationError) as info:
        ps.load_codebook(_manifesto(tmp_path, colour="red"))
    assert "_index" not in info.value.problems[0].message
