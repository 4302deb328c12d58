"""Find temporal expressions and normalise them to TIMEX3 values.

Candidates come from our own patterns (TimeML extents) and from spaCy's
DATE/TIME entities; normalisation is rule based:

- deictic expressions ("yesterday", "last week", "two days ago") count from
  the document's own day (the anchor);
- anaphoric ones ("two days later", "the following year") count from the
  most recent date the narrative has reached;
- a bare weekday, or a month and day without a year, is placed before or
  after the anchor by the tense and aspect of its clause.

Without an anchor the same arithmetic runs against a stand-in day, so order
is kept, but values that depend on the unknown day are written in their
underspecified TIMEX3 form ("XXXX-WXX-2") and marked unresolved.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from timeline import timex
from timeline.models import TimeExpression, TimexType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

Tense = Literal["past", "present", "future"]

# ---------------------------------------------------------------- vocabulary

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "couple": 2, "a couple": 2, "a couple of": 2,
    "half a": 0.5, "half an": 0.5, "a half": 0.5, "dozen": 12, "a dozen": 12,
}  # fmt: skip
VAGUE_NUMBERS = ("several", "a few", "few", "many", "some", "a number of", "numerous")
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}  # fmt: skip
UNIT_CODES = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
    "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
    "century": "CE", "fortnight": "W",
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
    "overnight": "NI", "midday": "MI",
}  # fmt: skip

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_MONTH_SAFE = (  # months that are not also common words when they stand alone
    r"(?:January|February|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Apr|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[0-9]\d\d|20\d\d)"
_NUM_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a hundred|hundred"
    r"|a couple of|a couple|couple of|a dozen|dozen|half an?|an?)"
)
_NUM = (
    rf"(?:\d+(?:\.\d+)?|{_NUM_WORD}(?:\s+and\s+a\s+half)?|several|a\s+few|few|many|some|numerous)"
)
_UNIT = r"(?:second|minute|hour|day|night|week(?:end)?|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?\s?m\b\.?)?|(?:1[0-2]|0?[1-9])\.[0-5]\d\s*[ap]\.?\s?m\b\.?"
    r"|(?:1[0-2]|0?[1-9])\s*[ap]\.?\s?m\b\.?|noon|midnight)(?:\s+(?:[ECMP][SD]T|GMT|UTC))?"
)


# Nouns that make a four-digit number a count, not a year: "2014 tonnes".
_COUNTED = (
    r"(?:tonnes|tons|people|troops|soldiers|votes|dollars|euros|pounds|yen|barrels|shares|units"
    r"|cars|homes|jobs|workers|employees|members|delegates|deaths|cases|miles|km|kilometers"
    r"|kilometres|meters|metres|feet|points|acres|hectares|rounds|pages|students|refugees|seats)"
)


def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags | re.VERBOSE)


CI = re.IGNORECASE

# Each rule: a name, a pattern, and its priority when two matches overlap
# with the same length (lower wins). Longest match wins first.
RULES: list[tuple[str, re.Pattern[str]]] = [
    # 2022-01-10, 2022-01-10T15:00
    (
        "iso",
        _rx(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?\b"),
    ),
    # 1/10/2022 (US order), 10.01.2022 is ambiguous and left alone
    ("numeric", _rx(r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})\b")),
    # Monday, January 10, 2022 / January 10, 2022 / Jan. 10 / January 10th
    (
        "month_day",
        _rx(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_NAMES})\s+(?P<d>{_DAY})\b"
            rf"(?:,?\s+(?P<y>{_YEAR})\b)?(?:\s+(?P<part>{_PART}))?"
        ),
    ),
    # 10 January 2022 / the 10th of January
    (
        "day_month",
        _rx(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH_NAMES})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    # January 2022 / mid-January 1998 / early May
    (
        "month_year",
        _rx(
            rf"(?:\b(?P<mod>early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of)[- ]?\s*)?"
            rf"\b(?P<mon>{_MONTH_NAMES})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d))\b"
        ),
    ),
    # a month on its own: only where it cannot be a verb or a modal
    (
        "month",
        _rx(
            rf"(?:\b(?P<rel>last|next|this|early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of)[- ]?\s*)?"
            rf"\b(?P<mon>{_MONTH_SAFE}|(?<=\b[Ii]n\s)(?:March|May)|(?<=\b(?:[Ll]ast|[Nn]ext|[Tt]his)\s)(?:March|May))\b"
        ),
    ),
    # fiscal 1998, fiscal year 1998, FY1998, FY98
    (
        "fiscal",
        _rx(rf"\b(?:fiscal(?:\s+year)?\s+(?P<y>{_YEAR}|'?\d\d)|FY\s?'?(?P<y2>\d{{4}}|\d\d))\b", CI),
    ),
    # the first quarter (of 1998), the third quarter, Q3 1998, the second half of 1997
    (
        "quarter",
        _rx(
            rf"\b(?:(?P<rel>the\s+(?:latest|last|past|current|previous|next|coming|same)|this|last|next|its|the)\s+)?"
            rf"(?:(?P<ord>{_ORD}|final|fourth)(?:[- ]|\s+fiscal\s+|\s+calendar\s+)(?P<unit>quarter|half))"
            rf"(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?P<y>{_YEAR})|\s+of\s+(?:(?P<yrel>this|last|next)\s+year))?\b",
            CI,
        ),
    ),
    ("q_short", _rx(rf"\b(?P<q>Q[1-4])(?:\s+(?P<y>{_YEAR}))?\b")),
    # the 1990s, the '90s, the mid-1980s, the nineteen-nineties
    (
        "decade",
        _rx(r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<dec>1\d\d0|20\d0|'\d0)'?s\b", CI),
    ),
    # the 20th century, the nineteenth century
    (
        "century",
        _rx(
            r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b"
            r"|\b(?:the\s+)?(?P<w>nineteenth|twentieth|twenty-first|eighteenth)[- ]century\b",
            CI,
        ),
    ),
    # summer 2013, this summer, last winter, the spring of 1998
    (
        "season",
        _rx(
            rf"\b(?:(?P<rel>this|last|next|early|late|mid|the)\s+)?(?P<s>spring|summer|fall|autumn|winter)"
            rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}))?\b",
            CI,
        ),
    ),
    # the year 2014, 2014, in '98, the mid-1990s handled above
    (
        "year",
        _rx(
            rf"(?<![\d$€£.,:/-])\b(?:the\s+year\s+)?(?P<y>{_YEAR})\b"
            rf"(?![.,:/-]?\d|\s*%|-\d|\s+{_COUNTED}\b)",
            CI,
        ),
    ),
    # clock times, optionally with a day: 3 p.m., 10:30 a.m. Monday, Monday at 9 a.m.
    (
        "clock",
        _rx(
            rf"\b(?:(?P<wd1>{_WEEKDAY}|today|tomorrow|yesterday|tonight)(?:,?\s+at|,)?\s+)?"
            rf"(?P<clock>{_CLOCK})"
            rf"(?:\s+(?:on\s+)?(?P<wd2>{_WEEKDAY}|today|tomorrow|yesterday|tonight))?",
            CI,
        ),
    ),
    # Monday, Monday morning, last Friday, next Tuesday, this Thursday, Monday night
    (
        "weekday",
        _rx(
            rf"\b(?:(?P<rel>last|next|this|past|coming|following|previous)\s+)?(?P<wd>{_WEEKDAY})"
            rf"(?:'s)?(?:\s+(?P<part>{_PART}))?\b",
        ),
    ),
    ("weekday_cap", _rx(rf"\b(?:(?P<rel>Last|Next|This)\s+)(?P<wd>{_WEEKDAY})\b")),
    # weekends
    ("weekend", _rx(r"\b(?P<rel>this|last|next|the\s+past|the\s+coming)\s+weekend\b", CI)),
    # today, tonight, yesterday morning, tomorrow
    (
        "deictic_day",
        _rx(
            rf"\b(?P<w>today|tonight|tomorrow|yesterday)(?:'s)?(?:\s+(?P<part>{_PART}))?\b"
            rf"|\b(?P<w2>this|last)\s+(?P<part2>morning|afternoon|evening|night)\b",
            CI,
        ),
    ),
    # this week, last month, next year, the past year (DURATION in TimeML), the coming week
    (
        "rel_unit",
        _rx(
            r"\b(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|"
            r"the\s+current|the\s+same|the\s+following|the\s+preceding|the\s+latest|that|the\s+prior)\s+"
            r"(?P<unit>week|month|year|decade|century|quarter)\b(?!\s+(?:before|after|earlier|later))",
            CI,
        ),
    ),
    # two weeks ago, a year earlier, three days later, two years before
    (
        "ago",
        _rx(
            rf"\b(?:(?P<approx>about|almost|nearly|some|roughly|around|more\s+than|less\s+than|over|only|just)\s+)?"
            rf"(?P<n>{_NUM})[- ](?P<unit>{_UNIT})\s+"
            rf"(?P<dir>ago|earlier|later|before|after|from\s+now|hence|previously|since)\b",
            CI,
        ),
    ),
    # the day before, the next day, the following week, the previous day, the year before
    (
        "anaphoric",
        _rx(
            r"\b(?:the\s+(?P<rel>next|following|previous|preceding|prior)\s+(?P<unit>day|morning|evening|night|week|month|year))\b"
            r"|\b(?:the\s+)?(?P<unit2>day|week|month|year|night)\s+(?P<dir>before|after|earlier|later)\b(?!\s+\w+\s+(?:of|was|had))"
            r"|\b(?P<that>that|the\s+same)\s+(?P<unit3>day|morning|night|afternoon|evening|week|month|year)\b",
            CI,
        ),
    ),
    # in three years, within two weeks: future dates in TimeML when after "in"
    # (the extent excludes the preposition); durations elsewhere.
    # the past two years, the last 24 hours, the next five months, two full years
    (
        "duration",
        _rx(
            rf"\b(?:(?P<rel>the\s+(?:past|last|next|first|previous|coming|following|preceding|final)|"
            rf"the\s+better\s+part\s+of|the\s+rest\s+of|recent|past|another|the|"
            rf"(?:about|almost|nearly|roughly|around|more\s+than|less\s+than|over|at\s+least|up\s+to|only|just))\s+)?"
            rf"(?P<n>{_NUM})[- ](?:(?:full|straight|consecutive|calendar|fiscal|more|additional|long)[- ])?"
            rf"(?P<unit>{_UNIT})\b(?:[- ](?P<old>old|long))?",
            CI,
        ),
    ),
    # years, months (vague durations): "for years", "in recent months", "for decades"
    (
        "vague_duration",
        _rx(
            r"\b(?:(?P<rel>recent|the\s+(?:past|last|coming|next)|in\s+recent)\s+)(?P<unit>days|weeks|months|years|decades)\b"
            r"|(?<=\bfor\s)(?P<unit2>days|weeks|months|years|decades|hours|minutes)\b",
            CI,
        ),
    ),
    # every week, each year, annually, daily
    (
        "set",
        _rx(
            r"\b(?P<q>every|each|per|a)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?"
            rf"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|{_WEEKDAY}|morning|evening|night|weekend)s?\b"
            r"|\b(?P<adv>annually|yearly|daily|weekly|monthly|quarterly|hourly|nightly|biweekly|biannually|semiannually)\b",
            CI,
        ),
    ),
    # now, currently, the past, the future, recently, nowadays
    (
        "ref",
        _rx(
            r"\b(?P<present>now|currently|nowadays|at\s+present|at\s+the\s+moment|these\s+days|at\s+this\s+time|the\s+present|right\s+now)\b"
            r"|\b(?P<past>the\s+past|recently|previously|formerly|once\s+upon\s+a\s+time|lately|earlier)\b"
            r"|\b(?P<future>the\s+future|soon|shortly|someday|the\s+near\s+future|the\s+long\s+term|the\s+short\s+term|eventually)\b",
            CI,
        ),
    ),
]
PRIORITY = {name: i for i, (name, _) in enumerate(RULES)}

# "the past" and friends are TimeML expressions only in some contexts.
_REF_NEEDS_PREP = {
    "the past",
    "the future",
    "the present",
    "the near future",
    "the long term",
    "the short term",
}


# ---------------------------------------------------------------- candidates


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    rule: str
    match: re.Match[str] | None
    label: str = ""  # spaCy's label when the candidate came from the NER


def find_candidates(text: str, entities: Iterable[tuple[int, int, str]] = ()) -> list[Candidate]:
    """Non-overlapping candidate spans, longest first, in document order."""
    found: list[Candidate] = []
    for name, pattern in RULES:
        for m in pattern.finditer(text):
            if m.end() > m.start():
                found.append(Candidate(m.start(), m.end(), name, m))
    for start, end, label in entities:
        # spaCy's spans may carry white space at their edges; TimeML's do not
        piece = text[start:end]
        start += len(piece) - len(piece.lstrip())
        end -= len(piece) - len(piece.rstrip())
        if end > start:
            found.append(Candidate(start, end, "ner", None, label))
    # Longest first; among equals, rule order; NER last.
    found.sort(key=lambda c: (-(c.end - c.start), PRIORITY.get(c.rule, 99), c.start))
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for cand in found:
        if any(cand.start < e and s < cand.end for s, e in occupied):
            continue
        taken.append(cand)
        occupied.append((cand.start, cand.end))
    taken.sort(key=lambda c: c.start)
    return taken


# ---------------------------------------------------------------- tense


_FUTURE_HEADS = {
    "due", "expected", "scheduled", "set", "slated", "planned", "likely", "going", "poised",
    "plan", "expect", "intend", "hope", "aim", "prepare", "want",
}  # fmt: skip
_FUTURE_NOUNS = {"plan", "schedule", "agenda", "prospect"}


def clause_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense and aspect of the clause a character span sits in.

    Walks from the span's head up the dependency tree to the nearest verb and
    reads its tag and auxiliaries: "will continue", "is due to meet" and "is
    expected to" are future; a present-tense verb schedules ("a session follows
    on Wednesday"), and past or perfect tense narrates.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    for _ in range(12):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            tense = _verb_tense(token)
            if tense is not None:
                return tense
        if token.head is token:
            break
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    if lemmas & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "would" in lemmas:
        return "past"
    # "is due to meet", "are expected to attend", "plans to visit"
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and head is not verb:
        if head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in _FUTURE_HEADS:
            return "future"
        if "to" in lemmas and head.pos_ in ("VERB", "AUX", "ADJ"):
            outer = _verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
            if outer is not None:
                return outer
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return "future"
    tag = verb.tag_
    for a in auxes:
        if a.tag_ in ("VBD",):
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "have":
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" and tag == "VBG":
            return "future"  # "is meeting on Friday"
        if a.tag_ == "MD":
            return (
                "future" if a.lower_ in ("can", "may", "might", "could", "must", "should") else None
            )
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return "past"
    if tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VB" and "to" in lemmas:
        return "future"
    return None


# ---------------------------------------------------------------- resolution


@dataclass(slots=True)
class Context:
    """What normalisation reads besides the expression itself."""

    text: str
    anchor: date  # the document's day, or a stand-in for it
    anchored: bool  # False when `anchor` is a stand-in
    reference: date | None = None  # the last date the narrative reached
    reference_from_text: bool = False
    tense_of: Callable[[int, int], Tense | None] = field(default=lambda s, e: None)


@dataclass(frozen=True, slots=True)
class Value:
    type: TimexType
    value: str
    mod: str | None = None
    relative: bool = False  # depends on the anchor (or stand-in)
    sets_reference: bool = False
    underspecified: str | None = None  # what to write when relative and unanchored


def _num(text: str) -> float | None:
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = False
    if t.endswith(" and a half"):
        half, t = True, t[: -len(" and a half")]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        n = float(t)
    elif t in NUMBERS:
        n = float(NUMBERS[t])
    elif t.startswith("couple"):
        n = 2.0
    else:
        parts = re.split(r"[- ]", t)
        if len(parts) == 2 and parts[0] in NUMBERS and parts[1] in NUMBERS:
            n = float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
        else:
            return None
    return n + 0.5 if half else n


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if n == int(n) else str(n)


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u.startswith("centur"):
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNIT_CODES else u


def _duration(n: float | None, unit: str) -> str:
    u = _unit_key(unit)
    if u == "fortnight":
        return f"P{_fmt_num(n * 2 if n is not None else None)}W"
    if u == "night":
        u = "day"
    code = UNIT_CODES.get(u, "D")
    if n is not None and n != int(n):
        # half units: express in the next finer unit where TIMEX3 has no fractions
        finer = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60)}
        if code in finer and u not in ("minute", "second"):
            fcode, mult = finer[code]
            val = _fmt_num(n * mult)
            return (
                f"PT{val}{fcode}"
                if fcode in ("H",) or (fcode == "M" and code == "H")
                else f"P{val}{fcode}"
            )
    if u in ("hour", "minute", "second"):
        return f"PT{_fmt_num(n)}{code}"
    return f"P{_fmt_num(n)}{code}"


def _add(d: date, n: int, unit: str) -> date:
    u = _unit_key(unit)
    if u in ("day", "night"):
        return d + timedelta(days=n)
    if u in ("week", "weekend", "fortnight"):
        return d + timedelta(weeks=n * (2 if u == "fortnight" else 1))
    if u in ("month", "quarter"):
        months = n * (3 if u == "quarter" else 1)
        y, m = divmod(d.month - 1 + months, 12)
        return _safe_date(d.year + y, m + 1, d.day)
    if u == "year":
        return _safe_date(d.year + n, d.month, d.day)
    if u == "decade":
        return _safe_date(d.year + 10 * n, d.month, d.day)
    if u == "century":
        return _safe_date(d.year + 100 * n, d.month, d.day)
    return d


def _safe_date(y: int, m: int, d: int) -> date:
    y = min(max(y, 1), 9999)
    for day in (d, 30, 29, 28):
        try:
            return date(y, m, day)
        except ValueError:
            continue
    return date(y, m, 28)


def _at(d: date, unit: str) -> str:
    """The value of the `unit` that contains day `d`."""
    u = _unit_key(unit)
    if u in ("day", "night"):
        return d.isoformat()
    if u in ("week", "fortnight"):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if u == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if u == "month":
        return f"{d.year}-{d.month:02d}"
    if u == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if u == "decade":
        return f"{d.year // 10:03d}"
    if u == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _unit_under(unit: str) -> str:
    u = _unit_key(unit)
    return {
        "day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX", "century": "XX",
    }.get(u, "XXXX-XX-XX")  # fmt: skip


def _year_of(text: str, ref: date) -> int:
    t = text.strip("'")
    if len(t) == 2:
        y = int(t)
        century = ref.year // 100 * 100
        # '98 in a 2001 article is 1998; '05 is 2005
        return century + y if century + y <= ref.year + 20 else century - 100 + y
    return int(t)


def _weekday_value(
    wd: int, ctx: Context, start: int, end: int, rel: str | None
) -> tuple[date, bool]:
    """The day a weekday names, and whether the choice was certain."""
    base = ctx.anchor
    if not ctx.anchored and ctx.reference is not None and ctx.reference_from_text:
        base = ctx.reference
    delta = wd - base.isoweekday()
    rel = (rel or "").lower()
    if rel == "next":  # "next Tuesday": the Tuesday of next week
        return base + timedelta(days=7 + delta), True
    if rel in ("coming", "following"):
        return base + timedelta(days=(delta % 7) or 7), True
    if rel in ("last", "past", "previous"):
        return base - timedelta(days=((-delta) % 7) or 7), True
    if rel == "this":
        return base + timedelta(days=delta), True
    tense = ctx.tense_of(start, end)
    if tense == "future":
        return base + timedelta(days=(delta % 7) or 7), True
    if tense == "present":
        return base + timedelta(days=delta % 7), True
    # past, or no verb: news reports the recent past
    return base - timedelta(days=(-delta) % 7), tense is not None


def _month_day_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> int:
    """The year of a month (and day) written without one: by tense and nearness."""
    base = ctx.reference if (ctx.reference is not None and ctx.reference_from_text) else ctx.anchor
    base = ctx.anchor if ctx.anchored else base
    candidates = [base.year - 1, base.year, base.year + 1]

    def distance(y: int) -> int:
        d = _safe_date(y, month, day or 15)
        return (d - base).days

    tense = ctx.tense_of(start, end)
    if tense == "future":
        future = [y for y in candidates if distance(y) >= -(0 if day else 15)]
        return min(future, key=lambda y: abs(distance(y)))
    if tense == "past":
        past = [y for y in candidates if distance(y) <= (0 if day else 15)]
        return min(past, key=lambda y: abs(distance(y)))
    return min(candidates, key=lambda y: abs(distance(y)))


def resolve(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """The TIMEX3 type and value of a candidate, or None if it is not one."""
    handler = _HANDLERS.get(cand.rule)
    if handler is None or cand.match is None:
        return _resolve_ner(cand, text, ctx)
    return handler(cand.match, cand, ctx)


def _mod(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower()
    if w.startswith(("early", "beginning", "the beginning", "start", "the start")):
        return "START"
    if w.startswith(("mid", "middle", "the middle")):
        return "MID"
    if w.startswith(("late", "end", "the end")):
        return "END"
    return None


def _h_iso(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    if m["H"]:
        return Value("TIME", f"{day.isoformat()}T{m['H']}:{m['M']}", sets_reference=True)
    return Value("DATE", day.isoformat(), sets_reference=True)


def _h_numeric(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    y = _year_of(m["y"], ctx.anchor)
    try:
        day = date(y, int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return Value("DATE", day.isoformat(), sets_reference=True)


def _h_month_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    day_n = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
    if m["y"]:
        try:
            d = date(int(m["y"]), month, day_n)
        except ValueError:
            return None
        value = d.isoformat()
        if m["part"] if "part" in m.groupdict() else None:
            return Value("TIME", f"{value}T{PARTS_OF_DAY[m['part'].lower()]}", sets_reference=True)
        return Value("DATE", value, sets_reference=True)
    year = _month_day_year(month, day_n, ctx, c.start, c.end)
    try:
        d = date(year, month, day_n)
    except ValueError:
        return None
    value = d.isoformat()
    under = f"XXXX-{month:02d}-{day_n:02d}"
    part = m.groupdict().get("part")
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Value("TIME", f"{value}T{code}", relative=True, underspecified=f"{under}T{code}")
    return Value("DATE", value, relative=True, sets_reference=True, underspecified=under)


def _h_month_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    year = _year_of(m["y"], ctx.anchor)
    return Value("DATE", f"{year:04d}-{month:02d}", mod=_mod(m["mod"]), sets_reference=True)


def _h_month(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    rel = (m["rel"] or "").lower()
    base = ctx.anchor
    if rel == "last":
        year = base.year if month < base.month else base.year - 1
    elif rel == "next":
        year = base.year if month > base.month else base.year + 1
    elif rel == "this":
        year = base.year
    else:
        year = _month_day_year(month, None, ctx, c.start, c.end)
    return Value(
        "DATE",
        f"{year:04d}-{month:02d}",
        mod=_mod(rel),
        relative=True,
        underspecified=f"XXXX-{month:02d}",
    )


def _h_fiscal(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    y = m["y"] or m["y2"]
    return Value("DATE", f"FY{_year_of(y, ctx.anchor):04d}")


def _h_quarter(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    ord_word = m["ord"].lower()
    n = {"final": 4}.get(ord_word) or ORDINALS.get(ord_word) or int(ord_word[0])
    unit = m["unit"].lower()
    code = "Q" if unit == "quarter" else "H"
    if code == "H" and n > 2:
        return None
    base = ctx.reference if (ctx.reference_from_text and ctx.reference) else ctx.anchor
    relative = False
    if m["y"]:
        year = int(m["y"])
    else:
        yrel = (m["yrel"] or "").lower()
        year = ctx.anchor.year + {"last": -1, "next": 1}.get(yrel, 0)
        if not yrel:
            year = base.year
            # In a January report, "the fourth quarter" is last year's, and so is
            # a first quarter told in the past tense: it has not ended yet.
            months = 3 if code == "Q" else 6
            first_month = (n - 1) * months + 1
            tense = ctx.tense_of(c.start, c.end)
            not_started = first_month > base.month
            not_ended = first_month + months - 1 >= base.month
            if (not_started and tense != "future") or (not_ended and tense == "past"):
                year -= 1
        relative = True
    return Value(
        "DATE", f"{year:04d}-{code}{n}", relative=relative, underspecified=f"XXXX-{code}{n}"
    )


def _h_q_short(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    q = m["q"][1]
    if m["y"]:
        return Value("DATE", f"{m['y']}-Q{q}")
    return Value("DATE", f"{ctx.anchor.year:04d}-Q{q}", relative=True, underspecified=f"XXXX-Q{q}")


def _h_decade(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    dec = m["dec"]
    year = _year_of(dec[1:], ctx.anchor) if dec.startswith("'") else int(dec)
    return Value("DATE", f"{year // 10:03d}", mod=_mod(m["mod"]))


def _h_century(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["n"]:
        n = int(m["n"])
    else:
        n = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}[
            m["w"].lower()
        ]
    return Value("DATE", f"{n - 1:02d}", mod=_mod(m["mod"]))


def _h_season(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    code = SEASONS[m["s"].lower()]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        return Value("DATE", f"{m['y']}-{code}", mod=_mod(rel))
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(rel, 0)
    return Value(
        "DATE", f"{year:04d}-{code}", mod=_mod(rel), relative=True, underspecified=f"XXXX-{code}"
    )


def _h_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    year = int(m["y"])
    if not 1000 <= year <= 2099:
        return None
    return Value("DATE", f"{year:04d}", sets_reference=True)


def _clock_value(clock: str) -> str | None:
    t = clock.lower().strip()
    t = re.sub(r"\s+(?:[ecmp][sd]t|gmt|utc)$", "", t)
    if t == "noon":
        return "12:00"
    if t == "midnight":
        return "00:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d{2}))?\s*(?:([ap])\.?\s?m\.?)?$", t)
    if not m:
        return None
    h, mi, ap = int(m[1]), int(m[2] or 0), m[3]
    if ap == "p" and h < 12:
        h += 12
    if ap == "a" and h == 12:
        h = 0
    if h > 23:
        return None
    return f"{h:02d}:{mi:02d}"


def _deictic_day(word: str, ctx: Context) -> date:
    w = word.lower()
    return ctx.anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get(w, 0))


def _h_clock(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    hm = _clock_value(m["clock"])
    if hm is None:
        return None
    wd = m["wd1"] or m["wd2"]
    if wd and wd.lower() in WEEKDAYS:
        day, _ = _weekday_value(WEEKDAYS[wd.lower()], ctx, c.start, c.end, None)
    elif wd:
        day = _deictic_day(wd, ctx)
    else:
        day = ctx.reference if (ctx.reference is not None and not ctx.anchored) else ctx.anchor
    return Value(
        "TIME", f"{day.isoformat()}T{hm}", relative=True, underspecified=f"XXXX-XX-XXT{hm}"
    )


def _h_weekday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = m.groupdict().get("rel")
    day, _ = _weekday_value(wd, ctx, c.start, c.end, rel)
    part = m.groupdict().get("part")
    under = f"XXXX-WXX-{wd}"
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Value(
            "TIME", f"{day.isoformat()}T{code}", relative=True, underspecified=f"{under}T{code}"
        )
    return Value("DATE", day.isoformat(), relative=True, underspecified=under)


def _h_weekend(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = m["rel"].lower()
    d = ctx.anchor
    if "last" in rel or "past" in rel:
        d -= timedelta(weeks=1)
    elif "next" in rel or "coming" in rel:
        d += timedelta(weeks=1)
    return Value("DATE", _at(d, "weekend"), relative=True, underspecified="XXXX-WXX-WE")


def _h_deictic_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    word = (m["w"] or "").lower()
    part = m["part"] or m["part2"]
    if m["w2"]:
        day = ctx.anchor - timedelta(days=1) if m["w2"].lower() == "last" else ctx.anchor
    elif word == "tonight":
        return Value(
            "TIME", f"{ctx.anchor.isoformat()}TNI", relative=True, underspecified="XXXX-XX-XXTNI"
        )
    else:
        day = _deictic_day(word, ctx)
    if part:
        code = PARTS_OF_DAY[part.lower()]
        return Value(
            "TIME", f"{day.isoformat()}T{code}", relative=True, underspecified=f"XXXX-XX-XXT{code}"
        )
    return Value("DATE", day.isoformat(), relative=True, underspecified="XXXX-XX-XX")


def _h_rel_unit(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if rel in ("the past", "the last", "the next", "the coming") and unit != "quarter":
        # "the past year" is a duration in TimeML; "the coming week" too
        return Value("DURATION", _duration(1, unit), relative=False)
    if rel in ("the same", "that"):
        base = ctx.reference or ctx.anchor
        return Value(
            "DATE",
            _at(base, unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    if rel in ("the following", "the next", "the previous", "the preceding", "the prior"):
        base = ctx.reference or ctx.anchor
        step = 1 if rel in ("the following", "the next") else -1
        return Value(
            "DATE",
            _at(_add(base, step, unit), unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    step = {"last": -1, "next": 1, "the latest": 0}.get(rel, 0)
    return Value(
        "DATE",
        _at(_add(ctx.anchor, step, unit), unit),
        relative=True,
        underspecified=_unit_under(unit),
    )


def _h_ago(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    n = _num(m["n"])
    unit = m["unit"]
    direction = m["dir"].lower()
    if direction == "since":
        return Value("DURATION", _duration(n, unit))
    if n is None or n != int(n):
        u = _unit_key(unit)
        if direction in ("ago", "earlier", "before", "previously"):
            return Value("DATE", "PAST_REF")
        return Value("DATE", "FUTURE_REF") if u else None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    deictic = direction in ("ago", "from now", "hence")
    base = ctx.anchor if deictic else (ctx.reference or ctx.anchor)
    target = _add(base, sign * int(n), unit)
    u = _unit_key(unit)
    if u in ("hour", "minute", "second"):
        return Value("DATE", target.isoformat(), relative=True, underspecified="XXXX-XX-XX")
    return Value(
        "DATE",
        _at(target, unit),
        relative=deictic or not ctx.reference_from_text,
        underspecified=_unit_under(unit),
    )


def _h_anaphoric(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    base = ctx.reference or ctx.anchor
    relative = not (ctx.reference_from_text and ctx.reference is not None)
    if m["rel"]:
        rel, unit = m["rel"].lower(), m["unit"].lower()
        step = 1 if rel in ("next", "following") else -1
    elif m["unit2"]:
        unit, d = m["unit2"].lower(), m["dir"].lower()
        step = 1 if d in ("after", "later") else -1
    else:
        unit, step = m["unit3"].lower(), 0
    if unit in ("morning", "evening", "night", "afternoon"):
        day = base + timedelta(days=step)
        code = PARTS_OF_DAY[unit]
        return Value(
            "TIME",
            f"{day.isoformat()}T{code}",
            relative=relative,
            underspecified=f"XXXX-XX-XXT{code}",
        )
    return Value(
        "DATE",
        _at(_add(base, step, unit), unit),
        relative=relative,
        underspecified=_unit_under(unit),
    )


def _h_duration(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    n = _num(m["n"])
    unit = m["unit"]
    if m["old"] and m["old"].lower() == "old":
        return Value("DURATION", _duration(n, unit))
    raw_n = m["n"].lower()
    if any(raw_n.startswith(v) for v in VAGUE_NUMBERS):
        n = None
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    mod = None
    if rel in ("about", "around", "roughly", "some"):
        mod = "APPROX"
    elif rel in ("more than", "over", "at least"):
        mod = "MORE_THAN" if rel != "at least" else "EQUAL_OR_MORE"
    elif rel in ("less than", "up to", "almost", "nearly"):
        mod = "LESS_THAN" if rel in ("less than", "up to") else "APPROX"
    return Value("DURATION", _duration(n, unit), mod=mod)


def _h_vague_duration(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    unit = m["unit"] or m["unit2"]
    rel = (m["rel"] or "").lower()
    if "recent" in rel or "past" in rel or "last" in rel:
        return Value("DURATION", _duration(None, unit))
    return Value("DURATION", _duration(None, unit))


def _h_set(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["adv"]:
        adv = m["adv"].lower()
        value = {
            "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
            "quarterly": "P3M", "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
            "biannually": "P6M", "semiannually": "P6M",
        }[adv]  # fmt: skip
        return Value("SET", value)
    q = m["q"].lower()
    unit = m["unit"].lower()
    if q == "a" and (unit in WEEKDAYS or unit in ("morning", "evening", "night", "weekend")):
        return None
    if q in ("a", "per") and m["n"]:
        return None
    if unit in WEEKDAYS:
        return Value("SET", f"XXXX-WXX-{WEEKDAYS[unit]}")
    if unit in ("morning", "evening", "night"):
        return Value("SET", "P1D")
    n_raw = (m["n"] or "").lower()
    n = 2 if n_raw == "other" else (_num(n_raw) if n_raw else 1)
    if q == "a" and c.start > 0:
        # "twice a year", "$5 a day" -> a frequency; "a year" alone is not a set
        before = _before(c, ctx)
        if not re.search(r"(?:\b(?:once|twice|thrice|times?)|\d|percent|%)\s*$", before, re.I):
            return None
    return Value("SET", _duration(n, unit))


def _h_ref(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    txt = re.sub(r"\s+", " ", m.group().lower())
    if txt in _REF_NEEDS_PREP:
        before = _before(c, ctx)
        if not re.search(r"\b(?:in|for|into|of|from)\s+$", before, re.I):
            return None
    if txt == "earlier":
        return None  # "earlier" alone is rarely annotated
    if m["present"]:
        return Value("DATE", "PRESENT_REF")
    if m["past"]:
        return Value("DATE", "PAST_REF")
    return Value("DATE", "FUTURE_REF")


def _before(c: Candidate, ctx: Context, width: int = 30) -> str:
    """The text just before a candidate, for the rules that read a preposition."""
    return ctx.text[max(0, c.start - width) : c.start]


_HANDLERS: dict[str, Callable[[re.Match[str], Candidate, Context], Value | None]] = {
    "iso": _h_iso,
    "numeric": _h_numeric,
    "month_day": _h_month_day,
    "day_month": _h_month_day,
    "month_year": _h_month_year,
    "month": _h_month,
    "fiscal": _h_fiscal,
    "quarter": _h_quarter,
    "q_short": _h_q_short,
    "decade": _h_decade,
    "century": _h_century,
    "season": _h_season,
    "year": _h_year,
    "clock": _h_clock,
    "weekday": _h_weekday,
    "weekday_cap": _h_weekday,
    "weekend": _h_weekend,
    "deictic_day": _h_deictic_day,
    "rel_unit": _h_rel_unit,
    "ago": _h_ago,
    "anaphoric": _h_anaphoric,
    "duration": _h_duration,
    "vague_duration": _h_vague_duration,
    "set": _h_set,
    "ref": _h_ref,
}


def _resolve_ner(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """A spaCy DATE/TIME entity our patterns did not take: absolute dates only."""
    span = text[cand.start : cand.end]
    parsed = _dateparser_absolute(span.strip())
    if parsed is None:
        return None
    value, gran = parsed
    return Value("DATE", value, sets_reference=gran in ("day", "month"))


@lru_cache(maxsize=4096)
def _dateparser_absolute(span: str) -> tuple[str, str] | None:
    """Ask dateparser for an absolute date; only spans that carry a year qualify."""
    if not re.search(r"\b(1\d|20)\d\d\b", span) or len(span) > 40:
        return None
    import dateparser  # imported on demand: most documents never need it

    fixed = datetime(2000, 1, 1)
    result = dateparser.parse(
        span,
        languages=["en"],
        settings={"RELATIVE_BASE": fixed, "STRICT_PARSING": False, "RETURN_TIME_AS_PERIOD": True},
    )
    if result is None:
        return None
    period = "day"
    if not re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?!\d)", re.sub(r"\b(1\d|20)\d\d\b", "", span)):
        period = "month" if any(mo in span.lower() for mo in MONTHS) else "year"
    if period == "year":
        return f"{result.year:04d}", "year"
    if period == "month":
        return f"{result.year:04d}-{result.month:02d}", "month"
    return result.date().isoformat(), "day"


# ---------------------------------------------------------------- driver


def stand_in_anchor(text: str, candidates: Sequence[Candidate]) -> date:
    """A day to count from when the document's own day is unknown.

    Its weekday is that of the first weekday the text names (news leads name
    the day of the report), and it lies after every year the text names, so
    that relative events order after the dated past they refer to.
    """
    years = [int(m) for m in re.findall(r"\b(?:1[5-9]|20)\d\d\b", text)]
    year = max(years) + 1 if years else 2000
    wd = 1
    for c in candidates:
        if c.rule in ("weekday",) and c.match is not None and not c.match["rel"]:
            wd = WEEKDAYS[c.match["wd"].lower()]
            break
    d = date(min(year, 9998), 1, 1)
    return d + timedelta(days=(wd - d.isoweekday()) % 7)


def extract(
    text: str,
    anchor: date | None,
    *,
    entities: Iterable[tuple[int, int, str]] = (),
    tense_of: Callable[[int, int], Tense | None] | None = None,
) -> list[TimeExpression]:
    """All temporal expressions in `text`, normalised against `anchor`.

    `entities` are extra candidate spans (spaCy's DATE/TIME entities);
    `tense_of(start, end)` gives the tense of the clause around a span.
    """
    candidates = find_candidates(text, entities)
    anchored = anchor is not None
    base = anchor if anchor is not None else stand_in_anchor(text, candidates)
    ctx = Context(
        text=text, anchor=base, anchored=anchored, tense_of=tense_of or (lambda s, e: None)
    )
    out: list[TimeExpression] = []
    for cand in candidates:
        val = resolve(cand, text, ctx)
        if val is None:
            continue
        resolved = anchored or not val.relative
        value = val.value if resolved else (val.underspecified or val.value)
        rng = timex.sort_range(val.value) if val.type in ("DATE", "TIME") else None
        out.append(
            TimeExpression(
                start=cand.start,
                end=cand.end,
                text=text[cand.start : cand.end],
                type=val.type,
                value=value,
                mod=val.mod,
                resolved=resolved,
                sort_key=rng[0] if rng else None,
                sort_end=rng[1] if rng else None,
            )
        )
        iv = timex.interval(val.value) if val.type in ("DATE", "TIME") else None
        if (
            iv is not None
            and iv.granularity in ("day", "time")
            and (val.sets_reference or val.relative)
        ):
            ctx.reference = iv.first
            ctx.reference_from_text = not val.relative or anchored
    return out
