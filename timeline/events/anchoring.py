"""Anchoring: the predicate a date modifies in the parse.

A date belongs to the verb or event noun it modifies: "talks on Monday",
"met Mobutu Wednesday", "Monday's talks", "the Oct. 23 shooting", "will
embark Thursday and 600 others on Tuesday". From the date's head the walk goes
up the tree, through prepositions, conjunctions and the nouns that are not
events, to the first predicate; it never looks sideways at the nearest event
word, which is often another event. A path to the root is short, so each date
costs a few steps whatever the length of its sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline import work
from timeline.events.predicates import (
    NOUN_POS,
    VERB_POS,
    entry,
    event_of,
    eventive_noun,
    is_event_word,
)
from timeline.events.tree import kids

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

MAX_STEPS = 12  # no parse is deeper on the way from a date to its predicate

# "the eve of the summit", "the day after the talks": the event a date counts from
COUNTED_FROM = frozenset({"before", "after", "following", "preceding", "since", "until"})


def counted_from(head: Token) -> set[int]:
    """The tokens of the event a date is counted from, if it is counted from one."""
    out: set[int] = set()
    for prep in kids(head):
        if prep.dep_ == "prep" and (
            prep.lower_ in COUNTED_FROM or (prep.lower_ == "of" and head.lower_ in ("eve", "day"))
        ):
            for pobj in kids(prep):
                out.add(pobj.i)
                out.update(c.i for c in kids(pobj) if c.dep_ in ("compound", "amod", "conj"))
    return out


def _when_clause(root: Token) -> Token | None:
    """ "in 2014, when it invaded its neighbour": the clause that says what happened then.
    The parser may hang "when" on a second verb of the clause ("since 1974 when troops
    invaded and occupied ..."): the clause is still its first verb's."""
    for child in kids(root):
        if child.dep_ == "relcl" and child.pos_ in VERB_POS:
            verbs = [child, *(c for c in kids(child) if c.dep_ == "conj" and c.pos_ in VERB_POS)]
            if any(c.lower_ == "when" and c.dep_ == "advmod" for v in verbs for c in kids(v)):
                return child
    return None


def predicate(span: SpacySpan) -> Token | None:
    """The first predicate above a date span: a verb, or a noun that names an event."""
    root = span.root
    when = _when_clause(root)
    if when is not None and is_event_word(when):
        return when
    inside = range(span.start, span.end)
    skip = counted_from(root)
    # "the Oct. 23 shooting", "Monday's talks": the date modifies a noun right after it
    t = root
    for step in range(MAX_STEPS):
        work.charge()
        head = t.head
        if head.i == t.i:
            return head if head.i not in inside and head.pos_ in VERB_POS else None
        via = t.dep_
        t = head
        if t.i in inside or t.i in skip:
            continue
        if t.pos_ in VERB_POS or t.lemma_ == "due":
            return t
        if t.pos_ in NOUN_POS:
            if is_event_word(t):
                return t
            # "the purchase yesterday", "Friday's trading": a noun made from a verb
            # that the date modifies itself
            direct = (step == 0 and via in ("poss", "compound", "nmod", "npadvmod", "amod")) or (
                step == 1 and via == "prep"
            )
            if direct and eventive_noun(t):
                return t
            if step == 0 and via in ("compound", "amod", "nmod", "nummod", "poss"):
                # "the 1994 constitution", "the 1987 level": the date says which thing,
                # it dates no event
                return None
            # "a launch date of April 12", "the election day": the event that names the noun
            for child in kids(t):
                if child.dep_ == "compound" and child.i not in inside and is_event_word(child):
                    return child
    return None


def _counter_head(tok: Token) -> Token | None:
    """The verb such as "avoid" whose object a noun is ("to avoid war in Ukraine")."""
    if tok.pos_ in NOUN_POS and tok.dep_ in ("dobj", "obj", "pobj"):
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        hit = entry(head)
        if hit is not None and "counter" in hit.classes:
            return head
    return None


def event(span: SpacySpan) -> tuple[Token, Token] | None:
    """The event a date span dates, and the predicate it modifies (they differ for a
    verb of time or a light verb: "the session follows on Wednesday")."""
    pred = predicate(span)
    if pred is None:
        return None
    hit = entry(pred)
    counter = pred if hit is not None and "counter" in hit.classes else _counter_head(pred)
    if counter is not None and counter.dep_ in ("advcl", "xcomp") and counter.head.pos_ in VERB_POS:
        # "talks on Monday to avoid war in Ukraine on Monday": a date is rarely the date
        # of what is avoided; the parser hangs it there, it dates the main clause
        pred = counter.head
    ev = event_of(pred) if pred.pos_ in VERB_POS or pred.lemma_ == "due" else pred
    if ev is not None and ev.pos_ in NOUN_POS and ev.dep_ == "pobj":
        # "told reporters at a news conference on Friday that ...": the statement is
        # what was said at it
        verb = ev.head.head
        hit = entry(ev)
        said = entry(verb) if verb.pos_ in VERB_POS else None
        if (
            hit is not None
            and hit.type == "statement"
            and said is not None
            and said.main in ("report", "speech")
        ):
            ev = verb
    if ev is None:
        # a state or an empty verb: "relations have been tense since 2014"
        return None
    if entry(ev) is None and ev.pos_ not in VERB_POS and not eventive_noun(ev):
        return None
    return ev, pred
