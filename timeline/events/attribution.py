"""Attribution: "X said", "told reporters", "according to", "media reported".

A verb of reporting around another event is not an event of its own: it
says who reported that event and when, which becomes the event's `reported`.
What it reports is its content: its clausal complement ("said [the ministers
will meet]"), or the main clause it was attached to ("[the ministers will
meet], an official said"). A speaker is anonymous when the text does not name
it ("an official", "sources close to the talks", "media", "Mandela's
spokesman"): such a report is attribution even when what it reports has no
date of its own. A named speaker whose words carry no dated event makes a
statement, which is an event (`statement`) whose summary says what was said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from timeline.events import predicates
from timeline.events.coreference import Coreference, is_pronoun
from timeline.events.lexicon import actor_class
from timeline.events.mentions import Item, clause_of
from timeline.events.predicates import SUBJECTS, VERB_POS, entry, event_of
from timeline.events.tree import kids
from timeline.models import Reported, Span
from timeline.temporal import clause_tense

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.events.summaries import Summarizer

CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Named outlets are still only the messenger: "the Xinhua news agency reported"
MEDIA = frozenset(
    {"agency", "newspaper", "paper", "daily", "weekly", "media", "press", "radio", "television",
     "broadcaster", "station", "website", "report", "tv"}
)  # fmt: skip


def speaker(verb: Token) -> Token | None:
    """Who reports: the subject of the verb, or the object of "according to"."""
    if verb.lower_ == "according":
        for prep in kids(verb):
            for pobj in kids(prep):
                if pobj.dep_ == "pobj":
                    return pobj
        return None
    for child in kids(verb):
        if child.dep_ in SUBJECTS:
            return child
    for child in kids(verb):
        if child.dep_ == "agent":  # "was quoted by the agency as saying"
            for pobj in kids(child):
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def anonymous(who: Token | None, coref: Coreference) -> bool:
    """Whether a speaker is left unnamed ("a senior official", "diplomats", "media")."""
    if who is None:
        return True
    if is_pronoun(who):
        return not coref.resolve(who)
    lemma = who.lemma_.lower()
    if lemma in MEDIA or any(c.lemma_.lower() in MEDIA for c in kids(who) if c.dep_ == "compound"):
        return True
    if who.ent_type_ in NAMED_LABELS:
        return False
    for child in kids(who):  # "spokesman Michael McCurry" with the name as apposition
        if child.dep_ in ("appos", "compound", "flat") and child.ent_type_ == "PERSON":
            return False
        # "the president's son Nzanga Mobutu", the name taken for an organisation
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ in NAMED_LABELS:
            return False
    if actor_class(lemma, "anonymous"):
        return True
    # a description without a name ("rebels", "Western officials") names nobody either,
    # unless it is a title coreference resolves ("the envoy")
    return who.pos_ == "NOUN" and not coref.resolve(who)


def affiliation(who: Token | None) -> bool:
    """Whether an unnamed speaker is still placed by the text: "a North Korean
    official", "State Department officials" speak for a country or a body."""
    if who is None or who.pos_ != "NOUN" or who.lemma_.lower() in MEDIA:
        return False
    return any(
        c.dep_ in ("amod", "compound", "poss", "nmod") and c.ent_type_ in NAMED_LABELS
        for c in kids(who)
    ) or any(
        p.dep_ == "prep"
        and p.lower_ == "from"
        and any(g.ent_type_ in NAMED_LABELS for g in kids(p))
        for p in kids(who)
    )


def content(verb: Token) -> list[Token]:
    """The heads of what a verb of reporting reports."""
    children = kids(verb)
    heads = [c for c in children if c.dep_ in CONTENT_DEPS and c.pos_ in VERB_POS]
    if heads:
        heads = [h for h in heads if not _of_the_object(h, children)]
    head = verb.head
    # "[The ministers will meet on Wednesday], a senior official said": the verb of
    # reporting hangs off the clause it reports, after it, set off by a comma or a
    # quote; not "the ministry said it had demanded" (what "said" reports) nor "it was
    # the last one, since the countries declared" (a clause of reason or time)
    if (
        verb.dep_ in ("parataxis", "ccomp", "advcl")
        and head.i < verb.i
        and head.pos_ in VERB_POS
        and verb.left_edge.i > 0
        and verb.doc[verb.left_edge.i - 1].is_punct
        and not any(c.dep_ == "mark" for c in children)
    ):
        heads.append(head)
    return heads


def _of_the_object(clause: Token, siblings: list[Token]) -> bool:
    """Whether a "that" clause the parser hung on the verb continues its object: "expressed
    its outrage at the US insistence that it will not stop ...": the insistence says it,
    not the speaker. An object that is somebody ("told reporters that") is addressed."""
    for obj in siblings:
        if obj.dep_ != "dobj" or obj.pos_ != "NOUN" or obj.i > clause.i:
            continue
        if actor_class(obj.lemma_.lower(), "anonymous") or actor_class(obj.lemma_.lower(), "group"):
            continue
        if obj.right_edge.i + 1 == clause.left_edge.i:
            return True
    return False


