"""Errors the library raises, and the exit codes the command line maps them to.

`report.Report.failed` turns these into messages and exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    SOME_UNREADABLE = 1  # some inputs or documents were left out; the rest is written
    USAGE = 2
    INTERNAL = 70  # a bug (EX_SOFTWARE of sysexits.h): said in one line, never a traceback
    INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT, as a shell reports it


class TimelineError(Exception):
    """Base of every error the library raises on purpose.

    `source` names the file (or `<stdin>`, or an option) the error is about.

    >>> print(TimelineError("not JSON: Expecting value", "saved.json", line=1))
    saved.json:1: not JSON: Expecting value
    """

    exit_code = ExitCode.SOME_UNREADABLE

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line

    def __str__(self) -> str:
        if self.source is None:
            return self.message
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.message}"


class InputError(TimelineError):
    """A document, or a line of one, could not be read: the batch goes on."""


class UsageError(TimelineError):
    """The command was asked for something it cannot do (bad option, missing path).

    >>> import timeline
    >>> try:
    ...     timeline.extract("Talks opened on Monday.", anchor="12 January")
    ... except timeline.UsageError as error:
    ...     print(error, error.exit_code)
    --anchor: invalid date '12 January': expected YYYY-MM-DD 2
    """

    exit_code = ExitCode.USAGE


class ModelError(UsageError):
    """The spaCy pipeline asked for is not installed or not usable."""


class ExportError(TimelineError):
    """Output could not be written in the format asked for."""
