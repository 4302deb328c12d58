"""Normalisers of deictic and anaphoric expressions: weekdays, today and
tomorrow, clock times, parts of the day, "last week", "two days later".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.temporal.candidates import Candidate
from timeline.temporal.reference import (
    Context,
    _before,
    _month_day_year,
    _narrative_base,
    _weekday_value,
    story_time,
)
from timeline.temporal.values import (
    Value,
    _add,
    _at,
    _day_number,
    _day_of,
    _duration,
    _num,
    _shift_period,
    _unit_key,
    _unit_under,
)
from timeline.temporal.vocabulary import MONTHS, PARTS_OF_DAY, WEEKDAYS


def _clock_value(clock: str) -> str | None:
    t = clock.lower().strip()
    t = re.sub(r"\s+(?:[ecmp][sd]t|gmt|utc)$", "", t)
    if t == "noon":
        return "12:00"
    if t == "midnight":
        return "00:00"
    spoken = re.match(r"(\d{1,2})(?:\s+o'clock)?\s+(in the (\w+)|at night)$", t)
    if spoken:  # "4 in the morning", "9 at night"
        t = spoken[1] + (" am" if spoken[3] == "morning" else " pm")
    m = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$", t)
    if not m:
        return None
    h, mi, ap = int(m[1]), int(m[2] or 0), m[3]
    if ap == "p" and h < 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    if h > 23:
        return None
    return f"{h:02d}:{mi:02d}"


def _deictic_day(word: str, ctx: Context) -> date:
    w = word.lower()
    return ctx.anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))


def _h_clock(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    hm = _clock_value(m["clock"])
    if hm is None:
        return None
    if m.group().lower() == "noon" and re.search(r"\bhigh\s+$", _before(c, ctx), re.IGNORECASE):
        return None  # "high noon comes today": the hour of decision, an idiom
    wd = m["wd1"] or m["wd2"]
    if m["mon"] or m["mon2"]:  # "5 p.m. EST Nov. 9", "midnight on 15 February"
        month = MONTHS.get((m["mon"] or m["mon2"]).rstrip(".").lower())
        day_n = _day_number(m["d"] or m["d2"])
        if month is None:
            return None
        y = m["y"] or m["y2"]
        # the tense of the date's own phrase ("came into force at midnight on Feb. 15")
        lo = min(m.start(g) for g in ("mon", "d", "mon2", "d2") if m[g])
        year = int(y) if y else _month_day_year(month, day_n, ctx, lo, c.end)
        try:
            day = date(year, month, day_n)
        except ValueError:
            return None
    elif wd and wd.lower() in WEEKDAYS:
        day = _weekday_value(WEEKDAYS[wd.lower()], ctx, c.start, c.end, None)
    elif wd:
        day = _deictic_day(wd, ctx)
    else:
        # "was shot to death at 10 p.m.": the day of the shooting, if the text
        # dated it; else the day the narrative has reached
        event = ctx.events.date_of_event_before(c.start) if ctx.events is not None else None
        event_day = _day_of(event.value) if event is not None else None
        if event is not None and event_day is not None:
            ctx.counted_from = event.start
            return Value("TIME", f"{event_day.isoformat()}T{hm}")
        day = ctx.reference if ctx.reference is not None else ctx.anchor
    if m["y"] or m["y2"]:
        return Value("TIME", f"{day.isoformat()}T{hm}", sets_reference=True)
    return Value(
        "TIME",
        f"{day.isoformat()}T{hm}",
        relative=True,
        underspecified=f"XXXX-XX-XXT{hm}",
        day_open=not (m["mon"] or m["mon2"] or wd),
    )


def _h_weekday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = m.groupdict().get("rel")
    day = _weekday_value(wd, ctx, c.start, c.end, rel)
    part = m.groupdict().get("part")
    under = f"XXXX-WXX-{wd}"
    if part and part.lower() != "night":
        code = PARTS_OF_DAY[part.lower()]
        return Value(
            "TIME", f"{day.isoformat()}T{code}", relative=True, underspecified=f"{under}T{code}"
        )
    # "Saturday night" runs past midnight: TimeBank's annotators mostly write
    # the day it belongs to (a corpus convention, not TimeML's TNI)
    return Value("DATE", day.isoformat(), relative=True, underspecified=under)


def _h_weekday_set(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    value = f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}"
    if m["part"]:
        value += "T" + PARTS_OF_DAY[m["part"].lower()[:-1]]
    return Value("SET", value)


def _h_weekend(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = m["rel"].lower()
    d = ctx.anchor
    if rel == "the":
        # "over the weekend": the nearest one the clause's tense allows; a
        # report from a weekday looks back to the last one, ahead to the next
        weekday = d.isoweekday() < 6
        tense = ctx.tense_of(c.start, c.end)
        if weekday and tense != "future":
            d -= timedelta(weeks=1)
    elif "last" in rel or "past" in rel:
        d -= timedelta(weeks=1)
    elif "next" in rel or "coming" in rel:
        d += timedelta(weeks=1)
    return Value("DATE", _at(d, "weekend"), relative=True, underspecified="XXXX-WXX-WE")


# "today's youth", "in today's world", "many of today's personal computers": the
# present age; "today's session", "today's editions" are the day itself.
_PRESENT_AGE = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:youth|young|world|society|societies|generations?|children|kids"
    r"|teenagers|students|families|parents|women|men|people|consumers|economy|markets?"
    r"|standards|culture|technology|computers|cars|politics|politicians|media|military"
    r"|environment|climate|times|age|era)\b",
    re.IGNORECASE,
)


def _h_deictic_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    word = (m["w"] or "").lower()
    if word == "today" and _PRESENT_AGE.match(ctx.text, c.end):
        return None  # "today's youth": the present age, which TimeBank leaves out
    if word == "tomorrow" and re.search(r"[a-z]+\s+of\s+$", _before(c, ctx)):
        return None  # "the people of tomorrow", "the cities of tomorrow": the future, no day
    part = m["part"] or m["part2"]
    if m["w2"]:
        day = ctx.anchor - timedelta(days=1) if m["w2"].lower() == "last" else ctx.anchor
    elif word == "tonight":
        return Value(
            "TIME", f"{ctx.anchor.isoformat()}TNI", relative=True, underspecified="XXXX-XX-XXTNI"
        )
    else:
        day = _deictic_day(word, ctx)
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Value(
            "TIME", f"{day.isoformat()}T{code}", relative=True, underspecified=f"XXXX-XX-XXT{code}"
        )
    return Value("DATE", day.isoformat(), relative=True, underspecified="XXXX-XX-XX")


def _h_part_of_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    part = (m["part"] or m["part2"] or m["part3"]).lower()
    if part == "afternoon" and not (m["mid"] or m["the"]):
        return None  # "the afternoon" alone is left to the day it belongs to
    if m["w"]:
        day = _deictic_day(m["w"], ctx)
    elif part == "overnight" and ctx.tense_of(c.start, c.end) != "future":
        # "overnight losses": the night before the day the narrative is on
        today = ctx.reference if ctx.reference is not None and ctx.reference_from_text else None
        day = (today or ctx.anchor) - timedelta(days=1)
    else:
        day = ctx.reference if ctx.reference is not None else ctx.anchor
    value = "T12:00" if part == "midday" else f"T{PARTS_OF_DAY[part]}"
    mod = "MID" if m["mid"] else None
    return Value(
        "TIME",
        f"{day.isoformat()}{value}",
        mod=mod,
        relative=True,
        underspecified=f"XXXX-XX-XX{value}",
        day_open=m["part3"] is not None,  # "at dawn on Thursday"
    )


# Prepositions that make "the next year" the stretch it lasts, not the year after.
_STRETCH_BEFORE = re.compile(r"\b(?:for|during|throughout|within|over)\s+$", re.IGNORECASE)
_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)


def _next_is_stretch(c: Candidate, ctx: Context, unit: str) -> bool:
    """Whether "the next year" lasts a year rather than names the year after: after
    "for", "over"; after "in" when the story is at the writer's own time ("troops
    will leave in the next decade" is within ten years of the report), not at a
    time long past ("In May 1776 ... in the next year")."""
    before = _before(c, ctx)
    if _STRETCH_BEFORE.search(before):
        return True
    if not _IN_BEFORE.search(before):
        return False
    return abs(_narrative_base(ctx, unit).year - ctx.anchor.year) <= 1


def _h_rel_unit(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if (
        rel == "the coming"
        or (rel == "the next" and _next_is_stretch(c, ctx, unit))
        or (rel in ("the past", "the last") and unit in ("decade", "century"))
    ):
        # "in the coming week", "fighting continued for the next year", "the past
        # decade": a stretch of time; "The next year, Necker was recalled" is a date
        return Value("DURATION", _duration(1, unit), relative=False)
    if rel in ("the same", "that"):
        base = _narrative_base(ctx, unit)
        return Value(
            "DATE",
            _at(base, unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    if rel in ("the following", "the next", "the previous", "the preceding", "the prior"):
        base = _narrative_base(ctx, unit)
        step = 1 if rel in ("the following", "the next") else -1
        return Value(
            "DATE",
            _at(_add(base, step, unit), unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    if (
        rel == "this"
        and unit in ("month", "year")
        and story_time(ctx, c.start) is not None
        and not (ctx.anchored and ctx.tense_of(c.start, c.end) in ("present", "future"))
    ):
        # "Another major event of this year was ..." in a history: the year the
        # story is in; "this year alone, Iraq accounts for" is the writer's
        base = _narrative_base(ctx, unit)
        return Value("DATE", _at(base, unit), relative=True, underspecified=_unit_under(unit))
    # "the past year" is, for TimeBank, last year
    step = {"last": -1, "the past": -1, "the last": -1, "next": 1}.get(rel, 0)
    return Value(
        "DATE",
        _at(_add(ctx.anchor, step, unit), unit),
        relative=True,
        underspecified=_unit_under(unit),
    )


def _h_ago(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    n = _num(m["n"])
    unit = m["unit"]
    direction = m["dir"].lower()
    if direction == "since":
        return Value("DURATION", _duration(n, unit))
    if n is None or n != int(n):
        u = _unit_key(unit)
        if direction in ("ago", "earlier", "before", "previously"):
            return Value("DATE", "PAST_REF")
        if direction in ("later", "after") and u:
            # "a few days later" counts from the narrative, which may itself be
            # past: TimeML measures the offset rather than guess a date
            return Value("DURATION", _duration(None, unit))
        return Value("DATE", "FUTURE_REF") if u else None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    mod = None
    if m.groupdict().get("n0"):
        # "two to three weeks ago": at least the nearer, as a duration range is at
        # least the shorter ("two to three weeks", P2W)
        low = _num(m["n0"])
        if low is None or low != int(low) or not low < n:
            return None
        n, mod = low, "ON_OR_BEFORE" if sign < 0 else "ON_OR_AFTER"
    if _unit_key(unit) == "year" and ctx.period and "-Q" in ctx.period:
        # results "a year earlier" are those of the same quarter a year before
        return Value(
            "DATE",
            _shift_period(ctx.period, sign * int(n)),
            relative=True,
            underspecified="XXXX-QX",
        )
    deictic = direction in ("ago", "from now", "hence")
    base = ctx.anchor if deictic else _narrative_base(ctx, unit)
    target = _add(base, sign * int(n), unit)
    u = _unit_key(unit)
    if u in ("hour", "minute", "second"):
        return Value(
            "DATE", target.isoformat(), mod=mod, relative=True, underspecified="XXXX-XX-XX"
        )
    return Value(
        "DATE",
        _at(target, unit),
        mod=mod,
        relative=deictic or not ctx.reference_from_text,
        underspecified=_unit_under(unit),
    )


def _day_of_month_reached(ctx: Context, relative: bool) -> Value:
    """Some day of the month the story last moved to, counted from where it named it."""
    if ctx.coarse_granularity == "month" and ctx.coarse_at is not None and ctx.coarse_from_text:
        ctx.counted_from = ctx.coarse_at
    return Value("DATE", f"{ctx.month_reached}-XX", relative=relative)


def _h_anaphoric(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    relative = not (ctx.reference_from_text and ctx.reference is not None)
    if m["rel"]:
        rel, unit = m["rel"].lower(), m["unit"].lower()
        step = 1 if rel in ("next", "following") else -1
    elif m["unit2"]:
        unit, d = m["unit2"].lower(), m["dir"].lower()
        step = 1 if d in ("after", "later") else -1
    else:
        unit, step = m["unit3"].lower(), 0
        if unit == "day" and ctx.month_reached is not None:
            # "killed last October ... crossed out that same day": a day of that month
            return _day_of_month_reached(ctx, relative)
    if unit == "day" and ctx.month_reached is not None and ctx.coarse_granularity == "month":
        # "In August 1944 ... the next day": a day of that month, not one after the
        # anchor or after a day named before the month
        return _day_of_month_reached(ctx, relative)
    base = _narrative_base(ctx, unit)
    if unit in ("morning", "evening", "night", "afternoon"):
        day = base + timedelta(days=step)
        code = PARTS_OF_DAY[unit]
        return Value(
            "TIME",
            f"{day.isoformat()}T{code}",
            relative=relative,
            underspecified=f"XXXX-XX-XXT{code}",
        )
    return Value(
        "DATE",
        _at(_add(base, step, unit), unit),
        relative=relative,
        underspecified=_unit_under(unit),
    )
