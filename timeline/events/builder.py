"""The events of one document: from dated predicates to Event records.

1. Each date finds the predicate it modifies (`anchoring`), and through it the
   event that predicate names; a date that modifies a state or a verb that
   names nothing dates no event. Negated, conditional and counterfactual
   events are dropped (`predicates.asserted`).
2. A verb of reporting is resolved (`attribution.Attribution`): around a dated
   event it becomes that event's `reported`; an anonymous speaker's undated
   words give their content's event the date of the report, and so does a deed
   a named speaker tells as done; a named speaker whose words carry no dated
   event makes a statement.
3. Each event gets its participants (`participants`), its place (`places`),
   its status, its PLOVER type and its summary (`summaries`).
4. Mentions of one event are merged (`merging`); what the rest of the document
   says gives an event the place and parties its clause does not
   (`elsewhere`: the dateline, a participant's whereabouts, the deed its clause
   modifies, back references such as "the Geneva meeting").

5. An event the text does not date takes the date the text implies, the day
   its narrative is at, when it is a deed told in the simple past (`implied`).

With `undated`, the events neither dates are kept too (date null), as event
coders code every sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from timeline import gazetteer, timex
from timeline.anchor import dateline_end
from timeline.events import anchoring, coding, elsewhere, merging, places, predicates
from timeline.events.attribution import Attribution
from timeline.events.coreference import Coreference, Person
from timeline.events.implied import Narrative, is_news, may_be_implied
from timeline.events.lexicon import CONSULT_TYPES, TYPE_LABELS
from timeline.events.mentions import Item, around, clause_of, sentence_index, status_of
from timeline.events.participants import Participants, with_states
from timeline.events.predicates import NOUN_POS, OBJECTS, SUBJECTS, VERB_POS, entry, event_of
from timeline.events.spans import complete_names
from timeline.events.summaries import Summarizer, capitalised, with_place
from timeline.events.tree import conjuncts, kids
from timeline.models import Actor, Event, Mention, Place, Reported, Span, TimeExpression
from timeline.temporal import clause_tense, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan


def _is_event_date(tx: TimeExpression) -> bool:
    return tx.type in ("DATE", "TIME") and tx.sort_key is not None


# The kinds of actor a statement is taken to be about when its words name them.
_SPOKEN_OF = frozenset({"GPE", "NORP", "PERSON"})


def _said_clauses(heads: Sequence[Token]) -> list[Token]:
    """The verbs of what is said, with the ones its complements go on to, two
    complements deep ("said he was prepared to meet Clerides": was, meet)."""
    out: list[Token] = []
    level = [h for h in heads if h.pos_ in VERB_POS]
    for _ in range(3):
        out.extend(level)
        nxt: list[Token] = []
        for verb in level:
            for c in kids(verb):
                if c.dep_ == "xcomp" and c.pos_ in VERB_POS:
                    nxt.append(c)
                elif c.dep_ == "acomp":  # "was prepared [to meet]"
                    nxt.extend(g for g in kids(c) if g.dep_ == "xcomp" and g.pos_ in VERB_POS)
        level = nxt
    return out


class Builder:
    """Builds the events of one parsed document."""

    def __init__(
        self,
        doc: Doc,
        timexes: Sequence[TimeExpression],
        anchor: date,
        undated: bool = False,
        document_date: date | None = None,
    ) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.timexes = timexes
        self.narrative = Narrative(doc, timexes, document_date, is_news(timexes, document_date))
        self.words: set[int] = set()  # undated words of speech, not events here
        self.anchor_ordinal = anchor.toordinal()
        self.undated = undated
        self.sentences = sentence_index(doc)
        complete_names(doc)
        self.coref = Coreference(doc)
        self.participants = Participants(self.coref)
        self.skip = self._time_tokens()
        # where a time expression's words begin: no party or place is named there
        # ("called Monday", "prices rose in March", March being a town too)
        self._time_starts = frozenset(doc[i].idx for i in self.skip)
        self.summarizer = Summarizer(self.skip, self._name_of)
        self.attribution = Attribution(doc, self.coref, self.summarizer)
        self.here = elsewhere.dateline_place(self.text)
        self._described: dict[
            tuple[int, int, int, bool, str], tuple[tuple[Actor, ...], Place | None, str]
        ] = {}

    def _time_tokens(self) -> set[int]:
        out: set[int] = set()
        for tx in self.timexes:
            if tx.type == "DURATION":  # "held eight hours of talks" says what was held
                continue
            span = self.doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is not None:
                out.update(range(span.start, span.end))
        return out

    def _name_of(self, tok: Token) -> str | None:
        people = self.coref.resolve(tok)
        if people:
            return " and ".join(p.name for p in people)
        referent = self.coref.referent(tok)  # "it", "they": the phrase they stand for
        return self.summarizer.phrase(referent, 6) if referent is not None else None

    # --- 1. dated predicates
    def dated(self) -> list[Item]:
        filed = dateline_end(self.text)
        items: list[Item] = []
        for tx in self.timexes:
            if not _is_event_date(tx) or tx.end <= filed:
                continue
            span = self.doc.char_span(tx.start, tx.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            found = anchoring.event(span)
            if found is None:
                continue
            tok, pred = found
            # "as it did in 2014" asserts the event "did" repeats, whatever said it first
            said = pred if predicates.is_proform(pred) else tok
            if not predicates.asserted(said) and not predicates.last_time(pred, span.root):
                continue
            sentence = around(self.sentences[tok.i], tok.i)
            clause = clause_of(tok, pred)
            item = Item(tok, clause, tx, entry(tok), sentence)
            if pred.i != tok.i and (clause is None or pred.i != clause.i):
                item.dated_at = pred
            items.append(item)
        return items + self._shared_dates(items)

    def _shared_dates(self, items: list[Item]) -> list[Item]:
        """Verbs joined to a dated verb share its date when they have none of their own:
        "82 were killed and 1,700 injured on Friday", "met the envoy and signed the
        accord on Tuesday" (a mention each; one event when they are of one kind)."""
        dated = {it.token.i for it in items} | {
            it.clause.i for it in items if it.clause is not None
        }
        out: list[Item] = []
        for it in items:
            tok = it.clause if it.clause is not None else it.token
            if tok.pos_ not in VERB_POS:
                continue
            for other in conjuncts(tok):
                if other.i in dated or other.pos_ not in VERB_POS:
                    continue
                if any(c.dep_ in SUBJECTS for c in kids(other)) and other.i > tok.i:
                    continue  # a clause of its own ("..., and the rebels retreated")
                if other.morph.get("Tense", []) != tok.morph.get("Tense", []):
                    continue  # "invaded in 2014 and continues to occupy": not in 2014
                ev = event_of(other)
                if ev is None or not predicates.asserted(ev):
                    continue
                dated.add(other.i)
                out.append(Item(ev, clause_of(ev, other), it.timex, entry(ev), it.sentence))
        return out

    def undated_items(self, dated: list[Item]) -> list[Item]:
        """Events the text does not date: each asserted event word not dated. Without
        `undated`, only those the text may imply the date of (`implied`): words of
        speech are only noted (`self.words`), for what they govern."""
        taken = {it.token.i for it in dated}
        items: list[Item] = []
        for sent in self.doc.sents:
            for tok in sent:
                if tok.i in taken or tok.i in self.skip:
                    continue
                if tok.pos_ not in VERB_POS and tok.pos_ not in NOUN_POS:
                    continue
                hit = entry(tok)
                if hit is None or hit.main not in ("event", "speech", "report"):
                    continue
                if tok.pos_ in NOUN_POS and tok.dep_ in ("compound",):
                    continue
                if event_of(tok) is not tok and event_of(tok) is not None:
                    continue
                if not self.undated and not may_be_implied(hit):
                    if hit.main != "report":  # attribution governs nothing ("said after talks")
                        self.words.add(tok.i)  # "announced a suspension": not dated, yet governs
                    continue
                if not predicates.asserted(tok):
                    continue
                taken.add(tok.i)
                items.append(Item(tok, clause_of(tok), None, hit, around(sent, tok.i)))
        return items

    # --- 3. what, who, where, status, summary
    def describe(self, it: Item) -> None:
        tok = it.token
        hit = it.hit
        it.kind = (hit.type if hit is not None else None) or "other"
        it.plover = hit.plover if hit is not None else None
        if it.kind == "visit" and coding.military_subject(
            it.clause if it.clause is not None else it.token
        ):
            # "French troops left Toulon", "the advance party arrived": a deployment
            it.kind, it.plover = "military", "MOBILIZE"
        if it.kind == "meeting" and tok.pos_ in VERB_POS:
            it.kind = coding.purpose_kind(tok) or it.kind  # "will meet for talks"
        if it.cls == "report" or (it.cls == "speech" and it.plover is None):
            it.plover = coding.content_plover(it.token, it.content) or it.plover
        elif it.clause is not None and it.clause.pos_ in VERB_POS:
            # a meeting set for a day is on a schedule, not a promise
            scheduled = it.plover == "CONSULT" and it.timex is not None
            if not scheduled:
                it.plover = coding.commitment_plover(it.clause, it.plover)
        clause = it.clause
        tense = clause_tense(self.doc, tok.idx, tok.idx + len(tok.text))
        if tense is None and it.timex is not None:
            tense = clause_tense(self.doc, it.timex.start, it.timex.end)
        it.status = status_of(it.timex, tense, self.anchor_ordinal)
        # What a word's clause says of its event is the same for every date it has:
        # read once ("on Monday, on Tuesday, ... the minister said": one reading)
        at = it.dated_at.i if it.dated_at is not None else -1
        key = (tok.i, clause.i if clause is not None else -1, at, it.speaker is not None, it.status)
        known = self._described.get(key)
        if known is not None:
            it.actors, it.place, it.summary = list(known[0]), known[1], known[2]
            return
        it.actors = self.participants.of_event(tok, clause)
        if it.speaker is not None and not any(a.role == "source" for a in it.actors):
            it.actors = [*self.participants.from_phrase(it.speaker, "source"), *it.actors]
        it.actors = [a for a in it.actors if a.start not in self._time_starts]
        if it.kind == "statement":
            it.actors = [*it.actors, *self._voices(it.actors)]
        if it.kind in ("statement", "demand"):  # "demanded that the US cancel plans"
            it.actors = [*it.actors, *self._spoken_of(it)]
        # a date is never a place ("in March": not the English town)
        it.place = self._not_a_date(places.location(tok, clause, it.kind, self.here))
        if it.place is None and it.dated_at is not None:
            it.place = self._not_a_date(places.beside(it.dated_at, it.kind, self.here))
        if it.place is None:
            it.place = self._not_a_date(elsewhere.governing_place(it, self.here))
        if it.place is not None:
            it.actors = [a for a in it.actors if a.start != it.place.start]
        else:  # "Norway will hold elections": in Norway, which stays a party
            it.place = places.home_of(self.doc, it.actors, it.kind)
        self.coref.note_participants(
            tok.idx,
            [
                Person(a.name, a.label, a.country)
                for a in it.actors
                if a.label in ("PERSON", "GPE", "ORG")
            ],
        )
        it.summary = self._summary(it)
        self._described[key] = (tuple(it.actors), it.place, it.summary)

    def _voices(self, actors: list[Actor]) -> list[Actor]:
        """The spokesperson of a body that makes a statement, when the document names
        one ("the State Department said": "spokesman Nicholas Burns")."""
        if any(a.label == "PERSON" and a.role == "source" for a in actors):
            return []
        out: list[Actor] = []
        for a in actors:
            speaks = a.role == "source" and a.label == "ORG"
            found = self.coref.voice_of(a.name) if speaks else None
            if found is not None:
                person, start, end = found
                out.append(
                    Actor(person.name, self.doc.text[start:end], start, end, "PERSON", "source",
                          person.country or a.country)
                )  # fmt: skip
        return out

    def _spoken_of(self, it: Item) -> list[Actor]:
        """The parties of what a statement says ("the State Department said the United
        States will give aid to North Korea": the United States and North Korea), as
        its targets: whom the statement is about."""
        out: list[Actor] = []
        for head in _said_clauses(it.content[:1]):
            for a in self.participants.of_event(head, head):
                # states and people it speaks of (a state the recogniser took for an
                # organisation too); an organisation named in what is said is as often
                # its subject matter (a company, its products) as a party: SemEval's
                # entity timelines lost 0.5 F1 counting them
                if a.label in _SPOKEN_OF or gazetteer.country(a.name, metonyms=False):
                    out.append(replace(a, role="target"))
        return out

    def _not_a_date(self, place: Place | None) -> Place | None:
        return None if place is None or place.start in self._time_starts else place

    def _summary(self, it: Item) -> str:
        tok = it.token
        planned = it.status == "planned"
        s = self.summarizer
        s.place = self._token_at(it.place.start) if it.place is not None else None
        s.speaker = None
        if it.content and it.cls in ("report", "speech"):
            who = s.phrase(it.speaker) if it.speaker is not None else ""
            if it.speaker is not None:
                s.speaker = self._name_of(it.speaker) or who
            verb = s.verb_group(tok, planned=False, as_written=False)
            head = it.content[0]
            if head.dep_ == "xcomp":
                # "urged Mobutu and Kabila to hold talks", "promised to support the bill":
                # whom the verb addresses, then what it asks or promises
                said = s.addressee(tok) + " " + s.infinitive(head)
            else:
                said = s.clause(head, planned, as_written=True)
            text = " ".join(p for p in (who, verb, said) if p.strip())
        elif (
            tok.pos_ in VERB_POS
            and tok.dep_ in ("acl", "relcl")
            and not any(c.dep_ in SUBJECTS for c in kids(tok))
        ):
            if _active_infinitive(tok):
                # "the side's decision to suspend flights": the noun, and what it is to do
                text = s.purposed(tok)
            else:
                # "the peace talks announced on Wednesday": what the participle describes
                text = f"{s.phrase(tok.head, 8)} {tok.text}"
        elif tok.pos_ in VERB_POS and not _nominal_gerund(tok):
            text = s.clause(tok, planned)
        elif it.clause is not None and _in_object(tok, it.clause):
            # "held eight hours of talks", "will continue diplomatic rounds"
            text = s.clause(it.clause, planned)
        else:
            text = s.noun_event(tok)
        if not text or len(text.split()) < 2:
            named = [a.name for a in it.actors if a.label != "NORP"]
            label = TYPE_LABELS[it.kind]
            word = text or label
            if it.kind in CONSULT_TYPES and len(named) >= 2:
                text = f"{word} between {named[0]} and {named[1]}"
            elif named:
                text = f"{named[0]} {word}" if tok.pos_ in VERB_POS else f"{word} by {named[0]}"
            else:
                text = word
        if it.place is not None:
            text = with_place(text, it.place.name, it.place.target)
        return capitalised(text)

    def _token_at(self, char: int) -> int | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else None

    def build(self, document_id: str) -> list[Event]:
        dated = self.dated()
        items = sorted(dated + self.undated_items(dated), key=lambda it: it.token.i)
        items = self.attribution.attribute(items)
        # an undated event word inside another event's argument or complement is
        # part of that event ("announced a suspension of air links", "urged X to
        # support Y"): one event a clause, as event coders code a sentence
        taken = {it.token.i for it in items} | self.words
        items = [it for it in items if it.timex is not None or not _governed(it.token, taken)]
        for it in items:
            self.describe(it)
        items = [it for it in items if _worth_keeping(it)]
        elsewhere.whereabouts(items)
        self.narrative.note([it for it in items if it.timex is not None])
        for it in items:
            it.implied = self.narrative.implied(it)
        if not self.undated:  # what neither the text nor the narrative dates
            items = [it for it in items if it.value is not None]
        dated_items = [it for it in items if it.value is not None]
        events = merging.merge(
            dated_items,
            elsewhere.back_references(self.doc, self.sentences, self.participants, dated_items),
        )
        undated_events = [it for it in items if it.value is None]
        return [
            self._event(document_id, k, head)
            for k, head in enumerate(sorted([*events, *undated_events], key=lambda it: it.token.i))
        ]

    def _event(self, document_id: str, k: int, head: Item) -> Event:
        group = [head, *head.merged]
        tx = head.timex
        located = sorted(group, key=lambda m: (m.back_reference, m.kind == "other"))
        place = next((m.place for m in located if m.place is not None), None)
        actors = merging.dedupe_actors(with_states(a for m in group for a in m.actors))
        if place is not None:
            # places are never parties, but a state doing at home what it does is both
            actors = tuple(
                a
                for a in actors
                if (a.start != place.start and a.name != place.name)
                or places.home_of(self.doc, [a], head.kind) == place
            )
        best = next(
            (
                m
                for m in group
                if m.timex is not None and m.place is not None and not m.back_reference
            ),
            head,
        )
        summary = best.summary
        if place is not None and best.place is None:
            summary = with_place(summary, place.name, place.target)
        sent_start, sent_end = _trimmed(best.sentence)
        trigger = best.token
        reported = tuple(r for m in group for r in m.reported)
        value = tx.value if tx is not None and tx.resolved else head.implied
        days = timex.sort_range(head.implied) if tx is None else None
        return Event(
            id=f"{document_id}:e{k + 1}",
            document=document_id,
            date=value,
            date_text=tx.text if tx is not None else "",
            granularity=timex.granularity(value) if value is not None else None,
            dated_by="text" if tx is not None else "context" if head.implied else None,
            type=head.kind,
            status=head.status,
            summary=summary,
            trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
            location=place,
            actors=actors,
            sentence=self.text[sent_start:sent_end],
            start=sent_start,
            end=sent_end,
            timex=tx,
            mentions=tuple(
                Mention(m.timex.start, m.timex.end, m.timex.text, _span(m.token))
                if m.timex is not None
                else Mention(m.token.idx, m.token.idx + len(m.token.text), m.token.text)
                for m in group
            ),
            plover=head.plover,
            reported=_unique(reported),
            sort_key=tx.sort_key if tx is not None else days[0] if days else None,
            sort_end=tx.sort_end if tx is not None else days[1] if days else None,
        )


