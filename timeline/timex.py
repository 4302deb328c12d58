"""TIMEX3 values: what calendar interval a value names, and how fine it is.

This is the one place that reads TIMEX3 value strings ("2014", "2022-W02",
"2013-Q1", "2022-01-11T15:00", "PAST_REF"...); ordering, filtering and the
exporters all go through it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

# Granularities from coarsest to finest.
GRANULARITIES = (
    "century",
    "decade",
    "year",
    "half",
    "season",
    "quarter",
    "month",
    "week",
    "day",
    "time",
)

_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_PART_OF_DAY = ("MO", "MI", "AF", "EV", "NI", "DT")

_DATE_VALUE = re.compile(
    r"""^(?:
        (?P<century>\d{2})
      | (?P<decade>\d{3})
      | (?P<year>\d{4})
        (?:
            -(?P<month>\d{2})(?:-(?P<day>\d{2})
                (?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::\d{2}(?:\.\d+)?)?)?
                    |(?P<part>MO|MI|AF|EV|NI|DT)))?|-XX)?
          | -W(?P<week>\d{2})(?:-(?P<wday>[1-7])|-?(?P<weekend>WE))?
          | -Q(?P<quarter>[1-4])
          | -H(?P<half>[12])
          | -(?P<season>SP|SU|FA|WI)
        )?
    )$""",
    re.VERBOSE,
)
_FISCAL = re.compile(r"^FY(?P<year>\d{4})(?:-Q(?P<quarter>[1-4])|-H(?P<half>[12]))?$")
_DURATION = re.compile(
    r"^P(?:(?:[\dX]+(?:\.\d+)?(?:Y|M|W|D|DE|CE|Q|L|H))+"
    r"(?:T(?:[\dX]+(?:\.\d+)?(?:H|M|S))+)?|T(?:[\dX]+(?:\.\d+)?(?:H|M|S))+)$"
)
_UNDERSPECIFIED = re.compile(
    r"^(?:[\dX]{4}(?:-[\dX]{2}(?:-[\dX]{2})?|-W[\dX]{2}(?:-[1-7X]|-WE)?|-(?:SP|SU|FA|WI)|-Q[1-4X]"
    r"|-H[12X])?(?:T[\dX]{2}(?::[\dX]{2})?|T(?:MO|MI|AF|EV|NI))?|[\dX]{2,3})$"
)
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
# A time before Christ ("BC0490", "BC0480-08", "BC047" for the 470s BC): valid, but on
# no calendar that `date` can hold.
_BC_YEAR = re.compile(r"^BC(?=\d)")


@dataclass(frozen=True, slots=True)
class Interval:
    """The calendar days a DATE/TIME value covers, and how fine it is."""

    first: date
    last: date
    granularity: str


def interval(value: str | None) -> Interval | None:
    """The days a resolved DATE or TIME value covers; None for anything else."""
    if not value:
        return None
    m = _DATE_VALUE.match(value)
    if m is None:
        f = _FISCAL.match(value)
        if f is None:
            return None
        # A fiscal year is taken as its calendar year: the start month differs by country.
        year = int(f["year"])
        if f["quarter"]:
            return _quarter(year, int(f["quarter"]))
        if f["half"]:
            return _half(year, int(f["half"]))
        return Interval(date(year, 1, 1), date(year, 12, 31), "year")
    try:
        return _interval(m)
    except (ValueError, OverflowError):  # 2022-02-30, or a week that runs past 9999
        return None


def _interval(m: re.Match[str]) -> Interval | None:
    if m["century"]:
        c = int(m["century"])
        return Interval(date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31), "century")
    if m["decade"]:
        d = int(m["decade"])
        return Interval(date(max(d * 10, 1), 1, 1), date(d * 10 + 9, 12, 31), "decade")
    year = int(m["year"])
    if year < 1:
        return None
    if m["day"]:
        day = date(year, int(m["month"]), int(m["day"]))
        fine = m["hour"] or m["part"]
        return Interval(day, day, "time" if fine else "day")
    if m["month"]:
        month = int(m["month"])
        days = calendar.monthrange(year, month)[1]
        return Interval(date(year, month, 1), date(year, month, days), "month")
    if m["week"]:
        monday = date.fromisocalendar(year, int(m["week"]), 1)
        if m["wday"]:
            day = monday + timedelta(days=int(m["wday"]) - 1)
            return Interval(day, day, "day")
        if m["weekend"]:
            return Interval(monday + timedelta(days=5), monday + timedelta(days=6), "week")
        return Interval(monday, monday + timedelta(days=6), "week")
    if m["quarter"]:
        return _quarter(year, int(m["quarter"]))
    if m["half"]:
        return _half(year, int(m["half"]))
    if m["season"]:
        first_month, last_month = _SEASON_MONTHS[m["season"]]
        first = date(year, first_month, 1)
        last_year, last_m = year + (last_month - 1) // 12, (last_month - 1) % 12 + 1
        last = date(last_year, last_m, calendar.monthrange(last_year, last_m)[1])
        return Interval(first, last, "season")
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def _quarter(year: int, q: int) -> Interval:
    first_month = 3 * (q - 1) + 1
    last_day = calendar.monthrange(year, first_month + 2)[1]
    return Interval(date(year, first_month, 1), date(year, first_month + 2, last_day), "quarter")


def _half(year: int, h: int) -> Interval:
    if h == 1:
        return Interval(date(year, 1, 1), date(year, 6, 30), "half")
    return Interval(date(year, 7, 1), date(year, 12, 31), "half")


def granularity(value: str | None) -> str | None:
    iv = interval(value)
    return iv.granularity if iv else None


def is_valid(value: str) -> bool:
    """Whether `value` is a TIMEX3 value this tool may write."""
    return bool(
        value in REFS
        or _DATE_VALUE.match(value)
        or _FISCAL.match(value)
        or _DURATION.match(value)
        or _UNDERSPECIFIED.match(value)
        or bool(_BC_YEAR.match(value) and _DATE_VALUE.match(value[2:]))
    )


def sort_range(value: str | None) -> tuple[int, int] | None:
    """Ordinal first and last day of a value, for ordering (coarse before fine)."""
    iv = interval(value)
    if iv is None:
        return None
    return iv.first.toordinal(), iv.last.toordinal()
