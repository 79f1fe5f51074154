"""ps.sentences: the sentence split of guidelines rule 1, which evidence spans follow."""

from __future__ import annotations

import doctest

import pytest

import policyschema as ps
from policyschema import segmentation
from policyschema.segmentation import ABBREVIATIONS


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
        # datelines of several agencies, and one alone on its line
        ("WASHINGTON (Reuters) - The Senate voted. It passed.", ["The Senate voted.", "It passed."]),
        ("NEW DELHI, April 1 (PTI): The ministry said so.", ["The ministry said so."]),
        ("Beijing, Dec 2 (Xinhua) -- Li spoke.", ["Li spoke."]),
        ("UNITED NATIONS, Sept. 12 (AP) \u2014 Guterres spoke.", ["Guterres spoke."]),
        ("BEIJING, Nov. 27 --\nLi spoke.", ["Li spoke."]),
        ("Premier Li (right) - spoke.", ["Premier Li (right) - spoke."]),  # no date, no agency: no dateline
        # a lower-case word after the mark and a space continues the sentence
        ("\u201cIs it?\u201d he asked. Yes.", ["\u201cIs it?\u201d he asked.", "Yes."]),
        ('"Stop!" he shouted.', ['"Stop!" he shouted.']),
        (
            "Govt. of India met at 5 p.m. on Monday. E.g. this.",
            ["Govt. of India met at 5 p.m. on Monday.", "E.g. this."],
        ),
        # abbreviations of Indian releases, initialisms, and abbreviations after a dash or a missing space
        (
            "Sh. Gadkari said Rs. 500 crore. The B.J.P. said so.",
            ["Sh. Gadkari said Rs. 500 crore.", "The B.J.P. said so."],
        ),
        (
            "It said.Mr. Li spoke. The minister\u2014Mr. Wang\u2014agreed.",
            ["It said.", "Mr. Li spoke.", "The minister\u2014Mr. Wang\u2014agreed."],
        ),
        # single quotation marks; a right single quotation mark before a letter is an apostrophe
        ("He said \u2018Act now. Then rest.\u2019 Fine.", ["He said \u2018Act now. Then rest.\u2019", "Fine."]),
        ("The world\u2019s best. Next.", ["The world\u2019s best.", "Next."]),
        # thin and narrow no-break spaces are spaces
        ("One.\u2009Two.\u202fthree. Four.", ["One.", "Two.\u202fthree.", "Four."]),
        # CRLF line ends; trailing spaces of a title
        ("Title \u00a0\r\n\r\nOne. Two.\r\n", ["Title", "One.", "Two."]),
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


def test_abbreviations_can_be_added_and_long_sentences_stay_linear() -> None:
    text = "Cllr. Jones spoke. Fine."
    assert _split(text) == ["Cllr.", "Jones spoke.", "Fine."]
    assert [s.text for s in ps.sentences(text, abbreviations=ABBREVIATIONS | {"Cllr"})] == [
        "Cllr. Jones spoke.",
        "Fine.",
    ]
    one_sentence = "Mr. Li and Dr. Wang met on Nov. 3 " * 3000 + "and agreed."
    assert [s.end for s in ps.sentences(one_sentence)] == [len(one_sentence)]  # one pass, not one per period


def test_the_module_examples_run() -> None:
    assert doctest.testmod(segmentation).failed == 0