# The dependencies through which a word is part of the event above it.
_PART_OF = frozenset(
    {"dobj", "obj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "poss", "xcomp",
     "advcl", "acl", "relcl", "amod", "npadvmod", "ccomp", "pcomp", "agent", "dative", "oprd"}
)  # fmt: skip


def _governed(tok: Token, events: set[int]) -> bool:
    t = tok
    for _ in range(5):
        if t.dep_ not in _PART_OF or t.head.i == t.i:
            return False
        t = t.head
        if t.i in events:
            return True
    return False


def _in_object(noun: Token, verb: Token) -> bool:
    """Whether an event noun is (inside) the object of a verb: "held talks", "held
    eight hours of talks", "continue diplomatic rounds"."""
    t = noun
    for _ in range(4):
        if t.head.i == verb.i:
            return t.dep_ in OBJECTS
        if t.dep_ not in ("pobj", "prep", "compound", "conj"):
            return False
        t = t.head
    return False


def _active_infinitive(tok: Token) -> bool:
    deps = {(c.dep_, c.lower_) for c in kids(tok)}
    return ("aux", "to") in deps and not any(d == "auxpass" for d, _ in deps)


def _nominal_gerund(tok: Token) -> bool:
    """A gerund the parser calls a verb where a noun stands, with no subject or object
    of its own: "killed in rioting the previous day", "during Moslem-Croat fighting"
    name the rioting and the fighting, not someone who rioted."""
    if tok.tag_ != "VBG" or tok.dep_ not in ("pobj", "dobj", "nsubj", "nsubjpass"):
        return False
    return not any(c.dep_ in SUBJECTS or c.dep_ in OBJECTS for c in kids(tok))


