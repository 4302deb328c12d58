"""The records that flow through the pipeline.

All records are frozen dataclasses. Their JSON form is produced here, in one
place, and described by `schema.py`; exporters start from these records or
from that JSON form, never from spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Status = Literal["occurred", "planned"]

SCHEMA_VERSION = "1.4.0"


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read: its text exactly as in the source, and its own date.

    >>> from datetime import date
    >>> doc = Document("ap-1", "Talks opened in Oslo on Monday.", "wire.txt", date(2022, 1, 12))
    >>> doc.id, doc.anchor_source
    ('ap-1', 'none')
    """

    id: str
    text: str
    source: str
    anchor: date | None = None
    anchor_source: str = "none"
    title: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A TIMEX3: offsets into the document text, its type and normalised value.

    `value` is the TIMEX3 value. When the expression is relative to a document
    date that is unknown, `value` is the underspecified TIMEX3 form (say
    `XXXX-WXX-2` for "Tuesday") and `resolved` is False.
    `sort_key` places the expression on a time line even when unresolved
    (ordinal day of its first day, against a stand-in anchor), and `sort_end`
    is the ordinal day of its last day, so coarser dates sort before the days
    inside them.
    `anchor` says what the value was counted from: "document" (the document's
    date), the start offset of the earlier expression it counts from ("the
    following day" after "June 6, 1944"), or None when the value is absolute.
    `dates` is the predicate a DATE or TIME expression dates in the parse, as
    TimeML's event-time links give it (`timeline.events.links`): a `Span` whose
    label is its TimeML event class.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    resolved: bool = True
    sort_key: int | None = None
    sort_end: int | None = None
    anchor: int | Literal["document"] | None = None
    dates: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "type": self.type,
            "value": self.value,
        }
        if self.mod:
            out["mod"] = self.mod
        out["resolved"] = self.resolved
        out["anchor"] = self.anchor
        if self.dates is not None:
            out["dates"] = {
                "name": self.dates.name,
                "class": self.dates.label,
                "start": self.dates.start,
                "end": self.dates.end,
            }
        return out


@dataclass(frozen=True, slots=True)
class Span:
    """A named span of the document: an actor, a place, a trigger."""

    name: str
    start: int
    end: int
    label: str = ""

    def to_dict(self, *, with_label: bool = True) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if with_label:
            out["label"] = self.label
        out["start"] = self.start
        out["end"] = self.end
        return out


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant: `name` is the fullest name the document gives it ("Laurent
    Kabila" for "Kabila", the person a "he" stands for), `text` the words of
    this mention and `start`/`end` where they are; `role` is `source` (who acts)
    or `target` (to or with whom), `country` an ISO 3166-1 alpha-3 code."""

    name: str
    text: str
    start: int
    end: int
    label: str
    role: str = "source"
    country: str | None = None
    document: str | None = None  # set on a merged event's actor read from another report

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "text": self.text,
            "label": self.label,
            "role": self.role,
            "country": self.country,
            "start": self.start,
            "end": self.end,
        }
        if self.document is not None:
            out["document"] = self.document
        return out


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event takes place, as the text writes it, with the gazetteer's
    country (ISO 3166-1 alpha-3) and coordinates when it knows the place."""

    name: str
    start: int
    end: int
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    target: bool = field(default=False, compare=False)  # what a military action was aimed at
    document: str | None = None  # set on a merged event's place read from another report

    def as_target(self) -> Place:
        return replace(self, target=True)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }
        if self.document is not None:
            out["document"] = self.document
        return out


@dataclass(frozen=True, slots=True)
class Reported:
    """Who reported an event and when: the attribution around it ("..., a senior
    official said on Friday"), which is not an event of its own."""

    by: str | None
    date: str | None
    date_text: str | None
    trigger: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "date": self.date,
            "date_text": self.date_text,
            "trigger": self.trigger.to_dict(with_label=False),
        }


@dataclass(frozen=True, slots=True)
class Mention:
    """One place in the text that speaks of an event: a date that dates it (with the
    word it dates there, `trigger`), or a back reference such as "the Geneva meeting"."""

    start: int
    end: int
    text: str
    trigger: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "trigger": self.trigger.to_dict(with_label=False) if self.trigger else None,
        }


