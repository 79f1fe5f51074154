"""Load the reference annotation and print each directive on one line.

    python examples/load_example.py [ANNOTATION.json]

Each line reads: speaker — force — action object — policy areas — time horizon.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import policyschema as ps

DEFAULT = Path(__file__).parent / "china-daily-ipr-2020" / "annotation.json"


def directive_lines(doc: ps.AnnotatedDocument) -> list[str]:
    """One line per directive, in the order of the annotation."""
    lines = []
    for directive in doc.directives:
        speaker = " and ".join(doc.speaker(s).name for s in directive.speakers)
        areas = ", ".join(
            f"{area.code} {ps.get_codebook(area.codebook).entry(area.code).label}" for area in directive.policy_areas
        )
        horizon = doc.time_horizon(directive.time_horizon).label if directive.time_horizon else "no horizon"
        lines.append(
            f"{speaker} — {directive.force} — {directive.action} {directive.object} — {areas or 'no area'} — {horizon}"
        )
    return lines


def main(argv: list[str]) -> int:
    doc = ps.load(argv[0] if argv else DEFAULT)
    print(f"{doc.document.title} ({doc.document.publisher}, {doc.document.published:%Y-%m-%d})")
    try:
        for line in directive_lines(doc):
            print(line)
    except BrokenPipeError:  # `| head`: the reader has what it wanted; keep the final flush quiet
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
