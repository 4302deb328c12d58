"""A mention of an event as the builder holds it before it becomes an `Event`, and
how a mention finds its sentence, its clause and its status."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline.events.lexicon import Entry
from timeline.events.predicates import VERB_POS, entry
from timeline.models import Actor, Place, Reported, Status, TimeExpression
from timeline.temporal import Tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


# A "sentence" longer than this many tokens (a list, a table, run-on text) is read
# only around the word in question, so that no document costs time quadratic in it.
MAX_SENTENCE = 150


@dataclass(slots=True)
class Item:
    """One mention of an event, dated or not, before it becomes an `Event`."""

    token: Token  # the word that names the event
    clause: Token | None  # the verb whose clause the event takes
    timex: TimeExpression | None
    hit: Entry | None
    sentence: SpacySpan
    reported: list[Reported] = field(default_factory=list)
    content: list[Token] = field(default_factory=list)  # what a statement says
    speaker: Token | None = None
    kind: str = "other"
    plover: str | None = None
    status: Status = "occurred"
    actors: list[Actor] = field(default_factory=list)
    place: Place | None = None
    summary: str = ""
    back_reference: bool = False
    dates_here: frozenset[str] = frozenset()  # a back reference's sentence's event dates
    implied: str | None = None  # the day the narrative implies, for an undated event
    # the word the date modifies when it is neither the event's nor its clause's
    # ("in a statement issued in Rome on Monday, praised"): where it is, the event is
    dated_at: Token | None = None
    merged: list[Item] = field(default_factory=list)

    @property
    def value(self) -> str | None:
        """The date the text gives, or the one it implies."""
        return self.timex.value if self.timex is not None else self.implied

    @property
    def cls(self) -> str:
        return self.hit.main if self.hit is not None else "event"


def sentence_index(doc: Doc) -> list[SpacySpan]:
    """The sentence of every token, computed once (Token.sent walks the doc each time)."""
    index: list[SpacySpan] = []
    for sent in doc.sents:
        index.extend([sent] * len(sent))
    return index


def around(sentence: SpacySpan, i: int) -> SpacySpan:
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    start = max(sentence.start, min(i - MAX_SENTENCE // 2, sentence.end - MAX_SENTENCE))
    return sentence.doc[start : start + MAX_SENTENCE]


# The dependencies through which a noun is carried by the verb above it.
_CARRIED_BY = frozenset(
    {"dobj", "obj", "pobj", "prep", "compound", "attr", "nsubj", "nsubjpass", "conj", "appos"}
)


def clause_of(tok: Token, pred: Token | None = None) -> Token | None:
    """The verb whose clause an event takes: its own, the light verb or verb of time
    that carries its noun ("held talks", "the talks began"), or the verb the noun is
    an argument of ("came before a meeting in Rome")."""
    if tok.pos_ in VERB_POS:
        return tok
    if pred is not None and pred.pos_ in VERB_POS:
        return pred
    t = tok
    for _ in range(4):
        if t.dep_ not in _CARRIED_BY:
            return None
        t = t.head
        if t.pos_ in VERB_POS:
            hit = entry(t)
            classes = hit.classes if hit is not None else frozenset()
            if (
                t.dep_ == "ROOT"
                or "light" in classes
                or "aspect" in classes
                or "stative" in classes
            ):
                return t
            return t if tok.dep_ in ("dobj", "nsubj", "nsubjpass") else None
    return None


def status_of(tx: TimeExpression | None, tense: Tense | None, anchor_ordinal: int) -> Status:
    """Planned when the date lies after the document's day, or its clause is future."""
    if tx is not None and tx.sort_key is not None and tx.sort_end is not None:
        if tx.sort_key > anchor_ordinal:
            return "planned"
        if tx.sort_end < anchor_ordinal:
            return "occurred"
    return "planned" if tense == "future" else "occurred"
