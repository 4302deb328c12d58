"""The words and pattern fragments the rules are written with: month, weekday and
number names, units, parts of the day, and the regular expressions built of them.
"""

from __future__ import annotations

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


# What joins the two ends of a range ("March 3 to 5", "Monday through Friday");
# "and" joins two days ("April 24 and 25") but not two weekdays, which are a list.
_THROUGH = r"(?:-|–|to|through|until|till)"


# Nouns for what is held on a day set in advance: a date that modifies one ("the June
# elections", "a June meeting") lies ahead when its clause does; a date that modifies
# any other noun ("a June agreement", "the Aug. 7 bombings") names a thing already made.
SCHEDULED_NOUNS = frozenset(
    {"election", "meeting", "summit", "talk", "vote", "visit", "takeover", "handover",
     "transition", "conference", "session", "ceremony", "deadline", "poll", "referendum",
     "trip", "tour", "deployment", "withdrawal", "hearing", "trial", "verdict", "congress",
     "convention", "round", "negotiation", "launch", "inauguration", "plenum"}
)  # fmt: skip

# Words before a noun that say it is still to come: a date on "a possible verdict
# Thursday", "the planned talks of Friday" lies ahead, whatever the tense around it.
EXPECTING_WORDS = frozenset(
    {"possible", "expected", "planned", "proposed", "upcoming", "forthcoming",
     "scheduled", "impending", "prospective", "imminent", "likely", "anticipated"}
)  # fmt: skip
