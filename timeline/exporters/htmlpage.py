"""`html`: one self-contained page to look at the timeline in a browser.

The page holds everything it needs: vis-timeline's standalone build (vendored
in `page/`, see the README), our own script and styles, and the events as
JSON in a `<script type="application/json">` block. It opens from `file://`,
by e-mail, offline; a Content-Security-Policy lets the page load nothing at
all and run only its own two scripts (by their SHA-256), so even a headline
that slipped through as markup could not run.

What reaches the page from the articles is escaped on the way in: the table
and the header are written here with `html.escape`; the JSON block has `<`,
`>` and `&` as `\\u003c`..., so no text can close it; the script builds the
chart and the details with `textContent`, never as markup.

The work is shared so that the script stays small: this module reads the
events (every field with `.get`, as the records grow: `plover`, actors'
`role` and `country`, the place's `country`, `lat` and `lon`, `reported`,
`sources`, `conflicts`) into view records (`timeline.exporters.pageview`)
that say where each event sits on the axis, in which lanes, and which words
of its sentence to highlight; the script draws them and filters them. The
table below the chart is written here, so it reads without JavaScript.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import string
from collections.abc import Mapping
from importlib import resources
from typing import Any, TextIO

from timeline import __version__
from timeline.exporters._base import Note, document_label, ignore_note
from timeline.exporters.pageview import lanes, view_records
from timeline.schema import EVENT_TYPES, STATUSES

VIS_TIMELINE = "vis-timeline-graph2d.min.js"
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@functools.cache
def asset(name: str) -> str:
    """A file of `timeline/exporters/page/`."""
    return resources.files("timeline.exporters").joinpath("page", name).read_text("utf-8")


def script_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def json_block(value: Any) -> str:
    """JSON that can sit inside a <script> element: no `<`, `>` or `&` left."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.translate(_JSON_ESCAPES)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def title(data: Mapping[str, Any]) -> str:
    documents = data["documents"]
    if len(documents) == 1:
        return "Timeline: " + document_label(documents[0])
    return f"Timeline of {len(documents)} documents"


def _documents_list(data: Mapping[str, Any]) -> str:
    items = []
    for doc in data["documents"]:
        label = _e(document_label(doc))
        url = doc.get("url") or ""
        if url.startswith(("http://", "https://")):
            label = f'<a href="{_e(url)}" rel="noopener noreferrer">{label}</a>'
        anchor = _e(doc.get("anchor") or "none")
        source = _e(doc.get("source") or "")
        items.append(f"<li>{label} <span class=dim>(dated {anchor}; {source})</span></li>")
    return "<ul>" + "".join(items) + "</ul>"


def _cell(values: list[str]) -> str:
    return "<br>".join(_e(value) for value in values)


def table(records: list[dict[str, Any]]) -> str:
    """The events as an HTML table, in timeline order: the chart for screen readers."""
    rows = []
    for record in records:
        place = [record["place"]["name"]] if record["place"] else []
        actors = [actor["name"] for actor in record["actors"]]
        rows.append(
            f'<tr data-i="{record["i"]}" class="status-{_e(record["status"])}">'
            f"<td>{_e(record['date'] or 'undated')}</td>"
            f"<td>{_e(record['date_text'] or _implied(record))}</td>"
            f'<td><span class="swatch type-{_e(record["type"])}"></span>'
            f"{_e(record['type_label'])}</td>"
            f"<td>{_e(record['status'])}</td>"
            f'<td><button type="button" class="link" data-i="{record["i"]}">'
            f"{_e(record['summary'])}</button></td>"
            f"<td>{_cell(place)}</td>"
            f"<td>{_cell(actors)}</td>"
            f"<td>{_cell(record['documents'])}</td>"
            "</tr>"
        )
    head = "".join(
        f'<th scope="col">{name}</th>'
        for name in ("Date", "As written", "Type", "Status", "What", "Where", "Who", "Source")
    )
    return (
        '<table id="events"><caption>The events, in timeline order</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _checkboxes(name: str, values: list[str], labels: Mapping[str, str]) -> str:
    boxes = []
    for value in values:
        swatch = f'<span class="swatch {name}-{_e(value)}"></span>'
        boxes.append(
            f'<label><input type="checkbox" name="{name}" value="{_e(value)}" checked>'
            f"{swatch}{_e(labels.get(value, value))}</label>"
        )
    return "".join(boxes)


def page(data: Mapping[str, Any]) -> str:
    """The whole page, as text."""
    records = view_records(data)
    present = {record["type"] for record in records}
    types = [name for name in EVENT_TYPES if name in present]
    types += sorted(present - set(types))  # a type this version does not know yet
    statuses = [name for name in STATUSES if any(r["status"] == name for r in records)]
    payload = {"title": title(data), "lanes": lanes(records), "events": records}
    vis, own = asset(VIS_TIMELINE), asset("page.js")
    policy = (
        "default-src 'none'; "
        f"script-src {script_hash(vis)} {script_hash(own)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    dated = sum(1 for record in records if record["start"])
    summary = (
        f"{len(records)} event{'s' * (len(records) != 1)} from "
        f"{len(data['documents'])} document{'s' * (len(data['documents']) != 1)}"
    )
    if dated < len(records):
        summary += f"; {len(records) - dated} without a date are in the table only"
    type_labels = {name: name.replace("_", " ") for name in types}
    status_labels = {"occurred": "occurred (solid)", "planned": "planned (dashed)"}
    template = string.Template(asset("page.html"))
    return template.substitute(
        policy=policy,
        version=_e(__version__),
        title=_e(title(data)),
        css=asset("page.css"),
        summary=_e(summary),
        documents=_documents_list(data),
        types=_checkboxes("type", types, type_labels),
        statuses=_checkboxes("status", statuses, status_labels),
        table=table(records),
        data=json_block(payload),
        vis=vis,
        script=own,
    )


class HtmlExporter:
    name = "html"
    extensions: tuple[str, ...] = (".html", ".htm")
    description = "a self-contained page: the events on a time axis you can zoom, and a table"
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
        out.write(page(data))


EXPORTER = HtmlExporter()


def _implied(record: Mapping[str, Any]) -> str:
    """What the table's "As written" says of a date no words give."""
    return "(implied)" if record.get("dated_by") == "context" else ""
