"""Phrase tables: which words of a claim give which codebook codes, so that two coders code alike.

A phrase table belongs to one codebook. Each row lists phrases and the codes they give; a row may be
*primary* (its phrases name the subject matter of a whole field, such as intellectual property or
safety at work, and its codes come first) and a row may give no code at all (a *stop phrase*, such as
"innovative measures", which by the longest-match rule keeps a shorter phrase inside it, "innovat*",
from giving one). The table for the CAP master codebook ships as ``phrase_tables/cap.json``; the
annotation guidelines (rule 6) print it and the reference examples are tested against it.

Phrase syntax: words separated by single spaces, matched case-insensitively as whole words, any run
of white space in the text matching one space; a ``*`` at the end of a word matches any continuation
of it (``innovat*`` matches "innovation", "innovative"). Matching is leftmost-longest: scanning the text
from the left, at each place the longest phrase found there wins (the earlier row on a tie), and the
words it covers give no other code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import attrs

from ._convert import parse_json, structure_checked
from .codebooks import Codebook, get_codebook
from .constraints import Code, CodebookId, NonEmptyText
from .errors import Problem, ValidationError, format_path, quote

__all__ = ["PhraseMatch", "PhraseRow", "PhraseTable", "get_phrase_table", "load_phrase_table"]

#: One word of a phrase: letters and digits, perhaps joined by hyphens, apostrophes or ampersands
#: ("opening-up", "R&D"), optionally ending in ``*``.
_WORD = re.compile(r"[^\W_]+(?:['&-][^\W_]+)*\*?")


@attrs.frozen(kw_only=True)
class PhraseRow:
    """Phrases that give the same codes."""

    phrases: list[NonEmptyText] = attrs.field(
        metadata={"description": "Phrases, such as 'work safety' or 'innovat*' (a '*' ends a word in any way)."}
    )
    codes: list[Code] = attrs.field(
        metadata={"description": "The codes the phrases give, in this order; empty for a stop phrase."}
    )
    primary: bool = attrs.field(
        default=False,
        metadata={"description": "Whether the phrases name a whole field's subject matter, so their codes come first."},
    )
    note: NonEmptyText | None = attrs.field(
        default=None, metadata={"description": "When the row applies, and the example that needed it."}
    )


@attrs.frozen(kw_only=True)
class PhraseMatch:
    """Where a phrase of the table was found in a text, and what it gives."""

    start: int
    end: int
    phrase: str
    codes: tuple[str, ...]
    primary: bool

    @property
    def text_range(self) -> tuple[int, int]:
        return (self.start, self.end)


@attrs.frozen(kw_only=True)
class PhraseTable:
    """The phrases that give the codes of one codebook, and the lookup that applies them."""

    codebook: CodebookId = attrs.field(metadata={"description": "Id of the codebook whose codes the rows give."})
    version: NonEmptyText = attrs.field(metadata={"description": "Which edition of the table this is."})
    description: NonEmptyText | None = attrs.field(
        default=None, metadata={"description": "What the table is for and how it is applied."}
    )
    rows: list[PhraseRow] = attrs.field(metadata={"description": "The rows, in the order ties are broken."})
    _patterns: list[tuple[re.Pattern[str], int, str]] = attrs.field(init=False, eq=False, repr=False)

    @_patterns.default
    def _compile(self) -> list[tuple[re.Pattern[str], int, str]]:
        compiled = []
        for index, row in enumerate(self.rows):
            for phrase in row.phrases:
                if _phrase_syntax_problem(phrase) is None:
                    compiled.append((_pattern(phrase), index, phrase))
        return compiled

    def problems(self, codebook: Codebook | None = None) -> list[Problem]:
        """What is wrong with the table: bad phrase syntax, a phrase in two rows, codes the codebook lacks."""
        found: list[Problem] = []
        seen: dict[str, int] = {}
        if codebook is None:
            try:
                codebook = get_codebook(self.codebook)
            except KeyError as exc:
                return [Problem(format_path(["codebook"]), str(exc.args[0]))]
        for i, row in enumerate(self.rows):
            if not row.phrases:
                found.append(Problem(format_path(["rows", i, "phrases"]), "a row needs at least one phrase"))
            for j, phrase in enumerate(row.phrases):
                syntax = _phrase_syntax_problem(phrase)
                if syntax is not None:
                    found.append(Problem(format_path(["rows", i, "phrases", j]), syntax))
                key = _normal(phrase)
                if key in seen:
                    message = f"phrase {quote(phrase)} is already in row {seen[key]}"
                    found.append(Problem(format_path(["rows", i, "phrases", j]), message))
                seen.setdefault(key, i)
            for j, code in enumerate(row.codes):
                if code not in codebook:
                    message = f"code {quote(code)} is not in codebook {quote(codebook.id)}"
                    found.append(Problem(format_path(["rows", i, "codes", j]), message))
            if row.primary and not row.codes:
                found.append(Problem(format_path(["rows", i, "primary"]), "a stop phrase (no codes) cannot be primary"))
        return found

    def matches(self, text: str, *, ignore: Iterable[tuple[int, int]] = ()) -> list[PhraseMatch]:
        """The phrases found in ``text``, leftmost-longest, left to right.

        ``ignore`` lists ranges (start, end) of ``text`` that give no code — the parts of a claim that
        are not its action, object or purpose, such as a time expression or a condition; a phrase that
        overlaps one is not found.
        """
        skipped = sorted(ignore)
        candidates: list[tuple[int, int, int, str]] = []
        for pattern, row_index, phrase in self._patterns:
            for found in pattern.finditer(text):
                start, end = found.span()
                if any(start < b and a < end for a, b in skipped):
                    continue
                candidates.append((start, -(end - start), row_index, phrase))
        candidates.sort()
        chosen: list[PhraseMatch] = []
        covered_to = 0
        for start, negative_length, row_index, phrase in candidates:
            if start < covered_to:
                continue
            row = self.rows[row_index]
            end = start - negative_length
            chosen.append(PhraseMatch(start=start, end=end, phrase=phrase, codes=tuple(row.codes), primary=row.primary))
            covered_to = end
        return chosen

    def codes(self, text: str, *, ignore: Iterable[tuple[int, int]] = ()) -> list[str]:
        """The codes ``text`` gets: those of primary phrases first, then the others, each once, in text order."""
        found = self.matches(text, ignore=ignore)
        ordered = [code for match in found if match.primary for code in match.codes]
        ordered += [code for match in found if not match.primary for code in match.codes]
        return list(dict.fromkeys(ordered))

    def to_markdown(self, codebook: Codebook | None = None) -> str:
        """The table as a Markdown table (phrases, codes with their labels, notes), as the guidelines print it."""
        codebook = codebook or get_codebook(self.codebook)
        lines = ["| phrases | codes | note |", "|---|---|---|"]
        for row in self.rows:
            phrases = ", ".join(f"`{phrase}`" for phrase in row.phrases)
            if row.primary:
                phrases += " (primary)"
            codes = ", ".join(f"{code} {codebook.entry(code).label}" for code in row.codes) or "no code (stop phrase)"
            note = (row.note or "").replace("|", "\\|")
            lines.append(f"| {phrases} | {codes} | {note} |")
        return "\n".join(lines) + "\n"


def _phrase_syntax_problem(phrase: str) -> str | None:
    words = phrase.split(" ")
    if any(not _WORD.fullmatch(word) for word in words):
        return (
            f"phrase {quote(phrase)} must be words of letters, digits, hyphens or apostrophes, separated by "
            "single spaces, a word optionally ending in '*'"
        )
    return None


def _normal(phrase: str) -> str:
    return phrase.casefold()


def _pattern(phrase: str) -> re.Pattern[str]:
    parts = []
    for word in phrase.split(" "):
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"\w*")
        else:
            parts.append(re.escape(word))
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def _checked(table: PhraseTable, codebook: Codebook | None = None) -> PhraseTable:
    problems = table.problems(codebook)
    if problems:
        raise ValidationError(problems)
    return table


def load_phrase_table(path: str | Path, *, codebook: Codebook | None = None) -> PhraseTable:
    """Read and check a phrase-table JSON file; raise :class:`ValidationError` listing every problem.

    The codes are checked against ``codebook``, or else against the registered codebook the table names.
    """
    return _checked(structure_checked(parse_json(Path(path).read_bytes()), PhraseTable), codebook)


_SHIPPED: dict[str, PhraseTable] = {}


def get_phrase_table(codebook_id: str = "cap") -> PhraseTable:
    """The phrase table shipped for a codebook (``cap``: the one the annotation guidelines print)."""
    if codebook_id not in _SHIPPED:
        resource = resources.files(__package__).joinpath("phrase_tables").joinpath(f"{codebook_id}.json")
        if not resource.is_file():
            raise KeyError(f"no phrase table ships for codebook {codebook_id!r}")
        table = structure_checked(parse_json(resource.read_bytes()), PhraseTable)
        _SHIPPED[codebook_id] = _checked(table)
    return _SHIPPED[codebook_id]
