"""The JSON form of a timeline, written and read back (`Timeline.to_json`, `from_json`).

`to_json` is the document `timeline extract --format json` writes, byte for
byte. `from_json` checks a document against the schema (as `timeline export`
does) and rebuilds the records, so that `from_json(text).to_json() == text`
for any text this version wrote; older 1.x documents read too, without the
fields they lack.

What the JSON does not carry is not invented: the documents' texts (read back
empty), the event's own time expression (`Event.timex`). Each document gets
back its own events (`DocumentResult.events`, what `merge` starts from) only
when the JSON holds them as the document gave them: no event in it is merged
across documents, and every dated event's date is resolved (the place on the
calendar of "Tuesday" in a document without an anchor is not written). Else
the documents' own events are left empty and `api.merge` says why it cannot
merge such a timeline again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from timeline import timex
from timeline.models import (
    Actor,
    Conflict,
    Document,
    DocumentResult,
    Event,
    Mention,
    Place,
    Problem,
    Reported,
    Source,
    Span,
    TimeExpression,
    Timeline,
)

_POSITION = re.compile(r":e(\d+)$")  # an event's id: `<document>:e<position from 1>`


def dumps(data: Mapping[str, Any]) -> str:
    """The text of a timeline document: the `json` format, field order as written."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def loads(text: str | bytes, source: str = "<json>") -> Timeline:
    """The timeline of a JSON document (checked against the schema: InputError)."""
    from timeline.errors import InputError
    from timeline.schema import check

    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg}", source, line=error.lineno) from error
    check(data, source)
    return from_dict(data)


def from_dict(data: Mapping[str, Any]) -> Timeline:
    """The records of a timeline document already checked against the schema."""
    events = tuple(_event(e) for e in data["events"])
    own = _own_events(events)
    documents = tuple(
        _document(d, own.get(str(d["id"]), ()) if own is not None else ())
        for d in data["documents"]
    )
    problems = tuple(
        Problem(str(p["source"]), str(p["message"]), p.get("line")) for p in data["problems"]
    )
    return Timeline(documents=documents, events=events, problems=problems)


def _own_events(events: Sequence[Event]) -> dict[str, tuple[Event, ...]] | None:
    """Each document's own events in the order it gave them, or None when the JSON
    does not hold them as given (see the module's docstring)."""
    if any(e.sources or (e.date is None and e.date_text) for e in events):
        return None
    found: dict[str, list[tuple[int, int, Event]]] = {}
    for k, event in enumerate(events):
        position = _POSITION.search(event.id)
        rank = int(position.group(1)) if position else 0
        found.setdefault(event.document, []).append((rank, k, event))
    return {doc: tuple(e for _, _, e in sorted(items)) for doc, items in found.items()}


def _document(d: Mapping[str, Any], events: tuple[Event, ...]) -> DocumentResult:
    anchor = d.get("anchor")
    document = Document(
        id=str(d["id"]),
        text="",
        source=str(d["source"]),
        anchor=date.fromisoformat(anchor) if anchor else None,
        anchor_source=str(d.get("anchor_source") or "none"),
        title=d.get("title"),
        url=d.get("url"),
    )
    timexes = tuple(_timex(t) for t in d.get("timexes", ()))
    return DocumentResult(document=document, timexes=timexes, events=events)


def _timex(t: Mapping[str, Any]) -> TimeExpression:
    value = str(t["value"])
    resolved = bool(t.get("resolved", True))
    days = timex.sort_range(value) if resolved and t["type"] in ("DATE", "TIME") else None
    return TimeExpression(
        start=int(t["start"]),
        end=int(t["end"]),
        text=str(t["text"]),
        type=t["type"],
        value=value,
        mod=t.get("mod"),
        resolved=resolved,
        sort_key=days[0] if days else None,
        sort_end=days[1] if days else None,
        anchor=t.get("anchor"),
        dates=_dates(t.get("dates")),
    )


def _dates(d: Any) -> Span | None:
    if not isinstance(d, Mapping):
        return None
    return Span(str(d["name"]), int(d["start"]), int(d["end"]), str(d.get("class") or ""))


def _span(s: Mapping[str, Any]) -> Span:
    return Span(str(s["name"]), int(s["start"]), int(s["end"]), str(s.get("label", "")))


def _place(p: Mapping[str, Any]) -> Place:
    return Place(
        name=str(p["name"]),
        start=int(p["start"]),
        end=int(p["end"]),
        country=p.get("country"),
        latitude=p.get("latitude"),
        longitude=p.get("longitude"),
        document=p.get("document"),
    )


def _actor(a: Mapping[str, Any]) -> Actor:
    return Actor(
        name=str(a["name"]),
        text=str(a.get("text", a["name"])),
        start=int(a["start"]),
        end=int(a["end"]),
        label=str(a["label"]),
        role=str(a.get("role", "source")),
        country=a.get("country"),
        document=a.get("document"),
    )


def _mention(m: Mapping[str, Any]) -> Mention:
    trigger = m.get("trigger")
    return Mention(
        int(m["start"]), int(m["end"]), str(m["text"]), _span(trigger) if trigger else None
    )


def _reported(r: Mapping[str, Any]) -> Reported:
    return Reported(r.get("by"), r.get("date"), r.get("date_text"), _span(r["trigger"]))


def _source(s: Mapping[str, Any]) -> Source:
    return Source(
        document=str(s["document"]),
        event=str(s["event"]),
        anchor=s.get("anchor"),
        date=s.get("date"),
        date_text=str(s["date_text"]),
        status=s["status"],
        location=s.get("location"),
        summary=str(s["summary"]),
        trigger=_span(s["trigger"]),
        sentence=str(s["sentence"]),
        start=int(s["start"]),
        end=int(s["end"]),
    )


def _event(e: Mapping[str, Any]) -> Event:
    value = e.get("date")
    days = timex.sort_range(value) if value else None
    location = e.get("location")
    return Event(
        id=str(e["id"]),
        document=str(e["document"]),
        date=value,
        date_text=str(e.get("date_text") or ""),
        granularity=e.get("granularity"),
        type=str(e["type"]),
        status=e["status"],
        summary=str(e["summary"]),
        trigger=_span(e["trigger"]),
        location=_place(location) if location else None,
        actors=tuple(_actor(a) for a in e["actors"]),
        sentence=str(e["sentence"]),
        start=int(e["start"]),
        end=int(e["end"]),
        mentions=tuple(_mention(m) for m in e.get("mentions", ())),
        plover=e.get("plover"),
        reported=tuple(_reported(r) for r in e.get("reported", ())),
        # JSON of 1.2 or earlier says nothing: its dates were all a time expression's
        dated_by=e.get("dated_by", "text" if value else None),
        sort_key=days[0] if days else None,
        sort_end=days[1] if days else None,
        sources=tuple(_source(s) for s in e.get("sources", ())),
        locations=tuple(_place(p) for p in e.get("locations", ())),
        conflicts=tuple(
            Conflict(c["field"], tuple(c["values"]), tuple(c["documents"]))
            for c in e.get("conflicts", ())
        ),
    )
