"""The records that flow through the pipeline.

All records are frozen dataclasses. Their JSON form is produced here, in one
place, and described by `schema.py`; exporters start from these records or
from that JSON form, never from spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Status = Literal["occurred", "planned"]

SCHEMA_VERSION = "1.0.0"


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read: its text exactly as in the source, and its own date."""

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
class Mention:
    """One place in the text that speaks of an event."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Event:
    """A dated event: when, what, where, who, whether it happened, and the evidence."""

    id: str
    document: str
    date: str | None
    date_text: str
    granularity: str | None
    type: str
    status: Status
    summary: str
    trigger: Span
    location: Span | None
    actors: tuple[Span, ...]
    sentence: str
    start: int
    end: int
    timex: TimeExpression | None = None
    mentions: tuple[Mention, ...] = ()
    sort_key: int | None = field(default=None, compare=False)
    sort_end: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": self.document,
            "date": self.date,
            "date_text": self.date_text,
            "granularity": self.granularity,
            "type": self.type,
            "status": self.status,
            "summary": self.summary,
            "trigger": self.trigger.to_dict(with_label=False),
            "location": self.location.to_dict(with_label=False) if self.location else None,
            "actors": [a.to_dict() for a in self.actors],
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "mentions": [m.to_dict() for m in self.mentions],
        }


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
    """An input that could not be read, and why."""

    source: str
    message: str
    line: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class Timeline:
    """The ordered events of a set of documents."""

    documents: tuple[DocumentResult, ...]
    events: tuple[Event, ...]
    problems: tuple[Problem, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "documents": [d.to_dict() for d in self.documents],
            "events": [e.to_dict() for e in self.events],
            "problems": [p.to_dict() for p in self.problems],
        }
