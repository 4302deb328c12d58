"""`timelinejs`: the JSON that Knight Lab's TimelineJS3 displays.

The format (https://timeline.knightlab.com/docs/json-format.html): a `title`
slide and `events`, each with `start_date` (and `end_date`), `text`
{headline, text} and `group`. Date fields are strings, as in the examples of
the TimelineJS documentation: year, month, day, hour, minute (no leading
zeros).

Dates keep their precision: `2014` gives only a year, `2010-05` a year and a
month. Spans that TimelineJS has no word for (a week, a quarter, a half, a
season, a decade, a century) get a `start_date` and `end_date` covering the
span and a `display_date` saying what it is ("week 2 of 2022"). Undated and
unresolved events have no place on a time axis and are left out, counted in
a note.

`group` is the document (its title, else its id) when the timeline has
several documents, so each article gets its own row; with one document it is
the event type. `text` is HTML in TimelineJS, so every text in it is
HTML-escaped; the slide text is the sentence, where and who, and the source
(every source with its sentence for an event merged across documents, and
where they disagree).
`group` is escaped twice: TimelineJS 3 takes the text of it as HTML (tags
dropped, entities decoded), then sets that as HTML again, so a group escaped
once would come back as live markup (`&lt;img onerror=...&gt;` runs; the
browser test shows it) and a raw one would lose its tags.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from typing import Any, TextIO

from timeline.exporters._base import (
    Note,
    actor_names,
    anchor_line,
    conflict_note,
    document_label,
    documents_by_id,
    ignore_note,
    location_name,
)
from timeline.intervals import Interval, parse_value

_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_-]")


def date_fields(interval: Interval, *, end: bool = False) -> dict[str, str]:
    """A TimelineJS date object for the first (or last) day of the interval."""
    day = interval.last if end else interval.first
    fields = {"year": str(day.year)}
    if interval.granularity in ("century", "decade", "year"):
        return fields
    fields["month"] = str(day.month)
    if interval.granularity in ("half", "quarter", "season", "month"):
        return fields
    fields["day"] = str(day.day)
    if interval.hour is not None and not end:
        fields["hour"] = str(interval.hour)
        fields["minute"] = str(interval.minute or 0)
        if interval.second:
            fields["second"] = str(interval.second)
    return fields


def _source_link(document_id: str, doc: Mapping[str, Any] | None) -> str:
    source = html.escape(document_label(doc, document_id))
    url = (doc or {}).get("url")
    if url and url.startswith(("http://", "https://")):
        source = f'<a href="{html.escape(url, quote=True)}">{source}</a>'
    return source


def slide_text(
    event: Mapping[str, Any],
    doc: Mapping[str, Any] | None,
    docs: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    parts = [f"<p>{html.escape(event['sentence'].strip())}</p>"]
    facts = []
    if location_name(event):
        facts.append(f"Where: {html.escape(location_name(event))}")
    if event["actors"]:
        facts.append(f"Who: {html.escape('; '.join(actor_names(event)))}")
    facts.append(f"Status: {html.escape(event['status'])}")
    disagree = conflict_note(event)
    if disagree:
        facts.append(f"⚠ {html.escape(disagree)}")
    parts.append("<p>" + "<br>".join(facts) + "</p>")
    sources = event.get("sources") or ()
    if sources:  # merged across documents: every report
        items = "".join(
            f"<li>{_source_link(s['document'], (docs or {}).get(s['document']))}: "
            f"{html.escape(' '.join(str(s['sentence']).split()))}</li>"
            for s in sources
        )
        parts.append(f"<p>Sources ({len(sources)}):</p><ul>{items}</ul>")
    else:
        parts.append(f"<p>Source: {_source_link(event['document'], doc)}</p>")
    return "".join(parts)


def slide(
    event: Mapping[str, Any],
    doc: Mapping[str, Any] | None,
    interval: Interval,
    group: str,
    docs: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    out: dict[str, Any] = {"start_date": date_fields(interval)}
    if interval.first != interval.last and interval.granularity not in ("year", "month"):
        out["end_date"] = date_fields(interval, end=True)
    if interval.part_of_day:  # 2022-01-11TAF: the day, then "afternoon"
        out["display_date"] = f"{interval.first.isoformat()}, {interval.label}"
    elif interval.label:
        out["display_date"] = interval.label
    out["text"] = {"headline": html.escape(event["summary"]), "text": slide_text(event, doc, docs)}
    out["group"] = group
    out["unique_id"] = _UNSAFE_ID.sub("-", str(event["id"]))
    return out


class TimelineJsExporter:
    name = "timelinejs"
    extensions: tuple[str, ...] = (".timelinejs.json", ".tljs.json")
    description = "the JSON of Knight Lab's TimelineJS3"
    one_document = False
    needs_text = False

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        docs = documents_by_id(data)
        several = len(data["documents"]) > 1
        events = []
        ids: set[str] = set()
        left_out = 0
        for event in data["events"]:
            interval = parse_value(event.get("date"))
            if interval is None:
                left_out += 1
                continue
            doc = docs.get(event["document"])
            group = document_label(doc, event["document"]) if several else event["type"]
            made = slide(event, doc, interval, html.escape(html.escape(group)), docs)
            base, number = made["unique_id"], 1
            while made["unique_id"] in ids:  # ids that differ only in unsafe characters
                number += 1
                made["unique_id"] = f"{base}-{number}"
            ids.add(made["unique_id"])
            events.append(made)
        if left_out:
            note(
                f"timelinejs: {left_out} of {len(data['events'])} events left out "
                "(undated or unresolved: no place on a time axis)"
            )
        document = {"title": _title(data), "events": events}
        out.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def _title(data: Mapping[str, Any]) -> dict[str, Any]:
    documents = data["documents"]
    if len(documents) == 1:
        headline = document_label(documents[0])
    else:
        headline = f"Timeline of {len(documents)} documents"
    lines = "<br>".join(html.escape(anchor_line(doc)) for doc in documents)
    return {"text": {"headline": html.escape(headline), "text": f"<p>{lines}</p>"}}


EXPORTER = TimelineJsExporter()
