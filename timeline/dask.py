"""The extraction on a Dask cluster (`pip install 'timeline[dask]'`).

`extract(documents, scheduler)` is `parallel.extract` with Dask's workers in
place of a process pool, for `timeline extract --scheduler ADDRESS` and
`api.extract(scheduler=...)`:

- the documents are cut into the same chunks as on one machine
  (`parallel.chunks`), and each chunk is one task, analysed as
  `parallel.analyse_chunk` analyses it, so every document gives the same
  result; back come its time expressions and events, never a spaCy Doc. The
  results are merged here, by the same merge, so the output is byte for byte
  that of a local run;
- each worker process loads the pipeline once, on its first chunk, and keeps
  it; its threads take turns with it (one lock), since the analysis counts
  its work in one budget per process (`timeline.work`). Where the worker may
  start processes (it is no daemon: a `local:N` cluster's workers), the
  analysis runs in one child process of it that loads the pipeline and keeps
  it (`_work`): a Dask worker runs its tasks in a thread beside others, and
  any second thread in a process slows spaCy's parse by about 10%; the child
  has none. A child that dies takes its worker with it, so that what follows
  is what follows a worker's death, and it ends with its worker (`_stopper`);
- at most a few chunks per worker thread are in flight: memory stays flat
  and results come back in input order;
- a worker that dies (killed, out of memory) loses nothing: the scheduler
  gives the chunks it held to the other workers (a nanny restarts it). A
  chunk whose workers die `distributed.scheduler.allowed-failures` times
  (3) is tried again one document a task, and only a document that still
  kills its worker is left out, as a problem that says so.

`scheduler` is `tcp://HOST:8786` (any address a `distributed.Client` takes),
`local:N` for a cluster of N worker processes started here for the run, or
a `Client` already connected.

`extract_bag(bag)` is the same from Python on a `dask.bag` of records (JSON
Lines records, texts or Documents), read where the bag is (Parquet, S3, HDFS).
"""

from __future__ import annotations

import logging
import os
import re
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from timeline import parallel
from timeline.errors import TimelineError, UsageError
from timeline.models import Document, DocumentResult, Problem, Timeline

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    import dask.bag
    from distributed import Client, Future

    from timeline.pipeline import Extractor

__all__ = ["INSTALL", "check_scheduler", "extract", "extract_bag"]

INSTALL = "pip install 'timeline[dask]'"
IN_FLIGHT_PER_THREAD = 2
_LOCAL = re.compile(r"local:(\d+)")
# A cluster started for one run: no sampling profiler in the workers (a thread that
# takes the GIL every 10 ms from the analysis), fewer looks at memory and load, and
# an event-loop health check each second, not every 20 ms (each one takes the GIL
# from the analysis: 6% of a worker's time). Nor does glibc hand freed memory back
# to the system at every 64 KiB (Dask's MALLOC_TRIM_THRESHOLD_ for its workers): the
# parse frees and allocates arrays all the time, and the trimming cost 10% in system time.
LOCAL_CONFIG = {
    "distributed.worker.daemon": False,  # so that it may start its analysis process
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "1s",
}


def _require(what: str = "--scheduler") -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(f"needs Dask and distributed: {INSTALL}", what) from None


def check_scheduler(address: str) -> None:
    """A `--scheduler` the run can use: Dask installed, and `local:N` or an address."""
    _require()
    local = _LOCAL.fullmatch(address)
    if local is not None and int(local.group(1)) < 1:
        raise UsageError("local:N needs at least one worker", "--scheduler")
    if local is None and "://" not in address:
        raise UsageError(
            f"{address!r} is neither tcp://HOST:PORT (a scheduler) nor local:N", "--scheduler"
        )


