"""`timeline extract`: the dated events of files, folders or stdin (`api.extract`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import click

from timeline import anchor as anchors
from timeline import api
from timeline.cli.options import (
    choose_format,
    current_report,
    emit,
    output_options,
    slice_options,
    writing,
)
from timeline.errors import UsageError
from timeline.filters import Filter

DOC_TIMEOUT = api.DOC_TIMEOUT


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(readable=False))  # unreadable: skipped
@click.option(
    "--anchor",
    "anchor_text",
    metavar="YYYY-MM-DD",
    help="The articles' own date (wins over any found in them).",
)
@output_options
@slice_options
@click.option(
    "--model", metavar="NAME", help="An installed spaCy English pipeline (default: en_core_web_sm)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=0),
    metavar="N",
    help="Processes to run (default: one per core for large inputs, else one).",
)
@click.option(
    "--scheduler",
    metavar="tcp://HOST:8786|local:N",
    help="Run on the Dask cluster of this scheduler, or on a local one of N workers "
    "(needs pip install 'timeline[dask]'). The output is the same.",
)
@click.option(
    "--undated",
    is_flag=True,
    help="Also the events the text gives no date (date null), as event coders code every sentence.",
)
@click.option(
    "--no-merge",
    is_flag=True,
    help="Keep each document's events apart (by default one event several documents "
    "report is one row, with its sources).",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option(
    "--doc-timeout",
    type=click.FloatRange(min=0),
    default=DOC_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the analysis of a document after SECONDS (0: no limit); "
    "it is reported as skipped and the run goes on.",
)
def extract(
    paths: tuple[str, ...],
    anchor_text: str | None,
    fmt: str | None,
    output: str | None,
    csv_raw: bool,
    model: str | None,
    jobs: int | None,
    scheduler: str | None,
    undated: bool,
    no_merge: bool,
    quiet: bool,
    doc_timeout: float,
    slicing: Filter,
) -> None:
    """Extract the dated events of PATHS (files, folders, or - for stdin)."""
    report = current_report("extract", quiet)
    anchor = anchors.parse_option(anchor_text) if anchor_text is not None else None
    fmt = choose_format(fmt, output, csv_raw)
    if scheduler is not None:
        if jobs:
            raise UsageError("goes with --scheduler or --jobs, not both", "--jobs")
        from timeline import dask

        dask.check_scheduler(scheduler)  # before any work: Dask installed, the address read
    from timeline import sources

    files = sources.expand(list(paths))  # a missing path is a usage error, before any work
    _check_output(output, files)
    from timeline import parallel, progress

    keep_timexes, keep_text = parallel.needs(fmt)
    show = progress.wanted(quiet)
    with progress.bar(progress.count_documents(files) if show else None, show) as advance:
        timeline = api.extract(
            sources.read(files, anchor=anchor),
            model=model,
            undated=undated,
            merge=not no_merge,
            jobs=jobs,
            scheduler=scheduler,
            doc_timeout=doc_timeout or None,
            keep_timexes=keep_timexes,
            keep_text=keep_text,
            on_problem=report.add,
            progress=advance,
        )
    report.read(len(timeline.documents), len(timeline.events))
    texts = {r.document.id: r.document.text for r in timeline.documents}
    with writing():
        emit(
            timeline.to_dict(),
            fmt,
            output,
            texts=texts,
            slicing=slicing,
            note=report.note,
            csv_raw=csv_raw,
        )
    report.finish()
    report.exit()


def _check_output(output: str | None, files: Sequence[str]) -> None:
    """`-o FILE` is checked before any work: its folder exists, and it is not an input;
    without it, there is a stdout to write to."""
    if output is None or output == "-":
        if sys.stdout is None:
            raise UsageError("standard output is closed: write to a file with -o FILE", "stdout")
        return
    if output.endswith(("/", os.sep)) or os.path.isdir(output):
        return
    folder = os.path.dirname(os.path.realpath(output))
    if not os.path.isdir(folder):
        raise UsageError(f"cannot write: no folder {folder}", source="-o")
    if not os.path.exists(output):
        return
    for path in files:
        if path != "-" and os.path.exists(path) and os.path.samefile(path, output):
            raise UsageError("is also an input: it would be replaced by the output", source=output)
