"""`timeml`: ISO-TimeML 1.2.1, as TimeBank and TempEval-3 distribute it.

One document per file (`<TimeML>` holds one `<TEXT>`): with several documents
give a folder (`-o DIR/`), one `.tml` each; to stdout or one file, only one.

The file has DOCID, the DCT (the anchor as `<TIMEX3 tid="t0" ...
functionInDocument="CREATION_TIME">`, left out when the document has no
anchor), TITLE when there is one, and TEXT: the document text exactly as
read, with inline `<TIMEX3 tid type value [mod]>` around every temporal
expression and `<EVENT eid class>` around every event's trigger and around
what each date dates that is no event of the timeline (its `dates`: "shares
rose on Friday"). After TEXT, a `<MAKEINSTANCE>` per event and a `<TLINK
relType="IS_INCLUDED">` from the event to the TIMEX3 that dates it when that
expression is tagged.

TimeML cannot nest or cross these tags: spans are taken in text order, the
longer first, and a span overlapping one already taken is skipped (the inner
one of nested spans; a TIMEX3 wins over an EVENT on the same words); two
events on the same trigger share one EVENT with two MAKEINSTANCEs. Skipped
spans are counted in a note.

The text is needed and the JSON does not carry it: the exporter takes it from
`texts` (document id -> text), which `timeline extract` passes. Converting
saved JSON with `timeline export` therefore cannot make TimeML, and says so.
Reproducing the text exactly: `&`, `<`, `>` are escaped, carriage returns are
written as `&#13;` (XML parsers turn raw ones into line feeds), and the few
characters XML 1.0 cannot carry at all (most C0 controls) become U+FFFD, one
for one so that offsets hold, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, NamedTuple, TextIO

from timeline.errors import ExportError
from timeline.events.lexicon import timeml_class
from timeline.exporters._base import Note, ignore_note, missing_text, own_events

TIMEML_NAMESPACE = (
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xsi:noNamespaceSchemaLocation="http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"'
)
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_SPECIAL = re.compile("[&<>\r]")
_ATTR_SPECIAL = re.compile('[&<>\r"\n\t]')


def escape_text(text: str) -> str:
    return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m[0]], _NOT_XML.sub("\ufffd", text))


def escape_attr(text: str) -> str:
    return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m[0]], _NOT_XML.sub("\ufffd", text))


class _Span(NamedTuple):
    start: int
    end: int
    kind: str  # "TIMEX3" or "EVENT"
    item: Mapping[str, Any]


def _spans(doc: Mapping[str, Any], events: list[Mapping[str, Any]], text: str) -> list[_Span]:
    spans: list[_Span] = []
    for timex in doc["timexes"]:
        start, end = timex["start"], timex["end"]
        if not 0 <= start <= end <= len(text) or text[start:end] != timex["text"]:
            raise ExportError(
                f"the text given for document {doc['id']!r} does not match its offsets: "
                f"{timex['text']!r} is not at {start}-{end}"
            )
        spans.append(_Span(start, end, "TIMEX3", timex))
    for event in events:
        trigger = event["trigger"]
        if not 0 <= trigger["start"] <= trigger["end"] <= len(text):
            raise ExportError(
                f"the text given for document {doc['id']!r} does not match its offsets: "
                f"event {event['id']!r} has its trigger at {trigger['start']}-{trigger['end']}"
            )
        spans.append(_Span(trigger["start"], trigger["end"], "EVENT", event))
    return spans


_Instances = dict[int, list[Mapping[str, Any]]]  # index of an EVENT span -> its events


def _place(spans: list[_Span]) -> tuple[list[_Span], _Instances, dict[str, int]]:
    """The spans that can be tagged, the events of each EVENT, and what was skipped."""
    ordered = sorted(
        (s for s in spans if s.end > s.start),
        key=lambda s: (s.start, -s.end, s.kind != "TIMEX3"),
    )
    taken: list[_Span] = []
    instances: _Instances = {}
    skipped = {"TIMEX3": 0, "EVENT": 0}
    for span in ordered:
        last = taken[-1] if taken else None
        if last and span.kind == last.kind == "EVENT" and span[:2] == last[:2]:
            instances[len(taken) - 1].append(span.item)
            continue
        if last and span.start < last.end:
            skipped[span.kind] += 1
            continue
        taken.append(span)
        if span.kind == "EVENT":
            instances[len(taken) - 1] = [span.item]
    return taken, instances, skipped


def _dating_tid(event: Mapping[str, Any], taken: list[_Span], tids: dict[int, str]) -> str | None:
    """The tid of the tagged expression that dates the event, if any.

    Among the expressions with the event's value, the one written as the
    event's date_text, then the nearest to the trigger.
    """
    if not event.get("date"):
        return None
    if "timex_start" in event:  # the date the link is of
        return next((t for i, t in tids.items() if taken[i].start == event["timex_start"]), None)
    where = event["trigger"]["start"]
    candidates = [
        (taken[index].item["text"] != event.get("date_text"), abs(taken[index].start - where), tid)
        for index, tid in tids.items()
        if taken[index].item["value"] == event["date"]
    ]
    return min(candidates)[2] if candidates else None


def _tag(name: str, pairs: list[tuple[str, str]], inner: str | None = None) -> str:
    attrs = " ".join(f'{key}="{escape_attr(value)}"' for key, value in pairs)
    if inner is None:
        return f"<{name} {attrs}/>"
    return f"<{name} {attrs}>{inner}</{name}>"


def _dated(doc: Mapping[str, Any], events: list[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """What the document's dates date (a timex's `dates`) that no event's trigger is:
    TimeML links every date to its event, a timeline keeps only some events."""
    triggers = {(e["trigger"]["start"], e["trigger"]["end"]) for e in events}
    out: list[Mapping[str, Any]] = []
    for timex in doc["timexes"]:
        dates = timex.get("dates")
        if not dates or (dates["start"], dates["end"]) in triggers:
            continue
        triggers.add((dates["start"], dates["end"]))
        out.append(
            {
                "id": f"date {timex['start']}",
                "trigger": dates,
                "timeml_class": dates["class"],
                "date": timex["value"],
                "timex_start": timex["start"],
            }
        )
    return out


def render(doc: Mapping[str, Any], events: list[Mapping[str, Any]], text: str, note: Note) -> str:
    """The TimeML file of one document, its events and its text."""
    taken, instances, skipped = _place(_spans(doc, [*events, *_dated(doc, events)], text))
    if any(skipped.values()):
        counts = " and ".join(f"{n} {kind}" for kind, n in skipped.items() if n)
        note(f"timeml: {doc['id']}: skipped {counts} overlapping a tag already placed")
    bad = len(_NOT_XML.findall(text))
    if bad:
        note(f"timeml: {doc['id']}: {bad} characters XML cannot carry written as U+FFFD")

    tids: dict[int, str] = {}
    eids: dict[int, str] = {}
    for index, span in enumerate(taken):
        if span.kind == "TIMEX3":
            tids[index] = f"t{len(tids) + 1}"
        else:
            eids[index] = f"e{len(eids) + 1}"

    body: list[str] = []
    position = 0
    for index, span in enumerate(taken):
        body.append(escape_text(text[position : span.start]))
        inner = escape_text(text[span.start : span.end])
        if span.kind == "TIMEX3":
            pairs = [("tid", tids[index]), ("type", span.item["type"])]
            pairs.append(("value", span.item["value"]))
            if span.item.get("mod"):
                pairs.append(("mod", span.item["mod"]))
            body.append(_tag("TIMEX3", pairs, inner))
        else:
            event_class = span.item.get("timeml_class") or timeml_class(span.item["type"])
            body.append(_tag("EVENT", [("eid", eids[index]), ("class", event_class)], inner))
        position = span.end
    body.append(escape_text(text[position:]))

    tail: list[str] = []
    links: list[str] = []
    for index, eid in eids.items():
        for event in instances[index]:
            eiid = f"ei{len(tail) + 1}"
            tail.append(
                _tag(
                    "MAKEINSTANCE",
                    [
                        ("eiid", eiid),
                        ("eventID", eid),
                        ("tense", "NONE"),
                        ("aspect", "NONE"),
                        ("polarity", "POS"),
                        ("pos", "OTHER"),
                    ],
                )
            )
            tid = _dating_tid(event, taken, tids)
            if tid:
                links.append(
                    _tag(
                        "TLINK",
                        [
                            ("lid", f"l{len(links) + 1}"),
                            ("relType", "IS_INCLUDED"),
                            ("eventInstanceID", eiid),
                            ("relatedToTime", tid),
                        ],
                    )
                )

    parts = ['<?xml version="1.0" encoding="UTF-8"?>', f"<TimeML {TIMEML_NAMESPACE}>", ""]
    parts += [f"<DOCID>{escape_text(doc['id'])}</DOCID>", ""]
    if doc.get("anchor"):
        dct = [
            ("tid", "t0"),
            ("type", "DATE"),
            ("value", doc["anchor"]),
            ("temporalFunction", "false"),
            ("functionInDocument", "CREATION_TIME"),
        ]
        parts += [f"<DCT>{_tag('TIMEX3', dct, escape_text(doc['anchor']))}</DCT>", ""]
    if doc.get("title"):
        parts += [f"<TITLE>{escape_text(doc['title'])}</TITLE>", ""]
    parts += ["<TEXT>" + "".join(body) + "</TEXT>", ""]
    parts += [*tail, *links]
    if tail:
        parts.append("")
    parts.append("</TimeML>")
    return "\n".join(parts) + "\n"


class TimeMlExporter:
    name = "timeml"
    extensions: tuple[str, ...] = (".tml", ".timeml")
    description = "ISO-TimeML with inline TIMEX3 and EVENT tags (one document per file)"
    one_document = True
    needs_text = True

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        documents = data["documents"]
        if len(documents) != 1:
            raise ExportError(
                f"timeml holds one document per file and this timeline has {len(documents)}: "
                "write them to a folder with -o DIR/"
            )
        doc = documents[0]
        if texts is None or doc["id"] not in texts:
            raise missing_text(self.name)
        events: list[Mapping[str, Any]] = list(own_events(data, doc["id"]))
        out.write(render(doc, events, texts[doc["id"]], note))


EXPORTER = TimeMlExporter()
