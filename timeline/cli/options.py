"""What the commands share: `--format`, `-o`, slicing, writing, reading saved JSON.

Part of the command line (`timeline.cli`, the only package that knows
click), kept apart so the output options are declared once and shared by
`extract`, `export` and `view`:

- `output_options`: `-f/--format FORMAT` (choices from the exporter registry)
  and `-o/--output FILE|DIR/`;
- `slice_options`: `--since`, `--until`, `--type` (repeatable), `--status`,
  `--actor`, `--place`; checked when the command line is read, before any
  work, and handed to the command as one `slicing: Filter` argument;
- `choose_format` and `emit`: the format to write, and writing it (sliced,
  atomically to a file, one file a document to a folder);
- `writing`: where stdout is written, a reader that went away ends the
  command quietly, and a failure to write is an error of its own;
- `read_saved`: the JSON of `timeline extract`, checked, from a file or stdin.

Messages, counts and the status of a command go to its `Report`
(`current_report()`), never straight to stderr.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar

import click

from timeline import filters
from timeline.errors import ExportError, InputError, UsageError
from timeline.exporters import FORMATS, Note, get_exporter, ignore_note
from timeline.exporters.csvfile import CsvExporter
from timeline.output import resolve_format, write_export
from timeline.report import Report
from timeline.schema import EVENT_TYPES, STATUSES, check

F = TypeVar("F", bound=Callable[..., Any])

MAX_INPUT_BYTES = 1 << 30

_FORMAT_HELP = (
    "Output format: "
    + ", ".join(FORMATS)
    + ". Default: from the -o file's extension, else table on a terminal and json in a pipe."
)


def output_options(func: F) -> F:
    """`-f/--format`, `-o/--output` and `--csv-raw`, passed as `fmt`, `output`, `csv_raw`."""
    func = click.option(
        "--csv-raw",
        is_flag=True,
        help="CSV cells as they are: no quote before a leading =, +, -, @, tab or CR "
        "(which a spreadsheet would run as a formula).",
    )(func)
    func = click.option(
        "-o",
        "--output",
        metavar="FILE|DIR/",
        type=click.Path(dir_okay=True, allow_dash=True),
        help=(
            "Write to FILE (replaced only once complete) instead of stdout; "
            "DIR/ writes one file per document (needed for timeml with several documents)."
        ),
    )(func)
    return click.option("-f", "--format", "fmt", metavar="FORMAT", help=_FORMAT_HELP)(func)


def slice_options(func: F) -> F:
    """The slicing options, handed to the command as `slicing: filters.Filter`."""

    @functools.wraps(func)
    def wrapper(
        *args: Any,
        since: str | None,
        until: str | None,
        types: tuple[str, ...],
        status: str | None,
        actor: str | None,
        place: str | None,
        **kwargs: Any,
    ) -> Any:
        kwargs["slicing"] = filters.Filter.from_options(
            since=since, until=until, types=types, status=status, actor=actor, place=place
        )
        return func(*args, **kwargs)

    options = [
        click.option(
            "--since",
            metavar="DATE",
            help="Keep events on or after DATE (YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www, YYYY-Qn); "
            "a coarse date counts if any of it is on or after.",
        ),
        click.option("--until", metavar="DATE", help="Keep events on or before DATE (inclusive)."),
        click.option(
            "--type",
            "types",
            multiple=True,
            metavar="TYPE",
            help="Keep events of this type (repeatable): "
            + ", ".join(EVENT_TYPES)
            + ", or a PLOVER type (CONSULT, AGREE, ASSAULT ...).",
        ),
        click.option(
            "--status", metavar="|".join(STATUSES), help="Keep occurred or planned events."
        ),
        click.option(
            "--actor", metavar="TEXT", help="Keep events with an actor whose name has TEXT."
        ),
        click.option(
            "--place", metavar="TEXT", help="Keep events whose place has TEXT in its name."
        ),
    ]
    decorated: Any = wrapper
    for option in reversed(options):
        decorated = option(decorated)
    result: F = decorated
    return result


def choose_format(fmt: str | None, output: str | None, csv_raw: bool = False) -> str:
    """The format to write: `--format` (checked), else from `-o`, else by terminal."""
    chosen = get_exporter(fmt).name if fmt is not None else None
    chosen = chosen or resolve_format(None, output, terminal=sys.stdout.isatty())
    if csv_raw and chosen != "csv":
        raise UsageError(f"is for CSV, and the format is {chosen}", "--csv-raw")
    check = getattr(get_exporter(chosen), "check", None)
    if check is not None:  # what the format needs (parquet: pyarrow), before any work
        check()
    return chosen


def emit(
    data: Mapping[str, Any],
    fmt: str,
    output: str | None,
    *,
    texts: Mapping[str, str] | None = None,
    slicing: filters.Filter | None = None,
    note: Note = ignore_note,
    csv_raw: bool = False,
) -> None:
    """Slice `data` and write it as `fmt` to stdout, `-o FILE` or `-o DIR/`."""
    exporter = CsvExporter(raw=True) if csv_raw else get_exporter(fmt)
    write_export(
        sliced(data, slicing),
        exporter,
        output,
        texts=texts,
        note=note,
        stdout=sys.stdout,
    )


def sliced(data: Mapping[str, Any], slicing: filters.Filter | None) -> Mapping[str, Any]:
    """`data` with only the events `slicing` keeps (all of them without it)."""
    if slicing is None or slicing.is_empty:
        return data
    return filters.apply(data, slicing)


def current_report(command: str, quiet: bool = False) -> Report:
    """The Report of the command running: the one `cli.main` made (click's test
    runner, which calls the commands without it, gets a new one)."""
    report = click.get_current_context().ensure_object(Report)
    report.command, report.quiet = command, quiet
    return report


@contextmanager
def writing() -> Iterator[None]:
    """Around writing to stdout: a reader that went away (`| head`, `| true`)
    ends the command quietly, with the status of the run; a stdout that fails
    (a full disk) is an error (`-o FILE` says so by itself)."""
    try:
        yield
    except BrokenPipeError:
        drop_stdout()
    except OSError as exc:
        drop_stdout()
        raise ExportError(f"cannot write: {exc.strerror or exc}", source="stdout") from exc


def drop_stdout() -> None:
    """Send what is left of stdout to /dev/null: Python's last flush then finds
    nothing to complain about ("Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def read_saved(path: str | None) -> dict[str, Any]:
    """The timeline JSON of `path` (or stdin when None or `-`), checked against the schema."""
    source = "<stdin>" if path in (None, "-") else str(path)
    if path in (None, "-"):
        stream = sys.stdin.buffer
        if stream.isatty():
            raise UsageError(
                "no input: give a FILE, or pipe in the JSON of `timeline extract`", "export"
            )
        raw = stream.read(MAX_INPUT_BYTES + 1)
    else:
        try:
            with open(str(path), "rb") as file:
                raw = file.read(MAX_INPUT_BYTES + 1)
        except FileNotFoundError:
            raise UsageError("no such file", source) from None
        except OSError as error:
            raise InputError(f"cannot read: {error.strerror or error}", source) from error
    if len(raw) > MAX_INPUT_BYTES:
        raise InputError("larger than 1 GiB: not read", source)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise InputError(f"not UTF-8 (byte {error.start})", source) from error
    except json.JSONDecodeError as error:
        raise InputError(f"not JSON: {error.msg}", source, line=error.lineno) from error
    check(data, source)
    result: dict[str, Any] = data
    return result
