"""Normalisers of calendar dates: days, months, years, decades, centuries,
seasons and holidays, with or without their year.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from timeline.temporal.candidates import _RANGE_END, Candidate
from timeline.temporal.holidays import _holiday, _nth_weekday
from timeline.temporal.reference import (
    Context,
    _before,
    _month_day_year,
    _narrative_base,
    _nearest_year,
    _year_shift,
    _year_with_weekday,
    story_time,
)
from timeline.temporal.values import (
    Value,
    _add,
    _at,
    _day_number,
    _mod,
    _safe_date,
    _spelled_year,
    _year_of,
)
from timeline.temporal.vocabulary import (
    _MONTH_NAMES,
    _THROUGH,
    _YEAR,
    MONTHS,
    NUMBERS,
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    WEEKDAYS,
)


def _h_iso(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if m["H"]:
        return Value("TIME", f"{day.isoformat()}T{m['H']}:{m['M']}", sets_reference=True)
    return Value("DATE", day.isoformat(), sets_reference=True)


def _h_numeric(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    y = _year_of(m["y"] or m["y2"] or m["y3"], ctx.anchor)
    try:
        day = date(y, int(m["m"] or m["m2"] or m["m3"]), int(m["d"] or m["d2"] or m["d3"]))
    except ValueError:
        return None
    return Value("DATE", day.isoformat(), sets_reference=True)


def _h_month_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    day_n = _day_number(m["d"])
    if m["yrel"]:  # "31 December last year"
        year = _year_shift(ctx, m["yrel"])
        d = _safe_date(year, month, day_n)
        under = f"XXXX-{month:02d}-{day_n:02d}"
        return Value(
            "DATE", d.isoformat(), relative=True, sets_reference=True, underspecified=under
        )
    range_end = _RANGE_END.match(ctx.text, c.end)
    explicit = m["y"] or (range_end["y"] if range_end is not None else None)  # "Feb. 24-25, 2022"
    if explicit:
        try:
            d = date(int(explicit), month, day_n)
        except ValueError:
            return None
        value = d.isoformat()
        if m["part"] if "part" in m.groupdict() else None:
            return Value("TIME", f"{value}T{PARTS_OF_DAY[m['part'].lower()]}", sets_reference=True)
        return Value("DATE", value, sets_reference=True)
    year = _month_day_year(month, day_n, ctx, c.start, c.end)
    if m["wd"]:  # "Tuesday, 11 January": the nearby year in which the weekday fits
        year = _year_with_weekday(month, day_n, WEEKDAYS[m["wd"].lower()], ctx) or year
    try:
        d = date(year, month, day_n)
    except ValueError:
        return None
    value = d.isoformat()
    under = f"XXXX-{month:02d}-{day_n:02d}"
    part = m.groupdict().get("part")
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Value("TIME", f"{value}T{code}", relative=True, underspecified=f"{under}T{code}")
    return Value("DATE", value, relative=True, sets_reference=True, underspecified=under)


def _h_week_of(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[(m["mon"] or m["mon2"]).rstrip(".").lower()]
    day_n = _day_number(m["d"] or m["d2"])
    year = int(m["y"]) if m["y"] else _month_day_year(month, day_n, ctx, c.start, c.end)
    try:
        day = date(year, month, day_n)
    except ValueError:
        return None
    return Value("DATE", _at(day, "week"), relative=not m["y"], underspecified="XXXX-WXX")


def _h_month_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    if m["yrel"]:  # "June last year", "June of last year"
        year = _year_shift(ctx, m["yrel"])
        return Value(
            "DATE",
            f"{year:04d}-{month:02d}",
            mod=_mod(m["mod"]),
            relative=True,
            underspecified=f"XXXX-{month:02d}",
        )
    year = _year_of(m["y"], ctx.anchor)
    return Value("DATE", f"{year:04d}-{month:02d}", mod=_mod(m["mod"]), sets_reference=True)


_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.IGNORECASE)


# a common noun that the month modifies, not a preposition ("the March on Washington")
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|of|to|in|for|from|at|by|with|against|and|or|is|was|will|has)\b)[a-z]{3,}\b"
)


_MONTH_PREP_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|from|through|before|after|during|of|for|to|and|or|between)\s+$",
    re.IGNORECASE,
)


_MONTH_SPAN_YEAR = re.compile(
    rf"\s*(?:{_THROUGH}|and)\s*(?P<mon>{_MONTH_NAMES})(?!\w),?\s+(?P<y>{_YEAR})\b"
)


def _h_month(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    rel = (m["rel"] or "").lower()
    if (
        m["mon"] in ("March", "May")
        and not rel
        and not _MONTH_PREP_BEFORE.search(_before(c, ctx))
        and not (_DET_BEFORE.search(_before(c, ctx)) and _NOUN_AFTER.match(ctx.text, c.end))
    ):
        # "May" the modal or the name, "March" the verb or the noun; but "the
        # March accession", "its May issue" date a thing
        return None
    span_year = None if rel else _MONTH_SPAN_YEAR.match(ctx.text, c.end)
    if span_year is not None:  # "January-March 2021": the year at the span's end
        end_month = MONTHS[span_year["mon"].rstrip(".").lower()]
        year = int(span_year["y"]) - (month > end_month)
        return Value("DATE", f"{year:04d}-{month:02d}", sets_reference=True)
    base = ctx.anchor
    if rel == "last":  # "last February" said on March 1 is a year back (TimeBank)
        year = base.year if month < base.month - 1 else base.year - 1
    elif rel == "next":
        year = base.year if month > base.month else base.year + 1
    elif rel == "this":
        year = base.year
    else:
        year = _month_day_year(month, None, ctx, c.start, c.end)
    return Value(
        "DATE",
        f"{year:04d}-{month:02d}",
        mod=_mod(rel),
        relative=True,
        underspecified=f"XXXX-{month:02d}",
    )


def _h_decade(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["decw"]:  # "the nineties": of the century the text lives in
        tens = NUMBERS[m["decw"].lower()[:-3] + "y"]
        century = ctx.anchor.year // 100 * 100
        year = century + tens if century + tens <= ctx.anchor.year else century - 100 + tens
        return Value("DATE", f"{year // 10:03d}", mod=_mod(m["mod2"]))
    dec = m["dec"]
    year = _year_of(dec[1:], ctx.anchor) if dec.startswith("'") else int(dec)
    return Value("DATE", f"{year // 10:03d}", mod=_mod(m["mod"]))


def _h_century(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["turn"]:
        step = 1000 if m["turn"].lower() == "millennium" else 100
        if m["tn"]:  # "the turn of the 20th century": 1900
            return Value("DATE", f"{(int(m['tn']) - 1) * 100:04d}", mod="APPROX")
        # the turn last passed, or the next one in a clause about the future
        year = ctx.anchor.year // step * step
        if ctx.tense_of(c.start, c.end) == "future" and year < ctx.anchor.year:
            year += step
        return Value("DATE", f"{year:04d}", mod="APPROX", relative=True, underspecified="XXXX")
    if m["n"]:
        n = int(m["n"])
    else:
        n = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
            m["w"].lower()
        ]
    if m["bc"]:  # TIMEX3 writes the 4th century BC as BC03, as it writes the 4th AD as 03
        return Value("DATE", f"BC{n - 1:02d}", mod=_mod(m["mod"]))
    return Value("DATE", f"{n - 1:02d}", mod=_mod(m["mod"]))


def _h_season(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    code = SEASONS[m["s"].lower()]
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if m["y"]:
        return Value("DATE", f"{_year_of(m['y'], ctx.anchor):04d}-{code}", mod=_mod(rel))
    if not m["yrel"]:  # "the spring of last year" is a season whatever else
        if code == "FA" and re.match(r"\s+of\b", ctx.text[c.end : c.end + 4]):
            return None  # "the fall of the Wall"
        if code in ("FA", "SP") and not rel and not _SEASON_PREP_BEFORE.search(_before(c, ctx)):
            return None  # "prices fall", "spring into action": verbs, not seasons
    if rel in _STEP_SEASON:
        # "The next spring", "the previous winter": the first season of that name
        # after (before) the time the story has reached
        year = _season_step(code, ctx, _STEP_SEASON[rel])
        return Value("DATE", f"{year:04d}-{code}", relative=True, underspecified=f"XXXX-{code}")
    if (
        not m["yrel"]
        and rel in _STORY_SEASON
        and (rel == "that" or story_time(ctx, c.start) is not None)
    ):
        # "the summer", "that spring" in a story: the season nearest the time it has reached
        month, day = _SEASON_MIDDLE[code]
        if story_time(ctx, c.start) is not None:
            year = _nearest_year(lambda y: date(y, month, day), ctx, c.start, c.end)
        else:
            year = _narrative_base(ctx, "year").year
    else:
        year = _year_shift(ctx, m["yrel"] or rel)
    return Value(
        "DATE", f"{year:04d}-{code}", mod=_mod(rel), relative=True, underspecified=f"XXXX-{code}"
    )


# Seasons that a story places, not the anchor ("this summer" is the report's).
_STORY_SEASON = frozenset({"", "the", "that", "early", "late", "mid"})
# The day a season is nearest by: winter 1915 runs from December 1915.
_SEASON_MIDDLE = {"SP": (4, 15), "SU": (7, 15), "FA": (10, 15), "WI": (12, 31)}
_STEP_SEASON = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1}


def _season_step(code: str, ctx: Context, step: int) -> int:
    """The year of the season `code` next after (`step` 1) or last before (-1) the
    time the story has reached: a year the story named is passed whole ("In 1777
    ... the next spring" is 1778's)."""
    base = _narrative_base(ctx, "year")
    month, day = _SEASON_MIDDLE[code]
    if base is ctx.coarse_reference and ctx.coarse_granularity == "year":
        return base.year + step
    year = base.year
    if step > 0:
        return year if date(year, month, day) > base else year + 1
    return year if date(year, month, day) < base else year - 1


_SEASON_PREP_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|during|through|this|last|next|early|late|of)\s+$", re.IGNORECASE
)


