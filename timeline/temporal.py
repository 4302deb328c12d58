"""Find temporal expressions and normalise them to TIMEX3 values.

Candidates come from our own patterns, written to TimeML's extents (no
leading preposition: "on [Friday]"; modifiers inside: "[early next year]";
"[Friday afternoon]" is one expression, "March 3 to [5]" two). Among
overlapping matches the longest wins, unless its rule rejects it; spaCy's
DATE/TIME entities only fill the gaps the patterns leave. Normalisation is
rule based, and where TimeML leaves a choice open the rules follow what
TimeBank's annotators do (measured on TempEval-3's training data):

- deictic expressions ("yesterday", "last week", "two days ago") count from
  the document's own day (the anchor);
- anaphoric ones ("two days later", "the following year", "the previous
  Friday") count from the most recent date the narrative has reached;
- expressions that count from an event ("in the weeks before the shooting",
  "the day after his death", "the eve of the summit") count from the date
  the text gave that kind of event (`event_dates`), or give no day;
- a bare weekday is placed by the tense and aspect of its clause; a month
  and day without a year lies in the nearest year the tense allows (a
  past-tense clause may report a date up to two months ahead, "said the offer
  expires Nov. 17", but a date that hangs straight off a simple-past verb,
  "changed its name in December", is behind the anchor);
- in company results, "the quarter", "the year-ago period" and "a year
  earlier" speak of the reporting period under discussion: the latest
  finished quarter the story names;
- "Saturday night" is written as the day (DATE), as TimeBank's annotators
  mostly do; other parts of a day keep TimeML's code ("Monday morning", TMO);
- "now", "recently", "currently", "daily" and a future "soon" ("will soon
  move") are tagged, "previously", "eventually", "quarterly", a narrative
  "soon" ("was soon released") and ages ("a 6-year-old") are not: TimeBank
  annotates the first mostly and the second rarely.

Without an anchor the same arithmetic runs against a stand-in day, so order
is kept, but values that depend on the unknown day are written in their
underspecified TIMEX3 form ("XXXX-WXX-2") and marked unresolved.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from timeline import timex, work
from timeline.event_dates import EventDates, names_event, sentence_end
from timeline.models import TimeExpression, TimexType

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# "past_act": the expression dates a past-tense verb's own act ("changed its name
# in December"), which a reported future ("said the offer expires Nov. 17") cannot be.
Tense = Literal["past", "past_act", "present", "future"]

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
    "overnight": "NI", "midday": "MI", "dawn": "MO", "daybreak": "MO", "sunrise": "MO",
    "dusk": "EV", "sunset": "EV", "nightfall": "NI",
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
# A year is not a date's year when a span of numbers starts with it ("6 December, 2000-3000 troops").
_NOT_SPAN = r"(?![-–]\d)"
_NUM_WORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four"
    r"|five|six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|a\s+hundred|hundred"
    r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|dozen|half\s+an?|an?)"
)
_NUM = rf"(?:\d+(?:\.\d+|\s+1/2)?|{_NUM_WORD}(?:\s+and\s+a\s+half)?|several|a\s+few|few|many|some|numerous)"
_UNIT = r"(?:second|minute|hour|day|night|week(?:end)?|fortnight|month|quarter|year|decade|centur(?:y|ie))s?"
_PART = r"(?:morning|afternoon|evening|night|overnight)"
_ORD = r"(?:first|second|third|fourth|1st|2nd|3rd|4th)"
_PERIOD_MOD = (
    rf"(?:latest|current|comparable|corresponding|same|year-ago|year-earlier|previous|prior"
    rf"|full|entire|fiscal|just-ended|{_YEAR})"
)
_HOLIDAY_NAMES = (
    r"(?:Thanksgiving(?:\s+Day)?|Christmas(?:\s+Day|\s+Eve)?|New\s+Year's(?:\s+Day|\s+Eve)?"
    r"|Easter(?:\s+Sunday)?|Good\s+Friday|Election\s+Day|Independence\s+Day|Memorial\s+Day"
    r"|Labor\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day|Boxing\s+Day)"
)
_UNITS_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEENS_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
# Years as read out on air: "nineteen ninety-six", "the year two thousand".
_SPELLED_YEAR = (
    rf"(?:(?:eighteen|nineteen)[- ](?:{_TENS_WORD}(?:[- ]{_UNITS_WORD})?|{_TEENS_WORD}|hundred)"
    rf"|(?<=year\s)two\s+thousand(?:\s+(?:and\s+)?(?:{_UNITS_WORD}|{_TEENS_WORD}))?)"
)
_CLOCK = (
    r"(?:(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?\s?m\b\.?)?|(?:1[0-2]|0?[1-9])\.[0-5]\d\s*[ap]\.?\s?m\b\.?"
    r"|(?:1[0-2]|0?[1-9])\s*[ap]\.?\s?m\b\.?|noon|midnight"
    r"|(?:1[0-2]|0?[1-9])(?:\s+o'clock)?\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night))"
    r"(?:\s+(?:[ECMP][SD]T|GMT|UTC))?"
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

# Patterns are compiled VERBOSE: a space must be written \s (or sit in a class).
# Each rule: a name, a pattern, and its priority when two matches overlap
# with the same length (lower wins). Longest match wins first.
RULES: list[tuple[str, re.Pattern[str]]] = [
    # 2022-01-10, 2022-01-10T15:00
    (
        "iso",
        _rx(r"\b(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<H>[0-2]\d):(?P<M>[0-5]\d))?\b"),
    ),
    # 1/10/2022 (US order); 10.01.2022 is written day first wherever dots are used
    (
        "numeric",
        _rx(
            r"\b(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>\d{4}|\d{2})\b"
            rf"|(?<![\d.])(?P<d2>[12]\d|3[01]|0[1-9])\.(?P<m2>1[0-2]|0[1-9])\.(?P<y2>{_YEAR})\b(?!\.\d)"
            # 30/01/2022: a first number above 12 cannot be a month, so the day comes first
            rf"|\b(?P<d3>1[3-9]|2\d|3[01])/(?P<m3>1[0-2]|0?[1-9])/(?P<y3>{_YEAR})\b"
        ),
    ),
    # Monday, January 10, 2022 / January 10, 2022 / Jan. 10 / January 10th
    (
        "month_day",
        _rx(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_NAMES})\s+(?:the\s+)?(?P<d>{_DAY})\b"
            rf"(?:,?\s+(?P<y>{_YEAR})\b{_NOT_SPAN}|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year\b)?"
            rf"(?:\s+(?P<part>{_PART}))?"
        ),
    ),
    # the week of March 6: the week that holds the day
    (
        "week_of",
        _rx(
            rf"\b[Tt]he\s+week\s+of\s+(?:(?P<mon>{_MONTH_NAMES})\s+(?P<d>{_DAY})\b"
            rf"|(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})(?!\w))(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
    ),
    # 10 January 2022 / the 10th of January
    (
        "day_month",
        _rx(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:the\s+)?(?P<d>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH_NAMES})"
            rf"(?:,?\s+(?P<y>{_YEAR})\b{_NOT_SPAN}|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)?\b"
        ),
    ),
    # January 2022 / mid-January 1998 / early May
    (
        "month_year",
        _rx(
            rf"(?:\b(?P<mod>early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of)[- ]?\s*)?"
            rf"\b(?P<mon>{_MONTH_NAMES})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d|{_SPELLED_YEAR}){_NOT_SPAN}"
            r"|\s+(?:of\s+)?(?P<yrel>this|last|next)\s+year)\b"
        ),
    ),
    # a month on its own: only where it cannot be a verb or a modal
    (
        "month",
        _rx(
            rf"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Ee]arly|[Mm]id|[Ll]ate"
            rf"|(?:[Tt]he\s+)?(?:beginning|start|end|middle)\s+of)[- ]?\s*)?"
            rf"\b(?P<mon>{_MONTH_SAFE}|March|May)\b"
        ),
    ),
    # fiscal 1998, fiscal year 1998, FY1998, FY98
    (
        "fiscal",
        _rx(rf"\b(?:fiscal(?:\s+year)?\s+(?P<y>{_YEAR}|'?\d\d)|FY\s?'?(?P<y2>\d{{4}}|\d\d))\b", CI),
    ),
    # the first quarter (of 1998), the third quarter, Q3 1998, the second half of 1997
    # "the third quarter (of 1998)", "this year's second half", "the year-ago third
    # quarter": the determiner belongs to the expression (TimeBank) ...
    (
        "quarter",
        _rx(
            rf"\b(?:(?:the|this|last|next)\s+|(?P<yrel2>this|last|next)\s+year's\s+)?"
            rf"(?P<mods>(?:(?:latest|current|same|comparable|corresponding|year-ago|year-earlier"
            rf"|fiscal|calendar|(?P<py>{_YEAR}))[\s-]+)*)"
            rf"(?P<ord>{_ORD}|final|last)\s+(?:(?:fiscal|calendar)\s+)?(?P<unit>quarter|half)"
            rf"(?:\s+(?:of\s+)?(?:(?:fiscal|calendar)\s+)?(?P<y>{_YEAR})|\s+of\s+(?:(?P<yrel>this|last|next)\s+year)"
            r"|\s+of\s+the\s+(?P<dec>'\d0|1\d\d0|20\d0)s|\s+of\s+the\s+year)?\b",
            CI,
        ),
    ),
    # ... but not to the adjective: "its [third-quarter] profit", "[fiscal second-quarter] sales"
    (
        "quarter_adj",
        _rx(
            rf"(?<![\w-])(?:(?P<yrel2>this|last|next)\s+year['’]s\s+)?"
            rf"(?P<mods>(?:(?:fiscal|calendar|year-ago|year-earlier)[\s-]+)*)"
            rf"(?P<ord>{_ORD}|final)-(?P<unit>quarter|half)\b",
            CI,
        ),
    ),
    # the first two quarters of 1990: a half year
    (
        "two_quarters",
        _rx(
            rf"\b(?:the\s+)?(?P<which>first|last|final)\s+two\s+quarters\s+of\s+(?P<y>{_YEAR})\b",
            CI,
        ),
    ),
    ("q_short", _rx(rf"\b(?P<q>Q[1-4])(?:\s+(?P<y>{_YEAR}))?\b")),
    # the first week of March: a week of a month
    (
        "month_week",
        _rx(
            rf"\b(?:[Tt]he\s+)?(?P<ord>first|second|third|fourth|last|final)\s+week\s+of\s+"
            rf"(?P<mon>{_MONTH_NAMES})(?!\w)(?:,?\s+(?P<y>{_YEAR})\b)?"
        ),
    ),
    # the first Monday in March: the n-th such weekday of a month
    (
        "month_weekday",
        _rx(
            rf"\b(?:[Tt]he\s+)?(?P<ord>first|second|third|fourth|last)\s+(?P<wd>{_WEEKDAY})\s+(?:of|in)\s+"
            rf"(?:(?P<mon>{_MONTH_NAMES})(?!\w)(?:,?\s+(?P<y>{_YEAR})\b)?"
            # "the first Monday of the month": of the month the narrative is in
            r"|(?P<rel>the|this|next|last)\s+month\b)"
        ),
    ),
    # "on the 12th", "Friday the 7th": a day of the month the narrative is in
    (
        "nth_day",
        _rx(
            rf"\b(?P<wd>{_WEEKDAY}),?\s+the\s+(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
            r"|(?:(?<=\b[Oo]n\s)|(?<=\b[Bb]y\s)|(?<=\b[Uu]ntil\s)|(?<=\b[Ss]ince\s)|(?<=\b[Ff]rom\s)"
            r"|(?<=\btill\s))"
            r"the\s+(?P<d2>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th))\b"
            r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:and|or|to|at|in|when|until|but|with|as)\b)"
        ),
    ),
    # 2015-2019, 1990-91: each end of a span of years is a year
    (
        "year_span",
        _rx(
            rf"(?<![\d$€£.,:/-])\b(?P<y>{_YEAR})(?=\s?[-–]\s?(?:{_YEAR}|\d\d)\b(?![-–/.,]\d|\s+{_COUNTED}\b))"
            rf"|(?:(?<=\d{{4}}-)|(?<=\d{{4}}–)|(?<=\d{{4}}\s–\s))(?P<y2>{_YEAR}|\d\d)\b"
            rf"(?![-–/.,]\d|\s*%|\s+{_COUNTED}\b)"
        ),
    ),
    # this time last year: the same season a year back or ahead
    ("this_time", _rx(r"\bthis\s+time\s+(?P<rel>last|next)\s+year\b", CI)),
    # the 1990s, the '90s, the mid-1980s, the nineteen-nineties
    (
        "decade",
        _rx(
            r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<dec>1\d\d0|20\d0|'\d0)'?s\b"
            r"|\bthe\s+(?:(?P<mod2>early|mid|late)[- ])?"
            r"(?P<decw>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
            CI,
        ),
    ),
    ("spelled_year", _rx(rf"\b(?:the\s+year\s+)?(?P<y>{_SPELLED_YEAR})\b", CI)),
    # the 20th century, the nineteenth century
    (
        "century",
        _rx(
            r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century\b"
            r"|\b(?:the\s+)?(?P<w>nineteenth|twentieth|twenty-first|eighteenth)[- ]century\b"
            # "the turn of the century": about the year the century turned
            r"|\bthe\s+turn\s+of\s+the\s+(?P<turn>(?:(?P<tn>\d{2})(?:st|nd|rd|th)\s+)?century"
            r"|millennium)\b",
            CI,
        ),
    ),
    # summer 2013, this summer, last winter, the spring of 1998
    (
        "season",
        _rx(
            rf"\b(?:(?P<rel>this\s+past|this\s+coming|this|last|next|early|late|mid|the)\s+)?"
            rf"(?P<s>spring|summer|fall|autumn|winter)"
            rf"(?:\s+(?:of\s+)?(?P<y>{_YEAR}|{_SPELLED_YEAR})|\s+of\s+(?P<yrel>this|last|next)\s+year)?\b",
            CI,
        ),
    ),
    # Thanksgiving, Christmas Eve, Election Day (2014)
    (
        "holiday",
        _rx(
            rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+|[Tt]he\s+(?={_HOLIDAY_NAMES}\s+week))?"
            rf"(?P<h>{_HOLIDAY_NAMES})(?:,?\s+(?P<y>{_YEAR}))?\b(?:\s+(?P<week>week(?:end)?)\b)?"
        ),
    ),
    # the year 2014, 2014, in '98, the mid-1990s handled above
    (
        "year",
        _rx(
            rf"(?:(?<=\bmid-)|(?<=\bpre-)|(?<=\bpost-)|(?<![\d$€£.,:/-]))\b(?:the\s+year\s+)?(?P<y>{_YEAR})\b"
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
            rf"(?:\s+(?:on\s+)?(?P<wd2>{_WEEKDAY}|today|tomorrow|yesterday|tonight)"
            rf"|,?\s+(?:on\s+)?(?P<mon>{_MONTH_NAMES})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"
            # "at midnight on 15 February (2015)": the day the time falls on
            rf"|\s+on\s+(?:the\s+)?(?P<d2>{_DAY})\s+(?:of\s+)?(?P<mon2>{_MONTH_NAMES})(?!\w)"
            rf"(?:,?\s+(?P<y2>{_YEAR})\b)?)?",
            CI,
        ),
    ),
    # Monday, Monday morning, last Friday, next Tuesday, this Thursday, Monday night
    (
        "weekday",
        _rx(
            rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his(?:\s+(?:past|coming))?|past|coming|following|previous"
            rf"|[Tt]he\s+(?:previous|following|next))\s+)?(?P<wd>{_WEEKDAY})"
            rf"(?:\s+(?P<part>{_PART}))?\b",
        ),
    ),
    # Mondays, Tuesday nights: every such day
    (
        "weekday_set",
        _rx(rf"\b(?P<wd>{_WEEKDAY})(?:s\b|\s+(?P<part>mornings|afternoons|evenings|nights)\b)"),
    ),
    # weekends
    ("weekend", _rx(r"\b(?P<rel>this|last|next|the\s+past|the\s+coming|the)\s+weekend\b", CI)),
    # today, tonight, yesterday morning, tomorrow
    (
        "deictic_day",
        _rx(
            rf"\b(?P<w>today|tonight|tomorrow|yesterday)(?:\s+(?P<part>{_PART}))?\b"
            rf"|\b(?P<w2>this|last)\s+(?P<part2>morning|afternoon|evening|night)\b",
            CI,
        ),
    ),
    # overnight, midday, mid-afternoon: a part of the day the report speaks from
    (
        "part_of_day",
        _rx(
            r"\b(?P<mid>mid[- ]?)?(?P<part>overnight|midday|afternoon)\b"
            r"(?:\s+(?P<w>yesterday|today|tomorrow))?"
            # "orders came in the morning": the morning of the day the narrative is on
            r"|(?:(?<=\bin\s)|(?<=\bduring\s))(?P<the>the)\s+(?P<part2>morning|afternoon|evening)\b"
            # "attacked at dawn": a part of the day the narrative is on, or of the day named next
            r"|(?:(?<=\bat\s)|(?<=\bby\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\buntil\s))"
            r"(?P<part3>dawn|daybreak|sunrise|dusk|sunset|nightfall)\b",
            CI,
        ),
    ),
    # this week, last month, next year, the past year (DURATION in TimeML), the coming week
    (
        "rel_unit",
        _rx(
            r"\b(?P<rel>this|last|next|the\s+past|the\s+last|the\s+next|the\s+coming|the\s+previous|"
            r"the\s+current|the\s+same|the\s+following|the\s+preceding|the\s+latest|that|the\s+prior)\s+"
            r"(?P<unit>week|month|year|decade|century)\b(?!\s+(?:earlier|later|(?:before|after)(?=\s*(?:[.,;:!?)'`\"]|--|$))))",
            CI,
        ),
    ),
    # two weeks ago, a year earlier, three days later, two years before
    (
        "ago",
        _rx(
            rf"\b(?:(?P<approx>about|almost|nearly|some|roughly|around|more\s+than|less\s+than|over|only|just)\s+)?"
            rf"(?P<n>{_NUM})[- ](?P<unit>{_UNIT})\s+(?:or\s+so\s+)?"
            # "after"/"before" with an object are prepositions (TimeML signals): "[90 days]
            # after the issue date" is a duration; at the end of a phrase they are adverbs
            rf"(?P<dir>ago|earlier|later|(?:before|after)(?=\s*(?:[.,;:!?)'`\"]|--|$))"
            rf"|from\s+now|hence|previously)\b",
            CI,
        ),
    ),
    # the day before, the next day, the following week, the previous day, the year before
    (
        "anaphoric",
        _rx(
            r"\b(?:the\s+(?P<rel>next|following|previous|preceding|prior)\s+(?P<unit>day|morning|evening|night|week|month|year))\b"
            r"|\b(?:the\s+)?(?P<unit2>day|week|month|year|night)\s+(?P<dir>earlier|later|(?:before|after)(?=\s*(?:[.,;:!?)'`\"]|--|$)))\b(?!\s+\w+\s+(?:of|was|had))"
            r"|\b(?P<that>that(?:\s+same)?|the\s+same"
            # "later in the day": the day the narrative is on (the modifier is taken after)
            r"|(?:(?<=\bearlier\sin\s)|(?<=\blater\sin\s))the)"
            r"\s+(?P<unit3>day|morning|night|afternoon|evening|week|month|year)\b",
            CI,
        ),
    ),
    # a day or week counted from an event the text dated: "the day after his death",
    # "the week before the election", "on the eve of the summit"
    (
        "event_day",
        _rx(
            r"\bthe\s+(?P<unit>day|week|month|year)(?=\s+(?:before|after|following|preceding)\s+\w)"
            r"|\bthe\s+(?P<eve>eve)(?=\s+of\s+\w)"
            # "the second day of the offensive": a day counted into an event
            r"|\b(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
            r"|tenth|eleventh|twelfth|\d{1,2}(?:st|nd|rd|th))\s+day(?=\s+of\s)",
            CI,
        ),
    ),
    # "until then", "by then": the last date the text named
    ("then", _rx(r"(?<=\buntil\s)then\b|(?<=\btill\s)then\b|(?<=\bby\s)then\b", CI)),
    # the quarter, the latest quarter, the year-ago period, the fiscal year, year-earlier
    (
        "period",
        _rx(
            # "last year's quarter": the quarter under discussion, a year back
            rf"\b(?:(?P<yrel>this|last|next)\s+year['’]s\s+(?=quarter|period)"
            rf"|(?P<det>the|this|last|next)\s+(?P<mods>(?:{_PERIOD_MOD}[\s-]+)*)"
            rf"|(?P<mods2>(?:{_PERIOD_MOD}[\s-]+)+))"
            r"(?P<unit>quarter|period|(?:fiscal\s+)?year|week|month)\b(?!-)"
            r"(?:(?P<ended>(?=\s+(?:ended|ending)\b))|\s+(?P<ago>a\s+year\s+(?:ago|earlier)|last\s+year))?"
            r"|\b(?P<adj>year-(?:earlier|ago))\b"
            r"|\b(?P<end>year(?:'s)?[- ]end)\b"
            r"|\b(?P<midyear>mid-?year)\b(?!-)",
            CI,
        ),
    ),
    # in three years, within two weeks: future dates in TimeML when after "in"
    # (the extent excludes the preposition); durations elsewhere.
    # the past two years, the last 24 hours, the next five months, two full years
    (
        "duration",
        _rx(
            rf"\b(?:(?P<rel>the\s+(?:past|last|next|first|previous|coming|following|preceding|final|latest)|"
            rf"the\s+better\s+part\s+of|the\s+rest\s+of|recent|past|another|the(?=\s+[^\s-]+\s)|"
            rf"the\s+year-(?:earlier|ago)|"  # "the year-earlier nine months": still nine months
            rf"(?:almost|nearly|more\s+than|less\s+than|no\s+more\s+than|up\s+to))\s+)?"
            rf"(?P<n>{_NUM})[- ](?:(?:full|straight|consecutive|calendar|fiscal|more|additional|long"
            rf"|trading|business|working)[- ])?"
            rf"(?P<unit>{_UNIT})\b(?P<half>\s+and\s+a\s+half\b)?(?:[- ](?P<old>old|long))?"
            r"(?P<time>['’](?:\s?s)?\s+time\b)?",
            CI,
        ),
    ),
    # years, months (vague durations): "for years", "in recent months", "for decades"
    (
        "vague_duration",
        _rx(
            r"\b(?:(?P<rel>recent|coming|the\s+(?:past|last|coming|next))\s+)(?P<unit>days|weeks|months|quarters|years|decades)\b"
            r"|(?:(?<=\bfor\s)|(?<=\bwithin\s))(?P<unit2>days|weeks|months|years|decades|centuries|hours|minutes)\b"
            # "for the first time in years": a stretch of unstated length
            r"|(?<=\btime\sin\s)(?P<unit5>years|months|decades)\b"
            r"|(?<=\bthe\s)(?P<around>days|weeks|months)(?=\s+(?:before|after|following|preceding|leading))"
            r"|\b(?P<long>decades|years|months|weeks|days|hours|day|week|month|year)-long\b"
            r"|\bthe\s+(?P<ahead>days|weeks|months|years)\s+ahead\b"  # as "the coming weeks"
            # "hours later", "days earlier": an offset of unstated length, measured
            r"|\b(?P<offset>hours|days|weeks|months|years)(?=\s+(?:later|earlier)\b)"
            # "over the years", "in the early years": a stretch of unstated length
            r"|(?:(?<=\bin\s)|(?<=\bover\s)|(?<=\bfor\s)|(?<=\bduring\s))the\s+(?:early\s+|late\s+)?"
            r"(?P<unit4>years|months|decades)\b(?!\s+(?:before|after|following|preceding|leading|ahead|to\s+come|of)\b)",
            CI,
        ),
    ),
    # every week, each year, annually, daily
    (
        "set",
        _rx(
            r"\b(?:(?P<times>once|twice|thrice|(?:\d+|two|three|four|five|six|seven|eight|nine|ten)\s+times)\s+)?"
            r"(?P<q>every|each|a)\s+(?:(?P<n>other|two|three|four|five|six|\d+)\s+)?"
            rf"(?P<unit>second|minute|hour|day|week|month|quarter|year|decade|{_WEEKDAY}|morning|evening|night|weekend)s?\b"
            r"|\b(?P<adv>annually|yearly|daily|weekly|monthly|hourly|nightly|biweekly|biannually|semiannually)\b"
            # "each July", "every spring": a month or season of every year
            rf"|\b(?:every|each)\s+(?:(?P<mon>{_MONTH_SAFE}|March|May)|(?P<season>spring|summer|fall|autumn|winter))\b"
            # "the first Monday of every month", "every last Friday of the month": monthly
            rf"|\b(?:(?P<every>every|each)\s+|the\s+)(?P<nth_wd>first|second|third|fourth|last)\s+"
            rf"{_WEEKDAY}\s+of\s+(?:(?P<every2>every|each)|the)\s+month\b",
            CI,
        ),
    ),
    # now, currently, the past, the future, recently, nowadays
    (
        "ref",
        _rx(
            r"\b(?P<present>now|currently|nowadays|at\s+present|these\s+days|the\s+present|current)\b"
            r"|\b(?P<past>the\s+past|recently|(?<=\bin\s)past\s+(?:years|months|decades))\b"
            r"|\b(?P<future>the\s+(?:near\s+|distant\s+)?future|the\s+(?:long|short|near)\s+term"
            r"|a\s+(?:later|future)\s+date|future\s+(?:years|quarters|months|decades))\b"
            r"|(?<!\bas\s)\b(?P<soon>soon)\b(?!\s+(?:after|as|thereafter|afterwards?)\b)",
            CI,
        ),
    ),
]
PRIORITY = {name: i for i, (name, _) in enumerate(RULES)}

# "the past" and friends are TimeML expressions only in some contexts.
_REF_NEEDS_PREP = re.compile(r"^the\s+(?:past|present|(?:near\s+|distant\s+)?future|\w+\s+term)$")
_REF_PREP_BEFORE = re.compile(r"\b(?:in|for|into|about|from|over|of)\s+$", re.IGNORECASE)
# "Now, he says..." opens a sentence as a discourse marker, not as a time.
_DISCOURSE_NOW = re.compile(r"(?:^|[.!?\"'`]\s*|\n\s*)$")
_NOW_TURNS = re.compile(r",|\s+for\b")
_MOST_BEFORE = re.compile(r"\bmost\s+$", re.IGNORECASE)
_DATE_AFTER = re.compile(r"\s+(?:last|this|in|on|at|during)\b", re.IGNORECASE)


# ---------------------------------------------------------------- candidates


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


# What joins the two ends of a range ("March 3 to 5", "Monday through Friday");
# "and" joins two days ("April 24 and 25") but not two weekdays, which are a list.
_THROUGH = r"(?:-|–|to|through|until|till)"

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


# ---------------------------------------------------------------- tense


_FUTURE_HEADS = {
    "due", "expected", "scheduled", "set", "slated", "planned", "likely", "going", "poised",
    "plan", "expect", "intend", "hope", "aim", "prepare", "want",
}  # fmt: skip
# Verbs whose dates lie ahead of them, whatever their own tense: any date they
# govern (scheduling), or a date inside their object or an "until"/"through"
# phrase (expecting; extending a deadline or a loan).
_SCHEDULING = {"schedule", "reschedule", "slate", "postpone", "delay", "adjourn"}
_EXPECTING = {"expect", "forecast", "project", "predict", "anticipate", "plan", "intend", "extend"}
_OBJECTS = {"dobj", "xcomp", "ccomp", "attr", "oprd"}
# "planned a demonstration on Saturday": with a thing planned, the day is the
# thing's ("planned to pay on Friday" may date the planning)
_PLANNING = {"plan", "organize", "organise"}
# "has given the family until 9 a.m. Tuesday": a time granted runs ahead of the grant
_GRANTING = {"give", "grant", "allow", "set"}
_LIMITS = {"until", "till", "by"}


def _in_object(child: Token | None) -> bool:
    """Whether a date reached a verb through its object or an "in"/"by"/"for" phrase,
    not as the time of the verb's own act ("predicted [on] Wednesday")."""
    if child is None:
        return False
    return child.dep_ in _OBJECTS or (child.dep_ == "prep" and child.lower_ not in ("on", "at"))


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
    return _tense_from(doc, span.root, span.end)


