"""Days counted from an event the text dated: "the day after his death", "the
eve of the summit", "until then" (see `timeline.event_dates`).
"""

from __future__ import annotations

import re
from datetime import timedelta

from timeline import timex
from timeline.event_dates import Dated, names_event
from timeline.temporal.candidates import Candidate
from timeline.temporal.reference import Context, _before
from timeline.temporal.values import Value, _add, _at, _day_of, _finer
from timeline.temporal.vocabulary import ORDINALS

_EVENT_LINK = re.compile(
    r"\s+(?P<dir>before|after|following|preceding|leading\s+up\s+to)\s+", re.IGNORECASE
)


_EVE_OF = re.compile(r"\s+(?P<dir>of)\s+")  # "the eve of", "the second day of"


# "today is [the eighth day] of Desert Shield", "it's [the second day] of an offensive"
_IS_BEFORE = re.compile(r"(?:\bis|['’]s)\s+$", re.IGNORECASE)


def _event_after(
    ctx: Context, end: int, link_rx: re.Pattern[str] = _EVENT_LINK
) -> tuple[Dated, int] | None:
    """The date of the event that the words after `end` count from ("[the days]
    before the shooting"), if the text dated an event of that kind, and the way
    they count: -1 back from it ("before"), 1 on from it ("after", "of")."""
    link = link_rx.match(ctx.text, end)
    if link is None or ctx.events is None:
        return None
    dated = ctx.events.date_of(link.end())
    if dated is None:
        return None
    back = re.match(r"before|preceding|leading", link["dir"], re.IGNORECASE) is not None
    return dated, -1 if back else 1


def _counted_from(ctx: Context, dated: Dated) -> str:
    """The value of a date the text gave, which the expression being read counts
    from: the expression says so (its `anchor` is that date's offset)."""
    ctx.counted_from = dated.start
    return dated.value


def _names_event_after(ctx: Context, end: int, link_rx: re.Pattern[str]) -> bool:
    """Whether the words after `end` name an event, dated or not. While candidates
    are only tried (no dates read yet), this is what makes an event span viable."""
    link = link_rx.match(ctx.text, end)
    return link is not None and names_event(ctx.text, link.end())


def _from_event(ctx: Context, end: int, n: int, unit: str) -> Value | None:
    """The day `n` units before or after the dated event named after `end`
    ("10 days before the murder")."""
    event = _event_after(ctx, end)
    day = _day_of(event[0].value) if event is not None else None
    if event is None or day is None:
        return None
    _counted_from(ctx, event[0])
    return Value("DATE", _add(day, event[1] * n, unit).isoformat())


def _h_event_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "the day after his death", "the week before the election", "the eve of
    the summit", "the second day of the offensive"."""
    link_rx = _EVENT_LINK if m["unit"] else _EVE_OF
    today = m["nth"] is not None and _IS_BEFORE.search(_before(c, ctx)) is not None
    if ctx.events is None:
        viable = today or _names_event_after(ctx, c.end, link_rx)
        return Value("DATE", "XXXX-XX-XX") if viable else None
    event = _event_after(ctx, c.end, link_rx)
    if m["nth"]:
        word = m["nth"].lower()
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        day = _day_of(event[0].value) if event is not None else None
        if event is not None and day is not None:  # counted from the event's first day
            _counted_from(ctx, event[0])
            return Value("DATE", (day + timedelta(days=n - 1)).isoformat())
        if today:  # "it's the second day of an offensive": today
            return Value("DATE", ctx.anchor.isoformat(), relative=True, underspecified="XXXX-XX-XX")
        return None
    iv = timex.interval(event[0].value) if event is not None else None
    unit = m["unit"].lower() if m["unit"] else "day"
    if event is None or iv is None or _finer(unit, iv.granularity):
        return None  # no date, or one too coarse: "the day after" a month
    _counted_from(ctx, event[0])
    step = -1 if m["eve"] else event[1]
    return Value("DATE", _at(_add(iv.first, step, unit), unit))


def _h_then(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "will terminate on Nov. 30. Until [then], ...": the date just named, in
    this sentence or the one before ("until the war ends. Until then" names none)."""
    if ctx.events is None:
        return Value("DATE", "XXXX-XX-XX")  # only trying the span (see _h_event_day)
    last = ctx.events.last_before(c.start)
    if last is None:
        return None
    value = _counted_from(ctx, last)
    return Value("TIME" if "T" in value else "DATE", value)
