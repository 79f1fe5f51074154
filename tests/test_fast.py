"""One set of rules: the fast path (``_fast``) and the detailed path (``_convert`` + ``checks``) accept and
refuse exactly the same inputs, and build equal documents; ``dumps`` through orjson writes the bytes
``json.dumps`` writes.

The inputs are valid documents from the strategies and random mutations of them: wrong JSON types, values
that break a pattern or a vocabulary, unknown and missing keys, duplicate keys and other damage in the
text (NaN, a byte-order mark, invalid UTF-8, lone surrogates), broken spans, and the same documents written
in other JSON styles (compact, escaped, Python's separators) so that every parser branch runs.
"""

from __future__ import annotations

import contextlib
import copy
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import policyschema as ps
from policyschema import _fast
from policyschema._convert import converter, parse_json, to_json
from policyschema.checks import _span_problems, _spans_fit, semantic_problems
from policyschema.codec import structure_as_written
from policyschema.strategies import annotated_documents
from policyschema.validation import checked_data

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*/annotation.json"))


def _detailed(raw: str | bytes) -> ps.AnnotatedDocument | None:
    """The detailed path's verdict: the document, or None when it refuses."""
    try:
        doc, _ = structure_as_written(parse_json(raw))
    except ps.ValidationError:
        return None
    return None if ps.check(doc) else doc


def _fast_verdict(raw: str | bytes) -> ps.AnnotatedDocument | None:
    doc = _fast.structure_json(raw, ps.AnnotatedDocument)
    return None if doc is None or ps.check(doc) else doc


def _locations(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    items: Any = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        yield (*path, key), value
        yield from _locations(value, (*path, key))


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


_WRONG = [7, -3, 0, 2**62, 1.0, 1.5, True, False, None, "7", "", "x", [], {}, ["x"], {"a": 1}]
_STRINGS = ["", " ", "Q0", "a b", "1522", "2021-13", "2020-02-30", "urge", "URGE", "x\n", "cap", "é", "\U0001d538"]
_KINDS = [
    "wrong value",
    "string",
    "unknown key",
    "missing key",
    "span shift",
    "duplicate key",
    "text damage",
    "style",
]


def _write(data: Any, style: str) -> bytes:
    if style == "canonical":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if style == "compact":
        return orjson.dumps(data)
    if style == "python":
        return json.dumps(data, ensure_ascii=False).encode("utf-8")
    return json.dumps(data, ensure_ascii=True, indent=1).encode("ascii")


@st.composite
def _inputs(draw: st.DrawFn) -> bytes:
    """A document's JSON text, most often damaged in one way."""
    doc = draw(annotated_documents(max_items=3))
    data = json.loads(ps.dumps(doc))
    kind = draw(st.sampled_from(_KINDS))
    style = draw(st.sampled_from(["canonical", "compact", "python", "ascii"]))
    locations = list(_locations(data))
    rng = random.Random(draw(st.integers(0, 2**32)))
    if kind == "wrong value":
        path, _ = rng.choice(locations)
        _parent(data, path)[path[-1]] = copy.deepcopy(draw(st.sampled_from(_WRONG)))
    elif kind == "string":
        strings = [p for p, v in locations if isinstance(v, str)]
        path = rng.choice(strings)
        _parent(data, path)[path[-1]] = draw(st.sampled_from(_STRINGS) | st.text(max_size=5))
    elif kind == "unknown key":
        objects = [(), *(p for p, v in locations if isinstance(v, dict))]
        target = rng.choice(objects)
        obj = _parent(data, (*target, None)) if target else data
        obj[draw(st.sampled_from(["extra", "Id", "speaker_id", "text "]))] = 1
    elif kind == "missing key":
        keys = [p for p, _ in locations if isinstance(p[-1], str)]
        path = rng.choice(keys)
        del _parent(data, path)[path[-1]]
    elif kind == "span shift":
        offsets = [p for p, v in locations if p[-1] in ("start", "end") and type(v) is int]
        if offsets:
            path = rng.choice(offsets)
            _parent(data, path)[path[-1]] += draw(st.sampled_from([-1, 1, 10**6]))
    raw = _write(data, style)
    if kind == "duplicate key":
        text = raw.decode("utf-8")
        places = [i for i, c in enumerate(text) if c == "{"]
        at = rng.choice(places) + 1
        key = draw(st.sampled_from(['"id"', '"schema_version"', '"start"', '"text"', '"kind"']))
        raw = (text[:at] + f"{key}: 1, " + text[at:]).encode("utf-8")
    elif kind == "text damage":
        damage = draw(st.sampled_from(["bom", "nan", "utf8", "surrogate", "cut", "trailing"]))
        if damage == "bom":
            raw = b"\xef\xbb\xbf" + raw
        elif damage == "nan":
            raw = raw.replace(b'"start": ', b'"start": NaN, "x": ', 1).replace(b'"start":', b'"start":Infinity,"x":', 1)
        elif damage == "utf8":
            at = rng.randrange(len(raw))
            raw = raw[:at] + b"\xff" + raw[at:]
        elif damage == "surrogate":
            raw = raw.replace(b'"text": "', b'"text": "\\ud800', 1).replace(b'"text":"', b'"text":"\\udc00', 1)
        elif damage == "cut":
            raw = raw[: rng.randrange(len(raw))]
        else:
            raw += b" x"
    return raw


@given(_inputs())
@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    max_examples=2 * settings.default.max_examples,  # many kinds of damage: more examples than usual
)
def test_fast_and_detailed_paths_accept_and_refuse_the_same_texts(raw: bytes) -> None:
    detailed = _detailed(raw)
    fast = _fast_verdict(raw)
    assert (fast is None) == (detailed is None)
    assert fast == detailed
    if fast is not None:  # and the dumped forms agree too: equal documents, equal bytes
        assert ps.dumps(fast) == to_json(converter.unstructure(detailed))


