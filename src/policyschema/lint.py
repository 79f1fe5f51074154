"""Lint: what is valid but against the annotation guidelines (docs/guidelines.md).

The loader refuses what breaks the file format; lint reports what a file may hold but an annotator
following the guidelines would not write: a content span overlapping its cue, a directive without
evidence, a speaker's name in the text that is not among their mentions. Each finding names the
guideline rule it applies, as ``guidelines §4: ... [content-overlaps-cue]``.

The rules are data-driven and general. Rules that read words (the force of a cue, the modal verb of a
content, a leading article) use the word tables below and run only on English texts (``language`` en or
en-*); the others run on any text. Rule sections are kept in one table, :data:`RULES`, so that a new
edition of the guidelines changes one place.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from typing import Any, Final

import attrs

from .errors import Problem, ValidationError, format_path, quote
from .models import AnnotatedDocument, Span
from .validation import validate
from .vocabulary import Force, Modality, StatementKind

__all__ = ["RULES", "lint"]

_Path = tuple[str | int, ...]

#: rule id -> (section of docs/guidelines.md, what the rule asks). Update the sections here when the
#: guidelines are renumbered; the messages quote them from this table only.
RULES: Final[dict[str, tuple[str, str]]] = {
    "headline-not-annotated": ("§1", "headlines, subheadings and captions are not annotated"),
    "statement-with-modal-verb": (
        "§2.1",
        "a claim whose content has a modal of obligation, recommendation or necessity is a directive",
    ),
    "force-from-cue": ("§2.3", "force is read from the reporting verb"),
    "modality-from-content": ("§2.5", "modality is read from the modal verb in the content"),
    "addressee-without-span": ("§2.6", "addressees are recorded only where the text names them, with a span"),
    "polarity-from-content": ("§2.9", "a directive asking that an action not be done is negative"),
    "condition-leading-conjunction": ("§2.10", "conditions and or-else spans start without a comma or conjunction"),
    "content-overlaps-cue": ("§4", "content and cue never overlap"),
    "outside-evidence": ("§4", "the sentences of the cue and the content are evidence"),
    "evidence-missing": ("§4", "every directive and statement has the sentence of its content as evidence"),
    "evidence-in-text-order": ("§4", "evidence sentences are given in text order, each once"),
    "evidence-is-a-sentence": ("§4", "evidence is the whole sentence, to its final punctuation"),
    "content-final-punctuation": ("§4", "content is without the final punctuation"),
    "span-edge-whitespace": ("§4", "spans are exact quotes, without surrounding spaces"),
    "mention-missing": ("§4", "mentions include every place the text names the speaker"),
    "mention-with-article": ("§4", "mentions are without a leading article"),
    "speaker-without-mentions": ("§4", "every speaker has the mentions where the text names or refers to them"),
    "code-repeated": ("§6", "each code once per directive or statement"),
    "horizon-not-linked": ("§7", "every time horizon is linked from the claims it bounds"),
    "speaker-not-participant": ("§8", "the speaker of a claim made at an occasion takes part in it"),
    "occasion-after-publication": ("§8", "an occasion reported by the text took place before it was published"),
    "ids-in-text-order": ("§9", "directives and statements are numbered in text order"),
    "id-convention": ("§9", "ids follow the naming convention of their kind"),
}

#: Cue (lower-case) -> the force the guidelines give it (§2.3). English.
CUE_FORCE: Final[dict[str, Force]] = {
    **dict.fromkeys(
        ["instructed", "ordered", "demanded", "directed", "required", "told", "instructs", "orders", "demands"],
        Force.INSTRUCT,
    ),
    # a binding grant (§2.5.1), a body or court keeping a rule in force, a prohibition by the verb (§2.3)
    **dict.fromkeys(
        ["allowed", "permitted", "authorized", "authorised", "allows", "permits", "authorizes", "authorises"],
        Force.INSTRUCT,
    ),
    **dict.fromkeys(["maintained", "upheld", "imposed", "extended", "lifted", "lifts"], Force.INSTRUCT),
    **dict.fromkeys(
        ["stayed", "barred", "banned", "prohibited", "forbade", "bans", "bars", "prohibits"], Force.INSTRUCT
    ),
    **dict.fromkeys(["urged", "pressed", "urges"], Force.URGE),
    **dict.fromkeys(
        ["called for", "called on", "appealed for", "asked", "requested", "calls for", "calls on"], Force.CALL_FOR
    ),
    **dict.fromkeys(
        ["stressed", "emphasized", "emphasised", "underlined", "underscored", "highlighted", "stresses"], Force.STRESS
    ),
    **dict.fromkeys(["recommended", "advised", "recommends", "advises"], Force.RECOMMEND),
    **dict.fromkeys(["suggested", "put forward", "proposed", "suggests", "puts forward"], Force.SUGGEST),
    **dict.fromkeys(
        ["said", "noted", "added", "pointed out", "saying", "adding", "according to", "as per", "agreed", "says"],
        Force.NOTE,
    ),
}

#: Modality member name -> the modal verbs that express it in English (§2.5). Names missing from
#: :class:`Modality` (an older format) are skipped.
MODAL_WORDS: Final[dict[str, tuple[str, ...]]] = {
    # "may not" refuses a permission, which binds (§2.5)
    "OBLIGATION": ("must", "have to", "has to", "had to", "shall", "may not", "is to be", "are to be"),
    "RECOMMENDATION": ("should", "ought to"),
    "NECESSITY": ("need to", "needs to", "needs", "is needed", "are needed", "it is necessary to", "there needs to be"),
    # "can" is left out: it says what is possible more often than what is allowed (§2.5)
    "PERMISSION": ("may", "is allowed", "are allowed", "is permitted", "are permitted"),
}

#: Cue verbs that grant permission themselves (§2.5.1): their directives have modality permission. Lifting a
#: ban or stay permits what it forbade (§2.3).
PERMISSION_CUES: Final = (
    *("allow", "allows", "allowed", "allowing", "permit", "permits", "permitted", "permitting"),
    *("authorize", "authorizes", "authorized", "authorise", "authorises", "authorised", "lift", "lifts", "lifted"),
)
#: Participles that do not end in -ed or -en, for "is to be" + participle (an obligation, §2.5).
_IRREGULAR_PARTICIPLES: Final = (
    *("sold", "held", "made", "done", "set", "put", "kept", "paid", "built", "met", "shut", "cut", "sent", "spent"),
    *("left", "lost", "found", "told", "run", "shown", "drawn", "laid", "led", "read", "heard", "borne", "brought"),
    *("bought", "taught", "sought", "dealt", "meant", "lent", "shot", "spread", "struck", "hung", "won", "bound"),
)

#: Words a cue may start with before its verb (§4.3): auxiliaries and the adverbs between them and the verb.
_CUE_AUXILIARIES: Final = ("has", "have", "had", "was", "were", "is", "are", "be", "been", "will", "would", "shall")
_CUE_ADVERBS: Final = ("also", "however", "further", "again", "still", "now", "thus", "then", "today", "once")
_CUE_LEAD: Final = frozenset((*_CUE_AUXILIARIES, *_CUE_ADVERBS))

#: Modalities that make a claim a directive (§2.1): a statement's content must not carry their verbs.
#: Permission is left out: "may" in a claim more often says what is possible ("may lead to").
DIRECTIVE_MODALITIES: Final = ("OBLIGATION", "RECOMMENDATION", "NECESSITY")

#: Words that make a directive's content a prohibition (§2.9); English.
PROHIBITION_WORDS: Final = (
    *("must not", "should not", "should never", "shall not", "may not", "mustn't", "shouldn't"),
    *("is not to be", "are not to be"),
)
#: Words without which a content cannot be a prohibition (§2.9): a negative directive has one of them.
NEGATION_WORDS: Final = (
    "not",
    "never",
    "no",
    "nor",
    "n't",
    "ban",
    "banned",
    "bans",
    "prohibit",
    "prohibited",
    "stay on",
    "stay of",
    "stayed",
    "bar on",
    "barred",
    "forbid",
    "forbidden",
    "zero tolerance",
    "stop",
    "refrain",
)

#: Leading words a condition or or-else span does not start with (§2.10).
LEADING_CONJUNCTIONS: Final = ("and", "or", "but", "nor")

#: Collection -> the pattern its ids follow (§9).
ID_CONVENTIONS: Final[dict[str, tuple[str, str]]] = {
    "speakers": (r"[a-z][a-z0-9_]*", "a lower-case slug of the name, such as 'xi' or 'yi_jiming'"),
    "directives": (r"d[0-9]+", "'d' and a number, such as 'd01'"),
    "statements": (r"s[0-9]+", "'s' and a number, such as 's01'"),
    "time_horizons": (r"t_[A-Za-z0-9_.-]+", "'t_' and a name, such as 't_fyp14'"),
    "occasions": (r"o_[A-Za-z0-9_.-]+", "'o_' and a name, such as 'o_study_session'"),
}

_ARTICLE: Final = re.compile(r"(?:the|a|an)\s", re.IGNORECASE)
_SENTENCE_END: Final = re.compile(r"[.!?][\"'”’)\]]*$")
_FINAL_PUNCTUATION: Final = ".,;:!?"


def _finding(rule: str, path: _Path, message: str) -> Problem:
    section = RULES[rule][0]
    return Problem(format_path(path), f"guidelines {section}: {message} [{rule}]")


def _words(words: Sequence[str]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


_PROHIBITION: Final = re.compile(r"(?:" + "|".join(re.escape(w) for w in PROHIBITION_WORDS) + r")\b", re.IGNORECASE)
_NEGATION: Final = re.compile(
    r"(?:\b|(?<=n)'t)(?:" + "|".join(re.escape(w) for w in NEGATION_WORDS) + r")\b", re.IGNORECASE
)
_LEADING: Final = re.compile(r"[,;:]|(?:" + "|".join(LEADING_CONJUNCTIONS) + r")\s", re.IGNORECASE)
# "is to be" + participle: the passive of "be to" (All dams are to be inspected); not "is to be fair" (§2.5)
_BE_TO: Final = ("is to be", "are to be")
_BE_TO_PARTICIPLE: Final = (
    r"\b(?:is|are)\s+(?:not\s+)?to\s+be\s+(?:\w+(?:ed|en)|" + "|".join(_IRREGULAR_PARTICIPLES) + r")\b"
)
_MODAL_PATTERNS: Final = {
    getattr(Modality, name): re.compile(
        _words([w for w in words if w not in _BE_TO]).pattern + ("|" + _BE_TO_PARTICIPLE if _BE_TO[0] in words else ""),
        re.IGNORECASE,
    )
    for name, words in MODAL_WORDS.items()
    if hasattr(Modality, name)
}
# "is to be" is left out for statements: it also schedules (the hearing is to be held on Monday)
_DIRECTIVE_MODALS: Final = _words([w for name in DIRECTIVE_MODALITIES for w in MODAL_WORDS[name] if w not in _BE_TO])


def lint(doc: AnnotatedDocument) -> list[Problem]:
    """Every place where the valid document ``doc`` departs from the annotation guidelines, each
    naming its rule; an empty list when it follows them.

    Raises :class:`ValidationError` when ``doc`` is not valid: lint reads only valid documents.
    """
    problems = validate(doc)
    if problems:
        raise ValidationError(problems)
    return list(_findings(doc))


def _inside(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _claims(doc: AnnotatedDocument) -> Iterator[tuple[str, int, Any]]:
    for kind in ("directives", "statements"):
        for i, item in enumerate(getattr(doc, kind)):
            yield kind, i, item


def _findings(doc: AnnotatedDocument) -> Iterator[Problem]:
    text = doc.document.text
    english = doc.document.language == "en" or doc.document.language.startswith("en-")
    yield from _claim_findings(doc, text, english)
    yield from _speaker_findings(doc, text, english)
    yield from _reference_findings(doc)
    yield from _id_findings(doc)
    yield from _edge_findings(doc)


def _claim_findings(doc: AnnotatedDocument, text: str | None, english: bool) -> Iterator[Problem]:
    headline = _headline(doc, text)
    for kind, i, item in _claims(doc):
        path: _Path = (kind, i)
        cue, content = item.cue, item.content
        if headline is not None and _inside(cue, headline):
            yield _finding("headline-not-annotated", (*path, "cue"), "the cue is in the headline")
        if cue.start == content.start and cue.end == content.end:
            yield _finding("content-overlaps-cue", (*path, "content"), "the content is the cue itself")
        elif cue.start < content.end and content.start < cue.end:
            message = (
                f"the content (offsets {content.start} to {content.end}) overlaps the cue "
                f"(offsets {cue.start} to {cue.end})"
            )
            yield _finding("content-overlaps-cue", (*path, "content"), message)
        if not item.evidence:
            yield _finding("evidence-missing", (*path, "evidence"), f"the {kind[:-1]} has no evidence")
        else:
            for j, (before, after) in enumerate(itertools.pairwise(item.evidence), 1):
                if after.start < before.end:
                    message = (
                        f"evidence {j} (offsets {after.start} to {after.end}) does not follow "
                        f"evidence {j - 1} (offsets {before.start} to {before.end}) in the text"
                    )
                    yield _finding("evidence-in-text-order", (*path, "evidence", j), message)
            for name, span in (("cue", cue), ("content", content)):
                if not any(_inside(span, evidence) for evidence in item.evidence):
                    message = f"the {name} (offsets {span.start} to {span.end}) is not inside the evidence"
                    yield _finding("outside-evidence", (*path, name), message)
            for j, evidence in enumerate(item.evidence):
                yield from _sentence_findings(evidence, text, (*path, "evidence", j))
        if content.text[-1] in _FINAL_PUNCTUATION:
            message = f"the content ends with {quote(content.text[-1])}"
            yield _finding("content-final-punctuation", (*path, "content"), message)
        seen: set[tuple[str, str]] = set()
        for j, area in enumerate(item.policy_areas):
            if (area.codebook, area.code) in seen:
                message = f"the code {area.codebook}:{area.code} is given twice"
                yield _finding("code-repeated", (*path, "policy_areas", j), message)
            seen.add((area.codebook, area.code))
        if kind == "directives":
            for name in ("conditions", "or_else"):
                for j, span in enumerate(getattr(item, name, [])):
                    leading = _LEADING.match(span.text)
                    if leading:
                        message = f"the span starts with {quote(leading.group().strip())}"
                        yield _finding("condition-leading-conjunction", (*path, name, j), message)
            for j, addressee in enumerate(item.addressees):
                if addressee.span is None:
                    message = f"the addressee {quote(addressee.label)} has no span"
                    yield _finding("addressee-without-span", (*path, "addressees", j, "span"), message)
        if english:
            yield from _word_findings(kind, item, path)


def _word_findings(kind: str, item: Any, path: _Path) -> Iterator[Problem]:
    content = item.content.text
    if kind == "statements":
        found = _DIRECTIVE_MODALS.search(content)
        if found:
            message = f"the content has the modal verb {quote(found.group())}; make it a directive"
            yield _finding("statement-with-modal-verb", path, message)
        elif (
            _cue_verb(item.cue.text).split(" ")[0] in PERMISSION_CUES
            and item.kind != StatementKind.DECISION  # allowed itself more time (§2.5.1)
            and not content.lower().startswith("that ")  # allowed that mistakes were made
        ):
            message = f"the cue {quote(item.cue.text)} grants permission (§2.5.1); make it a directive"
            yield _finding("statement-with-modal-verb", path, message)
        return
    verb = _cue_verb(item.cue.text)
    expected = CUE_FORCE.get(verb) if verb in CUE_FORCE else CUE_FORCE.get(verb.split(" ")[0])
    if expected is not None and item.force != expected:
        message = f"the cue {quote(item.cue.text)} gives the force {quote(expected.value)}, not {quote(item.force)}"
        yield _finding("force-from-cue", (*path, "force"), message)
    present = {modality: found.group() for modality, p in _MODAL_PATTERNS.items() if (found := p.search(content))}
    refused = bool(re.search(r"\bnot\b|n't\b", item.cue.text, re.IGNORECASE))  # has not allowed
    granted = verb.split(" ")[0] in PERMISSION_CUES and not refused
    if granted and item.modality != Modality.PERMISSION:
        message = f"the cue {quote(item.cue.text)} grants permission (§2.5.1), so the modality is permission"
        yield _finding("modality-from-content", (*path, "modality"), message)
    elif granted:
        pass
    elif item.modality == Modality.NONE and present:
        modality, word = next(iter(present.items()))
        message = f"the content has the modal verb {quote(word)} (modality {quote(modality.value)}), not none"
        yield _finding("modality-from-content", (*path, "modality"), message)
    elif item.modality in _MODAL_PATTERNS and item.modality not in present:
        words = ", ".join(quote(w) for w in MODAL_WORDS[item.modality.name])
        message = f"modality {quote(item.modality)}, but the content has none of its verbs ({words})"
        yield _finding("modality-from-content", (*path, "modality"), message)
    polarity = getattr(item, "polarity", None)
    prohibition = _PROHIBITION.search(content)
    if polarity == "positive" and prohibition:
        message = f"the content has {quote(prohibition.group())}, a prohibition, but the polarity is positive"
        yield _finding("polarity-from-content", (*path, "polarity"), message)
    elif polarity == "negative" and not (_NEGATION.search(content) or _NEGATION.search(item.cue.text)):
        message = "the polarity is negative, but neither content nor cue has a negation or word of prohibition"
        yield _finding("polarity-from-content", (*path, "polarity"), message)


def _cue_verb(cue: str) -> str:
    """The cue's words from its verb on, lower case: auxiliaries and adverbs before the verb left out (§4.3)."""
    words = cue.lower().split()
    while len(words) > 1 and words[0] in _CUE_LEAD:
        words.pop(0)
    return " ".join(words)