def _span(tok: Token) -> Span:
    return Span(tok.text, tok.idx, tok.idx + len(tok.text))


def _unique(reports: tuple[Reported, ...]) -> tuple[Reported, ...]:
    seen: set[tuple[object, ...]] = set()
    out = []
    for r in reports:
        key = (r.by, r.date, r.trigger.start)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return tuple(out)


def _worth_keeping(it: Item) -> bool:
    """A verb outside the lexicon with nobody taking part and nothing done is no
    event an analyst keeps ("Were", "Retiring"), nor one said by a bare verb, nor a
    mood that changes ("Hopes of direct talks receded", "Tensions rose")."""
    if it.kind == "other" and _of_a_mood(it.clause if it.clause is not None else it.token):
        return False
    if it.token.pos_ in VERB_POS and len(it.summary.split()) < 2:
        return False  # a bare verb ("Named", "Arrived") says nothing a person would keep
    if it.hit is not None:
        return True
    tok = it.token
    has_args = any(c.dep_ in SUBJECTS or c.dep_ in OBJECTS for c in kids(tok))
    done_to_a_place = it.place is not None and it.place.target  # "the founding of the PRC"
    return bool(it.actors) or done_to_a_place or (has_args and len(it.summary.split()) >= 3)


def _of_a_mood(verb: Token) -> bool:
    return verb.pos_ in VERB_POS and any(
        c.dep_ in ("nsubj", "nsubjpass") and predicates.is_mood(c) for c in kids(verb)
    )


def _trimmed(sentence: SpacySpan) -> tuple[int, int]:
    """A sentence's offsets without the white space around it."""
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, max(start, sentence.start_char + len(text.rstrip()))


def build(
    doc: Doc,
    document_id: str,
    timexes: Sequence[TimeExpression],
    anchor: date,
    undated: bool = False,
    document_date: date | None = None,
) -> list[Event]:
    """The events of one document, in document order of their first mention.

    `anchor` is the day the values were counted from; `document_date` the
    document's own date, if it has one (the day its undated news took place)."""
    return Builder(doc, timexes, anchor, undated, document_date).build(document_id)
