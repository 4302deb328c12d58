"""Running the extraction over a stream of documents, in one process or several.

`extract(documents, ...)` yields one `DocumentResult` per document, in input
order, whatever the number of processes:

- Documents are read lazily and cut into chunks (a few thousand words each).
  The chunks depend only on the input, never on the number of processes, and
  each chunk is one `nlp.pipe` batch, so every document is computed exactly
  the same way with `--jobs 1` and `--jobs N`.
- With more than one job, worker processes are started with the 'spawn'
  context (no fork of a process that may hold threads or a loaded model); each
  loads the spaCy pipeline once. At most a few chunks per worker are in flight,
  so memory does not grow with the input; results come back in input order.
  A run that stops early (Ctrl-C, a reader that went away) ends its workers
  at once, without waiting for the chunks they hold.
- The spaCy Docs never leave the process that made them: a worker returns only
  the time expressions and events. The main process of a parallel run never
  imports spaCy at all.
- What is kept of each document is what the output needs (`keep_timexes`,
  `keep_text`); everything else is dropped as soon as its events are taken.

With `jobs=None` the number of processes is chosen from the input: one when
it is small (starting workers costs more than it saves), else one per
available core.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import chain
from typing import TYPE_CHECKING

from timeline.errors import TimelineError
from timeline.models import Document, DocumentResult, Event, TimeExpression

if TYPE_CHECKING:
    from multiprocessing.pool import AsyncResult

    from timeline.pipeline import Extractor

# A chunk closes once it holds this many characters (about 2,500 words) or documents.
CHUNK_CHARS = 16_000
CHUNK_DOCS = 32
# Below this much text, one process is faster than starting workers.
AUTO_MIN_CHARS = 100_000
# Never start more workers than this by default (each holds a pipeline in memory).
AUTO_MAX_JOBS = 8
# Chunks in flight per worker: enough to keep every worker busy, few enough to stay flat.
IN_FLIGHT_PER_JOB = 2

Chunk = list[Document]
Found = tuple[tuple[TimeExpression, ...], tuple[Event, ...]]
# What a chunk gives back for each document: what was found, or why the analysis failed.
Outcome = Found | str
Progress = Callable[[int], None]


# What each output format reads besides the events: the documents' time
# expressions (the JSON `timexes`, TimeML's TIMEX3 tags), and their texts
# (the exporters that say `needs_text`). Formats not named here keep the time
# expressions.
EVENTS_ONLY_FORMATS = frozenset({"jsonl", "table", "csv", "md", "ics", "timelinejs", "parquet"})


def needs(fmt: str) -> tuple[bool, bool]:
    """Whether output format `fmt` needs each document's time expressions, and its text."""
    from timeline.exporters import EXPORTERS

    exporter = EXPORTERS.get(fmt)
    needs_text = exporter.needs_text if exporter is not None else True
    return fmt not in EVENTS_ONLY_FORMATS, needs_text


