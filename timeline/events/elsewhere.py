"""What the rest of a document says of where an event is and who takes part in it.

The clause of an event may not say where it takes place; the document may:
its dateline ("here" is the dateline's city), the deed of the same kind its
clause modifies ("have seized a third of Zaire since they began their
offensive"), where a participant was that day, or a later mention of it ("the
Geneva meeting", "Mandela will host the talks": a back reference).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.events import places
from timeline.events.lexicon import CONSULT_TYPES
from timeline.events.mentions import Item, around, clause_of
from timeline.events.predicates import NOUN_POS, VERB_POS, entry
from timeline.events.summaries import with_place
from timeline.events.tree import kids
from timeline.models import Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

    from timeline.events.participants import Participants


def dateline_place(text: str) -> Place | None:
    """The city of the document's dateline, for the events it says happen "here"."""
    from timeline.anchor import dateline

    found = dateline(text)
    hit = found.place() if found is not None else None
    if found is None or hit is None:
        return None
    # the dateline's own words, in the case a sentence writes them ("GENEVA": Geneva)
    name = found.city.title() if found.city.isupper() else found.city
    end = found.start + len(found.city)
    return Place(name, found.start, end, hit.alpha3, hit.latitude, hit.longitude)


def whereabouts(items: Sequence[Item]) -> None:
    """An event with no place of its own, on the day a person taking part in it was
    last placed ("Richardson arrived in Kinshasa on Tuesday ... Richardson met
    Mobutu on Tuesday"), takes that place: where the person was that day."""
    last: dict[str, tuple[Place, int]] = {}
    for it in items:
        day = it.timex.sort_key if it.timex is not None else None
        people = [a.name for a in it.actors if a.label == "PERSON" and a.role == "source"]
        if it.place is None and day is not None:
            for name in people:
                seen = last.get(name)
                if (
                    seen is not None
                    and seen[1] == day
                    and it.timex is not None
                    and it.timex.sort_end == day
                ):
                    it.place = seen[0]
                    it.summary = with_place(it.summary, seen[0].name, False)
                    break
        if it.place is not None and day is not None and not it.place.target:
            for name in people:
                last[name] = (it.place, day)


def governing_place(it: Item, here: Place | None) -> Place | None:
    """The place of the event of the same kind whose clause this event's clause
    modifies or is joined to: "they have seized a quarter of Zaire since they
    began their offensive" (the offensive, in Zaire); "met in Geneva and held
    talks"."""
    verb = it.clause if it.clause is not None else it.token
    for _ in range(2):
        if verb.pos_ not in VERB_POS or verb.dep_ not in ("advcl", "conj"):
            return None
        verb = verb.head
        hit = entry(verb)
        if hit is not None and hit.type == it.kind:
            found = places.location(verb, verb, it.kind, here)
            # where the other deed was done to is where this one took place
            return replace(found, target=False) if found is not None else None
    return None


def back_references(
    doc: Doc, sentences: Sequence[SpacySpan], participants: Participants, dated: Sequence[Item]
) -> list[Item]:
    """Undated definite mentions of a meeting or talks that say where it is ("the
    Geneva meeting") or who takes part ("Mandela will host the talks", "the
    delegation to the talks"): they give the dated event its place and parties."""
    used = {m.token.i for m in dated}
    # the dates a sentence gives its events: "dismissed the planned peace talks in
    # South Africa this weekend" refers to the talks of the weekend, not of Friday
    dates_of: dict[int, set[str]] = {}
    for m in dated:
        if m.timex is not None:
            dates_of.setdefault(m.sentence.start, set()).add(m.timex.value)
    out: list[Item] = []
    for tok in doc:
        if tok.i in used or not is_back_reference(tok):
            continue
        hit = entry(tok)
        kind = hit.type if hit is not None and hit.type else "other"
        place = places.location(tok, None, kind)
        actors = [
            a
            for a in participants.of_event(tok, clause_of(tok))
            if a.label in ("PERSON", "ORG") and (place is None or a.start != place.start)
        ]
        if place is None and not actors:
            continue
        it = Item(tok, None, None, hit, around(sentences[tok.i], tok.i))
        it.kind, it.place, it.back_reference, it.actors = kind, place, True, actors
        it.dates_here = frozenset(dates_of.get(it.sentence.start, ()))
        out.append(it)
    return out


def is_back_reference(tok: Token) -> bool:
    """An event noun of the consult family with a definite determiner ("the Geneva
    meeting", "this summit"): a later mention of an event named before."""
    if tok.pos_ not in NOUN_POS:
        return False
    hit = entry(tok)
    if hit is None or hit.type not in CONSULT_TYPES:
        return False
    if tok.ent_type_ == "ORG" and tok.is_title:
        return False  # "the French National Assembly": a body's name, not a session
    return any(c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE for c in kids(tok))


# Determiners of something named before: "the meeting", "their talks".
_DEFINITE = frozenset({"the", "this", "that", "these", "those", "their", "its", "his", "her"})
