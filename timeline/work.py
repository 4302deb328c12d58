"""Work counted in steps, and the time limit of one document.

The analysis of a document must cost time linear in its length whatever the
text looks like. Two things here keep it honest:

- `charge(n)`: a loop whose length depends on the input charges what it
  does (a token looked at, a match tried): `work.charge(len(window))` before
  scanning a window, `work.charge()` per candidate. The count is exact and
  deterministic, so a test can bound the work of any input in steps, not
  seconds (`tests/test_adversarial.py`).
- `limit(seconds)`: the analysis of one document runs inside it. Every
  `CHECK_EVERY` steps the clock is read, and past the deadline `charge`
  raises `DocumentTimeout`; where signals can be used (POSIX, main thread),
  a timer raises it too, in code that charges nothing. That is a guard, not
  the fix: the work must stay linear.

`stage(name)` says what the document is doing now ("finding events"), for
the message of a timeout. Outside `limit`, charges go to an idle budget that
is never checked, so library code can charge unconditionally. A charge costs
one attribute add and one compare.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

from timeline.errors import TimelineError

# Steps between two looks at the clock: a step is a token or a match, well under
# a microsecond, so the deadline is seen within a few milliseconds.
CHECK_EVERY = 4096
_NEVER = 1 << 62
clock = time.monotonic  # what the deadline is read on (a test may set its own)


class DocumentTimeout(TimelineError):
    """The analysis of one document ran past its time limit: it is left out."""


class Budget:
    """The steps one document's analysis has taken, and its deadline."""

    __slots__ = ("_describe", "deadline", "next_check", "seconds", "stage", "steps")

    def __init__(
        self, seconds: float | None = None, describe: Callable[[], str] | None = None
    ) -> None:
        self.steps = 0
        self.seconds = seconds
        self.deadline = clock() + seconds if seconds is not None else None
        self.next_check = CHECK_EVERY if seconds is not None else _NEVER
        self.stage = "analysing it"
        self._describe = describe

    def check(self) -> None:
        """Raise `DocumentTimeout` if the deadline has passed; else look again later."""
        if self.deadline is None:
            self.steps = 0  # the idle budget: its count means nothing, keep it small
            return
        self.next_check = self.steps + CHECK_EVERY
        if clock() >= self.deadline:
            self.expire()

    def expire(self) -> None:
        self.next_check = _NEVER  # one exception, not one per later charge
        shape = ""
        if self._describe is not None:
            try:
                shape = f": {self._describe()}"
            except Exception:  # the message must not fail where the document did
                shape = ""
        raise DocumentTimeout(
            f"stopped after {self.seconds:g} s (--doc-timeout) while {self.stage}{shape}"
        )


_IDLE = Budget()
_current = _IDLE


def charge(steps: int = 1) -> None:
    """Count `steps` of work of the document being analysed (see the module's docstring)."""
    budget = _current
    budget.steps += steps
    if budget.steps >= budget.next_check:
        budget.check()


def stage(name: str) -> None:
    """Say what the analysis does now, as the message of a timeout reads it:
    "stopped ... while {name}" ("finding time expressions", "building events")."""
    _current.stage = name


def current() -> Budget:
    """The budget being charged (the idle one outside `limit`)."""
    return _current


@contextmanager
def limit(
    seconds: float | None = None, describe: Callable[[], str] | None = None
) -> Iterator[Budget]:
    """Count the work done inside, and stop it after `seconds` (None or 0: no limit).

    `describe()` tells the shape of the document for the message of a timeout.
    Inside another `limit`, the outer one goes on counting: one document is one
    budget, however its analysis is nested.
    """
    global _current
    if _current is not _IDLE:
        yield _current
        return
    budget = Budget(seconds if seconds and seconds > 0 else None, describe)
    _current = budget
    previous = _ring_for(budget)
    try:
        if previous is not None:
            signal.setitimer(signal.ITIMER_REAL, budget.seconds or 0)
        yield budget
    finally:
        _current = _IDLE
        if previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


_Handler = Callable[[int, FrameType | None], object] | int | signal.Handlers | None


def _ring_for(budget: Budget) -> _Handler | None:
    """Set SIGALRM to stop code which charges nothing (a library call, a loop not
    yet counted), where there is one and this is the main thread; the handler
    it replaces (None: no timer can be used)."""
    if (
        budget.seconds is None
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return None

    def ring(signum: int, frame: FrameType | None) -> None:
        if _current is budget:  # a late ring, after the document was done, is ignored
            budget.expire()

    try:
        previous: _Handler = signal.signal(signal.SIGALRM, ring)
    except ValueError:  # not the main interpreter
        return None
    return previous if previous is not None else signal.SIG_DFL