@contextmanager
def connected(scheduler: str | Client) -> Iterator[Client]:
    """A client of `scheduler`; a `local:N` cluster lives as long as the block."""
    _require()
    import dask
    from distributed import Client, LocalCluster

    if not isinstance(scheduler, str):
        yield scheduler
        return
    check_scheduler(scheduler)
    local = _LOCAL.fullmatch(scheduler)
    quiet = logging.getLogger("distributed")
    level = quiet.level
    # Dask logs to stderr in its own format: our messages are one line `timeline: ...`.
    quiet.setLevel(logging.CRITICAL)
    try:
        if local is not None:
            with (
                _no_warnings(),  # a cluster we start: its Python warnings are ours to mind
                dask.config.set(LOCAL_CONFIG),  # passed on to its workers by their nannies
                LocalCluster(
                    n_workers=int(local.group(1)),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",  # a free port: no clash with a cluster running
                    silence_logs=logging.CRITICAL,
                ) as cluster,
                Client(cluster, set_as_default=False) as client,
            ):
                client.register_plugin(_stopper())
                yield client
            return
        try:
            client = Client(scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise UsageError(f"cannot reach the Dask scheduler: {exc}", scheduler) from exc
        with client:
            yield client
    finally:
        quiet.setLevel(level)


@contextmanager
def _no_warnings() -> Iterator[None]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def extract(
    documents: Iterable[Document],
    scheduler: str | Client,
    *,
    model: str | None = None,
    undated: bool = False,
    keep_timexes: bool = True,
    keep_text: bool = True,
    progress: Callable[[int], None] | None = None,
    on_error: Callable[[Document, str], None] | None = None,
    doc_timeout: float | None = None,
) -> Iterator[DocumentResult]:
    """The results of `documents`, in order, computed on the cluster of `scheduler`
    (see the module's docstring); the same as `parallel.extract` gives."""
    options = (model, undated, doc_timeout, keep_timexes)
    with connected(scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        limit = max(2, threads * IN_FLIGHT_PER_THREAD)
        pending: deque[tuple[parallel.Chunk, Future]] = deque()
        try:
            for chunk in parallel.chunks(documents):
                pending.append((chunk, client.submit(_work, chunk, *options, pure=False)))
                while pending and (len(pending) >= limit or pending[0][1].done()):
                    chunk, future = pending.popleft()
                    yield from _results(client, chunk, future, options, keep_text, on_error)
                    if progress is not None:
                        progress(len(chunk))
            while pending:
                chunk, future = pending.popleft()
                yield from _results(client, chunk, future, options, keep_text, on_error)
                if progress is not None:
                    progress(len(chunk))
        finally:
            for _, future in pending:  # a run that stops early: nothing left running for it
                future.cancel()


def _results(
    client: Client,
    chunk: parallel.Chunk,
    future: Future,
    options: tuple[str | None, bool, float | None, bool],
    keep_text: bool,
    on_error: Callable[[Document, str], None] | None,
) -> Iterator[DocumentResult]:
    from distributed import KilledWorker

    try:
        outcomes: list[parallel.Outcome] = future.result()
    except KilledWorker:
        # Its workers died with it again and again: one document a task, so that only
        # the document that kills them is left out.
        outcomes = []
        for document in chunk:
            try:
                outcomes.extend(client.submit(_work, [document], *options, pure=False).result())
            except KilledWorker:
                outcomes.append("its Dask workers died while analysing it, on every try")
    except TimelineError:
        raise
    except Exception as exc:  # not ours: a worker without timeline, say
        raise TimelineError(
            f"the Dask workers cannot run the extraction: {type(exc).__name__}: {exc} "
            "(is timeline, of this version, installed on every worker?)",
            "--scheduler",
        ) from exc
    yield from parallel.finish(chunk, outcomes, keep_text, on_error)


# ---------------------------------------------------------------- on the workers

_LOCK = threading.Lock()


@lru_cache(maxsize=4)
def _extractor(model: str | None, undated: bool, doc_timeout: float | None) -> Extractor:
    from timeline.pipeline import Extractor

    return Extractor(model, undated, doc_timeout)


def _work(
    chunk: parallel.Chunk,
    model: str | None,
    undated: bool,
    doc_timeout: float | None,
    keep_timexes: bool,
) -> list[parallel.Outcome]:
    """One chunk, on a worker, its pipeline loaded once per process and kept: in the
    worker's analysis process where it may start one, else in this thread (see the
    module's docstring)."""
    import multiprocessing
    from concurrent.futures.process import BrokenProcessPool

    with _LOCK:
        if multiprocessing.current_process().daemon or not _on_a_worker():
            # (a bag computed here, with the "sync" or "threads" scheduler: no child)
            extractor = _extractor(model, undated, doc_timeout)
            return parallel.analyse_chunk(extractor, chunk, keep_timexes)
        try:
            child = _child(model, undated, doc_timeout)
            return child.submit(_in_child, chunk, keep_timexes).result()
        except BrokenProcessPool:
            # what killed the analysis process kills its worker, and Dask retries
            # (then splits) the chunk as for any worker that dies
            os._exit(70)


def _on_a_worker() -> bool:
    from distributed import get_worker

    try:
        get_worker()
    except ValueError:
        return False
    return True


_CHILDREN: list[ProcessPoolExecutor] = []


@lru_cache(maxsize=2)
def _child(model: str | None, undated: bool, doc_timeout: float | None) -> ProcessPoolExecutor:
    """The worker's analysis process: one, started on its first chunk and kept."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(
        1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_load_in_child,
        initargs=(model, undated, doc_timeout),
    )
    _CHILDREN.append(executor)
    return executor


def _stop_children() -> None:
    """End the analysis processes at once: an idle one would hold its worker's exit
    until the nanny's timeout (5 s)."""
    for executor in _CHILDREN:
        # (the executor's own list: shutdown without waiting does not end them)
        handles = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in handles:
            process.kill()
    _CHILDREN.clear()
    _child.cache_clear()


def _stopper() -> Any:
    """A worker plugin that ends the worker's analysis process when it closes."""
    from distributed import WorkerPlugin

    class Stopper(WorkerPlugin):
        name = "timeline-analysis-process"

        def teardown(self, worker: Any) -> None:
            _stop_children()

    return Stopper()


_IN_CHILD: list[Extractor] = []


def _load_in_child(model: str | None, undated: bool, doc_timeout: float | None) -> None:
    from timeline.pipeline import Extractor

    _IN_CHILD.append(Extractor(model, undated, doc_timeout))


def _in_child(chunk: parallel.Chunk, keep_timexes: bool) -> list[parallel.Outcome]:
    return parallel.analyse_chunk(_IN_CHILD[0], chunk, keep_timexes)


# ---------------------------------------------------------------- dask.bag


def extract_bag(
    bag: dask.bag.Bag,
    *,
    anchor: date | str | None = None,
    model: str | None = None,
    undated: bool = False,
    merge: bool = True,
    doc_timeout: float | None = 60.0,
    keep_timexes: bool = True,
    keep_text: bool = False,
    **compute: Any,
) -> Timeline:
    """The timeline of a `dask.bag` of records (`text`; `id`, `date`, `title`, `url`,
    as JSON Lines), texts or Documents: each partition is extracted where it is,
    and the documents' results are merged here. The timeline is the one
    `api.extract` gives on the same items in the same order, however the bag is
    partitioned (a record without an `id` is `record-N` by its place in the
    whole bag). `compute` goes to `dask.compute` (`scheduler=`, say); by
    default the bag's scheduler, or the `distributed.Client` made last. The
    documents' texts come back only with `keep_text` (the formats that need
    them: timeml, html).

    >>> import dask.bag as db
    >>> records = [
    ...     {"id": "ap", "date": "2015-01-14",
    ...      "text": "Kerry and Lavrov held talks in Geneva on Monday."},
    ...     {"id": "afp", "date": "2015-01-13",
    ...      "text": "John Kerry met Sergei Lavrov in Geneva on Jan. 12."},
    ... ]
    >>> found = extract_bag(db.from_sequence(records, npartitions=2), scheduler="sync")
    >>> [(e.date, [s.document for s in e.sources]) for e in found.events]
    [('2015-01-12', ['afp', 'ap'])]
    """
    _require("extract_bag")
    import dask
    from dask import delayed

    from timeline import api
    from timeline import timeline as tl

    day = api._anchor(anchor)
    options = (day, model, undated, doc_timeout or None, keep_timexes, keep_text)
    parts = [delayed(list)(p) for p in bag.to_delayed()]
    offsets: list[Any] = [0]
    for part in parts[:-1]:
        offsets.append(delayed(_plus)(offsets[-1], delayed(len)(part)))
    tasks = [delayed(_partition)(p, o, *options) for p, o in zip(parts, offsets, strict=True)]
    outs = dask.compute(*tasks, **compute)
    results: list[DocumentResult] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for items in outs:
        for item in items:
            if isinstance(item, Problem):
                if not item.kept:
                    problems.append(item)
            else:
                results.append(_unique(item, seen))
    return tl.build(results, problems, merge=merge)


def _plus(a: int, b: int) -> int:
    return a + b


def _partition(
    items: list[Any],
    offset: int,
    anchor: date | None,
    model: str | None,
    undated: bool,
    doc_timeout: float | None,
    keep_timexes: bool,
    keep_text: bool,
) -> list[DocumentResult | Problem]:
    """One partition, on a worker: its documents' results and problems, in order."""
    from timeline import api

    out: list[DocumentResult | Problem] = []
    # Ids are made unique over the whole bag, where it is gathered (`_unique`).
    docs = api.documents(items, anchor, out.append, start=offset + 1, unique=False)
    for chunk in parallel.chunks(docs):
        outcomes = _work(chunk, model, undated, doc_timeout, keep_timexes)

        def failed(document: Document, message: str) -> None:
            out.append(Problem(document.source, message))

        out.extend(parallel.finish(chunk, outcomes, keep_text, failed))
    return out


def _unique(result: DocumentResult, seen: dict[str, int]) -> DocumentResult:
    """A second document of one id is `id-2` (as `sources.unique` names it), and so
    are its events: an event's id is its document's and its place in it."""
    old = result.document.id
    n = seen.get(old, 0) + 1
    seen[old] = n
    if n == 1:
        return result
    new = f"{old}-{n}"
    events = tuple(
        replace(e, id=new + e.id[len(old) :] if e.id.startswith(old) else e.id, document=new)
        for e in result.events
    )
    return replace(result, document=replace(result.document, id=new), events=events)
