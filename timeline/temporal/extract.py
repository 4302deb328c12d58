"""The driver: candidates, then values in document order, the narrative moving
on after each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, partial

from timeline import timex, work
from timeline.event_dates import EventDates, sentence_end
from timeline.models import TimeExpression
from timeline.temporal.candidates import Candidate, find_candidates
from timeline.temporal.era import from_stand_in
from timeline.temporal.normalise import resolve
from timeline.temporal.quotes import Quotes
from timeline.temporal.reference import (
    _SCRATCH_DAY,
    Context,
    CountedFrom,
    _advance,
    is_narrative,
    stand_in_anchor,
)
from timeline.temporal.tense import Tense
from timeline.temporal.values import _FULL_DATE, Value
from timeline.temporal.vocabulary import _THROUGH, WEEKDAYS

# "the day before last Tuesday's hearing", "the day after Christmas"
_DAY_SHIFT = re.compile(r"\b(?:[Tt]he\s+)?day\s+(?P<dir>before|after)\s+$")


def _day_shift(text: str, cand: Candidate, val: Value) -> Value:
    """A day named as the one before or after another: the expression takes in
    "the day before" (TimeML's extent) and the value moves by a day."""
    if val.type != "DATE" or not _FULL_DATE.fullmatch(val.value):
        return val
    window = max(0, cand.start - 20)
    m = _DAY_SHIFT.search(text, window, cand.start)
    if m is None:
        return val
    cand.start = m.start()
    step = 1 if m["dir"] == "after" else -1
    day = date.fromisoformat(val.value) + timedelta(days=step)
    under = val.underspecified
    if under and (wd := re.fullmatch(r"XXXX-WXX-([1-7])", under)):  # the day before Tuesday
        under = f"XXXX-WXX-{(int(wd[1]) - 1 + step) % 7 + 1}"
    elif under and (md := re.fullmatch(r"XXXX-(\d\d)-(\d\d)", under)):  # before Christmas
        d = date(2001, int(md[1]), int(md[2])) + timedelta(days=step)  # a year without Feb 29
        under = f"XXXX-{d.month:02d}-{d.day:02d}"
    elif under:
        under = "XXXX-XX-XX"
    return replace(val, value=day.isoformat(), underspecified=under)


def _cached(tense_of: Callable[[int, int], Tense | None]) -> Callable[[int, int], Tense | None]:
    memo: dict[tuple[int, int], Tense | None] = {}

    def cached(start: int, end: int) -> Tense | None:
        key = (start, end)
        if key not in memo:
            memo[key] = tense_of(start, end)
        return memo[key]

    return cached


def extract(
    text: str,
    anchor: date | None,
    *,
    entities: Iterable[tuple[int, int, str]] = (),
    tense_of: Callable[[int, int], Tense | None] | None = None,
) -> list[TimeExpression]:
    """All temporal expressions in `text`, normalised against `anchor`.

    `entities` are extra candidate spans (spaCy's DATE/TIME entities);
    `tense_of(start, end)` gives the tense of the clause around a span.
    """
    return extract_counting_from(text, anchor, entities=entities, tense_of=tense_of)[1]


def extract_counting_from(
    text: str,
    anchor: date | None,
    *,
    entities: Iterable[tuple[int, int, str]] = (),
    tense_of: Callable[[int, int], Tense | None] | None = None,
) -> tuple[date, list[TimeExpression]]:
    """`extract`, with the day the values count from: `anchor`, or the stand-in
    chosen for a document without one (which the sort keys are relative to)."""
    tense_of = _cached(tense_of) if tense_of is not None else (lambda s, e: None)
    scratch = Context(text=text, anchor=anchor or _SCRATCH_DAY, anchored=True, tense_of=tense_of)
    candidates = find_candidates(
        text, entities, viable=lambda c: resolve(c, text, scratch) is not None
    )
    anchored = anchor is not None
    base = anchor if anchor is not None else stand_in_anchor(text, candidates)
    ctx = Context(
        text=text,
        anchor=base,
        anchored=anchored,
        tense_of=tense_of,
        events=EventDates(text),
        narrative=is_narrative(candidates, anchor),
    )
    quotes = cache(partial(Quotes, text))  # made when first asked
    out: list[TimeExpression] = []
    open_clocks: list[int] = []  # indices in `out` of clock times (or "dawn") that said no day
    previous: tuple[Candidate, Value] | None = None
    run: list[tuple[int, Candidate]] = []  # bare weekdays in a list, and their places in `out`
    for cand in candidates:
        work.charge()
        ctx.counted_from = None
        try:
            val = resolve(cand, text, ctx)
        except OverflowError:  # a day before the year 1 or after 9999: no value to give
            continue
        if val is None:
            continue
        val = replace(val, value=from_stand_in(val.value))  # a year BC the story counted
        # counted from a date the text gave: known, though the document's own day is not
        from_text = isinstance(ctx.counted_from, int)
        resolved = anchored or not val.relative or from_text
        if ctx.narrative and val.relative and not from_text and quotes().quoted(cand.start):
            # "Nixon said, ``I am tonight announcing ...''": the speaker's day, not
            # the day a history was saved
            resolved = False
        counted_from: CountedFrom = ctx.counted_from if from_text or val.relative else None
        if val.relative and counted_from is None:
            counted_from = "document"
        val = _day_shift(text, cand, val)  # unresolved, only the extent matters
        if previous is not None and _weekday_range(text, previous[0], cand):
            first, val = _order_weekday_range(previous[1], val, ctx.tense_of(cand.start, cand.end))
            if first is not previous[1]:
                out[-1] = _timex(text, previous[0], first, resolved, out[-1].anchor)
        run = _share_plural(text, out, run, cand, val)
        out.append(_timex(text, cand, val, resolved, counted_from))
        if val.day_open:
            open_clocks.append(len(out) - 1)
        if resolved and val.type in ("DATE", "TIME") and ctx.events is not None:
            ctx.events.add(cand.start, cand.end, val.value)
        previous = (cand, val)
        _advance(ctx, val, cand.start, cand.end)
    _date_clock_times(text, out, open_clocks)
    return base, out


_ON = re.compile(r"\s+on\s+")  # "[dawn on Thursday]": one expression, as "6 a.m. Friday" is


_CLOCK_TO_DAY = 60  # characters: "at [6 a.m.] near Slepian's home [10 days before] the murder"


def _date_clock_times(text: str, out: list[TimeExpression], open_clocks: list[int]) -> None:
    """Give a clock time or part of the day that said no day ("6 a.m.", "dawn")
    the day named next in its sentence; right before that day, the two are one
    expression ("[6 a.m. ten days] before the shooting", "[dawn on Thursday]")."""
    for i in reversed(open_clocks):  # from the end: a merge shortens `out`
        if i + 1 >= len(out):
            continue
        clock, day = out[i], out[i + 1]
        if not (
            day.type == "DATE"
            and day.resolved
            and _FULL_DATE.fullmatch(day.value)
            and day.start - clock.end <= _CLOCK_TO_DAY
            and sentence_end(text, clock.end) >= day.end
        ):
            continue
        value = day.value + clock.value[10:]
        rng = timex.sort_range(value)
        out[i] = replace(
            clock,
            value=value,
            resolved=True,
            sort_key=rng[0] if rng else None,
            sort_end=rng[1] if rng else None,
            anchor=day.start,  # "at [6 a.m.] near the house on March 3" counts from March 3
        )
        if not text[clock.end : day.start].strip() or (
            _ON.fullmatch(text, clock.end, day.start) and day.text[:1].isupper()
        ):
            # one expression: it counts from what the day counted from
            out[i] = replace(
                out[i], end=day.end, text=text[clock.start : day.end], anchor=day.anchor
            )
            del out[i + 1]


def _timex(
    text: str, cand: Candidate, val: Value, resolved: bool, counted_from: CountedFrom = None
) -> TimeExpression:
    value = val.value if resolved else (val.underspecified or val.value)
    rng = timex.sort_range(val.value) if val.type in ("DATE", "TIME") else None
    return TimeExpression(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        type=val.type,
        value=value,
        mod=val.mod or cand.mod,
        resolved=resolved,
        sort_key=rng[0] if rng else None,
        sort_end=rng[1] if rng else None,
        anchor=counted_from,
    )


_RANGE_WORD = re.compile(rf"\s*{_THROUGH}\s*")


def _weekday_range(text: str, first: Candidate, second: Candidate) -> bool:
    """ "from Monday to Wednesday": two bare weekdays joined as a range."""
    return (
        first.rule == second.rule == "weekday"
        and _RANGE_WORD.fullmatch(text, first.end, second.start) is not None
    )


_AND = re.compile(r"\s*(?:,\s*)?(?:and|or|,)\s*")


def _share_plural(
    text: str,
    out: list[TimeExpression],
    run: list[tuple[int, Candidate]],
    cand: Candidate,
    val: Value,
) -> list[tuple[int, Candidate]]:
    """ "on Monday and Tuesday nights": the bare weekdays listed before a weekday set
    (`run`, with their places in `out`) share its plural. Returns the run `cand` continues."""
    if run and not _AND.fullmatch(text, run[-1][1].end, cand.start):
        run = []
    if val.type == "SET" and cand.rule == "weekday_set":
        for i, listed in run:
            out[i] = _timex(text, listed, _shared_set(listed, val), True)
        return []
    return [*run, (len(out), cand)] if _bare_weekday(cand) else []


def _bare_weekday(cand: Candidate) -> bool:
    """ "Monday", not "last Monday" or "Monday morning"."""
    m = cand.match
    return cand.rule == "weekday" and m is not None and not m["rel"] and not m["part"]


def _shared_set(first: Candidate, val: Value) -> Value:
    """ "[Monday] and Tuesday nights", "[Monday], Wednesday and Friday mornings": a
    weekday listed before a weekday set is a set of its own day, with the set's part."""
    assert first.match is not None
    wd = WEEKDAYS[first.match["wd"].lower()]
    return Value("SET", f"XXXX-WXX-{wd}{val.value[10:]}")


def _order_weekday_range(first: Value, last: Value, tense: Tense | None) -> tuple[Value, Value]:
    """A range of weekdays runs forward: when each end was placed on its own and
    the last falls before the first ("met from Monday to Wednesday", said on a
    Monday), a past range starts a week earlier and any other ends a week later."""
    if not (_FULL_DATE.fullmatch(first.value) and _FULL_DATE.fullmatch(last.value)):
        return first, last
    start, end = date.fromisoformat(first.value), date.fromisoformat(last.value)
    if end >= start:
        return first, last
    if tense in ("past", "past_act"):
        return replace(first, value=(start - timedelta(days=7)).isoformat()), last
    return first, replace(last, value=(end + timedelta(days=7)).isoformat())
