"""The events as the html page shows them: one view record an event.

A view record is plain JSON for the page's script: where the event sits on
the time axis (`start`, and `end` for a span), which lanes it belongs to in
each grouping, its facts as short strings, and `marks`, the parts of its
sentence to highlight (the date as written, the trigger) as offsets into the
sentence. Every field of the event is read with `.get`: events from older or
newer versions of the tool, with or without `plover`, actor roles and
countries, coordinates, `reported`, `sources` and `conflicts`, all make a page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from timeline.exporters._base import document_label, documents_by_id, who_says_what
from timeline.intervals import Interval, parse_value
from timeline.schema import EVENT_TYPES

NO_ACTOR = "(no actor named)"
Mark = tuple[int, int, str]


def axis(interval: Interval | None) -> tuple[str | None, str | None]:
    """Where an event sits on the axis: (start, None) for a point in time (a day
    or finer); (first day, day after the last) for a coarser date, drawn as a span;
    (None, None) without a date."""
    if interval is None:
        return None, None
    day = interval.first.isoformat()
    if interval.is_day_or_finer:
        if interval.hour is None:  # midday: zoomed in, the point stands inside its day
            return f"{day}T12:00:00", None
        clock = f"{interval.hour:02d}:{interval.minute or 0:02d}:{interval.second or 0:02d}"
        return f"{day}T{clock}", None
    return day, (interval.last + timedelta(days=1)).isoformat()


def date_label(date: str | None, interval: Interval | None) -> str:
    """The date for people: `2022-01-10`, `15:00 on 2022-01-11`, `week 2 of 2022`."""
    if interval is None:
        return f"{date} (not placed in time)" if date else "undated"
    day = interval.first.isoformat()
    if interval.part_of_day:
        return f"{day}, {interval.label}"
    if interval.hour is not None:
        return f"{interval.hour:02d}:{interval.minute or 0:02d} on {day}"
    if interval.label:
        return interval.label
    if interval.granularity == "month":
        return interval.first.strftime("%B %Y")
    if interval.granularity == "year":
        return str(interval.first.year)
    return day


def _inside(span: Any, start: int, sentence: str) -> tuple[int, int] | None:
    """A span's offsets relative to a sentence starting at `start`, if inside it."""
    if not isinstance(span, Mapping):
        return None
    first, last = span.get("start"), span.get("end")
    if not isinstance(first, int) or not isinstance(last, int):
        return None
    first, last = first - start, last - start
    return (first, last) if 0 <= first < last <= len(sentence) else None


def _find(sentence: str, words: str) -> tuple[int, int] | None:
    if not words:
        return None
    at = sentence.find(words)
    if at < 0:
        at = sentence.lower().find(words.lower())
    return (at, at + len(words)) if at >= 0 else None


def marks(
    sentence: str, start: int | None, date_text: str, event: Mapping[str, Any] | None = None
) -> list[Mark]:
    """The parts of a sentence to highlight: ("date") the date as written, every
    time the event's mentions put it in this sentence, else where the words are
    found; ("trigger") the word of the event. Sorted, never overlapping: a date
    wins over a trigger inside it ("the day after the summit")."""
    found: list[Mark] = []
    if event is not None and isinstance(start, int):
        for mention in event.get("mentions") or ():
            where = _inside(mention, start, sentence)
            if where and sentence[where[0] : where[1]] == date_text:
                found.append((*where, "date"))
    if not found:
        where = _find(sentence, date_text)
        if where:
            found.append((*where, "date"))
    if event is not None and isinstance(start, int):
        where = _inside(event.get("trigger"), start, sentence)
        if where and not any(a < where[1] and where[0] < b for a, b, _ in found):
            found.append((*where, "trigger"))
    return sorted(found)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(_text(item) for item in value)
    return json.dumps(value, ensure_ascii=False)


def reported(entry: Any) -> str:
    """`Reuters, on 2022-01-10 (“Monday”)` for {"by", "date", "date_text"}."""
    if not isinstance(entry, Mapping):
        return _text(entry)
    parts = [_text(entry["by"])] if entry.get("by") else []
    if entry.get("date"):
        when = f"on {entry['date']}"
        if entry.get("date_text") and entry["date_text"] != entry["date"]:
            when += f" (“{entry['date_text']}”)"
        parts.append(when)
    elif entry.get("date_text"):
        parts.append(f"“{entry['date_text']}”")
    return ", ".join(parts) or "unknown"