def available_cores() -> int:
    """The cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # not Linux
        return max(1, os.cpu_count() or 1)


def chunks(documents: Iterable[Document]) -> Iterator[Chunk]:
    """Consecutive runs of documents; the cut depends only on the documents."""
    chunk: Chunk = []
    size = 0
    for doc in documents:
        chunk.append(doc)
        size += len(doc.text)
        if size >= CHUNK_CHARS or len(chunk) >= CHUNK_DOCS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def extract(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    undated: bool = False,
    jobs: int | None = None,
    keep_timexes: bool = True,
    keep_text: bool = True,
    progress: Progress | None = None,
    on_error: Callable[[Document, str], None] | None = None,
    doc_timeout: float | None = None,
) -> Iterator[DocumentResult]:
    """The results of `documents`, in order, computed by `jobs` processes.

    `jobs=None` (or 0) chooses: one process for small inputs, else one per core.
    `undated` keeps the events the text gives no date too.
    `progress(n)` is called as each run of `n` documents is done.
    A document whose analysis fails (a bug met on strange input) or runs past
    `doc_timeout` seconds is left out and `on_error(document, message)` told
    why, in one line; the others go on.
    """
    stream = chunks(documents)
    if not jobs:
        ahead, stream = _peek(stream, AUTO_MIN_CHARS)
        jobs = min(available_cores(), AUTO_MAX_JOBS) if ahead >= AUTO_MIN_CHARS else 1
    if jobs <= 1:
        found = _serial(stream, model, undated, keep_timexes, doc_timeout)
    else:
        found = _parallel(stream, model, undated, jobs, keep_timexes, doc_timeout)
    for chunk, results in found:
        yield from finish(chunk, results, keep_text, on_error)
        if progress is not None:
            progress(len(chunk))


def finish(
    chunk: Chunk,
    outcomes: list[Outcome],
    keep_text: bool,
    on_error: Callable[[Document, str], None] | None,
) -> Iterator[DocumentResult]:
    """The results of a chunk's documents from what the analysis gave back for each;
    a failure told to `on_error`. (Dask's workers give back the same outcomes.)"""
    for document, outcome in zip(chunk, outcomes, strict=True):
        if isinstance(outcome, str):
            if on_error is not None:
                on_error(document, outcome)
            continue
        timexes, events = outcome
        if not keep_text:
            document = replace(document, text="")
        yield DocumentResult(document=document, timexes=timexes, events=events)


def _peek(stream: Iterator[Chunk], chars: int) -> tuple[int, Iterator[Chunk]]:
    """Read chunks until `chars` characters are seen; how many, and the whole stream."""
    seen: list[Chunk] = []
    size = 0
    for chunk in stream:
        seen.append(chunk)
        size += sum(len(d.text) for d in chunk)
        if size >= chars:
            break
    return size, chain(seen, stream)


# ---------------------------------------------------------------- one process


def _serial(
    stream: Iterable[Chunk],
    model: str | None,
    undated: bool,
    keep_timexes: bool,
    doc_timeout: float | None,
) -> Iterator[tuple[Chunk, list[Outcome]]]:
    from timeline.pipeline import Extractor

    extractor = Extractor(model, undated, doc_timeout)
    for chunk in stream:
        yield chunk, analyse_chunk(extractor, chunk, keep_timexes)


def analyse_chunk(extractor: Extractor, chunk: Chunk, keep_timexes: bool) -> list[Outcome]:
    """What the analysis finds in each document of a chunk (one `nlp.pipe` batch), or
    why it failed: the same wherever it runs (here, a worker process, a Dask worker)."""
    failures: dict[int, str] = {}

    def failed(document: Document, exc: Exception) -> None:
        failures[id(document)] = failure(exc)

    found = {
        id(r.document): (r.timexes if keep_timexes else (), r.events)
        for r in extractor.process_many(chunk, batch_size=len(chunk), on_error=failed)
    }
    return [found.get(id(d)) or failures.get(id(d), "no result") for d in chunk]


# ---------------------------------------------------------------- worker processes

_WORKER: Extractor | TimelineError | None = None


def failure(exc: Exception) -> str:
    """Why a document's analysis failed, in one line: a limit says so itself; any
    other exception is a bug met on strange input."""
    if isinstance(exc, TimelineError):
        return exc.message
    return f"cannot analyse: {type(exc).__name__}: {exc}"


def _init_worker(model: str | None, undated: bool, doc_timeout: float | None) -> None:
    """Runs once in each worker: the parent handles Ctrl-C; load the pipeline."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # held back by the parent while this one started
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    _exit_with_parent()
    global _WORKER
    from timeline.pipeline import Extractor

    try:
        _WORKER = Extractor(model, undated, doc_timeout)
    except TimelineError as exc:  # say why with the first chunk, not as a broken pool
        _WORKER = exc


def _exit_with_parent() -> None:
    """End this worker when the main process ends, even killed: never an orphan."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return
    sentinel = parent.sentinel

    def watch() -> None:
        wait([sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="timeline-parent-watch", daemon=True).start()


def _work(chunk: Chunk, keep_timexes: bool) -> list[Outcome]:
    if isinstance(_WORKER, TimelineError):
        raise _WORKER
    assert _WORKER is not None, "worker not initialised"
    return analyse_chunk(_WORKER, chunk, keep_timexes)


def _parallel(
    stream: Iterator[Chunk],
    model: str | None,
    undated: bool,
    jobs: int,
    keep_timexes: bool,
    doc_timeout: float | None,
) -> Iterator[tuple[Chunk, list[Outcome]]]:
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[Chunk, AsyncResult[list[Outcome]]]] = deque()
    limit = jobs * IN_FLIGHT_PER_JOB
    with _sigint_held():  # the workers start here
        pool = context.Pool(jobs, initializer=_init_worker, initargs=(model, undated, doc_timeout))
    finished = False
    try:
        for chunk in stream:
            pending.append((chunk, pool.apply_async(_work, (chunk, keep_timexes))))
            # Hand back what is done, oldest first, and never hold more than `limit`.
            while pending and (len(pending) >= limit or pending[0][1].ready()):
                done, result = pending.popleft()
                yield done, result.get()
        while pending:
            done, result = pending.popleft()
            yield done, result.get()
        finished = True
    finally:
        if finished:
            pool.close()
        else:  # Ctrl-C, a failure, or the reader stopped: now, not after the chunks in hand
            pool.terminate()
        pool.join()


@contextmanager
def _sigint_held() -> Iterator[None]:
    """Ctrl-C held back while workers are started: they inherit the mask, so a
    Ctrl-C at the terminal (which goes to every process of the group) waits
    until they ignore SIGINT, instead of printing a traceback from their
    start-up. The parent gets the signal as soon as it is let through."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    from multiprocessing import resource_tracker

    # Started first: starting it unblocks SIGINT (it blocks and unblocks around its own spawn).
    resource_tracker.ensure_running()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
