"""What the wheel ships and how users reach it (issue 9, part 6)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import attrs
import pytest

import policyschema as ps
from policyschema import strategies  # noqa: F401 - the extra's module imports

ROOT = Path(__file__).resolve().parent.parent


def _repo_files(directory: str) -> dict[str, bytes]:
    base = ROOT / directory
    return {
        str(p.relative_to(base)): p.read_bytes()
        for p in sorted(base.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("*.whl")
    return zipfile.ZipFile(built)


@pytest.mark.parametrize("directory", ["examples", "schemas"])
def test_the_wheel_ships_the_repository_files_byte_for_byte(wheel: zipfile.ZipFile, directory: str) -> None:
    prefix = f"policyschema/_data/{directory}/"
    shipped = {name[len(prefix) :]: wheel.read(name) for name in wheel.namelist() if name.startswith(prefix)}
    assert shipped == _repo_files(directory)


def test_the_wheel_carries_the_license(wheel: zipfile.ZipFile) -> None:
    [license_file] = [n for n in wheel.namelist() if n.endswith("/LICENSE")]
    assert wheel.read(license_file) == (ROOT / "LICENSE").read_bytes()
    metadata = wheel.read(next(n for n in wheel.namelist() if n.endswith("METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "Provides-Extra: strategies" in metadata


def test_examples_are_listed_and_load() -> None:
    names = ps.examples.names()
    assert names == sorted(p.parent.name for p in (ROOT / "examples").glob("*/annotation.json"))
    for name in names:
        doc = ps.examples.load(name)
        assert doc == ps.load(ROOT / "examples" / name / "annotation.json")
    with pytest.raises(KeyError, match="shipped: china-daily-ipr-2020"):
        ps.examples.load("nope")


def test_schema_files_are_found_by_version() -> None:
    versions = ps.schema_versions()
    assert ps.SCHEMA_VERSION in versions
    assert json.loads(ps.schema_text())["$schema"].startswith("https://json-schema.org/")
    assert ps.schema_path("codebook").name == "codebook.schema.json"
    assert ps.schema_path().read_bytes() in {p.read_bytes() for p in (ROOT / "schemas").rglob("annotation.schema.json")}
    with pytest.raises(FileNotFoundError, match="shipped"):
        ps.schema_path(version="0.9")
    with pytest.raises(FileNotFoundError, match="no schema 'nothing'"):
        ps.schema_path("nothing")


def _described(cls: type) -> bool:
    return all("description" in f.metadata for f in attrs.fields(cls) if f.init)


DESCRIBED = [c for c in vars(ps).values() if isinstance(c, type) and attrs.has(c) and _described(c)]


def test_every_model_has_field_descriptions() -> None:
    assert {ps.AnnotatedDocument, ps.Directive, ps.Span, ps.TimeHorizon, ps.Codebook} <= set(DESCRIBED)


@pytest.mark.parametrize("cls", DESCRIBED, ids=repr)
def test_help_shows_every_field_description(cls: type) -> None:
    doc = cls.__doc__ or ""
    for field in attrs.fields(cls):
        if field.init:
            assert f"\n{field.name}\n" in doc
            first_words = " ".join(field.metadata["description"].split()[:4])
            assert first_words in " ".join(doc.split())