def _headline(doc: AnnotatedDocument, text: str | None) -> Span | None:
    """Where the text repeats the document's title, if it does near its start."""
    if text is None:
        return None
    start = text.find(doc.document.title, 0, len(doc.document.title) + 200)
    return None if start < 0 else Span(start=start, end=start + len(doc.document.title), text=doc.document.title)


def _sentence_findings(evidence: Span, text: str | None, path: _Path) -> Iterator[Problem]:
    if not _SENTENCE_END.search(evidence.text.rstrip()):
        message = f"the evidence ends with {quote(evidence.text[-10:])}, not at the end of a sentence"
        yield _finding("evidence-is-a-sentence", path, message)
    # inside a sentence: a lower-case start, or a word or comma just before (a dateline's dash is not)
    before = text[max(0, evidence.start - 200) : evidence.start].rstrip(" \t") if text is not None else ""
    if evidence.text[0].islower() or (before and (before[-1].isalnum() or before[-1] in ",;")):
        message = f"the evidence starts inside a sentence (after {quote(before[-20:])})"
        yield _finding("evidence-is-a-sentence", path, message)


def _speaker_findings(doc: AnnotatedDocument, text: str | None, english: bool) -> Iterator[Problem]:
    for i, speaker in enumerate(doc.speakers):
        path: _Path = ("speakers", i)
        if text is not None and not speaker.mentions:
            yield _finding("speaker-without-mentions", (*path, "mentions"), f"{quote(speaker.name)} has no mentions")
        if text is not None:
            name = re.compile(r"(?<!\w)" + re.escape(speaker.name) + r"(?!\w)")
            missing = [
                m.start()
                for m in name.finditer(text)
                if not any(s.start <= m.start() and m.end() <= s.end for s in speaker.mentions)
            ]
            if missing:
                where = ", ".join(str(offset) for offset in missing[:10])
                plural = "s" if len(missing) > 1 else ""
                message = f"the text names {quote(speaker.name)} at offset{plural} {where}, not among the mentions"
                yield _finding("mention-missing", (*path, "mentions"), message)
        if english:
            for j, mention in enumerate(speaker.mentions):
                if _ARTICLE.match(mention.text):
                    message = f"the mention {quote(mention.text)} starts with an article"
                    yield _finding("mention-with-article", (*path, "mentions", j), message)


