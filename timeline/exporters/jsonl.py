"""`jsonl`: one event a line, each line a complete JSON object.

Each line is the event as in the JSON document plus the fields of its
document a reader of one line needs: `document_title`, `document_source`,
`document_url`, `document_anchor`, `document_anchor_source` (described by
`$defs/event_line` in the schema). So `wc -l` counts events, `grep` finds
them, and `jq 'select(.status == "planned")'` works line by line.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, TextIO

from timeline.exporters._base import Note, documents_by_id, ignore_note
from timeline.schema import EVENT_LINE_DOCUMENT_FIELDS

# Characters that str.splitlines() and some JSON Lines readers take for line
# breaks but that JSON leaves unescaped: escaped, so a line is always a line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def event_line(event: Mapping[str, Any], doc: Mapping[str, Any]) -> dict[str, Any]:
    """The event with its document's fields, as one line of `jsonl` holds it."""
    line = dict(event)
    for name, line_name in EVENT_LINE_DOCUMENT_FIELDS.items():
        line[line_name] = doc.get(name)
    return line


def dump_line(line: Mapping[str, Any]) -> str:
    text = json.dumps(line, ensure_ascii=False)
    for char, escape in _LINE_BREAKS.items():
        text = text.replace(char, escape)
    return text + "\n"


class JsonLinesExporter:
    name = "jsonl"
    extensions: tuple[str, ...] = (".jsonl", ".ndjson")
    description = "one event a line, with its document's fields (JSON Lines)"
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
            dump_line(event_line(event, docs.get(event["document"], {})))
            for event in data["events"]
        ]
        out.write("".join(lines))


EXPORTER = JsonLinesExporter()
