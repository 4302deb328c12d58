"""Events of different documents that are the same real-world event become one.

A *report* is one event as one document gives it. Two reports are one event
when an analyst would say so: their dates are compatible (the same day, or a
day inside the week or month the other gives; dates are resolved values, so
"Wednesday" in an article of Monday and "Jan. 12" in one of Tuesday are one
day), their types are the same or akin, they share participants (by
`gazetteer.actor_key`, and a person's surname: "Kerry" is "John Kerry"),
their places agree (the same place, or a city inside the country the other
gives) and their words overlap (the lemmas of summary and trigger). A report
that names nobody ("Talks are set for May 12") takes the parties its article
is about (`reports._topic`) and joins only a report of its own type. Each
piece of evidence adds to a score (`_Pair`); a pair is kept above `THRESHOLD`.
Reports that disagree on the day (by a day at most) or on the place are
still one event when the rest of the evidence is strong: the merged event
then carries `conflicts`. Two meetings of the same people a week apart, or two
kinds of event on one day, never reach the threshold.

Candidates are blocked, never all pairs: a report is compared only with the
reports that share an actor or place key, or the trigger, with it and start within its days,
at most `WINDOW` of them per key (sorted neighbourhood), so the time grows as
n log n (the sorts) plus n times a constant.

The result depends on the set of reports only, never on their order or on
how they were grouped: reports are numbered in a canonical order (document
id, source, position in the document) before anything else, the pairs are
joined strongest first with ties broken by that numbering, and two groups of
reports join only when no document is in both and their dates, types and
places stay compatible. `merge` applied to the union of two partial results
is therefore `merge` of all their reports: associative and commutative.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from timeline.events.combine import combine
from timeline.events.reports import (
    CONFLICT_DAYS,
    Pair,
    Report,
    Where,
    event_words,
    judge,
    place_worth,
    reports,
)
from timeline.models import DocumentResult, Event

__all__ = ["WINDOW", "clusters", "merge"]

# Each report is compared with at most this many later reports of each of its keys.
WINDOW = 40

# --- candidates and groups --------------------------------------------------------


def _keys(r: Report) -> Iterable[str]:
    for key in r.actors:
        yield "a:" + key
    for person in r.people:
        yield "p:" + person[-1]
    for _, state in r.represented:  # "Armenian Foreign Minister Ararat Mirzoyan": Armenia
        yield "a:" + state
    if r.place is not None:
        yield "l:" + r.place.key
    if len(r.content) >= 2:  # a deed told in the same words, nobody named (`_named_deed`)
        yield "t:" + r.trigger
        for word in r.content & event_words():  # its trigger may be the other's other word
            yield "t:" + word


def candidates(reports: Sequence[Report]) -> list[Pair]:
    """The pairs worth joining, found by blocking: each key's reports sorted by their
    first day, each compared with the next ones that start within its days."""
    blocks: dict[str, list[Report]] = defaultdict(list)
    for r in reports:
        if r.first is not None and r.event.date is not None:
            for key in set(_keys(r)):
                blocks[key].append(r)
    seen: set[tuple[int, int]] = set()
    pairs: list[Pair] = []
    for key in sorted(blocks):
        block = sorted(blocks[key], key=lambda r: (r.first, r.number))
        for i, a in enumerate(block):
            assert a.last is not None
            for b in block[i + 1 : i + 1 + WINDOW]:
                assert b.first is not None
                if b.first > a.last + CONFLICT_DAYS:
                    break
                lo, hi = (a, b) if a.number < b.number else (b, a)
                if (lo.number, hi.number) in seen:
                    continue
                seen.add((lo.number, hi.number))
                pair = judge(lo, hi)
                if pair is not None:
                    pairs.append(pair)
    return pairs


@dataclass(slots=True)
class _Group:
    """Reports joined so far, and what a report must agree with to join them."""

    members: list[int]
    documents: set[tuple[str, str]]
    first: int  # the days all members share (their hull once they disagree)
    last: int
    places: list[Where] = field(default_factory=list)
    conflicted: bool = False


def _joinable(g: _Group, h: _Group, conflict: bool) -> bool:
    if g.documents & h.documents:
        return False
    overlap = max(g.first, h.first) <= min(g.last, h.last)
    if not overlap:
        gap = max(g.first, h.first) - min(g.last, h.last)
        if not conflict or g.conflicted or h.conflicted or gap > CONFLICT_DAYS:
            return False
    clash = any(place_worth(p, q)[1] for p in g.places for q in h.places)
    return not clash or (conflict and not (g.conflicted or h.conflicted))


def clusters(reports: Sequence[Report]) -> list[list[Report]]:
    """The reports grouped into events: each group in canonical order, groups ordered
    by their first report. Single reports are groups of one."""
    groups: dict[int, _Group] = {}
    owner: list[int] = []
    for r in reports:
        assert r.number == len(owner)
        owner.append(r.number)
        groups[r.number] = _Group(
            [r.number],
            {r.document},
            r.first if r.first is not None else 0,
            r.last if r.last is not None else 0,
            [r.place] if r.place is not None else [],
        )

    def find(n: int) -> int:
        while owner[n] != n:
            owner[n] = owner[owner[n]]
            n = owner[n]
        return n

    for pair in sorted(candidates(reports), key=lambda p: (-p.worth, p.a, p.b)):
        ga, gb = find(pair.a), find(pair.b)
        if ga == gb:
            continue
        g, h = groups[ga], groups[gb]
        if not _joinable(g, h, pair.conflict):
            continue
        keep, gone = (ga, gb) if ga < gb else (gb, ga)
        # the smaller group's members go into the larger's: each report moves
        # O(log n) times in all (the group keeps the smaller number, its name)
        big, small = (g, h) if len(g.members) >= len(h.members) else (h, g)
        overlap = max(g.first, h.first) <= min(g.last, h.last)
        clash = any(place_worth(p, q)[1] for p in g.places for q in h.places)
        if overlap:
            big.first, big.last = max(g.first, h.first), min(g.last, h.last)
        else:
            big.first, big.last = min(g.first, h.first), max(g.last, h.last)
        big.conflicted = g.conflicted or h.conflicted or not overlap or clash
        big.members.extend(small.members)
        big.documents |= small.documents
        # each place once, so that a group of many reports checks few places
        big.places = list({w.key: w for w in [*big.places, *small.places]}.values())
        groups[keep] = big
        del groups[gone]
        owner[gone] = keep
    return [[reports[n] for n in sorted(groups[k].members)] for k in sorted(groups)]


def merge(results: Sequence[DocumentResult]) -> list[Event]:
    """The events of all documents, those several documents report merged into one
    (with `sources`), in canonical order: by the first report of each."""
    # The many small records made here hold no cycles; the cyclic collector would walk
    # every event of every document each time they fill a generation (half the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        out: list[Event] = []
        for group in clusters(reports(results)):
            out.append(group[0].event if len(group) == 1 else combine(group))
    finally:
        if collecting:
            gc.enable()
    return out
