"""INCEpTION / WebAnno UIMA CAS XMI through dkpro-cassis: type system, UTF-16 offsets, lossless round trips."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import cassis
import pytest
from hypothesis import HealthCheck, given, settings

import policyschema as ps
from policyschema import inception
from policyschema._anchoring import OffsetMap
from policyschema.strategies import annotated_documents
from policyschema.validation import SEMANTIC_CHECKS_SKIPPED

from .interop_docs import MULTILINGUAL, multilingual

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"
XMI = "{http://www.omg.org/XMI}"
CUSTOM = "{http:///webanno/custom.ecore}"


def test_multilingual_round_trip_is_lossless() -> None:
    doc = multilingual()
    assert inception.decode(inception.encode(doc)) == doc


def test_example_round_trip_is_lossless_and_deterministic() -> None:
    doc = ps.load(EXAMPLE)
    xmi = inception.encode(doc)
    assert inception.decode(xmi) == doc
    assert inception.encode(doc) == xmi


@settings(max_examples=5, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(annotated_documents(max_items=2).filter(lambda d: d.document.text is not None))
def test_round_trip_property(doc: ps.AnnotatedDocument) -> None:
    if list(inception._xml_problems(ps.unstructure(doc), ())):  # characters XML 1.0 cannot hold
        with pytest.raises(ps.ValidationError, match=r"XMI \(XML 1\.0\) cannot hold"):
            inception.encode(doc)
        return
    assert inception.decode(inception.encode(doc)) == doc


def test_xmi_offsets_are_utf16_code_units() -> None:
    doc = multilingual()
    root = ET.fromstring(inception.encode(doc))
    directive = next(e for e in root if e.tag == f"{CUSTOM}PsDirective")
    # 👨🏻‍🚒 is four code points and seven UTF-16 units: "urged" is three units further on in the XMI.
    cue = doc.directives[0].cue
    assert MULTILINGUAL[cue.start : cue.end] == "urged"
    assert (int(directive.get("begin", "")), int(directive.get("end", ""))) == (cue.start + 3, cue.end + 3)
    units = OffsetMap(MULTILINGUAL)
    (document,) = (e for e in root if e.tag == "{http:///uima/tcas.ecore}DocumentAnnotation")
    assert document.get("language") == "en"
    assert document.get("end") == str(units.length("utf16"))
    assert directive.get("force") == "urge"
    assert directive.get("polarity") == "positive"
    # 𠮷 (outside the BMP) adds one more unit before the content of d2.
    content = doc.directives[1].content
    spans = {e.get(f"{XMI}id"): e for e in root if e.tag == f"{CUSTOM}PsSpan"}
    d2 = [e for e in root if e.tag == f"{CUSTOM}PsDirective"][1]
    content_span = spans[d2.get("content")]
    assert int(content_span.get("begin", "")) == content.start + 3 == units.from_codepoints(content.start, "utf16")
    assert int(content_span.get("end", "")) == content.end + 4 == units.from_codepoints(content.end, "utf16")
    assert content_span.get("field") == "Directive.content"


def test_typesystem_declares_the_layers() -> None:
    ts = cassis.load_typesystem(inception.typesystem())
    directive = ts.get_type("webanno.custom.PsDirective")
    assert directive.supertype.name == "uima.tcas.Annotation"
    features = {f.name: f.rangeType.name for f in directive.all_features}
    assert features["force"] == "uima.cas.String"
    assert features["speakers"] == "uima.cas.StringArray"
    assert features["content"] == "webanno.custom.PsSpan"
    assert features["addressees"] == "uima.cas.FSArray"
    horizon = {f.name for f in ts.get_type("webanno.custom.PsTimeHorizon").all_features}
    assert {"start", "end_", "anchor", "relation", "offset"} <= horizon  # `end` is the annotation's own
    assert ts.get_type("webanno.custom.PsPolicyArea").supertype.name == "uima.cas.TOP"


def test_an_annotation_added_outside_the_lists_is_reported() -> None:
    doc = multilingual()
    ts = cassis.load_typesystem(inception.typesystem())
    cas = cassis.load_cas_from_xmi(inception.encode(doc).decode("utf-8"), typesystem=ts)
    cas.add(ts.get_type("webanno.custom.PsDirective")(begin=0, end=5, force="urge"))
    with pytest.raises(ps.ValidationError) as info:
        inception.decode(cas.to_xmi(), source="edited.xmi")
    (problem,) = info.value.problems
    assert problem.path == "edited.xmi"
    assert "webanno.custom.PsDirective at 0-5" in problem.message
    assert "not part of the document's lists" in problem.message


def test_an_xmi_without_the_root_is_refused_with_a_reason() -> None:
    ts = cassis.TypeSystem()
    cas = cassis.Cas(typesystem=ts, sofa_string="some text")
    with pytest.raises(ps.ValidationError, match=r"expected one webanno\.custom\.PsAnnotatedDocument, found 0"):
        inception.decode(cas.to_xmi())
    with pytest.raises(ps.ValidationError, match="not a readable UIMA CAS XMI"):
        inception.decode(b"<not-xmi")


def test_edited_feature_values_are_checked_by_the_loader() -> None:
    xmi = inception.encode(multilingual()).replace(b'force="urge"', b'force="beg"')
    with pytest.raises(ps.ValidationError) as info:
        inception.decode(xmi)
    problems = [p for p in info.value.problems if p.message != SEMANTIC_CHECKS_SKIPPED]
    assert [p.path for p in problems] == ["$.directives[0].force"]


def test_control_characters_are_refused_on_export() -> None:
    data = ps.unstructure(multilingual())
    data["document"]["title"] = "bell \x07"
    with pytest.raises(
        ps.ValidationError, match=r"\$\.document\.title: XMI \(XML 1\.0\) cannot hold the character U\+0007"
    ):
        inception.encode(ps.structure(data))


def test_write_and_read_a_directory(tmp_path: Path) -> None:
    docs = [multilingual()]
    written = inception.write(docs, tmp_path)
    assert sorted(p.name for p in written) == ["TypeSystem.xml", "multi-1.xmi"]
    assert inception.read(tmp_path).documents == docs
    assert inception.read(tmp_path / "multi-1.xmi").documents == docs
