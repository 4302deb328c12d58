"""A progress bar on stderr for long runs: documents done, per second, time left.

It shows only when stderr is a terminal (and the user did not ask for quiet);
rich is imported only then. stdout is never touched.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Task
    from rich.text import Text

Advance = Callable[[int], None]
JSONL_SUFFIXES = (".jsonl", ".ndjson")
STDIN = "-"


def wanted(quiet: bool, stream: TextIO | None = None) -> bool:
    """A bar only for a person at a terminal."""
    stream = stream if stream is not None else sys.stderr
    if quiet:
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def count_documents(paths: Sequence[str]) -> int | None:
    """How many documents `paths` (already expanded) hold, cheaply; None if unknown.

    A JSON Lines file counts its non-blank lines; any other file is one
    document; stdin cannot be counted without reading it.
    """
    total = 0
    for path in paths:
        if path == STDIN:
            return None
        if path.lower().endswith(JSONL_SUFFIXES):
            try:
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1  # the reader reports it
        elif Path(path).is_file():
            total += 1
    return total


@contextmanager
def bar(total: int | None, enabled: bool = True, what: str = "extracting") -> Iterator[Advance]:
    """A function to call with the number of documents just done (`what`: its label).

    With `total=None` the bar is indeterminate (it pulses, and shows the count
    and rate but no time left).
    """
    if not enabled:
        yield _nothing
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:.1f} docs/s" if speed else "- docs/s", style="progress.data.speed")

    columns: list[ProgressColumn] = [
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if total is not None else TextColumn("{task.completed}"),
        TextColumn("documents"),
        Rate(),
        TimeElapsedColumn(),
    ]
    if total is not None:
        columns.append(TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task(what, total=total)

        def advance(n: int) -> None:
            progress.advance(task, n)

        yield advance


def _nothing(n: int) -> None:
    return None
