"""The command-line side of output: `--format`, `-o`, slicing, `export` and `schema`.

Part of the command line (this and `cli.py` are the only modules that know
click), kept apart so the output options are declared once and shared by
`extract` and `export`:

- `output_options`: `-f/--format FORMAT` (choices from the exporter registry)
  and `-o/--output FILE|DIR/`;
- `slice_options`: `--since`, `--until`, `--type` (repeatable), `--status`,
  `--actor`, `--place`; checked when the command line is read, before any
  work, and handed to the command as one `slicing: Filter` argument;
- `choose_format` and `emit`: the format to write, and writing it (sliced,
  atomically to a file, one file a document to a folder);
- `export_command` (`timeline export`) and `schema_command` (`timeline schema`).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import click

from timeline import filters
from timeline.errors import InputError, UsageError
from timeline.exporters import (
    EXPORTERS,
    FORMATS,
    Note,
    get_exporter,
    ignore_note,
    missing_text,
)
from timeline.output import resolve_format, write_export
from timeline.schema import EVENT_TYPES, SCHEMA, STATUSES, check

F = TypeVar("F", bound=Callable[..., Any])

MAX_INPUT_BYTES = 1 << 30

_FORMAT_HELP = (
    "Output format: "
    + ", ".join(FORMATS)
    + ". Default: from the -o file's extension, else table on a terminal and json in a pipe."
)


def output_options(func: F) -> F:
    """`-f/--format` and `-o/--output`, passed as `fmt` and `output`."""
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


def choose_format(fmt: str | None, output: str | None) -> str:
    """The format to write: `--format` (checked), else from `-o`, else by terminal."""
    if fmt is not None:
        return get_exporter(fmt).name
    return resolve_format(None, output, terminal=sys.stdout.isatty())


def emit(
    data: Mapping[str, Any],
    fmt: str,
    output: str | None,
    *,
    texts: Mapping[str, str] | None = None,
    slicing: filters.Filter | None = None,
    note: Note = ignore_note,
) -> None:
    """Slice `data` and write it as `fmt` to stdout, `-o FILE` or `-o DIR/`."""
    if slicing is not None and not slicing.is_empty:
        data = filters.apply(data, slicing)
    write_export(
        data,
        get_exporter(fmt),
        output,
        texts=texts,
        note=note,
        stdout=sys.stdout,
    )


def say(message: str) -> None:
    """A message for the person at the terminal: stderr, never stdout; always one line."""
    click.echo(f"timeline: {_one_line(message)}", err=True)


def _one_line(text: str) -> str:
    """Control characters (a file name with a newline, say) written as escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


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


@click.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@output_options
@slice_options
def export_command(
    file: str | None, fmt: str | None, output: str | None, slicing: filters.Filter
) -> None:
    """Convert the saved JSON of `timeline extract` (FILE, or stdin) to another format.

    \b
    timeline extract articles/ -o timeline.json
    timeline export timeline.json -o calendar.ics
    timeline export --format csv --since 2022-01 --type meeting < timeline.json

    TimeML needs the articles' text, which the JSON does not carry: make it
    with `timeline extract --format timeml -o DIR/`.
    """
    fmt = choose_format(fmt, output)
    if EXPORTERS[fmt].needs_text:
        # Refused before reading anything: the saved JSON cannot help.
        raise UsageError(missing_text(fmt).message, "--format")
    data = read_saved(file)
    emit(data, fmt, output, slicing=slicing, note=say)


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON output."""
    click.echo(json.dumps(SCHEMA, indent=2, ensure_ascii=False))
