"""Blind copies of docs/guidelines.md, for an independent re-annotation of one reference example.

The guidelines quote the reference texts as their examples (*E2 d05*, *E3 d02*), print a summary table
of each, and carry phrase-table rows added for each. An annotator who is to encode a text blind must not
see that text's answers. Each example's ``make_blind_guidelines.py`` describes its text (its tag, its
summary section, replacement tables for citations that stripping would garble, the names that must not
appear) as a :class:`Blinder`; this module does the work common to all: drop the summary section,
strip every parenthesis citing the tag, apply the replacements, show the phrase-table rows added for the
text without its phrases (or not at all), and check that nothing of the text is left — its names, or
six or more consecutive words of it.
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import policyschema as ps

#: A blind copy fails the check when it quotes this many consecutive words of the text.
NGRAM = 6


def replace_loosely(text: str, old: str, new: str) -> str:
    """Replace ``old`` once, letting any run of white space inside it match any run in the text.

    White space at its start and end must match exactly, so that an indented line keeps its line break.
    A LookupError says which replacement no longer matches the guidelines.
    """
    core = old.strip()
    lead, trail = old[: len(old) - len(old.lstrip())], old[len(old.rstrip()) :]
    words = re.split(r"\s+", core)
    pattern = re.escape(lead) + r"\s+".join(re.escape(word) for word in words) + re.escape(trail)
    text, count = re.subn(pattern, lambda _: new, text, count=1)
    if count != 1:
        raise LookupError(f"not found in the guidelines (update the replacement table):\n{old}")
    return text


def without_citations(text: str, tag: str) -> str:
    """Remove every parenthesis (one level of nesting inside allowed) that cites ``tag``, and the space before it."""
    pattern = re.compile(r" ?\((?:[^()]|\([^()]*\))*?" + re.escape(tag) + r"(?:[^()]|\([^()]*\))*?\)")
    previous = None
    while previous != text:
        previous = text
        text = pattern.sub("", text)
    return text


def phrase_found(phrase: str, text: str) -> bool:
    """Whether a phrase of the table (its syntax: whole words, ``*`` ends a word) occurs in ``text``."""
    table = ps.PhraseTable(codebook="cap", version="blind", rows=[ps.PhraseRow(phrases=[phrase], codes=[])])
    return bool(table.matches(text))


@dataclass(frozen=True)
class Blinder:
    """What a blind copy of the guidelines leaves out for one example."""

    tag: str  # how the guidelines cite the example: "E2"
    example: str  # how prose and phrase-table notes name it: "example 2"
    section: str  # the heading of its summary section, which goes
    section_end: str | None  # the heading after that section; None: to the end of the guidelines
    names: re.Pattern[str]  # words of the text that must not be left anywhere
    pre: Sequence[tuple[str, str]] = ()  # replacements before the citing parentheses go
    replacements: Sequence[tuple[str, str]] = ()  # replacements after (matched with them gone)
    generic: Sequence[str] = ()  # wordings six words of which give nothing away
    keep_general_phrases: bool = True  # rows added for the text keep their phrases the text lacks

    def blind(self, guidelines: str, source: str) -> str:
        """The blind copy of the text of docs/guidelines.md, for an annotation of ``source``."""
        start = guidelines.index(self.section)
        if self.section_end is None:  # the last section: the copy ends before it
            text = guidelines[:start].rstrip("\n") + "\n"
        else:
            text = guidelines[:start] + guidelines[guidelines.index(self.section_end) :]
        for old, new in self.pre:
            text = replace_loosely(text, old, new)
        text = without_citations(text, self.tag)
        for old, new in self.replacements:
            text = replace_loosely(text, without_citations(old, self.tag), new)
        lines = text.split("\n")
        return "\n".join(kept for line in lines if (kept := self.blind_row(line, source)) is not None)

    def blind_row(self, line: str, source: str) -> str | None:
        """A phrase-table row as the blind copy shows it; any other line as it is.

        Only rows whose note cites the example change. Such a row was added for this text, but some of
        its phrases may be general (``power supply`` next to ``power plant*``): unless
        ``keep_general_phrases`` is off, the copy keeps those, and leaves out the phrases found in the
        text, which would give its codes away, and every sentence of the note that cites the example or
        names a phrase left out. None when no phrase is left.
        """
        if not (line.startswith("| `") and self.example in line.lower()):
            return line
        if not self.keep_general_phrases:
            return None
        cells = [cell.strip() for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        phrase_cell, codes, note = cells
        phrases = re.findall(r"`([^`]+)`", phrase_cell)
        hidden = [phrase for phrase in phrases if phrase_found(phrase, source)]
        shown = [phrase for phrase in phrases if phrase not in hidden]
        if not shown:
            return None
        note = re.sub(r" ?\([^()]*" + re.escape(self.example) + r"[^()]*\)", "", note, flags=re.IGNORECASE)
        sentences = [
            sentence
            for sentence in re.split(r"(?<=\.) +", note)
            if self.example not in sentence.lower()
            and not any(phrase_found(phrase, sentence.replace("`", "")) for phrase in hidden)
        ]
        primary = " (primary)" if phrase_cell.endswith("(primary)") else ""
        return f"| {', '.join(f'`{phrase}`' for phrase in shown)}{primary} | {codes} | {' '.join(sentences)} |"

    def leaks(self, blind_text: str, source: str) -> list[str]:
        """Lines of the blind copy that still give away the text: its names, or NGRAM words in a row of it."""
        words = re.findall(r"[a-z0-9']+", source.lower())
        ngrams = {" ".join(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1)}
        for phrase in self.generic:
            generic = re.findall(r"[a-z0-9']+", phrase.lower())
            ngrams -= {" ".join(generic[i : i + NGRAM]) for i in range(len(generic) - NGRAM + 1)}
        found = []
        for number, line in enumerate(blind_text.split("\n"), start=1):
            if self.names.search(line):
                found.append(f"line {number}: names the text: {line.strip()}")
        flat = blind_text.split("\n")
        for number in range(len(flat)):
            # a quote may run over a line break, so look at each line together with the next
            window = re.findall(r"[a-z0-9']+", " ".join(flat[number : number + 2]).lower())
            for i in range(len(window) - NGRAM + 1):
                gram = " ".join(window[i : i + NGRAM])
                if gram in ngrams:
                    found.append(f"line {number + 1}: quotes the text: {gram!r}")
                    break
        return found

    def command(self, example_dir: Path, doc: str | None) -> Callable[..., int]:
        """The ``main`` of the script in ``example_dir``: its source.txt and the repository's guidelines
        by default, the first line of the script's ``doc`` as the description."""
        return functools.partial(
            self.main,
            description=(doc or "").split("\n", 1)[0],
            guidelines=example_dir.parent.parent / "docs" / "guidelines.md",
            source=example_dir / "source.txt",
        )

    def main(self, argv: list[str] | None = None, *, description: str, guidelines: Path, source: Path) -> int:
        """The command line of an example's make_blind_guidelines.py: write the checked blind copy."""
        parser = argparse.ArgumentParser(description=description)
        parser.add_argument("out", type=Path, help="where to write the blind guidelines")
        parser.add_argument("--guidelines", type=Path, default=guidelines)
        parser.add_argument("--source", type=Path, default=source)
        args = parser.parse_args(argv)
        try:
            guidelines_text = args.guidelines.read_text(encoding="utf-8")
            source_text = args.source.read_text(encoding="utf-8")
        except OSError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        try:
            text = self.blind(guidelines_text, source_text)
        except (LookupError, ValueError) as error:
            print(f"error: {args.guidelines}: {error}", file=sys.stderr)
            return 1
        found = self.leaks(text, source_text)
        if found:
            print(f"error: the blind copy still gives away {args.source}:", file=sys.stderr)
            print("\n".join(found), file=sys.stderr)
            return 1
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}")
        return 0
