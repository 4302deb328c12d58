"""Reference time: what an expression counts from (the document's day, or the
last date the narrative reached), and the state that moves as the text is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

from timeline import timex
from timeline.event_dates import EventDates
from timeline.temporal.candidates import Candidate
from timeline.temporal.era import stand_in_year, to_stand_in
from timeline.temporal.tense import Tense
from timeline.temporal.values import _QUARTER, Value, _safe_date, _unit_key
from timeline.temporal.vocabulary import WEEKDAYS

CountedFrom = int | Literal["document"] | None


@dataclass(slots=True)
class Context:
    """What normalisation reads besides the expression itself."""

    text: str
    anchor: date  # the document's day, or a stand-in for it
    anchored: bool  # False when `anchor` is a stand-in
    reference: date | None = None  # the last date the narrative reached
    reference_from_text: bool = False
    last_day: date | None = None  # the day the previous expression named, for ranges
    coarse_reference: date | None = None  # the last day, month or year the narrative named
    # "1998-10" when the narrative last moved to a month, not a day: "that same
    # day" is then a day of that month ("1998-10-XX"), not the last day named.
    month_reached: str | None = None
    # The reporting period under discussion ("2013-Q3", "2013"): what "the
    # quarter" and "a year earlier" mean in a company's results.
    period: str | None = None
    tense_of: Callable[[int, int], Tense | None] = field(default=lambda s, e: None)
    # The dates given so far, for "the weeks before the shooting"; None while
    # candidates are only being tried (`find_candidates`' `viable`).
    events: EventDates | None = None
    # A story told far from the document's own day (a history saved decades
    # later), or a document without one: a month or day without a year takes the
    # year the story has reached, not the anchor's.
    narrative: bool = False
    # Where the expressions that set `reference` and `coarse_reference` start,
    # and whether the latter is a date the text gave (not one counted from the anchor).
    reference_at: int | None = None
    coarse_at: int | None = None
    coarse_from_text: bool = False
    coarse_granularity: str | None = None
    # What the expression being normalised counted from: the document's day, the
    # offset of an earlier expression, or nothing (an absolute date).
    counted_from: CountedFrom = None
    # The last week named ("next week"): where it starts and ends, and its Monday.
    # A weekday said with it is a day of that week ("next week, probably on Monday").
    week: tuple[int, int, date] | None = None


def _year_shift(ctx: Context, word: str) -> int:
    """The year "this", "last" or "next" names, counted from the anchor; "that"
    year is the one the narrative has reached ("October of that year", "January 24
    of the same year")."""
    if re.sub(r"\s+", " ", word.lower()) in ("that", "the same"):
        return _narrative_base(ctx, "year").year
    ctx.counted_from = "document"
    return ctx.anchor.year + {"last": -1, "next": 1}.get(word.lower(), 0)


# "a pact effective June 1", "resigned effective Friday": news announces what takes effect
_TAKES_EFFECT = re.compile(r"\beffective\s+(?:on\s+|from\s+|as\s+of\s+)?$", re.IGNORECASE)


# "next week, probably on Monday", "last week, on Tuesday and Wednesday": a weekday
# that a named week's phrase goes on to; "Monday or Tuesday next week": one that
# goes on to the week. Only commas, "on", "or", "and" and a hedge lie between.
_ON_TO_WEEKDAY = re.compile(
    r"^[\s,;(—–-]*(?:(?:probably|possibly|perhaps|likely|maybe|most\s+likely|either)\s+)?"
    r"(?:on\s+)?(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\s*,?\s*(?:or|and)\s+)?$",
    re.IGNORECASE,
)
_WEEK_AFTER = re.compile(
    r"\s*(?:(?:or|and)\s+(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+)?"
    r"(?:of\s+)?(?P<rel>next|this|last)\s+week\b",
    re.IGNORECASE,
)
_WEEK_SHIFT = {"next": 1, "this": 0, "last": -1}


def _in_named_week(wd: int, ctx: Context, start: int, end: int) -> date | None:
    """The day of a bare weekday said with a week the text names beside it."""
    if ctx.week is not None:
        w_start, w_end, monday = ctx.week
        between = ctx.text[w_end:start]
        if 0 <= start - w_end <= 40 and _ON_TO_WEEKDAY.match(between):
            ctx.counted_from = w_start
            return monday + timedelta(days=wd - 1)
    after = _WEEK_AFTER.match(ctx.text, end, min(len(ctx.text), end + 40))
    if after is not None:
        monday = ctx.anchor - timedelta(days=ctx.anchor.isoweekday() - 1)
        ctx.counted_from = "document"
        return monday + timedelta(days=7 * _WEEK_SHIFT[after["rel"].lower()] + wd - 1)
    return None


def _weekday_value(wd: int, ctx: Context, start: int, end: int, rel: str | None) -> date:
    """The day a weekday names: by its determiner, else by the week named beside it,
    else by the tense of its clause."""
    base = ctx.anchor
    ctx.counted_from = "document"
    rel = re.sub(r"\s+", " ", (rel or "").lower())
    if not rel and ctx.anchored:
        in_week = _in_named_week(wd, ctx, start, end)
        if in_week is not None:
            return in_week
    anaphoric = rel.startswith("the ")  # "the previous Friday": before the narrative's day
    if (anaphoric or not ctx.anchored) and ctx.reference is not None and ctx.reference_from_text:
        base = ctx.reference
        ctx.counted_from = ctx.reference_at
    rel = rel.removeprefix("the ")
    delta = wd - base.isoweekday()
    if rel == "next" and not anaphoric:  # "next Tuesday": the Tuesday of next week
        return base + timedelta(days=7 + delta)
    if rel in ("coming", "following", "next", "this coming"):
        return base + timedelta(days=(delta % 7) or 7)
    if rel in ("last", "past", "previous", "this past"):
        return base - timedelta(days=((-delta) % 7) or 7)
    if rel == "this":
        return base + timedelta(days=delta)
    tense = ctx.tense_of(start, end)
    if _TAKES_EFFECT.search(ctx.text, max(0, start - 20), start):
        tense = "future"
    if tense in ("future", "present"):
        # the nearest such day from today on: "will travel Thursday" said on a
        # Thursday is today; a week later would be "next Thursday"
        return base + timedelta(days=delta % 7)
    # past, or no verb: news reports the recent past
    return base - timedelta(days=(-delta) % 7)


def _month_day_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> int:
    """The year of a month (and day) written without one: by tense and nearness."""
    return _nearest_year(lambda y: _safe_date(y, month, day or 15), ctx, start, end)


def _nearest_year(day_in: Callable[[int], date], ctx: Context, start: int, end: int) -> int:
    """The year in which a yearless date (`day_in(year)`) lies nearest what it
    counts from: the time the story has reached (`story_time`), else the anchor.

    The tense of the clause rules out the far side of the anchor, but a
    past-tense clause often reports what is to come ("said the offer expires
    Nov. 17"), so a date up to two months ahead still counts as near (measured
    on TimeBank).
    """
    tense = ctx.tense_of(start, end)
    if _TAKES_EFFECT.search(ctx.text, max(0, start - 20), start):
        tense = "future"

    def fits(y: int) -> bool:  # the tense allows it, seen from the anchor
        distance = (day_in(y) - ctx.anchor).days
        if tense == "future":
            return distance >= -15
        if tense == "past":
            return distance <= 60
        return distance <= 0 if tense == "past_act" else True

    story = story_time(ctx, start)
    if story is not None:
        # "In November 1944 ... In February": the February nearest the story's time
        near = [y for y in (story.year - 1, story.year, story.year + 1) if 1 <= y <= 9999]
        # seen from the day of a news report the tense still rules ("will return in
        # November" is to come); from a download date decades on, it says nothing
        now = ctx.anchored and (not ctx.narrative or abs(story.year - ctx.anchor.year) <= 1)
        allowed = [y for y in near if not now or fits(y)]
        if allowed:
            ctx.counted_from = ctx.coarse_at
            if ctx.coarse_granularity in ("year", "season", "half") and story.year in allowed:
                # "In 1915 ... in August": August 1915, however far from January
                return story.year
            # nearest; about as near either way, a story moves on ("June 1941 ...
            # On December 7" is December 1941)
            return min(
                allowed, key=lambda y: abs((day_in(y) - story).days) - _AHEAD * (day_in(y) >= story)
            )
    base = ctx.reference if (ctx.reference is not None and ctx.reference_from_text) else ctx.anchor
    base = ctx.anchor if ctx.anchored else base
    ctx.counted_from = "document"
    candidates = [y for y in (base.year - 1, base.year, base.year + 1) if 1 <= y <= 9999]
    candidates = [y for y in candidates if fits(y)] or candidates
    return min(candidates, key=lambda y: abs((day_in(y) - base).days))


_AHEAD = 15  # days of nearness a date ahead of the story is given over one behind it


def story_time(ctx: Context, at: int) -> date | None:
    """The date a yearless expression at `at` takes its year from, when that is
    not the anchor: in a narrative document, the last date the text reached. A
    news story's background paragraph ("In 2011 ... In November") is not given
    the year it opens with: on TimeBank and AQUAINT that helped nothing and cost
    a value; an anaphoric expression ("the following year") still counts from it."""
    if ctx.coarse_reference is None or ctx.coarse_at is None or not ctx.coarse_from_text:
        return None
    return ctx.coarse_reference if ctx.narrative else None


def _year_with_weekday(month: int, day_n: int, wd: int, ctx: Context) -> int | None:
    """The year nearest the anchor in which `month`/`day_n` falls on weekday `wd`:
    the weekday written beside a date says which year it is better than tense."""
    if not ctx.anchored:
        return None
    fits = []
    for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2):
        try:
            d = date(y, month, day_n)
        except ValueError:
            continue
        if d.isoweekday() == wd:
            fits.append((abs((d - ctx.anchor).days), y))
    return min(fits)[1] if fits else None


