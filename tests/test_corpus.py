"""Corpora: validate_lines reports what the command line prints, --jobs splits work without changing a
byte of the output, and a Dask bag of the same corpus gets exactly the command line's problems."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.cli import main
from policyschema.cli import validate as validate_command
from policyschema.corpus import DocumentReport, validate_document, validate_lines


def _corpus(valid: dict[str, Any], count: int, seed: int) -> list[str]:
    """``count`` lines: valid documents, and every few lines a broken one of some kind."""
    lines = []
    for i in range(count):
        doc = copy.deepcopy(valid)
        doc["document"]["id"] = f"doc{i}"
        kind = (i * 7 + seed) % 9
        if kind == 1:
            doc["directives"][0]["force"] = "bogus"
        elif kind == 2:
            doc["directives"][0]["cue"]["end"] += 1
        elif kind == 3:
            doc["extra"] = 1
        line = json.dumps(doc, ensure_ascii=kind == 4)
        if kind == 5:
            line = line[:-7]  # cut: a syntax error
        elif kind == 6:
            line = line.replace('"id": "doc', '"id": "x", "id": "doc', 1)  # a duplicate key
        elif kind == 7:
            line = ""  # a blank line, counted but not a document
        lines.append(line)
    return lines


def _cli_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    main(["validate", "--format", "json", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    report: dict[str, Any] = json.loads(out)
    return report


def _problems_of(report: dict[str, Any]) -> list[tuple[str, int, int, str, str]]:
    return [
        (f["file"], p["line"], p["column"], p["path"], p["message"]) for f in report["files"] for p in f["problems"]
    ]


def _problems_in(reports: list[DocumentReport]) -> list[tuple[str, int, int, str, str]]:
    return [(str(r.source), p.line or 0, p.column or 0, p.path, p.message) for r in reports for p in r.problems]


def test_validate_lines_reports_what_the_command_line_prints(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    lines = _corpus(valid, 30, 0)
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = validate_lines(path.read_text(encoding="utf-8").splitlines(keepends=True), source=str(path))
    assert len(reports) == sum(1 for line in lines if line)
    assert [r.line for r in reports] == [i for i, line in enumerate(lines, start=1) if line]
    assert sum(not r.valid for r in reports) >= 15
    cli = _cli_json(capsys, str(path))
    assert _problems_in(reports) == _problems_of(cli)
    assert cli["summary"]["documents"] == len(reports)


def test_validate_document_locates_its_problems() -> None:
    report = validate_document('{"schema_version": "1.1"}', line=5, source="x.jsonl")
    assert not report.valid
    assert report.problems[0].line == 5
    assert report.source == "x.jsonl"
    with pytest.raises(ValueError, match="schema_check"):
        validate_document("{}", schema_check="sometimes")


def test_a_line_over_the_limit_is_refused_unparsed() -> None:
    (report,) = validate_lines(['{"a": "' + "x" * 100 + '"}\n'], max_bytes=50)
    assert [p.message for p in report.problems] == [
        "line longer than 50 bytes; refused (raise the limit with --max-bytes)"
    ]


def test_parts_of_a_corpus_hold_every_line_exactly_once(tmp_path: Path) -> None:
    lines = [b"", b"{}", b"x" * 30, b"", b"\r", b"{" * 3, b"last"]
    path = tmp_path / "c.jsonl"
    path.write_bytes(b"\n".join(lines))  # no final newline
    size = path.stat().st_size
    for chunk in range(1, size + 2):
        parts = [
            list(validate_command._range_lines(str(path), start, min(start + chunk, size), 1000))
            for start in range(0, size, chunk)
        ]
        assert [line.rstrip(b"\n") for part in parts for line in part] == lines, chunk


@pytest.mark.parametrize("layout", ["one corpus", "a few files"])
def test_jobs_split_the_work_and_print_the_same_bytes(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    valid: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    layout: str,
) -> None:
    monkeypatch.setattr(validate_command, "_MIN_CHUNK", 4096)  # parts of a few lines each
    if layout == "one corpus":
        (tmp_path / "corpus.jsonl").write_text("\n".join(_corpus(valid, 40, 1)) + "\n", encoding="utf-8")
    else:
        for i in range(3):
            (tmp_path / f"part{i}.jsonl").write_text("\n".join(_corpus(valid, 15, i)), encoding="utf-8")
        (tmp_path / "single.json").write_text(json.dumps(valid), encoding="utf-8")
    tasks = validate_command._tasks(validate_command.expand([str(tmp_path)])[0], 2)
    assert len(tasks) >= 4  # there is work for both processes
    for output in ("text", "json"):
        one = main(["validate", "--format", output, str(tmp_path)]), capsys.readouterr()
        two = main(["validate", "--format", output, "--jobs", "2", str(tmp_path)]), capsys.readouterr()
        assert one == two
        assert one[0] == 1


def test_a_dask_bag_of_the_corpus_gets_exactly_the_command_lines_problems(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    db = pytest.importorskip("dask.bag")  # the test extra installs dask: this runs in CI
    files = []
    for i in range(3):
        path = tmp_path / f"part{i}.jsonl"
        path.write_text("\n".join(_corpus(valid, 12, i)) + "\n", encoding="utf-8")
        files.append(str(path))
    bag = db.read_text(files, blocksize=None, include_path=True)  # one partition a file
    assert bag.npartitions == 3
    for scheduler in ("synchronous", "threads"):
        reports = bag.map_partitions(validate_lines).compute(scheduler=scheduler)
        assert all(isinstance(r, DocumentReport) for r in reports)
        assert _problems_in(reports) == _problems_of(_cli_json(capsys, *files))


def test_the_reference_example_as_a_line_is_valid() -> None:
    example = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"
    line = json.dumps(json.loads(example.read_bytes()), ensure_ascii=False)
    (report,) = validate_lines([line])
    assert report.valid
    assert ps.loads(line) == ps.load(example)


def test_a_str_with_a_lone_surrogate_is_reported_where_it_stands_as_loads_does() -> None:
    text = ps.dumps(ps.examples.load("china-daily-ipr-2020")).replace('"publisher": "', '"publisher": "\ud800', 1)
    with pytest.raises(ps.ValidationError) as raised:
        ps.loads(text)
    expected = raised.value.problems[0]
    [problem] = validate_document(text).problems
    assert (problem.path, problem.message, problem.line, problem.column) == (
        expected.path,
        expected.message,
        expected.line,
        expected.column,
    )
    assert "lone surrogate (U+D800)" in problem.message


def test_str_lines_with_a_lone_surrogate_are_reported_as_loads_reports_them() -> None:
    one_line = json.dumps(json.loads(ps.dumps(ps.examples.load("china-daily-ipr-2020"))), ensure_ascii=False)
    line = one_line.replace('"publisher": "', '"publisher": "\ud800', 1)
    with pytest.raises(ps.ValidationError) as raised:
        ps.loads(line)
    expected = raised.value.problems[0]
    [report] = validate_lines([line + "\n"], source="corpus.jsonl")
    [problem] = report.problems
    assert (problem.path, problem.message, problem.column) == (expected.path, expected.message, expected.column)
