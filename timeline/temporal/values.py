"""TIMEX3 values and calendar arithmetic: durations, units, numbers, the value of
the unit that holds a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from timeline import timex
from timeline.models import TimexType
from timeline.temporal.vocabulary import NUMBERS, UNIT_CODES


@dataclass(frozen=True, slots=True)
class Value:
    type: TimexType
    value: str
    mod: str | None = None
    relative: bool = False  # depends on the anchor (or stand-in)
    sets_reference: bool = False
    underspecified: str | None = None  # what to write when relative and unanchored
    sets_period: bool = False  # names the reporting period the text is about
    # a clock time (or "dawn") that did not say its day: a day named later in its
    # clause may still give it ("at 6 a.m. near the house 10 days before the murder")
    day_open: bool = False


def _num(text: str) -> float | None:
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = False
    if t.endswith(" and a half"):
        half, t = True, t[: -len(" and a half")]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        n = float(t)
    elif re.fullmatch(r"\d+ 1/2", t):
        n = float(t[:-4]) + 0.5
    elif t in NUMBERS:
        n = float(NUMBERS[t])
    elif t.startswith("couple"):
        n = 2.0
    else:
        parts = re.split(r"[- ]", t)
        if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
            n = float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
        else:
            return None
    return n + 0.5 if half else n


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNIT_CODES else u


def _duration(n: float | None, unit: str) -> str:
    u = _unit_key(unit)
    if u == "fortnight":
        return f"P{_fmt_num(n * 2 if n is not None else None)}W"
    if u == "weekend":  # TimeBank: "the weekend" lasts P2D
        return f"P{_fmt_num(n * 2 if n is not None else None)}D"
    if u == "night":
        u = "day"
    code = UNIT_CODES.get(u, "D")
    if n is not None and n != int(n) and u in _FRACTION_UNITS:
        # "two and a half years" is P2Y6M: the whole units, then the rest in finer ones
        whole, rest = int(n), n - int(n)
        finer, per = _FRACTION_UNITS[u]
        head = f"{whole}{code}" if whole else ""
        tail = f"{_fmt_num(rest * per)}{finer}"
        if u in ("hour", "minute"):
            return f"PT{head}{tail}"
        return f"P{head}T{tail}" if u == "day" else f"P{head}{tail}"
    if u in ("hour", "minute", "second"):
        return f"PT{_fmt_num(n)}{code}"
    if u in ("decade", "century"):
        # TimeBank: "two decades" is P20Y, and "for decades" PXY: counted in years
        return f"P{_fmt_num(n * (10 if u == 'decade' else 100) if n is not None else None)}Y"
    return f"P{_fmt_num(n)}{code}"


_FRACTION_UNITS = {
    "year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
    "hour": ("M", 60), "minute": ("S", 60),
}  # fmt: skip


def _add(d: date, n: int, unit: str) -> date:
    u = _unit_key(unit)
    if u in ("day", "night"):
        return d + timedelta(days=n)
    if u in ("week", "weekend", "fortnight"):
        return d + timedelta(weeks=n * (2 if u == "fortnight" else 1))
    if u in ("month", "quarter"):
        months = n * (3 if u == "quarter" else 1)
        y, m = divmod(d.month - 1 + months, 12)
        return _safe_date(d.year + y, m + 1, d.day)
    if u == "year":
        return _safe_date(d.year + n, d.month, d.day)
    if u == "decade":
        return _safe_date(d.year + 10 * n, d.month, d.day)
    if u == "century":
        return _safe_date(d.year + 100 * n, d.month, d.day)
    return d


def _safe_date(y: int, m: int, d: int) -> date:
    y = min(max(y, 1), 9999)
    for day in (d, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    return date(y, m, 28)


def _at(d: date, unit: str) -> str:
    """The value of the `unit` that contains day `d`."""
    u = _unit_key(unit)
    if u in ("day", "night"):
        return d.isoformat()
    if u in ("week", "fortnight"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if u == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if u == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if u == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if u == "decade":
        return f"{d.year // 10:03d}"
    if u == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _unit_under(unit: str) -> str:
    u = _unit_key(unit)
    return {
        "day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
    }.get(u, "XXXX-XX-XX")  # fmt: skip


def _spelled_number(text: str) -> int | None:
    """ "ninety-six" -> 96, "seventeen" -> 17, "two thousand and one" -> 2001."""
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = _spelled_number(" ".join(words[2:])) if words[2:] else 0
        return None if rest is None else 2000 + rest
    total = 0
    for w in words:
        n = NUMBERS.get(w)
        if n is None or isinstance(n, float):
            return None
        total += n
    return total


def _spelled_year(text: str) -> int | None:
    t = re.sub(r"^the\s+year\s+", "", text.lower())
    if t.startswith("two"):
        return _spelled_number(t)
    head, _, tail = re.sub(r"\s+", " ", t).replace("-", " ", 1).partition(" ")
    century = {"eighteen": 18, "nineteen": 19}.get(head)
    if century is None:
        return None
    if tail == "hundred":
        return century * 100
    rest = _spelled_number(tail)
    return None if rest is None or rest > 99 else century * 100 + rest


def _year_of(text: str, ref: date) -> int:
    if text[:1].isalpha():
        return _spelled_year(text) or ref.year
    t = text.strip("'")
    if len(t) == 2:
        y = int(t)
        century = ref.year // 100 * 100
        # '98 in a 2001 article is 1998; '05 is 2005
        return century + y if century + y <= ref.year + 20 or century == 0 else century - 100 + y
    return int(t)


def _day_number(day: str) -> int:
    """The number of a day of the month as `_DAY` matches it: "12th" -> 12."""
    return int(day.rstrip("stndrh"))


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "beginning", "the beginning", "start", "the start")):
        return "START"
    if w.startswith(("mid", "middle", "the middle")):
        return "MID"
    if w.startswith(("late", "end", "the end")):
        return "END"
    return None


def _last_quarter(d: date) -> tuple[int, int]:
    """The last quarter completed before day `d`: (year, quarter)."""
    q = (d.month - 1) // 3  # the current quarter, counted from 0
    return (d.year, q) if q else (d.year - 1, 4)


def _quarter_value(d: date) -> str:
    """The value of the last quarter completed before day `d` ("2013-Q2")."""
    y, q = _last_quarter(d)
    return f"{y:04d}-Q{q}"


def _shift_period(value: str, years: int) -> str:
    """A reporting period moved by whole years: 1989-Q3 -> 1988-Q3, 1989 -> 1988."""
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _day_of(value: str | None) -> date | None:
    """The day a value names, if it names one (or a time on one)."""
    iv = timex.interval(value)
    return iv.first if iv is not None and iv.granularity in ("day", "time") else None


def _at_least_month(value: str) -> str:
    """A value no finer than its month: the days before an event lie in its month."""
    iv = timex.interval(value)
    if iv is None or iv.granularity not in ("week", "day", "time"):
        return value
    return _at(iv.first, "month")


def _finer(unit: str, granularity: str) -> bool:
    """Whether `unit` is finer than a value of `granularity` can place."""
    return timex.GRANULARITIES.index(unit) > timex.GRANULARITIES.index(granularity)


_QUARTER = re.compile(r"\d{4}-Q[1-4]")


_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")
