"""`timeline eval --events GOLD.json TEXTS...` and `timeline eval --plover FILE`: the runs.

`--events`: read the texts, extract, score against event gold.

The texts are read with the project's own reader (`timeline.sources`: files,
folders, JSON Lines), and only the gold's documents are kept. Each is anchored
on the anchor its gold gives (the date its gold dates are counted from; a
different date found in the text is overruled, and said on stderr). The
events scored are those `timeline extract` would write for these documents
together (`timeline.timeline.build`), so merging across documents is scored
as soon as the timeline merges.

`--plover`: each record's text is a document of its own, without an anchor,
extracted with undated events where the extraction offers them (PLOVER
sentences seldom carry a date); each record is scored on its own events.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TextIO

from timeline.errors import ExitCode, UsageError
from timeline.evaluation.event_gold import GoldDocument, load_event_gold
from timeline.evaluation.event_scoring import EventReport, score_events
from timeline.evaluation.plover import PloverReport, load_plover, score_plover
from timeline.evaluation.render_events import render_event_table, render_plover_table
from timeline.evaluation.run import choose_format
from timeline.models import Document, Problem

__all__ = [
    "EventExtract",
    "PerDocumentExtract",
    "pipeline_events",
    "pipeline_per_document",
    "read_gold_texts",
    "run_event_eval",
    "run_plover_eval",
]

# The documents in, the JSON event dicts of their timeline out.
EventExtract = Callable[[Sequence[Document]], Sequence[Mapping[str, Any]]]
# The documents in, the JSON event dicts of each document alone out (no merging).
PerDocumentExtract = Callable[[Sequence[Document]], Sequence[Sequence[Mapping[str, Any]]]]

OnError = Callable[[Document, Exception], None]

_LISTED = 5  # missing gold documents named in the error; the rest are counted


def pipeline_events(model: str | None = None, on_error: OnError | None = None) -> EventExtract:
    """An `EventExtract` that runs the real pipeline and builds one timeline of all documents.

    A document the analysis fails on is told to `on_error` and gives no events.
    """
    from timeline import timeline as tl
    from timeline.pipeline import Extractor

    extractor = Extractor(model)

    def extract(documents: Sequence[Document]) -> list[dict[str, Any]]:
        results = list(extractor.process_many(documents, on_error=on_error or _raise))
        events: list[dict[str, Any]] = tl.build(results).to_dict()["events"]
        return events

    return extract


def pipeline_per_document(
    model: str | None = None, on_error: OnError | None = None
) -> PerDocumentExtract:
    """A `PerDocumentExtract` that runs the real pipeline, with undated events when it has them.

    A document the analysis fails on is told to `on_error` and gives no events.
    """
    import inspect

    from timeline.pipeline import Extractor

    # `undated` comes with issue 11's events; until then every event has a date.
    options: dict[str, Any] = (
        {"undated": True} if "undated" in inspect.signature(Extractor).parameters else {}
    )
    extractor = Extractor(model, **options)

    def extract(documents: Sequence[Document]) -> list[list[dict[str, Any]]]:
        # results come in order, without the documents that failed: found by identity
        found = {
            id(r.document): [e.to_dict() for e in r.events]
            for r in extractor.process_many(documents, on_error=on_error or _raise)
        }
        return [found.get(id(d), []) for d in documents]

    return extract


def _raise(document: Document, exc: Exception) -> None:
    raise exc


def _failed(problems: list[Problem]) -> OnError:
    def told(document: Document, exc: Exception) -> None:  # a bug met on strange input
        problems.append(Problem(document.source, f"cannot analyse {document.id}: {exc}"))

    return told


def read_gold_texts(
    gold: Mapping[str, GoldDocument], paths: Sequence[str | os.PathLike[str]], gold_source: str
) -> tuple[list[Document], list[Problem], int]:
    """The gold's documents among the texts at `paths`, in gold order, each on its gold
    anchor; the texts that could not be read; how many anchors the gold overruled.

    Raises UsageError when a path does not exist or a gold document is not among the texts.
    """
    from timeline import sources

    found: dict[str, Document] = {}
    problems: list[Problem] = []
    for item in sources.read(sources.expand([str(p) for p in paths])):
        if isinstance(item, Problem):
            problems.append(item)
        elif item.id in gold and item.id not in found:
            found[item.id] = item
    missing = [d for d in gold if d not in found]
    if missing:
        named = ", ".join(missing[:_LISTED]) + (
            f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else ""
        )
        raise UsageError(
            f"{len(missing)} gold document{'s' * (len(missing) != 1)} not among the texts: {named}",
            gold_source,
        )
    documents, overruled = [], 0
    for doc_id, g in gold.items():
        doc = found[doc_id]
        if doc.anchor != g.anchor:
            overruled += 1
            doc = replace(doc, anchor=g.anchor, anchor_source="gold")
        documents.append(doc)
    return documents, problems, overruled


def run_event_eval(
    gold_path: str | os.PathLike[str],
    texts: Sequence[str | os.PathLike[str]],
    errors: bool,
    fmt: str | None,
    model: str | None,
    out: TextIO,
    err: TextIO | None = None,
    *,
    extract: EventExtract | None = None,
) -> int:
    """Score the pipeline's events on event gold; returns the exit code.

    Raises UsageError (no texts, a missing path, a missing or malformed gold
    file, a gold document not among the texts, a bad format) and ModelError;
    texts that cannot be read are reported on `err` and give exit code 1.
    """
    err = err if err is not None else sys.stderr
    fmt = choose_format(fmt, out)
    if not texts:
        raise UsageError("give the texts the gold's documents are in", "TEXTS")
    started = time.perf_counter()
    source = str(gold_path)
    gold = load_event_gold(Path(gold_path))
    documents, problems, overruled = read_gold_texts(gold, texts, source)
    if extract is None:
        extract = pipeline_events(model, _failed(problems))
    events = extract(documents)
    report = replace(
        score_events(gold, events, {d.id: d.text for d in documents}),
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
    )
    _write(report, fmt, errors, out)
    for problem in problems:
        err.write(f"warning: {problem}\n")
    if overruled:
        err.write(
            f"warning: {overruled} document{'s' * (overruled != 1)} read with another "
            "anchor than its gold's: scored on the gold's\n"
        )
    return int(ExitCode.SOME_UNREADABLE if problems else ExitCode.OK)


def run_plover_eval(
    records_path: str | os.PathLike[str],
    errors: bool,
    fmt: str | None,
    model: str | None,
    out: TextIO,
    err: TextIO | None = None,
    *,
    extract: PerDocumentExtract | None = None,
) -> int:
    """Score the pipeline's `plover` types on PLOVER records; returns the exit code.

    Raises UsageError (a missing or malformed records file, a bad format) and
    ModelError; a record the analysis fails on is scored as giving no event,
    reported on `err`, and gives exit code 1.
    """
    err = err if err is not None else sys.stderr
    fmt = choose_format(fmt, out)
    started = time.perf_counter()
    source = str(records_path)
    records = load_plover(Path(records_path))
    documents = [Document(id=r.id, text=r.text, source=source) for r in records]
    problems: list[Problem] = []
    if extract is None:
        extract = pipeline_per_document(model, _failed(problems))
    report = replace(
        score_plover(records, extract(documents)),
        problems=tuple(problems),
        seconds=time.perf_counter() - started,
    )
    _write(report, fmt, errors, out)
    for problem in problems:
        err.write(f"warning: {problem}\n")
    return int(ExitCode.SOME_UNREADABLE if problems else ExitCode.OK)


def _write(report: EventReport | PloverReport, fmt: str, errors: bool, out: TextIO) -> None:
    if fmt == "json":
        json.dump(report.to_dict(errors=errors), out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif isinstance(report, EventReport):
        render_event_table(report, out, errors=errors)
    else:
        render_plover_table(report, out, errors=errors)
