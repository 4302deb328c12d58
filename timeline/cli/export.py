"""`timeline export`: saved JSON of `timeline extract` into another format."""

from __future__ import annotations

import click

from timeline import filters
from timeline.cli.options import (
    choose_format,
    current_report,
    emit,
    output_options,
    read_saved,
    slice_options,
    sliced,
    writing,
)
from timeline.errors import UsageError
from timeline.exporters import EXPORTERS, missing_text


@click.command("export")
@click.argument("file", required=False, type=click.Path(dir_okay=False, allow_dash=True))
@output_options
@slice_options
@click.option("-q", "--quiet", is_flag=True, help="No summary on stderr.")
def export_command(
    file: str | None,
    fmt: str | None,
    output: str | None,
    csv_raw: bool,
    quiet: bool,
    slicing: filters.Filter,
) -> None:
    """Convert the saved JSON of `timeline extract` (FILE, or stdin) to another format.

    \b
    timeline extract articles/ -o timeline.json
    timeline export timeline.json -o calendar.ics
    timeline export --format csv --since 2022-01 --type meeting < timeline.json

    TimeML needs the articles' text, which the JSON does not carry: make it
    with `timeline extract --format timeml -o DIR/`.
    """
    report = current_report("export", quiet)
    fmt = choose_format(fmt, output, csv_raw)
    if EXPORTERS[fmt].needs_text:
        # Refused before reading anything: the saved JSON cannot help.
        raise UsageError(missing_text(fmt).message, "--format")
    data = read_saved(file)
    kept = sliced(data, slicing)
    report.wrote(len(kept["events"]), of=len(data["events"]))
    with writing():
        emit(kept, fmt, output, note=report.note, csv_raw=csv_raw)
    report.finish()
    report.exit()
