"""One event from the reports of it that several documents give (`crossdoc` groups them).

The event keeps the best of each report:

- the date: the value most reports agree with (a report agrees with a value
  its days contain), then the most precise: "Wednesday" beats "this week";
  between reports that disagree, the one written latest;
- the type and PLOVER type most reports give (`other` only when no report
  says more), ties to the report chosen for the summary;
- the summary, trigger, sentence and mentions of the most informative report:
  one that says what the event's status says, whose summary names most of the
  event's participants and its place, then one giving the event's date, then
  the longest summary;
- the participants and places of all reports, each once (`gazetteer.actor_key`,
  a person by surname: "Kerry" and "John Kerry" are one, the fuller name kept);
  one read from another document than the event's says which (`document`);
- the status: `occurred` when a report written on or after the event's first
  day says it happened, else `planned` (an earlier report of a plan is
  evidence of the plan, not a contradiction);
- `sources`: every report, in document order; `conflicts`: the reports'
  dates or places, when some disagree beyond compatibility.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from timeline import gazetteer, timex
from timeline.events.reports import Report, Where, place_worth, same_person
from timeline.models import Actor, Conflict, Event, Place, Source, Status

__all__ = ["combine"]

_FINENESS = {"time": 0, "day": 1}


def combine(group: Sequence[Report]) -> Event:
    """The event the reports of `group` (two or more, canonical order) are of."""
    chosen = _date(group)
    dated = next(r for r in group if r.event.date == chosen)
    actors = _actors(group)
    place, places = _places(group)
    interval = timex.interval(chosen)
    first = interval.first.toordinal() if interval is not None else None
    status: Status = "occurred" if any(_says_occurred(r, first) for r in group) else "planned"
    main = max(group, key=lambda r: _informative(r, actors, place, chosen, status))
    event = main.event
    doc = main.document[0]
    # The main report's own participants and place come first, with their own offsets.
    ordered = [main, *(r for r in group if r is not main)]
    actors = _actors(ordered)
    place, places = _places(ordered)
    return replace(
        event,
        date=chosen,
        date_text=dated.event.date_text,
        dated_by=dated.event.dated_by,
        granularity=dated.event.granularity,
        timex=dated.event.timex,
        sort_key=dated.event.sort_key,
        sort_end=dated.event.sort_end,
        type=_vote([r.event.type for r in group], event.type, "other") or event.type,
        plover=_vote([r.event.plover for r in group], event.plover, None),
        status=status,
        actors=tuple(a if a.document != doc else replace(a, document=None) for a in actors),
        location=_own(place, doc),
        locations=tuple(p for p in (_own(q, doc) for q in places) if p is not None),
        sources=tuple(_source(r) for r in group),
        conflicts=_conflicts(group, chosen),
    )


def _date(group: Sequence[Report]) -> str | None:
    """The value most reports agree with, then the finest, then the one a report
    written latest gives, then the first in order."""
    values = list(dict.fromkeys(r.event.date for r in group if r.event.date))
    if not values:
        return group[0].event.date

    def rank(value: str) -> tuple[int, int, int, int]:
        days = timex.sort_range(value)
        if days is None:
            return (0, 1 << 30, 9, 0)
        agree = sum(
            1
            for r in group
            if r.first is not None
            and r.last is not None
            and r.first <= days[0]
            and days[1] <= r.last
        )
        fine = _FINENESS.get(timex.granularity(value) or "", 2)
        # between reports that disagree, the latest written knows most
        latest = max((r.anchor or 0) for r in group if r.event.date == value)
        return (-agree, days[1] - days[0], fine, -latest)

    return min(values, key=rank)


def _says_occurred(r: Report, first: int | None) -> bool:
    """A report that the event happened, written on or after the event's first day."""
    if r.event.status != "occurred":
        return False
    return r.anchor is None or first is None or r.anchor >= first


def _vote(values: Sequence[str | None], main: str | None, weakest: str | None) -> str | None:
    """The value most reports give (`weakest` only when no other is given); ties to `main`."""
    counts = Counter(v for v in values if v is not None and v != weakest)
    if not counts:
        return main if main is not None else weakest
    best = max(counts.values())
    if counts.get(main or "", 0) == best:
        return main
    return min(v for v, n in counts.items() if n == best)


def _person_key(actor: Actor) -> tuple[str, ...] | None:
    if actor.label != "PERSON":
        return None
    words = tuple(gazetteer.fold(actor.name).split())
    return words or None