# What opens a clause of time whose tense follows the main clause's in reported
# speech: "would resign once the vote passed Tuesday" is a Tuesday to come.
_TIME_CLAUSE = {"as", "once", "when", "until", "till", "before", "after"}


def _tense_from(doc: Doc, token: Token, end: int) -> Tense | None:
    """The tense of the nearest verb above `token` (`end`: where the expression ends)."""
    came_from: Token | None = None
    for _ in range(12):
        work.charge()
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            if _quoted_after(doc, end, token.i):
                return None  # "Wechsler on Thursday: ``... is wrong''": not the date's verb
            lemma = token.lemma_.lower()
            if (
                lemma in _SCHEDULING
                or (lemma in _EXPECTING and _in_object(came_from))
                or (lemma in _PLANNING and any(c.dep_ == "dobj" for c in token.children))
                or (lemma in _GRANTING and came_from is not None and came_from.lower_ in _LIMITS)
            ):
                # "was scheduled for Friday"; "expects growth in the third quarter"
                # (but "Cuba predicted Wednesday" dates the prediction)
                return "future"
            tense = _verb_tense(token)
            if (
                tense == "past"
                and token.dep_ == "advcl"
                and any(
                    c.lower_ in _TIME_CLAUSE for c in token.children if c.dep_ in ("mark", "advmod")
                )
                and _tense_from(doc, token.head, end) == "future"
            ):
                return "future"  # a past tense shifted back in reported speech
            if tense is not None:
                return tense
        if token.head is token:
            break
        came_from, token = token, token.head
    return None


