"""Ordering events into one timeline, merging the reports of one event across documents.

Events are ordered by the days their dates cover, earliest first; a coarser
date comes before the days inside it (2022-W02 before 2022-01-10); events
without a place on the calendar keep their order at the end. The sort is
stable and O(n log n), so document order breaks every tie.

When several documents are read, the events they report alike are merged
into one (`timeline.events.crossdoc`), unless `merge=False`. A merged
timeline depends on the set of documents only: documents are listed in the
order of their ids (then sources), problems in the order of their sources,
and ties between events are broken by the document and position of their
first report. `merge(timelines)` joins partial timelines; since a Timeline
keeps every document's own events, the result is the timeline of all their
documents at once, whatever the grouping.
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


def build(
    results: Sequence[DocumentResult], problems: Sequence[Problem] = (), merge: bool = True
) -> Timeline:
    """The timeline of the documents read, with the problems met on the way.

    With more than one document and `merge`, the reports of one event in several
    documents become one event with its `sources`.
    """
    if not merge or len(results) < 2:
        events = order(e for r in results for e in r.events)
        return Timeline(documents=tuple(results), events=tuple(events), problems=tuple(problems))
    from timeline.events import crossdoc

    documents = sorted(results, key=lambda r: (r.document.id, r.document.source))
    found = problems_in_order(problems)
    # crossdoc.merge returns the events in canonical order: the stable sort keeps it for ties.
    events = order(crossdoc.merge(documents))
    return Timeline(documents=tuple(documents), events=tuple(events), problems=tuple(found))


def problems_in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems by source and line, so that the order of the inputs does not show."""
    return sorted(problems, key=lambda p: (p.source, p.line or 0, p.message))


def merge(timelines: Iterable[Timeline], merge: bool = True) -> Timeline:
    """One timeline of the documents of several: the same as building it from all of
    their documents at once, in any order and any grouping."""
    parts = list(timelines)
    results = [r for t in parts for r in t.documents]
    problems = [p for t in parts for p in t.problems]
    return build(results, problems, merge=merge)
