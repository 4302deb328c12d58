"""Years before Christ, counted with Python's dates.

`datetime.date` has no year before 1, so a story told in 480 BC could give no
reference time: "the following year" and "the summer" after "480 BC" were counted
from the document's day. Inside the tagger a year BC n stands as the year
`STAND_IN - n` of a band no text reaches (4001-4999), which keeps the order of
time (BC 481 is before BC 480, the year after BC 481 is BC 480); values in the
band are written back as TIMEX3's BC years before they leave the tagger.
"""

from __future__ import annotations

import re

STAND_IN = 5000  # BC n stands as the year STAND_IN - n
_BC = re.compile(r"BC(\d{4})(?=$|-)")
_BC_CENTURY = re.compile(r"BC(\d{2})")
_IN_BAND = re.compile(r"4\d{3}(?=$|-|T)")
_DECADE_IN_BAND = re.compile(r"4\d\d")
_CENTURY_IN_BAND = re.compile(r"4\d")


def stand_in_year(bc_year: int) -> int:
    """The year that stands for `bc_year` BC (1 <= bc_year <= 999)."""
    return STAND_IN - bc_year


def to_stand_in(value: str) -> str:
    """ "BC0480-08" as the tagger counts it ("4520-08"); any other value as it is.

    >>> to_stand_in("BC0480-SU"), to_stand_in("1944-06"), to_stand_in("BC03")
    ('4520-SU', '1944-06', '46')
    """
    century = _BC_CENTURY.fullmatch(value)
    if century is not None:  # BC03, the years 399-300 BC, stands mostly in 4601-4700
        return f"{(STAND_IN - int(century[1]) * 100 - 99) // 100:02d}"
    m = _BC.match(value)
    if m is None or not 1 <= int(m[1]) < STAND_IN - 4000:
        return value
    return f"{stand_in_year(int(m[1])):04d}{value[m.end() :]}"


def from_stand_in(value: str) -> str:
    """A value counted in the band written as TIMEX3 writes it: a year BC, or the
    decade of years BC it mostly covers; any other value as it is.

    >>> from_stand_in("4521"), from_stand_in("4519-SU"), from_stand_in("452"), from_stand_in("46")
    ('BC0479', 'BC0481-SU', 'BC047', 'BC03')
    """
    if _IN_BAND.match(value):
        year = STAND_IN - int(value[:4])
        return f"BC{year:04d}{value[4:]}" if year >= 1 else value
    if _DECADE_IN_BAND.fullmatch(value):
        # the stand-in years D0..D9 are the years BC 5000-D0 down to 5000-D9
        return f"BC{(STAND_IN - (int(value) * 10 + 9)) // 10:03d}"
    if _CENTURY_IN_BAND.fullmatch(value):  # likewise the centuries
        return f"BC{(STAND_IN - (int(value) * 100 + 99)) // 100:02d}"
    return value
