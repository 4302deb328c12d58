"""Normalisers of durations, sets ("every week", "annually") and reference
points ("now", "the past", "soon").
"""

from __future__ import annotations

import re

from timeline.temporal.candidates import Candidate
from timeline.temporal.event_days import _counted_from, _event_after, _from_event
from timeline.temporal.reference import Context, _before, _narrative_base
from timeline.temporal.values import (
    Value,
    _add,
    _at,
    _at_least_month,
    _duration,
    _num,
    _unit_key,
    _unit_under,
)
from timeline.temporal.vocabulary import _NUM_WORD, MONTHS, SEASONS, VAGUE_NUMBERS, WEEKDAYS

# "the past" and friends are TimeML expressions only in some contexts.
_REF_NEEDS_PREP = re.compile(r"^the\s+(?:past|present|(?:near\s+|distant\s+)?future|\w+\s+term)$")


_REF_PREP_BEFORE = re.compile(r"\b(?:in|for|into|about|from|over|of)\s+$", re.IGNORECASE)


# "Now, he says..." opens a sentence as a discourse marker, not as a time.
_DISCOURSE_NOW = re.compile(r"(?:^|[.!?\"'`]\s*|\n\s*)$")


_NOW_TURNS = re.compile(r",|\s+for\b")


_MOST_BEFORE = re.compile(r"\bmost\s+$", re.IGNORECASE)


_DATE_AFTER = re.compile(r"\s+(?:last|this|in|on|at|during)\b", re.IGNORECASE)


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


def _h_duration_range(m: re.Match[str], c: Candidate, ctx: Context) -> Value | None:
    """ "two to three weeks": at least the shorter, as TimeBank writes it (P2W, EQUAL_OR_MORE)."""
    if m["n1"].lower() in ("a", "an") or m["n2"].lower() in ("a", "an"):
        return None
    low, high = _num(m["n1"]), _num(m["n2"])
    if low is None or high is None or not low < high:
        return None  # "one or two days" is a range; "10-2 days" is not
    return Value("DURATION", _duration(low, m["unit"]), mod="EQUAL_OR_MORE")


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
            return Value("DATE", _at_least_month(_counted_from(ctx, event[0])))
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
