"""The interface every exporter implements, and helpers they share.

An exporter turns the timeline JSON document (`Timeline.to_dict()`, described
by `timeline.schema`) into one format, written to a text stream. It starts
from the JSON form rather than from the records so that `timeline export` can
convert saved JSON without running the pipeline again.

Conventions:
- `write` checks everything it can before writing anything, and builds its
  output before writing it, so that a refusal (ExportError) leaves the stream
  untouched; `timeline.output` makes file output all-or-nothing as well.
- Output is deterministic: the same data gives the same bytes (no clock, no
  random ids, no dict-order surprises).
- Whatever an exporter leaves out (events a calendar cannot place, overlapping
  spans) is counted in a message passed to `note`; the CLI prints notes on
  stderr.
- Text is written with explicit line ends (CRLF where the format wants it);
  file streams are opened with newline="" so nothing translates them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TextIO

from timeline import timex
from timeline.errors import ExportError

Note = Callable[[str], None]


def ignore_note(message: str) -> None:
    """The default `note`: drop the message."""


class Exporter(Protocol):
    """One output format.

    name: what `--format` takes.
    extensions: file name endings (with the dot, lower case) that select it from
        `-o FILE`; the longest match wins, so `.timelinejs.json` beats `.json`.
    description: one line for `--help`.
    one_document: the format holds a single document (TimeML); several
        documents need a folder, one file each.
    needs_text: `write` needs the documents' full text in `texts`.
    """

    name: str
    extensions: tuple[str, ...]
    description: str
    one_document: bool
    needs_text: bool

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        """Write `data` (a timeline document) to `out` in this format."""
        ...


def documents_by_id(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The documents by id; with duplicate ids the first one wins."""
    found: dict[str, Mapping[str, Any]] = {}
    for doc in data["documents"]:
        found.setdefault(doc["id"], doc)
    return found


def document_label(doc: Mapping[str, Any] | None, fallback: str = "") -> str:
    """A document's title, else its id."""
    if doc is None:
        return fallback
    title = doc.get("title")
    return str(title) if title else str(doc["id"])


def actor_names(event: Mapping[str, Any]) -> list[str]:
    """The event's actor names in order, each once."""
    names: list[str] = []
    for actor in event["actors"]:
        if actor["name"] not in names:
            names.append(actor["name"])
    return names


def location_name(event: Mapping[str, Any]) -> str:
    location = event.get("location")
    return str(location["name"]) if location else ""


def date_label(event: Mapping[str, Any]) -> str:
    """`2022-01-10 (Monday)`; `2022-01-10 (implied)` when the text implies the date
    (`dated_by` "context"); `undated (last spring)` when the date is unknown."""
    date, text = event.get("date"), event.get("date_text") or ""
    if not date:
        return f"undated ({text})" if text else "undated"
    if not text and event.get("dated_by") == "context":
        return f"{date} (implied)"
    if text and text != date:
        return f"{date} ({text})"
    return str(date)


def anchor_line(doc: Mapping[str, Any]) -> str:
    """`id “title”: anchor 2022-01-10 (option)` for headers above a timeline."""
    title = f" “{doc['title']}”" if doc.get("title") else ""
    anchor = doc.get("anchor") or "none"
    return f"{doc['id']}{title}: anchor {anchor} ({doc.get('anchor_source') or 'none'})"


def source_documents(event: Mapping[str, Any]) -> list[str]:
    """The ids of the documents that report an event: its own first, then its other
    sources (an event merged across documents), each once."""
    ids = [str(event["document"])]
    for source in event.get("sources") or ():
        if str(source["document"]) not in ids:
            ids.append(str(source["document"]))
    return ids


def source_labels(event: Mapping[str, Any], docs: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The titles (else ids) of the documents that report an event."""
    return [document_label(docs.get(d), d) for d in source_documents(event)]


def who_says_what(conflict: Mapping[str, Any], label: Callable[[str], str] = str) -> str:
    """`the date: 2022-01-12 (a, c); 2022-01-13 (b)` for a conflict {"field", "values",
    "documents"} (documents[i] gives values[i]); `label` names a document."""
    said: dict[str, list[str]] = {}
    for value, document in zip(conflict["values"], conflict["documents"], strict=False):
        said.setdefault(str(value), []).append(label(str(document)))
    what = {"location": "place"}.get(str(conflict["field"]), str(conflict["field"]))
    listed = "; ".join(f"{value} ({', '.join(ids)})" for value, ids in said.items())
    return f"the {what}: {listed}"


def conflict_note(event: Mapping[str, Any]) -> str:
    """`sources disagree on the date: 2022-01-12 (a, c); 2022-01-13 (b)`, or ""."""
    return ". ".join(
        f"sources disagree on {who_says_what(c)}" for c in event.get("conflicts") or ()
    )


def own_events(data: Mapping[str, Any], document_id: str) -> list[dict[str, Any]]:
    """The events as one document reports them, in the timeline's order: its own, and
    its report of each event merged across documents (that report's id, date,
    status, trigger, sentence, and the participants and place it names)."""
    out: list[dict[str, Any]] = []
    for event in data["events"]:
        sources = event.get("sources") or ()
        if not sources:
            if event["document"] == document_id:
                out.append(dict(event))
            continue
        for source in sources:
            if source["document"] == document_id:
                out.append(_as_reported(event, source))
    return out


def _as_reported(event: Mapping[str, Any], source: Mapping[str, Any]) -> dict[str, Any]:
    document = source["document"]

    def here(item: Mapping[str, Any]) -> bool:
        return item.get("document", event["document"]) == document

    location = event.get("location")
    if location is None or not here(location):
        location = next((p for p in event.get("locations") or () if here(p)), None)
    view = {
        key: value
        for key, value in event.items()
        if key not in ("sources", "locations", "conflicts")
    }
    view.update(
        id=source["event"],
        document=document,
        date=source["date"],
        date_text=source["date_text"],
        granularity=timex.granularity(source["date"]),
        status=source["status"],
        summary=source["summary"],
        trigger=source["trigger"],
        sentence=source["sentence"],
        start=source["start"],
        end=source["end"],
        location=_without_document(location) if location is not None else None,
        actors=[_without_document(a) for a in event["actors"] if here(a)],
    )
    if document != event["document"]:
        view.update(mentions=[], reported=[])
    return view


def _without_document(item: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in item.items() if key != "document"}


def per_document(data: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The timeline cut into one timeline per document: (document id, timeline).

    Each part keeps the schema version, its document and that document's
    events as it reports them (`own_events`) in the timeline's order; problems
    belong to no document and are left out.
    """
    parts = []
    for doc in data["documents"]:
        events = own_events(data, doc["id"])
        part = {
            "schema_version": data["schema_version"],
            "documents": [doc],
            "events": events,
            "problems": [],
        }
        parts.append((str(doc["id"]), part))
    return parts


def missing_text(format_name: str) -> ExportError:
    """The error of a format that needs the documents' text when it is not there."""
    return ExportError(
        f"{format_name} needs the document text, which the JSON does not carry: "
        f"run `timeline extract --format {format_name}` on the articles"
    )