@given(annotated_documents())
def test_valid_documents_take_the_fast_path_in_every_json_style(doc: ps.AnnotatedDocument) -> None:
    data = json.loads(ps.dumps(doc))
    for style in ("canonical", "compact", "python", "ascii"):
        raw = _write(data, style)
        assert _fast.structure_json(raw, ps.AnnotatedDocument) == doc, style
        assert _fast.structure_json(raw.decode("utf-8"), ps.AnnotatedDocument) == doc, style


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_take_the_fast_path(path: Path) -> None:
    raw = path.read_bytes()
    assert _fast.structure_json(raw, ps.AnnotatedDocument) == _detailed(raw) is not None


def test_integers_beyond_64_bits_go_to_the_detailed_path() -> None:
    data = json.loads(EXAMPLES[0].read_bytes())
    data["document"]["text_length"] = 2**70
    raw = json.dumps(data).encode()
    assert _fast.structure_json(raw, ps.AnnotatedDocument) is None
    with pytest.raises(ps.ValidationError) as caught:
        ps.loads(raw)
    assert [p.path for p in caught.value.problems] == ["$.document.text_length"]


# --- objects built in Python ---------------------------------------------------------------------

_FIELD_VALUES = [
    None,
    0,
    -1,
    2**62,
    "",
    "x",
    "urge",
    " 1522",
    True,
    1.5,
    [],
    ["x"],
    ps.Force.URGE,
    ps.PartialDate(2021),
]


@contextlib.contextmanager
def _fast_object_checker_off() -> Iterator[None]:
    """Object trees take the detailed path only, while the block runs."""
    original = _fast.unstructure_checked
    _fast.unstructure_checked = lambda obj: None  # type: ignore[assignment]
    try:
        yield
    finally:
        _fast.unstructure_checked = original


def _detailed_object(doc: ps.AnnotatedDocument) -> Any:
    """What the detailed path (``validation.checked_data``: the raw walk, strict structuring, semantic
    checks) says of an object tree: its JSON data if it keeps every rule, else None."""
    with _fast_object_checker_off():
        data, problems = checked_data(doc)
    return None if problems else data