_OPENING_QUOTES = {"``", "`", "“"}  # a straight " may close a quote as well


def _quoted_after(doc: Doc, end: int, verb: int) -> bool:
    """Whether a quotation opens between the end of an expression and a verb after
    it: the parse has hung the expression on a verb that someone else says."""
    if verb <= end:
        return False
    work.charge()
    quotes = _opening_quotes(doc)  # a lookup, not a scan: the verb may be far (a long list)
    k = bisect.bisect_left(quotes, end)
    return k < len(quotes) and quotes[k] < verb


_QUOTES_KEY = "timeline.opening_quotes"


_QUOTE_CHARS = re.compile("`+|“")


def _opening_quotes(doc: Doc) -> list[int]:
    """The indices of the tokens that open a quotation, found once per Doc (from
    the text: a pass over the characters, not over the tokens)."""
    found: list[int] | None = doc.user_data.get(_QUOTES_KEY)
    if found is None:
        found = []
        for m in _QUOTE_CHARS.finditer(doc_text(doc)):
            work.charge()
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            found.extend(t.i for t in span or () if t.text in _OPENING_QUOTES)
        found = doc.user_data[_QUOTES_KEY] = sorted(set(found))
    return found


_TEXT_KEY = "timeline.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy builds anew from every token at each call: once per Doc."""
    text: str | None = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def timex_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense that places a temporal expression: `clause_tense`, except where
    the expression dates a thing rather than the clause's event.

    "Wednesday's ruling" names what has already happened whatever the verb of
    the clause ("they will appeal Wednesday's ruling"): a possessive is past.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    # (the next token, not doc.text: building the text is O(document) per call)
    following = doc[span.end].text if span.end < len(doc) else ""
    if token.dep_ == "poss" or following in ("'s", "’s"):
        return "past"
    if token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ == "NOUN":
        return "past"  # "a June agreement", "the Aug. 7 bombings": a thing already made
    tense = clause_tense(doc, start, end)
    if tense == "past" and _dates_past_act(token):
        return "past_act"
    return tense


# Prepositions that place an act in time; "by", "until", "through" set a limit
# that may lie ahead of a past act ("agreed to respond by Oct. 31").
_ACT_PREPS = {"in", "on", "during"}


