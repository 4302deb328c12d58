"""The command line: options, choice of format, errors -> messages and exit codes.

Only this module knows about click. It imports the NLP pipeline only when a
command needs it, so `--help`, `--version` and `schema` start instantly.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from timeline import __version__
from timeline import anchor as anchors
from timeline.cli_export import (
    choose_format,
    emit,
    export_command,
    output_options,
    say,
    schema_command,
    slice_options,
)
from timeline.cli_view import view_command
from timeline.errors import ExitCode, ExportError, TimelineError, UsageError
from timeline.filters import Filter
from timeline.models import Document, DocumentResult, Problem

PROG = "timeline"


def _skipped(problem: Problem) -> str:
    # Every message that concerns a line says which ("malformed JSON at line 2: ...").
    return f"skipped {problem.source}: {problem.message}"


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
def extract(
    paths: tuple[str, ...],
    anchor_text: str | None,
    fmt: str | None,
    output: str | None,
    model: str | None,
    jobs: int | None,
    undated: bool,
    no_merge: bool,
    quiet: bool,
    slicing: Filter,
) -> None:
    """Extract the dated events of PATHS (files, folders, or - for stdin)."""
    anchor = anchors.parse_option(anchor_text) if anchor_text is not None else None
    fmt = choose_format(fmt, output)
    from timeline import sources

    files = sources.expand(list(paths))  # a missing path is a usage error, before any work
    _check_output(output, files)
    from timeline import parallel, progress
    from timeline import timeline as tl

    results: list[DocumentResult] = []
    problems: list[Problem] = []

    def documents() -> Any:
        for item in sources.read(files, anchor=anchor):
            if isinstance(item, Problem):
                problems.append(item)
                say(_skipped(item))
            else:
                yield item

    def failed(document: Document, cause: str) -> None:  # a bug met on strange input
        problem = Problem(document.source, f"cannot analyse: {cause}")
        problems.append(problem)
        say(_skipped(problem))

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
        ):
            results.append(result)
    timeline = tl.build(results, problems, merge=not no_merge)
    texts = {r.document.id: r.document.text for r in results}
    try:
        emit(timeline.to_dict(), fmt, output, texts=texts, slicing=slicing, note=say)
    except BrokenPipeError:  # the reader had enough (`| head`): the run ends as it would
        _drop_stdout()
    except OSError as exc:  # stdout on a full disk, say (-o FILE says so by itself)
        _drop_stdout()
        raise ExportError(f"cannot write: {exc.strerror or exc}", source="stdout") from exc
    if not quiet:
        n_events = len(timeline.events)
        say(
            f"{len(results)} document{'s' * (len(results) != 1)} read, "
            f"{len(problems)} skipped, {n_events} event{'s' * (n_events != 1)}"
        )
    if problems:
        raise SystemExit(ExitCode.SOME_UNREADABLE)


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
) -> None:
    """Score the extraction against gold.

    Without options, PATHS are TimeML GOLD files or folders: temporal expressions
    (TempEval-3 Task A) and event anchoring (event-time TLINKs) are scored.
    """
    given = [o for o, v in (("--events", events_gold), ("--plover", plover_records),
                            ("--timelines", timelines_gold)) if v is not None]  # fmt: skip
    if len(given) > 1:
        raise UsageError(f"give one of {', '.join(given)}", given[-1])
    if answers is not None and timelines_gold is None:
        raise UsageError("goes with --timelines", "--answers")
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

        code = run_eval(list(paths), errors, fmt, model, sys.stdout, documents=documents)
    if code:
        raise SystemExit(code)


cli.add_command(export_command)
cli.add_command(schema_command)
cli.add_command(view_command)


# click 8.2+ raises this for a group called without a command.
_NO_ARGS: type[click.UsageError] = getattr(
    click.exceptions, "NoArgsIsHelpError", type("_Never", (click.UsageError,), {})
)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """The `timeline` command: every failure ends in one line on stderr and an exit code."""
    code: int = ExitCode.OK
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name=PROG, standalone_mode=False
        )
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        code = ExitCode.INTERRUPTED
    except _NO_ARGS as exc:  # `timeline` alone: the help, on stderr
        click.echo(exc.format_message(), err=True)
        code = ExitCode.USAGE
    except click.UsageError as exc:
        say(f"error: {exc.format_message()}")
        code = ExitCode.USAGE
    except click.ClickException as exc:
        say(f"error: {exc.format_message()}")
        code = exc.exit_code
    except TimelineError as exc:
        say(f"error: {exc}")
        code = exc.exit_code
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly.
        _drop_stdout()
        code = ExitCode.OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else ExitCode.SOME_UNREADABLE
    except Exception as exc:  # a bug: still one line, never a traceback
        say(f"internal error: {type(exc).__name__}: {exc}")
        code = 70
    code = _flush_stdout(code)
    if code == ExitCode.INTERRUPTED:
        # The conventional status for an interrupted run.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(code)


def _flush_stdout(code: int) -> int:
    """Write what is still buffered now, where a failure can be told, not at exit."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        _drop_stdout()
    except (OSError, ValueError) as exc:  # a full disk, a closed stdout
        _drop_stdout()
        say(f"error: cannot write the output: {getattr(exc, 'strerror', None) or exc}")
        return code or ExitCode.SOME_UNREADABLE
    return code


def _drop_stdout() -> None:
    """Send what is left of stdout to /dev/null: Python's last flush then finds
    nothing to complain about ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