def _detailed_object_data(doc: ps.AnnotatedDocument) -> Any:
    """The JSON data the detailed path makes of an object tree, whatever the checks say."""
    with _fast_object_checker_off():
        return checked_data(doc)[0]


def _fast_object(doc: ps.AnnotatedDocument) -> Any:
    """What the fast path says: the checked data, if the structure and then the semantic checks pass."""
    data = _fast.unstructure_checked(doc)
    return None if data is None or semantic_problems(doc) else data


def _objects(doc: Any) -> Iterator[Any]:
    yield doc
    for field in attrs.fields(type(doc)):
        value = getattr(doc, field.name)
        for item in value if isinstance(value, list) else [value]:
            if attrs.has(type(item)):
                yield from _objects(item)


@given(annotated_documents(max_items=3), st.data())
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_fast_and_detailed_paths_judge_python_objects_alike(doc: ps.AnnotatedDocument, data: st.DataObject) -> None:
    assert _fast.unstructure_checked(doc) == converter.unstructure(doc)
    target = data.draw(st.sampled_from(list(_objects(doc))))
    field = data.draw(st.sampled_from(attrs.fields(type(target))))
    object.__setattr__(target, field.name, data.draw(st.sampled_from(_FIELD_VALUES)))
    structural, exact = _fast._object_data(doc)
    detailed = _detailed_object(doc)
    if structural is None:  # refused by the fast path's structural rules: refused by the detailed path
        assert detailed is None
    elif exact:  # every value of its declared type: the fast path decides, as the detailed path does
        assert _fast_object(doc) == detailed
    else:  # a value judged by its JSON form (a vocabulary member in a text field...): the detailed path
        assert _fast.unstructure_checked(doc) is None  # decides, and writes the same data when it accepts
        assert detailed is None or detailed == structural


def test_an_integer_beyond_64_bits_in_python_is_judged_as_the_detailed_path_judges_it() -> None:
    doc = ps.load(EXAMPLES[0])
    doc.document.text_length = 2**64  # structurally an offset; only the semantic checks refuse it
    assert _fast._object_data(doc) == (_detailed_object_data(doc), False)
    with pytest.raises(ps.ValidationError) as caught:
        ps.dumps(doc)
    assert [p.path for p in caught.value.problems] == ["$.document.text_length"]


def test_a_lone_surrogate_in_a_python_string_is_refused_by_the_fast_path() -> None:
    doc = ps.load(EXAMPLES[0])
    doc.speakers[0].name = "Xi \ud800"
    assert _fast.unstructure_checked(doc) is None
    assert _detailed_object(doc) is None


# --- output --------------------------------------------------------------------------------------


@given(annotated_documents())
def test_orjson_writes_the_bytes_json_writes(doc: ps.AnnotatedDocument) -> None:
    data = converter.unstructure(doc)
    assert _fast.canonical_json(data) == to_json(data) == ps.dumps(doc)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.parent.name)
def test_examples_dump_to_their_committed_bytes(path: Path) -> None:
    assert ps.dumps(ps.load(path)).encode("utf-8") == path.read_bytes()


def test_what_orjson_refuses_is_written_by_json() -> None:
    data = {"big": 2**64, "text": "a\ud800"}
    assert _fast.canonical_json(data) == to_json(data)


# --- the semantic checks' quick test -------------------------------------------------------------


@given(
    st.integers(-3, 12),
    st.integers(-3, 12),
    st.text(alphabet="ab\U0001d538", max_size=6),
    st.none() | st.text(alphabet="ab\U0001d538", max_size=10),
    st.none() | st.integers(0, 12),
)
def test_a_span_that_fits_has_no_problems(start: int, end: int, quoted: str, source: str | None, length: Any) -> None:
    span = ps.Span(start=start, end=end, text=quoted)
    if source is not None:
        length = len(source)
    if _spans_fit([span], source, length):
        assert list(_span_problems(span, ("x",), source, length)) == []
    elif start < end and (length is None or end <= length) and source is None:
        pytest.fail("a span that _span_problems accepts should fit")
