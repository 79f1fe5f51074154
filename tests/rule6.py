"""docs/guidelines.md rule 6 applied to an encoded claim: the codes its content gets from the shipped table.

Parts of the content that are not the action, its object or its purpose give no code; those the encoding
itself marks are left out here: time expressions (the evidence of time horizons) and conditions and
consequences (``conditions``, ``or_else``). Shared by the tests of every reference example.
"""

from __future__ import annotations

from typing import Any

import policyschema as ps


def codes_by_rule_6(doc: ps.AnnotatedDocument, item: Any) -> list[str]:
    content: ps.Span = item.content
    marked: list[ps.Span] = [*getattr(item, "conditions", []), *getattr(item, "or_else", [])]
    for horizon in doc.time_horizons:
        marked += horizon.evidence
    ignore = [
        (max(span.start, content.start) - content.start, min(span.end, content.end) - content.start)
        for span in marked
        if span.start < content.end and content.start < span.end
    ]
    return ps.get_phrase_table("cap").codes(content.text, ignore=ignore)