def conflict(entry: Any, docs: Mapping[str, Mapping[str, Any]] | None = None) -> str:
    """A disagreement between sources, in one line: `the place: Geneva (AFP); Genève
    (Reuters)` for {"field", "values", "documents"} (documents[i] gives values[i]),
    and whatever the fields of another shape."""
    if not isinstance(entry, Mapping):
        return _text(entry)
    values, documents = entry.get("values"), entry.get("documents")
    if isinstance(values, list) and isinstance(documents, list) and len(values) == len(documents):
        return who_says_what(entry, lambda d: document_label((docs or {}).get(d), d))
    return "; ".join(f"{key}: {_text(value)}" for key, value in entry.items())


def _actor(actor: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": str(actor.get("name") or ""),
        "label": actor.get("label") or "",
        "role": actor.get("role") or "",
        "country": actor.get("country") or "",
    }


def _place(location: Any) -> dict[str, Any] | None:
    if not isinstance(location, Mapping) or not location.get("name"):
        return None
    # `lat`/`lon` as the events issue names them; `latitude`/`longitude` as its work writes them.
    lat = location.get("lat", location.get("latitude"))
    lon = location.get("lon", location.get("longitude"))
    coordinates = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon))
    return {
        "name": str(location["name"]),
        "country": location.get("country") or "",
        "lat": lat if coordinates else None,
        "lon": lon if coordinates else None,
    }


def _http(url: Any) -> str:
    return url if isinstance(url, str) and url.startswith(("http://", "https://")) else ""


def view_record(
    index: int, event: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """What the page shows of one event."""
    doc = docs.get(event.get("document", ""))
    label = document_label(doc, str(event.get("document", "")))
    interval = parse_value(event.get("date"))
    start, end = axis(interval)
    sentence, date_text = str(event.get("sentence") or ""), str(event.get("date_text") or "")
    sources = []
    for source in event.get("sources") or ():
        if not isinstance(source, Mapping):
            continue
        source_doc = docs.get(source.get("document", ""))
        words = str(source.get("sentence") or "")
        sources.append(
            {
                "document": document_label(source_doc, str(source.get("document", ""))),
                "anchor": source.get("anchor") or (source_doc or {}).get("anchor") or "",
                "sentence": words,
                "marks": marks(words, None, str(source.get("date_text") or date_text)),
                "url": _http(source.get("url") or (source_doc or {}).get("url")),
            }
        )
    documents = [label] + [s["document"] for s in sources if s["document"] != label]
    actors = [_actor(a) for a in event.get("actors") or () if isinstance(a, Mapping)]
    names = list(dict.fromkeys(a["name"] for a in actors if a["name"]))
    kind = str(event.get("type") or "other")
    return {
        "i": index,
        "id": str(event.get("id", index)),
        "date": event.get("date"),
        "date_text": date_text,
        "dated_by": event.get("dated_by"),
        "date_label": date_label(event.get("date"), interval),
        "granularity": event.get("granularity") or (interval.granularity if interval else None),
        "start": start,
        "end": end,
        "type": kind,
        "type_label": kind.replace("_", " "),
        "status": str(event.get("status") or "occurred"),
        "plover": event.get("plover") or None,
        "summary": str(event.get("summary") or ""),
        "sentence": sentence,
        "marks": marks(sentence, event.get("start"), date_text, event),
        "place": _place(event.get("location")),
        "actors": actors,
        "reported": [reported(entry) for entry in event.get("reported") or ()],
        "sources": sources,
        "conflicts": [conflict(entry, docs) for entry in event.get("conflicts") or ()],
        "documents": list(dict.fromkeys(documents)),
        "url": _http((doc or {}).get("url")),
        "lanes": {
            "type": [kind.replace("_", " ")],
            "actor": names or [NO_ACTOR],
            "document": list(dict.fromkeys(documents)),
        },
    }


def view_records(data: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The view records of a timeline's events, in its order."""
    docs = documents_by_id(data)
    return [view_record(index, event, docs) for index, event in enumerate(data["events"])]


def lanes(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The lanes of each grouping, in the order they are drawn: types in the order
    of EVENT_TYPES, actors and documents as they first appear in the timeline."""
    order = {name.replace("_", " "): n for n, name in enumerate(EVENT_TYPES)}
    out: dict[str, list[str]] = {}
    for grouping in ("type", "actor", "document"):
        seen = dict.fromkeys(lane for r in records for lane in r["lanes"][grouping])
        out[grouping] = list(seen)
    out["type"].sort(key=lambda lane: order.get(lane, len(order)))
    if NO_ACTOR in out["actor"]:  # the lane of the unnamed last
        out["actor"].remove(NO_ACTOR)
        out["actor"].append(NO_ACTOR)
    return out
