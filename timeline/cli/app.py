"""The `timeline` group and `main`: every command's end goes to its Report.

Each command is a module of this package, thin over `timeline.api`; only this
package knows about click. The NLP pipeline is imported only when a command
needs it, so `--help`, `--version` and `schema` start instantly. Every
command fills one `report.Report` (problems, counts, its summary line, its
status); `main` hands it whatever ended the command, and exits with the
status it gives.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import NoReturn

import click

from timeline import __version__
from timeline.cli.eval import eval_command
from timeline.cli.export import export_command
from timeline.cli.extract import extract
from timeline.cli.options import drop_stdout
from timeline.cli.schema import schema_command
from timeline.cli.view import view_command
from timeline.errors import ExitCode, ExportError, TimelineError, UsageError
from timeline.report import PROG, Report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name=PROG)
def cli() -> None:
    """Turn news articles into an ordered timeline of dated events."""


for command in (extract, export_command, schema_command, eval_command, view_command):
    cli.add_command(command)


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
