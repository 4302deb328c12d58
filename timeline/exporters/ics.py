"""`ics`: an iCalendar file (RFC 5545) for calendar applications.

One VEVENT per event dated to a day or finer:
- a day (`2022-01-11`, also `2022-W02-2` and part-of-day values like
  `2022-01-11TAF`) is an all-day event: `DTSTART;VALUE=DATE` and `DTEND` the
  next day (DTEND is exclusive);
- a time (`2022-01-11T15:00`) is a floating local date-time with no DTEND
  (RFC 5545 3.6.1: the event ends when it starts). News rarely says the time
  zone, and inventing one would move the event; floating time shows it at
  the stated clock time wherever the calendar is.
Events dated more coarsely (year, month, week, ...), unresolved or undated
are left out and counted in a note: a calendar cannot show "2014" or "this
week" without inventing a day.

Properties: SUMMARY (the summary), LOCATION, DESCRIPTION (the sentence, the
actors, the source document), CATEGORIES (the event type), STATUS
(`CONFIRMED` for occurred, `TENTATIVE` for planned), URL (the article's, if
it is an http(s) URL), UID and DTSTAMP.

UID is stable across runs: a hash of the document id, the date and the
trigger's offsets, so importing a new export updates events instead of
doubling them (a re-dated event gets a new UID: it is, for the calendar, a
different event). DTSTAMP is required, and would normally be the time the file
was made; a clock time would make every export differ, so it is midnight UTC
of the document's anchor (the date the information is from), or the Unix
epoch when the document has none.

Text values are escaped (`\\`, `;`, `,`, line breaks as `\\n`), control
characters dropped, lines end in CRLF and are folded at 75 octets without
splitting a UTF-8 character.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from datetime import timedelta
from typing import Any, TextIO

from timeline import __version__
from timeline.exporters._base import (
    Note,
    actor_names,
    document_label,
    documents_by_id,
    ignore_note,
    location_name,
)
from timeline.intervals import Interval, parse_value

PRODID = f"-//timeline//timeline {__version__}//EN"
EPOCH_STAMP = "19700101T000000Z"
_STATUS = {"occurred": "CONFIRMED", "planned": "TENTATIVE"}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_HTTP_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+")


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): `\\`, `;`, `,` and line breaks escaped."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = _LINE_BREAK.sub("\\\\n", value)
    return _CONTROL.sub("", value)


def fold(line: str) -> str:
    """One content line folded at 75 octets (RFC 5545 3.1), CRLF-terminated.

    Continuation lines start with a space, which counts in their 75 octets.
    A UTF-8 character is never split across lines.
    """
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line + "\r\n"
    parts: list[bytes] = []
    start, limit = 0, 75
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # inside a character: cut before it
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8") + "\r\n"


def uid(event: Mapping[str, Any]) -> str:
    trigger = event["trigger"]
    key = f"{event['document']}\x1f{event['date']}\x1f{trigger['start']}\x1f{trigger['end']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@timeline"


def dtstamp(doc: Mapping[str, Any] | None) -> str:
    anchor = doc.get("anchor") if doc else None
    if anchor:
        return anchor.replace("-", "") + "T000000Z"
    return EPOCH_STAMP


def _when(interval: Interval) -> list[str]:
    first = interval.first.strftime("%Y%m%d")
    if interval.hour is None:
        after = (interval.first + timedelta(days=1)).strftime("%Y%m%d")
        return [f"DTSTART;VALUE=DATE:{first}", f"DTEND;VALUE=DATE:{after}"]
    clock = f"{interval.hour:02d}{interval.minute or 0:02d}{interval.second or 0:02d}"
    return [f"DTSTART:{first}T{clock}"]


def description(event: Mapping[str, Any], doc: Mapping[str, Any] | None) -> str:
    parts = [event["sentence"].strip()]
    actors = actor_names(event)
    if actors:
        parts.append("Who: " + "; ".join(actors))
    source = f"Source: {document_label(doc, event['document'])}"
    if doc and doc.get("source"):
        source += f" ({doc['source']})"
    if doc and doc.get("anchor"):
        source += f", anchor {doc['anchor']}"
    parts.append(source)
    if event.get("date_text"):
        parts.append(f"Date as written: {event['date_text']}")
    return "\n\n".join(parts)


def vevent(
    event: Mapping[str, Any], doc: Mapping[str, Any] | None, interval: Interval
) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{uid(event)}", f"DTSTAMP:{dtstamp(doc)}", *_when(interval)]
    lines.append(f"SUMMARY:{escape_text(event['summary'])}")
    if location_name(event):
        lines.append(f"LOCATION:{escape_text(location_name(event))}")
    lines.append(f"DESCRIPTION:{escape_text(description(event, doc))}")
    lines.append(f"CATEGORIES:{escape_text(event['type'])}")
    lines.append(f"STATUS:{_STATUS.get(event['status'], 'CONFIRMED')}")
    url = (doc or {}).get("url")
    if url and _HTTP_URL.fullmatch(url):
        lines.append(f"URL:{url}")
    lines.append("END:VEVENT")
    return lines


def _left_out(counts: Counter[str]) -> str:
    return ", ".join(f"{count} {why}" for why, count in sorted(counts.items()))


class IcsExporter:
    name = "ics"
    extensions: tuple[str, ...] = (".ics", ".ical", ".ifb")
    description = "a calendar (iCalendar, RFC 5545) of the events dated to a day or time"
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
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            f"PRODID:{PRODID}",
            "CALSCALE:GREGORIAN",
            "X-WR-CALNAME:" + escape_text(_calendar_name(data)),
        ]
        left_out: Counter[str] = Counter()
        seen: dict[str, int] = {}
        for event in data["events"]:
            interval = parse_value(event.get("date"))
            if interval is None:
                left_out["undated" if not event.get("date") else "unresolved"] += 1
                continue
            if not interval.is_day_or_finer:
                left_out[f"dated only to a {interval.granularity}"] += 1
                continue
            block = vevent(event, docs.get(event["document"]), interval)
            # Two events on one trigger and date would share a UID: number the repeats.
            base = block[1]
            seen[base] = seen.get(base, 0) + 1
            if seen[base] > 1:
                block[1] = base.replace("@", f"-{seen[base]}@", 1)
            lines.extend(block)
        lines.append("END:VCALENDAR")
        if left_out:
            total = sum(left_out.values())
            note(
                f"ics: {total} of {len(data['events'])} events left out of the calendar "
                f"(a calendar needs a day): {_left_out(left_out)}"
            )
        out.write("".join(fold(line) for line in lines))


def _calendar_name(data: Mapping[str, Any]) -> str:
    if len(data["documents"]) == 1:
        return "Timeline: " + document_label(data["documents"][0])
    return f"Timeline of {len(data['documents'])} documents"


EXPORTER = IcsExporter()
