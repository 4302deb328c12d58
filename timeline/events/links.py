"""Time links: the predicate every date of a document dates, as TimeML links them.

A timeline keeps only the events an analyst follows (talks, visits, attacks);
TimeML links every date to the event it anchors, whatever that event is: "shares
rose on Friday", "reported a loss for the quarter". Each DATE or TIME expression
gets the predicate it modifies in the parse (`anchoring`): the event it dates
when the lexicon knows one there ("held talks on Monday" dates the talks), else
the verb or event noun the walk up the tree reaches, with a support verb giving
way to its complement as TimeML's guidelines annotate it ("had a loss in the
quarter", "was worth $10 million in October": the loss, the worth). A date that
dates a timeline event dates the word of that event it dates (its mention's trigger).

The link is kept on the expression (`TimeExpression.dates`, a `Span` whose label
is the TimeML event class: REPORTING for a verb of reporting, else OCCURRENCE);
the TimeML export writes it as an EVENT with its TLINK, and `timeline eval`
scores it against the event-time TLINKs of TimeML gold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline.events import anchoring
from timeline.events.lexicon import timeml_class
from timeline.events.predicates import OBJECTS, VERB_POS, entry
from timeline.events.tree import kids
from timeline.models import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.models import Event, TimeExpression

__all__ = ["SUPPORT_VERBS", "with_links"]

# Verbs that carry the event their complement names (TimeML annotates "a loss" in
# "had a loss", "worth" in "was worth"): the date dates the complement.
SUPPORT_VERBS = frozenset({"be", "have"})
_COMPLEMENTS = frozenset({"dobj", "attr", "acomp"})
_COMPLEMENT_POS = frozenset({"NOUN", "PROPN", "ADJ"})
DATED_TYPES = frozenset({"DATE", "TIME"})


def _supported(pred: Token) -> Token:
    if pred.pos_ in VERB_POS and pred.lemma_.lower() in SUPPORT_VERBS:
        for child in kids(pred):
            if child.dep_ in _COMPLEMENTS and child.pos_ in _COMPLEMENT_POS:
                return child
    return pred


def _support_verb(doc: Doc, trigger: Span) -> bool:
    span = doc.char_span(trigger.start, trigger.end, alignment_mode="expand")
    return span is not None and _supported(span.root).i != span.root.i


def _clause_of_object(date: Token, pred: Token) -> Token:
    """A bare date the parser hangs on a verb's object dates the verb: "signed a
    cooperation plan Friday", "found 600 kilos of explosives Sunday"."""
    if (
        date.dep_ == "npadvmod"
        and date.head.i == pred.i
        and pred.pos_ in ("NOUN", "PROPN")
        and pred.dep_ in OBJECTS
        and pred.head.pos_ in VERB_POS
    ):
        return pred.head
    return pred


def _event_class(tok: Token) -> str:
    hit = entry(tok)
    return "REPORTING" if hit is not None and hit.main == "report" else "OCCURRENCE"


def _link(doc: Doc, tx: TimeExpression) -> Span | None:
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return None
    found = anchoring.event(span)
    pred = found[0] if found is not None else anchoring.predicate(span)
    if pred is None:
        return None
    pred = _supported(_clause_of_object(span.root, pred))
    return Span(pred.text, pred.idx, pred.idx + len(pred.text), _event_class(pred))


def with_links(
    doc: Doc, timexes: Sequence[TimeExpression], events: Sequence[Event]
) -> tuple[TimeExpression, ...]:
    """The expressions, each DATE or TIME one with the predicate it dates (`dates`)."""
    by_event: dict[int, Span] = {}
    for event in events:
        label = timeml_class(event.type)
        # each date of the event dates the word it dates there ("as it did in 2014":
        # "did"'s event, not the "invaded" of another sentence)
        words = [(m.start, m.trigger) for m in event.mentions if m.trigger is not None]
        if event.timex is not None:
            words.append((event.timex.start, event.trigger))
        for start, trigger in words:
            if start in by_event or _support_verb(doc, trigger):
                continue  # a support verb's event is its complement's ("had a loss")
            by_event[start] = replace(trigger, label=label)
    out: list[TimeExpression] = []
    for tx in timexes:
        if tx.type not in DATED_TYPES:
            out.append(tx)
            continue
        dated = by_event.get(tx.start) or _link(doc, tx)
        out.append(replace(tx, dates=dated) if dated is not None else tx)
    return tuple(out)