def _reference_findings(doc: AnnotatedDocument) -> Iterator[Problem]:
    linked = {item.time_horizon for _, _, item in _claims(doc)}
    for i, horizon in enumerate(doc.time_horizons):
        if horizon.id not in linked:
            message = f"no directive or statement links the time horizon {quote(horizon.id)}"
            yield _finding("horizon-not-linked", ("time_horizons", i), message)
    occasions = {o.id: o for o in doc.occasions}
    for kind, i, item in _claims(doc):
        occasion = occasions.get(item.occasion) if item.occasion is not None else None
        if occasion is None:
            continue
        for speaker_id in item.speakers:
            if speaker_id not in occasion.participants:
                message = f"the speaker {quote(speaker_id)} is not a participant of the occasion {quote(occasion.id)}"
                yield _finding("speaker-not-participant", (kind, i, "occasion"), message)
    published = doc.document.published
    published_day = published.date() if hasattr(published, "date") else published
    for i, occasion in enumerate(doc.occasions):
        earliest = _earliest(occasion.date)
        if earliest is not None and earliest > published_day:
            message = (
                f"the occasion is dated {occasion.date}, after the document was published ({published.isoformat()})"
            )
            yield _finding("occasion-after-publication", ("occasions", i, "date"), message)


def _earliest(date: Any) -> Any:
    """The first day a partial date (or an interval of them) covers; None when there is no date."""
    if date is None:
        return None
    if hasattr(date, "earliest"):
        return date.earliest()
    start = getattr(date, "start", None)
    return _earliest(start)


