"""`table`: a rich table for people at a terminal (the default there).

A line per document first, naming its anchor (the date relative dates were
resolved against) and where it came from, since every date below depends on
it; then one table in the timeline's order, with a `source` column when there
are several documents. Text goes into the table as plain `Text`, never as
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
    document_label,
    documents_by_id,
    ignore_note,
    location_name,
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
        cells = [
            date,
            Text(event["summary"]),
            Text(location_name(event)),
            Text("; ".join(actor_names(event))),
            Text(event["status"], style=_STATUS_STYLE.get(event["status"], "")),
        ]
        if several:
            cells.append(Text(document_label(docs.get(event["document"]), event["document"])))
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
        for doc in data["documents"]:
            console.print(Text(anchor_line(doc), style="dim"), soft_wrap=True)
        if not data["events"]:
            console.print(Text("no events", style="italic"))
            return
        console.print(build_table(data))


EXPORTER = TableExporter()
