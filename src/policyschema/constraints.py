"""Constrained scalar types shared by the models, the loader and the JSON Schema.

A constrained type is a plain ``str`` or ``int`` annotated with a :class:`Constraint`, so user code
passes ordinary values while the loader enforces, and the schema exporter publishes, the same rule.
Patterns are written in the subset of regular expressions that Python and ECMA-262 read alike, and are
always anchored with ``^...$``; Python matches them with ``fullmatch`` so that a trailing newline is
refused, as ECMA-262's ``$`` refuses it.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Final, get_args, get_origin

import attrs

from .errors import quote

__all__ = [
    "IDENTIFIER_PATTERN",
    "Code",
    "CodebookId",
    "Constraint",
    "Duration",
    "Identifier",
    "LanguageTag",
    "NonEmptyText",
    "Offset",
    "Sha256",
    "SpeakerIds",
    "Url",
    "WikidataId",
    "constraint_of",
]


@attrs.frozen
class Constraint:
    """A rule on a JSON string, integer or array: a pattern, a minimum, a least length, and what the value means."""

    description: str
    pattern: str | None = None
    minimum: int | None = None
    min_length: int | None = None
    min_items: int | None = None
    _compiled: re.Pattern[str] | None = attrs.field(init=False, eq=False, repr=False)

    @_compiled.default
    def _compile(self) -> re.Pattern[str] | None:
        return None if self.pattern is None else re.compile(self.pattern)

    def problem(self, value: str | int | list[Any]) -> str | None:
        """Why ``value`` breaks this rule, or None when it keeps it."""
        if isinstance(value, list):
            if self.min_items is not None and len(value) < self.min_items:
                return (
                    f"expected {self.description}, got an empty array" if not value else f"expected {self.description}"
                )
            return None
        if isinstance(value, str):
            if self.min_length is not None and len(value) < self.min_length:
                return (
                    "expected a non-empty string"
                    if self.min_length == 1
                    else (f"expected at least {self.min_length} characters")
                )
            if self._compiled is not None and not self._compiled.fullmatch(value):
                return f"expected {self.description} (pattern {self.pattern}), got {quote(value)}"
        elif self.minimum is not None and value < self.minimum:
            return f"expected {self.description} (at least {self.minimum}), got {value}"
        return None


def constraint_of(tp: Any) -> Constraint | None:
    """The :class:`Constraint` attached to an ``Annotated`` type, if any."""
    if get_origin(tp) is Annotated:
        for extra in get_args(tp)[1:]:
            if isinstance(extra, Constraint):
                return extra
    return None


IDENTIFIER_PATTERN: Final = r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$"

#: A local id of a speaker, directive, statement, horizon or occasion, unique per kind in a file.
Identifier = Annotated[
    str,
    Constraint(
        "an identifier: a letter, then up to 63 letters, digits, '_', '.' or '-'",
        pattern=IDENTIFIER_PATTERN,
    ),
]
#: Free text that must say something (names, labels, normalized actions).
NonEmptyText = Annotated[str, Constraint("a non-empty string", min_length=1)]
#: A Unicode code-point offset into the document text.
Offset = Annotated[int, Constraint("a code-point offset", minimum=0)]
#: A Wikidata item id such as "Q15031".
WikidataId = Annotated[str, Constraint("a Wikidata item id such as Q15031", pattern=r"^Q[1-9][0-9]*$")]
#: A SHA-256 digest in lower-case hexadecimal.
Sha256 = Annotated[str, Constraint("a SHA-256 digest in 64 lower-case hex digits", pattern=r"^[0-9a-f]{64}$")]
#: A BCP 47 language tag such as "en", "zh-Hans" or "en-GB" (well-formed, not checked against IANA).
LanguageTag = Annotated[
    str,
    Constraint(
        "a BCP 47 language tag such as en, zh-Hans or en-GB",
        pattern=r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?(-[A-Za-z0-9]{5,8})*$",
    ),
]
#: An absolute http(s) URL.
Url = Annotated[
    str,
    Constraint("an absolute http or https URL", pattern=r"^https?://[^\x00-\x20/?#][^\x00-\x20]*$"),
]
#: The id of a registered codebook such as "cap".
CodebookId = Annotated[
    str,
    Constraint(
        "a codebook id: a lower-case letter, then lower-case letters, digits, '_', '.' or '-'",
        pattern=r"^[a-z][a-z0-9_.-]{0,63}$",
    ),
]
#: A code in a codebook, such as CAP "1522" or Manifesto "202.1".
Code = Annotated[
    str,
    Constraint(
        "a code: letters, digits and '.', '_' or '-', starting with a letter or digit",
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$",
    ),
]

#: One or more speaker ids: who gives a directive or makes a statement (several for a joint one).
SpeakerIds = Annotated[list[Identifier], Constraint("at least one speaker id", min_items=1)]
#: An ISO 8601 duration of years, months, weeks and days, such as "P30D", "P1Y6M" or "P2W".
Duration = Annotated[
    str,
    Constraint(
        "an ISO 8601 duration of years, months, weeks and days such as P30D or P1Y6M",
        pattern=r"^P(?!$)([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$",
    ),
]
