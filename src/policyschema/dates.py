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

__all__ = ["PARTIAL_DATE_PATTERN", "PartialDate"]

#: The ECMA-262-compatible pattern a partial date matches (the JSON Schema uses it too).
PARTIAL_DATE_PATTERN: Final = r"^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$"
_PARTIAL_DATE_RE: Final = re.compile(PARTIAL_DATE_PATTERN)


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
