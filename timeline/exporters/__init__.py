"""The output formats, behind one interface (`Exporter`), and their registry.

Adding a format is adding a module here that defines `EXPORTER` and naming
it in `_MODULES`; the command line takes its choices and file extensions from
this registry and needs no change.
"""

from __future__ import annotations

from pathlib import PurePath

from timeline.errors import UsageError
from timeline.exporters import (
    csvfile,
    htmlpage,
    ics,
    jsondoc,
    jsonl,
    markdown,
    parquet,
    table,
    timelinejs,
    timeml,
)
from timeline.exporters._base import Exporter, Note, ignore_note, missing_text, per_document

__all__ = [
    "EXPORTERS",
    "FORMATS",
    "Exporter",
    "Note",
    "format_for_path",
    "get_exporter",
    "ignore_note",
    "missing_text",
    "per_document",
]

_MODULES = (table, jsondoc, jsonl, csvfile, markdown, ics, timelinejs, htmlpage, timeml, parquet)

EXPORTERS: dict[str, Exporter] = {module.EXPORTER.name: module.EXPORTER for module in _MODULES}
FORMATS: tuple[str, ...] = tuple(EXPORTERS)


def get_exporter(name: str) -> Exporter:
    """The exporter of a format name; UsageError naming the choices if there is none."""
    try:
        return EXPORTERS[name.lower()]
    except KeyError:
        raise UsageError(
            f"unknown format {name!r}: choose one of {', '.join(FORMATS)}", source="--format"
        ) from None


def format_for_path(path: str | PurePath) -> str | None:
    """The format a file name asks for by its ending (`.ics`, `.timelinejs.json`), or None."""
    name = PurePath(path).name.lower()
    best: tuple[int, str] | None = None
    for exporter in EXPORTERS.values():
        for extension in exporter.extensions:
            fits = name.endswith(extension) and len(name) > len(extension)
            if fits and (best is None or len(extension) > best[0]):
                best = (len(extension), exporter.name)
    return best[1] if best else None
