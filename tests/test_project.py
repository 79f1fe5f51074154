"""Own codebooks in CI (issue 9, part 7) and CI recipes that fail on a wrong path (part 8)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps

from .test_cli import _run, _run_process


def _codebook(path: Path, codebook_id: str = "ourbook") -> Path:
    data = {
        "id": codebook_id,
        "name": "Our categories",
        "version": "1",
        "entries": [{"code": "A1", "label": "Agriculture"}],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _annotation(path: Path, valid: dict[str, Any], codebook_id: str = "ourbook") -> Path:
    valid["directives"][0]["policy_areas"].append({"codebook": codebook_id, "code": "A1"})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(valid, indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["validate", "lint", "show", "fmt"])
def test_codebook_option_on_every_command_that_reads_annotations(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    valid: dict[str, Any],
    command: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    codebook_id = f"ourbook_{command}"  # the registry is per process: one id a test
    annotation = _annotation(tmp_path / "a.json", valid, codebook_id)
    codebook = _codebook(tmp_path / "ourbook.json", codebook_id)
    status, out, err = _run(capsys, command, str(annotation))
    assert status == 1
    assert "--codebook FILE" in out + err
    status, out, err = _run(capsys, command, "--codebook", str(codebook), "--codebook", str(codebook), str(annotation))
    assert "is registered" not in out + err
    # lint finds the fixture's departures from the guidelines; the file is valid
    assert status == (1 if command == "lint" else 0), out + err


def test_codebooks_named_in_the_nearest_pyproject_are_used(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, valid: dict[str, Any]
) -> None:
    _codebook(tmp_path / "codebooks" / "ourbook.json", "pyprojectbook")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.policyschema]\ncodebooks = ["codebooks/ourbook.json"]\n', encoding="utf-8"
    )
    annotation = _annotation(tmp_path / "annotations" / "a.policy.json", valid, "pyprojectbook")
    work = tmp_path / "annotations" / "deeper"
    work.mkdir()
    monkeypatch.chdir(work)  # found from a subdirectory, paths relative to the pyproject
    status, out, err = _run(capsys, "validate", str(annotation))
    assert status == 0, out + err
    assert [p.name for p in ps.config.project_codebook_paths(work)] == ["ourbook.json"]


def test_a_bad_project_setting_or_codebook_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, valid: dict[str, Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    annotation = str(_annotation(tmp_path / "a.json", valid))
    (tmp_path / "pyproject.toml").write_text('[tool.policyschema]\ncodebooks = "one.json"\n', encoding="utf-8")
    status, _, err = _run(capsys, "validate", annotation)
    assert status == 2
    assert "must be a list of file paths" in err
    (tmp_path / "pyproject.toml").write_text('[tool.policyschema]\ncodebooks = ["missing.json"]\n', encoding="utf-8")
    status, _, err = _run(capsys, "show", annotation)
    assert status == 2
    assert "missing.json: cannot read the codebook" in err
    (tmp_path / "pyproject.toml").unlink()
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x"}', encoding="utf-8")
    status, _, err = _run(capsys, "lint", "--codebook", str(broken), annotation)
    assert status == 2
    assert "not a valid codebook" in err


def test_load_project_codebooks_registers_them(tmp_path: Path) -> None:
    _codebook(tmp_path / "cb.json", "projbook")
    (tmp_path / "pyproject.toml").write_text('[tool.policyschema]\ncodebooks = ["cb.json"]\n', encoding="utf-8")
    [codebook] = ps.load_project_codebooks(tmp_path)
    assert codebook.id == "projbook"
    assert "projbook" in ps.registered_codebooks()
    (tmp_path / "below").mkdir()
    assert ps.load_project_codebooks(tmp_path / "below") == [codebook]  # searched upward


def test_codebooks_reach_worker_processes(tmp_path: Path, valid: dict[str, Any]) -> None:
    codebook = _codebook(tmp_path / "ourbook.json")
    files = [_annotation(tmp_path / f"{i}.json", json.loads(json.dumps(valid))) for i in range(3)]
    result = _run_process("validate", "--jobs", "2", "--codebook", str(codebook), *map(str, files), cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_validate_on_a_path_without_annotation_files_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "empty").mkdir()
    status, _, err = _run(capsys, "validate", str(tmp_path / "empty"))
    assert status == 2
    assert "no *.json or *.jsonl files found" in err


def test_codes_finds_the_codes_of_a_codebook_named_in_the_nearest_pyproject(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _codebook(tmp_path / "codebooks" / "ourbook.json", "codesbook")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.policyschema]\ncodebooks = ["codebooks/ourbook.json"]\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    status, out, err = _run(capsys, "codes", "--codebook", "codesbook", "agriculture")
    assert (status, out) == (0, "A1\tAgriculture\n"), err
    # a copy of the CAP codebook as a file still gets the shipped phrase table's codes, if it has them
    cap = tmp_path / "cap.json"
    cap.write_text(
        json.dumps(
            {"id": "cap", "name": "CAP subset", "version": "1", "entries": [{"code": "1002", "label": "Highways"}]}
        ),
        encoding="utf-8",
    )
    status, out, err = _run(capsys, "codes", "--codebook-file", str(cap), "vehicles", "and", "BS-IV")
    assert (status, out) == (0, "1002\tHighways  (phrase table: 'vehicle*')\n"), err  # 705 is not in the file
