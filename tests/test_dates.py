from __future__ import annotations

import datetime

import pytest

from policyschema import PartialDate


@pytest.mark.parametrize("text", ["2021", "2012-11", "2020-11-30", "0001", "2024-02-29"])
def test_parse_and_print_round_trip(text: str) -> None:
    assert str(PartialDate.parse(text)) == text


@pytest.mark.parametrize(
    "text", ["21", "2021-1", "2021-13", "2021-00", "2021-02-30", "2023-02-29", "2021-11-31", "2021/11", " 2021", "0000"]
)
def test_parse_rejects_malformed_or_impossible_dates(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        PartialDate.parse(text)


def test_order_is_calendar_order_not_string_order() -> None:
    dates = [PartialDate.parse(t) for t in ["2021-02", "2012-11", "2021", "2021-01-15", "2021-01"]]
    assert [str(d) for d in sorted(dates)] == ["2012-11", "2021", "2021-01", "2021-01-15", "2021-02"]
    # strings would put "2021-10" before "2021-9"-style mistakes; real ordering compares numbers
    assert PartialDate(2021, 9) < PartialDate(2021, 10)


def test_earliest_and_latest_cover_the_interval() -> None:
    assert PartialDate.parse("2024-02").latest() == datetime.date(2024, 2, 29)
    assert PartialDate.parse("2021").earliest() == datetime.date(2021, 1, 1)
    assert PartialDate.parse("2021").latest() == datetime.date(2021, 12, 31)
    assert PartialDate.parse("2020-11-30").precision == "day"


def test_equality_and_hash() -> None:
    assert PartialDate.parse("2021-05") == PartialDate(2021, 5)
    assert len({PartialDate(2021, 5), PartialDate.parse("2021-05")}) == 1
    assert PartialDate(2021) != PartialDate(2021, 1)


def test_constructor_rejects_bool_and_day_without_month() -> None:
    with pytest.raises(TypeError):
        PartialDate(True)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="needs a month"):
        PartialDate(2021, None, 5)
