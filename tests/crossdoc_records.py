"""Per-document events written as records, for the tests of merging across documents.

`report(...)` makes the event one document gives (offsets into a sentence made
up of its summary), `document(...)` the result of a document with its anchor.
"""

from __future__ import annotations

from datetime import date

from timeline import timex
from timeline.models import Actor, Document, DocumentResult, Event, Place, Span, Status

COUNTRIES = {"Armenia": "ARM", "Azerbaijan": "AZE", "Switzerland": "CHE", "Turkey": "TUR"}
CITIES = {"Geneva": "CHE", "Bern": "CHE", "Vienna": "AUT", "Washington": "USA"}
# The country the extraction gives a person it knows by title ("Armenian Foreign Minister").
PEOPLE = {"Ararat Mirzoyan": "ARM", "Mirzoyan": "ARM", "Jeyhun Bayramov": "AZE", "Bayramov": "AZE"}


def report(
    doc: str,
    number: int,
    when: str | None,
    kind: str,
    summary: str,
    *,
    people: tuple[str, ...] = (),
    states: tuple[str, ...] = (),
    place: str | None = None,
    status: Status = "occurred",
    plover: str | None = "CONSULT",
    trigger: str | None = None,
    date_text: str | None = None,
) -> Event:
    """The event `number` of document `doc`: its sentence is its summary and a full stop."""
    sentence = summary + "."
    word = trigger or summary.split()[-1]
    at = sentence.find(word)
    actors = [
        Actor(
            name,
            name,
            max(0, sentence.find(name)),
            max(0, sentence.find(name)) + len(name),
            "PERSON",
            country=PEOPLE.get(name),
        )
        for name in people
    ]
    actors += [
        Actor(
            name,
            name,
            max(0, sentence.find(name)),
            max(0, sentence.find(name)) + len(name),
            "GPE",
            country=COUNTRIES[name],
        )
        for name in states
    ]
    location = None
    if place is not None:
        start = max(0, sentence.find(place))
        country = COUNTRIES.get(place) or CITIES.get(place)
        location = Place(place, start, start + len(place), country)
    days = timex.sort_range(when)
    return Event(
        id=f"{doc}:e{number}",
        document=doc,
        date=when,
        date_text=date_text if date_text is not None else (when or ""),
        granularity=timex.granularity(when),
        type=kind,
        status=status,
        summary=summary,
        trigger=Span(word, at, at + len(word)),
        location=location,
        actors=tuple(actors),
        sentence=sentence,
        start=0,
        end=len(sentence),
        plover=plover,
        sort_key=days[0] if days else None,
        sort_end=days[1] if days else None,
    )


def document(doc: str, anchor: date | None, *events: Event, source: str = "") -> DocumentResult:
    text = " ".join(e.sentence for e in events)
    return DocumentResult(
        Document(doc, text, source or f"{doc}.txt", anchor, "metadata" if anchor else "none"),
        (),
        tuple(events),
    )
