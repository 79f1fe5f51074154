"""Regressions found by the hostile reviews at the end of stop 8: each test fails on the code before its fix."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import attrs
import pytest

import policyschema as ps
from policyschema.cli import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"


def test_dumps_refuses_a_subclass_root_with_fields_the_format_lacks() -> None:
    doc = ps.load(EXAMPLE)

    @attrs.define(kw_only=True)
    class WithExtra(ps.AnnotatedDocument):
        extra: int = 5

    tree = WithExtra(**{f.name: getattr(doc, f.name) for f in attrs.fields(ps.AnnotatedDocument)})
    assert ps.validate(tree)
    with pytest.raises(ps.ValidationError):
        ps.dumps(tree)


def test_validate_and_dumps_of_a_wrong_root_say_so() -> None:
    [problem, *_] = ps.validate(ps.Span(start=0, end=1, text="x"))  # type: ignore[arg-type]
    assert problem.path == "$"
    assert "Span" in problem.message


def test_dumps_writes_the_canonical_form_of_values_given_as_json() -> None:
    doc = ps.load(EXAMPLE)
    cue = doc.directives[0].cue
    doc.directives[0].cue = {"text": cue.text, "end": cue.end, "start": cue.start}  # type: ignore[assignment]
    doc.document.published = "2020-12-02T02:37:29Z"  # type: ignore[assignment]
    written = ps.dumps(doc)
    assert written == ps.dumps(ps.loads(written))
    assert '"2020-12-02T02:37:29+00:00"' in written


@pytest.mark.parametrize("depth", [600, 980, 5000])
def test_nesting_has_a_fixed_limit_whatever_the_stack(depth: int) -> None:
    text = '{"x": ' + "[" * depth + "]" * depth + "}"
    with pytest.raises(ps.ValidationError) as info:
        ps.loads(text)
    assert [p.message for p in info.value.problems] == ["JSON nested too deeply to read (more than 500 levels)"]


def test_loads_takes_bytes_like_input() -> None:
    raw = EXAMPLE.read_bytes()
    assert ps.loads(bytearray(raw)) == ps.loads(raw)  # type: ignore[arg-type]


def test_brat_export_writes_nothing_when_a_document_fails(tmp_path: Path) -> None:
    doc = ps.load(EXAMPLE)
    out = tmp_path / "brat"
    with pytest.raises(ps.ValidationError):
        ps.brat.write([doc, doc], out)  # two documents with one id
    assert not out.exists()


def test_inception_export_writes_nothing_when_a_document_fails(tmp_path: Path) -> None:
    doc = ps.load(EXAMPLE)
    out = tmp_path / "xmi"
    with pytest.raises(ps.ValidationError):
        ps.inception.write([doc, doc], out)
    assert not out.exists()


def _brat_files(tmp_path: Path) -> tuple[Path, str]:
    out = tmp_path / "brat"
    ps.brat.write([ps.load(EXAMPLE)], out)
    [ann] = sorted(out.glob("*.ann"))
    return ann, ann.read_text(encoding="utf-8")


def test_brat_offsets_are_ascii_digits(tmp_path: Path) -> None:
    ann, text = _brat_files(tmp_path)
    line = next(x for x in text.splitlines() if x.startswith("T1\t"))
    _kind, start, end = line.split("\t")[1].split(" ")
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    ann.write_text(text.replace(line, line.replace(f"{start} {end}", f"{start.translate(arabic)} {end}")), "utf-8")
    with pytest.raises(ps.ValidationError):
        ps.brat.read(ann.parent)


def test_brat_note_cannot_override_what_brat_carries(tmp_path: Path) -> None:
    ann, text = _brat_files(tmp_path)
    lines = text.splitlines()
    index = next(i for i, x in enumerate(lines) if x.startswith("#") and '"directive"' in x)
    prefix, note = lines[index].rsplit("\t", 1)
    data: dict[str, Any] = json.loads(note)
    data["id"] = "zz"
    lines[index] = prefix + "\t" + json.dumps(data, ensure_ascii=False)
    ann.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ps.ValidationError) as info:
        ps.brat.read(ann.parent)
    assert any('"id"' in p.message for p in info.value.problems)


def test_brat_loader_problems_name_their_file(tmp_path: Path) -> None:
    ann, text = _brat_files(tmp_path)
    attribute = next(x for x in text.splitlines() if "\tForce " in x)
    ann.write_text(text.replace(attribute, attribute.rsplit(" ", 1)[0] + " bogus"), encoding="utf-8")
    with pytest.raises(ps.ValidationError) as info:
        ps.brat.read(ann.parent)
    assert any(str(ann) in p.path for p in info.value.problems), info.value.problems
    assert main(["import", str(ann.parent), "--from", "brat", "-o", str(tmp_path / "x.json")]) == 1