def _actors(group: Sequence[Report]) -> list[Actor]:
    """Every report's participants, each once, with the document of the report."""
    out: list[Actor] = []
    keys: dict[str, int] = {}
    people: list[tuple[tuple[str, ...], int]] = []
    for r in group:
        for actor in r.event.actors:
            actor = replace(actor, document=r.document[0])
            person = _person_key(actor)
            if person is not None:
                found = next((k for p, k in people if same_person(p, person)), None)
                if found is None:
                    people.append((person, len(out)))
                    out.append(actor)
                elif len(person) > len(_person_key(out[found]) or ()):
                    out[found] = actor  # the fuller name
                continue
            key = actor.country if actor.label in ("GPE", "NORP") and actor.country else None
            key = key or gazetteer.actor_key(actor.name)
            if key in keys:
                kept = out[keys[key]]
                if kept.label == "NORP" and actor.label != "NORP":
                    out[keys[key]] = actor  # "Russia" rather than "Russian"
                continue
            keys[key] = len(out)
            out.append(actor)
    return out


def _places(group: Sequence[Report]) -> tuple[Place | None, list[Place]]:
    """The event's place and every place the reports give, each once: the place
    most reports agree with (a city agrees with its country), then a city over
    its country, then the first in order."""
    found: list[tuple[Place, Where]] = []
    for r in group:
        place, where = r.event.location, r.place
        if place is not None and where is not None and all(w.key != where.key for _, w in found):
            found.append((replace(place, document=r.document[0]), where))
    if not found:
        return None, []
    wheres = [r.place for r in group if r.place is not None]

    def rank(item: tuple[Place, Where]) -> tuple[int, int]:
        where = item[1]
        agree = sum(1 for w in wheres if not place_worth(where, w)[1])
        return (-agree, 1 if where.national else 0)

    best = min(found, key=rank)  # min keeps the first of equals: the main report's
    # the country a report names as its place stays beside the city another names:
    # it is how that report says where ("southern Albania", "Gjirokaster")
    others = [p for p, _ in found if p is not best[0]]
    return best[0], [best[0], *others]


def _own(place: Place | None, document: str) -> Place | None:
    if place is None or place.document != document:
        return place
    return replace(place, document=None)


def _informative(
    r: Report, actors: Sequence[Actor], place: Place | None, chosen: str | None, status: str
) -> tuple[int, int, int, int, int]:
    """A report that says what the event's status says ("held talks", not "to meet"
    for talks that took place), names most of its participants and its place, gives
    its date, and says most."""
    summary = gazetteer.fold(r.event.summary)
    named = sum(1 for a in actors if _names(summary, a))
    if place is not None and gazetteer.fold(place.name) in summary:
        named += 1
    return (
        int(r.event.status == status),
        named,
        int(r.event.date == chosen),
        len(r.event.summary),
        -r.number,
    )


def _names(summary: str, actor: Actor) -> bool:
    words = gazetteer.fold(actor.name).split()
    return bool(words) and (words[-1] in summary.split() or gazetteer.fold(actor.text) in summary)


def _source(r: Report) -> Source:
    event = r.event
    return Source(
        document=r.document[0],
        event=event.id,
        anchor=date.fromordinal(r.anchor).isoformat() if r.anchor is not None else None,
        date=event.date,
        date_text=event.date_text,
        status=event.status,
        location=event.location.name if event.location is not None else None,
        summary=event.summary,
        trigger=event.trigger,
        sentence=event.sentence,
        start=event.start,
        end=event.end,
    )


def _conflicts(group: Sequence[Report], chosen: str | None) -> tuple[Conflict, ...]:
    """The reports' dates when one does not meet the chosen date's days; their places
    when two disagree (neither the same place nor a city and its country)."""
    out: list[Conflict] = []
    days = timex.sort_range(chosen)
    if days is not None and any(
        r.first is not None and r.last is not None and (r.last < days[0] or r.first > days[1])
        for r in group
    ):
        dated = [r for r in group if r.event.date]
        out.append(
            Conflict(
                "date",
                tuple(str(r.event.date) for r in dated),
                tuple(r.document[0] for r in dated),
            )
        )
    wheres = [r for r in group if r.place is not None]
    if any(place_worth(a.place, b.place)[1] for i, a in enumerate(wheres) for b in wheres[i + 1 :]):
        out.append(
            Conflict(
                "location",
                tuple(r.event.location.name for r in wheres if r.event.location is not None),
                tuple(r.document[0] for r in wheres),
            )
        )
    return tuple(out)
