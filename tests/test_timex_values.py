"""TIMEX3 values as calendar intervals: what ordering, filtering and exports rely on."""

from __future__ import annotations

from datetime import date

import pytest

from timeline import timex


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity"),
    [
        ("2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("2010-05", date(2010, 5, 1), date(2010, 5, 31), "month"),
        ("2022-W02", date(2022, 1, 10), date(2022, 1, 16), "week"),
        ("2022-W02-WE", date(2022, 1, 15), date(2022, 1, 16), "week"),
        ("2022-01-11", date(2022, 1, 11), date(2022, 1, 11), "day"),
        ("1998-10-XX", date(1998, 10, 1), date(1998, 10, 31), "month"),  # a day of that month
        ("2022-01-11T15:00", date(2022, 1, 11), date(2022, 1, 11), "time"),
        ("2013-03-22TAF", date(2013, 3, 22), date(2013, 3, 22), "time"),
        ("2013-Q1", date(2013, 1, 1), date(2013, 3, 31), "quarter"),
        ("2013-H2", date(2013, 7, 1), date(2013, 12, 31), "half"),
        ("2013-SU", date(2013, 6, 1), date(2013, 8, 31), "season"),
        ("2013-WI", date(2013, 12, 1), date(2014, 2, 28), "season"),
        ("199", date(1990, 1, 1), date(1999, 12, 31), "decade"),
        ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
        ("FY2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
    ],
)
def test_interval_of_a_value(value: str, first: date, last: date, granularity: str) -> None:
    assert timex.interval(value) == timex.Interval(first, last, granularity)
    assert timex.is_valid(value)


@pytest.mark.parametrize(
    "value", ["P2Y", "PT8H", "PXY", "P1W", "XXXX-WXX-2", "PRESENT_REF", "2022-02-30", None, ""]
)
def test_values_that_name_no_interval(value: str | None) -> None:
    assert timex.interval(value) is None


@pytest.mark.parametrize(
    "value",
    [
        *("P2Y", "PT8H", "PXY", "P1W", "XXXX-WXX-2", "XXXX-05", "PAST_REF", "P1DE"),
        *("BC0490", "BC0480-08", "BC0481-FA", "BC047"),  # before Christ: no `date` holds them
    ],
)
def test_valid_non_calendar_values(value: str) -> None:
    assert timex.is_valid(value)


@pytest.mark.parametrize(
    "value", ["Monday", "2022/01/11", "22-01-11", "P", "T15:00", "2022-W2", "BC", "BCE0490"]
)
def test_invalid_values(value: str) -> None:
    assert not timex.is_valid(value)


def test_coarse_sorts_before_the_days_inside_it() -> None:
    keys = {v: timex.sort_range(v) for v in ("2022-W02", "2022-01-10", "2022")}
    ordered = sorted(keys, key=lambda v: (keys[v][0], -keys[v][1]))  # type: ignore[index]
    assert ordered == ["2022", "2022-W02", "2022-01-10"]
