"""Calendar dates of reduced precision ("2021", "2012-11", "2020-11-30").

Policy texts date things loosely: "in 2021", "in November 2012", "on Monday". TimeML and ISO 8601 write
such values with fewer components; :class:`PartialDate` holds them as a real type that parses, prints
and orders correctly, so a horizon's start and end are compared as calendar dates, not as strings.
"""

from __future__ import annotations

import calendar
import datetime
import re
from functools import total_ordering
from typing import Final

from .errors import quote

__all__ = [
    "DATE_INTERVAL_PATTERN",
    "DATE_VALUE_PATTERN",
    "PARTIAL_DATE_PATTERN",
    "DateInterval",
    "PartialDate",
    "parse_date_value",
]

#: The ECMA-262-compatible pattern a partial date matches (the JSON Schema uses it too).
PARTIAL_DATE_PATTERN: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_PARTIAL_DATE_RE: Final = re.compile(PARTIAL_DATE_PATTERN)
_PARTIAL = PARTIAL_DATE_PATTERN[1:-1]
#: An EDTF level-0 interval of two partial dates, "2016-11-25/2016-11-26" or "2021/2025".
DATE_INTERVAL_PATTERN: Final = f"^{_PARTIAL}/{_PARTIAL}$"
#: A partial date or an interval of two: what an occasion's date and a horizon's bounds may be.
DATE_VALUE_PATTERN: Final = f"^{_PARTIAL}(/{_PARTIAL})?$"


@total_ordering
class PartialDate:
    """An ISO 8601 calendar date with year, year-month or year-month-day precision.

    Dates order by the calendar: a coarser date sorts before the finer dates it contains
    ("2021" < "2021-01" < "2021-01-01" < "2021-02"), which is a total order consistent with equality.
    Use :meth:`earliest` and :meth:`latest` to compare the intervals the dates stand for.
    """

    __slots__ = ("_day", "_month", "_year")

    def __init__(self, year: int, month: int | None = None, day: int | None = None) -> None:
        for name, value in (("year", year), ("month", month), ("day", day)):
            if value is not None and (type(value) is not int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
        if not 1 <= year <= 9999:
            raise ValueError(f"year {year} is outside 0001-9999")
        if month is None and day is not None:
            raise ValueError("a date with a day needs a month")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month {month} is outside 1-12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"day {day} does not exist in {year:04d}-{month:02d}")
        self._year = year
        self._month = month
        self._day = day

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD"; raise ValueError on anything else."""
        if not isinstance(text, str) or not _PARTIAL_DATE_RE.fullmatch(text):
            raise ValueError(f"{quote(text)} is not an ISO 8601 date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)

    @classmethod
    def from_date(cls, value: datetime.date) -> PartialDate:
        """The day-precision partial date of a :class:`datetime.date`."""
        return cls(value.year, value.month, value.day)

    @property
    def year(self) -> int:
        return self._year

    @property
    def month(self) -> int | None:
        return self._month

    @property
    def day(self) -> int | None:
        return self._day

    @property
    def precision(self) -> str:
        """ "year", "month" or "day"."""
        if self._day is not None:
            return "day"
        return "year" if self._month is None else "month"

    def earliest(self) -> datetime.date:
        """The first calendar day this date covers ("2021" -> 2021-01-01)."""
        return datetime.date(self._year, self._month or 1, self._day or 1)

    def latest(self) -> datetime.date:
        """The last calendar day this date covers ("2021-02" -> 2021-02-28)."""
        month = self._month or 12
        day = self._day or calendar.monthrange(self._year, month)[1]
        return datetime.date(self._year, month, day)

    def _key(self) -> tuple[int, int, int]:
        return (self._year, self._month or 0, self._day or 0)

    def __str__(self) -> str:
        text = f"{self._year:04d}"
        if self._month is not None:
            text += f"-{self._month:02d}"
        if self._day is not None:
            text += f"-{self._day:02d}"
        return text

    def __repr__(self) -> str:
        return f"PartialDate.parse({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() == other._key()

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class DateInterval:
    """An interval of two partial dates, written as in ISO 8601-2 / EDTF level 0: "2016-11-25/2016-11-26".

    Use it where the text gives a span of days rather than one date ("on November 25 and 26"), or a
    bound known only to lie within a range. Both ends are inclusive; ``start`` is not after ``end``.
    """

    __slots__ = ("_end", "_start")

    def __init__(self, start: PartialDate, end: PartialDate) -> None:
        for name, value in (("start", start), ("end", end)):
            if not isinstance(value, PartialDate):
                raise TypeError(f"{name} must be a PartialDate, not {type(value).__name__}")
        if end.latest() < start.earliest():
            raise ValueError(f"the interval {start}/{end} ends before it starts")
        self._start = start
        self._end = end

    @classmethod
    def parse(cls, text: str) -> DateInterval:
        """Parse "A/B" with A and B partial dates; raise ValueError on anything else."""
        if not isinstance(text, str) or text.count("/") != 1:
            raise ValueError(f"{quote(text)} is not a date interval of the form YYYY[-MM[-DD]]/YYYY[-MM[-DD]]")
        first, last = text.split("/")
        return cls(PartialDate.parse(first), PartialDate.parse(last))

    @property
    def start(self) -> PartialDate:
        return self._start

    @property
    def end(self) -> PartialDate:
        return self._end

    def earliest(self) -> datetime.date:
        """The first calendar day the interval covers."""
        return self._start.earliest()

    def latest(self) -> datetime.date:
        """The last calendar day the interval covers."""
        return self._end.latest()

    def __str__(self) -> str:
        return f"{self._start}/{self._end}"

    def __repr__(self) -> str:
        return f"DateInterval.parse({str(self)!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, DateInterval):
            return NotImplemented
        return (self._start, self._end) == (other._start, other._end)

    def __hash__(self) -> int:
        return hash((self._start, self._end))


def parse_date_value(text: str) -> PartialDate | DateInterval:
    """A partial date ("2021-03") or, when the text holds a "/", an interval of two ("2021-03/2021-04")."""
    if isinstance(text, str) and "/" in text:
        return DateInterval.parse(text)
    return PartialDate.parse(text)
