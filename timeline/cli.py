"""The command line: options, choice of format, errors -> messages and exit codes.

Only this module knows about click. It imports the NLP pipeline only when a
command needs it, so `--help`, `--version` and `schema` start instantly.
"""

from __future__ import annotations

import json
import os
import signal
import sys
from collections.abc import Sequence
from typing import Any, NoReturn, TextIO

import click

from timeline import __version__
from timeline import anchor as anchors
from timeline.errors import ExitCode, TimelineError, UsageError
from timeline.models import DocumentResult, Problem

PROG = "timeline"


def _say(message: str) -> None:
    """A message for the person at the terminal: stderr, never stdout."""
    click.echo(f"{PROG}: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
def cli() -> None:
    """Turn news articles into an ordered timeline of dated events."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--anchor",
    "anchor_text",
    metavar="YYYY-MM-DD",
    help="The articles' own date (wins over any found in them).",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    metavar="FORMAT",
    help="Output format: table (default on a terminal) or json (default when piped), jsonl.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write to this file instead of stdout."
)
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
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
def extract(
    paths: tuple[str, ...],
    anchor_text: str | None,
    fmt: str | None,
    output: str | None,
    model: str | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Extract the dated events of PATHS (files, folders, or - for stdin)."""
    anchor = anchors.parse_option(anchor_text) if anchor_text else None
    fmt = _choose_format(fmt, output)
    from timeline import sources

    files = sources.expand(list(paths))  # a missing path is a usage error, before any work
    from timeline import parallel, progress
    from timeline import timeline as tl

    results: list[DocumentResult] = []
    problems: list[Problem] = []

    def documents() -> Any:
        for item in sources.read(files, anchor=anchor):
            if isinstance(item, Problem):
                problems.append(item)
                _say(f"skipped {item}")
            else:
                yield item

    keep_timexes, keep_text = parallel.needs(fmt)
    show = progress.wanted(quiet)
    with progress.bar(progress.count_documents(files) if show else None, show) as advance:
        for result in parallel.extract(
            documents(),
            model=model,
            jobs=jobs,
            keep_timexes=keep_timexes,
            keep_text=keep_text,
            progress=advance,
        ):
            results.append(result)
    timeline = tl.build(results, problems)
    _write(timeline.to_dict(), fmt, output, {r.document.id: r.document.text for r in results})
    if not quiet:
        n_events = len(timeline.events)
        _say(
            f"{len(results)} document{'s' * (len(results) != 1)} read, "
            f"{len(problems)} skipped, {n_events} event{'s' * (n_events != 1)}"
        )
    if problems:
        raise SystemExit(ExitCode.SOME_UNREADABLE)


FORMATS = ("table", "json", "jsonl")


def _choose_format(fmt: str | None, output: str | None) -> str:
    if fmt is not None:
        if fmt not in FORMATS:
            raise UsageError(
                f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})", "--format"
            )
        return fmt
    if output is not None:
        return "jsonl" if output.endswith(".jsonl") else "json"
    return "table" if sys.stdout.isatty() else "json"


def _write(data: dict[str, Any], fmt: str, output: str | None, texts: dict[str, str]) -> None:
    if output is not None:
        with open(output, "w", encoding="utf-8", newline="") as out:
            _render(data, fmt, out)
    else:
        _render(data, fmt, sys.stdout)


def _render(data: dict[str, Any], fmt: str, out: TextIO) -> None:
    if fmt == "jsonl":
        for event in data["events"]:
            out.write(json.dumps(event, ensure_ascii=False) + "\n")
    elif fmt == "table":
        for event in data["events"]:
            loc = (event["location"] or {}).get("name", "")
            out.write(
                f"{event['date'] or '?':12} {event['summary']:60} {loc:12} {event['status']}\n"
            )
    else:
        out.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


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
    except click.UsageError as exc:
        _say(f"error: {exc.format_message()}")
        code = ExitCode.USAGE
    except click.ClickException as exc:
        _say(f"error: {exc.format_message()}")
        code = exc.exit_code
    except TimelineError as exc:
        _say(f"error: {exc}")
        code = exc.exit_code
    except KeyboardInterrupt:
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep Python's
        # final flush from complaining about the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = ExitCode.OK
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else ExitCode.SOME_UNREADABLE
    except Exception as exc:  # a bug: still one line, never a traceback
        _say(f"internal error: {type(exc).__name__}: {exc}")
        code = 70
    if code == ExitCode.INTERRUPTED:
        # The conventional status for an interrupted run.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(code)