def within(tok: Token, heads: list[Token], stop: Token) -> bool:
    """Whether `tok` lies inside one of the clauses headed by `heads`: its path to the
    root meets one of them before it meets `stop` (the verb of reporting)."""
    wanted = {h.i for h in heads}
    t = tok
    for _ in range(16):
        if t.i in wanted:
            return True
        if t.i == stop.i or t.head.i == t.i:
            return False
        t = t.head
    return False


# Kinds of deed a speaker may report as done, the deed being the news (`_told_deed`).
_DEEDS = frozenset(
    {"agreement", "meeting", "talks", "visit", "phone_call", "negotiation", "military",
     "sanction", "legal", "election"}
)  # fmt: skip


class Attribution:
    """The pass over one document's event mentions that reads their reports: a dated
    event inside a report gets the report as its `reported`; an anonymous report
    gives its content's event; a deed a named speaker tells as done is the event; a
    named speaker's own words are a statement (`Item.content`, `Item.speaker`)."""

    def __init__(self, doc: Doc, coref: Coreference, summarizer: Summarizer) -> None:
        self.doc = doc
        self.coref = coref
        self.summarizer = summarizer

    def attribute(self, items: list[Item]) -> list[Item]:
        by_sentence: dict[int, list[Item]] = {}
        for it in items:
            by_sentence.setdefault(it.sentence.start, []).append(it)
        out: list[Item] = []
        absorbed: set[int] = set()
        for it in items:
            if it.cls not in ("report", "speech"):
                continue
            heads = content(it.token)
            who = speaker(it.token)
            inner = [
                o
                for o in by_sentence.get(it.sentence.start, ())
                if o is not it and o.timex is not None and within(o.token, heads, it.token)
            ]
            report = self._reported(it, who)
            for o in inner:
                o.reported.append(report)
            # a neutral telling ("announced", "confirmed") of a deed done, with no date
            # of its own: the deed is the news (a verb that judges is a statement)
            neutral = it.cls == "report" or (it.hit is not None and it.hit.plover is None)
            told = self._told_deed(heads, it) if neutral and not inner else None
            if told is not None and not anonymous(who, self.coref):
                absorbed.add(id(it))
                out.append(told)
                continue
            if it.cls == "speech":
                it.content, it.speaker = heads, who
                continue
            if inner:
                absorbed.add(id(it))  # attribution of a dated event
                continue
            if anonymous(who, self.coref) and not affiliation(who):
                absorbed.add(id(it))
                main = self._reported_event(heads, it)
                if main is not None:
                    out.append(main)
                continue
            it.content, it.speaker = heads, who
            # the words of a statement are the statement, not events of their own
            for o in by_sentence.get(it.sentence.start, ()):
                if o is not it and o.timex is None and within(o.token, heads, it.token):
                    absorbed.add(id(o))
        kept = [it for it in items if id(it) not in absorbed]
        return sorted([*kept, *out], key=lambda it: it.token.i)

    def _reported(self, it: Item, who: Token | None) -> Reported:
        by = None
        if who is not None:
            people = self.coref.resolve(who) if who.pos_ == "PRON" else []
            by = people[0].name if people else self.summarizer.phrase(who, 8, inside=False) or None
        tx = it.timex
        return Reported(
            by=by,
            date=tx.value if tx is not None and tx.resolved else None,
            date_text=tx.text if tx is not None else None,
            trigger=Span(it.token.text, it.token.idx, it.token.idx + len(it.token.text)),
        )

    def _reported_event(self, heads: list[Token], report: Item) -> Item | None:
        """The event an anonymous report carries: its content's main event, dated by
        the report when the content gives no date ("Kabila has agreed, sources said")."""
        for head in heads:
            tok = event_of(head)
            if tok is None or not predicates.asserted(tok):
                continue
            if any(c.tag_ == "MD" for c in kids(head)):
                # "the talks could collapse, diplomats said": what may come has no day,
                # and is not the report's
                continue
            hit = entry(tok)
            if hit is None or hit.main not in ("event", "speech"):
                continue
            item = Item(tok, clause_of(tok), report.timex, hit, report.sentence)
            item.reported.append(self._reported(report, speaker(report.token)))
            return item
        return None

    def _told_deed(self, heads: list[Token], report: Item) -> Item | None:
        """The deed a named speaker reports as done, which is the news rather than
        the telling ("Sahnoun announced that the two foes had agreed to meet": an
        agreement, announced by Sahnoun): a verb of a deed in a past or perfect tense,
        dated by the report. What is said to be coming or to be so ("said it would
        hold talks", "said it was ready") stays the speaker's statement."""
        if not heads or heads[0].pos_ not in VERB_POS:
            return None
        hit = entry(heads[0])
        if hit is None or hit.main != "event" or hit.type not in _DEEDS:
            return None
        head = heads[0]
        if any(c.tag_ == "MD" for c in kids(head)):
            return None  # "could be deployed": what may be, not what was done
        if clause_tense(self.doc, head.idx, head.idx + len(head.text)) != "past":
            return None
        told = self._reported_event(heads[:1], report)
        if told is not None:  # "announced in Cape Town that ...": there, if it says no place
            told.dated_at = report.token
        return told