def _id_findings(doc: AnnotatedDocument) -> Iterator[Problem]:
    for kind, (pattern, convention) in ID_CONVENTIONS.items():
        compiled = re.compile(pattern)
        for i, item in enumerate(getattr(doc, kind)):
            if not compiled.fullmatch(item.id):
                yield _finding("id-convention", (kind, i, "id"), f"the id {quote(item.id)} is not {convention}")
    for kind in ("directives", "statements"):
        numbered = []
        for i, item in enumerate(getattr(doc, kind)):
            number = re.fullmatch(r"[A-Za-z_]*([0-9]+)", item.id)
            if number is None:
                break
            place = (item.evidence[0].start if item.evidence else item.cue.start, item.content.start)
            numbered.append((int(number.group(1)), place, i, item.id))
        else:
            numbered.sort()
            for before, after in itertools.pairwise(numbered):
                if after[1] < before[1]:
                    message = (
                        f"{quote(after[3])} comes before {quote(before[3])} in the text; number them in text order"
                    )
                    yield _finding("ids-in-text-order", (kind, after[2], "id"), message)


def _edge_findings(doc: AnnotatedDocument) -> Iterator[Problem]:
    for path, span in _spans(doc, ()):
        if span.text != span.text.strip():
            yield _finding(
                "span-edge-whitespace", (*path, "text"), f"the span {quote(span.text)} has spaces at an edge"
            )


def _spans(obj: Any, path: _Path) -> Iterator[tuple[_Path, Span]]:
    if isinstance(obj, Span):
        yield path, obj
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _spans(item, (*path, i))
    elif attrs.has(type(obj)):
        for field in attrs.fields(type(obj)):
            value = getattr(obj, field.name)
            if isinstance(value, (list, Span)) or attrs.has(type(value)):
                yield from _spans(value, (*path, field.name))
