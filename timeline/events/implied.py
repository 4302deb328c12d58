"""The date a text implies for an event it does not date.

News dates its lead and tells the rest of the day in the past tense without
repeating the date: "Italian Prime Minister Romano Prodi flew into southern
Albania for talks with his Albanian counterpart" follows a lead that said
Wednesday. Event gold, like an analyst, dates such an event by the time the
narrative is at: its reference time. Here that is

- the day of the last dated event that occurred, in the event's paragraph (the
  story is on that day: "Talks opened on Saturday ... The envoys met the
  president");
- else the document's own date, when the document has one and reads as news
  (`is_news`: its dates lie near its date, not decades away as a history's),
  unless the paragraph before told of a time more than a week before it
  ("In August, ..."): then no date is guessed.

An event is dated so only when nothing else could date it and its own words
say it happened then:

- no time expression in its sentence (a date there belongs to that sentence);
- its clause in the simple past ("flew", "was killed"), not the perfect ("have
  captured more than half the country" is where things stand), nor a state
  ("ruled for 32 years": a duration says it lasted), nor inside a quotation;
- a deed with a participant or a place: not words (a demand, a verb of
  reporting: an undated "X said" is attribution, and a reaction quoted in the
  body of a story may have been given any day before it), nor `other`; but a
  statement that is itself the news, made by the named subject before its verb
  and saying something ("Sweden rejected the proposal"), is the story's deed;
- never a reference back to an event named before ("the meeting"): that joins
  its event (`merging`).

The event says so: its `dated_by` is "context", its `date_text` empty.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from timeline import timex
from timeline.events import is_back_reference
from timeline.events.predicates import VERB_POS
from timeline.events.tree import kids
from timeline.models import TimeExpression
from timeline.temporal.quotes import Quotes

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.events.lexicon import Entry
    from timeline.events.mentions import Item

__all__ = ["Narrative", "is_news", "may_be_implied"]

_PARAGRAPH = re.compile(r"\n[ \t]*\n")
# A dated event this many days before the document's date at most is its news.
NEAR_DAYS = 7
# Prepositions of a time still ahead of their verb's: "came before a meeting".
_AHEAD = frozenset({"before", "ahead", "until", "till", "pending"})
# Steps up from an event noun to the verb that carries it ("after talks in Rome" is
# three): a path that long is no clause of its own.
_UP = 6
# What a statement says: its object, its clause, the one it is addressed to.
_SAID = frozenset({"dobj", "ccomp", "xcomp", "prep", "dative"})
# What is said rather than done, and what is not known.
_WORDS = frozenset({"statement", "demand", "other"})


def is_news(timexes: Sequence[TimeExpression], document_date: date | None) -> bool:
    """Whether a document reads as news of its own date: it has one, and at least half
    of the days its dates name lie within a year of it (a history's lie decades away)."""
    if document_date is None:
        return False
    near = far = 0
    for tx in timexes:
        iv = timex.interval(tx.value) if tx.type in ("DATE", "TIME") and tx.resolved else None
        if iv is None:
            continue
        if abs(iv.first.year - document_date.year) <= 1:
            near += 1
        else:
            far += 1
    return near >= far


class Narrative:
    """The reference times of one document, read once."""

    def __init__(
        self,
        doc: Doc,
        timexes: Sequence[TimeExpression],
        anchor: date | None,
        news: bool,
    ) -> None:
        text = doc.text
        self.anchor = anchor if news else None
        self.paragraphs = [m.end() for m in _PARAGRAPH.finditer(text)]
        dates = sorted(
            tx.start for tx in timexes if tx.type in ("DATE", "TIME") and tx.start < len(text)
        )
        self.dates = dates
        lasting: set[int] = set()
        for tx in timexes:
            if tx.type == "DURATION":
                span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
                if span is not None:
                    lasting.update(range(span.start, span.end))
        self.lasting = frozenset(lasting)
        self.quotes = Quotes(text)
        self.dated: list[tuple[int, str]] = []  # (offset, day) of occurred dated events

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.paragraphs, offset)

    def note(self, dated: Sequence[Item]) -> None:
        """The dated events of the document: where the narrative reaches a day."""
        for it in dated:
            tx = it.timex
            if tx is None or not tx.resolved or it.status != "occurred":
                continue
            if timex.granularity(tx.value) in ("day", "time"):
                self.dated.append((it.token.idx, tx.value[:10]))
        self.dated.sort()

    def implied(self, it: Item) -> str | None:
        """The day the narrative implies for an undated event, if any (see the module)."""
        tok = it.token
        if it.timex is not None or it.back_reference or not _deed(it):
            return None
        if is_back_reference(tok):  # "the meeting", "their talks": an event named before
            return None
        sent = it.sentence
        lo = bisect_left(self.dates, sent.start_char)
        if lo < len(self.dates) and self.dates[lo] < sent.end_char:
            return None  # the sentence has a date of its own
        if self.quotes.quoted(tok.idx):
            return None
        if it.cls == "speech" and any(self.quotes.quoted(c.idx) for c in it.content):
            return None  # '"How can I fight them?" he asked' tags a quotation
        verb = it.clause if it.clause is not None else tok
        if not _simple_past(verb, self.lasting):
            return None
        at = bisect_left(self.dated, (tok.idx, ""))
        if at > 0:
            offset, day = self.dated[at - 1]
            gap = self.paragraph(tok.idx) - self.paragraph(offset)
            if gap == 0:
                return day
            if gap == 1 and not self._near(day):
                return None  # the paragraph before told of another time: not guessed
        if self.anchor is None:
            return None
        return self.anchor.isoformat()

    def _near(self, day: str) -> bool:
        """Whether a day lies within the week before the document's date (or after it)."""
        if self.anchor is None:
            return False
        return date.fromisoformat(day).toordinal() >= self.anchor.toordinal() - NEAR_DAYS


