"""What `timeline extract` does, for the command line and for Python alike.

The command line (`timeline.cli`) is built on these functions; a script or a
notebook calls them directly:

- `read(paths)`: the documents of files, folders and stdin, exactly as the
  command line reads them, with the problems met (a `Corpus`);
- `extract(texts_or_documents)`: the `Timeline` of texts, JSON Lines records,
  `Document`s or a `Corpus`, on this machine (`jobs`) or a Dask cluster
  (`scheduler`);
- `merge(timelines)`: one timeline of several, the same as extracting all
  their documents at once, in any grouping;
- `export(timeline, format)`: any output format by name (`FORMATS`), as
  text or to a file.

The library raises `TimelineError` kinds (`UsageError` for a bad argument)
and never prints: problems go to `on_problem` and into `Timeline.problems`.
spaCy is imported only when a pipeline is needed.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from timeline import sources
from timeline.errors import ExportError, TimelineError, UsageError
from timeline.exporters import FORMATS, Note, get_exporter, ignore_note
from timeline.models import Document, DocumentResult, Problem, Timeline

if TYPE_CHECKING:
    from distributed import Client

__all__ = [
    "DOC_TIMEOUT",
    "FORMATS",
    "Corpus",
    "Input",
    "export",
    "extract",
    "merge",
    "read",
    "results",
]

DOC_TIMEOUT = 60.0  # seconds of analysis for one document: an article takes well under one

# What `extract` takes: a text, a JSON Lines record (`text`; `id`, `date`, `title`,
# `url`), a Document, or a Problem met while reading (it goes into the timeline).
Input = str | Document | Mapping[str, Any] | Problem
OnProblem = Callable[[Problem], None]
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents read, and the problems met reading them, in the order met.

    `problems` holds the inputs left out and the warnings about inputs read all
    the same (`Problem.kept`). Iterating gives both, in order: `extract` takes a
    Corpus as it is, and its problems go into the timeline as the command line's do.

    >>> corpus = Corpus((Document("a", "Talks began on Monday.", "a.txt"),))
    >>> [d.id for d in corpus.documents], corpus.problems
    (['a'], ())
    """

    items: tuple[Document | Problem, ...]

    @property
    def documents(self) -> tuple[Document, ...]:
        return tuple(i for i in self.items if isinstance(i, Document))

    @property
    def problems(self) -> tuple[Problem, ...]:
        return tuple(i for i in self.items if isinstance(i, Problem))

    def __iter__(self) -> Iterator[Document | Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.documents)


