"""Checks every reference example must pass, shared by the example tests."""

from __future__ import annotations

import policyschema as ps


def assert_references_resolve(doc: ps.AnnotatedDocument) -> None:
    """Every id an example names resolves: speakers, horizons, occasions, codes, relays, anchors, participants."""
    directive_ids = {d.id for d in doc.directives}
    for item in [*doc.directives, *doc.statements]:
        for speaker in item.speakers:
            doc.speaker(speaker)
        if item.time_horizon is not None:
            doc.time_horizon(item.time_horizon)
        if item.occasion is not None:
            doc.occasion(item.occasion)
        for area in item.policy_areas:
            ps.get_codebook(area.codebook).entry(area.code)
    for directive in doc.directives:
        if directive.relays is not None:
            assert directive.relays in directive_ids
            assert directive.relays != directive.id
    for horizon in doc.time_horizons:
        if horizon.anchor is not None:
            doc.occasion(horizon.anchor)
    for occasion in doc.occasions:
        for participant in occasion.participants:
            doc.speaker(participant)