def may_be_implied(hit: Entry) -> bool:
    """Whether a word of this entry could be dated by its context at all: a verb of
    speech (a statement that may be a named speaker's deed), or no words (a verb of
    reporting, a demand) and a kind that is known. Read from the lexicon alone, before
    any walk of the tree (see `_deed`)."""
    if hit.main == "speech":
        return True
    return hit.main != "report" and (hit.type or "other") not in _WORDS


def _deed(it: Item) -> bool:
    if it.cls == "speech" and it.token.pos_ in VERB_POS:
        return _named_speaker(it)
    if it.cls in ("report", "speech") or it.kind in _WORDS or it.token.pos_ == "PROPN":
        # "said", a demand: words, whose day a reaction quoted later does not tell;
        # `other`: what it is is not known; a name ("Islamic Jihad (Holy War)")
        return False
    return bool(it.actors) or it.place is not None


def _named_speaker(it: Item) -> bool:
    """A statement told as done by whom it names, as its subject before the verb ("the
    Law Society criticised the move"): its day is the story's. Not a passive ("was
    accused"), not a subject after the verb ("..., insisted Netanyahu", which tags a
    quotation), not an anonymous one ("a diplomat voiced"), not in a relative clause
    ("an official who asked not to be named"), and saying something: a bare "Olmert
    asked" closes a quotation."""
    verb = it.token
    children = kids(verb)
    subjects = [c for c in children if c.dep_ in ("nsubj", "nsubjpass")]
    if len(subjects) != 1 or subjects[0].dep_ != "nsubj" or subjects[0].i > verb.i:
        return False
    if verb.dep_ == "relcl" or subjects[0].tag_ in ("WP", "WDT"):
        return False  # "an official who asked not to be named": a description
    if not any(c.dep_ in _SAID for c in children):
        return False
    if it.plover is None:
        return False  # what a deed it is none can say: "expressed its outrage"
    named = ("PERSON", "ORG", "GPE", "NORP")
    return any(a.role == "source" and a.label in named for a in it.actors)


def _tensed(verb: Token) -> Token:
    """The verb whose tense a bare participle takes: "Fino, speaking after a meeting
    with Prodi, said", "Speaking after talks in Moscow, the chancellor said" are told
    in the tense of "said"."""
    if verb.tag_ != "VBG" or any(c.dep_ in ("aux", "auxpass") for c in kids(verb)):
        return verb
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ in ("nsubj", "nsubjpass"):
        head = head.head  # a participle on the subject: its verb's time
    elif verb.dep_ != "advcl":
        return verb
    return head if head.pos_ in VERB_POS and head.i != verb.i else verb


def _simple_past(verb: Token, lasting: frozenset[int]) -> bool:
    """A verb in the simple past, active or passive ("flew", "was killed"), with no
    perfect ("have captured"), modal ("could meet") or duration ("ruled for 32 years";
    `lasting`: the tokens of durations)."""
    if verb.pos_ not in VERB_POS:
        # an event noun: the tense of the verb that carries it ("after talks in Rome"),
        # unless it lies ahead of that verb's time ("came before a meeting") or the
        # verb only says it is ("there was agreement")
        head, came = verb.head, verb
        for _ in range(_UP):
            if head.pos_ in VERB_POS or head.i == head.head.i:
                break
            if head.dep_ == "prep" and head.lower_ in _AHEAD:
                return False
            head, came = head.head, head
        if head.pos_ not in VERB_POS:
            return False
        if came.dep_ == "prep" and came.lower_ in _AHEAD:
            return False
        verb = head
    verb = _tensed(verb)
    if verb.lemma_.lower() == "be":
        return False  # the verb only says it is ("there was agreement"), whichever way reached
    children = kids(verb)
    auxiliaries = [c for c in children if c.dep_ in ("aux", "auxpass")]
    if verb.dep_ == "conj":  # "has clung to power and announced": the first verb's
        auxiliaries += [c for c in kids(verb.head) if c.dep_ in ("aux", "auxpass")]
    if any(c.lemma_.lower() == "have" or c.tag_ == "MD" for c in auxiliaries):
        return False
    if any(c.dep_ == "neg" for c in children):
        return False
    past = verb.tag_ == "VBD" or (
        verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in auxiliaries)
    )
    if not past:
        return False
    for child in children:  # "ruled for 32 years" (not "met for the second time")
        if child.dep_ == "prep" and child.lower_ in ("for", "throughout"):
            for pobj in kids(child):
                if pobj.dep_ == "pobj" and pobj.i in lasting:
                    return False
    return True
