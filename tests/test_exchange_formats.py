"""brat, inception and csv through the exchange registry (what the command line uses)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import policyschema as ps
from policyschema import exchange

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
