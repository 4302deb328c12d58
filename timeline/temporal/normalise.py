"""From a candidate to its TIMEX3 value: the handler of its rule, or dateparser
for a spaCy entity no rule took.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import lru_cache

from timeline.temporal.absolute import (
    _h_century,
    _h_decade,
    _h_era_year,
    _h_holiday,
    _h_iso,
    _h_month,
    _h_month_day,
    _h_month_week,
    _h_month_weekday,
    _h_month_year,
    _h_nth_day,
    _h_numeric,
    _h_part_of_date,
    _h_season,
    _h_spelled_year,
    _h_this_time,
    _h_week_of,
    _h_year,
    _h_year_span,
)
from timeline.temporal.candidates import Candidate
from timeline.temporal.durations import (
    _h_duration,
    _h_duration_range,
    _h_ref,
    _h_set,
    _h_vague_duration,
)
from timeline.temporal.event_days import _h_event_day, _h_then
from timeline.temporal.periods import _h_fiscal, _h_period, _h_q_short, _h_quarter, _h_two_quarters
from timeline.temporal.reference import Context
from timeline.temporal.relative import (
    _h_ago,
    _h_anaphoric,
    _h_clock,
    _h_deictic_day,
    _h_part_of_day,
    _h_rel_unit,
    _h_weekday,
    _h_weekday_set,
    _h_weekend,
)
from timeline.temporal.values import _FULL_DATE, Value, _day_number
from timeline.temporal.vocabulary import MONTHS


def resolve(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """The TIMEX3 type and value of a candidate, or None if it is not one."""
    if cand.rule != "holiday" and _is_title(text, cand.start, cand.end):
        return None
    handler = _HANDLERS.get(cand.rule)
    try:
        if handler is None or cand.match is None:
            return _resolve_ner(cand, text, ctx)
        return handler(cand.match, cand, ctx)
    except OverflowError:  # "5000000 days ago": before the year 1 or after 9999, no value
        return None


# Words that are written in lower case unless they start a sentence or a title.
_COMMON_TIME_WORD = re.compile(
    r"\b(?:Week|Month|Year|Days|Minutes|Hours|Today|Tonight|Tomorrow|Yesterday|Noon"
    r"|Midnight|Now|Currently|Recently)\b"
)


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"`’”)]*\s+|\n\s*|[\"`“‘(]\s*)$")


def _is_title(text: str, start: int, end: int) -> bool:
    """A name that happens to hold a time word: ABC's "This Week", "60 Minutes",
    "High Noon", "VOA Today". A time word capitalised inside a sentence is one."""
    for m in _COMMON_TIME_WORD.finditer(text, start, end):
        if m.start() > start or not _SENTENCE_START.search(text[max(0, start - 4) : start]):
            return True
    return False


def _h_range_end(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    first = ctx.last_day
    day_n = _day_number(m["d"])
    if first is None or day_n <= first.day:
        return None
    try:
        day = first.replace(day=day_n)
    except ValueError:
        return None
    if m["y"]:
        return Value("DATE", day.isoformat(), sets_reference=True)
    return Value("DATE", day.isoformat(), relative=True, underspecified=f"XXXX-XX-{day_n:02d}")


def _h_range_start(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if c.partner is None:
        return None
    last = resolve(c.partner, ctx.text, ctx)
    if last is None or last.type != "DATE" or not _FULL_DATE.fullmatch(last.value):
        return None
    day_n = _day_number(m["d"])
    end = date.fromisoformat(last.value)
    if day_n >= end.day:
        return None
    under = last.underspecified and f"{last.underspecified[:-2]}{day_n:02d}"
    return replace(last, value=end.replace(day=day_n).isoformat(), underspecified=under)


_HANDLERS: dict[str, Callable[[re.Match[str], Candidate, Context], Value | None]] = {
    "iso": _h_iso,
    "numeric": _h_numeric,
    "month_day": _h_month_day,
    "part_of_date": _h_part_of_date,
    "day_month": _h_month_day,
    "week_of": _h_week_of,
    "month_year": _h_month_year,
    "month": _h_month,
    "fiscal": _h_fiscal,
    "quarter": _h_quarter,
    "quarter_adj": _h_quarter,
    "period": _h_period,
    "two_quarters": _h_two_quarters,
    "q_short": _h_q_short,
    "decade": _h_decade,
    "century": _h_century,
    "season": _h_season,
    "year": _h_year,
    "era_year": _h_era_year,
    "holiday": _h_holiday,
    "range_end": _h_range_end,
    "range_start": _h_range_start,
    "month_week": _h_month_week,
    "nth_day": _h_nth_day,
    "month_weekday": _h_month_weekday,
    "year_span": _h_year_span,
    "this_time": _h_this_time,
    "spelled_year": _h_spelled_year,
    "clock": _h_clock,
    "weekday": _h_weekday,
    "weekday_set": _h_weekday_set,
    "weekend": _h_weekend,
    "deictic_day": _h_deictic_day,
    "rel_unit": _h_rel_unit,
    "part_of_day": _h_part_of_day,
    "ago": _h_ago,
    "anaphoric": _h_anaphoric,
    "event_day": _h_event_day,
    "then": _h_then,
    "duration": _h_duration,
    "duration_range": _h_duration_range,
    "vague_duration": _h_vague_duration,
    "set": _h_set,
    "ref": _h_ref,
}


def _resolve_ner(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """A spaCy DATE/TIME entity our patterns did not take: absolute dates only."""
    span = text[cand.start : cand.end]
    if span.strip().isdigit():
        return None  # bare numbers are the year rule's to judge ("2014 troops")
    parsed = _dateparser_absolute(span.strip())
    if parsed is None:
        return None
    value, gran = parsed
    return Value("DATE", value, sets_reference=gran in ("day", "month"))


@lru_cache(maxsize=4096)
def _dateparser_absolute(span: str) -> tuple[str, str] | None:
    """Ask dateparser for an absolute date; only spans that carry a year qualify."""
    if not re.search(r"\b(1\d|20)\d\d\b", span) or len(span) > 40:
        return None
    import dateparser  # imported on demand: most documents never need it

    fixed = datetime(2000, 1, 1)
    result = dateparser.parse(
        span,
        languages=["en"],
        settings={"RELATIVE_BASE": fixed, "STRICT_PARSING": False, "RETURN_TIME_AS_PERIOD": True},
    )
    if result is None:
        return None
    period = "day"
    if not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b(1\d|20)\d\d\b", "", span)):
        period = "month" if any(mo in span.lower() for mo in MONTHS) else "year"
    if period == "year":
        return f"{result.year:04d}", "year"
    if period == "month":
        return f"{result.year:04d}-{result.month:02d}", "month"
    return result.date().isoformat(), "day"