def _narrative_base(ctx: Context, unit: str) -> date:
    """What an anaphoric expression counts from: the last date the narrative
    reached; for months and years, the last month or year it named too ("in May
    2009 ... the following month")."""
    if ctx.coarse_reference is not None and _unit_key(unit) in _COARSE_UNITS:
        ctx.counted_from = ctx.coarse_at if ctx.coarse_from_text else "document"
        return ctx.coarse_reference
    if ctx.reference is not None:
        ctx.counted_from = ctx.reference_at if ctx.reference_from_text else "document"
        return ctx.reference
    ctx.counted_from = "document"
    return ctx.anchor


_COARSE_UNITS = frozenset({"month", "quarter", "year", "decade", "century"})


def _before(c: Candidate, ctx: Context, width: int = 30) -> str:
    """The text just before a candidate, for the rules that read a preposition."""
    return ctx.text[max(0, c.start - width) : c.start]


def stand_in_anchor(text: str, candidates: Sequence[Candidate]) -> date:
    """A day to count from when the document's own day is unknown.

    Its weekday is that of the first weekday the text names (news leads name
    the day of the report), and it lies after every year the text names, so
    that relative events order after the dated past they refer to.
    """
    years = [int(m) for m in re.findall(r"\b(?:1[5-9]|20)\d\d\b", text)]
    year = max(years) + 1 if years else 2000
    wd = 1
    for c in candidates:
        if c.rule in ("weekday",) and c.match is not None and not c.match["rel"]:
            wd = WEEKDAYS[c.match["wd"].lower()]
            break
    d = date(min(year, 9998), 1, 1)
    return d + timedelta(days=(wd - d.isoweekday()) % 7)


