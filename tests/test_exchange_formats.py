"""brat, inception and csv through the exchange registry (what the command line uses)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import policyschema as ps
from policyschema import exchange
from policyschema.cli import main

from .interop_docs import multilingual


def test_formats_are_registered() -> None:
    assert exchange.FORMATS["brat"] == "policyschema.brat"
    assert exchange.FORMATS["inception"] == "policyschema.inception"
    assert exchange.FORMATS["csv"] == "policyschema.tables"
    for name in ("brat", "inception", "csv"):
        assert exchange.exporter(name).DESCRIPTION


@pytest.mark.parametrize("name", ["brat", "inception"])
def test_export_then_import_through_the_registry(tmp_path: Path, name: str) -> None:
    doc = multilingual()
    written = exchange.export_documents([doc], name, tmp_path / name)
    assert all(path.is_file() for path in written)
    imported = exchange.import_documents(tmp_path / name, name, offsets="codepoints")
    assert imported.documents == [doc]
    assert imported.notes == []


def test_csv_is_export_only(tmp_path: Path) -> None:
    (path,) = exchange.export_documents([multilingual()], "csv", tmp_path / "directives.csv")
    assert path.read_text(encoding="utf-8").startswith("document_id,directive_id,")
    with pytest.raises(exchange.ExchangeError, match="export-only"):
        exchange.importer("csv")


def test_a_missing_cassis_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cassis", None)  # `import cassis` now fails as if not installed
    monkeypatch.delitem(sys.modules, "policyschema.inception", raising=False)
    monkeypatch.delattr(ps, "inception", raising=False)
    with pytest.raises(exchange.ExchangeError, match=r"pip install 'policyschema\[inception\]'"):
        exchange.exporter("inception")
    with pytest.raises(ModuleNotFoundError, match=r"policyschema\.inception needs dkpro-cassis"):
        _ = ps.inception
    assert ps.brat.DESCRIPTION  # the rest of the library does not need it


EXAMPLES = Path(__file__).parent.parent / "examples"
EXAMPLE = EXAMPLES / "china-daily-ipr-2020" / "annotation.json"


def test_cli_export_csv_one_table_or_all(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "directives.csv"
    assert main(["export", str(EXAMPLES), "--to", "csv", "-o", str(one)]) == 0
    docs = [ps.load(p) for p in sorted(EXAMPLES.glob("*/annotation.json"))]
    assert len(docs) >= 2
    assert one.read_text(encoding="utf-8") == ps.tables.encode(docs)["directives"]
    assert main(["export", str(EXAMPLES), "--to", "csv", "-o", str(tmp_path / "tables")]) == 0
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(f"{t}.csv" for t in ps.tables.TABLES)
    capsys.readouterr()
    assert main(["export", str(EXAMPLES), "--to", "csv", "-o", str(tmp_path / "mine.csv")]) == 2
    assert "mine.csv: name the file after a table" in capsys.readouterr().err


def test_cli_brat_round_trip_with_utf16_offsets(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "multi.json"
    ps.dump(multilingual(), source)
    assert main(["export", str(source), "--to", "brat", "-o", str(tmp_path / "brat")]) == 0
    ann = tmp_path / "brat" / "multi-1.ann"
    # What a UTF-16 client writes: "Xi Jinping" after the seven UTF-16 units of 👨🏻‍🚒 and a space.
    ann.write_text(ann.read_text(encoding="utf-8").replace("T1\tSpeaker 5 15\t", "T1\tSpeaker 8 18\t"), "utf-8")
    capsys.readouterr()
    out = tmp_path / "back.json"
    assert main(["import", str(tmp_path / "brat"), "--from", "brat", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "multi-1.ann:1: the span 8–18 (code points) does not quote" in err
    assert "try offsets='utf16'" in err
    assert ps.load(out) == multilingual()
    ann.write_text(ann.read_text(encoding="utf-8").replace("\tXi Jinping\n", "\tXi Jinpong\n", 1), "utf-8")
    assert main(["import", str(tmp_path / "brat"), "--from", "brat", "-o", str(out)]) == 1
    assert "cannot be placed" in capsys.readouterr().err


def test_cli_inception_round_trip(tmp_path: Path) -> None:
    assert main(["export", str(EXAMPLE), "--to", "inception", "-o", str(tmp_path / "xmi")]) == 0
    out = tmp_path / "back.json"
    assert main(["import", str(tmp_path / "xmi"), "--from", "inception", "-o", str(out)]) == 0
    assert out.read_bytes() == EXAMPLE.read_bytes()


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*/annotation.json")), ids=lambda p: p.parent.name)
def test_every_shipped_example_round_trips_and_tabulates(path: Path) -> None:
    doc = ps.load(path)
    txt, ann = ps.brat.encode(doc)
    assert ps.brat.decode(txt, ann, ps.brat.encode_meta(doc)) == doc
    assert ps.inception.decode(ps.inception.encode(doc)) == doc
    rows = ps.tables.rows([doc])
    assert [r["directive_id"] for r in rows["directives"]] == [d.id for d in doc.directives]
    assert len(rows["policy_areas"]) == sum(len(i.policy_areas) for i in [*doc.directives, *doc.statements])
