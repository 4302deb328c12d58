"""`csv`: one row per event, flat columns, for spreadsheets and pandas.

RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma,
a quote or a line break (quotes doubled). Line breaks inside a field are kept
as they are in the text; readers that follow RFC 4180 (Python's csv, pandas,
LibreOffice, Excel) keep them inside the cell. No BOM (Excel guesses the
encoding of a plain .csv wrongly, but a BOM breaks other readers' first
column name).

A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return would
be run by a spreadsheet as a formula (CSV injection: a scraped sentence such
as `=HYPERLINK(...)`), so it is written after a single quote, as OWASP
advises: the spreadsheet shows the text, and the quote is visible to other
readers. `CsvExporter(raw=True)` (`--csv-raw`) writes every cell as it is.

`sources` lists the ids of the documents that report the event (its own
`document` first; several for an event merged across documents), joined by
`; `; `conflicts` says where they disagree on its date or place.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any, TextIO

from timeline.exporters._base import (
    Note,
    actor_names,
    conflict_note,
    ignore_note,
    location_name,
    source_documents,
)

COLUMNS = (
    "date",
    "date_text",
    "granularity",
    "type",
    "status",
    "summary",
    "location",
    "actors",
    "document",
    "sources",
    "conflicts",
    "sentence",
    "id",
)
ACTOR_SEPARATOR = "; "


# What a spreadsheet takes for the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(cell: str) -> str:
    """`cell` as a spreadsheet shows it but never runs it."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def row(event: Mapping[str, Any], *, raw: bool = False) -> list[str]:
    values = {
        "location": location_name(event),
        "actors": ACTOR_SEPARATOR.join(actor_names(event)),
        "sources": ACTOR_SEPARATOR.join(source_documents(event)),
        "conflicts": conflict_note(event),
    }
    cells = []
    for column in COLUMNS:
        value = values[column] if column in values else event.get(column)
        cell = "" if value is None else str(value)
        cells.append(cell if raw else neutralised(cell))
    return cells


class CsvExporter:
    name = "csv"
    extensions: tuple[str, ...] = (".csv",)
    description = "one row per event (CSV, RFC 4180)"
    one_document = False
    needs_text = False

    def __init__(self, *, raw: bool = False) -> None:
        self.raw = raw  # cells as they are, formulas and all

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(COLUMNS)
        writer.writerows(row(event, raw=self.raw) for event in data["events"])
        out.write(buffer.getvalue())


EXPORTER = CsvExporter()
