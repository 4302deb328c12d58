"""PLOVER coding beyond the word: what a commitment, an obligation or a statement
is in PLOVER's terms, and when a journey is a deployment.

PLOVER codes what an actor commits to, not the verb that says it: "will give a
grant" and "is willing to withdraw" are AGREE, "would blockade" and "will boycott
unless" THREATEN, "must return" REQUEST, "will not" REJECT; "said it was
sending troops" is what was sent. These are the codebook's conventions, kept
here apart from the lexicon of words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline.events.lexicon import actor_class
from timeline.events.predicates import OBJECTS, entry, event_of
from timeline.events.tree import RELATIVE, antecedent, kids

if TYPE_CHECKING:
    from spacy.tokens import Token


# Modal verbs of a commitment, and of an obligation, in reported words
WILL = frozenset({"will", "would", "shall", "'ll"})
MUST = frozenset({"must", "should", "ought"})
# PLOVER types of cooperation, which a commitment to them agrees to, and of force,
# which a commitment to it threatens (PLOVER codes "will withdraw" as AGREE and
# "will attack" as THREATEN; an announced sanction stays a SANCTION)
COOPERATIVE = frozenset(
    {"CONSULT", "AID", "RETREAT", "CONCEDE", "COOPERATE", "SUPPORT", "AGREE", None}
)
FORCEFUL = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "THREATEN"})
WILLING = frozenset({"willing", "ready", "prepared", "determined"})

# Verbs climbed to find whose subject a bare infinitive or conjunct takes.
_UP_TO_SUBJECT = 3


def commitment_plover(verb: Token, plover: str | None) -> str | None:
    """The PLOVER type of a verb said as a commitment or an obligation: "will give a
    grant" and "is willing to withdraw" agree, "would blockade" and "will boycott
    unless" threaten, "must return" requests, "will not" rejects; None when the
    verb is none of these (its own type then stands)."""
    aux = {c.lower_ for c in kids(verb) if c.dep_ == "aux"}
    neg = any(c.dep_ == "neg" for c in kids(verb))
    willing = verb.lemma_ in WILLING or any(
        c.dep_ == "acomp" and c.lemma_ in WILLING for c in kids(verb)
    )
    unless = any(
        c.dep_ == "advcl" and any(m.lower_ == "unless" for m in kids(c)) for c in kids(verb)
    )
    if aux & MUST:
        return "REQUEST"
    if not (aux & WILL or willing):
        return plover
    if neg:
        return "REJECT"
    if unless or plover in FORCEFUL:
        return "THREATEN"
    if plover in COOPERATIVE:
        return "AGREE"
    return plover


def military_subject(verb: Token) -> bool:
    """Whether who goes is an army ("French troops left Toulon"): a deployment. A verb
    without a subject of its own goes with its governing verb's ("the troops are
    expected to arrive", "the force landed and moved on")."""
    up = verb
    for _ in range(_UP_TO_SUBJECT):
        subjects = [c for c in kids(up) if c.dep_ in ("nsubj", "nsubjpass")]
        if up.dep_ == "relcl" and any(s.lower_ in RELATIVE for s in subjects):
            subjects = [antecedent(up)]  # "French troops who arrived in Durres"
        if subjects:
            return any(_military(s) for s in subjects)
        if up.dep_ not in ("xcomp", "conj") or up.head.i == up.i:
            return False
        up = up.head
    return False


def _military(subject: Token) -> bool:
    words = [subject, *(c for c in kids(subject) if c.dep_ in ("compound", "prep"))]
    words += [g for c in words if c.dep_ == "prep" for g in kids(c)]
    return any(actor_class(w.lemma_.lower(), "military") for w in words)


def content_plover(verb: Token, content: Sequence[Token]) -> str | None:
    """The PLOVER type of what was stated ("said it will withdraw"): the type a
    commitment or an obligation in it gives (`commitment_plover`), else the type
    of the event stated, or of the event a statement announces ("announced a
    suspension of air links")."""
    for head in content:
        inner = entry(event_of(head) or head)
        found = commitment_plover(head, inner.plover if inner is not None else None)
        if found is not None:
            return found
    for child in kids(verb):
        if child.dep_ in OBJECTS:
            hit = entry(child)
            if hit is not None and hit.plover is not None:
                return hit.plover
    return None


# What a meeting is held for that names the event better: "will meet Friday for talks"
PURPOSE_TYPES = frozenset({"talks", "negotiation"})


def purpose_kind(verb: Token) -> str | None:
    """The type of what a verb of meeting is for, when that is talks or a negotiation:
    "Mobutu will meet Kabila on Friday for face-to-face talks" is the talks."""
    for prep in kids(verb):
        if prep.dep_ == "prep" and prep.lower_ == "for":
            for pobj in kids(prep):
                hit = entry(pobj) if pobj.dep_ == "pobj" else None
                if hit is not None and hit.type in PURPOSE_TYPES:
                    return hit.type
    return None
