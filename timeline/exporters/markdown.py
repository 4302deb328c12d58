"""`md`: a GitHub-flavoured Markdown table, for reports, issues and wikis.

One table for the whole timeline, in the timeline's order, rather than one
table per document: the point of a timeline is a single chronology, and with
several articles their events interleave (talks reported by one, the follow-up
by another). Above the table a list names each document with its anchor (the
date relative dates were resolved against) and where that came from; with
several documents a `Source` column says which ones report each event (all
of them for an event merged across documents), and an event whose reports
disagree on its date or place says so after its summary (⚠).

Cells are escaped so that nothing in the text can break the table or turn
into markup: backslash, pipe and Markdown punctuation (`*`, `_`, `` ` ``, `[`,
`]`, `<`, `>`, `~`, and `&` where it would start an entity such as `&lt;`)
are backslash-escaped, line breaks become `<br>`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, TextIO

from timeline.exporters._base import (
    Note,
    actor_names,
    conflict_note,
    date_label,
    documents_by_id,
    ignore_note,
    location_name,
    source_labels,
)

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")  # "&lt;" would render as "<"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def cell(text: str) -> str:
    """`text` as one table cell: escaped, on one line."""
    escaped = _ENTITY.sub(r"\\&", _SPECIAL.sub(r"\\\1", text.strip()))
    return _LINE_BREAK.sub("<br>", escaped)


def inline(text: str) -> str:
    """`text` in running Markdown (headings, list items): escaped, on one line."""
    return cell(text)


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


class MarkdownExporter:
    name = "md"
    extensions: tuple[str, ...] = (".md", ".markdown")
    description = "a Markdown table (GitHub-flavoured)"
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
        lines = ["# Timeline", ""]
        for doc in data["documents"]:
            title = f" “{inline(doc['title'])}”" if doc.get("title") else ""
            anchor = inline(doc.get("anchor") or "none")
            how = inline(doc.get("anchor_source") or "none")
            lines.append(f"- **{inline(doc['id'])}**{title}: anchor {anchor} ({how})")
        if data["documents"]:
            lines.append("")
        header = ["Date", "Event", "Type", "Where", "Who", "Status"]
        if several:
            header.append("Source")
        lines.append(_row(header))
        lines.append(_row(["---"] * len(header)))
        for event in data["events"]:
            disagree = conflict_note(event)
            cells = [
                date_label(event),
                event["summary"] + (f" (⚠ {disagree})" if disagree else ""),
                event["type"],
                location_name(event),
                "; ".join(actor_names(event)),
                event["status"],
            ]
            if several:
                cells.append("; ".join(source_labels(event, docs)))
            lines.append(_row([cell(text) for text in cells]))
        out.write("\n".join(lines) + "\n")


EXPORTER = MarkdownExporter()
