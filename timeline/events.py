"""Events built around dated expressions: trigger, type, actors, place, status.

A dated expression anchors an event mention: the event word nearest to it in
the parse (a noun such as "talks" or "session", or a verb such as "invaded"),
the entities of that clause as actors, the place the event happens ("in
Brussels"), and whether it has happened or is planned. Mentions of one event
in a document are then merged, so a date from one sentence and a place from
another end up in one record.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import TYPE_CHECKING

from timeline import timex
from timeline.anchor import dateline_end
from timeline.models import Event, Mention, Span, Status, TimeExpression
from timeline.temporal import Tense, clause_tense, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# A small diplomatic taxonomy aligned with PLOVER/CAMEO top-level categories.
EVENT_TYPES = (
    "talks",  # CONSULT: talks, consultations, dialogue
    "meeting",  # CONSULT: meeting, summit, session, conference
    "visit",  # CONSULT: visit, trip
    "phone_call",  # CONSULT: phone or video call
    "negotiation",  # CONSULT / COOPERATE: negotiating
    "agreement",  # AGREE / COOPERATE: agreement, signing, treaty
    "statement",  # ACCUSE/DISAPPROVE/...: statements, press conferences
    "demand",  # DEMAND / THREATEN: demands, threats, ultimatums
    "sanction",  # SANCTION: sanctions, embargoes
    "military",  # MOBILIZE / ASSAULT / FIGHT: invasions, strikes, deployments
    "legal",  # legal action: courts, charges, arrests
    "election",  # elections, votes, referendums
    "other",
)

LEXICON: dict[str, str] = {}
for _type, _words in {
    "talks": "talk talks consultation consult dialogue discussion discuss parley",
    "meeting": "meet meeting summit session conference gathering assembly convene forum "
    "congress convention",
    "visit": "visit trip tour travel arrive arrival fly",
    "phone_call": "phone telephone call videoconference",
    "negotiation": "negotiate negotiation bargain mediate mediation",
    "agreement": "agree agreement sign signing deal treaty accord pact ratify ratification "
    "ceasefire truce settlement memorandum",
    "statement": "say announce announcement statement declare declaration briefing speech "
    "address tell comment remark claim report interview communique",
    "demand": "demand threaten threat ultimatum warn warning urge insist",
    "sanction": "sanction embargo boycott blacklist tariff expel expulsion",
    "military": "invade invasion attack strike bomb bombing shell shelling deploy deployment "
    "offensive war occupy occupation annex annexation raid clash kill fight exercise drill "
    "mobilize mobilise withdraw withdrawal launch missile airstrike incursion assault",
    "legal": "sue lawsuit court trial indict indictment charge arrest convict conviction "
    "sentence verdict appeal ruling hearing prosecute",
    "election": "election vote poll referendum ballot elect inaugurate inauguration",
}.items():
    for _w in _words.split():
        LEXICON[_w] = _type

# Words that name an event but say nothing of its kind; used only when nothing
# better is near the date.
WEAK_VERBS = {"be", "have", "do", "get", "make", "take", "go", "come", "begin", "start", "end"}
# Event nouns that a later definite mention ("the Geneva meeting") may point back to.
FAMILIES = {
    "talks": "consult",
    "meeting": "consult",
    "negotiation": "consult",
    "visit": "consult",
    "phone_call": "consult",
}
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "xcomp", "csubj", "parataxis"}
ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "to"}
TYPE_LABELS = {
    "talks": "Talks",
    "meeting": "Meeting",
    "visit": "Visit",
    "phone_call": "Phone call",
    "negotiation": "Negotiation",
    "agreement": "Agreement",
    "statement": "Statement",
    "demand": "Demand",
    "sanction": "Sanction",
    "military": "Military action",
    "legal": "Legal action",
    "election": "Election",
    "other": "Event",
}


@dataclass(slots=True)
class EventMention:
    """One dated (or, for back references, undated) mention of an event."""

    timex: TimeExpression | None
    trigger: Token
    type: str
    status: Status
    actors: list[Span]
    location: Span | None
    sentence: SpacySpan
    phrase: str
    targeted: bool = False  # the place is the target of the action, not where it happened
    merged: list[EventMention] = field(default_factory=list)


def _event_type(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if lemma == "conference" or lemma == "briefing":
        prev = token.doc[token.i - 1] if token.i > 0 else None
        if prev is not None and prev.lower_ in ("press", "news"):
            return "statement"
    if lemma == "call" and not any(
        c.lower_ in ("phone", "telephone", "video") for c in token.subtree
    ):
        return None if token.pos_ == "VERB" else "phone_call"
    if token.pos_ not in ("NOUN", "VERB", "PROPN"):
        return None
    return LEXICON.get(lemma) or LEXICON.get(token.lower_)


def _path_length(a: Token, b: Token) -> int:
    anc_a = [a, *a.ancestors]
    pos = {t.i: k for k, t in enumerate(anc_a)}
    for k, t in enumerate([b, *b.ancestors]):
        if t.i in pos:
            return pos[t.i] + k
    return 99


def _governing_verb(token: Token) -> Token | None:
    for t in [token, *token.ancestors]:
        if t.pos_ in ("VERB", "AUX"):
            if t.lemma_ == "do" and t.dep_ in CLAUSE_DEPS and t.head.pos_ == "VERB":
                return t.head  # "as it did in 2014": the verb it stands for
            return t
    return None


# An event under these words is one that does not happen: "to avoid war".
NON_EVENT_HEADS = {"avoid", "prevent", "deter", "stop", "without", "avert", "fear", "risk"}


def _is_counterfactual(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head if tok.dep_ in ("dobj", "obj", "pobj", "xcomp") else None
    return head is not None and head.lemma_.lower() in NON_EVENT_HEADS


# "the eve of [the summit]", "the day after [the talks]": the event a date counts
# from, which is not the event it dates
_COUNTED_FROM = {"before", "after", "following", "preceding"}


def _reference_event(anchor: Token) -> set[int]:
    """The tokens of the event a date is counted from, if it is counted from one."""
    out: set[int] = set()
    for prep in anchor.children:
        if prep.dep_ == "prep" and (
            prep.lower_ in _COUNTED_FROM
            or (prep.lower_ == "of" and anchor.lower_ in ("eve", "day"))
        ):
            out.update(t.i for t in prep.subtree)
    return out


def _choose_trigger(anchor: Token, sentence: SpacySpan) -> tuple[Token, str] | None:
    """The event word a date belongs to: the lexicon word nearest it in the parse."""
    best: tuple[int, int, Token, str] | None = None
    counted_from = _reference_event(anchor)
    for tok in sentence:
        kind = _event_type(tok)
        if kind is None or tok.i == anchor.i or tok.i in counted_from or _is_counterfactual(tok):
            continue
        # Reporting verbs are events too, but weaker evidence than an event noun.
        penalty = 2 if kind == "statement" and tok.pos_ == "VERB" else 0
        key = (_path_length(anchor, tok) + penalty, abs(tok.i - anchor.i))
        if best is None or key < best[:2]:
            best = (*key, tok, kind)
    verb = _governing_verb(anchor)
    if best is not None and (verb is None or best[0] <= _path_length(anchor, verb) + 3):
        return best[2], best[3]
    if verb is not None:
        kind = _event_type(verb) or "other"
        return verb, kind
    return (best[2], best[3]) if best else None


def _clause_tokens(head: Token) -> list[Token]:
    """The tokens of a clause, without the clauses embedded in it."""
    out: list[Token] = []
    stack = [head]
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in CLAUSE_DEPS:
                continue
            if child.dep_ == "conj" and (child.pos_ in ("VERB", "AUX") or _event_type(child)):
                continue  # a second event joined to this one keeps its own place
            stack.append(child)
    return out


def _entity_span(ent: SpacySpan) -> Span:
    text = ent.text
    start = ent.start_char
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    return Span(name=text, start=start, end=ent.end_char, label=ent.label_)


def _location(trigger: Token, verb: Token | None, kind: str) -> tuple[Span | None, bool]:
    """Where the event happens: "in Brussels" on the event word or its verb.

    The flag is True when the place is what a military action was aimed at
    ("invaded Ukraine"), not where it happened.
    """
    doc = trigger.doc
    scopes: list[Token] = [trigger]
    if verb is not None and verb.i != trigger.i:
        scopes.append(verb)
    for scope in scopes:
        for tok in _clause_tokens(scope):
            if tok.dep_ != "pobj" or tok.head.lower_ not in PLACE_PREPS:
                continue
            if tok.head.lower_ == "to" and kind not in ("visit",) and trigger.lemma_ != "meeting":
                continue
            if tok.ent_type_ in PLACE_LABELS:
                return _entity_span(_ent_of(doc, tok)), False
        # "the Geneva meeting": a place that modifies the event noun
        for child in scope.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.ent_type_ in PLACE_LABELS:
                return _entity_span(_ent_of(doc, child)), False
    if kind == "military":
        # "invaded Ukraine", "continues to occupy the Crimean peninsula of Ukraine"
        verbs = [trigger, *[c for c in trigger.children if c.dep_ == "conj"]]
        for v in list(verbs):
            verbs.extend(c for c in v.children if c.dep_ == "xcomp")
        for v in verbs:
            for child in v.children:
                if child.dep_ in ("dobj", "obj"):
                    for tok in child.subtree:
                        if tok.ent_type_ in ("GPE", "LOC"):
                            return _entity_span(_ent_of(doc, tok)), True
    return None, False


def _ent_of(doc: Doc, tok: Token) -> SpacySpan:
    """The entity a token is part of, found from the IOB tags around it: O(its length)."""
    if tok.ent_iob_ not in ("B", "I"):
        return doc[tok.i : tok.i + 1]
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    return next(_ents_between(doc, start, start + 1))


def _ents_between(doc: Doc, start: int, end: int) -> Iterator[SpacySpan]:
    """The entities that overlap tokens `start` to `end` (exclusive), in order.

    Read from the tokens' IOB tags, in time proportional to the range: going
    through `doc.ents` instead costs the whole document on every call.
    """
    from spacy.tokens import Span as EntitySpan

    i = start
    while i > 0 and doc[i].ent_iob_ == "I":
        i -= 1
    n = len(doc)
    while i < end:
        if doc[i].ent_iob_ != "B":
            i += 1
            continue
        j = i + 1
        while j < n and doc[j].ent_iob_ == "I":
            j += 1
        yield EntitySpan(doc, i, j, label=doc[i].ent_type)
        i = j


def _subject_of_chain(trigger: Token) -> Token | None:
    """The verb an event noun is an argument of ("held ... talks", "continue ... with
    consultations"), when the noun is not itself the subject."""
    tok = trigger
    while tok.dep_ in ("dobj", "obj", "pobj", "prep", "compound", "attr", "npadvmod", "appos"):
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _actors(trigger: Token, verb: Token | None, location: Span | None) -> list[Span]:
    doc = trigger.doc
    tokens: set[int] = {t.i for t in _clause_tokens(trigger)}
    outer = verb if trigger.pos_ in ("VERB", "AUX") else _subject_of_chain(trigger)
    if outer is not None:
        for child in outer.children:
            if child.dep_ in ("nsubj", "nsubjpass", "agent"):
                tokens.update(t.i for t in _clause_tokens(child))
        if outer.dep_ == "relcl":  # "Sherman, who led ...": the relative's antecedent
            tokens.update(t.i for t in outer.head.subtree if t.i < outer.i)
        if outer is trigger:
            tokens.update(t.i for t in _clause_tokens(outer))
    actors: list[Span] = []
    for ent in _ents_between(doc, min(tokens), max(tokens) + 1):
        if ent.label_ not in ACTOR_LABELS or ent.root.i not in tokens:
            continue
        following = doc[ent.end] if ent.end < len(doc) else None
        if (
            ent.label_ == "ORG"
            and following is not None
            and following.ent_iob_ == "B"
            and following.ent_type_ == "PERSON"
        ):
            continue  # "Secretary of State Wendy R. Sherman": a title, not an actor
        if _is_place(ent):
            continue  # "returned to Doha", "talks in Vienna": where, not who
        span = _entity_span(ent)
        if location is not None and span.start == location.start:
            continue
        actors.append(span)
    return actors


# Prepositions that make a place of the place name after them: those of a place
# where an event is, and of a direction ("ministers from France" are French:
# "from" is left out).
_PLACE_PREPS = PLACE_PREPS | {"into", "toward", "towards"}


def _is_place(ent: SpacySpan) -> bool:
    """Whether a place name stands as a place ("returned to Doha"), not as a party
    ("talks with Russia", "Russia invaded")."""
    root = ent.root
    return ent.label_ in PLACE_LABELS and root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPS


def _phrase(trigger: Token) -> str:
    """A compact phrase for the event: modifiers + noun, or subject + verb + object."""
    if trigger.pos_ in ("NOUN", "PROPN"):
        # the modifiers right before the noun, up to any punctuation but a hyphen
        start = trigger.i
        doc = trigger.doc
        while start > 0:
            prev = doc[start - 1]
            hyphen = prev.text == "-" and not prev.whitespace_ and start > 1
            if hyphen or (
                prev.dep_ in ("compound", "amod", "nmod", "nummod", "poss", "case")
                and not prev.is_punct
                and prev.ent_type_ not in ("DATE", "TIME")  # "the 1962 crisis": the date is apart
                and prev.head.i >= start
            ):
                start -= 1
            else:
                break
        end = trigger.i + 1
        # "meeting of the Permanent Council of the OSCE": who meets, when it is short
        of = next((c for c in trigger.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            right = max(t.i for t in of.subtree) + 1
            if right - end <= 12 and not any(
                t.ent_type_ in ("DATE", "TIME") for t in doc[end:right]
            ):
                end = right
        return doc[start:end].text
    subj = next((c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "obj", "attr")), None)
    parts = []
    if subj is not None and subj.pos_ != "PRON":
        parts.append(_compact(subj))
    parts.append(trigger.text)
    if obj is not None and obj.pos_ != "PRON":
        parts.append(_compact(obj))
    return " ".join(p for p in parts if p)


def _compact(tok: Token) -> str:
    toks = [
        t
        for t in tok.subtree
        if t.dep_ not in ("relcl", "acl", "appos", "punct") and t.ent_type_ not in ("DATE", "TIME")
    ]
    if not toks:
        return ""
    span = tok.doc[min(t.i for t in toks) : max(t.i for t in toks) + 1]
    words = span.text.split()
    return " ".join(words[:8])


def _status(tx: TimeExpression | None, tense: Tense | None, anchor_ordinal: int) -> Status:
    """Planned when the date lies after the document's day, or its clause is future."""
    if tx is not None and tx.sort_key is not None and tx.sort_end is not None:
        if tx.sort_key > anchor_ordinal:
            return "planned"
        if tx.sort_end < anchor_ordinal:
            return "occurred"
    return "planned" if tense == "future" else "occurred"


def _is_event_date(tx: TimeExpression) -> bool:
    return tx.type in ("DATE", "TIME") and tx.sort_key is not None


# A "sentence" longer than this many tokens (a list, a table, run-on text) is read
# only around the word in question, so that no document costs time quadratic in it.
MAX_SENTENCE = 150


def _around(sentence: SpacySpan, i: int) -> SpacySpan:
    """The sentence of token `i`, or its `MAX_SENTENCE` tokens around `i` when longer."""
    if len(sentence) <= MAX_SENTENCE:
        return sentence
    start = max(sentence.start, min(i - MAX_SENTENCE // 2, sentence.end - MAX_SENTENCE))
    return sentence.doc[start : start + MAX_SENTENCE]


def sentence_index(doc: Doc) -> list[SpacySpan]:
    """The sentence of every token, computed once (Token.sent walks the doc each time)."""
    index: list[SpacySpan] = []
    for sent in doc.sents:
        index.extend([sent] * len(sent))
    return index


def mentions(
    doc: Doc, timexes: Sequence[TimeExpression], anchor: date, sentences: Sequence[SpacySpan]
) -> list[EventMention]:
    """One event mention per dated expression that anchors an event."""
    out: list[EventMention] = []
    anchor_ordinal = anchor.toordinal()
    filed = dateline_end(doc_text(doc))
    for tx in timexes:
        if not _is_event_date(tx) or tx.end <= filed:
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sentence = _around(sentences[span.root.i], span.root.i)
        chosen = _choose_trigger(span.root, sentence)
        if chosen is None:
            continue
        trigger, kind = chosen
        verb = trigger if trigger.pos_ in ("VERB", "AUX") else _governing_verb(trigger)
        tense = clause_tense(doc, trigger.idx, trigger.idx + len(trigger.text)) or clause_tense(
            doc, tx.start, tx.end
        )
        location, targeted = _location(trigger, verb, kind)
        out.append(
            EventMention(
                timex=tx,
                trigger=trigger,
                type=kind,
                status=_status(tx, tense, anchor_ordinal),
                actors=_actors(trigger, verb, location),
                location=location,
                sentence=sentence,
                phrase=_phrase(trigger),
                targeted=targeted,
            )
        )
    return out


def back_references(
    doc: Doc, dated: Sequence[EventMention], sentences: Sequence[SpacySpan]
) -> list[EventMention]:
    """Undated definite mentions ("the Geneva meeting") of events with a place or actors."""
    used = {m.trigger.i for m in dated}
    out: list[EventMention] = []
    for tok in doc:
        if tok.i in used or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        kind = _event_type(tok)
        if kind is None or kind not in FAMILIES:
            continue
        if not any(
            c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that") for c in tok.children
        ):
            continue
        verb = _governing_verb(tok)
        location, targeted = _location(tok, None, kind)
        if location is None:
            continue
        out.append(
            EventMention(
                timex=None,
                trigger=tok,
                type=kind,
                status="occurred",
                actors=_actors(tok, verb, location),
                location=location,
                sentence=_around(sentences[tok.i], tok.i),
                phrase=_phrase(tok),
                targeted=targeted,
            )
        )
    return out


def _family(kind: str) -> str:
    return FAMILIES.get(kind, kind)


def merge(dated: Sequence[EventMention], undated: Iterable[EventMention]) -> list[EventMention]:
    """Mentions of one event become one: same date, same family of event."""
    events: list[EventMention] = []
    by_key: dict[tuple[str, str], EventMention] = {}
    # The events of each (date, sentence), so that finding one is not a scan of all.
    by_sentence: dict[tuple[str, int], list[EventMention]] = {}
    for m in dated:
        assert m.timex is not None
        key = (m.timex.value, _family(m.type))
        if key in by_key:
            by_key[key].merged.append(m)
            continue
        # A date whose clause names no kind of event, in a sentence that has an
        # event on that date, is another mention of that event.
        here = (m.timex.value, m.sentence.start)
        same_sentence = [e for e in by_sentence.get(here, ()) if "other" in (e.type, m.type)]
        if same_sentence:
            same_sentence[0].merged.append(m)
            continue
        by_key[key] = m
        events.append(m)
        by_sentence.setdefault(here, []).append(m)
    families: dict[str, _Family] = {}
    for e in events:
        families.setdefault(_family(e.type), _Family()).members.append(e)
    for ref in undated:
        # the nearest earlier dated event of the same family, else the nearest later one
        family = families.get(_family(ref.type))
        target = family.before(ref.trigger.i) if family is not None else None
        if target is not None:
            target.merged.append(ref)
    return events


@dataclass(slots=True)
class _Family:
    """The dated events of one family, in order, and a way to find the last one before a token.

    "The last one before" is the last in list order whose trigger precedes the
    token: found by a binary search over the triggers' positions and the
    running maximum of list order, in O(log n) rather than a scan of all.
    """

    members: list[EventMention] = field(default_factory=list)
    _keys: list[int] = field(default_factory=list)
    _latest: list[int] = field(default_factory=list)

    def before(self, token: int) -> EventMention | None:
        if not self.members:
            return None
        if not self._keys:
            by_position = sorted(range(len(self.members)), key=lambda k: self.members[k].trigger.i)
            self._keys = [self.members[k].trigger.i for k in by_position]
            self._latest = list(accumulate(by_position, max))
        n = bisect_left(self._keys, token)
        return self.members[self._latest[n - 1]] if n else self.members[0]


def _dedupe(spans: Iterable[Span]) -> tuple[Span, ...]:
    """One span per actor: "U.S." and "US" are one; "Russian" goes where "Russia" is."""
    seen: dict[str, Span] = {}
    for s in spans:
        key = _actor_key(s.name)
        if key not in seen or (seen[key].label == "NORP" and s.label != "NORP"):
            seen[key] = s
    countries = [k for k, s in seen.items() if s.label == "GPE"]
    return tuple(
        s
        for k, s in seen.items()
        if not (s.label == "NORP" and any(k[:5] == c[:5] and len(c) >= 4 for c in countries))
    )


def _actor_key(name: str) -> str:
    key = re.sub(r"[.\s]", "", name.lower())
    key = re.sub(r"[’']s$", "", key)
    key = re.sub(r"s$", "", key) if len(key) > 4 else key
    return {"unitedstate": "us", "usa": "us", "america": "us", "american": "us"}.get(key, key)


def summary(
    kind: str,
    phrase: str,
    location: Span | None,
    actors: Sequence[Span],
    verbal: bool = False,
    targeted: bool = False,
) -> str:
    """One readable line: the event phrase and where (who takes part is in `actors`)."""
    # "said" or "talks" alone tells nothing: name who (by name, not "Russian")
    named = [a.name for a in actors if a.label != "NORP"]
    if phrase and " " not in phrase and named:
        if verbal:
            phrase = f"{named[0]} {phrase}"
        elif FAMILIES.get(kind) == "consult" and kind != "visit" and len(named) >= 2:
            phrase = f"{phrase} between {named[0]} and {named[1]}"
        else:
            phrase = f"{phrase} by {named[0]}"
    text = phrase[:1].upper() + phrase[1:] if phrase else TYPE_LABELS[kind]
    if location is not None and location.name not in text:
        # "Russia invaded" + its target; "consultations" + where they are held
        text += f" {location.name}" if verbal and targeted else f" in {location.name}"
    return text


def _trimmed(sentence: SpacySpan) -> tuple[int, int]:
    """A sentence's offsets without the white space around it."""
    text = sentence.text
    start = sentence.start_char + (len(text) - len(text.lstrip()))
    return start, max(start, sentence.start_char + len(text.rstrip()))


def build(
    doc: Doc, document_id: str, timexes: Sequence[TimeExpression], anchor: date
) -> list[Event]:
    """The events of one document, in document order of their first mention."""
    sentences = sentence_index(doc)
    dated = mentions(doc, timexes, anchor, sentences)
    merged = merge(dated, back_references(doc, dated, sentences))
    events: list[Event] = []
    text = doc_text(doc) if merged else ""  # Doc.text is rebuilt on every access
    for k, head in enumerate(merged):
        group = [head, *head.merged]
        tx = head.timex
        assert tx is not None
        # A place said of the event itself beats one from a clause that names no event.
        located = sorted(group, key=lambda m: m.type == "other")
        location = next((m.location for m in located if m.location is not None), None)
        actors = _dedupe(a for m in group for a in m.actors)
        # The evidence is the mention that carries the date and the place, if one does.
        best = next(
            (
                m
                for m in group
                if m.timex is not None and m.location is not None and m.type != "other"
            ),
            head,
        )
        sent_start, sent_end = _trimmed(best.sentence)
        trigger = best.trigger  # the trigger of the evidence sentence
        events.append(
            Event(
                id=f"{document_id}:e{k + 1}",
                document=document_id,
                date=tx.value if tx.resolved else None,
                date_text=tx.text,
                granularity=timex.granularity(tx.value) if tx.resolved else None,
                type=head.type,
                status=head.status,
                summary=summary(
                    head.type,
                    best.phrase,
                    location,
                    actors,
                    verbal=best.trigger.pos_ == "VERB",
                    targeted=any(m.targeted and m.location == location for m in group),
                ),
                trigger=Span(trigger.text, trigger.idx, trigger.idx + len(trigger.text)),
                location=location,
                actors=actors,
                sentence=text[sent_start:sent_end],
                start=sent_start,
                end=sent_end,
                timex=tx,
                mentions=tuple(
                    Mention(m.timex.start, m.timex.end, m.timex.text)
                    if m.timex is not None
                    else Mention(m.trigger.idx, m.trigger.idx + len(m.trigger.text), m.trigger.text)
                    for m in group
                ),
                sort_key=tx.sort_key,
                sort_end=tx.sort_end,
            )
        )
    return events