_SCRATCH_DAY = date(2000, 1, 3)

# The rules whose matches may write out a year.
_YEAR_RULES = frozenset({"iso", "numeric", "month_day", "day_month", "month_year", "year"})
# A story is told far from its document's day when fewer than this share of the
# years it writes out lie within a year of that day, and it writes out at least
# `_STORY_YEARS` of them: a history saved decades later, not a news story that
# recalls a past year or two.
_NEAR_SHARE = 0.5
_STORY_YEARS = 5
# A news report that recalls history still speaks from its own day: "today",
# "Friday", "a decade ago", "last month". Histories saved decades later write
# such words about one for every twenty years they name (WikiWars), news
# reports about history one for every three or fewer (TimeBank, AQUAINT).
_DEICTIC_SHARE = 0.25
_DEICTIC_RELS = frozenset(
    {"", "last", "next", "this", "this past", "this coming", "past", "coming", "the past"}
    | {"the coming", "the current"}
)


def _deictic(c: Candidate) -> bool:
    """Whether a candidate counts from the day the text is written ("today",
    "Friday", "last month", "two years ago"), not from the story ("the next day")."""
    if c.match is None:
        return False
    groups = c.match.groupdict()
    if c.rule == "deictic_day":
        return True
    if c.rule in ("weekday", "weekend", "rel_unit"):
        return re.sub(r"\s+", " ", (groups.get("rel") or "").lower()) in _DEICTIC_RELS
    if c.rule == "ago":
        return (groups.get("dir") or "").lower().split()[-1:] in (["ago"], ["now"], ["hence"])
    return False