def _h_spelled_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    year = _spelled_year(m["y"])
    return None if year is None else Value("DATE", f"{year:04d}", sets_reference=True)


def _h_month_week(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    ord_word = m["ord"].lower()
    year = int(m["y"]) if m["y"] else _month_day_year(month, None, ctx, c.start, c.end)
    # the ISO week holding the middle day of the month's n-th seven days
    if ord_word in ("last", "final"):
        day = _safe_date(year, month, 31) - timedelta(days=3)
    else:
        day = date(year, month, 4 + 7 * (ORDINALS[ord_word] - 1))
    return Value("DATE", _at(day, "week"), relative=not m["y"], underspecified="XXXX-WXX")


def _h_month_weekday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    wd, ord_word = WEEKDAYS[m["wd"].lower()], m["ord"].lower()
    if m["rel"]:
        rel = m["rel"].lower()
        base = _narrative_base(ctx, "month") if rel == "the" else ctx.anchor
        first = _add(date(base.year, base.month, 1), {"next": 1, "last": -1}.get(rel, 0), "month")
        day = _nth_weekday(
            first.year, first.month, wd, -1 if ord_word == "last" else ORDINALS[ord_word]
        )
        return Value("DATE", day.isoformat(), relative=True, underspecified="XXXX-XX-XX")
    month = MONTHS[m["mon"].rstrip(".").lower()]
    year = int(m["y"]) if m["y"] else _month_day_year(month, None, ctx, c.start, c.end)
    day = _nth_weekday(year, month, wd, -1 if ord_word == "last" else ORDINALS[ord_word])
    return Value("DATE", day.isoformat(), relative=not m["y"], underspecified="XXXX-XX-XX")


def _h_nth_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    day_n = _day_number(m["d"] or m["d2"])
    narrative = ctx.reference is not None and ctx.reference_from_text
    base = ctx.reference if narrative and ctx.reference is not None else ctx.anchor
    under = f"XXXX-XX-{day_n:02d}"
    span = 6 if m["wd"] else 1
    days = []
    for k in range(-span, span + 1):
        y, mo = divmod(base.month - 1 + k, 12)
        try:
            days.append(date(base.year + y, mo + 1, day_n))
        except ValueError:
            continue
    if m["wd"]:  # "Friday the 7th": the nearest month where the 7th is a Friday
        days = [d for d in days if d.isoweekday() == WEEKDAYS[m["wd"].lower()]]
    elif narrative:  # "On 3 March ... on the 12th": the month the story is in
        days = [d for d in days if d.month == base.month]
    else:
        tense = ctx.tense_of(c.start, c.end)
        if tense in ("future", "present"):
            days = [d for d in days if d >= base] or days
        elif tense in ("past", "past_act"):
            days = [d for d in days if d <= base] or days
    if not days:
        return None
    day = min(days, key=lambda d: abs((d - base).days))
    return Value("DATE", day.isoformat(), relative=True, sets_reference=True, underspecified=under)


def _h_year_span(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["y"]:
        return Value("DATE", m["y"], sets_reference=True)
    first = re.search(r"(\d{4})\s?[-–]\s?$", _before(c, ctx))
    if first is None or not re.fullmatch(_YEAR, first[1]):
        return None
    start, end = int(first[1]), m["y2"]
    year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
    if len(end) == 2 and year <= start:  # "1999-01": the next century
        year += 100
    return Value("DATE", f"{year:04d}", sets_reference=True) if 0 < year - start <= 10 else None


def _h_this_time(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    d = _add(ctx.anchor, 1 if m["rel"].lower() == "next" else -1, "year")
    return Value("DATE", _at(d, "month"), relative=True, underspecified="XXXX-XX")


def _h_holiday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    name = m["h"]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif rel:
        this_year = _holiday(name, ctx.anchor.year)
        year = ctx.anchor.year
        if rel == "last" and this_year >= ctx.anchor:
            year -= 1
        elif rel == "next" and this_year <= ctx.anchor:
            year += 1
    else:
        year = _nearest_year(lambda y: _holiday(name, y), ctx, c.start, c.end)
    day = _holiday(name, year)
    relative = not m["y"]
    if m["week"]:  # "Easter week", "the Thanksgiving weekend": the week that holds the day
        week = _at(day, "week")
        if m["week"].lower() == "weekend":
            return Value("DATE", f"{week}-WE", relative=relative, underspecified="XXXX-WXX-WE")
        return Value("DATE", week, relative=relative, underspecified="XXXX-WXX")
    other = _holiday(name, year + 1)
    fixed = (other.month, other.day) == (day.month, day.day)  # Christmas, not Easter
    under = f"XXXX-{day.month:02d}-{day.day:02d}" if fixed else "XXXX-XX-XX"
    return Value(
        "DATE",
        day.isoformat(),
        relative=relative,
        sets_reference=not relative,
        underspecified=under,
    )


def _h_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    year = int(m["y"])
    if not 1000 <= year <= 2099:
        return None
    return Value("DATE", f"{year:04d}", sets_reference=True)


def _h_part_of_date(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "the night of 14 May 1921", "the early morning hours of March 3": the day, and its part."""
    month = MONTHS[(m["mon"] or m["mon2"]).rstrip(".").lower()]
    day_n = _day_number(m["d"] or m["d2"])
    code = PARTS_OF_DAY[m["part"].lower()]
    if m["y"]:
        year = int(m["y"])
    else:
        year = _month_day_year(month, day_n, ctx, c.start, c.end)
        if m["wd"]:
            year = _year_with_weekday(month, day_n, WEEKDAYS[m["wd"].lower()], ctx) or year
    try:
        day = date(year, month, day_n)
    except ValueError:
        return None
    return Value(
        "TIME",
        f"{day.isoformat()}T{code}",
        relative=not m["y"],
        sets_reference=True,
        underspecified=f"XXXX-{month:02d}-{day_n:02d}T{code}",
    )


def _h_era_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "490 BC" is BC0490 (TIMEX3 has no year 0: 1 BC is BC0001); "AD 9" is 0009."""
    year = int(m["y"] or m["y0"] or m["ad"])
    if year == 0:
        return None
    value = f"BC{year:04d}" if m["bc"] or m["bc0"] else f"{year:04d}"
    if m["mon"]:
        value += f"-{MONTHS[m['mon'].rstrip('.').lower()]:02d}"
    elif m["s"]:
        value += f"-{SEASONS[m['s'].lower()]}"
    return Value("DATE", value, mod=_mod(m["mod"]), sets_reference=True)
