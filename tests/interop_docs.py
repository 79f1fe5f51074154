"""Documents for the exchange-format tests: a text with emoji, CJK, combining marks and an astral
ideograph before and inside spans, and items of every kind, some without spans (which some formats
must carry outside the text)."""

from __future__ import annotations

from typing import Any

import policyschema as ps

#: 👨🏻‍🚒 is five code points and seven UTF-16 units; 𠮷 is outside the BMP; "é" is e + U+0301.
MULTILINGUAL = (
    "👨🏻‍🚒 Xi Jinping (习近平) urged officials to strengthen IPR protection work during 2021-25 "
    "where conditions permit, or be held accountable.\n"
    "The ban on 𠮷 imports must not be lifted, he said. Cafe\u0301 owners welcomed it, he added.\n"
)


def span(text: str, quote: str, after: int = 0) -> dict[str, Any]:
    start = text.index(quote, after)
    return {"start": start, "end": start + len(quote), "text": quote}


def multilingual_data() -> dict[str, Any]:
    """A valid format-1.1 annotation of :data:`MULTILINGUAL` as JSON data."""
    t = MULTILINGUAL
    return {
        "schema_version": "1.1",
        "document": {
            "id": "multi-1",
            "title": "A multilingual test",
            "publisher": "Test Daily",
            "published": "2020-12-02T10:37:29+08:00",
            "language": "en",
            "url": "https://example.org/multi",
            "text": t,
        },
        "speakers": [
            {
                "id": "xi",
                "name": "Xi Jinping",
                "kind": "person",
                "roles": [{"title": "general secretary"}],
                "external_ids": {"wikidata": "Q15031"},
                "mentions": [
                    span(t, "Xi Jinping"),
                    span(t, "习近平"),
                    span(t, "he", t.index("he said")),
                    span(t, "he", t.index("he added")),
                ],
            },
            {"id": "li", "name": "Li Unnamed", "kind": "person", "mentions": []},
        ],
        "directives": [
            {
                "id": "d1",
                "speakers": ["xi", "li"],
                "cue": span(t, "urged"),
                "force": "urge",
                "modality": "none",
                "polarity": "positive",
                "addressees": [
                    {"label": "the public", "kind": "public"},
                    {"label": "officials", "kind": "group", "span": span(t, "officials")},
                ],
                "action": "strengthen",
                "object": "IPR protection work",
                "content": span(t, "strengthen IPR protection work"),
                "conditions": [span(t, "where conditions permit")],
                "or_else": [span(t, "or be held accountable")],
                "policy_areas": [{"codebook": "cap", "code": "1522"}, {"codebook": "cap", "code": "1798"}],
                "time_horizon": "t1",
                "occasion": "o1",
                "reported_as": "indirect",
                "evidence": [span(t, "👨🏻‍🚒 Xi Jinping")],
            },
            {
                "id": "d2",
                "speakers": ["xi"],
                "cue": span(t, "said"),
                "force": "note",
                "modality": "obligation",
                "polarity": "negative",
                "addressees": [],
                "action": "lift",
                "object": None,
                "content": span(t, "The ban on 𠮷 imports must not be lifted"),
                "relays": "d1",
                "policy_areas": [],
                "time_horizon": None,
                "occasion": None,
                "reported_as": "indirect",
            },
        ],
        "statements": [
            {
                "id": "s1",
                "speakers": ["xi"],
                "cue": span(t, "added"),
                "kind": "report",
                "content": span(t, "Cafe\u0301 owners welcomed it"),
                "policy_areas": [{"codebook": "cap", "code": "1806"}],
                "time_horizon": "t2",
                "occasion": None,
                "reported_as": "indirect",
            }
        ],
        "time_horizons": [
            {
                "id": "t1",
                "kind": "period",
                "start": "2021",
                "end": "2025",
                "label": "2021-25",
                "plan": "14th Five-Year Plan",
                "evidence": [span(t, "2021-25")],
            },
            {
                "id": "t2",
                "kind": "relative",
                "anchor": "o1",
                "relation": "within",
                "offset": "P30D",
                "label": "within 30 days of the meeting",
            },
        ],
        "occasions": [
            {"id": "o1", "name": "A meeting", "kind": "meeting", "date": "2020-11-30", "participants": ["xi"]},
        ],
        "annotation": {"annotators": ["tester"], "created": "2026-11-25", "guidelines": "test"},
    }


def multilingual() -> ps.AnnotatedDocument:
    return ps.structure(multilingual_data())
