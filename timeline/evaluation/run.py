"""`timeline eval` on TimeML: read the gold files, run the extraction, score, report."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, TextIO

from timeline.errors import InputError, TimelineError, UsageError
from timeline.evaluation.anchoring import AnchoredLike, AnchorScorer
from timeline.evaluation.render import render_json, render_table
from timeline.evaluation.timexes import EvalReport, Scorer, TimexLike
from timeline.models import Problem, Span
from timeline.report import Report
from timeline.timeml import TimeMLDocument, read_timeml

__all__ = [
    "Extract",
    "Extracted",
    "choose_format",
    "evaluate",
    "find_timeml_files",
    "pipeline_extract",
    "run_eval",
]


class Extracted(Protocol):
    """What the pipeline finds in a document: its timexes, and events that carry their date."""

    @property
    def timexes(self) -> Sequence[TimexLike]: ...

    @property
    def events(self) -> Sequence[AnchoredLike]: ...


# An extraction gives timexes alone (only TempEval-3 is scored) or timexes and events.
Extract = Callable[[TimeMLDocument], Sequence[TimexLike] | Extracted]


def find_timeml_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The .tml files named or under the folders named (recursive, sorted), in order given."""
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.extend(
                sorted(
                    (f for f in path.rglob("*") if f.suffix.lower() == ".tml" and f.is_file()),
                    key=lambda f: f.relative_to(path).as_posix(),
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError("no such file or folder", str(path))
    return found


def evaluate(
    paths: Iterable[str | os.PathLike[str]],
    extract: Extract,
    *,
    on_document: Callable[[Path], None] | None = None,
) -> EvalReport:
    """Read the TimeML files at `paths`, run `extract` on each, and score it against its gold.

    `extract` gets the whole `TimeMLDocument` (its `text` and, as anchor, its `dct`)
    and returns system timexes with offsets into `text`, or an `Extracted`
    (timexes and events): then event anchoring is scored too
    (`EvalReport.anchoring`). A file that cannot be read is reported in
    `problems` and left out; a document `extract` fails on with a TimelineError
    is reported and scored as if nothing was found.
    """
    started = time.perf_counter()
    files = find_timeml_files(paths)
    scorer = Scorer()
    anchoring = AnchorScorer()
    with_events = False
    problems: list[Problem] = []
    for path in files:
        if on_document is not None:
            on_document(path)
        try:
            doc = read_timeml(path)
        except InputError as exc:
            problems.append(Problem(exc.source or str(path), exc.message, exc.line))
            continue
        events: Sequence[AnchoredLike] = ()
        try:
            found = extract(doc)
        except TimelineError as exc:
            problems.append(Problem(str(path), f"extraction failed: {exc.message}"))
            found = ()
        if isinstance(found, Sequence):
            system = found
        else:
            system, events, with_events = found.timexes, _anchored(found), True
        scorer.add(doc.id, doc.text, doc.timexes, system)
        anchoring.add(doc, events)
    report = scorer.report(problems, time.perf_counter() - started)
    return replace(report, anchoring=anchoring.report()) if with_events else report


@dataclass(frozen=True, slots=True)
class _Link:
    """A date and what it dates (`TimeExpression.dates`), scored as an anchored event."""

    trigger: Span
    timex: TimexLike


def _anchored(found: Extracted) -> list[AnchoredLike]:
    """The timeline's events and the time links of its dates, each (trigger, date) once:
    TimeML links every date to what it dates, not only to the events a timeline keeps."""
    out: list[AnchoredLike] = []
    seen: set[tuple[int, int]] = set()
    for event in found.events:
        if event.timex is not None:
            seen.add((event.trigger.start, event.timex.start))
        out.append(event)
    for tx in found.timexes:
        dates = getattr(tx, "dates", None)  # a pipeline's TimeExpression has it
        if isinstance(dates, Span) and (dates.start, tx.start) not in seen:
            seen.add((dates.start, tx.start))
            out.append(_Link(dates, tx))
    return out


def pipeline_extract(model: str | None = None) -> Extract:
    """An `extract` function that runs the real pipeline, anchored on the document's DCT."""
    from timeline.models import Document
    from timeline.pipeline import Extractor

    extractor = Extractor(model)

    def extract(doc: TimeMLDocument) -> Extracted:
        document = Document(
            id=doc.id,
            text=doc.text,
            source=doc.source,
            anchor=doc.dct,
            anchor_source="dct" if doc.dct is not None else "none",
            title=doc.title,
        )
        return extractor.process(document)

    return extract


def choose_format(fmt: str | None, out: TextIO) -> str:
    """`--format` of eval: table or json; by default a table on a terminal, JSON when piped."""
    if fmt is None:
        return "table" if out.isatty() else "json"
    if fmt not in ("table", "json"):
        raise UsageError(f"unknown format {fmt!r} for eval: choose table or json", "--format")
    return fmt


def run_eval(
    paths: Sequence[str | os.PathLike[str]],
    errors: bool,
    fmt: str | None,
    model: str | None,
    out: TextIO,
    err: TextIO | None = None,
    *,
    extract: Extract | None = None,
    documents: bool = False,
    report: Report | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """`timeline eval`: score the pipeline on TimeML gold files; returns the exit code.

    `progress(1)` is called as each file is taken up (the command line's bar).

    `fmt` is "table" or "json"; None picks a table on a terminal and JSON when piped.
    Raises UsageError (no paths, a missing path, no .tml files, a bad format)
    and ModelError; unreadable files are told to `report` (by default one that
    writes on `err`) and give exit code 1.
    """
    err = err if err is not None else sys.stderr
    report = report if report is not None else Report("eval", stream=err)
    fmt = choose_format(fmt, out)
    if not paths:
        raise UsageError("give the TimeML files or folders to evaluate on", "GOLD")
    files = find_timeml_files(paths)
    if not files:
        raise UsageError("no TimeML (.tml) files found", " ".join(str(p) for p in paths))
    if extract is None:
        extract = pipeline_extract(model)

    scores = evaluate(
        files, extract, on_document=(lambda _: progress(1)) if progress is not None else None
    )
    if fmt == "json":
        render_json(scores, out, errors=errors, documents=documents)
    else:
        render_table(scores, out, errors=errors, documents=documents)
    for problem in scores.problems:
        report.skipped(problem)
    report.scored(scores.documents)
    if scores.offset_mismatches:
        report.say(
            f"warning: {scores.offset_mismatches} system timexes whose text is not "
            "the document text at their offsets"
        )
    return int(report.exit_code)
