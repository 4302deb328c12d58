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

One job a module:

- `vocabulary`: month, weekday, number and unit names, and the pattern fragments
  built of them; `holidays`: the holidays known and the day each falls on;
- `rules`: the patterns, one named rule each (a new pattern goes here, and its
  normaliser, of the same name, in `normalise._HANDLERS`);
- `candidates`: the spans the rules and spaCy's entities find;
- `tense`: the tense and aspect of the clause around a span;
- `reference`: what an expression counts from, and the narrative's state;
- `values`: TIMEX3 values and calendar arithmetic;
- normalisers by kind: `absolute` (calendar dates), `periods` (quarters and
  reporting periods), `relative` (deictic and anaphoric), `event_days` (days
  counted from a dated event), `durations` (durations, sets, "now");
- `normalise`: a candidate to its value; `extract`: the driver.
"""

from __future__ import annotations

from timeline.temporal.candidates import MAX_NER_CHARS, Candidate, find_candidates, rule_matches
from timeline.temporal.extract import extract, extract_counting_from
from timeline.temporal.normalise import resolve
from timeline.temporal.reference import Context, stand_in_anchor
from timeline.temporal.rules import PRIORITY, RULES
from timeline.temporal.tense import Tense, clause_tense, doc_text, timex_tense
from timeline.temporal.values import Value
from timeline.temporal.vocabulary import MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAYS

__all__ = [
    "MAX_NER_CHARS",
    "MONTHS",
    "PARTS_OF_DAY",
    "PRIORITY",
    "RULES",
    "SEASONS",
    "WEEKDAYS",
    "Candidate",
    "Context",
    "Tense",
    "Value",
    "clause_tense",
    "doc_text",
    "extract",
    "extract_counting_from",
    "find_candidates",
    "resolve",
    "rule_matches",
    "stand_in_anchor",
    "timex_tense",
]
