"""`timeline eval`: the extraction scored against gold (`timeline.evaluation`)."""

from __future__ import annotations

import sys

import click

from timeline.cli.options import current_report, writing
from timeline.errors import UsageError


@click.command("eval")
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
            from timeline import progress
            from timeline.evaluation import find_timeml_files, run_eval

            show = progress.wanted(quiet)
            total = len(find_timeml_files(paths)) if show and paths else None
            with progress.bar(total, show, what="scoring") as advance:
                run_eval(
                    list(paths),
                    errors,
                    fmt,
                    model,
                    sys.stdout,
                    documents=documents,
                    report=report,
                    progress=advance,
                )
            report.finish()
            code = 0
    if code:
        report.failed(SystemExit(code))
    report.exit()
