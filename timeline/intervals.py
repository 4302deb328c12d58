"""TIMEX3 date values as calendar intervals.

Exporters and filters need to know which days a value like `2014`, `2022-W02`
or `2013-Q1` covers: a calendar needs a day, TimelineJS needs year/month/day
fields, `--since`/`--until` need to compare intervals. `parse_value` turns a
resolved TIMEX3 date or time value into an `Interval` (first and last day,
both inclusive) and returns None for anything it cannot place on the calendar:
unresolved values (`XXXX-WXX-2`), references (`PRESENT_REF`), durations,
sets, years before 1 or after 9999.

Granularities are those of the event records: century, decade, year, half,
quarter, season, month, week, day, time. Seasons are the meteorological
seasons of the northern hemisphere (spring March to May, summer June to
August, fall September to November, winter December to February of the next
year); TIMEX3 says nothing more precise.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_CENTURY = re.compile(r"(\d{2})")
_DECADE = re.compile(r"(\d{3})")
_YEAR = re.compile(r"(\d{4})")
_MONTH = re.compile(r"(\d{4})-(\d{2})")
_DAY_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:T(?:(MO|MI|AF|EV|NI|DT)|(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d+)?)?)?))?"
)
_WEEK = re.compile(r"(\d{4})-W(\d{2})(?:-(\d)|(WE))?")
_QUARTER = re.compile(r"(\d{4})-Q([1-4])")
_HALF = re.compile(r"(\d{4})-H([12])")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a TIMEX3 value covers, `first` to `last` inclusive.

    `hour`, `minute` and `second` are set when the value names a time of day;
    `part_of_day` is the TIMEX3 code (MO, AF, EV, ...) of values like
    `2022-01-11TAF`, which are dated to the day. `label` is a short reading of
    the value for people ("week 2 of 2022", "Q1 2013").
    """

    first: date
    last: date
    granularity: str
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    part_of_day: str | None = None
    label: str = ""

    @property
    def is_day_or_finer(self) -> bool:
        return self.granularity in ("day", "time")

    def intersects(self, first: date | None, last: date | None) -> bool:
        """True when the interval shares a day with [first, last] (None: unbounded)."""
        if first is not None and self.last < first:
            return False
        return not (last is not None and self.first > last)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_value(value: str | None) -> Interval | None:
    """The calendar interval of a resolved TIMEX3 date or time value, or None."""
    if not value:
        return None
    try:
        return _parse(value.strip())
    except (ValueError, OverflowError):
        # An impossible date (2022-02-30, week 54, year 0): not on the calendar.
        return None


def _parse(value: str) -> Interval | None:
    if m := _DAY_TIME.fullmatch(value):
        day = date(int(m[1]), int(m[2]), int(m[3]))
        if m[4]:
            return Interval(day, day, "time", part_of_day=m[4], label=PARTS_OF_DAY[m[4]])
        if m[5] is None:
            return Interval(day, day, "day")
        hour, minute, second = int(m[5]), int(m[6] or 0), int(m[7] or 0)
        if hour > 24 or minute > 59 or second > 60:
            return None
        if hour == 24:  # ISO 8601 end of day: midnight of the next day
            if minute or second:
                return None
            day, hour = day + timedelta(days=1), 0
        return Interval(day, day, "time", hour=hour, minute=minute, second=second)
    if m := _MONTH.fullmatch(value):
        year, month = int(m[1]), int(m[2])
        return Interval(date(year, month, 1), _month_end(year, month), "month")
    if m := _YEAR.fullmatch(value):
        year = int(m[1])
        return Interval(date(year, 1, 1), date(year, 12, 31), "year")
    if m := _WEEK.fullmatch(value):
        year, week = int(m[1]), int(m[2])
        monday = date.fromisocalendar(year, week, 1)
        if m[3]:
            day = date.fromisocalendar(year, week, int(m[3]))
            return Interval(day, day, "day")
        if m[4]:
            return Interval(
                monday + timedelta(days=5),
                monday + timedelta(days=6),
                "week",
                label=f"weekend of week {week} of {year}",
            )
        return Interval(monday, monday + timedelta(days=6), "week", label=f"week {week} of {year}")
    if m := _QUARTER.fullmatch(value):
        year, quarter = int(m[1]), int(m[2])
        first_month = 3 * quarter - 2
        return Interval(
            date(year, first_month, 1),
            _month_end(year, first_month + 2),
            "quarter",
            label=f"Q{quarter} {year}",
        )
    if m := _HALF.fullmatch(value):
        year, half = int(m[1]), int(m[2])
        first_month = 6 * half - 5
        return Interval(
            date(year, first_month, 1),
            _month_end(year, first_month + 5),
            "half",
            label=f"H{half} {year}",
        )
    if m := _SEASON.fullmatch(value):
        year, code = int(m[1]), m[2]
        start, stop = _SEASONS[code]
        last_year, last_month = (year + 1, stop - 12) if stop > 12 else (year, stop)
        name = {"SP": "spring", "SU": "summer", "FA": "fall", "WI": "winter"}[code]
        return Interval(
            date(year, start, 1),
            _month_end(last_year, last_month),
            "season",
            label=f"{name} {year}",
        )
    if m := _DECADE.fullmatch(value):
        first_year = int(m[1]) * 10
        return Interval(
            date(max(first_year, 1), 1, 1),
            date(first_year + 9, 12, 31),
            "decade",
            label=f"the {first_year}s",
        )
    if m := _CENTURY.fullmatch(value):
        first_year = int(m[1]) * 100
        return Interval(
            date(max(first_year, 1), 1, 1),
            date(first_year + 99, 12, 31),
            "century",
            label=f"the {first_year}s",
        )
    return None
