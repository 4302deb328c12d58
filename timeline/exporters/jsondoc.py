"""`json`: the timeline document itself, as `timeline schema` describes it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TextIO

from timeline.exporters._base import Note, ignore_note
from timeline.jsonform import dumps


class JsonExporter:
    name = "json"
    extensions: tuple[str, ...] = (".json",)
    description = "the timeline document (JSON, see `timeline schema`)"
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
        # Field order is the order of the records' to_dict, so output is stable
        # without sort_keys, and reads in the order people expect.
        out.write(dumps(data))


EXPORTER = JsonExporter()
