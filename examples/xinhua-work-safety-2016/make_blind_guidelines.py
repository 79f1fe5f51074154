"""Make a blind copy of docs/guidelines.md for an independent second annotation of this example.

    python examples/xinhua-work-safety-2016/make_blind_guidelines.py OUT [--guidelines docs/guidelines.md]

Issue 10 asks that a second annotator encode source.txt from the guidelines and the text alone, not from
the reference encoding. The guidelines quote this text as their example 2 ("E2 d05", the summary table of
section 11, phrase-table rows that cite example 2), so a copy for that annotator must leave those answers
out. This script writes such a copy: it drops section 11, replaces each example-2 example with a
constructed one (the replacement tables below), removes every parenthesis that cites E2, shows each
phrase-table row whose note cites example 2 without the phrases that occur in source.txt (and without the
note's sentences about them; a row with no phrase left goes), and then checks that no answer is left. The
general phrases of those rows (``power supply``, ``extreme* weather``) stay: they are rules, not answers.

The check fails (exit 1, naming the line) when the copy still cites example 2, names a person or place of
the text, or quotes six or more consecutive words of source.txt. A replacement whose old text is no
longer in the guidelines also fails (exit 1, quoting it): when a rule is reworded, update the table here.
Give the annotator the copy with source.txt, docs/model.md and a brief; compare the result with
``policyschema agree`` (docs/agreement.md).
"""

from __future__ import annotations

import re
import runpy
import sys
from pathlib import Path

HERE = Path(__file__).parent
# examples/_blind.py does the work every example's blind copy shares (a script beside it, not a package)
Blinder = runpy.run_path(str(HERE.parent / "_blind.py"))["Blinder"]

# Replacements made first, on the full text: examples of example 2 that a stripped parenthesis would garble.
PRE: list[tuple[str, str]] = [
    (
        "(E2: *... to treat the injured.Supervision should be strengthened ...* is two sentences, "
        "the space missing in the source)",
        "(*... to inspect the dams.Warnings should be issued ...* is two sentences, constructed)",
    ),
    ("; *an overhaul is needed to ensure safety at work*, E2 d05)", ")"),
    ("; d11, d17,\nd19; E2 d06 *promoting supervision and inspection as well as accountability*)", "; d11, d17,\nd19)"),
    (", E2 *to improve work safety*)", ")"),
    (
        "(d20; E2 d04 *It was agreed at the meeting that lessons should be learned*; "
        "E2 d09 *according to the meeting*)",
        "(d20)",
    ),
    (", E2 *told ... to launch*)", ")"),
    ("d07; E2 d09 *Local authorities should take ...*)", "d07)"),
    (
        "(*Local authorities* at the start of a sentence → *local authorities*, E2 d09)",
        "(*Provincial governments* at the start of a sentence → *provincial governments*, constructed)",
    ),
    (", E2 d10 *Illegal operations should be cracked down on*)", ")"),
    ("(*at crowded places*, E2 d07, stays in the object)", "(*at river crossings*, constructed, stays in the object)"),
    (
        "(*President Xi ... urged ... Premier Li also called for ...*, E2 d12 and\nd14)",
        "(*the President urged ... the Premier also called for ...*, constructed)",
    ),
    ("(*It was agreed at the meeting that ...*, E2 d04, d05)", "(*It was agreed at the meeting that ...*)"),
    ("; E2 d12 → 1523)", ")"),
    ("`infringement*`, `illegal` |", "`infringement*` |"),
    (
        "(*such cars in the capital*, rule 2.7.1; E2 d07 *at crowded places*)",
        "(*such cars in the capital*, rule 2.7.1)",
    ),
    (
        "Examples 1 and 2 have none (their lists are empty); example 3 has",
        "Example 1 has none (its lists are empty); example 3 has",
    ),
    ("d20, d22; example 2, d10).", "d20, d22)."),
]

# Replacements after the parentheses that cite E2 are gone (their old text is matched with those removed).
R: list[tuple[str, str]] = []


def r(old: str, new: str) -> None:
    R.append((old, new))


