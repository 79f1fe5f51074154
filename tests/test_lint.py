"""Lint: valid but against the guidelines (issue 9, part 5). One test a rule, on a document that is clean."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import policyschema as ps
from policyschema.lint import RULES

from .test_cli import _run

TEXT = "Xi Jinping urged officials to strengthen IPR protection work during 2021-25. He said more."


def _span(text: str, after: int = 0) -> dict[str, Any]:
    start = TEXT.index(text, after)
    return {"start": start, "end": start + len(text), "text": text}


@pytest.fixture
def clean(valid: dict[str, Any]) -> dict[str, Any]:
    """The shared valid fixture, made to follow the guidelines."""
    valid["document"]["text"] = TEXT
    valid["speakers"][0]["mentions"] = [_span("Xi Jinping"), _span("He")]
    directive = valid["directives"][0]
    directive.update(
        cue=_span("urged"),
        content=_span("to strengthen IPR protection work"),
        evidence=[_span("Xi Jinping urged officials to strengthen IPR protection work during 2021-25.")],
    )
    directive["addressees"][0]["span"] = _span("officials")
    valid["time_horizons"][0].update(id="t_2021_25", evidence=[_span("2021-25")])
    directive["time_horizon"] = "t_2021_25"
    return valid


def _findings(data: dict[str, Any]) -> list[ps.Problem]:
    return ps.lint(ps.loads(json.dumps(data, ensure_ascii=False)))


def test_the_clean_document_and_the_shipped_examples_are_clean(clean: dict[str, Any]) -> None:
    assert _findings(clean) == []
    for path in Path(__file__).parent.parent.glob("examples/*/annotation.json"):
        assert ps.lint(ps.load(path)) == [], path


def _statement(clean: dict[str, Any], content: str) -> dict[str, Any]:
    clean["document"]["text"] = TEXT  # "He said more."
    return {
        "id": "s01",
        "speakers": ["xi"],
        "cue": _span("said"),
        "kind": "assessment",
        "content": _span(content),
        "policy_areas": [],
        "time_horizon": None,
        "occasion": None,
        "reported_as": "indirect",
        "evidence": [_span("He said more.")],
    }


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value(data) if callable(value) else value

    return change


def _occasion(date: str, participants: list[str]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        data["occasions"] = [
            {"id": "o_meeting", "name": "A meeting", "kind": "meeting", "date": date, "participants": participants}
        ]
        data["directives"][0]["occasion"] = "o_meeting"

    return change


def _add_speaker(data: dict[str, Any]) -> None:
    data["speakers"].append({"id": "li", "name": "Li", "kind": "person", "mentions": []})


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("content-overlaps-cue", _set("directives.0.content", _span("urged officials")), "$.directives[0].content"),
    ("content-overlaps-cue", _set("directives.0.content", _span("urged")), "$.directives[0].content"),
    ("outside-evidence", _set("directives.0.evidence", [_span("He said more.")]), "$.directives[0].cue"),
    ("evidence-missing", _set("directives.0.evidence", []), "$.directives[0].evidence"),
    (
        "evidence-in-text-order",
        lambda d: d["directives"][0]["evidence"].insert(0, _span("He said more.")),
        "$.directives[0].evidence[1]",
    ),
    ("polarity-from-content", _set("directives.0.polarity", "negative"), "$.directives[0].polarity"),
    (
        "evidence-is-a-sentence",
        _set("directives.0.evidence", [_span("Xi Jinping urged officials to strengthen IPR protection work")]),
        "$.directives[0].evidence[0]",
    ),
    (
        "evidence-is-a-sentence",
        _set("directives.0.evidence", [_span("urged officials to strengthen IPR protection work during 2021-25.")]),
        "$.directives[0].evidence[0]",
    ),
    (
        "content-final-punctuation",
        _set("directives.0.content", _span("to strengthen IPR protection work during 2021-25.")),
        "$.directives[0].content",
    ),
    (
        "span-edge-whitespace",
        _set("directives.0.addressees.0.span", _span("officials ")),
        "$.directives[0].addressees[0].span.text",
    ),
    (
        "code-repeated",
        lambda d: d["directives"][0]["policy_areas"].append({"codebook": "cap", "code": "1522"}),
        "$.directives[0].policy_areas[1]",
    ),
    ("addressee-without-span", _set("directives.0.addressees.0.span", None), "$.directives[0].addressees[0].span"),
    ("force-from-cue", _set("directives.0.force", "stress"), "$.directives[0].force"),
    ("modality-from-content", _set("directives.0.modality", "obligation"), "$.directives[0].modality"),
    ("mention-missing", _set("speakers.0.mentions", [_span("He")]), "$.speakers[0].mentions"),
    ("mention-with-article", lambda d: None, ""),  # covered below: needs a text with an article
    ("speaker-without-mentions", _add_speaker, "$.speakers[1].mentions"),
    ("speaker-not-participant", _occasion("2020-11-30", []), "$.directives[0].occasion"),
    ("occasion-after-publication", _occasion("2020-12-03", ["xi"]), "$.occasions[0].date"),
    ("horizon-not-linked", _set("directives.0.time_horizon", None), "$.time_horizons[0]"),
    ("id-convention", _set("directives.0.id", "D1"), "$.directives[0].id"),
]


@pytest.mark.parametrize(
    ("rule", "change", "path"), [c for c in CASES if c[2]], ids=lambda v: v if isinstance(v, str) else ""
)
def test_each_rule_finds_its_case(clean: dict[str, Any], rule: str, change: Any, path: str) -> None:
    change(clean)
    findings = _findings(clean)
    hits = [f for f in findings if f.message.endswith(f"[{rule}]")]
    assert [f.path for f in hits][:1] == [path], findings
    assert hits[0].message.startswith(f"guidelines {RULES[rule][0]}: ")


def test_modality_follows_the_modal_verb_of_the_content(clean: dict[str, Any]) -> None:
    text = TEXT.replace("to strengthen", "must strengthen")
    clean["document"]["text"] = text
    clean["directives"][0]["content"]["text"] = "must strengthen IPR protection work"
    clean["directives"][0]["evidence"][0]["text"] = text[:78]
    clean["directives"][0]["evidence"][0]["end"] = 78
    clean["directives"][0]["content"]["end"] += 2
    for span in [clean["time_horizons"][0]["evidence"][0], clean["speakers"][0]["mentions"][1]]:
        span["start"] += 2
        span["end"] += 2
    findings = _findings(clean)
    assert len(findings) == 1, findings
    finding = findings[0]
    assert finding.path == "$.directives[0].modality"
    assert finding.message.endswith("[modality-from-content]")
    assert '"must"' in finding.message
    clean["directives"][0]["modality"] = "obligation"
    assert _findings(clean) == []


def test_a_statement_with_a_modal_verb_should_be_a_directive(clean: dict[str, Any]) -> None:
    text = TEXT[: TEXT.index("He said")] + "He said work must go on."
    clean["document"]["text"] = text
    statement = {
        "id": "s01",
        "speakers": ["xi"],
        "cue": {"start": text.index("said"), "end": text.index("said") + 4, "text": "said"},
        "kind": "assessment",
        "content": {"start": text.index("work must"), "end": len(text) - 1, "text": "work must go on"},
        "policy_areas": [],
        "time_horizon": None,
        "occasion": None,
        "reported_as": "indirect",
        "evidence": [{"start": text.index("He said"), "end": len(text), "text": "He said work must go on."}],
    }
    clean["statements"] = [statement]
    [finding] = _findings(clean)
    assert finding.path == "$.statements[0]"
    assert finding.message.endswith("[statement-with-modal-verb]")
    assert '"must"' in finding.message


def test_ids_in_text_order_and_mentions_without_articles(clean: dict[str, Any]) -> None:
    second = json.loads(json.dumps(clean["directives"][0]))
    second["id"] = "d02"
    clean["directives"][0]["id"] = "d03"
    clean["directives"].append(second)
    second["content"] = _span("strengthen IPR protection work")  # d02 after d03 in the sentence
    findings = _findings(clean)
    assert [f.message.rsplit("[", 1)[1] for f in findings] == ["ids-in-text-order]"]
    assert findings[0].path == "$.directives[0].id"


def test_polarity_follows_a_prohibition_in_the_content(clean: dict[str, Any]) -> None:
    text = TEXT.replace("to strengthen", "must not weaken")
    clean["document"]["text"] = text
    directive = clean["directives"][0]
    directive.update(modality="obligation", action="weaken")
    directive["content"].update(text="must not weaken IPR protection work", end=directive["content"]["end"] + 2)
    directive["evidence"][0].update(text=text[:78], end=78)
    for span in [clean["time_horizons"][0]["evidence"][0], clean["speakers"][0]["mentions"][1]]:
        span["start"] += 2
        span["end"] += 2
    [finding] = _findings(clean)
    assert finding.message.endswith("[polarity-from-content]")
    assert '"must not"' in finding.message
    directive["polarity"] = "negative"
    assert _findings(clean) == []


def test_conditions_start_without_a_conjunction(clean: dict[str, Any]) -> None:
    text = TEXT.replace("during 2021-25", "during 2021-25 and where possible")
    clean["document"]["text"] = text
    directive = clean["directives"][0]
    directive["evidence"][0].update(text=text[: text.index(".") + 1], end=text.index(".") + 1)
    for span in [clean["speakers"][0]["mentions"][1]]:
        span["start"] += 19
        span["end"] += 19
    start = text.index("where possible")
    directive["conditions"] = [{"start": start, "end": start + 14, "text": "where possible"}]
    assert _findings(clean) == []
    directive["conditions"] = [{"start": start - 4, "end": start + 14, "text": "and where possible"}]
    [finding] = _findings(clean)
    assert finding.path == "$.directives[0].conditions[0]"
    assert finding.message.endswith("[condition-leading-conjunction]")


def test_a_mention_with_an_article(clean: dict[str, Any]) -> None:
    text = TEXT + " The president agreed."
    clean["document"]["text"] = text
    start = text.index("The president")
    clean["speakers"][0]["mentions"].append({"start": start, "end": start + 13, "text": "The president"})
    [finding] = _findings(clean)
    assert finding.message.endswith("[mention-with-article]")


def test_word_rules_only_on_english(clean: dict[str, Any]) -> None:
    clean["directives"][0]["force"] = "stress"
    assert _findings(clean)
    clean["document"]["language"] = "de"
    assert _findings(clean) == []


def test_lint_refuses_an_invalid_document(clean: dict[str, Any]) -> None:
    doc = ps.loads(json.dumps(clean))
    doc.directives[0].force = "urgent"  # type: ignore[assignment]
    with pytest.raises(ps.ValidationError):
        ps.lint(doc)


def test_every_rule_has_a_test() -> None:
    tested = {rule for rule, _, path in CASES if path} | {
        "statement-with-modal-verb",
        "ids-in-text-order",
        "mention-with-article",
        "headline-not-annotated",
        "condition-leading-conjunction",
    }
    assert tested == set(RULES)


def test_a_cue_in_the_headline(clean: dict[str, Any]) -> None:
    text = "Xi urges action\n" + TEXT
    clean["document"].update(text=text, title="Xi urges action")
    shift = len("Xi urges action\n")
    for span in [
        clean["directives"][0]["cue"],
        clean["directives"][0]["content"],
        clean["directives"][0]["evidence"][0],
        clean["directives"][0]["addressees"][0]["span"],
        clean["time_horizons"][0]["evidence"][0],
        *clean["speakers"][0]["mentions"],
    ]:
        span["start"] += shift
        span["end"] += shift
    clean["speakers"][0]["mentions"].insert(0, {"start": 0, "end": 2, "text": "Xi"})
    assert _findings(clean) == []
    clean["directives"][0]["cue"] = {"start": 3, "end": 8, "text": "urges"}
    findings = _findings(clean)
    assert "[headline-not-annotated]" in findings[0].message


# --- the command ----------------------------------------------------------------------------------


def test_lint_command_exit_codes_and_formats(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, clean: dict[str, Any]
) -> None:
    good = tmp_path / "good.json"
    good.write_text(json.dumps(clean, indent=2), encoding="utf-8")
    assert _run(capsys, "lint", str(good))[0] == 0
    clean["directives"][0]["force"] = "stress"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(clean, indent=2), encoding="utf-8")
    status, out, _ = _run(capsys, "lint", str(good), str(bad))
    assert status == 1
    line = next(i for i, row in enumerate(bad.read_text().splitlines(), 1) if '"stress"' in row)
    assert f"{bad}:{line}:" in out
    assert "[force-from-cue]" in out
    status, out, _ = _run(capsys, "lint", "--format", "github", str(bad))
    assert out.startswith(f"::error file={bad},line={line},")
    status, out, _ = _run(capsys, "lint", "--format", "json", str(bad))
    report = json.loads(out)
    assert report["files"][0]["clean"] is False
    assert report["summary"]["problems"] == 1
    assert _run(capsys, "lint", str(tmp_path / "missing.json"))[0] == 2
    assert _run(capsys, "lint")[0] == 2


def _directive_text(clean: dict[str, Any], text: str, cue: str, content: str, **fields: Any) -> dict[str, Any]:
    """``clean`` re-spanned for a first sentence ``text`` ("Xi Jinping <cue> ... during 2021-25.")."""
    whole = text + " He said more."
    first = text

    def span(quote: str) -> dict[str, Any]:
        start = whole.index(quote)
        return {"start": start, "end": start + len(quote), "text": quote}

    clean["document"]["text"] = whole
    clean["speakers"][0]["mentions"] = [span("Xi Jinping"), span("He")]
    clean["time_horizons"][0]["evidence"] = [span("2021-25")]
    directive = clean["directives"][0]
    directive.update(cue=span(cue), content=span(content), evidence=[span(first)], **fields)
    directive["addressees"] = (
        [{**directive["addressees"][0], "span": span("officials")}]
        if "officials" in content or "officials" in text
        else []
    )
    return directive


def test_a_cue_that_grants_permission_gives_the_modality(clean: dict[str, Any]) -> None:
    """§2.5.1 and §4.3: 'has allowed' is read from its verb; the permission is in the cue, not the content."""
    text = "Xi Jinping has allowed officials to strengthen IPR protection work during 2021-25."
    directive = _directive_text(clean, text, "has allowed", "to strengthen IPR protection work", force="instruct")
    directive["modality"] = "permission"
    assert _findings(clean) == []
    directive["modality"] = "none"
    [finding] = _findings(clean)
    assert finding.message.endswith("[modality-from-content]")
    assert 'the cue "has allowed" grants permission' in finding.message
    directive.update(modality="permission", force="urge")
    [finding] = _findings(clean)
    assert finding.message.endswith("[force-from-cue]")
    assert 'gives the force "instruct"' in finding.message
    clean["directives"] = []
    clean["statements"] = [
        {
            "id": "s01",
            "speakers": ["xi"],
            "cue": directive["cue"],
            "kind": "assessment",  # a decision statement is exempt: "allowed itself more time"
            "content": directive["content"],
            "policy_areas": [],
            "time_horizon": None,
            "occasion": None,
            "reported_as": "indirect",
            "evidence": directive["evidence"],
        }
    ]
    findings = [f for f in _findings(clean) if f.message.endswith("[statement-with-modal-verb]")]
    assert [f.path for f in findings] == ["$.statements[0]"]
    assert "grants permission" in findings[0].message


def test_a_stay_is_a_prohibition_and_is_to_be_an_obligation(clean: dict[str, Any]) -> None:
    """§2.9: the noun of prohibition is in the content; §2.5: 'no X is to be' is an obligation."""
    text = "Xi Jinping has however maintained the stay on IPR protection work during 2021-25."
    fields = {"force": "instruct", "modality": "none", "polarity": "negative"}
    directive = _directive_text(clean, text, "has however maintained", "the stay on IPR protection work", **fields)
    assert _findings(clean) == []
    directive["content"] = {**directive["content"], "text": "IPR protection work"}
    directive["content"]["start"] += len("the stay on ")
    [finding] = _findings(clean)
    assert finding.message.endswith("[polarity-from-content]")
    text = "Xi Jinping said no IPR protection work is to be weakened during 2021-25."
    fields = {"force": "note", "modality": "obligation", "polarity": "negative"}
    directive = _directive_text(clean, text, "said", "no IPR protection work is to be weakened", **fields)
    assert _findings(clean) == []
    directive["modality"] = "none"
    [finding] = _findings(clean)
    assert finding.message.endswith("[modality-from-content]")
    assert '"is to be weakened"' in finding.message


def _statement_from(directive: dict[str, Any], kind: str) -> dict[str, Any]:
    keys = ("speakers", "cue", "content", "time_horizon", "occasion", "reported_as", "evidence")
    return {"id": "s01", "kind": kind, "policy_areas": [], **{key: directive[key] for key in keys}}


@pytest.mark.parametrize(
    ("text", "cue", "content", "fields"),
    [
        # permission cues in other forms (§2.5.1)
        (
            "Xi Jinping has authorised officials to strengthen IPR protection work during 2021-25.",
            "has authorised",
            "to strengthen IPR protection work",
            {"force": "instruct", "modality": "permission"},
        ),
        (
            "Xi Jinping will allow officials to strengthen IPR protection work during 2021-25.",
            "will allow",
            "to strengthen IPR protection work",
            {"force": "instruct", "modality": "permission"},
        ),
        # lifting a ban permits what it forbade (§2.3)
        (
            "Xi Jinping has lifted the ban on IPR protection work during 2021-25.",
            "has lifted",
            "the ban on IPR protection work",
            {"force": "instruct", "modality": "permission"},
        ),
        # a refusal or a prohibition carried by the cue (§2.9)
        (
            "Xi Jinping has not allowed IPR protection work during 2021-25.",
            "has not allowed",
            "IPR protection work",
            {"force": "instruct", "modality": "none", "polarity": "negative"},
        ),
        (
            "Xi Jinping stayed IPR protection work during 2021-25.",
            "stayed",
            "IPR protection work",
            {"force": "instruct", "modality": "none", "polarity": "negative"},
        ),
        (
            "Xi Jinping said IPR protection work is not to be weakened during 2021-25.",
            "said",
            "IPR protection work is not to be weakened",
            {"force": "note", "modality": "obligation", "polarity": "negative"},
        ),
    ],
)
def test_cues_and_modals_of_permission_and_prohibition_lint_clean(
    clean: dict[str, Any], text: str, cue: str, content: str, fields: dict[str, str]
) -> None:
    _directive_text(clean, text, cue, content, **fields)
    assert _findings(clean) == []


def test_lint_does_not_take_schedules_or_self_grants_for_directives(clean: dict[str, Any]) -> None:
    """'is to be held' schedules; 'allowed itself' and 'allowed that' grant nothing to others (§2.5.1)."""
    cases = [
        (
            "Xi Jinping has allowed itself IPR protection work during 2021-25.",
            "has allowed",
            "itself IPR protection work",
            "decision",
        ),
        (
            "Xi Jinping allowed that IPR protection work lagged during 2021-25.",
            "allowed",
            "that IPR protection work lagged",
            "assessment",
        ),
        (
            "Xi Jinping said IPR protection work is to be held during 2021-25.",
            "said",
            "IPR protection work is to be held",
            "prediction",
        ),
    ]
    for text, cue, content, kind in cases:
        directive = _directive_text(clean, text, cue, content)
        clean["statements"] = [_statement_from(directive, kind)]
        clean["directives"] = []
        assert _findings(clean) == [], text
        clean["directives"] = [directive]
    directive = _directive_text(clean, *cases[0][:3])
    clean["statements"] = [_statement_from(directive, "assessment")]  # a grant to others, read as a claim
    clean["directives"] = []
    assert [f.message.rsplit("[", 1)[1] for f in _findings(clean)] == ["statement-with-modal-verb]"]


def test_a_prohibition_by_not_to_be_needs_the_negative_polarity(clean: dict[str, Any]) -> None:
    text = "Xi Jinping said IPR protection work is not to be weakened during 2021-25."
    fields = {"force": "note", "modality": "obligation", "polarity": "positive"}
    _directive_text(clean, text, "said", "IPR protection work is not to be weakened", **fields)
    [finding] = _findings(clean)
    assert finding.message.endswith("[polarity-from-content]")
    assert '"is not to be"' in finding.message
