"""The rules as data: a name and a pattern each, in priority order.

The handler that turns a rule's match into a TIMEX3 value has the same name
(`normalise._HANDLERS`). Patterns are written to TimeML's extents.
"""

from __future__ import annotations

import re

from timeline.temporal.holidays import _HOLIDAY_NAMES
from timeline.temporal.vocabulary import (
    _CLOCK,
    _COUNTED,
    _DAY,
    _MONTH_NAMES,
    _MONTH_SAFE,
    _NOT_SPAN,
    _NUM,
    _NUM_WORD,
    _ORD,
    _PART,
    _PERIOD_MOD,
    _SPELLED_YEAR,
    _UNIT,
    _WEEKDAY,
    _YEAR,
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
    # the night of 14 May 1921, the early morning hours of March 3: a part of a
    # day named by its date, one expression (TimeML: 1921-05-14TNI)
    (
        "part_of_date",
        _rx(
            rf"\b(?:[Ee]arly\s+in\s+|[Ll]ate\s+in\s+)?[Tt]he\s+(?:(?:early|late)\s+)?"
            rf"(?P<part>morning|afternoon|evening|night)(?:\s+hours)?\s+of\s+"
            rf"(?:(?P<wd>{_WEEKDAY}),?\s+)?(?:(?P<mon>{_MONTH_NAMES})\s+(?:the\s+)?(?P<d>{_DAY})\b"
            rf"|(?:the\s+)?(?P<d2>{_DAY})(?:\s+of)?\s+(?P<mon2>{_MONTH_NAMES})(?!\w))"
            rf"(?:,?\s+(?P<y>{_YEAR})\b{_NOT_SPAN})?"
        ),
    ),
    # Monday, January 10, 2022 / January 10, 2022 / Jan. 10 / January 10th
    (
        "month_day",
        _rx(
            rf"\b(?:(?P<wd>{_WEEKDAY}),?\s+)?(?P<mon>{_MONTH_NAMES})\s+(?:the\s+)?(?P<d>{_DAY})\b"
            rf"(?:,?\s+(?P<y>{_YEAR})\b{_NOT_SPAN}|\s+(?:of\s+)?(?P<yrel>this|last|next|that|the\s+same)\s+year\b)?"
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
            rf"(?:,?\s+(?P<y>{_YEAR})\b{_NOT_SPAN}|\s+(?:of\s+)?(?P<yrel>this|last|next|that|the\s+same)\s+year)?\b"
        ),
    ),
    # January 2022 / mid-January 1998 / early May
    (
        "month_year",
        _rx(
            rf"(?:\b(?P<mod>early|mid|late|(?:the\s+)?(?:beginning|start|end|middle)\s+of)[- ]?\s*)?"
            rf"\b(?P<mon>{_MONTH_NAMES})(?:,?\s+(?:of\s+)?(?P<y>{_YEAR}|'\d\d|{_SPELLED_YEAR}){_NOT_SPAN}"
            r"|\s+(?:of\s+)?(?P<yrel>this|last|next|that|the\s+same)\s+year)\b"
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
    # the 20th century, the nineteenth century, the 4th century BC
    (
        "century",
        _rx(
            r"\b(?:the\s+)?(?:(?P<mod>early|mid|late)[- ])?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century"
            # "the 4th century BC" (B.C., BCE)
            r"(?:\s+(?P<bc>BCE?\b|B\.C\.(?:E\.)?))?(?!\w)"
            r"|\b(?:the\s+)?(?P<w>nineteenth|twentieth|twenty-first|eighteenth)[- ]century\b"
            # "the turn of the century": about the year the century turned
            r"|\bthe\s+turn\s+of\s+the\s+(?P<turn>(?:(?P<tn>\d{2})(?:st|nd|rd|th)\s+)?century"
            r"|millennium)\b",
            CI,
        ),
    ),
    # summer 2013, this summer, last winter, the spring of 1998, the following spring
    (
        "season",
        _rx(
            rf"\b(?:(?P<rel>this\s+past|this\s+coming|the\s+(?:next|following|previous|preceding)"
            rf"|this|last|next|early|late|mid|the|that)\s+)?"
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
    # 490 BC, 146 B.C., AD 9: a year of an era (TIMEX3 writes a year before Christ BC0490),
    # with its month or season when it has one: "August 480 BC", "the spring of 480 BC"
    (
        "era_year",
        _rx(
            r"(?:\b(?P<mod>[Ee]arly|[Mm]id|[Ll]ate)[- ]\s*)?(?:\b(?:[Tt]he\s+)?"
            rf"(?:(?P<mon>{_MONTH_NAMES})|(?P<s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter))"
            r"(?:,?\s+of)?\s+)?"
            r"(?:(?<=\d[-–—])|(?<![\d$€£.,:/-]))\b(?P<y>\d{1,4})\s*(?P<bc>BCE?\b|B\.C\.(?:E\.)?)"
            # the first year of "499-493 BC", "from 264 to 241 BC", "496 and 495 BC": the era
            # written once after the last year is that of each
            r"|(?<![\d$€£.,:/-])\b(?P<y0>\d{1,4})(?=\s*(?:[-–—]|to\b|and\b|or\b|until\b)\s*"
            r"\d{1,4}\s*(?P<bc0>BCE?\b|B\.C\.))"
            r"|\b(?:AD|A\.D\.)\s*(?P<ad>\d{1,4})\b(?![.,:/-]?\d)"
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
            # "two to three weeks ago": a range, one expression
            rf"(?:(?P<n0>\d{{1,2}}|{_NUM_WORD})\s*(?:to|or|-|–)\s*)?"
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
    # two to three weeks, 12 to 18 months: a range of durations is one DURATION
    (
        "duration_range",
        _rx(
            rf"\b(?P<n1>\d+|{_NUM_WORD})\s*(?:to|or|-|–)\s*(?P<n2>\d+|{_NUM_WORD})[- ](?P<unit>{_UNIT})\b"
            r"(?!\s+(?:ago|earlier|later)\b|[- ](?:old|long)\b)",
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
