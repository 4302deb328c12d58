"""Mentions of one event within a document become one event.

Two dated mentions are one event when they have the same date and the same
family of event ("talks on Monday" and "Monday's talks"); a date whose clause
names no kind of event, in a sentence that has an event on that date, is
another mention of it. A back reference ("the Geneva meeting") joins the
nearest earlier dated event of its family, else the nearest later one, and
gives it its place, unless its own sentence dates its events on other days.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import TYPE_CHECKING

from timeline import gazetteer
from timeline.events.lexicon import CONSULT_TYPES, word_families
from timeline.events.tree import kids
from timeline.models import Actor

if TYPE_CHECKING:
    from timeline.events.builder import Item


def family(kind: str) -> str:
    return "consult" if kind in CONSULT_TYPES else kind


def merge(dated: Sequence[Item], undated: Iterable[Item]) -> list[Item]:
    """The dated mentions (dated by the text or by the narrative: `Item.value`), one
    per event, each with the mentions merged into it."""
    events: list[Item] = []
    by_key: dict[tuple[str, str], Item] = {}
    # The events of each (date, sentence), so that finding one is not a scan of all.
    by_sentence: dict[tuple[str, int], list[Item]] = {}
    for m in dated:
        value = m.value
        assert value is not None
        key = (value, family(m.kind))
        if key in by_key and _compatible(by_key[key], m):
            by_key[key].merged.append(m)
            continue
        here = (value, m.sentence.start)
        same_sentence = [e for e in by_sentence.get(here, ()) if "other" in (e.kind, m.kind)]
        if same_sentence and m.hit is None:
            same_sentence[0].merged.append(m)
            continue
        by_key.setdefault(key, m)
        events.append(m)
        by_sentence.setdefault(here, []).append(m)
    families: dict[str, _Family] = {}
    for e in events:
        families.setdefault(family(e.kind), _Family()).members.append(e)
    for ref in undated:
        group = families.get(family(ref.kind))
        target = group.before(ref.token.i) if group is not None else None
        if target is not None and (not ref.dates_here or target.value in ref.dates_here):
            # a sentence that dates its events on other days speaks of another event
            target.merged.append(ref)
    return events


def _compatible(a: Item, b: Item) -> bool:
    """Two mentions of one date and family are one event unless they name different
    places, different statements (two people saying things on one day, or one saying
    two things the story dates) or two deeds of war by two verbs; `b` is the later
    mention."""
    if a.place is not None and b.place is not None and a.place.name != b.place.name:
        return False
    if a.kind == "statement" and b.kind == "statement":
        if a.timex is None or b.timex is None:
            return False  # a statement the story dates is another thing said that day
        ka = {gazetteer.actor_key(x.name) for x in a.actors if x.role == "source"}
        kb = {gazetteer.actor_key(x.name) for x in b.actors if x.role == "source"}
        return bool(ka & kb)
    if a.kind == "other" and b.kind == "other":
        return a.token.lemma_ == b.token.lemma_
    if family(a.kind) == "consult" and family(b.kind) == "consult" and _apart(a, b):
        return False  # "met Mobutu ... In between, he met Kabila": two meetings that day
    if a.kind == "military" and b.kind == "military" and _verb(a) and _verb(b):
        # "warplanes bombed the airport" and "fighters withdrew" that day: two deeds;
        # but those killed or wounded after a deed is told are of that deed
        # ("invaded and occupied": one deed in two verbs)
        joined = a.token.i in (b.token.head.i, *(c.i for c in kids(b.token) if c.dep_ == "conj"))
        return joined or _deed(a) == _deed(b) or _deed(b) == "casualty"
    return True


# The families (word_families.tsv) of what a deed does to people, told beside it.
_CASUALTIES = frozenset({"kill", "wound"})


_MET = frozenset({"PERSON", "ORG"})


def _last_word(name: str) -> str:
    words = gazetteer.fold(name).split()
    return words[-1] if words else ""


def _met(m: Item) -> set[str]:
    """Whom a meeting is with: its persons and organisations met, by their last word
    ("Kufuor" is "John Agyekum Kufuor")."""
    return {_last_word(a.name) for a in m.actors if a.role == "target" and a.label in _MET}


def _apart(a: Item, b: Item) -> bool:
    """Two meetings of one day with other people: each names someone it meets whom
    the other does not name at all."""
    ta, tb = _met(a), _met(b)
    if not ta or not tb:
        return False
    named_a = {_last_word(x.name) for x in a.actors}
    named_b = {_last_word(x.name) for x in b.actors}
    return not (ta & named_b) and not (tb & named_a)


def _verb(m: Item) -> bool:
    return m.token.pos_ in ("VERB", "AUX")


def _deed(m: Item) -> str:
    """The family of the deed a verb names ("shelled" and "bombarded" are one)."""
    lemma = m.token.lemma_.lower()
    deed = word_families().get(lemma, lemma)
    return "casualty" if deed in _CASUALTIES else deed


@dataclass(slots=True)
class _Family:
    """The dated events of one family, in order, and a way to find the last one before a token.

    "The last one before" is the last in list order whose trigger precedes the
    token: found by a binary search over the triggers' positions and the
    running maximum of list order, in O(log n) rather than a scan of all.
    """

    members: list[Item] = field(default_factory=list)
    _keys: list[int] = field(default_factory=list)
    _latest: list[int] = field(default_factory=list)

    def before(self, token: int) -> Item | None:
        if not self.members:
            return None
        if not self._keys:
            by_position = sorted(range(len(self.members)), key=lambda k: self.members[k].token.i)
            self._keys = [self.members[k].token.i for k in by_position]
            self._latest = list(accumulate(by_position, max))
        n = bisect_left(self._keys, token)
        return self.members[self._latest[n - 1]] if n else self.members[0]


def dedupe_actors(actors: Iterable[Actor]) -> tuple[Actor, ...]:
    """One actor a name ("U.S." and "US" are one; "Russian" goes where "Russia" is),
    the first role it was given kept; a source beats a target."""
    out: list[Actor] = []
    seen: dict[str, int] = {}
    for actor in actors:
        # an office and its state are two parties ("State Department", "United States")
        key = ("org" if actor.label == "ORG" else "") + gazetteer.actor_key(actor.name)
        if actor.country is not None and actor.label in ("GPE", "NORP") and _a_state(actor):
            key = actor.country  # "Russian" and "Russia"; not "French troops" and "France"
        if key in seen:
            k = seen[key]
            kept = out[k]
            if (kept.label == "NORP" and actor.label != "NORP") or (
                kept.role == "target" and actor.role == "source" and kept.label == actor.label
            ):
                out[k] = actor
            continue
        seen[key] = len(out)
        out.append(actor)
    return _surnames_folded(out)


def _surnames_folded(actors: list[Actor]) -> tuple[Actor, ...]:
    """A lone surname of a person named in full beside it is that person ("Museveni"
    with "Yoweri Museveni", whatever label the recogniser gave it): one actor, a
    source if either was."""
    full = {
        a.name.split()[-1]: k
        for k, a in enumerate(actors)
        if a.label == "PERSON" and len(a.name.split()) > 1
    }
    out = list(actors)
    drop: set[int] = set()
    for k, a in enumerate(actors):
        at = full.get(a.name)
        if at is None or " " in a.name or not (a.label in ("PERSON", "") or _nothing_else(a)):
            continue
        drop.add(k)
        if a.role == "source" and out[at].role != "source":
            out[at] = replace(out[at], role="source")
    return tuple(a for k, a in enumerate(out) if k not in drop)


def _nothing_else(actor: Actor) -> bool:
    """A name the recogniser gave another label that no gazetteer knows as a state, a
    place or an organisation ("Kufuor" taken for an organisation)."""
    name = actor.name
    return actor.country is None and not (
        gazetteer.country(name) or gazetteer.place(name) or gazetteer.organisation(name)
    )


def _a_state(actor: Actor) -> bool:
    """Whether an actor is a state by name ("Russia", "Russian" written as Russia),
    not a body of one ("French troops")."""
    state = gazetteer.state(actor.country) if actor.country is not None else None
    return state is not None and (state.name == actor.name or actor.label == "GPE")
