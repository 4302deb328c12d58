"""What a command tells the person who ran it: problems, counts, the summary line
and the exit status, in one object (as black's `Report`).

Every command (`extract`, `export`, `eval`, `schema`) fills one `Report`:

- `skipped(problem)`: an input, or a document, left out, and why;
- `warned(problem)`: an input read all the same, with what was wrong in it;
- `say(message)`, `note(message)`: any other line for the person at the
  terminal (an exporter's notes);
- `read(n_events)`, `wrote(...)`, `scored(...)`: what the command did, for
  its summary line;
- `failed(exc)`: the error that ended the command, turned into its message
  and status (`ExitCode`), in this one place.

Every message is one line on stderr that starts with `timeline: `; control
characters in it (a file name with a newline) are written as escapes. The
report knows nothing of click: the command line turns click's errors into
`UsageError` before handing them over, so a library caller can use it too.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import TextIO

from timeline.errors import ExitCode, TimelineError
from timeline.models import Problem

PROG = "timeline"


def one_line(text: str) -> str:
    """Control characters (a file name with a newline, say) written as escapes."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


def say(message: str, stream: TextIO | None = None) -> None:
    """`timeline: message` on stderr (or `stream`): never stdout, always one line."""
    out = stream if stream is not None else sys.stderr
    if out is None:  # no stderr at all (pythonw): nowhere to say it
        return
    try:
        out.write(f"{PROG}: {one_line(message)}\n")
        out.flush()
    except (OSError, ValueError):  # stderr closed or gone: the status still tells
        pass


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' * (n != 1)}"


@dataclass
class Report:
    """Problems, counts, the summary line and the exit status of one command.

    `stream` is where messages go (None: `sys.stderr` at the time of writing,
    so that a test harness that swaps it sees them); `quiet` keeps the summary
    line back, never a problem.
    """

    command: str = "extract"
    quiet: bool = False
    stream: TextIO | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    documents: int = 0
    events: int = 0
    events_in: int | None = None  # export: the events of the input, before slicing
    status: ExitCode | None = None  # set by the error that ended the command

    # ---------------------------------------------------------------- messages

    def say(self, message: str) -> None:
        say(message, self.stream)

    def note(self, message: str) -> None:
        """An exporter's note (what a format left out): a line on stderr."""
        self.say(message)

    def skipped(self, problem: Problem) -> None:
        """An input or a document left out; the rest goes on, and the status is 1."""
        self.problems.append(problem)
        self.say(f"skipped {problem.source}: {problem.message}")

    def warned(self, problem: Problem) -> None:
        """An input read all the same: what was wrong in it (the status stays 0)."""
        self.warnings.append(problem)
        self.say(f"warning: {problem}")

    def add(self, problem: Problem) -> None:
        """`warned` for a problem whose input was kept, else `skipped`."""
        if problem.kept:
            self.warned(problem)
        else:
            self.skipped(problem)

    # ---------------------------------------------------------------- counts

    def read(self, documents: int, events: int) -> None:
        self.documents += documents
        self.events += events

    def wrote(self, events: int, of: int) -> None:
        self.events, self.events_in = events, of

    def scored(self, documents: int) -> None:
        self.documents += documents

    def summary(self) -> str:
        """The last line of a run: what was read, skipped and found."""
        if self.command == "export":
            if self.events_in is not None and self.events_in != self.events:
                line = f"{self.events:,} of {_plural(self.events_in, 'event')} written"
            else:
                line = f"{_plural(self.events, 'event')} written"
        elif self.command == "eval":
            line = f"{_plural(self.documents, 'document')} scored, {len(self.problems):,} skipped"
        else:
            line = (
                f"{_plural(self.documents, 'document')} read, {len(self.problems):,} skipped, "
                f"{_plural(self.events, 'event')}"
            )
        if self.warnings:
            line += f", {_plural(len(self.warnings), 'warning')}"
        return line

    def finish(self) -> None:
        """The summary line, unless quiet."""
        if not self.quiet:
            self.say(self.summary())

    # ---------------------------------------------------------------- status

    def failed(self, exc: BaseException) -> None:
        """The error that ended the command: its one line, and its status.

        A TimelineError says what it is about; Ctrl-C and a reader that went
        away (`| head`) end quietly; anything else is a bug, still one line.
        The first status that is not OK stays: a failure while the run is
        being wound up does not hide the one that ended it.
        """
        if isinstance(exc, TimelineError):
            self.say(f"error: {exc}")
            self._end(exc.exit_code)
        elif isinstance(exc, KeyboardInterrupt):
            self._end(ExitCode.INTERRUPTED)
        elif isinstance(exc, SystemExit):
            self._end(_status(exc.code))
        elif not isinstance(exc, BrokenPipeError):  # a reader that had enough: no error
            self.say(f"internal error: {type(exc).__name__}: {exc}")
            self._end(ExitCode.INTERNAL)

    def _end(self, status: ExitCode) -> None:
        if self.status in (None, ExitCode.OK):
            self.status = status

    @property
    def exit_code(self) -> ExitCode:
        if self.status is not None:
            return self.status
        return ExitCode.SOME_UNREADABLE if self.problems else ExitCode.OK

    def exit(self) -> None:
        """End the command with its status (a SystemExit when it is not 0)."""
        if self.exit_code != ExitCode.OK:
            raise SystemExit(int(self.exit_code))


def _status(code: object) -> ExitCode:
    """The ExitCode of a `SystemExit(code)` raised by a command or by click."""
    if code is None:
        return ExitCode.OK
    if isinstance(code, int):
        try:
            return ExitCode(code)
        except ValueError:
            return ExitCode.INTERNAL if code else ExitCode.OK
    return ExitCode.SOME_UNREADABLE  # sys.exit("message"): Python prints it, status 1
