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
actors, the source document; for an event merged across documents every
source with its sentence, and where they disagree), CATEGORIES (the event type), STATUS
(`CONFIRMED` for occurred, `TENTATIVE` for planned), URL (the article's, if
it is an http(s) URL), UID and DTSTAMP.

UID is stable across runs: a hash of the document id, the date and the
trigger's offsets, so importing a new export updates events instead of
doubling them (a re-dated event gets a new UID: it is, for the calendar, a
different event). DTSTAMP is required, and would normally be the time the file
was made; a clock time would make every export differ, so it is midnight UTC
of the document's anchor (the date the information is from), or the Unix
epoch when the document has none.

Written through the `icalendar` library: it escapes TEXT values (`\\`, `;`,
`,`, line breaks as `\\n`), ends lines in CRLF and folds them under 75
octets without splitting a UTF-8 character. Before that, line breaks of every
kind become one, and control characters are dropped (TEXT cannot hold them).
Properties keep the order written here (`to_ical(sorted=False)`), so the
file reads as before the library wrote it; only the fold points moved.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any, TextIO

from timeline import __version__
from timeline.exporters._base import (
    Note,
    actor_names,
    conflict_note,
    document_label,
    documents_by_id,
    ignore_note,
    location_name,
)
from timeline.intervals import Interval, parse_value

PRODID = f"-//timeline//timeline {__version__}//EN"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_STATUS = {"occurred": "CONFIRMED", "planned": "TENTATIVE"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # LF kept: applied after _LINE_BREAK
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")
_HTTP_URL = re.compile(r"https?://[^\s\"<>\\^`{|}]+")


@functools.cache
def _text_type() -> Any:
    """icalendar's TEXT value, one case put right (imported on first use: the
    library costs every start of the command line a tenth of a second).

    icalendar reads a literal backslash-N in the value as a line break before
    escaping (`\\N` is a line break on input); a sentence quoting `C:\\New`
    would lose its backslash. So the value is escaped in pieces around each
    backslash-N, which is written as an escaped backslash and an N.
    """
    import icalendar

    class Text(icalendar.vText):
        def to_ical(self) -> bytes:
            pieces = (icalendar.vText(piece).to_ical() for piece in str(self).split("\\N"))
            return b"\\\\N".join(pieces)

    return Text


def text(value: str) -> Any:
    """A TEXT value with one kind of line break and no control characters."""
    return _text_type()(_CONTROL.sub("", _LINE_BREAK.sub("\n", value)))


def uid(event: Mapping[str, Any]) -> str:
    trigger = event["trigger"]
    key = f"{event['document']}\x1f{event['date']}\x1f{trigger['start']}\x1f{trigger['end']}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + "@timeline"


def dtstamp(doc: Mapping[str, Any] | None) -> datetime:
    """Midnight UTC of the document's anchor; the epoch without one (or a bad one)."""
    anchor = doc.get("anchor") if doc else None
    try:
        day = date.fromisoformat(anchor) if anchor else None
    except ValueError:
        day = None
    return datetime(day.year, day.month, day.day, tzinfo=UTC) if day else EPOCH


def _when(event: Any, interval: Interval) -> None:
    day = interval.first
    if interval.hour is None:
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        return
    # A leap second (":60") has no datetime: the calendar shows the second before.
    second = min(interval.second or 0, 59)
    clock = datetime(day.year, day.month, day.day, interval.hour, interval.minute or 0, second)
    event.add("dtstart", clock)


def _source_line(document_id: str, doc: Mapping[str, Any] | None) -> str:
    line = document_label(doc, document_id)
    if doc and doc.get("source"):
        line += f" ({doc['source']})"
    if doc and doc.get("anchor"):
        line += f", anchor {doc['anchor']}"
    return line


def description(
    event: Mapping[str, Any],
    doc: Mapping[str, Any] | None,
    docs: Mapping[str, Mapping[str, Any]] | None = None,
) -> str:
    parts = [event["sentence"].strip()]
    actors = actor_names(event)
    if actors:
        parts.append("Who: " + "; ".join(actors))
    sources = event.get("sources") or ()
    if sources:  # merged across documents: every report, with what it says
        lines = [f"Sources ({len(sources)}):"]
        for source in sources:
            said = " ".join(str(source["sentence"]).split())
            where = _source_line(source["document"], (docs or {}).get(source["document"]))
            lines.append(f"- {where}: “{said}”")
        parts.append("\n".join(lines))
    else:
        parts.append(f"Source: {_source_line(event['document'], doc)}")
    disagree = conflict_note(event)
    if disagree:
        parts.append(disagree[0].upper() + disagree[1:])
    if event.get("date_text"):
        parts.append(f"Date as written: {event['date_text']}")
    return "\n\n".join(parts)


def vevent(
    event: Mapping[str, Any],
    doc: Mapping[str, Any] | None,
    interval: Interval,
    number: int = 1,
    docs: Mapping[str, Mapping[str, Any]] | None = None,
) -> Any:
    """The VEVENT of an event; `number` > 1 for a repeat of one trigger and date."""
    import icalendar

    out = icalendar.Event()
    identifier = uid(event)
    if number > 1:  # two events on one trigger and date would share a UID
        identifier = identifier.replace("@", f"-{number}@", 1)
    out.add("uid", identifier)
    out.add("dtstamp", dtstamp(doc))
    _when(out, interval)
    out.add("summary", text(event["summary"]))
    if location_name(event):
        out.add("location", text(location_name(event)))
    out.add("description", text(description(event, doc, docs)))
    out.add("categories", [text(event["type"])])
    out.add("status", _STATUS.get(event["status"], "CONFIRMED"))
    url = (doc or {}).get("url")
    if url and _HTTP_URL.fullmatch(url):
        out.add("url", url)
    return out


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
        import icalendar

        docs = documents_by_id(data)
        calendar = icalendar.Calendar()
        calendar.add("version", "2.0")
        calendar.add("prodid", PRODID)
        calendar.add("calscale", "GREGORIAN")
        calendar.add("x-wr-calname", text(_calendar_name(data)))
        left_out: Counter[str] = Counter()
        seen: Counter[str] = Counter()
        for event in data["events"]:
            interval = parse_value(event.get("date"))
            if interval is None:
                left_out["undated" if not event.get("date") else "unresolved"] += 1
                continue
            if not interval.is_day_or_finer:
                left_out[f"dated only to a {interval.granularity}"] += 1
                continue
            key = uid(event)
            seen[key] += 1
            doc = docs.get(event["document"])
            calendar.add_component(vevent(event, doc, interval, seen[key], docs))
        if left_out:
            total = sum(left_out.values())
            note(
                f"ics: {total} of {len(data['events'])} events left out of the calendar "
                f"(a calendar needs a day): {_left_out(left_out)}"
            )
        out.write(calendar.to_ical(sorted=False).decode("utf-8"))


def _calendar_name(data: Mapping[str, Any]) -> str:
    if len(data["documents"]) == 1:
        return "Timeline: " + document_label(data["documents"][0])
    return f"Timeline of {len(data['documents'])} documents"


EXPORTER = IcsExporter()
