"""Whether an offset of a text lies inside a quotation, read from an index of the text.

Straight quotes toggle; typographic and TeX-style marks (`` '') open and close.
A quotation opens and closes within its line: a line with an odd number of
straight quotes, or more opening marks than closing ones, before an offset has
that offset quoted.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import partial

__all__ = ["Quotes"]


class Quotes:
    """Where a text's lines begin and its quotation marks are, read once, so that
    whether an offset is quoted costs a few binary searches, not a scan of its line
    (a text with no line breaks is one line, and it is asked for every expression)."""

    _MARKS = ('"', "“", "”", "``", "''")

    def __init__(self, text: str) -> None:
        self.lines = [m.end() for m in re.finditer("\n", text)]
        self.marks = {
            mark: [m.start() for m in re.finditer(re.escape(mark), text)] for mark in self._MARKS
        }

    def _count(self, mark: str, start: int, at: int) -> int:
        """The marks wholly inside text[start:at]."""
        where = self.marks[mark]
        return max(0, bisect_left(where, at - len(mark) + 1) - bisect_left(where, start))

    def quoted(self, at: int) -> bool:
        """Whether `at` lies inside a quotation that opened in its line."""
        k = bisect_right(self.lines, at)
        start = self.lines[k - 1] if k > 0 else 0
        count = partial(self._count, start=start, at=at)
        return count('"') % 2 == 1 or count("“") > count("”") or count("``") > count("''")