def is_narrative(candidates: Sequence[Candidate], anchor: date | None) -> bool:
    """Whether a document tells a story whose time is its own, not its anchor's."""
    if anchor is None:
        return True
    years = []
    for c in candidates:
        if c.rule in _YEAR_RULES and c.match is not None:
            groups = c.match.groupdict()
            y = groups.get("y") or groups.get("y2") or groups.get("y3")
            if y and len(y) == 4 and y.isdigit():
                years.append(int(y))
        elif c.rule == "era_year" and c.match is not None and (c.match["bc"] or c.match["bc0"]):
            years.append(stand_in_year(int(c.match["y"] or c.match["y0"])))
    if len(years) < _STORY_YEARS:
        return False
    if sum(map(_deictic, candidates)) >= _DEICTIC_SHARE * len(years):
        return False
    near = sum(abs(y - anchor.year) <= 1 for y in years)
    return near < _NEAR_SHARE * len(years)


def _earlier_quarter(value: str, period: str | None) -> bool:
    """Whether quarter `value` comes before the quarter under discussion: a results
    story reports its latest quarter and names earlier ones only to compare
    ("after a flat second quarter")."""
    if period is None or not (_QUARTER.fullmatch(value) and _QUARTER.fullmatch(period)):
        return False
    return value < period


def _advance(ctx: Context, val: Value, at: int, end: int | None = None) -> None:
    """Move the narrative on past an expression just read, at `at` (to `end`)."""
    iv = timex.interval(to_stand_in(val.value)) if val.type in ("DATE", "TIME") else None
    granularity = iv.granularity if iv is not None else None
    ctx.last_day = iv.first if iv is not None and granularity == "day" else None
    if iv is not None and granularity == "week" and end is not None:
        ctx.week = (at, end, iv.first)
    if val.sets_period and not _earlier_quarter(val.value, ctx.period):
        ctx.period = val.value if val.type == "DATE" else f"{ctx.anchor.year:04d}"
    if iv is None:
        return
    moves = val.sets_reference or val.relative
    # counted from the text, or given outright: a date the story has reached
    from_text = not val.relative or ctx.anchored or isinstance(ctx.counted_from, int)
    if ctx.narrative and val.relative and not isinstance(ctx.counted_from, int):
        return  # counted from a download date (or none): no time the story has reached
    if granularity in ("day", "time") and moves:
        ctx.reference = iv.first
        ctx.reference_from_text = from_text
        ctx.reference_at = at
        ctx.month_reached = None
    elif granularity == "month" and moves:
        ctx.month_reached = f"{iv.first.year:04d}-{iv.first.month:02d}"
    if _names_another_time(ctx, granularity, iv.first.year, at, end):
        return
    if (
        (granularity in ("day", "time", "month") and moves)
        or (granularity == "year" and val.sets_reference)
        # "By the spring of 1915, ... in May": a season the story gives its year
        or (ctx.narrative and granularity in ("season", "half") and not val.relative)
    ):
        ctx.coarse_reference = iv.first
        ctx.coarse_granularity = granularity
        ctx.coarse_at = at
        ctx.coarse_from_text = from_text


def _names_another_time(
    ctx: Context, granularity: str | None, year: int, at: int, end: int | None
) -> bool:
    """Whether a month or year (of `year`) read at `at` names a time other than
    the one the story has reached, so that it moves the story's year nowhere."""
    if granularity not in ("month", "year"):
        return False
    if _BOUND_BEFORE.search(ctx.text, max(0, at - 60), at):
        return True  # "arrested in several states since 1990": a bound
    if not ctx.narrative:
        return False
    if granularity == "year" and ctx.text[at - 1 : at] == "(":
        return True  # "the Civil Constitution of the Clergy (1790)": an aside
    if end is not None and ctx.tense_of(at, end) == "future":
        # "On 10 March 1975 ... exposed for a campaign planned in 1976 ... on 11
        # March": a time the story looks ahead to is not one it has reached
        return True
    # "On December 7, ... 1941 ... In January": a year-only mention of the year the
    # story is in keeps it on its day
    return (
        granularity == "year"
        and ctx.coarse_reference is not None
        and ctx.coarse_granularity in ("day", "time", "month")
        and ctx.coarse_reference.year == year
    )


# A year or month after these bounds a stretch ("since 1990", "until 1945", "before
# 1914"): the story is not told from it, so it gives later yearless dates no year.
# "until the fall of Budapest in February 1945" bounds a stretch as well.
_BOUND_BEFORE = re.compile(
    r"\b(?:since|until|till|before)\s+(?:the\s+)?(?:end\s+of\s+)?"
    r"(?:(?:[\w'’-]+\s+){1,5}?(?:in|of)\s+)?$",
    re.IGNORECASE,
)