r(
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
`examples/india-bs-iv-registration-2020/` (example 3, an Indian ministry's press release of 1 April 2020
passing on the Supreme Court's orders on BS-IV vehicles). An annotator who follows them on a text, with
nothing but this page, [model.md](model.md) and the text, should arrive at the same directives,
statements, spans and codes as another who does. Every rule has an example: from example 1 (*d01*,
*s03*), from example 3 (*E3 d02*), from another published readout (its source in brackets), or a
constructed sentence (marked *constructed*).

(This copy is for a blind annotation: the examples of the second reference text are replaced by
constructed ones, its summary table is left out, and so are the rows of the phrase table of rule 6 that
it needed.)""",
)
r(
    """- E2 d08: *Safety measures should also be strengthened at crowded places, it was agreed. Precautions
  should also be made to deal with extremely bad weather.* The second sentence takes the cue *was
  agreed* of the first.
- E2 d09: *Local authorities should take innovative measures to improve work safety. Illegal operations
  should be cracked down on ..., according to the meeting.* The first sentence takes the cue *according
  to* of the second: a final *according to X*, *he added*, *it said* attributes the paragraph's
  preceding sentence as well.""",
    """- *Dams should be inspected before the rainy season, it was agreed. Reservoirs should also be kept
  below the warning level.* (constructed) The second sentence takes the cue *was agreed* of the first.
- *Local governments should draw up evacuation plans. Rescue teams should be trained, according to the
  meeting.* (constructed) The first sentence takes the cue *according to* of the second: a final
  *according to X*, *he added*, *it said* attributes the paragraph's preceding sentence as well.""",
)
r(
    """mentions, and the evidence includes the identifying sentence. E2 d01: *Chinese authorities on Sunday told
safety watchdogs nationwide to launch thorough work safety checking ...* is identified by the next
sentence, *The call was made at a meeting on work safety of the State Council, China's Cabinet*: the
speaker is the State Council (rule 5.2) and the evidence is both sentences.""",
    """mentions, and the evidence includes the identifying sentence. *Officials on Monday told provinces to
check their dams. The call was made at a meeting of the State Council.* (constructed): the speaker is
the State Council (rule 5.2) and the evidence is both sentences.""",
)
r(
    """A modal inside a noun phrase does not count: E2 s01 *They cited areas in
   need of more attention, including ...* is a statement, because *in need of* modifies *areas*;""",
    """A modal inside a noun phrase does not count: *They listed dams in need of
   repair* (constructed) is a statement, because *in need of* modifies *dams*;""",
)
r(
    """- *The meeting urged local authorities to earnestly carry out the orders by President Xi Jinping and
  Premier Li Keqiang concerning a deadly power plant accident ... and implement their instructions on
  national workplace safety* → E2 d02 (carry out) and E2 d03 (implement).
""",
    "",
)
r(
    """are not actions, and after a verb of asking not part of the content either (rule 4.1): *Premier Li
also called for all-out efforts to treat the injured* → action *treat*, object *the injured*, content
*treat the injured*. A noun that is the requested thing itself is not framing: *step up rescue
efforts* → action *step up*, object *rescue efforts, treatment and follow-up work*.""",
    """are not actions, and after a verb of asking not part of the content either (rule 4.1): *He called for
all-out efforts to evacuate residents* (constructed) → action *evacuate*, object *residents*, content
*evacuate residents*. A noun that is the requested thing itself is not framing: *step up relief
efforts* (constructed) → action *step up*, object *relief efforts*.""",
)
r(
    """the action is the verb they govern: *He ordered
those involved to leave no stone unturned when investigating the accident* → action *investigate*, object
*the accident*.""",
    """the action is the verb they govern: *He ordered
officials to spare no effort in repairing the dams* (constructed) → action *repair*, object *the dams*.""",
)
r(
    """share a final purpose clause, it belongs to the nearer one: *Supervision should be strengthened and
precautionary measures should be taken to prevent serious accidents from happening again* → E2 d15
(*Supervision should be strengthened*) and E2 d16 (*precautionary measures should be taken to prevent
serious accidents from happening again*).""",
    """share a final purpose clause, it belongs to the nearer one: *Warnings should be issued earlier and
dams should be reinforced to prevent floods* (constructed) → *Warnings should be issued earlier* and
*dams should be reinforced to prevent floods*.""",
)
r(
    """- `recommendation` — *should*, *ought to*: d07, d08, d09, d11, d13, d17, d18; E2 d04, d07–d11, d15, d16.""",
    """- `recommendation` — *should*, *ought to*: d07, d08, d09, d11, d13, d17, d18.""",
)
r(
    """*there needs to be*: E2 d05 *an
  overhaul is needed to ensure safety at work*; *there needs to be""",
    """*there needs to be*: *an
  inspection is needed* (constructed); *there needs to be""",
)
r(
    """Example 1 quotes nobody directly, nor does example 2: everything is `indirect`.""",
    """Example 1 quotes nobody directly: everything is `indirect`.""",
)
r(
    """- *The meeting urged local authorities to earnestly carry out the orders by President Xi Jinping and
  Premier Li Keqiang concerning a deadly power plant accident ...* → E2 d02 (speaker the State Council,
  force `urge`, action *carry out*), `relays` E2 d12 (Xi's order on the accident);
- *... and implement their instructions on national workplace safety* → E2 d03, `relays` E2 d15 (Li's
  first instruction on work safety in general, *Supervision should be strengthened ...*).""",
    """- *The conference urged provinces to carry out the instructions of the Premier on flood control. [...]
  The Premier had asked provinces to inspect all dams.* (constructed) → a directive of the conference's
  source (force `urge`, action *carry out*, object *the instructions of the Premier on flood control*),
  `relays` the Premier's directive *inspect all dams*.""",
)
r(
    """A list of examples is one statement (E2 s01: *areas in
need of more attention, including construction sites, coal mines, traffic, ...*).""",
    """A list of examples is one statement (*They listed dams in need of repair, including X, Y and Z*,
constructed).""",
)
r(
    """s01, s02, s05, s06, s08, s09;
  E2 s01 *areas in need of more attention*.""",
    """s01, s02, s05, s06, s08, s09.""",
)
r(
    """  - a **possessive** mention is the name without *'s* (*Xi's instructions* → *Xi*), unless the
    possessive is part of a name for the speaker: *China's Cabinet*, an appositive naming the State
    Council, is one mention;
  - a **pronoun with several antecedents** is a mention of each: *their* in *implement their
    instructions* refers to Xi Jinping and Li Keqiang, and the same span is in both speakers' mentions
   ; *They* in E2 s01 refers to the attendees only;""",
    """  - a **possessive** mention is the name without *'s* (*Xi's instructions* → *Xi*), unless the
    possessive is part of a name for the speaker: *China's Cabinet*, an appositive naming the State
    Council, is one mention;
  - a **pronoun with several antecedents** is a mention of each: in *The President and the Premier
    spoke; the meeting urged officials to implement their instructions* (constructed), *their* refers to
    the President and the Premier, and the same span is in both speakers' mentions;""",
)
r(
    """    the meeting*) is a mention (*meeting*) of the speaker that rule 5.2 makes its source; *the meeting*
    as the place where someone spoke (*Ma Kai addressed the meeting*) is evidence of the occasion, not
    a mention;
  - a vague source identified elsewhere (rule 1.2) is a mention: *Chinese authorities*.""",
    """    the meeting*) is a mention (*meeting*) of the speaker that rule 5.2 makes its source; *the meeting*
    as the place where someone spoke (*the minister addressed the meeting*) is evidence of the occasion,
    not a mention;
  - a vague source identified elsewhere (rule 1.2) is a mention: *Officials* in the example of rule 1.2.""",
)
r(
    """Inside the content, a time expression that is a horizon
   (rule 7), a condition or a consequence (rule 2.10) and a place that only says where give nothing: E2
   d12 *to step up rescue efforts, treatment and follow-up work after the deadly accident* gets 1523
   from *rescue*, not 501 from *accident*, which is in the horizon *after the deadly accident*.""",
    """Inside the content, a time expression that is a horizon
   (rule 7), a condition or a consequence (rule 2.10) and a place that only says where give nothing: in
   *to step up rescue efforts after the floods* (constructed) the horizon *after the floods* gives no
   code.""",
)
r(
    """other code. E2 d02 *... concerning a deadly power plant accident ...* gives 501 from *power plant
   accident*, not 802 as well from *power plant*; d16""",
    """other code. d16""",
)
r(
    """**stop phrase**) blocks the shorter phrases inside it: *innovative measures* is a manner of
   acting, not research, so *innovat\\** gives no 1798 there.""",
    """**stop phrase**) blocks the shorter phrases inside it: a row *innovative measures* with no code would
   say that this is a manner of acting, not research, so that *innovat\\** gives no 1798 there.""",
)
r(
    """(phrases that
   name the subject matter of a whole field: intellectual property; safety at work)""",
    """(phrases that
   name the subject matter of a whole field, such as intellectual property)""",
)
r(
    """Technology; in example 1 it is primary for every claim but d19 and s03. Safety at work (*work safety*,
*production safety* in Chinese government texts) is **501 Worker Safety and Protection**, under 5 Labor;
rescue and disaster preparedness are **1523 Domestic Disaster Relief**.""",
    """Technology; in example 1 it is primary for every claim but d19 and s03.""",
)
r(
    """(*within 30 days of the meeting*, constructed → relation `within`, offset `P30D`, anchor the
  meeting). E2: *after the deadly accident* → kind `relative`, anchor `o_accident`, relation `after`,
  no dates (the anchor's
  occasion carries the date), linked from E2 d12.""",
    """(*within 30 days of the meeting*, constructed → relation `within`, offset `P30D`, anchor the meeting).
  *after the floods* (constructed) → kind `relative`, anchor the floods' occasion, relation `after`, no
  dates (the anchor's occasion carries the date).""",
)
r(
    """are mentions of a speaker by rule 4 (the meeting named as a source): in E2
*a meeting on work safety of the State Council*, *the meeting* in *Ma Kai addressed the meeting*
and in *Attendees to the meeting*, but not *the meeting*
in *The meeting urged*.""",
    """are mentions of a speaker by rule 4 (the meeting named as a source): *a meeting of the State Council*,
*the meeting* in *the minister addressed the meeting* and in *attendees to the meeting*, but not *the
meeting* in *The meeting urged* (constructed).""",
)
r(
    """- E2: *a meeting on work safety of the State Council* ... *on Sunday*: `o_meeting`, kind `meeting`,
  participants the State Council, Ma Kai and the attendees.
""",
    "",
)
r(
    """- When the text dates a speaker's words but names no event (*President Xi on Thursday urged ...*), the
  occasion is the act of speaking itself: kind `other`, named by rule 8.1 (*Xi Jinping's remarks of
  2016-11-24*, `o_xi_remarks`), dated,""",
    """- When the text dates a speaker's words but names no event (*The Premier on Friday urged ...*,
  constructed), the occasion is the act of speaking itself: kind `other`, named by rule 8.1 (*Li
  Keqiang's remarks of 2016-06-03*, constructed), dated,""",
)
r(
    """event and no participants unless speakers took part. E2: *The platform for a cooling tower of a power
  plant under construction collapsed in Fengcheng of Jiangxi on Thursday morning* → `o_accident`, kind
  `accident`, date `2016-11-24`; its evidence also lists the text's other names for it (*a deadly power
  plant accident in east China's Jiangxi Province*, *the deadly accident*, *the accident*).""",
    """event and no participants unless speakers took part; its evidence lists every name the text gives it
  (*A dam burst in X on Tuesday* ... *the disaster* ... *the dam burst*, constructed).""",
)
r(
    """  most recent such day **on or before** that date: the dateline's own weekday is the dateline day itself
  (E2: *on Sunday* in a report datelined Sunday 27 November 2016 is **2016-11-27**); any other weekday is
  the last such day before it (*on Thursday* → **2016-11-24**; example 1:""",
    """  most recent such day **on or before** that date: the dateline's own weekday is the dateline day itself
  (*on Sunday* in a report datelined Sunday 5 June 2016 is 5 June, constructed); any other weekday is
  the last such day before it (example 1:""",
)
r(
    """suggestions* names no suggestion; *Vice Premier Ma Kai addressed the meeting* gives no words of
his.""",
    """suggestions* names no suggestion; *the minister addressed the meeting* (constructed) gives no
words of his.""",
)
r("""*safety watchdogs nationwide*, *local authorities* |""", """*provincial governments* |""")
r("""*officials* (d04, d05), *those involved*, *rescue workers* |""", """*officials* (d04, d05), *rescue workers* |""")
r("""*crack down on*, *step up*. Turn""", """*step up*. Turn""")
r(
    """up; *to have a clear understanding of* → understand; *an overhaul is needed* → overhaul.""",
    """up; *to have a clear understanding of* → understand; *an inspection is needed* → inspect
  (constructed).""",
)
r(
    """*laws and regulations on IPR protection* (drop *Related*), *safety measures at
  crowded places*. Passives are turned round: *grave cases of IPR infringement must be
  punished* → punish / grave cases of IPR infringement; *lessons should be learned from recent
  accidents* → learn / lessons from recent accidents.
- `object` is **null** when the text names none: *an overhaul is needed to ensure safety at work* →
  action *overhaul*, object null. Do not make an object out of the purpose clause (*to ensure
  safety at work* stays in the content) or out of the context.""",
    """*laws and regulations on IPR protection* (drop *Related*). Passives are turned round: *grave
  cases of IPR infringement must be punished* → punish / grave cases of IPR infringement.
- `object` is **null** when the text names none: *an inspection is needed to ensure the dams are safe*
  (constructed) → action *inspect*, object null. Do not make an object out of the purpose clause (*to
  ensure the dams are safe* stays in the content) or out of the context.""",
)
r("""  *told*, *ordered*, *suggested*, *cited*; for a""", """  *told*, *ordered*, *suggested*; for a""")
r(
    """action: *strengthen IPR protection work* (d21), *treat the injured*. For""",
    """action: *strengthen IPR protection work* (d21). For""",
)
r(
    """IPR in key areas should be strengthened* (d08), *an overhaul is needed to ensure safety at work*. For a list,""",
    """IPR in key areas should be strengthened* (d08). For a list,""",
)
r(
    """the text names it (*Vice Premier Ma Kai*: title *Vice Premier*, no organization).""",
    """the text names it (*Vice Premier Wang*, constructed: title *Vice Premier*, no organization).""",
)
r(
    """(*a meeting on work
   safety of the State Council* → `state_council`, a collective body; *a State Council executive
   meeting*;""",
    """(*a State Council executive meeting* → `state_council`, a collective body;""",
)
r(
    """rather than to the meeting: *Attendees to the meeting also suggested ...* and *They cited ...* →
   `attendees`; *..., those at the meeting urged*""",
    """rather than to the meeting: *..., those at the meeting urged*""",
)
r("""said (*on Sunday*, *on Thursday*) is the occasion's date""", """said (*on Monday*) is the occasion's date""")
r(
    """(`xi`, `yi_jiming`, `cpc_central_committee`,
  `state_council`, `ma_kai`, `li`, `attendees`). A **person** is the family name alone when the text
  itself calls the person by the family name alone (*Xi said*, *Premier Li*: `xi`, `li`)""",
    """(`xi`, `yi_jiming`, `cpc_central_committee`). A **person** is the family name alone when the text
  itself calls the person by the family name alone (*Xi said*: `xi`)""",
)
r(
    """(`state_council`, `cpc_central_committee`, E3
  `supreme_court`, for the *Supreme Court of India*); a country's government is `government_of_x` (rule
  5.4); a **group** speaker is the text's noun for the people
  (`attendees`, rule 5.2.2);""",
    """(`cpc_central_committee`, E3
  `supreme_court`, for the *Supreme Court of India*); a country's government is `government_of_x` (rule
  5.4); a **group** speaker is the text's noun for the people (*delegates*, constructed: `delegates`, rule
  5.2.2);""",
)
r(
    """(`t_fyp14`,
  `o_study_session`, `t_after_accident`, `o_accident`); a speaker's dated words `o_<speaker id>_remarks`""",
    """(`t_fyp14`,
  `o_study_session`); a speaker's dated words `o_<speaker id>_remarks`""",
)
r("""(*on Monday*, *on Sunday*) and every""", """(*on Monday*) and every""")

r("""a row *innovative measures* with no code would""", """a row *innovative management* with no code would""")
r(
    """*Leave no stone unturned when investigating*, *spare no
effort in*, *go all out to* say""",
    """*Leave no stone unturned in*, *spare no
effort in*, *go all out to* say""",
)
r(
    """The *no* of such an idiom does not make a prohibition (rule 2.9), and its
*when*-clause names the action, not a condition (rule 2.10).""",
    """The *no* of such an idiom does not make a prohibition (rule 2.9), and a
*when*-clause that names the action after it is the action, not a condition (rule 2.10).""",
)


# Words of the text that must not appear in the blind copy at all.
_NAMES = re.compile(r"\bE2\b|example 2|Xinhua, 27|Ma Kai|Fengcheng|Jiangxi|cooling tower|innovative measures")
# Wordings of readouts in general that the rules quote from other texts or build their constructed
# examples on; six words of them in a row give nothing of this text's encoding away.
_GENERIC = (
    "the call was made at a meeting",  # rule 1.2, constructed example
    "called for all-out efforts to",  # the framing noun of rules 2.2 and 4.1, constructed examples
    "President Xi Jinping and Premier Li Keqiang",  # rule 2.12, the Jerusalem Post of June 2017
    "It was agreed at the meeting that",  # the impersonal cue of rules 2.3 and 5.2, as readouts word it
)

BLINDER = Blinder(
    tag="E2",
    example="example 2",
    section="## 11. The encoding at a glance (example 2)",
    section_end="## 12. Annotating a new text",
    names=_NAMES,
    pre=PRE,
    replacements=R,
    generic=_GENERIC,
)


#: The blind copy of a guidelines text for an annotation of a source text; the rows of the phrase table
#: as the copy shows them; the lines of a copy that still give the text away (the tests use all three).
blind = BLINDER.blind
_blind_row = BLINDER.blind_row
leaks = BLINDER.leaks
main = BLINDER.command(HERE, __doc__)


if __name__ == "__main__":
    sys.exit(main())
