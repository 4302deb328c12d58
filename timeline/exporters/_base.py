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
    """`2022-01-10 (Monday)`; `undated (last spring)` when the date is unknown."""
    date, text = event.get("date"), event.get("date_text") or ""
    if not date:
        return f"undated ({text})" if text else "undated"
    if text and text != date:
        return f"{date} ({text})"
    return str(date)


def anchor_line(doc: Mapping[str, Any]) -> str:
    """`id “title”: anchor 2022-01-10 (option)` for headers above a timeline."""
    title = f" “{doc['title']}”" if doc.get("title") else ""
    anchor = doc.get("anchor") or "none"
    return f"{doc['id']}{title}: anchor {anchor} ({doc.get('anchor_source') or 'none'})"


def per_document(data: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """The timeline cut into one timeline per document: (document id, timeline).

    Each part keeps the schema version, its document and that document's
    events in the timeline's order; problems belong to no document and are
    left out.
    """
    parts = []
    for doc in data["documents"]:
        events = [event for event in data["events"] if event["document"] == doc["id"]]
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
