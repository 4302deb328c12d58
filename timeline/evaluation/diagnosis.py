"""What is wrong with a wrong TempEval-3 value, and which side is to blame.

Wrong values are classed by what is wrong on the gold side (`GOLD_ISSUES`:
the gold value contradicts its own text, is not ISO, leaves X where ours
agrees with all it does give, or is one of a document's weekdays that the gold
all puts a week from ours, the same way). This is diagnosis only: the figures
still count a value as right only when it is the gold string.

Everything here works on the strings of one error (texts and values), so it
knows nothing of how errors are collected.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from timeline import timex

__all__ = [
    "GOLD_ISSUES",
    "GOLD_ISSUE_TITLES",
    "WEEK_SHIFT_MIN",
    "GoldIssue",
    "extent_diagnosis",
    "gold_issue",
    "value_diagnosis",
    "value_shape",
    "week_shift",
]

# Wrong values the gold side is to blame for (annotation problems), most certain first.
# Diagnosis only: a value still counts as right only when it equals the gold string.
GoldIssue = Literal[
    "gold_contradicts_text", "gold_not_iso", "gold_underspecified", "gold_week_shifted"
]
GOLD_ISSUES: tuple[GoldIssue, ...] = (
    "gold_contradicts_text",
    "gold_not_iso",
    "gold_underspecified",
    "gold_week_shifted",
)
GOLD_ISSUE_TITLES: dict[GoldIssue, str] = {
    "gold_contradicts_text": "gold contradicts its text",
    "gold_not_iso": "gold not ISO",
    "gold_underspecified": "gold underspecified",
    "gold_week_shifted": "gold weekdays a week off",
}
# A document whose gold puts this many weekdays exactly a week from ours, all
# the same way, was dated from another day than its DCT: the annotators' week
# was not the document's (AP900815-0044: "will meet Bush on Thursday", a week
# before the DCT).
WEEK_SHIFT_MIN = 3

_DIGITS = re.compile(r"\d")
_DURATION_NUMBER = re.compile(r"9+(?:\.9+)?")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def value_shape(value: str) -> str:
    """The form of a TIMEX3 value: digits become 9 (durations: numbers become N).

    `1998-01-08` -> `9999-99-99`, `1998-W02` -> `9999-W99`, `P10D` -> `PND`,
    `PRESENT_REF` stays as it is; an empty value is `(none)`.
    """
    if not value:
        return "(none)"
    shape = _DIGITS.sub("9", value)
    if shape.startswith("P"):
        shape = _DURATION_NUMBER.sub("N", shape)
    return shape


def _as_date(value: str) -> date | None:
    m = _FULL_DATE.match(value)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# "1990s" is a decade, not a year: the \b after the digits leaves it out.
_YEAR_IN_TEXT = re.compile(r"\b(1\d{3}|20\d{2})\b")
_GOLD_YEAR = re.compile(r"^(?:FY)?(\d{4})(?:-|T|$)")
_CALENDAR = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?=T|$)")
_HOUR_ONLY = re.compile(r"T(\d{2})$")
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")


def week_shift(gold_text: str, gold_value: str, sys_value: str) -> int:
    """+7 or -7 when a wrong weekday value is exactly a week from ours, else 0."""
    if not _WEEKDAY_NAME.search(gold_text):
        return 0
    gold, ours = _as_date(gold_value[:10]), _as_date(sys_value[:10])
    if gold is None or ours is None:
        return 0
    days = (ours - gold).days
    return days if days in (7, -7) else 0


def _contradicts_text(gold: str, text: str) -> str | None:
    """Why the gold value cannot be what its own text says, or None."""
    iv = timex.interval(gold)
    named = {m.lower() for m in _WEEKDAY_NAME.findall(text)}
    # One day named by weekday: a gold date on another weekday is wrong by the text.
    if (
        iv is not None
        and iv.first == iv.last
        and named
        and _WEEKDAYS[iv.first.weekday()] not in named
    ):
        return "weekday"
    years = set(_YEAR_IN_TEXT.findall(text))
    m = _GOLD_YEAR.match(gold)
    if m is not None and years and m.group(1) not in years:
        return "year"
    return None


def _not_iso(gold: str) -> bool:
    """Whether the gold value is not a well-formed TIMEX3 value.

    `timex.is_valid` rejects one-digit weeks (2000-W6) and unknown units (P1E)
    but takes an hour without minutes (T17) and does not check the calendar.
    """
    if not timex.is_valid(gold) or _HOUR_ONLY.search(gold):
        return True
    m = _CALENDAR.match(gold)
    if m is None:
        return False
    month, day = int(m.group(2)), m.group(3)
    return not 1 <= month <= 12 or (day is not None and _as_date(gold[:10]) is None)


def _as_iso(gold: str) -> str:
    """The gold value in the notation it meant: 2000-W6 -> 2000-W06, T17 -> T17:00."""
    return _HOUR_ONLY.sub(r"T\1:00", _SHORT_WEEK.sub(r"-W0\1", gold))


def _underspecified(gold: str, ours: str) -> bool:
    """Gold leaves X where ours gives a value within everything gold does fix.

    What gold fixes is what comes before its first X (1998-10-XX: October 1998);
    a gold with digits after an X (XXXX-WXX-1) is left alone. Ours must name a
    calendar interval wholly inside it: a week running into November is not
    "some day in October".
    """
    if gold.startswith("P") or "X" not in gold or "X" in ours:
        return False
    known, _, rest = gold.partition("X")
    if _DIGITS.search(rest):
        return False
    fixed = timex.interval(known.rstrip("-WQH"))
    mine = timex.interval(ours)
    return (
        fixed is not None
        and mine is not None
        and fixed.first <= mine.first <= mine.last <= fixed.last
    )


def gold_issue(gold: str, ours: str, gold_text: str) -> tuple[GoldIssue, str] | None:
    """The gold-side class of a wrong value and a detail, in order of certainty."""
    why = _contradicts_text(gold, gold_text)
    if why is not None:
        return "gold_contradicts_text", why
    if _not_iso(gold):
        return "gold_not_iso", "same as ours" if _as_iso(gold) == ours else ""
    if _underspecified(gold, ours):
        return "gold_underspecified", ""
    return None


def value_diagnosis(gold: str, ours: str, gold_text: str = "") -> str:
    issue = gold_issue(gold, ours, gold_text)
    if issue is not None:
        title, detail = GOLD_ISSUE_TITLES[issue[0]], issue[1]
        return f"{title} ({detail})" if detail else title
    if not ours:
        return "no value"
    if gold.startswith(ours):
        return "ours coarser"
    if ours.startswith(gold):
        return "ours finer"
    g, o = _as_date(gold), _as_date(ours)
    if g is not None and o is not None:
        days = (o - g).days
        if abs(days) <= 31:
            return f"off by {days:+d} days"
        if g.month == o.month and g.day == o.day:
            return f"off by {o.year - g.year:+d} years"
        return "other date"
    if value_shape(gold) == value_shape(ours):
        return "same shape"
    return "other shape"


def _text_key(text: str) -> str:
    return _DIGITS.sub("9", " ".join(text.lower().split()))


def extent_diagnosis(gold: str, ours: str) -> str:
    """How a relaxed match's extents differ: what ours adds or lacks."""
    gold_key, ours_key = _text_key(gold), _text_key(ours)
    if gold_key and gold_key in ours_key:
        i = ours_key.index(gold_key)
        left, right = ours_key[:i].strip(), ours_key[i + len(gold_key) :].strip()
        return "ours adds " + " ... ".join(repr(x) for x in (left, right) if x)
    if ours_key and ours_key in gold_key:
        i = gold_key.index(ours_key)
        left, right = gold_key[:i].strip(), gold_key[i + len(ours_key) :].strip()
        return "ours lacks " + " ... ".join(repr(x) for x in (left, right) if x)
    return "extents cross"
