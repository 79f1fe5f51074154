"""Make a blind copy of docs/guidelines.md for an independent re-annotation of this example.

    python examples/india-bs-iv-registration-2020/make_blind_guidelines.py OUT [--guidelines docs/guidelines.md]

The guidelines quote this text as their example 3 ("E3 d02", the summary table of section 13, the
phrase-table rows that cite example 3), so a copy for a blind annotator must leave those answers out.
This script writes such a copy with examples/_blind.py: it drops section 13, removes every parenthesis
that cites E3 (after the replacements below have saved what else such a parenthesis holds), replaces the
sentences that cite E3 outside parentheses, leaves out the phrase-table rows added for this text (all of
their phrases name its matter), and then checks that no answer is left: no citation of example 3, no name
of the text, no six consecutive words of source.txt. A replacement whose old text is no longer in the
guidelines fails (exit 1, quoting it): when a rule is reworded, update the table here. Give the
annotator the copy with source.txt, docs/model.md and a brief; compare with ``policyschema agree``.
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
# examples/_blind.py does the work every example's blind copy shares (a script beside it, not a package)
Blinder = runpy.run_path(str(HERE.parent / "_blind.py"))["Blinder"]

# Made first, on the full text: parentheses that cite E3 next to what must stay, and E3 outside them.
PRE: list[tuple[str, str]] = [
    ("d10, d20; E3 d06, d07.", "d10, d20."),
    (
        "(rule 4.1, item 1): E3 d02, d03, content *limited and conditional sale and registration of ...*.",
        "(rule 4.1, item 1).",
    ),
    (
        "it stays in the content only. E3: d01 *except Delhi/NCR* and d02, d03 *except in Delhi, NCR* are "
        "conditions; d04 keeps *in Delhi NCR* in its object *such vehicles in Delhi NCR*; d08's *throughout "
        "India* stays in the content.",
        "it stays in the content only.",
    ),
    (
        "Examples 1 and 2 have none (their lists are empty); example 3 has three exceptions (rule 2.10.1).",
        "Examples 1 and 2 have none (their lists are empty).",
    ),
    (
        " E3 d01 (*has advised NIC to faciltate ... in compliance with Supreme Court directions contained in its "
        "order dated 27.3.2020*) relays E3 d02.",
        "",
    ),
    (
        " E3 s01 *India has decided to switch ...* → `government_of_india`, mentions *government* (in an "
        "unannotated sentence), *India* and *it* of that sentence; *all over India* and *throughout India* are "
        "places.",
        "",
    ),
    (
        " E3 `o_order_2020` (*its order* ... *dated 27.3.2020*, name *Order*) and `o_orders_2018` (*orders of "
        "apex Court* ... *dated 24.10.2018*) are the court's documents.",
        "",
    ),
    (
        "(*Sale of the old stock is permitted until May*, constructed; E3 d08)",
        "(*Sale of the old stock is permitted until May*, constructed)",
    ),
    ("; E3 d02 drops *(as conveyed to the Apex Court)*)", ")"),
    (
        "(*only BS-VI vehicles*, E3 d08: the permission is for them alone)",
        "(*only electric cars*, constructed: the permission is for them alone)",
    ),
    (
        "*from today* in a release of 1 April 2020 → `open_ended` from `2020-04-01`)",
        "*from today* in a release of 3 May 2021 → `open_ended` from `2021-05-03`)",
    ),
    ("(E3 *27.3.2020* → `2020-03-27`, *1.4.2020* → `2020-04-01`)", "(*3.5.2021* → `2021-05-03`, constructed)"),
    (
        "(*all over India*, *throughout the country*, *in India*)",
        "(*all over Kenya*, *throughout the country*, *in Kenya*)",
    ),
    ("(*India has decided to ...*, *China pledged ...*)", "(*Kenya has decided to ...*, *China pledged ...*)"),
    ("(*Government of India*)", "(*Government of Kenya*)"),
    (
        "(→ 1002, E3; rail, air or water vehicles are named as such)",
        "(→ 1002; rail, air or water vehicles are named as such)",
    ),
    (", E3 `supreme_court`, for the *Supreme Court of India*)", ")"),
    ("a court: E3 `supreme_court`)", "a court)"),
    ("; E3 d01, s01)", ")"),
    ("; E3 d04, d05 *has however maintained*; E3 d09 *has stressed upon*)", ")"),
    (
        "(`policyschema codes vehicles` → 1002 by the row `vehicle*`)",
        "(`policyschema codes power supply` → 802 by the row `power supply`)",
    ),
]

# Made after the parentheses that cite E3 are gone (their old text is matched with those removed).
R: list[tuple[str, str]] = [
    (
        """These rules produce the three reference encodings: `examples/china-daily-ipr-2020/` (example 1, a China
Daily report of 2 December 2020 on Xi Jinping's remarks at a study session of the CPC Political Bureau),
`examples/xinhua-work-safety-2016/` (example 2, a Xinhua report of 27 November 2016 on a State Council
meeting on work safety after a deadly accident) and `examples/india-bs-iv-registration-2020/` (example 3,
an Indian ministry's press release of 1 April 2020 passing on the Supreme Court's orders on BS-IV
vehicles), each built by its `make_annotation.py`. An annotator who follows them on the same text, with
nothing but this page, [model.md](model.md) and the text, should arrive at the same directives,
statements, spans and codes. Every rule has an example: from example 1 (*d01*, *s03*), from example 2
(*E2 d05*), from example 3 (*E3 d02*), or, where none of them has the case, from another published
readout (its source in brackets) or a constructed sentence (marked *constructed*).""",
        """These rules produce the reference encodings `examples/china-daily-ipr-2020/` (example 1, a China Daily
report of 2 December 2020 on Xi Jinping's remarks at a study session of the CPC Political Bureau) and
`examples/xinhua-work-safety-2016/` (example 2, a Xinhua report of 27 November 2016 on a State Council
meeting on work safety after a deadly accident). An annotator who follows them on a text, with nothing
but this page, [model.md](model.md) and the text, should arrive at the same directives, statements, spans
and codes as another who does. Every rule has an example: from example 1 (*d01*, *s03*), from example 2
(*E2 d05*), from another published readout (its source in brackets), or a constructed sentence (marked
*constructed*).

(This copy is for a blind annotation: the examples of a third reference text are left out or replaced by
constructed ones, its summary table is left out, and so are the rows of the phrase table of rule 6 that
it needed.)""",
    ),
]

_NAMES = re.compile(
    r"\bE3\b|example 3|BS-IV|BS-VI|BS-4|Bharat|Delhi|NCR|\bNIC\b|lockdown|Covid|Apex|Supreme Court|"
    r"Road Transport|27\.3\.2020|1\.4\.2020|24\.10\.2018|india-bs-iv"
)
_GENERIC: tuple[str, ...] = ()

BLINDER = Blinder(
    tag="E3",
    example="example 3",
    section="## 13. The encoding at a glance (example 3)",
    section_end=None,
    names=_NAMES,
    pre=PRE,
    replacements=R,
    generic=_GENERIC,
    keep_general_phrases=False,
)


#: The blind copy of a guidelines text for an annotation of a source text; the rows of the phrase table
#: as the copy shows them; the lines of a copy that still give the text away (the tests use all three).
blind = BLINDER.blind
leaks = BLINDER.leaks
main = BLINDER.command(HERE, __doc__)


if __name__ == "__main__":
    sys.exit(main())
