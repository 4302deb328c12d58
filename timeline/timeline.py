"""Ordering events into one timeline.

Events are ordered by the days their dates cover, earliest first; a coarser
date comes before the days inside it (2022-W02 before 2022-01-10); events
without a place on the calendar keep their order at the end. The sort is
stable and O(n log n), so document order breaks every tie.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from timeline.models import DocumentResult, Event, Problem, Timeline


def order_key(event: Event) -> tuple[int, int, int]:
    if event.sort_key is None:
        return (1, 0, 0)
    end = event.sort_end if event.sort_end is not None else event.sort_key
    return (0, event.sort_key, -end)


def order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=order_key)


def build(results: Sequence[DocumentResult], problems: Sequence[Problem] = ()) -> Timeline:
    """The timeline of the documents read, with the problems met on the way."""
    events = order(e for r in results for e in r.events)
    return Timeline(documents=tuple(results), events=tuple(events), problems=tuple(problems))
