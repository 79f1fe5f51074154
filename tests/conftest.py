"""Shared fixtures: a small, valid annotation as plain JSON data that tests mutate."""

from __future__ import annotations

import copy
import os
from typing import Any

import pytest
from hypothesis import settings

# "default" keeps the suite fast enough for every commit; HYPOTHESIS_PROFILE=thorough before a release.
settings.register_profile("default", max_examples=40, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

TEXT = "Xi urged officials to strengthen IPR protection work during 2021-25. 𝔸 ok"


def _span(text: str, start_after: int = 0) -> dict[str, Any]:
    start = TEXT.index(text, start_after)
    return {"start": start, "end": start + len(text), "text": text}


VALID: dict[str, Any] = {
    "schema_version": "1.1",
    "document": {
        "id": "doc1",
        "title": "A test",
        "publisher": "Test Daily",
        "published": "2020-12-02T10:37:29+08:00",
        "language": "en",
        "text": TEXT,
    },
    "speakers": [
        {
            "id": "xi",
            "name": "Xi Jinping",
            "kind": "person",
            "roles": [],
            "external_ids": {"wikidata": "Q15031"},
            "mentions": [_span("Xi")],
        }
    ],
    "directives": [
        {
            "id": "d01",
            "speakers": ["xi"],
            "cue": _span("urged"),
            "force": "urge",
            "modality": "none",
            "addressees": [{"label": "officials", "kind": "group", "span": _span("officials")}],
            "action": "strengthen",
            "object": "IPR protection work",
            "content": _span("strengthen IPR protection work"),
            "policy_areas": [{"codebook": "cap", "code": "1522"}],
            "time_horizon": "t1",
            "occasion": None,
            "reported_as": "indirect",
            "evidence": [_span("𝔸")],
        }
    ],
    "statements": [],
    "time_horizons": [
        {
            "id": "t1",
            "kind": "period",
            "start": "2021",
            "end": "2025",
            "label": "2021-25",
            "evidence": [_span("2021-25")],
        }
    ],
    "occasions": [],
    "annotation": {"annotators": ["tester"], "created": "2026-11-25", "guidelines": "test"},
}


@pytest.fixture
def valid() -> dict[str, Any]:
    """A fresh deep copy of a valid annotation, safe to mutate."""
    return copy.deepcopy(VALID)
