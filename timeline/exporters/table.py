"""`table`: a rich table for people at a terminal (the default there).

A line per document first, naming its anchor (the date relative dates were
resolved against) and where it came from, since every date below depends on
it; then one table in the timeline's order, with a `source` column when there
are several documents (every document that reports the event, for one merged
across documents; a line marked ⚠ under the summary when they disagree on
its date or place). Text goes into the table as plain `Text`, never as
console markup, so brackets in an article cannot restyle or hide anything.
Colour and width follow the stream: plain text to a file or a pipe.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TextIO

from timeline.exporters._base import (
    Note,
    actor_names,
    anchor_line,
    conflict_note,
    documents_by_id,
    ignore_note,
    location_name,
    source_labels,
)

if TYPE_CHECKING:
    from rich.table import Table

_STATUS_STYLE = {"occurred": "green", "planned": "yellow"}


def build_table(data: Mapping[str, Any]) -> Table:
    # rich is imported when a table is made, so that the command line starts fast.
    from rich.table import Table
    from rich.text import Text

    docs = documents_by_id(data)
    several = len(data["documents"]) > 1
    table = Table(highlight=False)
    # overflow="fold": a long id is broken across lines rather than cut short.
    table.add_column("date", style="bold", overflow="fold")
    table.add_column("event", overflow="fold")
    table.add_column("where", overflow="fold")
    table.add_column("who", overflow="fold")
    table.add_column("status", no_wrap=True)
    if several:
        table.add_column("source", overflow="fold")
    for event in data["events"]:
        date = Text(event.get("date") or "undated")
        if event.get("date_text") and event["date_text"] != event.get("date"):
            date.append(f"\n{event['date_text']}", style="dim")
        elif event.get("dated_by") == "context":  # no words date it: the story's day
            date.append("\nimplied", style="dim italic")
        summary = Text(event["summary"])
        disagree = conflict_note(event)
        if disagree:
            summary.append(f"\n⚠ {disagree}", style="bold red")
        cells = [
            date,
            summary,
            Text(location_name(event)),
            Text("; ".join(actor_names(event))),
            Text(event["status"], style=_STATUS_STYLE.get(event["status"], "")),
        ]
        if several:
            cells.append(Text("; ".join(source_labels(event, docs))))
        table.add_row(*cells)
    return table


class TableExporter:
    name = "table"
    extensions: tuple[str, ...] = (".txt",)
    description = "a table for reading at a terminal"
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
        from rich.console import Console
        from rich.text import Text

        console = Console(file=out, markup=False, emoji=False, highlight=False)
        # rich ends the process (SystemExit 1) on a closed pipe; the command
        # line decides what a closed pipe means, so let the error through.
        console.on_broken_pipe = _reraise  # type: ignore[method-assign]
        for doc in data["documents"]:
            console.print(Text(anchor_line(doc), style="dim"), soft_wrap=True)
        if not data["events"]:
            console.print(Text("no events", style="italic"))
            return
        console.print(build_table(data))


EXPORTER = TableExporter()


def _reraise() -> None:
    raise  # the BrokenPipeError being handled
