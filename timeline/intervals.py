"""TIMEX3 date values as the exporters and filters need them.

`timeline.timex.interval` is the one reader of TIMEX3 values: the days a value
covers and its granularity. This adds what output needs on top: the clock
time of a `TIME` value (a calendar writes 15:00, TimelineJS has hour and
minute fields), the part of the day of values like `2022-01-11TAF`, and a
short label for people ("week 2 of 2022", "Q1 2013"). Values that name no
interval (unresolved `XXXX-WXX-2`, `PRESENT_REF`, durations) and impossible
clock times (`T25:00`) give None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline import timex

PARTS_OF_DAY = {
    "MO": "morning",
    "MI": "midday",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_SEASONS = {3: "spring", 6: "summer", 9: "fall", 12: "winter"}
_CLOCK = re.compile(
    r"T(?:(?P<part>MO|MI|AF|EV|NI|DT)|(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?)"
)


@dataclass(frozen=True, slots=True)
class Interval:
    """The days a TIMEX3 value covers, `first` to `last` inclusive, and more.

    `hour`, `minute` and `second` are set when the value names a time of day;
    `part_of_day` is the TIMEX3 code (MO, AF, EV, ...) of values like
    `2022-01-11TAF`, which are dated to the day. `label` reads the value for
    people when a date alone would not ("week 2 of 2022"); empty for years,
    months, days and clock times.
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


def parse_value(value: str | None) -> Interval | None:
    """The interval of a resolved TIMEX3 date or time value, or None."""
    if not value:
        return None
    value = value.strip()
    try:
        base = timex.interval(value)
    except (ValueError, OverflowError):
        return None
    if base is None:
        return None
    first, last, granularity = base.first, base.last, base.granularity
    if granularity == "time":
        clock = _CLOCK.search(value)
        if clock is None:
            return None
        if clock["part"]:
            part = clock["part"]
            return Interval(first, last, "time", part_of_day=part, label=PARTS_OF_DAY[part])
        hour, minute, second = (int(clock[name] or 0) for name in ("hour", "minute", "second"))
        if hour > 24 or minute > 59 or second > 60 or (hour == 24 and (minute or second)):
            return None
        if hour == 24:  # ISO 8601 end of the day: midnight of the next
            try:
                first = last = first + timedelta(days=1)
            except OverflowError:
                return None
            hour = 0
        return Interval(first, last, "time", hour=hour, minute=minute, second=second)
    return Interval(first, last, granularity, label=_label(value, first, granularity))


def _label(value: str, first: date, granularity: str) -> str:
    if granularity == "week":
        year, week, _ = first.isocalendar()
        if value.endswith("WE"):
            return f"weekend of week {week} of {year}"
        return f"week {week} of {year}"
    if granularity == "quarter":
        return f"Q{(first.month - 1) // 3 + 1} {first.year}"
    if granularity == "half":
        return f"H{1 if first.month < 7 else 2} {first.year}"
    if granularity == "season":
        return f"{_SEASONS.get(first.month, 'season')} {first.year}"
    if granularity == "decade":
        return f"the {first.year - first.year % 10}s"
    if granularity == "century":
        return f"the {first.year - first.year % 100}s"
    return ""
