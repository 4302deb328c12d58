"""`timeline view`: the html page of a timeline, opened in the user's browser.

The page is that of `--format html`; it is written to `-o FILE`,
or else to a new file in the temporary folder, which is left there for the
browser to read (the command ends before the browser has read it).
"""

from __future__ import annotations

import os
import tempfile
import webbrowser
from pathlib import Path

import click

from timeline.cli.extract import extract
from timeline.cli.options import emit, read_saved
from timeline.report import say


def _saved_json(paths: tuple[str, ...]) -> bool:
    """Saved JSON to show: nothing given (it is piped in), or one `.json` file."""
    return not paths or (len(paths) == 1 and paths[0].lower().endswith(".json"))


def _new_page() -> str:
    handle, name = tempfile.mkstemp(prefix="timeline-", suffix=".html")
    os.close(handle)
    return name


@click.command("view")
@click.argument("paths", nargs=-1, type=click.Path(readable=False))
@click.option(
    "--anchor",
    "anchor_text",
    metavar="YYYY-MM-DD",
    help="The articles' own date (wins over any found in them).",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    type=click.Path(dir_okay=False),
    help="Keep the page as FILE (default: a new file in the temporary folder).",
)
@click.option(
    "--model", metavar="NAME", help="An installed spaCy English pipeline (default: en_core_web_sm)."
)
@click.option("-j", "--jobs", type=click.IntRange(min=0), metavar="N", help="Processes to run.")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.pass_context
def view_command(
    ctx: click.Context,
    paths: tuple[str, ...],
    anchor_text: str | None,
    output: str | None,
    model: str | None,
    jobs: int | None,
    quiet: bool,
) -> None:
    """Open the timeline in the browser: saved JSON (FILE.json, or piped in), or PATHS.

    \b
    timeline view timeline.json
    timeline extract articles/ | timeline view
    timeline view articles/ -o timeline.html

    The page is the one `--format html` writes: the events on a time axis
    to zoom and pan, filters, a search box, and a table.
    """
    status = 0
    data = read_saved(paths[0] if paths else None) if _saved_json(paths) else None
    target = output or _new_page()
    try:
        if data is not None:
            emit(data, "html", target, note=say)
        else:
            ctx.invoke(
                extract,
                paths=paths,
                anchor_text=anchor_text,
                fmt="html",
                output=target,
                model=model,
                jobs=jobs,
                quiet=quiet,
            )
    except SystemExit as stop:  # some documents could not be read: show the rest
        status = stop.code if isinstance(stop.code, int) else 1
    except BaseException:  # nothing to show: no empty page left behind
        if output is None:
            Path(target).unlink(missing_ok=True)
        raise
    uri = Path(target).resolve().as_uri()
    if webbrowser.open(uri):
        if not quiet:
            say(f"opened {target} in the browser")
    else:
        say(f"no browser to open: the page is {target}")
    if status:
        raise SystemExit(status)
