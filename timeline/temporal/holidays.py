"""Holidays: the names the rules know and the day each falls on in a year.

Adding a holiday is a name in `HOLIDAY_NAMES` and its day in `_FIXED_HOLIDAYS` (or a
line in `_holiday` for a movable one).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_HOLIDAY_NAMES = (
    r"(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?"
    r"|Easter(?:\s+Sunday)?|Good\s+Friday|Election\s+Day|Independence\s+Day|Memorial\s+Day"
    r"|Labor\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day)"
)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
    "independence day": (7, 4), "veterans day": (11, 11), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(name: str, year: int) -> date:
    """The day of a (US and Christian calendar) holiday in a year."""
    key = re.sub(r"\s+", " ", name.lower())
    if key in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if key == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if key == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if key == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if key == "good friday":
        return _easter(year) - timedelta(days=2)
    return _easter(year)
