"""The command line: verdicts, positions, formats, exit codes, and hostile input without tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.checks import text_sha256
from policyschema.cli import main

from .conftest import TEXT

ROOT = Path(__file__).parent.parent


def _write(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_valid_file_exits_0(capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]) -> None:
    status, out, _ = _run(capsys, "validate", str(_write(tmp_path / "a.json", valid)))
    assert status == 0
    assert "a.json: valid" in out
    assert out.rstrip().endswith("1 files, 1 documents, 0 problems")


def test_problem_points_at_the_line_of_the_bad_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    valid["directives"][0]["evidence"][0]["end"] = "12"
    path = _write(tmp_path / "bad.json", valid)
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    line = _line_of(path, '"end": "12"')
    assert f"{path}:{line}:" in out
    assert '$.directives[0].evidence[0].end: expected an integer, got a string ("12")' in out


def test_semantic_problem_is_located_too(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    valid["directives"][0]["speakers"] = ["nobody"]
    path = _write(tmp_path / "bad.json", valid)
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    line = _line_of(path, '"nobody"')
    assert f"{path}:{line}:" in out


def test_directories_are_searched_recursively(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "a.json", valid)
    _write(tmp_path / "sub" / "b.json", valid)
    (tmp_path / "notes.txt").write_text("not json")
    status, out, _ = _run(capsys, "validate", str(tmp_path))
    assert status == 0
    assert "2 files, 2 documents, 0 problems" in out


def test_jsonl_reports_the_corpus_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    bad = json.loads(json.dumps(valid))
    bad["speakers"][0]["kind"] = "alien"
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([json.dumps(valid), "", json.dumps(bad), json.dumps(valid)]) + "\n", encoding="utf-8")
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert f"{path}:3:" in out
    assert "1 files, 3 documents, 1 problems" in out


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, valid: dict[str, Any]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps(valid).encode())))
    status, out, _ = _run(capsys, "validate", "-")
    assert status == 0
    assert "-: valid" in out


def test_json_format_is_one_machine_readable_report(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    good = _write(tmp_path / "good.json", valid)
    valid["directives"][0]["force"] = "order"
    bad = _write(tmp_path / "bad.json", valid)
    status, out, _ = _run(capsys, "validate", "--format", "json", str(good), str(bad))
    assert status == 1
    report = json.loads(out)
    assert report["summary"] == {"files": 2, "documents": 2, "problems": 1}
    [problem] = report["files"][1]["problems"]
    assert problem["path"] == "$.directives[0].force"
    assert problem["line"] == _line_of(bad, '"order"')


def test_github_format_annotates_the_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    valid["directives"][0]["force"] = "order"
    path = _write(tmp_path / "bad.json", valid)
    status, out, _ = _run(capsys, "validate", "--format", "github", str(path))
    assert status == 1
    first = out.splitlines()[0]
    line = _line_of(path, '"order"')
    assert first.startswith(f"::error file={path},line={line},col=")
    assert "::$.directives[0].force: expected one of" in first


def test_missing_file_is_a_usage_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = _run(capsys, "validate", str(tmp_path / "nope.json"))
    assert status == 2
    assert "no such file" in err


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _run(capsys, "validate")
    assert status == 2
    assert "usage:" in err


def test_jobs_give_the_same_output(capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]) -> None:
    for i in range(5):
        if i == 3:
            valid["speakers"][0]["name"] = 5
        _write(tmp_path / f"f{i}.json", valid)
    one = _run(capsys, "validate", str(tmp_path))
    two = _run(capsys, "validate", "--jobs", "2", str(tmp_path))
    assert one == two
    assert one[0] == 1


def test_digest_only_document_uses_the_sibling_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    del valid["document"]["text"]
    valid["document"].update(text_sha256=text_sha256(TEXT), text_length=len(TEXT))
    valid["directives"][0]["cue"]["text"] = "asked"  # wrong quote: only a local text can tell
    path = _write(tmp_path / "a.json", valid)
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 0
    assert "span quotes not checked" in out
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert "$.directives[0].cue.text" in out
    other = tmp_path / "elsewhere.txt"
    other.write_text(TEXT.replace("urged", "asked"), encoding="utf-8")
    status, out, _ = _run(capsys, "validate", "--text", str(other), str(path))
    assert "$.document.text_sha256" in out


# --- hostile input: a one-line reason, exit 1, never a traceback ------------------------------------


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "Expecting value"),
        (b"not json", "not valid JSON"),
        (b"[1, 2]", "expected an object (AnnotatedDocument), got an array"),
        (b"42", "expected an object (AnnotatedDocument), got an integer"),
        (b'{"a": \xff}', "invalid UTF-8"),
        (b'\xef\xbb\xbf{"a": 1}', "byte-order mark"),
        (b'{"a": NaN}', "NaN is not a JSON number"),
        (b"[" * 20000 + b"]" * 20000, "nested too deeply"),
        (b'{"schema_version": "\\ud800"}', "lone surrogate"),
    ],
    ids=["empty", "not-json", "array", "number", "bad-utf8", "bom", "nan", "deep", "surrogate"],
)
def test_hostile_input(capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "hostile.json"
    path.write_bytes(content)
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert reason in out


def test_duplicate_keys_are_located(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "dup.json"
    path.write_text('{\n  "schema_version": "1.0",\n  "schema_version": "1.0"\n}\n')
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert f"{path}:3:" in out
    assert 'duplicate key "schema_version"' in out


def test_large_input_is_refused_early(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    with path.open("wb") as handle:  # a 60 MB string
        handle.write(b'{"schema_version": "')
        handle.write(b"x" * 60_000_000)
        handle.write(b'"}')
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert "larger than 33,554,432 bytes" in out
    status, out, _ = _run(capsys, "validate", "--max-bytes", "10", str(path))
    assert "larger than 10 bytes" in out


@pytest.mark.parametrize(
    ("span", "reason"),
    [
        ({"start": 70, "end": 999, "text": "x"}, "past the end"),
        ({"start": -1, "end": 2, "text": "Xi"}, "at least 0"),
        ({"start": 5, "end": 2, "text": "x"}, "greater than start"),
    ],
    ids=["past-end", "negative", "reversed"],
)
def test_bad_spans(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any], span: dict[str, Any], reason: str
) -> None:
    valid["speakers"][0]["mentions"] = [span]
    status, out, _ = _run(capsys, "validate", str(_write(tmp_path / "a.json", valid)))
    assert status == 1
    assert reason in out


# --- schema, show, fmt ---------------------------------------------------------------------------


def test_schema_check_detects_drift(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(capsys, "schema", "--out", str(tmp_path))[0] == 0
    assert _run(capsys, "schema", "--check", str(tmp_path))[0] == 0
    (tmp_path / "codebook.schema.json").write_text("{}")
    status, out, _ = _run(capsys, "schema", "--check", str(tmp_path))
    assert status == 1
    assert "codebook.schema.json is out of date" in out


def test_show_summarizes_an_annotation(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    status, out, _ = _run(capsys, "show", str(_write(tmp_path / "a.json", valid)))
    assert status == 0
    assert "Xi Jinping [Q15031]" in out
    assert "d01 urge (none): strengthen IPR protection work" in out
    assert "cap:1522 Copyrights and Patents" in out


def test_fmt_rewrites_and_check_reports(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(valid), encoding="utf-8")  # one line: not canonical
    status, out, _ = _run(capsys, "fmt", "--check", str(path))
    assert status == 1
    assert f"would reformat {path}" in out
    assert _run(capsys, "fmt", str(path))[0] == 0
    assert path.read_text(encoding="utf-8") == ps.dumps(ps.loads(json.dumps(valid)))
    assert _run(capsys, "fmt", "--check", str(path)) == (0, "", "")


def test_fmt_never_rewrites_an_invalid_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"schema_version": 1}')
    assert _run(capsys, "fmt", str(path))[0] == 1
    assert path.read_text() == '{"schema_version": 1}'


def test_python_dash_m_runs_the_main_job() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "policyschema", "validate", str(ROOT / "examples")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problems" in result.stdout


def test_jsonl_corpus_is_read_line_by_line_with_a_per_line_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    line = json.dumps(valid)
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join([line, "[" + " " * 5000 + "]", line]) + "\n", encoding="utf-8")
    status, out, _ = _run(capsys, "validate", "--max-bytes", str(len(line.encode()) + 1), str(path))
    assert status == 1
    assert f"{path}:2:1: $: line longer than" in out
    assert "1 files, 3 documents, 1 problems" in out  # the lines after the long one are still checked


def test_hidden_directories_are_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    (tmp_path / ".venv").mkdir()
    (tmp_path / ".venv" / "package.json").write_text('{"name": "not an annotation"}')
    _write(tmp_path / "a.json", valid)
    status, out, _ = _run(capsys, "validate", str(tmp_path))
    assert status == 0
    assert "1 files, 1 documents, 0 problems" in out


# --- found by review: each of these once crashed, misled or lost a verdict ---------------------------


def _run_process(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The command line in its own process, with a strict UTF-8 stdout as in CI."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "policyschema", *args], capture_output=True, env=env, cwd=cwd, check=False
    )
    assert b"Traceback" not in result.stdout + result.stderr
    return result


@pytest.mark.parametrize("where", ["value", "key"])
def test_lone_surrogates_are_reported_escaped_in_every_format(
    tmp_path: Path, valid: dict[str, Any], where: str
) -> None:
    if where == "value":
        valid["directives"][0]["cue"]["start"] = "\ud800"
    else:
        valid["directives"][0]["\ud800"] = 1
    path = tmp_path / "a.json"
    path.write_text(json.dumps(valid), encoding="utf-8")  # ASCII: the surrogate as a \ud800 escape
    for output_format in ("text", "json", "github"):
        result = _run_process("validate", "--format", output_format, str(path))
        assert result.returncode == 1
        assert "\\ud800" in result.stdout.decode("utf-8")  # strict decoding: the report is valid UTF-8


def test_a_key_cannot_inject_lines_into_the_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = _write(tmp_path / "a.json", {"x\n::error file=README.md,line=1::forged\n": 1})
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    *problems, summary = out.splitlines()
    assert summary == f"1 files, 1 documents, {len(problems)} problems"
    assert all(line.startswith(f"{path}:") for line in problems)
    assert "['x\\u000a::error" in out


def test_messages_quote_at_most_a_short_piece_of_a_long_value(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    valid["directives"][0]["force"] = "x" * 1_000_000
    status, out, _ = _run(capsys, "validate", str(_write(tmp_path / "a.json", valid)))
    assert status == 1
    assert "(1,000,000 characters)" in out
    assert len(out) < 2000


def test_locating_a_problem_in_a_large_file_takes_little_memory(tmp_path: Path, valid: dict[str, Any]) -> None:
    import tracemalloc

    valid["directives"][0]["action"] = "x" * 2_000_000
    valid["unknown"] = [0] * 200_000
    valid["directives"][0]["force"] = "bogus"
    raw = json.dumps(valid, indent=2).encode()
    from policyschema.cli.validate import _check_document, _Options

    options = _Options(max_bytes=len(raw), text_file=None, schema_check="never")
    tracemalloc.start()
    try:
        problems, _ = _check_document(raw, "a.json", options)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.path for p in problems] == ["$.directives[0].force", "$.unknown"]
    assert problems[0].line == raw[: raw.index(b'"bogus"')].count(b"\n") + 1
    assert peak < 20 * len(raw)  # the file, its decoded text and the parsed value; not an index of every value


def test_jsonl_syntax_errors_point_into_their_own_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(b'{"a": 1\n{"b": 2}\n')
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 1
    assert f"{path}:1:8: $: not valid JSON" in out
    assert f"{path}:2:" in out  # the second record is reported on its own line


def test_sidecar_text_is_compared_byte_for_byte(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    text = TEXT.replace("\n", "\r\n") + "\r\n"
    del valid["document"]["text"]
    valid["document"].update(text_sha256=text_sha256(text), text_length=len(text))
    path = _write(tmp_path / "a.json", valid)
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))  # CRLF, as a Windows checkout may have it
    status, out, _ = _run(capsys, "validate", str(path))
    assert status == 0, out  # the digest is of the bytes: no newline translation on the way
    assert "span quotes not checked" not in out


def test_a_missing_text_file_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, valid: dict[str, Any]
) -> None:
    path = _write(tmp_path / "a.json", valid)
    status, _, err = _run(capsys, "validate", "--text", str(tmp_path / "absent.txt"), str(path))
    assert status == 2
    assert "--text names no readable file" in err


def test_paths_that_cannot_be_read_are_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for args in (["validate", "a" * 300 + ".json"], ["fmt", "a" * 300 + ".json"], ["validate", ""]):
        status, _, err = _run(capsys, *args)
        assert status == 2, args
        assert err.startswith("error: "), args


def test_file_names_that_are_not_utf8_are_shown_escaped(tmp_path: Path, valid: dict[str, Any]) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    _write(Path(os.fsdecode(bytes(folder) + b"/a\xff.json")), valid)
    result = _run_process("validate", "--format", "json", str(folder))
    assert result.returncode == 0
    assert json.loads(result.stdout.decode("utf-8"))["files"][0]["file"].endswith("a\\xff.json")


def test_a_closed_pipe_keeps_the_verdict(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "bad.json").write_bytes(b"[]")

    class ClosedPipe:
        def write(self, _: str) -> int:
            raise BrokenPipeError

        def flush(self) -> None:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    monkeypatch.setattr("policyschema.cli.validate.silence_stdout", lambda: None)
    assert main(["validate", str(tmp_path / "bad.json")]) == 1


def test_schema_check_compares_bytes(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(capsys, "schema", "--out", str(tmp_path))[0] == 0
    target = tmp_path / "1.1" / "annotation.schema.json"
    target.write_bytes(target.read_bytes().replace(b"\n", b"\r\n"))
    status, out, _ = _run(capsys, "schema", "--check", str(tmp_path))
    assert status == 1
    assert "annotation.schema.json is out of date" in out
    target.write_bytes(b"\xff")
    assert _run(capsys, "schema", "--check", str(tmp_path))[0] == 1