def _dates_past_act(token: Token) -> bool:
    """Whether a date hangs straight off a simple-past verb: "[changed] its name in
    December", "[met] Monday"; not through a noun, an infinitive or a limit."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _ACT_PREPS:
        head = head.head
    elif token.dep_ != "npadvmod":
        return False
    if head.pos_ not in ("VERB", "AUX") or head.tag_ != "VBD":
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in head.children)


_RANKING = {"first", "last", "only", "second", "third", "latest", "next"}


def _names_no_plan(verb: Token) -> bool:
    """An infinitive that is a clause's subject ("to accede was...") or picks out
    one of a ranked set ("the first country to join"), not a plan or a purpose."""
    if verb.dep_ == "csubj":
        return True
    head = verb.head
    return (
        verb.dep_ in ("acl", "relcl")
        and head.pos_ in ("NOUN", "PROPN", "PRON")
        and any(c.lower_ in _RANKING or c.tag_ == "JJS" for c in head.children)
    )


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    if lemmas & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "would" in lemmas:
        return "future"
    # "is due to meet", "are expected to attend", "plans to visit"
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and head is not verb:
        if head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in _FUTURE_HEADS:
            # "had been due to expire Friday": what was due before now has passed
            pluperfect = any(c.lower_ == "had" for c in (*head.children, *head.head.children))
            return "past" if pluperfect else "future"
        if "to" in lemmas and head.pos_ in ("VERB", "AUX", "ADJ"):
            outer = _verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
            if outer is not None:
                return outer
    if "to" in lemmas and _names_no_plan(verb):
        # "the first countries to accede to NATO on Friday were...": the
        # infinitive says who did it, not what is to come
        governor = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        outer_tense = _verb_tense(governor) if governor is not None else None
        if outer_tense is not None:
            return outer_tense
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return "future"
    tag = verb.tag_
    if tag == "VBN" and any(a.lower_ == "have" for a in auxes):
        return "past"  # "may have been", "should have known": a modal perfect looks back
    for a in auxes:
        if a.tag_ in ("VBD",):
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "have":
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" and tag == "VBG":
            return "future"  # "is meeting on Friday"
        if a.tag_ == "MD":
            return "future" if a.lower_ in ("can", "may", "might", "must", "should") else None
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return "past"
    if tag == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children):
        return "past"  # "weakness hurt the index": with a singular subject, a past form
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
    last_day: date | None = None  # the day the previous expression named, for ranges
    coarse_reference: date | None = None  # the last day, month or year the narrative named
    # "1998-10" when the narrative last moved to a month, not a day: "that same
    # day" is then a day of that month ("1998-10-XX"), not the last day named.
    month_reached: str | None = None
    # The reporting period under discussion ("2013-Q3", "2013"): what "the
    # quarter" and "a year earlier" mean in a company's results.
    period: str | None = None
    tense_of: Callable[[int, int], Tense | None] = field(default=lambda s, e: None)
    # The dates given so far, for "the weeks before the shooting"; None while
    # candidates are only being tried (`find_candidates`' `viable`).
    events: EventDates | None = None


@dataclass(frozen=True, slots=True)
class Value:
    type: TimexType
    value: str
    mod: str | None = None
    relative: bool = False  # depends on the anchor (or stand-in)
    sets_reference: bool = False
    underspecified: str | None = None  # what to write when relative and unanchored
    sets_period: bool = False  # names the reporting period the text is about
    # a clock time (or "dawn") that did not say its day: a day named later in its
    # clause may still give it ("at 6 a.m. near the house 10 days before the murder")
    day_open: bool = False


def _num(text: str) -> float | None:
    t = re.sub(r"\s+", " ", text.strip().lower())
    half = False
    if t.endswith(" and a half"):
        half, t = True, t[: -len(" and a half")]
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        n = float(t)
    elif re.fullmatch(r"\d+ 1/2", t):
        n = float(t[:-4]) + 0.5
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
    if u == "weekend":  # TimeBank: "the weekend" lasts P2D
        return f"P{_fmt_num(n * 2 if n is not None else None)}D"
    if u == "night":
        u = "day"
    code = UNIT_CODES.get(u, "D")
    if n is not None and n != int(n) and u in _FRACTION_UNITS:
        # "two and a half years" is P2Y6M: the whole units, then the rest in finer ones
        whole, rest = int(n), n - int(n)
        finer, per = _FRACTION_UNITS[u]
        head = f"{whole}{code}" if whole else ""
        tail = f"{_fmt_num(rest * per)}{finer}"
        if u in ("hour", "minute"):
            return f"PT{head}{tail}"
        return f"P{head}T{tail}" if u == "day" else f"P{head}{tail}"
    if u in ("hour", "minute", "second"):
        return f"PT{_fmt_num(n)}{code}"
    if u in ("decade", "century"):
        # TimeBank: "two decades" is P20Y, and "for decades" PXY: counted in years
        return f"P{_fmt_num(n * (10 if u == 'decade' else 100) if n is not None else None)}Y"
    return f"P{_fmt_num(n)}{code}"


_FRACTION_UNITS = {
    "year": ("M", 12), "month": ("D", 30), "week": ("D", 7), "day": ("H", 24),
    "hour": ("M", 60), "minute": ("S", 60),
}  # fmt: skip


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
        return f"{y:04d}-W{w:02d}"
    if u == "weekend":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if u == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if u == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
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


def _spelled_number(text: str) -> int | None:
    """ "ninety-six" -> 96, "seventeen" -> 17, "two thousand and one" -> 2001."""
    words = re.split(r"[\s-]+", text.lower().replace(" and ", " "))
    if words[:2] == ["two", "thousand"]:
        rest = _spelled_number(" ".join(words[2:])) if words[2:] else 0
        return None if rest is None else 2000 + rest
    total = 0
    for w in words:
        n = NUMBERS.get(w)
        if n is None or isinstance(n, float):
            return None
        total += n
    return total


def _spelled_year(text: str) -> int | None:
    t = re.sub(r"^the\s+year\s+", "", text.lower())
    if t.startswith("two"):
        return _spelled_number(t)
    head, _, tail = re.sub(r"\s+", " ", t).replace("-", " ", 1).partition(" ")
    century = {"eighteen": 18, "nineteen": 19}.get(head)
    if century is None:
        return None
    if tail == "hundred":
        return century * 100
    rest = _spelled_number(tail)
    return None if rest is None or rest > 99 else century * 100 + rest


def _year_of(text: str, ref: date) -> int:
    if text[:1].isalpha():
        return _spelled_year(text) or ref.year
    t = text.strip("'")
    if len(t) == 2:
        y = int(t)
        century = ref.year // 100 * 100
        # '98 in a 2001 article is 1998; '05 is 2005
        return century + y if century + y <= ref.year + 20 or century == 0 else century - 100 + y
    return int(t)


def _year_shift(ctx: Context, word: str) -> int:
    """The year "this", "last" or "next" names, counted from the anchor."""
    return ctx.anchor.year + {"last": -1, "next": 1}.get(word.lower(), 0)


def _day_number(day: str) -> int:
    """The number of a day of the month as `_DAY` matches it: "12th" -> 12."""
    return int(day.rstrip("stndrh"))


# "a pact effective June 1", "resigned effective Friday": news announces what takes effect
_TAKES_EFFECT = re.compile(r"\beffective\s+(?:on\s+|from\s+|as\s+of\s+)?$", re.IGNORECASE)


def _weekday_value(wd: int, ctx: Context, start: int, end: int, rel: str | None) -> date:
    """The day a weekday names: by its determiner, else by the tense of its clause."""
    base = ctx.anchor
    rel = re.sub(r"\s+", " ", (rel or "").lower())
    anaphoric = rel.startswith("the ")  # "the previous Friday": before the narrative's day
    if (anaphoric or not ctx.anchored) and ctx.reference is not None and ctx.reference_from_text:
        base = ctx.reference
    rel = rel.removeprefix("the ")
    delta = wd - base.isoweekday()
    if rel == "next" and not anaphoric:  # "next Tuesday": the Tuesday of next week
        return base + timedelta(days=7 + delta)
    if rel in ("coming", "following", "next", "this coming"):
        return base + timedelta(days=(delta % 7) or 7)
    if rel in ("last", "past", "previous", "this past"):
        return base - timedelta(days=((-delta) % 7) or 7)
    if rel == "this":
        return base + timedelta(days=delta)
    tense = ctx.tense_of(start, end)
    if _TAKES_EFFECT.search(ctx.text, max(0, start - 20), start):
        tense = "future"
    if tense in ("future", "present"):
        # the nearest such day from today on: "will travel Thursday" said on a
        # Thursday is today; a week later would be "next Thursday"
        return base + timedelta(days=delta % 7)
    # past, or no verb: news reports the recent past
    return base - timedelta(days=(-delta) % 7)


def _month_day_year(month: int, day: int | None, ctx: Context, start: int, end: int) -> int:
    """The year of a month (and day) written without one: by tense and nearness."""
    return _nearest_year(lambda y: _safe_date(y, month, day or 15), ctx, start, end)


def _nearest_year(day_in: Callable[[int], date], ctx: Context, start: int, end: int) -> int:
    """The year in which a yearless date (`day_in(year)`) lies nearest the anchor."""
    base = ctx.reference if (ctx.reference is not None and ctx.reference_from_text) else ctx.anchor
    base = ctx.anchor if ctx.anchored else base
    candidates = [y for y in (base.year - 1, base.year, base.year + 1) if 1 <= y <= 9999]

    def distance(y: int) -> int:
        return (day_in(y) - base).days

    # The tense of the clause rules out the far side, but a past-tense clause
    # often reports what is to come ("said the offer expires Nov. 17"), so a
    # date up to two months ahead still counts as near (measured on TimeBank).
    tense = ctx.tense_of(start, end)
    if _TAKES_EFFECT.search(ctx.text, max(0, start - 20), start):
        tense = "future"
    if tense == "future":
        candidates = [y for y in candidates if distance(y) >= -15] or candidates
    elif tense == "past":
        candidates = [y for y in candidates if distance(y) <= 60] or candidates
    elif tense == "past_act":
        candidates = [y for y in candidates if distance(y) <= 0] or candidates
    return min(candidates, key=lambda y: abs(distance(y)))


def resolve(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """The TIMEX3 type and value of a candidate, or None if it is not one."""
    if cand.rule != "holiday" and _is_title(text, cand.start, cand.end):
        return None
    handler = _HANDLERS.get(cand.rule)
    try:
        if handler is None or cand.match is None:
            return _resolve_ner(cand, text, ctx)
        return handler(cand.match, cand, ctx)
    except OverflowError:  # "5000000 days ago": before the year 1 or after 9999, no value
        return None


# Words that are written in lower case unless they start a sentence or a title.
_COMMON_TIME_WORD = re.compile(
    r"\b(?:Week|Month|Year|Days|Minutes|Hours|Today|Tonight|Tomorrow|Yesterday|Noon"
    r"|Midnight|Now|Currently|Recently)\b"
)
_SENTENCE_START = re.compile(r"(?:^|[.!?:;]['\"`’”)]*\s+|\n\s*|[\"`“‘(]\s*)$")


def _is_title(text: str, start: int, end: int) -> bool:
    """A name that happens to hold a time word: ABC's "This Week", "60 Minutes",
    "High Noon", "VOA Today". A time word capitalised inside a sentence is one."""
    for m in _COMMON_TIME_WORD.finditer(text, start, end):
        if m.start() > start or not _SENTENCE_START.search(text[max(0, start - 4) : start]):
            return True
    return False


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
    y = _year_of(m["y"] or m["y2"] or m["y3"], ctx.anchor)
    try:
        day = date(y, int(m["m"] or m["m2"] or m["m3"]), int(m["d"] or m["d2"] or m["d3"]))
    except ValueError:
        return None
    return Value("DATE", day.isoformat(), sets_reference=True)


def _h_month_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    day_n = _day_number(m["d"])
    if m["yrel"]:  # "31 December last year"
        year = _year_shift(ctx, m["yrel"])
        d = _safe_date(year, month, day_n)
        under = f"XXXX-{month:02d}-{day_n:02d}"
        return Value(
            "DATE", d.isoformat(), relative=True, sets_reference=True, underspecified=under
        )
    range_end = _RANGE_END.match(ctx.text, c.end)
    explicit = m["y"] or (range_end["y"] if range_end is not None else None)  # "Feb. 24-25, 2022"
    if explicit:
        try:
            d = date(int(explicit), month, day_n)
        except ValueError:
            return None
        value = d.isoformat()
        if m["part"] if "part" in m.groupdict() else None:
            return Value("TIME", f"{value}T{PARTS_OF_DAY[m['part'].lower()]}", sets_reference=True)
        return Value("DATE", value, sets_reference=True)
    year = _month_day_year(month, day_n, ctx, c.start, c.end)
    if m["wd"]:  # "Tuesday, 11 January": the nearby year in which the weekday fits
        year = _year_with_weekday(month, day_n, WEEKDAYS[m["wd"].lower()], ctx) or year
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


def _year_with_weekday(month: int, day_n: int, wd: int, ctx: Context) -> int | None:
    """The year nearest the anchor in which `month`/`day_n` falls on weekday `wd`:
    the weekday written beside a date says which year it is better than tense."""
    if not ctx.anchored:
        return None
    fits = []
    for y in range(ctx.anchor.year - 1, ctx.anchor.year + 2):
        try:
            d = date(y, month, day_n)
        except ValueError:
            continue
        if d.isoweekday() == wd:
            fits.append((abs((d - ctx.anchor).days), y))
    return min(fits)[1] if fits else None


def _h_week_of(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[(m["mon"] or m["mon2"]).rstrip(".").lower()]
    day_n = _day_number(m["d"] or m["d2"])
    year = int(m["y"]) if m["y"] else _month_day_year(month, day_n, ctx, c.start, c.end)
    try:
        day = date(year, month, day_n)
    except ValueError:
        return None
    return Value("DATE", _at(day, "week"), relative=not m["y"], underspecified="XXXX-WXX")


def _h_month_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    if m["yrel"]:  # "June last year", "June of last year"
        year = _year_shift(ctx, m["yrel"])
        return Value(
            "DATE",
            f"{year:04d}-{month:02d}",
            mod=_mod(m["mod"]),
            relative=True,
            underspecified=f"XXXX-{month:02d}",
        )
    year = _year_of(m["y"], ctx.anchor)
    return Value("DATE", f"{year:04d}-{month:02d}", mod=_mod(m["mod"]), sets_reference=True)


_DET_BEFORE = re.compile(r"\b(?:the|a|an|its|their|his|her|our)\s+$", re.IGNORECASE)
# a common noun that the month modifies, not a preposition ("the March on Washington")
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|of|to|in|for|from|at|by|with|against|and|or|is|was|will|has)\b)[a-z]{3,}\b"
)
_MONTH_PREP_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|from|through|before|after|during|of|for|to|and|or|between)\s+$",
    re.IGNORECASE,
)


_MONTH_SPAN_YEAR = re.compile(
    rf"\s*(?:{_THROUGH}|and)\s*(?P<mon>{_MONTH_NAMES})(?!\w),?\s+(?P<y>{_YEAR})\b"
)


def _h_month(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    rel = (m["rel"] or "").lower()
    if (
        m["mon"] in ("March", "May")
        and not rel
        and not _MONTH_PREP_BEFORE.search(_before(c, ctx))
        and not (_DET_BEFORE.search(_before(c, ctx)) and _NOUN_AFTER.match(ctx.text, c.end))
    ):
        # "May" the modal or the name, "March" the verb or the noun; but "the
        # March accession", "its May issue" date a thing
        return None
    span_year = None if rel else _MONTH_SPAN_YEAR.match(ctx.text, c.end)
    if span_year is not None:  # "January-March 2021": the year at the span's end
        end_month = MONTHS[span_year["mon"].rstrip(".").lower()]
        year = int(span_year["y"]) - (month > end_month)
        return Value("DATE", f"{year:04d}-{month:02d}", sets_reference=True)
    base = ctx.anchor
    if rel == "last":  # "last February" said on March 1 is a year back (TimeBank)
        year = base.year if month < base.month - 1 else base.year - 1
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
    # TimeBank writes a fiscal year as the year that names it ("fiscal 1989" ->
    # 1989), not as TimeML's FY1989: where a fiscal year starts differs by company.
    y = m["y"] or m["y2"]
    return Value("DATE", f"{_year_of(y, ctx.anchor):04d}")


def _h_quarter(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    ord_word = m["ord"].lower()
    code = "Q" if m["unit"].lower() == "quarter" else "H"
    if ord_word == "last" and not m.group().lower().startswith("the"):
        return None  # "last quarter" is the one before this; "the last half" is the second
    n = (
        (4 if code == "Q" else 2)
        if ord_word in ("final", "last")
        else ORDINALS.get(ord_word) or int(ord_word[0])
    )
    if code == "H" and n > 2:
        return None
    groups = m.groupdict()
    if groups.get("dec"):  # "the last half of the '80s": the decade, early or late
        if code != "H":
            return None
        dec = groups["dec"]
        year = _year_of(dec[1:], ctx.anchor) if dec.startswith("'") else int(dec)
        return Value("DATE", f"{year // 10:03d}", mod="START" if n == 1 else "END")
    mods = (m["mods"] or "").lower()
    back = 1 if "year-" in mods else 0  # the year-ago third quarter
    year_rel = (groups.get("yrel") or groups.get("yrel2") or "").lower()
    explicit = groups.get("y") or groups.get("py")
    if explicit:
        value = f"{int(explicit):04d}-{code}{n}"
        # a quarter still to come is forecast, not reported
        over = code == "H" or (int(explicit), n) <= _last_quarter(ctx.anchor)
        return Value("DATE", value, sets_period=over)
    year = _year_shift(ctx, year_rel) if year_rel else _quarter_year(n, code, ctx, c)
    return Value(
        "DATE",
        f"{year - back:04d}-{code}{n}",
        relative=True,
        underspecified=f"XXXX-{code}{n}",
        # only a quarter that is over can be the one whose results are told
        sets_period=not back and code == "Q" and (year, n) <= _last_quarter(ctx.anchor),
    )


def _quarter_year(n: int, code: str, ctx: Context, c: Candidate) -> int:
    """The year of a quarter or half named without one, as a company report means it.

    A quarter that has not begun at the anchor is last year's unless the clause
    looks ahead ("the fourth quarter" in a January report); one under way is
    this year's.
    """
    base = ctx.anchor
    months = 3 if code == "Q" else 6
    first_month = (n - 1) * months + 1
    tense = ctx.tense_of(c.start, c.end)
    if first_month > base.month:
        return base.year if tense == "future" else base.year - 1
    return base.year


def _last_quarter(d: date) -> tuple[int, int]:
    """The last quarter completed before day `d`: (year, quarter)."""
    q = (d.month - 1) // 3  # the current quarter, counted from 0
    return (d.year, q) if q else (d.year - 1, 4)


def _quarter_value(d: date) -> str:
    """The value of the last quarter completed before day `d` ("2013-Q2")."""
    y, q = _last_quarter(d)
    return f"{y:04d}-Q{q}"


def _shift_period(value: str, years: int) -> str:
    """A reporting period moved by whole years: 1989-Q3 -> 1988-Q3, 1989 -> 1988."""
    return f"{int(value[:4]) + years:04d}{value[4:]}"


def _h_period(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """The reporting period a company's results speak of, and its year-ago twin."""
    if m["end"]:  # "by year-end" is the coming December 31, "since year-end" the last one
        since = re.search(r"\bsince\s+$", _before(c, ctx), re.IGNORECASE)
        year = ctx.anchor.year - 1 if since else ctx.anchor.year
        return Value("DATE", f"{year:04d}-12-31", relative=True, underspecified="XXXX-12-31")
    if m["midyear"]:  # "by mid-year": the middle of the year of the report
        year = ctx.anchor.year
        return Value("DATE", f"{year:04d}", mod="MID", relative=True, underspecified="XXXX")
    if m["adj"]:  # "a year-earlier loss", "the year-ago results"
        period = ctx.period or f"{ctx.anchor.year:04d}"
        return Value("DATE", _shift_period(period, -1), relative=True, underspecified="XXXX")
    det = (m["det"] or "").lower()
    mods = re.sub(r"[\s-]+", " ", (m["mods"] or m["mods2"] or "").lower())
    unit = m["unit"].lower()
    if m["yrel"]:  # "last year's quarter": the quarter under discussion, a year back
        y, q = _last_quarter(ctx.anchor)
        under_discussion = ctx.period if ctx.period and "-Q" in ctx.period else f"{y:04d}-Q{q}"
        shift = {"last": -1, "this": 0, "next": 1}[m["yrel"].lower()]
        return Value(
            "DATE",
            _shift_period(under_discussion, shift),
            relative=True,
            underspecified="XXXX-QX",
        )
    back = bool(re.search(r"\byear (?:ago|earlier)\b|corresponding|comparable", mods) or m["ago"])
    explicit = re.search(r"\d{4}", mods)
    if unit in ("week", "month"):  # "for the week, the index fell": the week of the report
        if det != "the" or mods:
            return None
        return Value("DATE", _at(ctx.anchor, unit), relative=True, underspecified=_unit_under(unit))
    if unit.endswith("year"):
        if m["ended"] is not None:
            return Value("DURATION", "P1Y")  # "for the year ended Sept. 30": its length
        if explicit or det in ("last", "next", "this") or (not det and "fiscal" not in mods):
            return None  # "1988 year", "last year" (rel_unit), "year-end"
        if "latest" in mods or "previous" in mods or "prior" in mods:
            # "the latest fiscal year": the last one closed
            return Value("DATE", f"{ctx.anchor.year - 1:04d}", relative=True, underspecified="XXXX")
        year = ctx.anchor.year - back
        return Value("DATE", f"{year:04d}", relative=True, underspecified="XXXX", sets_period=True)
    # a quarter or a period
    ctx_quarter = ctx.period if ctx.period and "-Q" in ctx.period else None
    if det == "this" and ctx_quarter and ctx.tense_of(c.start, c.end) != "future":
        current = ctx_quarter  # "this quarter's loss" in a report on the quarter
    elif unit == "quarter" and not ctx_quarter and (closing := _quarter_closing(m, c, ctx)):
        # "the quarter ended July 31", no quarter named yet: the one it mostly spans
        current = closing
    elif det == "this" or "current" in mods:
        y, q = ctx.anchor.year, (ctx.anchor.month - 1) // 3 + 1
        current = f"{y:04d}-Q{q}"
    elif det in ("last", "next") or "previous" in mods or "prior" in mods:
        y, q = _last_quarter(ctx.anchor)
        if det == "next":
            y, q = (y, q + 2) if q <= 2 else (y + 1, q - 2)
        current = f"{y:04d}-Q{q}"
    elif ctx_quarter and not ("latest" in mods and ctx_quarter > _quarter_value(ctx.anchor)):
        current = ctx_quarter
    elif unit == "period" and not ("latest" in mods or back or explicit):
        return None  # "the period" with no period under discussion
    else:
        y, q = _last_quarter(ctx.anchor)
        current = f"{y:04d}-Q{q}"
    if explicit:
        value = explicit.group() + (current[4:] if unit == "quarter" or ctx_quarter else "")
        return Value("DATE", value)
    if back:
        return Value("DATE", _shift_period(current, -1), relative=True, underspecified="XXXX-QX")
    return Value("DATE", current, relative=True, underspecified="XXXX-QX", sets_period=True)


