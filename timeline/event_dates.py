"""Dates of events a text names again: "in the weeks before the shooting".

A story dates an event once ("Slepian was shot Oct. 23") and then counts from
it ("in the days before the shooting", "the day after his death", "on the eve
of the summit"). Counting from the publication date there is wrong by months.
`EventDates` remembers the dates the text has given so far; `date_of` reads the
event a phrase names and returns the date of the last sentence that named the
same kind of event with a date.

Kinds are small word families: "shooting", "shot", "slaying", "killed" and
"death" are one event in a news story; "summit", "talks" and "meeting" another.
"""

from __future__ import annotations

import re
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
# Words that may stand between "before" and the event: "before [the deadly
# embassy] bombings", "after [Dr. Slepian was] killed".
_EVENT_WORDS = 6
# A sentence ends at . ! ? before a capital, unless the period closes an abbreviation.
_SENTENCE_END = re.compile(r"[.!?]+['\"’”`]*\s+(?=[A-Z\"'`(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Inc|Corp|Co|Ltd|No|vs"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z](?:\.[A-Z])*)$"
)


@dataclass(slots=True)
class _Dated:
    start: int
    end: int
    value: str


@dataclass(slots=True)
class EventDates:
    """The dates a text has given so far, and the events they date."""

    text: str
    dated: list[_Dated] = field(default_factory=list)

    def add(self, start: int, end: int, value: str) -> None:
        """Record a resolved DATE or TIME value the text gave at [start, end)."""
        self.dated.append(_Dated(start, end, value))

    def last(self) -> str | None:
        """The last date the text gave ("until then")."""
        return self.dated[-1].value if self.dated else None

    def date_of(self, start: int) -> str | None:
        """The value of the event named from `start` on ("the shooting", "Slepian
        was killed"): the date of the nearest earlier sentence that names an
        event of the same kind with a date; None when there is none."""
        named = _event_named(self.text, start)
        if named is None:
            return None
        family, plural = named
        for m in reversed(list(_MENTIONS[family].finditer(self.text, 0, start))):
            if _plural(m.group().lower()) and not plural:
                continue  # "the shooting" is not one of "the sniper shootings" before it
            first, last = _sentence(self.text, m.start())
            dating = [
                d
                for d in self.dated
                if first <= d.start and d.end <= last and _dates(self.text, m, d)
            ]
            if dating:
                return min(dating, key=lambda d: abs(d.start - m.start())).value
        return None

    def date_of_event_before(self, at: int, window: int = 40) -> str | None:
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


def _dates(text: str, mention: re.Match[str], dated: _Dated) -> bool:
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


def _sentence(text: str, at: int) -> tuple[int, int]:
    """The bounds of the sentence around offset `at` (paragraphs end sentences too)."""
    first = 0
    for m in _SENTENCE_END.finditer(text, max(0, at - 600), at):
        if not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            first = m.end()
    para = text.rfind("\n\n", 0, at)
    first = max(first, para + 2 if para >= 0 else 0)
    return first, sentence_end(text, at)


def sentence_end(text: str, at: int) -> int:
    """Where the sentence that `at` is in ends."""
    last = len(text)
    for m in _SENTENCE_END.finditer(text, at):
        if not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start()):
            last = m.start()
            break
    para_end = text.find("\n\n", at)
    return min(last, para_end) if para_end >= 0 else last
