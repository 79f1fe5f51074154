"""brat standoff: the export's lines, lossless round trips, UTF-16 offsets, and malformed files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

import policyschema as ps
from policyschema import brat
from policyschema._anchoring import OffsetMap
from policyschema._standoff import parse_ann
from policyschema.strategies import annotated_documents

from .interop_docs import MULTILINGUAL, multilingual, span

EXAMPLE = Path(__file__).parent.parent / "examples" / "china-daily-ipr-2020" / "annotation.json"


def _round_trip(doc: ps.AnnotatedDocument, **kwargs: object) -> ps.AnnotatedDocument:
    txt, ann = brat.encode(doc)
    return brat.decode(txt, ann, brat.encode_meta(doc), **kwargs)  # type: ignore[arg-type]


def test_multilingual_round_trip_is_lossless() -> None:
    doc = multilingual()
    moved: list[ps.Problem] = []
    assert _round_trip(doc, notes=moved) == doc
    assert moved == []


def test_example_round_trip_is_lossless() -> None:
    doc = ps.load(EXAMPLE)
    assert _round_trip(doc) == doc


@settings(max_examples=10, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(annotated_documents().filter(lambda d: d.document.text is not None))
def test_round_trip_property(doc: ps.AnnotatedDocument) -> None:
    assert _round_trip(doc) == doc


def test_export_lines() -> None:
    txt, ann = brat.encode(multilingual())
    assert txt == MULTILINGUAL
    lines = ann.splitlines()
    # Offsets are code points: "Xi Jinping" starts after the four code points of 👨🏻‍🚒 and a space.
    assert "T1\tSpeaker 5 15\tXi Jinping" in lines
    speaker_note = next(line for line in lines if line.startswith("#") and " T1\t" in line)
    assert json.loads(speaker_note.split("\t")[2]) == {
        "speaker": "xi",
        "name": "Xi Jinping",
        "roles": [{"title": "general secretary"}],
    }
    assert "N1\tReference T1 Wikidata:Q15031\tXi Jinping" in lines
    # The directive: an event on its cue with speaker, addressee, content, condition, or-else arcs.
    event = next(line for line in lines if line.startswith("E1\t"))
    assert re.fullmatch(
        r"E1\tDirective:T\d+ Speaker:T1 Addressee:T\d+ Content:T\d+ Condition:T\d+ OrElse:T\d+ "
        r"Horizon:T\d+ Evidence:T\d+",
        event,
    )
    assert "E2\tDirective:" in ann
    assert "Relays:E1" in ann
    for attribute in ("Force E1 urge", "Modality E1 none", "Polarity E2 negative", "SpeakerKind T1 person"):
        assert any(line.endswith(attribute) for line in lines), attribute
    assert any(line.endswith("\tReference E1 cap:1522\tCopyrights and Patents") for line in lines)
    note = json.loads(next(line for line in lines if line.startswith("#") and " E1\t" in line).split("\t")[2])
    assert note["directive"] == "d1"
    assert note["speakers"] == ["xi", "li"]
    assert note["action"] == "strengthen"
    assert note["unanchored_addressees"] == [{"at": 0, "label": "the public", "kind": "public"}]
    meta = json.loads(brat.encode_meta(multilingual()))
    assert meta["document"]["title"] == "A multilingual test"
    assert "text" not in meta["document"]
    assert [s["id"] for s in meta["unanchored"]["speakers"]] == ["li"]
    assert [o["id"] for o in meta["unanchored"]["occasions"]] == ["o1"]


def test_export_is_deterministic() -> None:
    assert brat.encode(multilingual()) == brat.encode(multilingual())


def test_conf_declares_every_type_and_value() -> None:
    conf = brat.conf()
    for name in ("Speaker", "Addressee", "Content", "Condition", "OrElse", "TimeHorizon", "Occasion"):
        assert re.search(rf"^{name}$", conf, re.MULTILINE), name
    assert re.search(r"^Directive\tSpeaker\*:Speaker, Addressee\*:Addressee, Content:Content", conf, re.MULTILINE)
    assert re.search(
        r"^Force\tArg:Directive, Value:note\|suggest\|recommend\|stress\|call_for\|urge\|instruct$", conf, re.M
    )
    assert "Polarity\tArg:Directive, Value:positive|negative" in conf
    _txt, ann = brat.encode(multilingual())
    entity_types = {line.split("\t")[1].split(" ")[0] for line in ann.splitlines() if line.startswith("T")}
    declared = set(re.findall(r"^(\w+)$", conf.split("[relations]")[0], re.MULTILINE)) | {"Directive", "Statement"}
    assert entity_types <= declared


def _as_utf16(text: str, ann: str) -> str:
    offsets = OffsetMap(text)

    def convert(m: re.Match[str]) -> str:
        start, end = (offsets.from_codepoints(int(v), "utf16") for v in (m.group(2), m.group(3)))
        return f"{m.group(1)} {start} {end}\t"

    return re.sub(r"^(T\d+\t\w+) (\d+) (\d+)\t", convert, ann, flags=re.MULTILINE)


def test_utf16_offsets_are_read_with_offsets_utf16() -> None:
    doc = multilingual()
    txt, ann = brat.encode(doc)
    utf16 = _as_utf16(txt, ann)
    assert utf16 != ann
    moved: list[ps.Problem] = []
    assert brat.decode(txt, utf16, brat.encode_meta(doc), offsets="utf16", notes=moved) == doc
    assert moved == []


def test_utf16_offsets_read_as_code_points_are_moved_to_their_quote_and_reported() -> None:
    doc = multilingual()
    txt, ann = brat.encode(doc)
    moved: list[ps.Problem] = []
    back = brat.decode(txt, _as_utf16(txt, ann), brat.encode_meta(doc), source="multi", notes=moved)
    assert back == doc
    assert moved, "every span after the emoji is off by two"
    assert all(p.path.startswith("multi.ann:") for p in moved)
    assert any("offsets='utf16'" in p.message for p in moved)


def _problems(ann: str, meta: str | None = "from-doc") -> list[str]:
    doc = multilingual()
    txt, _ = brat.encode(doc)
    with pytest.raises(ps.ValidationError) as info:
        brat.decode(txt, ann, brat.encode_meta(doc) if meta == "from-doc" else meta, source="x")
    return [str(p) for p in info.value.problems]


def _replace_line(ann: str, prefix: str, new: str) -> str:
    return "\n".join(new if line.startswith(prefix) else line for line in ann.split("\n"))


def test_malformed_lines_are_problems_with_line_numbers() -> None:
    _, ann = brat.encode(multilingual())
    lines = ann.split("\n")
    lines[1] = "T2\tSpeaker 1O 12\t习近平"  # a letter O in an offset
    lines.insert(3, "R1\tRel Arg1:T1 Arg2:T2")
    lines.insert(4, "garbage")
    problems = _problems("\n".join(lines))
    assert any(p.startswith("x.ann:2: expected T<n><TAB>Type START END<TAB>text") for p in problems)
    assert any(p.startswith("x.ann:4: binary relations (R lines) are not part") for p in problems)
    assert any(p.startswith("x.ann:5: expected a line starting with T, E, A, M, N or #") for p in problems)


def test_undefined_references_duplicate_ids_and_bad_notes_are_problems() -> None:
    _, ann = brat.encode(multilingual())
    lines = ann.split("\n")
    number = {line.split("\t")[0]: i + 1 for i, line in enumerate(lines) if line}
    lines[number["E1"] - 1] = lines[number["E1"] - 1] + " Evidence2:T999"
    lines.append("T1\tSpeaker 5 15\tXi Jinping")
    lines.append("A99\tFlavour E1 sweet")
    note = next(line for line in lines if line.startswith("#") and " E2\t" in line)
    lines[lines.index(note)] = note.split("\t")[0] + "\tAnnotatorNotes E2\t{not json"
    problems = _problems("\n".join(lines))
    e1 = number["E1"]
    assert f"x.ann:{e1}: argument Evidence2: T999 is not defined in this file" in problems
    assert any(p.startswith(f"x.ann:{len(lines) - 1}: id T1 is used already on line 1") for p in problems)
    assert any(p.startswith(f'x.ann:{len(lines)}: unknown attribute "Flavour"') for p in problems)
    assert any("the note on E2 is not JSON" in p for p in problems)


def test_a_span_whose_quote_is_nowhere_cannot_be_placed() -> None:
    _, ann = brat.encode(multilingual())
    problems = _problems(ann.replace("\tXi Jinping\n", "\tXi Jinpong\n", 1))
    assert any(p.startswith('x.ann:1: the quote "Xi Jinpong"') and "cannot be placed" in p for p in problems)


def test_discontinuous_and_stray_spans_are_reported() -> None:
    _, ann = brat.encode(multilingual())
    problems = _problems(ann + "T500\tContent 5 7;8 15\tXi Jinping\nT501\tContent 5 15\tXi Jinping\n")
    count = ann.count("\n")
    assert f"x.ann:{count + 1}: T500 has 2 fragments; policyschema spans are whole" in problems
    assert f"x.ann:{count + 2}: T501 (Content) belongs to no item; attach it or delete it" in problems


def test_arcs_that_disagree_with_the_note_are_problems() -> None:
    doc = multilingual()
    _, ann = brat.encode(doc)
    event = next(line for line in ann.split("\n") if line.startswith("E1\t"))
    problems = _problems(ann.replace(event, event.replace(" Speaker:T1", "")))
    assert any("the Speaker arcs point at [] but the note names ['xi', 'li']" in p for p in problems)


def test_attribute_edits_are_read() -> None:
    doc = multilingual()
    txt, ann = brat.encode(doc)
    edited = re.sub(r"Force E1 urge", "Force E1 instruct", ann)
    back = brat.decode(txt, edited, brat.encode_meta(doc))
    assert back.directives[0].force == ps.Force.INSTRUCT


def test_an_invalid_attribute_value_is_reported_by_the_loader() -> None:
    _, ann = brat.encode(multilingual())
    problems = _problems(ann.replace("Force E1 urge", "Force E1 beg"))
    assert any(p.startswith("$.directives[0].force") for p in problems)


def test_missing_sidecar_is_a_problem() -> None:
    _, ann = brat.encode(multilingual())
    problems = _problems(ann, meta=None)
    assert problems == [
        "x.meta.json: missing: the sidecar holds the document's record (title, publisher, ...); export it again"
    ]


def test_write_and_read_a_directory(tmp_path: Path) -> None:
    docs = [ps.load(EXAMPLE), multilingual()]
    written = brat.write(docs, tmp_path / "brat")
    names = sorted(p.name for p in written)
    assert "annotation.conf" in names
    assert "multi-1.ann" in names
    assert "multi-1.meta.json" in names
    assert (tmp_path / "brat" / "multi-1.txt").read_bytes() == MULTILINGUAL.encode("utf-8")
    back = brat.read(tmp_path / "brat").documents
    assert brat.read(tmp_path / "brat" / "multi-1.ann").documents == [docs[1]]
    assert sorted(back, key=lambda d: d.document.id) == sorted(docs, key=lambda d: d.document.id)


def test_read_reports_a_missing_text(tmp_path: Path) -> None:
    brat.write([multilingual()], tmp_path)
    (tmp_path / "multi-1.txt").unlink()
    with pytest.raises(ps.ValidationError, match=r"missing: the text of multi-1\.ann"):
        brat.read(tmp_path)


def test_parser_reads_crlf_and_numbered_roles() -> None:
    ann = "T1\tDirective 0 2\tXi\r\nT2\tContent 3 5\tab\r\nE1\tDirective:T1 Content:T2 Evidence2:T2 Evidence:T1\r\n"
    parsed, problems = parse_ann(ann, "y.ann")
    assert problems == []
    assert parsed.text_bounds["T2"].text == "ab"
    assert parsed.events["E1"].arguments == (("Content", "T2"), ("Evidence2", "T2"), ("Evidence", "T1"))
    assert brat._arguments(parsed.events["E1"]) == [("Content", "T2"), ("Evidence", "T1"), ("Evidence", "T2")]


def test_export_needs_the_text() -> None:
    data = ps.unstructure(multilingual())
    text = data["document"].pop("text")
    data["document"]["text_sha256"] = ps.text_sha256(text)
    data["document"]["text_length"] = len(text)
    doc = ps.structure(data, text=text)
    with pytest.raises(ps.ValidationError, match=r"brat export needs the document text"):
        brat.encode(doc)


def test_line_breaks_inside_quotes_and_notes_stay_on_one_line() -> None:
    data = ps.unstructure(multilingual())
    text = data["document"]["text"].replace("said. ", "said\u2028\x85")  # same length: offsets stay
    data["document"]["text"] = text
    data["directives"][1]["evidence"] = [span(text, "he said\u2028\x85Cafe")]
    data["occasions"][0]["name"] = "A\u2029meeting\nof\tsorts"
    doc = ps.structure(data)
    txt, ann = brat.encode(doc)
    assert all(line.count("\t") == 2 or line.startswith(("E", "A")) for line in ann.split("\n") if line)
    assert len(ann.splitlines()) == ann.count("\n")
    assert brat.decode(txt, ann, brat.encode_meta(doc)) == doc


def test_a_mention_added_in_brat_is_read_and_a_misplaced_attribute_is_reported() -> None:
    doc = multilingual()
    txt, ann = brat.encode(doc)
    added = ann + 'T900\tSpeaker 215 220\tadded\n#900\tAnnotatorNotes T900\t{"speaker": "xi"}\n'
    back = brat.decode(txt, added, brat.encode_meta(doc))
    assert back.speakers[0].mentions[-1] == ps.Span(start=215, end=220, text="added")
    misplaced = added + "A900\tSpeakerKind T900 group\n"
    problems = _problems(misplaced)
    count = misplaced.count("\n")
    assert problems == [
        f"x.ann:{count}: SpeakerKind on Speaker T900 is not read: it belongs on the first annotation of an item "
        "of type Speaker"
    ]


def test_an_event_added_without_a_note_is_reported() -> None:
    _, ann = brat.encode(multilingual())
    problems = _problems(ann + "T900\tDirective 215 220\tadded\nE900\tDirective:T900 Content:T8\n")
    count = ann.count("\n")
    assert problems == [
        f"x.ann:{count + 2}: E900 has no note naming its directive (a JSON object such as {{'directive': ...}})"
    ]


def test_a_first_mention_marked_in_brat_anchors_a_speaker_that_had_none() -> None:
    doc = multilingual()
    txt, ann = brat.encode(doc)
    # Li had no mention; a reviewer marks "officials" ... as Li, for the sake of the test.
    added = ann + 'T900\tSpeaker 28 37\tofficials\n#900\tAnnotatorNotes T900\t{"speaker": "li"}\n'
    back = brat.decode(txt, added, brat.encode_meta(doc))
    li = back.speaker("li")
    assert li.mentions == [ps.Span(start=28, end=37, text="officials")]
    assert li.name == "Li Unnamed"
    assert [s.id for s in back.speakers] == ["xi", "li"]
    # Exported again, Li's record now travels on that mention.
    assert brat.decode(*brat.encode(back), brat.encode_meta(back)) == back


def test_a_note_that_contradicts_an_attribute_is_reported() -> None:
    _, ann = brat.encode(multilingual())
    lines = ann.split("\n")
    note = next(i for i, line in enumerate(lines) if line.startswith("#") and " E1\t" in line)
    lines[note] = lines[note].replace('{"directive": "d1", ', '{"directive": "d1", "force": "note", ')
    force = next(i for i, line in enumerate(lines) if line.endswith("Force E1 urge")) + 1
    assert _problems("\n".join(lines)) == [f"x.ann:{force}: Force urge on E1 disagrees with its note's force: note"]
