"""TIMEX3 values as calendar intervals."""

from __future__ import annotations

from datetime import date

import pytest

from timeline.intervals import parse_value


@pytest.mark.parametrize(
    ("value", "first", "last", "granularity"),
    [
        ("2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("2010-05", date(2010, 5, 1), date(2010, 5, 31), "month"),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29), "month"),
        ("2022-01-11", date(2022, 1, 11), date(2022, 1, 11), "day"),
        ("2022-01-11T15:00", date(2022, 1, 11), date(2022, 1, 11), "time"),
        ("2022-01-11TAF", date(2022, 1, 11), date(2022, 1, 11), "time"),
        ("2022-W02", date(2022, 1, 10), date(2022, 1, 16), "week"),
        ("2022-W02-2", date(2022, 1, 11), date(2022, 1, 11), "day"),
        ("2022-W02WE", date(2022, 1, 15), date(2022, 1, 16), "week"),
        ("2022-W02-WE", date(2022, 1, 15), date(2022, 1, 16), "week"),
        ("FY2014", date(2014, 1, 1), date(2014, 12, 31), "year"),
        ("2013-Q1", date(2013, 1, 1), date(2013, 3, 31), "quarter"),
        ("2013-H2", date(2013, 7, 1), date(2013, 12, 31), "half"),
        ("2013-SU", date(2013, 6, 1), date(2013, 8, 31), "season"),
        ("2013-WI", date(2013, 12, 1), date(2014, 2, 28), "season"),
        ("201", date(2010, 1, 1), date(2019, 12, 31), "decade"),
        ("19", date(1900, 1, 1), date(1999, 12, 31), "century"),
    ],
)
def test_values_cover_the_right_days(value: str, first: date, last: date, granularity: str) -> None:
    interval = parse_value(value)
    assert interval is not None
    assert (interval.first, interval.last, interval.granularity) == (first, last, granularity)


@pytest.mark.parametrize(
    ("value", "label"),
    [
        ("2022-W02", "week 2 of 2022"),
        ("2022-W02-WE", "weekend of week 2 of 2022"),
        ("2013-Q3", "Q3 2013"),
        ("2013-H2", "H2 2013"),
        ("2013-WI", "winter 2013"),
        ("201", "the 2010s"),
        ("19", "the 1900s"),
        ("2014", ""),
        ("2022-01-11", ""),
    ],
)
def test_labels(value: str, label: str) -> None:
    interval = parse_value(value)
    assert interval is not None and interval.label == label


def test_the_same_days_as_the_project_reader() -> None:
    from timeline import timex

    for value in ("2014", "2022-W02", "2013-Q1", "2013-WI", "201", "2022-01-11T15:00", "FY2014"):
        ours, theirs = parse_value(value), timex.interval(value)
        assert ours is not None and theirs is not None
        assert (ours.first, ours.last, ours.granularity) == (
            theirs.first,
            theirs.last,
            theirs.granularity,
        )


def test_time_fields() -> None:
    interval = parse_value("2022-01-11T15:30:05")
    assert interval and (interval.hour, interval.minute, interval.second) == (15, 30, 5)
    midnight = parse_value("2022-01-11T24:00")
    assert midnight and midnight.first == date(2022, 1, 12) and midnight.hour == 0
    afternoon = parse_value("2022-01-11TAF")
    assert afternoon and afternoon.hour is None and afternoon.label == "afternoon"


@pytest.mark.parametrize(
    "value",
    [None, "", "XXXX-WXX-2", "XXXX-01-11", "2022-XX", "PRESENT_REF", "PAST_REF", "P8H", "PT8H",
     "2022-02-30", "2022-W54", "2022-13", "2022-01-11T25:00", "0000", "tomorrow", "2022-1-1"],
)  # fmt: skip
def test_what_is_not_on_the_calendar(value: str | None) -> None:
    assert parse_value(value) is None


def test_intersection_is_inclusive_and_open_ended() -> None:
    year = parse_value("2022")
    assert year is not None
    assert year.intersects(date(2022, 1, 11), None)
    assert year.intersects(None, date(2022, 1, 1))
    assert not year.intersects(date(2023, 1, 1), None)
    assert not year.intersects(None, date(2021, 12, 31))
    assert year.intersects(None, None)
