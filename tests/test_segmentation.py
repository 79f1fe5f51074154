"""ps.sentences: the sentence split of guidelines rule 1, which evidence spans follow."""

from __future__ import annotations

import pytest

import policyschema as ps


def _split(text: str) -> list[str]:
    found = ps.sentences(text)
    assert all(text[s.start : s.end] == s.text for s in found)  # spans quote the text
    return [s.text for s in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline is not part of the first sentence; a missing space before a capital still splits
        (
            "BEIJING, Nov. 27 (Xinhua) -- Li spoke.He said more.",
            ["Li spoke.", "He said more."],
        ),
        ("BEIJING, Nov. 27 -- Li spoke.", ["Li spoke."]),
        # a line is a paragraph; a line without final punctuation (a title) is one sentence
        ("A title\n\nFirst one. Second one!\nThird?", ["A title", "First one.", "Second one!", "Third?"]),
        # abbreviations, initials and numbers do not end sentences
        ("The U.S. side met on Nov. 3. No. 5 was there.", ["The U.S. side met on Nov. 3.", "No. 5 was there."]),
        ("J. Smith and Dr. Li spoke. Both agreed.", ["J. Smith and Dr. Li spoke.", "Both agreed."]),
        ("Dated 27.3.2020 and 1.4.2020, it holds. Yes.", ["Dated 27.3.2020 and 1.4.2020, it holds.", "Yes."]),
        # not inside quotation marks; after a closing quotation mark it does
        ('He said: "Act now. Then rest," and left. Fine.', ['He said: "Act now. Then rest," and left.', "Fine."]),
        ("“We must act.” He added more.", ["“We must act.”", "He added more."]),
        # a right quotation mark used as an apostrophe opens nothing
        ("The world”s cleanest. Next.", ["The world”s cleanest.", "Next."]),
        # a lower-case letter after a period without a space is no new sentence (an address, a decimal)
        ("Visit gov.in today. Rate 2.5 per cent.", ["Visit gov.in today.", "Rate 2.5 per cent."]),
        ("", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_every_evidence_span_of_the_reference_examples_is_one_of_its_sentences() -> None:
    for name in ps.examples.names():
        doc = ps.examples.load(name)
        assert doc.document.text is not None
        sentences = {(s.start, s.end) for s in ps.sentences(doc.document.text)}
        for item in [*doc.directives, *doc.statements]:
            for evidence in item.evidence:
                assert (evidence.start, evidence.end) in sentences, (name, item.id, evidence.text)