def read(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]], *,
         anchor: date | str | None = None) -> Corpus:  # fmt: skip
    """The documents of `paths` (files, folders read recursively, `-` for stdin) as
    `timeline extract` reads them: text, Markdown, JSON Lines, TimeML, sidecar
    metadata, the anchor from the text when none is given. A path that does not
    exist is a `UsageError`; an input that cannot be read is a problem, and the
    rest is read.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "talks.txt").write_text("GENEVA, Jan. 12, 2015 - Talks began.")
    >>> _ = (folder / "photo.txt").write_bytes(b"\\x89PNG\\r\\n\\x1a\\n")
    >>> corpus = read(folder)
    >>> [(d.id, str(d.anchor), d.anchor_source) for d in corpus.documents]
    [('talks', '2015-01-12', 'dateline')]
    >>> [p.message for p in corpus.problems]
    ['binary file (PNG image), not text']
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files = sources.expand([os.fspath(p) for p in given])
    return Corpus(tuple(sources.read(files, anchor=_anchor(anchor))))


def extract(
    texts_or_documents: Input | Iterable[Input],
    *,
    anchor: date | str | None = None,
    model: str | None = None,
    undated: bool = False,
    merge: bool = True,
    jobs: int | None = 1,
    scheduler: str | Client | None = None,
    doc_timeout: float | None = DOC_TIMEOUT,
    keep_timexes: bool = True,
    keep_text: bool = True,
    on_problem: OnProblem | None = None,
    progress: Progress | None = None,
) -> Timeline:
    """The timeline of texts, records, documents, or a `Corpus`.

    A text is read as a file of it is (its anchor from a dateline or a
    "Published" line) and named `text-N`, N its position from 1; a record as a
    JSON Lines line is (`record-N` without an `id`); a `Document` is taken as it
    is. A second document of one id is `id-2`. `anchor` (a date or
    `YYYY-MM-DD`) is every document's own date. `model` is an installed spaCy
    English pipeline; `undated` also keeps the events
    without a date; `merge=False` keeps each document's events apart. The
    work runs in `jobs` processes here (None: chosen from the input), or on the
    Dask cluster at `scheduler` (`tcp://HOST:8786`, or `local:N` for a cluster
    of N workers started here; needs `pip install 'timeline[dask]'`): the
    timeline is the same. A document whose analysis fails or runs past
    `doc_timeout` seconds is left out; each problem goes to `on_problem` and,
    unless the input was read all the same, into `Timeline.problems`.
    `progress(n)` is called as each run of n documents is done.

    >>> timeline = extract(
    ...     ["Kerry and Lavrov held talks in Geneva on Monday."], anchor="2015-01-14")
    >>> [(e.date, e.type, e.status, e.summary) for e in timeline.events]
    [('2015-01-12', 'talks', 'occurred', 'Kerry and Lavrov held talks in Geneva')]
    >>> [(a.name, a.role) for a in timeline.events[0].actors]
    [('Kerry', 'source'), ('Lavrov', 'source')]
    >>> extract(["  "]).problems
    (Problem(source='<text 1>', message='empty text', line=None, kept=False),)
    """
    day = _anchor(anchor)
    problems: list[Problem] = []

    def told(problem: Problem) -> None:
        if not problem.kept:
            problems.append(problem)
        if on_problem is not None:
            on_problem(problem)

    def failed(document: Document, message: str) -> None:
        told(Problem(document.source, message))

    found = list(
        results(
            documents(texts_or_documents, day, told),
            model=model,
            undated=undated,
            jobs=jobs,
            scheduler=scheduler,
            doc_timeout=doc_timeout,
            keep_timexes=keep_timexes,
            keep_text=keep_text,
            on_error=failed,
            progress=progress,
        )
    )
    from timeline import timeline as tl

    return tl.build(found, problems, merge=merge)


def documents(
    inputs: Input | Iterable[Input],
    anchor: date | None,
    on_problem: OnProblem,
    *,
    start: int = 1,
    unique: bool = True,
) -> Iterator[Document]:
    """The documents of `extract`'s inputs, lazily, numbered from `start`; problems
    told to `on_problem`. With `unique`, a second document of one id is `id-2`."""
    if isinstance(inputs, str | Document | Problem | Mapping):
        inputs = [inputs]
    seen: dict[str, int] = {}
    for n, item in enumerate(inputs, start=start):
        if isinstance(item, Problem):
            on_problem(item)
            continue
        made: Iterable[Document | Problem]
        if isinstance(item, Document):
            made = [replace(item, anchor=anchor, anchor_source="option") if anchor else item]
        elif isinstance(item, str):
            made = (sources.anchored(d, anchor) if isinstance(d, Document) else d
                    for d in sources.from_text(item, f"<text {n}>", f"text-{n}"))  # fmt: skip
        elif isinstance(item, Mapping):
            made = (sources.anchored(d, anchor) if isinstance(d, Document) else d
                    for d in sources.from_record(item, "<records>", n, f"record-{n}"))  # fmt: skip
        else:
            raise UsageError(f"cannot read a {type(item).__name__}: give texts, records or "
                             "Documents", "extract")  # fmt: skip
        for found in made:
            if isinstance(found, Problem):
                on_problem(found)
            else:
                yield sources.unique(found, seen) if unique else found


def results(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    undated: bool = False,
    jobs: int | None = 1,
    scheduler: str | Client | None = None,
    doc_timeout: float | None = DOC_TIMEOUT,
    keep_timexes: bool = True,
    keep_text: bool = True,
    on_error: Callable[[Document, str], None] | None = None,
    progress: Progress | None = None,
) -> Iterator[DocumentResult]:
    """Each document's own result, in input order, computed here or on a Dask cluster
    (the documents are cut into the same chunks either way, see `timeline.parallel`)."""
    options: dict[str, Any] = dict(
        model=model,
        undated=undated,
        keep_timexes=keep_timexes,
        keep_text=keep_text,
        progress=progress,
        on_error=on_error,
        doc_timeout=doc_timeout or None,
    )
    if scheduler is not None:
        from timeline import dask

        return dask.extract(documents, scheduler, **options)
    from timeline import parallel

    return parallel.extract(documents, jobs=jobs, **options)


def merge(timelines: Iterable[Timeline], *, merge: bool = True) -> Timeline:
    """One timeline of the documents of several: byte for byte the timeline of all
    their documents extracted at once, whatever the grouping or the order
    (`merge([a, merge([b, c])])` is `merge([merge([a, b]), c])`). The events
    several documents report become one, with its `sources`.

    Each timeline must hold its documents' own events: those `extract` and Dask
    give do; one read back from JSON does when the JSON was written without
    merging (`--no-merge`) and its dates are resolved (see `timeline.jsonform`);
    else a `TimelineError` says so.

    >>> monday = extract({"id": "ap", "date": "2015-01-14",
    ...                   "text": "Kerry and Lavrov held talks in Geneva on Monday."})
    >>> jan12 = extract({"id": "afp", "date": "2015-01-13",
    ...                  "text": "John Kerry met Sergei Lavrov in Geneva on Jan. 12."})
    >>> both = merge([monday, jan12])
    >>> [(e.date, [s.document for s in e.sources]) for e in both.events]
    [('2015-01-12', ['afp', 'ap'])]
    >>> both.to_json() == extract([both.documents[0].document,
    ...                            both.documents[1].document]).to_json()
    True
    """
    parts = list(timelines)
    for part in parts:
        _check_reports(part)
    from timeline import timeline as tl

    return tl.merge(parts, merge=merge)


def _check_reports(timeline: Timeline) -> None:
    """Every event of `timeline` is made of events its documents hold."""
    own = {(r.document.id, e.id) for r in timeline.documents for e in r.events}
    for event in timeline.events:
        reports = [(s.document, s.event) for s in event.sources] or [(event.document, event.id)]
        missing = next((r for r in reports if r not in own), None)
        if missing is not None:
            raise TimelineError(
                f"cannot merge: the timeline does not hold the events of document "
                f"{missing[0]} as the document gave them (event {missing[1]}): "
                "merge the timelines extract gives, or JSON written with --no-merge",
                "merge",
            )


@overload
def export(timeline: Timeline, format: str, to: None = None, *, note: Note | None = None,
           csv_raw: bool = False) -> str: ...  # fmt: skip
@overload
def export(timeline: Timeline, format: str, to: str | os.PathLike[str], *,
           note: Note | None = None, csv_raw: bool = False) -> list[Path]: ...  # fmt: skip
def export(
    timeline: Timeline,
    format: str,
    to: str | os.PathLike[str] | None = None,
    *,
    note: Note | None = None,
    csv_raw: bool = False,
) -> str | list[Path]:
    """The timeline in an output format by name (`FORMATS`): as text, or written to
    the file `to` (atomically) or, for a path that ends in `/`, one file per
    document in that folder; then the files written. `note(message)` hears what
    a format leaves out (a calendar, undated events). parquet, being binary, is
    written to a file only.

    >>> timeline = extract(["Kerry and Lavrov held talks in Geneva on Monday."],
    ...                    anchor="2015-01-14")
    >>> header, row = export(timeline, "csv").splitlines()
    >>> for column, cell in list(zip(header.split(","), row.split(",")))[:6]:
    ...     print(f"{column}: {cell}")
    date: 2015-01-12
    date_text: Monday
    granularity: day
    type: talks
    status: occurred
    summary: Kerry and Lavrov held talks in Geneva
    >>> "ics" in FORMATS and "parquet" in FORMATS
    True
    """
    from timeline.exporters.csvfile import CsvExporter
    from timeline.output import write_export

    exporter = get_exporter(format)
    if csv_raw:
        if exporter.name != "csv":
            raise UsageError(f"is for CSV, and the format is {exporter.name}", "csv_raw")
        exporter = CsvExporter(raw=True)
    texts = {r.document.id: r.document.text for r in timeline.documents if r.document.text}
    data = timeline.to_dict()
    if to is None:
        if getattr(exporter, "binary", False):
            raise ExportError(f"{exporter.name} is binary: give a file to write it to", "export")
        out = io.StringIO()
        write_export(data, exporter, "-", texts=texts, note=note or ignore_note, stdout=out)
        return out.getvalue()
    return write_export(data, exporter, os.fspath(to), texts=texts, note=note or ignore_note)


def _anchor(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    from timeline.anchor import parse_option

    return parse_option(value)
