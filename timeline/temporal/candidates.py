"""Candidate spans: every rule's matches, the longest winning, and spaCy's
DATE/TIME entities in the gaps the patterns leave.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from timeline import work
from timeline.temporal.rules import PRIORITY, RULES
from timeline.temporal.values import _mod
from timeline.temporal.vocabulary import _DAY, _THROUGH, _YEAR


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: str
    match: re.Match[str] | None
    label: str = ""  # spaCy's label when the candidate came from the NER
    mod: str | None = None  # a modifier taken in front of the match ("early", "the end of")
    partner: Candidate | None = None  # the date a range's first day takes its month from


# A spaCy DATE/TIME entity longer than this is a run of dates taken for one (a
# list, a table): it would only hide the expressions inside it, which resolve.
MAX_NER_CHARS = 80


@lru_cache(maxsize=128)
def rule_matches(text: str) -> tuple[tuple[str, re.Match[str]], ...]:
    """Every non-empty match of every rule in `text`, rule by rule.

    Cached for the last texts seen: a document's text is matched once, though
    the selection of sentences for NER and `find_candidates` both read it.
    """
    return tuple(
        (name, m) for name, pattern in RULES for m in pattern.finditer(text) if m.end() > m.start()
    )


def find_candidates(
    text: str,
    entities: Iterable[tuple[int, int, str]] = (),
    viable: Callable[[Candidate], bool] | None = None,
) -> list[Candidate]:
    """Non-overlapping candidate spans in document order.

    Our patterns win: among overlapping matches the longest wins, then the
    earlier rule; a match `viable` rejects (one its rule would not normalise,
    such as the age in "a 6-year-old") gives way to the matches it overlaps.
    spaCy's DATE/TIME entities only fill the gaps the patterns leave; an
    entity that overlaps a pattern match is dropped, so a long entity ("the
    first nine months of 1997") cannot swallow the expressions TimeML
    annotates inside it. O(n log n) in the number of matches.
    """
    found: list[Candidate] = [
        Candidate(m.start(), m.end(), name, m) for name, m in rule_matches(text)
    ]
    work.charge(len(found))
    found.sort(key=lambda c: (-(c.end - c.start), PRIORITY[c.rule], c.start))
    taken = _Occupied()
    for cand in found:
        if not taken.overlaps(cand.start, cand.end) and (viable is None or viable(cand)):
            taken.add(cand)
    for cand in list(taken.items):
        if cand.rule in ("month_day", "day_month"):
            end_day = _RANGE_END.match(text, cand.end)
            if end_day is not None:
                if end_day["y"]:  # the year is the range end's: "Feb. 24 and [25, 2022]"
                    taken.discard_within(end_day.start("y"), end_day.end("y"))
                taken.add(Candidate(end_day.start("d"), end_day.end(), "range_end", end_day))
        if cand.rule == "day_month" and cand.match is not None and not cand.match["wd"]:
            first = _RANGE_START.search(text, max(0, cand.start - 20), cand.start)
            if first is not None:
                taken.add(
                    Candidate(first.start("d"), first.end("d"), "range_start", first, partner=cand)
                )
    ruled = _Occupied()
    previous_end = 0
    for cand in taken.items:
        _take_modifier(text, cand, previous_end)
        previous_end = cand.end
        ruled.add(cand)
    for start, end, label in entities:
        start, end = _trim_entity(text, start, end)
        if start < end <= start + MAX_NER_CHARS:
            taken.add(Candidate(start, end, "ner", None, label), against=ruled)
    return sorted(taken.items, key=lambda c: c.start)


# TimeML puts "early", "late", "the end of" inside the expression and
# records them in its `mod` ("[early next year]", "[the end of 1990]").
_MODIFIER_BEFORE = re.compile(
    r"\b(?P<mod>early|(?:earlier|later)(?:\s+in)?|late|mid"
    r"|(?:at\s+)?the\s+(?:end|beginning|start|middle)\s+of"
    r"|sometime|as\s+early\s+as)(?:\s+|-)$",
    re.IGNORECASE,
)


_MODIFIED_RULES = frozenset(
    {
        "month_day", "day_month", "month_year", "month", "year", "season", "weekday",
        "deictic_day", "rel_unit", "anaphoric", "period", "decade",
        "century", "fiscal", "holiday", "quarter",
    }
)  # fmt: skip


def _take_modifier(text: str, cand: Candidate, not_before: int) -> None:
    """Extend a match leftwards over a TimeML modifier ("early", "the end of")."""
    if cand.rule not in _MODIFIED_RULES:
        return
    lo = max(not_before, cand.start - 24)
    m = _MODIFIER_BEFORE.search(text, lo, cand.start)
    if m is None:
        return
    mod = re.sub(r"\s+", " ", m["mod"].lower())
    if mod.endswith(" in") and not text.startswith(("the ", "The "), cand.start):
        return  # "earlier in 2013" is two things: TimeML takes "2013" alone
    start = m.start() + (3 if mod.startswith("at ") else 0)
    cand.start = start
    mod = mod.removesuffix(" in")  # "earlier in the year" is "earlier this year"
    cand.mod = {"earlier": "START", "later": "END"}.get(mod) or _mod(re.sub(r"^at\s+", "", mod))


# The second day of a range, which TimeML annotates as an expression of its
# own: "March 3 to [5]", "April 24 and [25]".
_RANGE_END = re.compile(
    rf"\s*(?:{_THROUGH}|and)\s*(?P<d>{_DAY})\b"
    r"(?!\s*(?:%|[,.]?\d)|\s+(?!(?:in|at|on|of|for|with|and|as|by|from|when|while)\b)[A-Za-z])"
    # "Feb. 24 and 25, 2022": the year closes the range and dates both days
    rf"(?:,?\s+(?P<y>{_YEAR})\b)?"
)


# The first day of a range written day-first, an expression of its own too:
# "from [10] to 12 March", "[5]-6 December", "between [3] and 5 May".
_RANGE_START = re.compile(
    rf"(?<![\d.,:/$£€])\b(?P<d>{_DAY})"
    rf"\s*(?:{_THROUGH}|and)\s*$"
)


class _Occupied:
    """Non-overlapping spans kept sorted by start, for O(log n) overlap tests."""

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.items: list[Candidate] = []

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.starts, end)  # spans starting before `end`
        return i > 0 and self.ends[i - 1] > start

    def discard_within(self, start: int, end: int) -> None:
        """Drop the spans that lie inside [start, end)."""
        work.charge(len(self.items))
        keep = [i for i, c in enumerate(self.items) if not (start <= c.start and c.end <= end)]
        self.starts = [self.starts[i] for i in keep]
        self.ends = [self.ends[i] for i in keep]
        self.items = [self.items[i] for i in keep]

    def add(self, cand: Candidate, against: _Occupied | None = None) -> bool:
        if self.overlaps(cand.start, cand.end) or (
            against is not None and against.overlaps(cand.start, cand.end)
        ):
            return False
        i = bisect.bisect_left(self.starts, cand.start)
        self.starts.insert(i, cand.start)
        self.ends.insert(i, cand.end)
        self.items.insert(i, cand)
        return True


_ENTITY_EDGE = re.compile(
    r"^(?:\s|(?:about|around|roughly|approximately|some|since|until|till|by|from|through|"
    r"during|before|after|on|in|at|of|for|to)\s+)+|(?:'s|’s|\s|[,.;:])+$",
    re.IGNORECASE,
)


def _trim_entity(text: str, start: int, end: int) -> tuple[int, int]:
    """An entity's span without white space, prepositions or a possessive at its edges."""
    while True:
        piece = text[start:end]
        m = _ENTITY_EDGE.search(piece)
        if m is None or m.end() == m.start():
            break
        if m.start() == 0:
            start += m.end()
        else:
            end = start + m.start()
    return start, end
