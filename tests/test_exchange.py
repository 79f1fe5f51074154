"""The format registry and the `export` / `import` commands: files, directories, problems, exit codes."""

from __future__ import annotations

import json
import shutil
import sys
import types
from pathlib import Path

import pytest

import policyschema as ps
from policyschema import exchange, labelstudio
from policyschema.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


@pytest.mark.parametrize("fmt", ["w3c", "labelstudio"])
def test_export_then_import_gives_the_same_file(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.json"
    status, written, _ = _run(capsys, "export", str(EXAMPLE), "--to", fmt, "-o", str(out))
    assert status == 0
    assert f"wrote {out}" in written
    back = tmp_path / "back.json"
    status, _, err = _run(capsys, "import", str(out), "--from", fmt, "-o", str(back))
    assert (status, err) == (0, "")
    assert back.read_bytes() == EXAMPLE.read_bytes()


def test_labelstudio_export_writes_the_config_beside_the_tasks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, written, _ = _run(capsys, "export", str(EXAMPLE), "--to", "labelstudio", "-o", str(tmp_path / "t.json"))
    assert status == 0
    assert (tmp_path / "t.config.xml").read_text("utf-8") == labelstudio.config()
    assert "t.config.xml" in written


def test_a_directory_exports_several_documents_and_imports_back_to_a_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(EXAMPLE, corpus / "a.json")
    other = json.loads(EXAMPLE.read_text("utf-8"))
    other["document"]["id"] = "second"
    (corpus / "b.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    status, _, _ = _run(capsys, "export", str(corpus), "--to", "w3c", "-o", str(tmp_path / "w3c"))
    assert status == 0
    assert sorted(p.name for p in (tmp_path / "w3c").iterdir()) == [
        "chinadaily-2020-12-02-xi-ipr.jsonld",
        "second.jsonld",
    ]
    status, _, _ = _run(capsys, "export", str(corpus), "--to", "labelstudio", "-o", str(tmp_path / "tasks.json"))
    assert status == 0
    assert len(json.loads((tmp_path / "tasks.json").read_text("utf-8"))) == 2
    status, _, _ = _run(
        capsys, "import", str(tmp_path / "tasks.json"), "--from", "labelstudio", "-o", str(tmp_path / "back")
    )
    assert status == 0
    assert ps.load(tmp_path / "back" / "second.json").document.id == "second"
    assert ps.load(tmp_path / "back" / "chinadaily-2020-12-02-xi-ipr.json") == ps.load(EXAMPLE)


def test_problems_in_an_import_exit_1_and_write_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    task = labelstudio.encode(ps.load(EXAMPLE))
    task["predictions"][0]["result"][0]["value"]["text"] = "Nobody"
    task["data"]["policyschema"]["document"]["language"] = "English"
    path = tmp_path / "tasks.json"
    path.write_text(json.dumps([task]), encoding="utf-8")
    status, _, err = _run(capsys, "import", str(path), "--from", "labelstudio", "-o", str(tmp_path / "x.json"))
    assert status == 1
    assert f'{path}: $[0].predictions[0].result[0].value: the quote "Nobody"' in err
    assert f"{path}: $[0].data.policyschema.document.language" in err
    assert not (tmp_path / "x.json").exists()


def test_moved_spans_are_reported_as_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = ps.load(EXAMPLE)
    doc.document.text = "🇨🇳 " + (doc.document.text or "")  # two regional indicators (astral) and a space
    for _, span in _spans(doc):
        span.start += 3
        span.end += 3
    doc.document.text_sha256 = None
    doc.document.text_length = None
    assert ps.check(doc) == []
    task = labelstudio.encode(doc, offsets="utf16")
    del task["data"]["policyschema"]["offsets"]
    source = tmp_path / "tasks.json"
    source.write_text(json.dumps(task), encoding="utf-8")
    status, _, err = _run(capsys, "import", str(source), "--from", "labelstudio", "-o", str(tmp_path / "a.json"))
    assert status == 0
    assert err.count(": note: ") == sum(1 for _ in _spans(doc))
    assert "try offsets='utf16'" in err
    status, _, err = _run(
        capsys, "import", str(source), "--from", "labelstudio", "--offsets", "utf16", "-o", str(tmp_path / "b.json")
    )
    assert (status, err) == (0, "")
    assert ps.load(tmp_path / "a.json") == ps.load(tmp_path / "b.json") == doc


def _spans(doc: ps.AnnotatedDocument) -> list[tuple[str, ps.Span]]:
    from policyschema._walk import ITEM_LISTS, leaves

    found = []
    for name in ITEM_LISTS:
        for item in getattr(doc, name):
            found += [
                (f"{name}/{leaf.pointer}", leaf.value) for leaf in leaves(item) if isinstance(leaf.value, ps.Span)
            ]
    return found


def test_an_invalid_input_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": "1.1"}', encoding="utf-8")
    status, _, err = _run(capsys, "export", str(bad), "--to", "w3c", "-o", str(tmp_path / "x.jsonld"))
    assert status == 1
    assert "$.document" in err
    assert not (tmp_path / "x.jsonld").exists()


def test_usage_and_io_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(capsys, "export", str(EXAMPLE), "--to", "nope", "-o", "x")[0] == 2
    assert _run(capsys, "import", str(tmp_path / "missing.json"), "--from", "w3c", "-o", "x")[0] == 2
    assert _run(capsys, "export", str(tmp_path / "missing"), "--to", "w3c", "-o", "x")[0] == 2
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    status, _, err = _run(capsys, "export", str(EXAMPLE), "--to", "w3c", "-o", str(blocked / "x.jsonld"))
    assert status == 2
    assert "cannot write" in err


def test_a_file_that_is_not_json_is_a_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.jsonld"
    path.write_text('{"a": 1, "a": 2}', encoding="utf-8")
    status, _, err = _run(capsys, "import", str(path), "--from", "w3c", "-o", str(tmp_path / "y.json"))
    assert status == 1
    assert "duplicate" in err


def test_the_registry_imports_formats_lazily_and_names_missing_extras(monkeypatch: pytest.MonkeyPatch) -> None:
    assert exchange.exporter("w3c") is sys.modules["policyschema.w3c"]
    with pytest.raises(exchange.ExchangeError, match="unknown format 'nope'; known formats: "):
        exchange.exporter("nope")
    fake = types.ModuleType("policyschema._fake_tables")
    fake.DESCRIPTION = "export only"  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "policyschema._fake_tables", fake)
    monkeypatch.setitem(exchange.FORMATS, "fake", "policyschema._fake_tables")
    with pytest.raises(exchange.ExchangeError, match="export-only"):
        exchange.importer("fake")
    monkeypatch.setitem(exchange.FORMATS, "needs", "policyschema._needs_cassis")

    def missing(name: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'cassis'", name="cassis")

    monkeypatch.setattr(exchange.importlib, "import_module", missing)
    with pytest.raises(exchange.ExchangeError, match=r"pip install 'policyschema\[inception\]'"):
        exchange.exporter("needs")


def test_every_registered_format_follows_the_protocol() -> None:
    for name in exchange.FORMATS:
        module = exchange.exporter(name)
        assert isinstance(module.DESCRIPTION, str)
        assert callable(module.write)
