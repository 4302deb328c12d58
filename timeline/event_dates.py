"""Dates of events a text names again: "in the weeks before the shooting".

A story dates an event once ("Slepian was shot Oct. 23") and then counts from
it ("in the days before the shooting", "the day after his death", "on the eve
of the summit"). Counting from the publication date there is wrong by months.
`EventDates` remembers the dates the text has given so far; `date_of` reads the
event a phrase names and returns the date (and where the text gave it) of the
last sentence that named the same kind of event with a date.

Kinds are small word families: "shooting", "shot", "slaying", "killed" and
"death" are one event in a news story; "summit", "talks" and "meeting" another.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

# One family per kind of event: the words a story uses for it, as nouns and verbs.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "killing": (
        "shooting", "shootings", "shot", "slaying", "slayings", "slain", "killing",
        "killings", "killed", "murder", "murders", "murdered", "death", "deaths", "died",
        "assassination", "assassinated", "gunned",
    ),
    "attack": (
        "bombing", "bombings", "bombed", "blast", "blasts", "explosion", "explosions",
        "attack", "attacks", "attacked", "raid", "raids", "airstrike", "airstrikes",
    ),
    "election": (
        "election", "elections", "elected", "vote", "voted", "referendum", "ballot", "runoff",
    ),
    "meeting": (
        "summit", "summits", "talks", "meeting", "meetings", "met", "conference",
        "consultations", "negotiations", "visit", "visited", "trip",
    ),
    "war": ("invasion", "invaded", "offensive", "war", "incursion", "ceasefire", "truce"),
    "agreement": ("agreement", "accord", "treaty", "deal", "signing", "signed"),
    "arrest": ("arrest", "arrested", "detention", "detained", "capture", "captured"),
    "ruling": ("ruling", "ruled", "verdict", "decision", "judgment", "sentencing", "sentenced"),
    "disaster": ("earthquake", "quake", "hurricane", "storm", "flood", "floods", "crash", "fire"),
}  # fmt: skip
# The forms that are verbs: a verb's date follows it or comes just before it
# ("was shot on the night of Oct. 23", "last fall when he was gunned down"); a
# noun's date is its modifier ("the Oct. 23 slaying", "the bombing on Friday").
_VERBS = frozenset({
    "shot", "slain", "killed", "murdered", "died", "assassinated", "gunned", "bombed",
    "attacked", "raided", "elected", "voted", "met", "visited", "invaded", "signed",
    "arrested", "detained", "captured", "ruled", "sentenced",
})  # fmt: skip
_FAMILY_OF = {word: family for family, words in _FAMILIES.items() for word in words}
_MENTIONS = {
    family: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.IGNORECASE)
    for family, words in _FAMILIES.items()
}
_WORD = re.compile(r"[A-Za-z]+")
# How many earlier mentions of a kind of event are read for its date, nearest
# first: a long text (a live blog) must not cost a scan of all of them per lookup.
_MAX_MENTIONS = 40
# Words that may stand between "before" and the event: "before [the deadly
# embassy] bombings", "after [Dr. Slepian was] killed".
_EVENT_WORDS = 6
# A sentence ends at . ! ? before a capital, unless the period closes an abbreviation.
_SENTENCE_END = re.compile(r"[.!?]+['\"’”`]*\s+(?=[A-Z\"'`(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|No|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)$"
)


@dataclass(frozen=True, slots=True)
class Dated:
    """A date the text gave: where its expression is, and its value."""

    start: int
    end: int
    value: str


@dataclass(slots=True)
class EventDates:
    """The dates a text has given so far, and the events they date."""

    text: str
    dated: list[Dated] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)  # of `dated`, for bisect
    # every mention of each kind of event, and their offsets, found once
    _mentions: dict[str, tuple[list[re.Match[str]], list[int]]] = field(default_factory=dict)

    def add(self, start: int, end: int, value: str) -> None:
        """Record a resolved DATE or TIME value the text gave at [start, end)."""
        at = bisect.bisect_right(self._starts, start)
        self._starts.insert(at, start)
        self.dated.insert(at, Dated(start, end, value))

    def last_before(self, at: int) -> Dated | None:
        """The last date given in the sentence of `at` or the one before it, up to
        `at` ("It ends on Nov. 30. Until then, ..."); None if those gave none."""
        first, _ = _sentence(self.text, at)
        previous, _ = _sentence(self.text, max(0, first - 2)) if first > 0 else (0, 0)
        k = bisect.bisect_left(self._starts, at)
        if k == 0 or self.dated[k - 1].start < previous:
            return None
        return self.dated[k - 1]

    def date_of(self, start: int) -> Dated | None:
        """The value of the event named from `start` on ("the shooting", "Slepian
        was killed"): the date of the nearest earlier sentence that names an
        event of the same kind with a date; None when there is none."""
        named = _event_named(self.text, start)
        if named is None:
            return None
        family, plural = named
        mentions, offsets = self._mentions_of(family)
        before = bisect.bisect_left(offsets, start)
        for m in reversed(mentions[max(0, before - _MAX_MENTIONS) : before]):
            if _plural(m.group().lower()) and not plural:
                continue  # "the shooting" is not one of "the sniper shootings" before it
            first, last = _sentence(self.text, m.start())
            lo = bisect.bisect_left(self._starts, first)
            hi = bisect.bisect_right(self._starts, last)
            dating = [d for d in self.dated[lo:hi] if d.end <= last and _dates(self.text, m, d)]
            if dating:
                return min(dating, key=lambda d: abs(d.start - m.start()))
        return None

    def _mentions_of(self, family: str) -> tuple[list[re.Match[str]], list[int]]:
        if family not in self._mentions:
            found = list(_MENTIONS[family].finditer(self.text))
            self._mentions[family] = (found, [m.start() for m in found])
        return self._mentions[family]

    def date_of_event_before(self, at: int, window: int = 40) -> Dated | None:
        """The date of the event named just before `at` in its sentence, as in
        "was [shot] to death at 10 p.m.", if the text dated it elsewhere."""
        first, _ = _sentence(self.text, at)
        mentions = list(_ANY_MENTION.finditer(self.text, max(first, at - window), at))
        return self.date_of(mentions[-1].start()) if mentions else None


_ANY_MENTION = re.compile(r"\b(?:" + "|".join(_FAMILY_OF) + r")\b", re.IGNORECASE)


# A noun's date: just before it ("the Oct. 23 [slaying]", "last fall's [shooting]",
# "the Oct. 23 sniper [shooting]") or after it through a preposition ("the
# [bombing] on Friday").
_NOUN_DATE_GAP = re.compile(r"(?:['’]s)?\s+(?:[a-z-]+\s+)?")
_NOUN_DATE_LINK = re.compile(r"\s+(?:[\w-]+\s+){0,5}?(?:on|in|of|at)\s+(?:the\s+\w+\s+of\s+)?")
_VERB_BEFORE = 30  # characters: "last fall when he was [gunned] down"
_VERB_AFTER = 60  # "was [shot] to death on the night of Oct. 23"


def _dates(text: str, mention: re.Match[str], dated: Dated) -> bool:
    """Whether a date in the sentence of an event mention dates that event."""
    if mention.group().lower() in _VERBS:
        if dated.start >= mention.end():
            return dated.start - mention.end() <= _VERB_AFTER
        return mention.start() - dated.end <= _VERB_BEFORE
    if dated.end <= mention.start():
        return _NOUN_DATE_GAP.fullmatch(text, dated.end, mention.start()) is not None
    return _NOUN_DATE_LINK.fullmatch(text, mention.end(), dated.start) is not None


def names_event(text: str, start: int) -> bool:
    """Whether the words from `start` name a kind of event ("the summit")."""
    return _event_named(text, start) is not None


def _plural(word: str) -> bool:
    return word.endswith("s") and word[:-1] in _FAMILY_OF


def _event_named(text: str, start: int) -> tuple[str, bool] | None:
    """The kind of event the words from `start` name, if one of the first few
    does, and whether they name several ("the bombings")."""
    for n, m in enumerate(_WORD.finditer(text, start, sentence_end(text, start))):
        if n >= _EVENT_WORDS:
            break
        word = m.group().lower()
        family = _FAMILY_OF.get(word)
        if family is not None:
            return family, _plural(word)
    return None


# A sentence is looked for this far either side of a word: longer ones are cut.
_SENTENCE_CHARS = 600


def _ends(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The sentence ends in text[lo:hi], leaving out periods of abbreviations."""
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            yield m


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence around offset `at` (paragraphs end sentences too)."""
    first = max(0, at - _SENTENCE_CHARS)
    for m in _ends(text, first, at):
        first = m.end()
    para = text.rfind("\n\n", first, at)
    return (para + 2 if para >= 0 else first), sentence_end(text, at)


def sentence_end(text: str, at: int) -> int:
    """Where the sentence that `at` is in ends."""
    last = min(len(text), at + _SENTENCE_CHARS)
    last = next((m.start() for m in _ends(text, at, last)), last)
    para_end = text.find("\n\n", at, last)
    return para_end if para_end >= 0 else last