_ENDED_ON = re.compile(
    rf"\s+(?:ended|ending)\s+(?:on\s+)?(?P<mon>{_MONTH_NAMES})\s+(?P<d>{_DAY})\b(?:,?\s+(?P<y>{_YEAR})\b)?"
)


def _quarter_closing(m: re.Match[str], c: Candidate, ctx: Context) -> str | None:
    """The calendar quarter of a company's quarter named by the day it ended: the
    quarter that holds its middle, 45 days back ("ended July 31" is mostly Q2)."""
    if m["ended"] is None:
        return None
    end = _ENDED_ON.match(ctx.text, c.end)
    if end is None:
        return None
    month = MONTHS[end["mon"].rstrip(".").lower()]
    day_n = _day_number(end["d"])
    year = int(end["y"]) if end["y"] else _month_day_year(month, day_n, ctx, c.start, c.end)
    middle = _safe_date(year, month, day_n) - timedelta(days=45)
    return f"{middle.year:04d}-Q{(middle.month - 1) // 3 + 1}"


def _h_two_quarters(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    half = 1 if m["which"].lower() == "first" else 2
    return Value("DATE", f"{int(m['y']):04d}-H{half}")


def _h_q_short(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    q = m["q"][1]
    if m["y"]:
        return Value("DATE", f"{m['y']}-Q{q}")
    return Value("DATE", f"{ctx.anchor.year:04d}-Q{q}", relative=True, underspecified=f"XXXX-Q{q}")


def _h_decade(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["decw"]:  # "the nineties": of the century the text lives in
        tens = NUMBERS[m["decw"].lower()[:-3] + "y"]
        century = ctx.anchor.year // 100 * 100
        year = century + tens if century + tens <= ctx.anchor.year else century - 100 + tens
        return Value("DATE", f"{year // 10:03d}", mod=_mod(m["mod2"]))
    dec = m["dec"]
    year = _year_of(dec[1:], ctx.anchor) if dec.startswith("'") else int(dec)
    return Value("DATE", f"{year // 10:03d}", mod=_mod(m["mod"]))


def _h_century(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["turn"]:
        step = 1000 if m["turn"].lower() == "millennium" else 100
        if m["tn"]:  # "the turn of the 20th century": 1900
            return Value("DATE", f"{(int(m['tn']) - 1) * 100:04d}", mod="APPROX")
        # the turn last passed, or the next one in a clause about the future
        year = ctx.anchor.year // step * step
        if ctx.tense_of(c.start, c.end) == "future" and year < ctx.anchor.year:
            year += step
        return Value("DATE", f"{year:04d}", mod="APPROX", relative=True, underspecified="XXXX")
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
        return Value("DATE", f"{_year_of(m['y'], ctx.anchor):04d}-{code}", mod=_mod(rel))
    if not m["yrel"]:  # "the spring of last year" is a season whatever else
        if code == "FA" and re.match(r"\s+of\b", ctx.text[c.end : c.end + 4]):
            return None  # "the fall of the Wall"
        if code in ("FA", "SP") and not rel and not _SEASON_PREP_BEFORE.search(_before(c, ctx)):
            return None  # "prices fall", "spring into action": verbs, not seasons
    year = _year_shift(ctx, m["yrel"] or rel)
    return Value(
        "DATE", f"{year:04d}-{code}", mod=_mod(rel), relative=True, underspecified=f"XXXX-{code}"
    )


_SEASON_PREP_BEFORE = re.compile(
    r"\b(?:in|since|until|till|by|during|through|this|last|next|early|late|of)\s+$", re.IGNORECASE
)


def _h_spelled_year(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    year = _spelled_year(m["y"])
    return None if year is None else Value("DATE", f"{year:04d}", sets_reference=True)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
    "new year's": (1, 1), "new year's day": (1, 1), "new year's eve": (12, 31),
    "independence day": (7, 4), "veterans day": (11, 11), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based; -1 for the last) ISO weekday of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _holiday(name: str, year: int) -> date:
    """The day of a (US and Christian calendar) holiday in a year."""
    key = re.sub(r"\s+", " ", name.lower())
    if key in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[key])
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 4, 4)
    if key == "memorial day":
        return _nth_weekday(year, 5, 1, -1)
    if key == "labor day":
        return _nth_weekday(year, 9, 1, 1)
    if key == "election day":  # the Tuesday after the first Monday of November
        return _nth_weekday(year, 11, 1, 1) + timedelta(days=1)
    if key == "good friday":
        return _easter(year) - timedelta(days=2)
    return _easter(year)


def _h_range_end(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    first = ctx.last_day
    day_n = _day_number(m["d"])
    if first is None or day_n <= first.day:
        return None
    try:
        day = first.replace(day=day_n)
    except ValueError:
        return None
    if m["y"]:
        return Value("DATE", day.isoformat(), sets_reference=True)
    return Value("DATE", day.isoformat(), relative=True, underspecified=f"XXXX-XX-{day_n:02d}")


def _h_range_start(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if c.partner is None:
        return None
    last = resolve(c.partner, ctx.text, ctx)
    if last is None or last.type != "DATE" or not _FULL_DATE.fullmatch(last.value):
        return None
    day_n = _day_number(m["d"])
    end = date.fromisoformat(last.value)
    if day_n >= end.day:
        return None
    under = last.underspecified and f"{last.underspecified[:-2]}{day_n:02d}"
    return replace(last, value=end.replace(day=day_n).isoformat(), underspecified=under)


def _h_month_week(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    month = MONTHS[m["mon"].rstrip(".").lower()]
    ord_word = m["ord"].lower()
    year = int(m["y"]) if m["y"] else _month_day_year(month, None, ctx, c.start, c.end)
    # the ISO week holding the middle day of the month's n-th seven days
    if ord_word in ("last", "final"):
        day = _safe_date(year, month, 31) - timedelta(days=3)
    else:
        day = date(year, month, 4 + 7 * (ORDINALS[ord_word] - 1))
    return Value("DATE", _at(day, "week"), relative=not m["y"], underspecified="XXXX-WXX")


def _h_month_weekday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    wd, ord_word = WEEKDAYS[m["wd"].lower()], m["ord"].lower()
    if m["rel"]:
        rel = m["rel"].lower()
        base = _narrative_base(ctx, "month") if rel == "the" else ctx.anchor
        first = _add(date(base.year, base.month, 1), {"next": 1, "last": -1}.get(rel, 0), "month")
        day = _nth_weekday(
            first.year, first.month, wd, -1 if ord_word == "last" else ORDINALS[ord_word]
        )
        return Value("DATE", day.isoformat(), relative=True, underspecified="XXXX-XX-XX")
    month = MONTHS[m["mon"].rstrip(".").lower()]
    year = int(m["y"]) if m["y"] else _month_day_year(month, None, ctx, c.start, c.end)
    day = _nth_weekday(year, month, wd, -1 if ord_word == "last" else ORDINALS[ord_word])
    return Value("DATE", day.isoformat(), relative=not m["y"], underspecified="XXXX-XX-XX")


def _h_nth_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    day_n = _day_number(m["d"] or m["d2"])
    narrative = ctx.reference is not None and ctx.reference_from_text
    base = ctx.reference if narrative and ctx.reference is not None else ctx.anchor
    under = f"XXXX-XX-{day_n:02d}"
    span = 6 if m["wd"] else 1
    days = []
    for k in range(-span, span + 1):
        y, mo = divmod(base.month - 1 + k, 12)
        try:
            days.append(date(base.year + y, mo + 1, day_n))
        except ValueError:
            continue
    if m["wd"]:  # "Friday the 7th": the nearest month where the 7th is a Friday
        days = [d for d in days if d.isoweekday() == WEEKDAYS[m["wd"].lower()]]
    elif narrative:  # "On 3 March ... on the 12th": the month the story is in
        days = [d for d in days if d.month == base.month]
    else:
        tense = ctx.tense_of(c.start, c.end)
        if tense in ("future", "present"):
            days = [d for d in days if d >= base] or days
        elif tense in ("past", "past_act"):
            days = [d for d in days if d <= base] or days
    if not days:
        return None
    day = min(days, key=lambda d: abs((d - base).days))
    return Value("DATE", day.isoformat(), relative=True, sets_reference=True, underspecified=under)


def _h_year_span(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["y"]:
        return Value("DATE", m["y"], sets_reference=True)
    first = re.search(r"(\d{4})\s?[-–]\s?$", _before(c, ctx))
    if first is None or not re.fullmatch(_YEAR, first[1]):
        return None
    start, end = int(first[1]), m["y2"]
    year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
    if len(end) == 2 and year <= start:  # "1999-01": the next century
        year += 100
    return Value("DATE", f"{year:04d}", sets_reference=True) if 0 < year - start <= 10 else None


def _h_this_time(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    d = _add(ctx.anchor, 1 if m["rel"].lower() == "next" else -1, "year")
    return Value("DATE", _at(d, "month"), relative=True, underspecified="XXXX-XX")


def _h_holiday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    name = m["h"]
    rel = (m["rel"] or "").lower()
    if m["y"]:
        year = int(m["y"])
    elif rel:
        this_year = _holiday(name, ctx.anchor.year)
        year = ctx.anchor.year
        if rel == "last" and this_year >= ctx.anchor:
            year -= 1
        elif rel == "next" and this_year <= ctx.anchor:
            year += 1
    else:
        year = _nearest_year(lambda y: _holiday(name, y), ctx, c.start, c.end)
    day = _holiday(name, year)
    relative = not m["y"]
    if m["week"]:  # "Easter week", "the Thanksgiving weekend": the week that holds the day
        week = _at(day, "week")
        if m["week"].lower() == "weekend":
            return Value("DATE", f"{week}-WE", relative=relative, underspecified="XXXX-WXX-WE")
        return Value("DATE", week, relative=relative, underspecified="XXXX-WXX")
    other = _holiday(name, year + 1)
    fixed = (other.month, other.day) == (day.month, day.day)  # Christmas, not Easter
    under = f"XXXX-{day.month:02d}-{day.day:02d}" if fixed else "XXXX-XX-XX"
    return Value(
        "DATE",
        day.isoformat(),
        relative=relative,
        sets_reference=not relative,
        underspecified=under,
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
    spoken = re.match(r"(\d{1,2})(?:\s+o'clock)?\s+(in the (\w+)|at night)$", t)
    if spoken:  # "4 in the morning", "9 at night"
        t = spoken[1] + (" am" if spoken[3] == "morning" else " pm")
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
    if m.group().lower() == "noon" and re.search(r"\bhigh\s+$", _before(c, ctx), re.IGNORECASE):
        return None  # "high noon comes today": the hour of decision, an idiom
    wd = m["wd1"] or m["wd2"]
    if m["mon"] or m["mon2"]:  # "5 p.m. EST Nov. 9", "midnight on 15 February"
        month = MONTHS.get((m["mon"] or m["mon2"]).rstrip(".").lower())
        day_n = _day_number(m["d"] or m["d2"])
        if month is None:
            return None
        y = m["y"] or m["y2"]
        # the tense of the date's own phrase ("came into force at midnight on Feb. 15")
        lo = min(m.start(g) for g in ("mon", "d", "mon2", "d2") if m[g])
        year = int(y) if y else _month_day_year(month, day_n, ctx, lo, c.end)
        try:
            day = date(year, month, day_n)
        except ValueError:
            return None
    elif wd and wd.lower() in WEEKDAYS:
        day = _weekday_value(WEEKDAYS[wd.lower()], ctx, c.start, c.end, None)
    elif wd:
        day = _deictic_day(wd, ctx)
    else:
        # "was shot to death at 10 p.m.": the day of the shooting, if the text
        # dated it; else the day the narrative has reached
        event = ctx.events.date_of_event_before(c.start) if ctx.events is not None else None
        event_day = _day_of(event)
        if event_day is not None:
            return Value("TIME", f"{event_day.isoformat()}T{hm}")
        day = ctx.reference if ctx.reference is not None else ctx.anchor
    if m["y"] or m["y2"]:
        return Value("TIME", f"{day.isoformat()}T{hm}", sets_reference=True)
    return Value(
        "TIME",
        f"{day.isoformat()}T{hm}",
        relative=True,
        underspecified=f"XXXX-XX-XXT{hm}",
        day_open=not (m["mon"] or m["mon2"] or wd),
    )


def _h_weekday(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    wd = WEEKDAYS[m["wd"].lower()]
    rel = m.groupdict().get("rel")
    day = _weekday_value(wd, ctx, c.start, c.end, rel)
    part = m.groupdict().get("part")
    under = f"XXXX-WXX-{wd}"
    if part and part.lower() != "night":
        code = PARTS_OF_DAY[part.lower()]
        return Value(
            "TIME", f"{day.isoformat()}T{code}", relative=True, underspecified=f"{under}T{code}"
        )
    # "Saturday night" runs past midnight: TimeBank's annotators mostly write
    # the day it belongs to (a corpus convention, not TimeML's TNI)
    return Value("DATE", day.isoformat(), relative=True, underspecified=under)


def _h_weekday_set(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    value = f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}"
    if m["part"]:
        value += "T" + PARTS_OF_DAY[m["part"].lower()[:-1]]
    return Value("SET", value)


def _h_weekend(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = m["rel"].lower()
    d = ctx.anchor
    if rel == "the":
        # "over the weekend": the nearest one the clause's tense allows; a
        # report from a weekday looks back to the last one, ahead to the next
        weekday = d.isoweekday() < 6
        tense = ctx.tense_of(c.start, c.end)
        if weekday and tense != "future":
            d -= timedelta(weeks=1)
    elif "last" in rel or "past" in rel:
        d -= timedelta(weeks=1)
    elif "next" in rel or "coming" in rel:
        d += timedelta(weeks=1)
    return Value("DATE", _at(d, "weekend"), relative=True, underspecified="XXXX-WXX-WE")


# "today's youth", "in today's world", "many of today's personal computers": the
# present age; "today's session", "today's editions" are the day itself.
_PRESENT_AGE = re.compile(
    r"['’]s\s+(?:[a-z]+\s+)?(?:youth|young|world|society|societies|generations?|children|kids"
    r"|teenagers|students|families|parents|women|men|people|consumers|economy|markets?"
    r"|standards|culture|technology|computers|cars|politics|politicians|media|military"
    r"|environment|climate|times|age|era)\b",
    re.IGNORECASE,
)


def _h_deictic_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    word = (m["w"] or "").lower()
    if word == "today" and _PRESENT_AGE.match(ctx.text, c.end):
        return None  # "today's youth": the present age, which TimeBank leaves out
    if word == "tomorrow" and re.search(r"[a-z]+\s+of\s+$", _before(c, ctx)):
        return None  # "the people of tomorrow", "the cities of tomorrow": the future, no day
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


def _h_part_of_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    part = (m["part"] or m["part2"] or m["part3"]).lower()
    if part == "afternoon" and not (m["mid"] or m["the"]):
        return None  # "the afternoon" alone is left to the day it belongs to
    if m["w"]:
        day = _deictic_day(m["w"], ctx)
    elif part == "overnight" and ctx.tense_of(c.start, c.end) != "future":
        # "overnight losses": the night before the day the narrative is on
        today = ctx.reference if ctx.reference is not None and ctx.reference_from_text else None
        day = (today or ctx.anchor) - timedelta(days=1)
    else:
        day = ctx.reference if ctx.reference is not None else ctx.anchor
    value = "T12:00" if part == "midday" else f"T{PARTS_OF_DAY[part]}"
    mod = "MID" if m["mid"] else None
    return Value(
        "TIME",
        f"{day.isoformat()}{value}",
        mod=mod,
        relative=True,
        underspecified=f"XXXX-XX-XX{value}",
        day_open=m["part3"] is not None,  # "at dawn on Thursday"
    )


def _h_rel_unit(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    if rel in ("the next", "the coming") or (
        rel in ("the past", "the last") and unit in ("decade", "century")
    ):
        # "the coming week", "the past decade": a stretch of time
        return Value("DURATION", _duration(1, unit), relative=False)
    if rel in ("the same", "that"):
        base = _narrative_base(ctx, unit)
        return Value(
            "DATE",
            _at(base, unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    if rel in ("the following", "the next", "the previous", "the preceding", "the prior"):
        base = _narrative_base(ctx, unit)
        step = 1 if rel in ("the following", "the next") else -1
        return Value(
            "DATE",
            _at(_add(base, step, unit), unit),
            relative=not ctx.reference_from_text,
            underspecified=_unit_under(unit),
        )
    # "the past year" is, for TimeBank, last year
    step = {"last": -1, "the past": -1, "the last": -1, "next": 1}.get(rel, 0)
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
        if direction in ("later", "after") and u:
            # "a few days later" counts from the narrative, which may itself be
            # past: TimeML measures the offset rather than guess a date
            return Value("DURATION", _duration(None, unit))
        return Value("DATE", "FUTURE_REF") if u else None
    sign = -1 if direction in ("ago", "earlier", "before", "previously") else 1
    if _unit_key(unit) == "year" and ctx.period and "-Q" in ctx.period:
        # results "a year earlier" are those of the same quarter a year before
        return Value(
            "DATE",
            _shift_period(ctx.period, sign * int(n)),
            relative=True,
            underspecified="XXXX-QX",
        )
    deictic = direction in ("ago", "from now", "hence")
    base = ctx.anchor if deictic else _narrative_base(ctx, unit)
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


# ---- days counted from an event the text dated (see event_dates.py)

_EVENT_LINK = re.compile(
    r"\s+(?P<dir>before|after|following|preceding|leading\s+up\s+to)\s+", re.IGNORECASE
)
_EVE_OF = re.compile(r"\s+(?P<dir>of)\s+")  # "the eve of", "the second day of"
# "today is [the eighth day] of Desert Shield", "it's [the second day] of an offensive"
_IS_BEFORE = re.compile(r"(?:\bis|['’]s)\s+$", re.IGNORECASE)


def _event_after(
    ctx: Context, end: int, link_rx: re.Pattern[str] = _EVENT_LINK
) -> tuple[str, int] | None:
    """The date of the event that the words after `end` count from ("[the days]
    before the shooting"), if the text dated an event of that kind, and the way
    they count: -1 back from it ("before"), 1 on from it ("after", "of")."""
    link = link_rx.match(ctx.text, end)
    if link is None or ctx.events is None:
        return None
    value = ctx.events.date_of(link.end())
    if value is None:
        return None
    back = re.match(r"before|preceding|leading", link["dir"], re.IGNORECASE) is not None
    return value, -1 if back else 1


def _names_event_after(ctx: Context, end: int, link_rx: re.Pattern[str]) -> bool:
    """Whether the words after `end` name an event, dated or not. While candidates
    are only tried (no dates read yet), this is what makes an event span viable."""
    link = link_rx.match(ctx.text, end)
    return link is not None and names_event(ctx.text, link.end())


def _day_of(value: str | None) -> date | None:
    """The day a value names, if it names one (or a time on one)."""
    iv = timex.interval(value)
    return iv.first if iv is not None and iv.granularity in ("day", "time") else None


def _from_event(ctx: Context, end: int, n: int, unit: str) -> Value | None:
    """The day `n` units before or after the dated event named after `end`
    ("10 days before the murder")."""
    event = _event_after(ctx, end)
    day = _day_of(event[0]) if event is not None else None
    if event is None or day is None:
        return None
    return Value("DATE", _add(day, event[1] * n, unit).isoformat())


def _at_least_month(value: str) -> str:
    """A value no finer than its month: the days before an event lie in its month."""
    iv = timex.interval(value)
    if iv is None or iv.granularity not in ("week", "day", "time"):
        return value
    return _at(iv.first, "month")


def _h_event_day(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "the day after his death", "the week before the election", "the eve of
    the summit", "the second day of the offensive"."""
    link_rx = _EVENT_LINK if m["unit"] else _EVE_OF
    today = m["nth"] is not None and _IS_BEFORE.search(_before(c, ctx)) is not None
    if ctx.events is None:
        viable = today or _names_event_after(ctx, c.end, link_rx)
        return Value("DATE", "XXXX-XX-XX") if viable else None
    event = _event_after(ctx, c.end, link_rx)
    if m["nth"]:
        word = m["nth"].lower()
        n = ORDINALS.get(word) or int(re.sub(r"\D", "", word))
        day = _day_of(event[0]) if event is not None else None
        if day is not None:  # counted from the event's first day
            return Value("DATE", (day + timedelta(days=n - 1)).isoformat())
        if today:  # "it's the second day of an offensive": today
            return Value("DATE", ctx.anchor.isoformat(), relative=True, underspecified="XXXX-XX-XX")
        return None
    iv = timex.interval(event[0]) if event is not None else None
    unit = m["unit"].lower() if m["unit"] else "day"
    if event is None or iv is None or _finer(unit, iv.granularity):
        return None  # no date, or one too coarse: "the day after" a month
    step = -1 if m["eve"] else event[1]
    return Value("DATE", _at(_add(iv.first, step, unit), unit))


def _h_then(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "will terminate on Nov. 30. Until [then], ...": the date just named, in
    this sentence or the one before ("until the war ends. Until then" names none)."""
    if ctx.events is None:
        return Value("DATE", "XXXX-XX-XX")  # only trying the span (see _h_event_day)
    last = ctx.events.last_before(c.start)
    if last is None:
        return None
    return Value("TIME" if "T" in last else "DATE", last)


def _finer(unit: str, granularity: str) -> bool:
    """Whether `unit` is finer than a value of `granularity` can place."""
    return timex.GRANULARITIES.index(unit) > timex.GRANULARITIES.index(granularity)


def _narrative_base(ctx: Context, unit: str) -> date:
    """What an anaphoric expression counts from: the last date the narrative
    reached; for months and years, the last month or year it named too ("in May
    2009 ... the following month")."""
    if ctx.coarse_reference is not None and _unit_key(unit) in _COARSE_UNITS:
        return ctx.coarse_reference
    return ctx.reference or ctx.anchor


_COARSE_UNITS = frozenset({"month", "quarter", "year", "decade", "century"})


def _h_anaphoric(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    relative = not (ctx.reference_from_text and ctx.reference is not None)
    if m["rel"]:
        rel, unit = m["rel"].lower(), m["unit"].lower()
        step = 1 if rel in ("next", "following") else -1
    elif m["unit2"]:
        unit, d = m["unit2"].lower(), m["dir"].lower()
        step = 1 if d in ("after", "later") else -1
    else:
        unit, step = m["unit3"].lower(), 0
        if unit == "day" and ctx.month_reached is not None:
            # "killed last October ... crossed out that same day": a day of that month
            return Value("DATE", f"{ctx.month_reached}-XX", relative=relative)
    base = _narrative_base(ctx, unit)
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
    raw_n = m["n"].lower()
    if raw_n in ("a", "an") and not m["rel"] and _RATE_BEFORE.search(_before(c, ctx)):
        return None  # "$5 million a year": a rate, a SET
    if (m["old"] or "").lower() == "old" or ctx.text.startswith(" old", c.end):
        return None  # an age ("a 6-year-old boy", "52 years old"): TimeBank leaves ages out
    key = _unit_key(unit)
    if key == "quarter" and "-" in m.group():
        return None  # "three-quarters of the vote": a fraction
    if key == "second" and raw_n in ("a", "an"):
        return None  # "a second term": an ordinal
    if raw_n in ("a", "an") and unit.lower().endswith("s"):
        return None  # "a decades-long war": the article is the war's
    if (
        key == "quarter"
        and raw_n in ("a", "an", "one")
        and re.match(r"\s+of\s+(?!a\s+century)", ctx.text[c.end : c.end + 20])
    ):
        return None  # "more than a quarter of the market": a fraction
    if _AMOUNT_OF_TIME.match(ctx.text, c.end):
        return None  # "a bonus equal to six months of base pay": an amount of money
    if raw_n == "one" and key == "day" and _MODAL_BEFORE.search(_before(c, ctx)):
        return Value("DATE", "FUTURE_REF")  # "Islam will one day be...": some future day
    if any(raw_n.startswith(v) for v in VAGUE_NUMBERS):
        n = None
    elif m["half"] and n is not None:  # "a minute and a half"
        n += 0.5
    rel = re.sub(r"\s+", " ", (m["rel"] or "").lower())
    if (
        n is not None
        and not rel
        and _IN_BEFORE.search(_before(c, ctx))
        and (m["time"] or ctx.tense_of(c.start, c.end) == "future")
    ):
        # "will be redeemed in [five years]": TimeML places the event, a date
        target = _add(ctx.anchor, int(n), unit)
        return Value("DATE", _at(target, unit), relative=True, underspecified=_unit_under(unit))
    if n is not None and not rel and key in ("day", "week"):
        # "10 days before the murder": a day counted from a dated event
        shifted = _from_event(ctx, c.end, int(n), unit)
        if shifted is not None:
            return shifted
    mod = _DURATION_MODS.get(rel)
    # "the first nine months" of a company's year: "a year earlier" then means
    # the same months of last year, not a quarter
    months = _unit_key(unit) == "month" and rel in ("the first", "the latest", "the")
    return Value("DURATION", _duration(n, unit), mod=mod, sets_period=months)


_IN_BEFORE = re.compile(r"\bin\s+$", re.IGNORECASE)
_AMOUNT_OF_TIME = re.compile(
    r"\s+of\s+(?:\w+\s+)?(?:pay|salary|salaries|wages?|rent|income|earnings|revenues?|sales"
    r"|output|production|severance|benefits|tuition|interest|dividends?|imports|exports)\b",
    re.IGNORECASE,
)
_MODAL_BEFORE = re.compile(
    r"\b(?:will|would|could|may|might|shall|can|'ll)(?:\s+(?:not|still|surely|yet))?\s+$",
    re.IGNORECASE,
)
_DURATION_MODS = {
    "almost": "LESS_THAN", "nearly": "LESS_THAN", "less than": "LESS_THAN",
    "more than": "MORE_THAN", "no more than": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}  # fmt: skip


def _h_vague_duration(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["around"]:
        # "in the weeks before the shooting": a vague stretch in the month of
        # the event, if the text dated it, else of the narrative
        event = _event_after(ctx, c.end)
        if event is not None:
            return Value("DATE", _at_least_month(event[0]))
        base = _narrative_base(ctx, "day")
        return Value("DATE", _at(base, "month"), relative=True, underspecified="XXXX-XX")
    if m["long"]:  # "a decades-long battle", "a day-long meeting"
        word = m["long"].lower()
        return Value("DURATION", _duration(None if word.endswith("s") else 1, word))
    unit = m["unit"] or m["unit2"] or m["unit4"] or m["unit5"] or m["ahead"] or m["offset"]
    rel = (m["rel"] or "").lower()
    if rel == "recent":  # "in recent years": TimeBank more often measures it than places it
        return Value("DURATION", _duration(None, unit))
    if rel == "coming":
        return Value("DATE", "FUTURE_REF")  # "in coming months": a vague future
    return Value("DURATION", _duration(None, unit))


# A quantity, perhaps with its unit: "C$17.9 million", "10,000 units".
_AMOUNT_BEFORE = re.compile(
    r"(?:\d|\b(?:million|billion|thousand|hundred))(?:\s+[a-z]+s)?\s*$", re.IGNORECASE
)


def _h_set(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    if m["adv"]:
        adv = m["adv"].lower()
        if re.search(r"(?:%|\bpercent)\s*$", _before(c, ctx)) or (
            adv in ("annually", "yearly") and _AMOUNT_BEFORE.search(_before(c, ctx))
        ):
            # "rose 8% annually", "10,000 units annually": a rate, as "$5 million a year"
            return None
        value = {
            "annually": "P1Y", "yearly": "P1Y", "daily": "P1D", "weekly": "P1W", "monthly": "P1M",
            "hourly": "PT1H", "nightly": "P1D", "biweekly": "P2W",
            "biannually": "P6M", "semiannually": "P6M",
        }[adv]  # fmt: skip
        return Value("SET", value)
    if m["nth_wd"]:
        # "the first Monday of the month" is one day unless every month is meant
        return Value("SET", "P1M") if m["every"] or m["every2"] else None
    if m["mon"]:
        return Value("SET", f"XXXX-{MONTHS[m['mon'].rstrip('.').lower()]:02d}")
    if m["season"]:
        return Value("SET", f"XXXX-{SEASONS[m['season'].lower()]}")
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
    if q == "a" and not m["times"]:
        # "twice a year" repeats an event, a SET; "$5 million a year", "four
        # flights a week" measure a quantity by time, which TimeBank leaves out
        return None
    return Value("SET", _duration(n, unit))


# "twice a year", "$5 million a year", "50,000 CDs a year": a frequency or a rate.
_RATE_BEFORE = re.compile(
    r"(?:\b(?:once|twice|thrice|times?|million|billion|thousand|hundred|percent)|\d|%"
    r"|\b(?!(?:was|has|is|does|this|its|his|as|us|less|plus|unless|yes|thus)\b)[a-z]{2,}s)\s*$",
    re.IGNORECASE,
)


def _h_ref(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    # TimeBank annotates "the past", "the future" only as the object of a
    # preposition ("in the future"), not as a noun ("the future of NATO").
    if _REF_NEEDS_PREP.match(m.group().lower()) and not _REF_PREP_BEFORE.search(_before(c, ctx)):
        return None
    if m.group().lower().startswith("the ") and re.match(
        rf"\s+(?:\d|{_NUM_WORD}\b|several\b|few\b)", ctx.text[c.end : c.end + 30], re.IGNORECASE
    ):
        return None  # "for the past three summers": a count of them, not the past
    if (
        m.group() == "Now"
        and _NOW_TURNS.match(ctx.text, c.end)
        and _DISCOURSE_NOW.search(_before(c, ctx))
    ):
        return None  # "Now, he says...", "Now for the weather": a turn in the talk
    if (
        m.group().lower() == "recently"
        and _MOST_BEFORE.search(_before(c, ctx))
        and _DATE_AFTER.match(ctx.text, c.end)
    ):
        return None  # "most recently last October": the date after it is the time
    if m["present"]:
        if re.search(r"\bthen\s+$", _before(c, ctx), re.IGNORECASE):
            return Value("DATE", "PAST_REF")  # "at the then current price"
        return Value("DATE", "PRESENT_REF")
    if m["past"]:
        return Value("DATE", "PAST_REF")
    if m["soon"] and ctx.tense_of(c.start, c.end) != "future":
        return None  # "was soon released": a step in a story, not a time to come
    return Value("DATE", "FUTURE_REF")


def _before(c: Candidate, ctx: Context, width: int = 30) -> str:
    """The text just before a candidate, for the rules that read a preposition."""
    return ctx.text[max(0, c.start - width) : c.start]


_HANDLERS: dict[str, Callable[[re.Match[str], Candidate, Context], Value | None]] = {
    "iso": _h_iso,
    "numeric": _h_numeric,
    "month_day": _h_month_day,
    "day_month": _h_month_day,
    "week_of": _h_week_of,
    "month_year": _h_month_year,
    "month": _h_month,
    "fiscal": _h_fiscal,
    "quarter": _h_quarter,
    "quarter_adj": _h_quarter,
    "period": _h_period,
    "two_quarters": _h_two_quarters,
    "q_short": _h_q_short,
    "decade": _h_decade,
    "century": _h_century,
    "season": _h_season,
    "year": _h_year,
    "holiday": _h_holiday,
    "range_end": _h_range_end,
    "range_start": _h_range_start,
    "month_week": _h_month_week,
    "nth_day": _h_nth_day,
    "month_weekday": _h_month_weekday,
    "year_span": _h_year_span,
    "this_time": _h_this_time,
    "spelled_year": _h_spelled_year,
    "clock": _h_clock,
    "weekday": _h_weekday,
    "weekday_set": _h_weekday_set,
    "weekend": _h_weekend,
    "deictic_day": _h_deictic_day,
    "rel_unit": _h_rel_unit,
    "part_of_day": _h_part_of_day,
    "ago": _h_ago,
    "anaphoric": _h_anaphoric,
    "event_day": _h_event_day,
    "then": _h_then,
    "duration": _h_duration,
    "vague_duration": _h_vague_duration,
    "set": _h_set,
    "ref": _h_ref,
}


def _resolve_ner(cand: Candidate, text: str, ctx: Context) -> Value | None:
    """A spaCy DATE/TIME entity our patterns did not take: absolute dates only."""
    span = text[cand.start : cand.end]
    if span.strip().isdigit():
        return None  # bare numbers are the year rule's to judge ("2014 troops")
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


_SCRATCH_DAY = date(2000, 1, 3)


_QUARTER = re.compile(r"\d{4}-Q[1-4]")


def _earlier_quarter(value: str, period: str | None) -> bool:
    """Whether quarter `value` comes before the quarter under discussion: a results
    story reports its latest quarter and names earlier ones only to compare
    ("after a flat second quarter")."""
    if period is None or not (_QUARTER.fullmatch(value) and _QUARTER.fullmatch(period)):
        return False
    return value < period


def _advance(ctx: Context, val: Value) -> None:
    """Move the narrative on past an expression just read."""
    iv = timex.interval(val.value) if val.type in ("DATE", "TIME") else None
    granularity = iv.granularity if iv is not None else None
    ctx.last_day = iv.first if iv is not None and granularity == "day" else None
    if val.sets_period and not _earlier_quarter(val.value, ctx.period):
        ctx.period = val.value if val.type == "DATE" else f"{ctx.anchor.year:04d}"
    if iv is None:
        return
    moves = val.sets_reference or val.relative
    if granularity in ("day", "time") and moves:
        ctx.reference = iv.first
        ctx.reference_from_text = not val.relative or ctx.anchored
        ctx.month_reached = None
    elif granularity == "month" and moves:
        ctx.month_reached = f"{iv.first.year:04d}-{iv.first.month:02d}"
    if (granularity in ("day", "time", "month") and moves) or (
        granularity == "year" and val.sets_reference
    ):
        ctx.coarse_reference = iv.first


# "the day before last Tuesday's hearing", "the day after Christmas"
_DAY_SHIFT = re.compile(r"\b(?:[Tt]he\s+)?day\s+(?P<dir>before|after)\s+$")
_FULL_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _day_shift(text: str, cand: Candidate, val: Value) -> Value:
    """A day named as the one before or after another: the expression takes in
    "the day before" (TimeML's extent) and the value moves by a day."""
    if val.type != "DATE" or not _FULL_DATE.fullmatch(val.value):
        return val
    window = max(0, cand.start - 20)
    m = _DAY_SHIFT.search(text, window, cand.start)
    if m is None:
        return val
    cand.start = m.start()
    step = 1 if m["dir"] == "after" else -1
    day = date.fromisoformat(val.value) + timedelta(days=step)
    under = val.underspecified
    if under and (wd := re.fullmatch(r"XXXX-WXX-([1-7])", under)):  # the day before Tuesday
        under = f"XXXX-WXX-{(int(wd[1]) - 1 + step) % 7 + 1}"
    elif under and (md := re.fullmatch(r"XXXX-(\d\d)-(\d\d)", under)):  # before Christmas
        d = date(2001, int(md[1]), int(md[2])) + timedelta(days=step)  # a year without Feb 29
        under = f"XXXX-{d.month:02d}-{d.day:02d}"
    elif under:
        under = "XXXX-XX-XX"
    return replace(val, value=day.isoformat(), underspecified=under)


def _cached(tense_of: Callable[[int, int], Tense | None]) -> Callable[[int, int], Tense | None]:
    memo: dict[tuple[int, int], Tense | None] = {}

    def cached(start: int, end: int) -> Tense | None:
        key = (start, end)
        if key not in memo:
            memo[key] = tense_of(start, end)
        return memo[key]

    return cached


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
    return extract_counting_from(text, anchor, entities=entities, tense_of=tense_of)[1]


def extract_counting_from(
    text: str,
    anchor: date | None,
    *,
    entities: Iterable[tuple[int, int, str]] = (),
    tense_of: Callable[[int, int], Tense | None] | None = None,
) -> tuple[date, list[TimeExpression]]:
    """`extract`, with the day the values count from: `anchor`, or the stand-in
    chosen for a document without one (which the sort keys are relative to)."""
    tense_of = _cached(tense_of) if tense_of is not None else (lambda s, e: None)
    scratch = Context(text=text, anchor=anchor or _SCRATCH_DAY, anchored=True, tense_of=tense_of)
    candidates = find_candidates(
        text, entities, viable=lambda c: resolve(c, text, scratch) is not None
    )
    anchored = anchor is not None
    base = anchor if anchor is not None else stand_in_anchor(text, candidates)
    ctx = Context(
        text=text, anchor=base, anchored=anchored, tense_of=tense_of, events=EventDates(text)
    )
    out: list[TimeExpression] = []
    open_clocks: list[int] = []  # indices in `out` of clock times (or "dawn") that said no day
    previous: tuple[Candidate, Value] | None = None
    for cand in candidates:
        work.charge()
        try:
            val = resolve(cand, text, ctx)
        except OverflowError:  # a day before the year 1 or after 9999: no value to give
            continue
        if val is None:
            continue
        resolved = anchored or not val.relative
        val = _day_shift(text, cand, val)  # unresolved, only the extent matters
        if previous is not None and _weekday_range(text, previous[0], cand):
            first, val = _order_weekday_range(previous[1], val, ctx.tense_of(cand.start, cand.end))
            if first is not previous[1]:
                out[-1] = _timex(text, previous[0], first, resolved)
        out.append(_timex(text, cand, val, resolved))
        if val.day_open:
            open_clocks.append(len(out) - 1)
        if resolved and val.type in ("DATE", "TIME") and ctx.events is not None:
            ctx.events.add(cand.start, cand.end, val.value)
        previous = (cand, val)
        _advance(ctx, val)
    _date_clock_times(text, out, open_clocks)
    return base, out


_ON = re.compile(r"\s+on\s+")  # "[dawn on Thursday]": one expression, as "6 a.m. Friday" is
_CLOCK_TO_DAY = 60  # characters: "at [6 a.m.] near Slepian's home [10 days before] the murder"


def _date_clock_times(text: str, out: list[TimeExpression], open_clocks: list[int]) -> None:
    """Give a clock time or part of the day that said no day ("6 a.m.", "dawn")
    the day named next in its sentence; right before that day, the two are one
    expression ("[6 a.m. ten days] before the shooting", "[dawn on Thursday]")."""
    for i in reversed(open_clocks):  # from the end: a merge shortens `out`
        if i + 1 >= len(out):
            continue
        clock, day = out[i], out[i + 1]
        if not (
            day.type == "DATE"
            and day.resolved
            and _FULL_DATE.fullmatch(day.value)
            and day.start - clock.end <= _CLOCK_TO_DAY
            and sentence_end(text, clock.end) >= day.end
        ):
            continue
        value = day.value + clock.value[10:]
        rng = timex.sort_range(value)
        out[i] = replace(
            clock,
            value=value,
            resolved=True,
            sort_key=rng[0] if rng else None,
            sort_end=rng[1] if rng else None,
        )
        if not text[clock.end : day.start].strip() or (
            _ON.fullmatch(text, clock.end, day.start) and day.text[:1].isupper()
        ):
            out[i] = replace(out[i], end=day.end, text=text[clock.start : day.end])
            del out[i + 1]


def _timex(text: str, cand: Candidate, val: Value, resolved: bool) -> TimeExpression:
    value = val.value if resolved else (val.underspecified or val.value)
    rng = timex.sort_range(val.value) if val.type in ("DATE", "TIME") else None
    return TimeExpression(
        start=cand.start,
        end=cand.end,
        text=text[cand.start : cand.end],
        type=val.type,
        value=value,
        mod=val.mod or cand.mod,
        resolved=resolved,
        sort_key=rng[0] if rng else None,
        sort_end=rng[1] if rng else None,
    )


_RANGE_WORD = re.compile(rf"\s*{_THROUGH}\s*")


def _weekday_range(text: str, first: Candidate, second: Candidate) -> bool:
    """ "from Monday to Wednesday": two bare weekdays joined as a range."""
    return (
        first.rule == second.rule == "weekday"
        and _RANGE_WORD.fullmatch(text, first.end, second.start) is not None
    )


def _order_weekday_range(first: Value, last: Value, tense: Tense | None) -> tuple[Value, Value]:
    """A range of weekdays runs forward: when each end was placed on its own and
    the last falls before the first ("met from Monday to Wednesday", said on a
    Monday), a past range starts a week earlier and any other ends a week later."""
    if not (_FULL_DATE.fullmatch(first.value) and _FULL_DATE.fullmatch(last.value)):
        return first, last
    start, end = date.fromisoformat(first.value), date.fromisoformat(last.value)
    if end >= start:
        return first, last
    if tense in ("past", "past_act"):
        return replace(first, value=(start - timedelta(days=7)).isoformat()), last
    return first, replace(last, value=(end + timedelta(days=7)).isoformat())
