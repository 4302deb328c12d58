"""The command line: options, choice of format, the run's Report.

Only this module and `cli_export` know about click. It imports the NLP
pipeline only when a command needs it, so `--help`, `--version` and `schema`
start instantly. Every command fills one `report.Report` (problems, counts,
its summary line, its status); `main` hands it whatever ended the command,
and exits with the status it gives.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

import click

from timeline import __version__
from timeline import anchor as anchors
from timeline.cli_export import (
    choose_format,
    current_report,
    drop_stdout,
    emit,
    export_command,
    output_options,
    schema_command,
    slice_options,
    writing,
)
from timeline.cli_view import view_command
from timeline.errors import ExitCode, ExportError, TimelineError, UsageError
from timeline.filters import Filter
from timeline.models import Document, DocumentResult, Problem
from timeline.report import PROG, Report

DOC_TIMEOUT = 60.0  # seconds of analysis for one document: an article takes well under one


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
def cli() -> None:
    """Turn news articles into an ordered timeline of dated events."""


@cli.command()
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
    from timeline import sources

    files = sources.expand(list(paths))  # a missing path is a usage error, before any work
    _check_output(output, files)
    from timeline import parallel, progress
    from timeline import timeline as tl

    def documents() -> Iterator[Document]:
        for item in sources.read(files, anchor=anchor):
            if isinstance(item, Problem):
                report.add(item)
            else:
                yield item

    def failed(document: Document, message: str) -> None:  # a bug, or past --doc-timeout
        report.skipped(Problem(document.source, message))

    results: list[DocumentResult] = []
    keep_timexes, keep_text = parallel.needs(fmt)
    show = progress.wanted(quiet)
    with progress.bar(progress.count_documents(files) if show else None, show) as advance:
        for result in parallel.extract(
            documents(),
            model=model,
            undated=undated,
            jobs=jobs,
            keep_timexes=keep_timexes,
            keep_text=keep_text,
            progress=advance,
            on_error=failed,
            doc_timeout=doc_timeout or None,
        ):
            results.append(result)
    timeline = tl.build(results, report.problems, merge=not no_merge)
    report.read(len(results), len(timeline.events))
    texts = {r.document.id: r.document.text for r in results}
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


@cli.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(), metavar="[GOLD|TEXTS]...")
@click.option(
    "--events",
    "events_gold",
    metavar="GOLD.json",
    help="Score events against this event gold; PATHS are the texts its documents are in.",
)
@click.option(
    "--plover",
    "plover_records",
    metavar="FILE",
    help="Score PLOVER event types on these gold standard records (no PATHS).",
)
@click.option(
    "--timelines",
    "timelines_gold",
    metavar="GOLD_DIR",
    help="Score SemEval-2015 Task 4 entity timelines (Track A); PATHS are the TimeML documents.",
)
@click.option(
    "--answers",
    metavar="DIR",
    help="With --timelines: also write the timelines made, in the task's format, to DIR.",
)
@click.option(
    "--errors", is_flag=True, help="Also list every error and the commonest error patterns."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="FORMAT",
    help="table (default on a terminal) or json (default when piped).",
)
@click.option("--documents", is_flag=True, help="Also score each document, lowest value F1 first.")
@click.option(
    "--model", metavar="NAME", help="An installed spaCy English pipeline (default: en_core_web_sm)."
)
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def eval_command(
    paths: tuple[str, ...],
    events_gold: str | None,
    plover_records: str | None,
    timelines_gold: str | None,
    answers: str | None,
    errors: bool,
    documents: bool,
    fmt: str | None,
    model: str | None,
    quiet: bool,
) -> None:
    """Score the extraction against gold.

    Without options, PATHS are TimeML GOLD files or folders: temporal expressions
    (TempEval-3 Task A) and event anchoring (event-time TLINKs) are scored.
    """
    report = current_report("eval", quiet)
    given = [o for o, v in (("--events", events_gold), ("--plover", plover_records),
                            ("--timelines", timelines_gold)) if v is not None]  # fmt: skip
    if len(given) > 1:
        raise UsageError(f"give one of {', '.join(given)}", given[-1])
    if answers is not None and timelines_gold is None:
        raise UsageError("goes with --timelines", "--answers")
    with writing():
        if timelines_gold is not None:
            from timeline.evaluation.timelines import run_timeline_eval

            code = run_timeline_eval(timelines_gold, list(paths), fmt, model, sys.stdout, answers)
        elif events_gold is not None:
            from timeline.evaluation.run_events import run_event_eval

            code = run_event_eval(events_gold, list(paths), errors, fmt, model, sys.stdout)
        elif plover_records is not None:
            if paths:
                raise UsageError("takes no PATHS: the records hold their texts", "--plover")
            from timeline.evaluation.run_events import run_plover_eval

            code = run_plover_eval(plover_records, errors, fmt, model, sys.stdout)
        else:
            from timeline.evaluation import run_eval

            run_eval(
                list(paths), errors, fmt, model, sys.stdout, documents=documents, report=report
            )
            report.finish()
            code = 0
    if code:
        report.failed(SystemExit(code))
    report.exit()


cli.add_command(export_command)
cli.add_command(schema_command)
cli.add_command(view_command)


# click 8.2+ raises this for a group called without a command.
_NO_ARGS: type[click.UsageError] = getattr(
    click.exceptions, "NoArgsIsHelpError", type("_Never", (click.UsageError,), {})
)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The `timeline` command: whatever ends it goes to the run's Report, which
    says it in one line on stderr and gives the exit status."""
    report = Report()
    try:
        with _interruptible():
            args = list(argv) if argv is not None else sys.argv[1:]
            with cli.make_context(PROG, args, obj=report) as context:
                cli.invoke(context)
    except BaseException as exc:  # every end of a command, as the Report reads it
        report.failed(_from_click(exc))
    _flush_stdout(report)
    sys.exit(int(report.exit_code))


def _from_click(exc: BaseException) -> BaseException:
    """click's own exceptions as the Report knows them (it knows nothing of click)."""
    if isinstance(exc, click.exceptions.Exit):  # --help, --version
        return SystemExit(exc.exit_code)
    if isinstance(exc, click.Abort):
        return KeyboardInterrupt()
    if isinstance(exc, _NO_ARGS):  # `timeline` alone: the help, on stderr
        click.echo(exc.format_message(), err=True)
        return SystemExit(ExitCode.USAGE)
    if isinstance(exc, click.UsageError):
        return UsageError(exc.format_message())
    if isinstance(exc, click.ClickException):
        return TimelineError(exc.format_message())
    return exc


@contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C raises KeyboardInterrupt only in here, where the Report catches it.

    `timeline.__main__` sets a handler that ends the process with 130 at once,
    before anything is imported; outside this block (reporting, flushing,
    exiting) that one stays, so Ctrl-C is quiet at any moment.
    """
    try:
        previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:  # not the main thread: signals are not ours to set
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _flush_stdout(report: Report) -> None:
    """Write what is still buffered now, where a failure can be told, not at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        drop_stdout()
    except (OSError, ValueError) as exc:  # a full disk, a closed stdout
        drop_stdout()
        cause = getattr(exc, "strerror", None) or exc
        report.failed(ExportError(f"cannot write the output: {cause}", source="stdout"))
