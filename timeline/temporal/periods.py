"""Normalisers of reporting periods: quarters, halves, fiscal years, and the
period a company's results speak of.
"""

from __future__ import annotations

import re
from datetime import timedelta

from timeline.temporal.candidates import Candidate
from timeline.temporal.reference import (
    Context,
    _before,
    _month_day_year,
    _narrative_base,
    _year_shift,
    story_time,
)
from timeline.temporal.values import (
    Value,
    _at,
    _day_number,
    _last_quarter,
    _quarter_value,
    _safe_date,
    _shift_period,
    _unit_under,
    _year_of,
)
from timeline.temporal.vocabulary import _DAY, _MONTH_NAMES, _YEAR, MONTHS, ORDINALS


def _h_fiscal(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    # TimeBank writes a fiscal year as the year that names it ("fiscal 1989" ->
    # 1989), not as TimeML's FY1989: where a fiscal year starts differs by company.
    y = m["y"] or m["y2"]
    return Value("DATE", f"{_year_of(y, ctx.anchor):04d}")


def _h_quarter(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    ord_word = m["ord"].lower()
    code = "Q" if m["unit"].lower() == "quarter" else "H"
    if ord_word == "last" and not m.group().lower().startswith("the"):
        return None  # "last quarter" is the one before this; "the last half" is the second
    n = (
        (4 if code == "Q" else 2)
        if ord_word in ("final", "last")
        else ORDINALS.get(ord_word) or int(ord_word[0])
    )
    if code == "H" and n > 2:
        return None
    groups = m.groupdict()
    if groups.get("dec"):  # "the last half of the '80s": the decade, early or late
        if code != "H":
            return None
        dec = groups["dec"]
        year = _year_of(dec[1:], ctx.anchor) if dec.startswith("'") else int(dec)
        return Value("DATE", f"{year // 10:03d}", mod="START" if n == 1 else "END")
    mods = (m["mods"] or "").lower()
    back = 1 if "year-" in mods else 0  # the year-ago third quarter
    year_rel = (groups.get("yrel") or groups.get("yrel2") or "").lower()
    explicit = groups.get("y") or groups.get("py")
    if explicit:
        value = f"{int(explicit):04d}-{code}{n}"
        # a quarter still to come is forecast, not reported
        over = code == "H" or (int(explicit), n) <= _last_quarter(ctx.anchor)
        return Value("DATE", value, sets_period=over)
    year = _year_shift(ctx, year_rel) if year_rel else _quarter_year(n, code, ctx, c)
    return Value(
        "DATE",
        f"{year - back:04d}-{code}{n}",
        relative=True,
        underspecified=f"XXXX-{code}{n}",
        # only a quarter that is over can be the one whose results are told
        sets_period=not back and code == "Q" and (year, n) <= _last_quarter(ctx.anchor),
    )


def _quarter_year(n: int, code: str, ctx: Context, c: Candidate) -> int:
    """The year of a quarter or half named without one, as a company report means it.

    A quarter that has not begun at the anchor is last year's unless the clause
    looks ahead ("the fourth quarter" in a January report); one under way is
    this year's.
    """
    base = ctx.anchor
    months = 3 if code == "Q" else 6
    first_month = (n - 1) * months + 1
    tense = ctx.tense_of(c.start, c.end)
    if first_month > base.month:
        return base.year if tense == "future" else base.year - 1
    return base.year


def _h_period(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """The reporting period a company's results speak of, and its year-ago twin."""
    if m["end"]:
        if re.search(r"\bsince\s+$", _before(c, ctx), re.IGNORECASE):
            # "rose 5% since year-end": from the close of the last year, a day
            year = ctx.anchor.year - 1
            return Value("DATE", f"{year:04d}-12-31", relative=True, underspecified="XXXX-12-31")
        # "by year-end" is "by the end of the year": the year, mod END (TimeML)
        year = ctx.anchor.year
        return Value("DATE", f"{year:04d}", mod="END", relative=True, underspecified="XXXX")
    if m["midyear"]:  # "by mid-year": the middle of the year of the report
        year = ctx.anchor.year
        return Value("DATE", f"{year:04d}", mod="MID", relative=True, underspecified="XXXX")
    if m["adj"]:  # "a year-earlier loss", "the year-ago results"
        period = ctx.period or f"{ctx.anchor.year:04d}"
        return Value("DATE", _shift_period(period, -1), relative=True, underspecified="XXXX")
    det = (m["det"] or "").lower()
    mods = re.sub(r"[\s-]+", " ", (m["mods"] or m["mods2"] or "").lower())
    unit = m["unit"].lower()
    if m["yrel"]:  # "last year's quarter": the quarter under discussion, a year back
        y, q = _last_quarter(ctx.anchor)
        under_discussion = ctx.period if ctx.period and "-Q" in ctx.period else f"{y:04d}-Q{q}"
        shift = {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return Value(
            "DATE",
            _shift_period(under_discussion, shift),
            relative=True,
            underspecified="XXXX-QX",
        )
    back = bool(re.search(r"\byear (?:ago|earlier)\b|corresponding|comparable", mods) or m["ago"])
    explicit = re.search(r"\d{4}", mods)
    if unit in ("week", "month"):  # "for the week, the index fell": the week of the report
        if det != "the" or mods:
            return None
        # in a story, "by the end of the month" is the month the story has reached
        base = _narrative_base(ctx, unit) if ctx.narrative else ctx.anchor
        return Value("DATE", _at(base, unit), relative=True, underspecified=_unit_under(unit))
    if unit.endswith("year"):
        if m["ended"] is not None:
            return Value("DURATION", "P1Y")  # "for the year ended Sept. 30": its length
        if explicit or det in ("last", "next", "this") or (not det and "fiscal" not in mods):
            return None  # "1988 year", "last year" (rel_unit), "year-end"
        if "latest" in mods or "previous" in mods or "prior" in mods:
            # "the latest fiscal year": the last one closed
            return Value("DATE", f"{ctx.anchor.year - 1:04d}", relative=True, underspecified="XXXX")
        if ctx.narrative and det == "the" and not mods:  # "the end of the year" in a story
            year = _narrative_base(ctx, "year").year
            return Value("DATE", f"{year:04d}", relative=True, underspecified="XXXX")
        year = ctx.anchor.year - back
        return Value("DATE", f"{year:04d}", relative=True, underspecified="XXXX", sets_period=True)
    # a quarter or a period
    ctx_quarter = ctx.period if ctx.period and "-Q" in ctx.period else None
    if unit == "period" and ctx.narrative and not ctx_quarter:
        # "During this period" in a history is a stretch of the story, not a
        # company's quarter: the year the story has reached, if it named one
        if det not in ("this", "the") or mods or story_time(ctx, c.start) is None:
            return Value("DATE", "XXXX")  # a stretch of the story, not placed
        year = _narrative_base(ctx, "year").year
        return Value("DATE", f"{year:04d}", relative=True, underspecified="XXXX")
    if det == "this" and ctx_quarter and ctx.tense_of(c.start, c.end) != "future":
        current = ctx_quarter  # "this quarter's loss" in a report on the quarter
    elif unit == "quarter" and not ctx_quarter and (closing := _quarter_closing(m, c, ctx)):
        # "the quarter ended July 31", no quarter named yet: the one it mostly spans
        current = closing
    elif det == "this" or "current" in mods:
        y, q = ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1
        current = f"{y:04d}-Q{q}"
    elif det in ("last", "next") or "previous" in mods or "prior" in mods:
        y, q = _last_quarter(ctx.anchor)
        if det == "next":
            y, q = (y, q + 2) if q <= 2 else (y + 1, q - 2)
        current = f"{y:04d}-Q{q}"
    elif ctx_quarter and not ("latest" in mods and ctx_quarter > _quarter_value(ctx.anchor)):
        current = ctx_quarter
    elif unit == "period" and not ("latest" in mods or back or explicit):
        return None  # "the period" with no period under discussion
    else:
        y, q = _last_quarter(ctx.anchor)
        current = f"{y:04d}-Q{q}"
    if explicit:
        value = explicit.group() + (current[4:] if unit == "quarter" or ctx_quarter else "")
        return Value("DATE", value)
    if back:
        return Value("DATE", _shift_period(current, -1), relative=True, underspecified="XXXX-QX")
    return Value("DATE", current, relative=True, underspecified="XXXX-QX", sets_period=True)


_ENDED_ON = re.compile(
    rf"\s+(?:ended|ending)\s+(?:on\s+)?(?P<mon>{_MONTH_NAMES})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"
)


def _quarter_closing(m: re.Match[str], c: Candidate, ctx: Context) -> str | None:
    """The calendar quarter of a company's quarter named by the day it ended: the
    quarter that holds its middle, 45 days back ("ended July 31" is mostly Q2)."""
    if m["ended"] is None:
        return None
    end = _ENDED_ON.match(ctx.text, c.end)
    if end is None:
        return None
    month = MONTHS[end["mon"].rstrip(".").lower()]
    day_n = _day_number(end["d"])
    year = int(end["y"]) if end["y"] else _month_day_year(month, day_n, ctx, c.start, c.end)
    middle = _safe_date(year, month, day_n) - timedelta(days=45)
    return f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"


def _h_two_quarters(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    half = 1 if m["which"].lower() == "first" else 2
    return Value("DATE", f"{int(m['y']):04d}-H{half}")


def _h_q_short(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    q = m["q"][1]
    if m["y"]:
        return Value("DATE", f"{m['y']}-Q{q}")
    return Value("DATE", f"{ctx.anchor.year:04d}-Q{q}", relative=True, underspecified=f"XXXX-Q{q}")