@dataclass(frozen=True, slots=True)
class Source:
    """One report of an event merged across documents: the document and sentence that
    report it, and what that report says of it (its date, place and status).

    `anchor` is the report's own date (its document's), `event` the id the event has
    in that document alone; offsets point into that document's text."""

    document: str
    event: str
    anchor: str | None
    date: str | None
    date_text: str
    status: Status
    location: str | None
    summary: str
    trigger: Span
    sentence: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "event": self.event,
            "anchor": self.anchor,
            "date": self.date,
            "date_text": self.date_text,
            "status": self.status,
            "location": self.location,
            "summary": self.summary,
            "trigger": self.trigger.to_dict(with_label=False),
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    """Reports of one event that disagree on its date or place beyond compatibility:
    `documents[i]` gives `values[i]` (a TIMEX3 value, or a place name)."""

    field: Literal["date", "location"]
    values: tuple[str, ...]
    documents: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": list(self.values), "documents": list(self.documents)}


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: when, what, where, who, whether it happened, and the evidence.

    >>> import timeline
    >>> event = timeline.extract("Talks opened in Oslo on Monday.", anchor="2022-01-12").events[0]
    >>> event.date, event.type, event.status, event.trigger.name, event.location.name
    ('2022-01-10', 'talks', 'occurred', 'Talks', 'Oslo')
    """

    id: str
    document: str
    date: str | None
    date_text: str
    granularity: str | None
    type: str
    status: Status
    summary: str
    trigger: Span
    location: Place | None
    actors: tuple[Actor, ...]
    sentence: str
    start: int
    end: int
    timex: TimeExpression | None = None
    mentions: tuple[Mention, ...] = ()
    plover: str | None = None
    reported: tuple[Reported, ...] = ()
    # "text": a time expression dates it; "context": the text implies its date, the day
    # its narrative is at (`timeline.events.implied`); None: undated
    dated_by: str | None = None
    sort_key: int | None = field(default=None, compare=False)
    sort_end: int | None = field(default=None, compare=False)
    # Set when several documents report the event (`timeline.events.crossdoc`): every
    # report, every place they give, and where they disagree.
    sources: tuple[Source, ...] = ()
    locations: tuple[Place, ...] = ()
    conflicts: tuple[Conflict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "document": self.document,
            "date": self.date,
            "date_text": self.date_text,
            "dated_by": self.dated_by,
            "granularity": self.granularity,
            "type": self.type,
            "plover": self.plover,
            "status": self.status,
            "summary": self.summary,
            "trigger": self.trigger.to_dict(with_label=False),
            "location": self.location.to_dict() if self.location else None,
            "actors": [a.to_dict() for a in self.actors],
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "mentions": [m.to_dict() for m in self.mentions],
            "reported": [r.to_dict() for r in self.reported],
        }
        if self.sources:
            out["sources"] = [s.to_dict() for s in self.sources]
            out["locations"] = [p.to_dict() for p in self.locations]
        if self.conflicts:
            out["conflicts"] = [c.to_dict() for c in self.conflicts]
        return out


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """What the pipeline took from one document."""

    document: Document
    timexes: tuple[TimeExpression, ...]
    events: tuple[Event, ...]

    def to_dict(self) -> dict[str, Any]:
        doc = self.document
        return {
            "id": doc.id,
            "source": doc.source,
            "title": doc.title,
            "url": doc.url,
            "anchor": doc.anchor.isoformat() if doc.anchor else None,
            "anchor_source": doc.anchor_source,
            "timexes": [t.to_dict() for t in self.timexes],
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be read, and why; or, `kept`, one read all the same
    with something wrong in it (a JSON Lines record's invalid `date`).

    >>> print(Problem("wire.jsonl", "line 3: no text", 3))
    wire.jsonl:3: line 3: no text
    """

    source: str
    message: str
    line: int | None = None
    kept: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The ordered events of a set of documents.

    `events` is the timeline; `documents` keep each document's own events as well
    (`DocumentResult.events`), which `timeline.merge` merges again.

    >>> from timeline import Timeline
    >>> empty = Timeline(documents=(), events=())
    >>> print(empty.to_json(), end="")  # doctest: +ELLIPSIS
    {
      "schema_version": "...",
      "documents": [],
      "events": [],
      "problems": []
    }
    >>> Timeline.from_json(empty.to_json()) == empty
    True
    """

    documents: tuple[DocumentResult, ...]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...] = ()

    def to_json(self) -> str:
        """The JSON document `timeline extract --format json` writes, byte for byte."""
        from timeline.jsonform import dumps

        return dumps(self.to_dict())

    @classmethod
    def from_json(cls, text: str | bytes, source: str = "<json>") -> Timeline:
        """The timeline of a JSON document `to_json` (or `timeline extract`) wrote,
        checked against the schema (an `InputError` names what is wrong); see
        `timeline.jsonform` for what the JSON does not carry."""
        from timeline.jsonform import loads

        return loads(text, source)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "documents": [d.to_dict() for d in self.documents],
            "events": [e.to_dict() for e in self.events],
            "problems": [p.to_dict() for p in self.problems],
        }
