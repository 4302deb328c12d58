"""Where an event takes place, normalised against the gazetteer.

Read from the event's clause: a place after "in", "at", "near", "aboard"
(and after "to" or "into" for a journey, "from" for a departure), the object of
a visit ("visited Tokyo", "left Toulon"), a place that modifies the event noun
("the Geneva meeting"), and "the city of X" inside any of them ("the Swiss city
of Geneva" is Geneva). A military action's target ("invaded Ukraine") is its
place too, flagged as the target. The name is given as the text writes it,
with the gazetteer's country and coordinates when it knows the place.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from timeline import gazetteer, work
from timeline.events.lexicon import place_clues
from timeline.events.predicates import (
    NOUN_POS,
    OBJECTS,
    VERB_POS,
    entry,
    is_event_word,
    lent_to,
    names_place,
    place_after,
)
from timeline.events.spans import PLACE_LABELS, ent_of, phrase, trimmed_name
from timeline.events.tree import antecedent, kids
from timeline.models import Actor, Place

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

# The words that say where (timeline/data/place_clues.tsv)
WHERE_PREPS = place_clues("where")
TOWARD_PREPS = place_clues("toward")
# "the port of Durres", "the Swiss city of Geneva": the place is the name after "of"
PLACE_NOUNS = place_clues("container")
# Buildings and sites named by whose they are: "the German embassy"
SITES = place_clues("site")
# "the country", "this island", "the rebel-held city": a place the document named
# before, by its kind (a state, or a city), found among the places it mentioned last
PLACE_ANAPHORS = {
    **dict.fromkeys(place_clues("country"), "country"),
    **dict.fromkeys(place_clues("city"), "city"),
}
_ANAPHOR_DETS = frozenset({"the", "this", "that"})
_ANTECEDENTS_BACK = 24  # place mentions looked at, nearest first
JOURNEY_TYPES = frozenset({"visit"})
# Leaving a place happens there: "left Toulon", "withdrew from Lebanon"
LEAVING = place_clues("leaving")
# On board: "talks on board a South African ship" (a place that is not a named one)
VESSELS = place_clues("vessel")


# Kinds of event a state that does them does at home ("Norway will hold elections",
# "Eritrea split from Ethiopia", "Iran arrested two journalists"); not a meeting, a
# visit or an attack, which a state goes elsewhere for, nor what it says.
HOME_KINDS = frozenset({"election", "legal", "other"})


def home_of(doc: Doc, actors: Sequence[Actor], kind: str) -> Place | None:
    """The state that does an event of a kind done at home, as its place, unless it
    does it to another state: the first source that is a state by name (not its
    capital or a city), named as the doer or its possessor ("Germany's economy
    grew"), not as a word before another noun ("US forces overthrew", "US soldiers
    died": the state's people, abroad)."""
    if kind not in HOME_KINDS:
        return None
    if any(_done_to(doc, a) for a in actors):
        return None  # "Japan will provide rice to North Korea": one state to another
    for actor in actors:
        if actor.role != "source" or actor.label != "GPE":
            continue
        if gazetteer.country(actor.text, metonyms=False) is None:
            continue
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if span is None or span.root.dep_ in ("compound", "amod", "nmod"):
            continue
        return normalised(actor.text, actor.start, actor.end)
    return None


def _done_to(doc: Doc, actor: Actor) -> bool:
    """A state an event is done to or with: its object, or after "to", "with",
    "against", "on" ("beat Germany", "provide rice to North Korea"); not a state it
    parts from ("Taiwan split from China" is still Taiwan's own)."""
    if actor.role != "target" or actor.label != "GPE" or not actor.country:
        return False
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    return root.dep_ in OBJECTS or (root.dep_ == "pobj" and root.head.lower_ != "from")


def normalised(name: str, start: int, end: int) -> Place:
    found = gazetteer.place(name)
    if found is None:
        country = gazetteer.country(name)
        return Place(name, start, end, country.alpha3 if country is not None else None)
    return Place(name, start, end, found.alpha3, found.latitude, found.longitude)


def _place_name(tok: Token, here: Place | None = None) -> Place | None:
    """The place a token names: a place entity, a gazetteer place the entity
    recogniser missed, or the name after "the city of"."""
    doc = tok.doc
    if tok.lemma_.lower() in PLACE_NOUNS:
        for prep in kids(tok):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in kids(prep):
                    if pobj.dep_ == "pobj":
                        inner = _place_name(pobj, here)
                        if inner is not None:
                            return inner
    if tok.ent_type_ in PLACE_LABELS:
        name, start, end = trimmed_name(ent_of(doc, tok))
        return normalised(name, start, end)
    if tok.lemma_.lower() in PLACE_ANAPHORS and tok.pos_ != "PROPN":  # not "Cape Town"
        return _antecedent(tok, here)
    if tok.lemma_.lower() in VESSELS:
        span = doc[_left_edge(tok) : tok.i + 1]
        name = span.text
        if name.lower().startswith(("a ", "an ", "the ")):
            cut = name.index(" ") + 1
            return Place(name[cut:], span.start_char + cut, span.end_char)
        return Place(name, span.start_char, span.end_char)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in SITES:
        owners = [
            c
            for c in kids(tok)
            if c.dep_ in ("compound", "amod", "nmod")
            and c.ent_type_ in ("GPE", "NORP", "ORG", "FAC")
        ]
        if owners:
            span = doc[min(c.i for c in owners) : tok.i + 1]
            found = gazetteer.place(owners[0].text)
            country = found.alpha3 if found is not None else None
            if country is None:
                hit = gazetteer.country(owners[0].text)
                country = hit.alpha3 if hit is not None else None
            lat = found.latitude if found is not None and found.kind == "city" else None
            lon = found.longitude if found is not None and found.kind == "city" else None
            return Place(span.text, span.start_char, span.end_char, country, lat, lon)
    if _proper(tok) and tok.ent_type_ != "PERSON":
        # a place the entity recogniser missed or took for an organisation ("left
        # Kinshasa", "in Cape Town": a proper noun with its compounds)
        if tok.ent_type_:
            name, start, end = trimmed_name(ent_of(doc, tok))
        else:
            first = tok.i
            while first > 0 and _name_part(doc[first - 1], tok):
                first -= 1
            span = doc[first : tok.i + 1]
            name, start, end = span.text, span.start_char, span.end_char
        found = gazetteer.place(name)
        if found is not None:
            return Place(name, start, end, found.alpha3, found.latitude, found.longitude)
    return None


def _proper(tok: Token) -> bool:
    """A proper noun, or a capitalised word inside a sentence that the tagger took
    for a common noun (the small model reads "in Durres" as a plural noun)."""
    if tok.pos_ == "PROPN":
        return True
    return (
        tok.pos_ == "NOUN"
        and not tok.is_sent_start
        and tok.text[:1].isupper()
        and not tok.text.isupper()
    )


def _name_part(tok: Token, head: Token) -> bool:
    return tok.dep_ == "compound" and tok.pos_ == "PROPN" and tok.head.i == head.i


def _antecedent(tok: Token, here: Place | None = None) -> Place | None:
    """The place "the country" or "this city" stands for, written where the document
    named it: the last state (or city) named before it, failing that the dateline's
    place (`here`) or its state; "the Malaysian capital" is the capital of Malaysia.
    None for a noun that says which it is itself ("a country that ...", "the host
    country", "the two countries"); never the subject of its own clause ("Turkey
    invaded the island")."""
    kind = PLACE_ANAPHORS[tok.lemma_.lower()]
    children = kids(tok)
    if tok.pos_ != "NOUN" or tok.tag_ in ("NNS", "NNPS"):
        return None
    if not any(c.dep_ == "det" and c.lower_ in _ANAPHOR_DETS for c in children):
        return None
    if any(c.dep_ in ("compound", "nmod", "poss", "relcl", "acl", "nummod") for c in children):
        return None
    states = [gazetteer.country(c.text) for c in children if c.dep_ == "amod"]
    state = next((found for found in states if found is not None), None)
    if state is not None:  # "the Malaysian capital", "the Iranian city": it says whose
        if tok.lemma_.lower() != "capital":
            return None
        seat = gazetteer.capital(state.alpha3)
        if seat is None:
            return None
        return Place(
            seat.name, tok.idx, tok.idx + len(tok), seat.alpha3, seat.latitude, seat.longitude
        )
    known = _place_mentions(tok.doc)
    before = bisect.bisect_left(known, tok.i, key=lambda m: m[0])
    actors = _clause_subjects(tok)
    mentions = [
        m[1:] for m in known[max(0, before - _ANTECEDENTS_BACK) : before] if m[0] not in actors
    ]
    for name, start, end in reversed(mentions):
        work.charge()
        found = gazetteer.place(name)
        if found is not None and found.alpha3 is not None and found.kind == kind:
            return Place(name, start, end, found.alpha3, found.latitude, found.longitude)
    if here is None or here.country is None:
        return None
    if kind == "city" or gazetteer.country(here.name, metonyms=False) is not None:
        return here
    # the state of the dateline's city, written where the city is
    seat = gazetteer.state(here.country)
    if seat is None:
        return None
    return Place(seat.name, here.start, here.end, seat.alpha3, seat.latitude, seat.longitude)


def _clause_subjects(tok: Token) -> set[int]:
    """The tokens of the subject of the clause `tok` is in."""
    verb = tok
    for _ in range(8):
        if verb.pos_ in VERB_POS or verb.head is verb:
            break
        verb = verb.head
    return {t.i for c in kids(verb) if c.dep_ in ("nsubj", "nsubjpass") for t in phrase(c)}


_MENTIONS_KEY = "timeline.place_mentions"


def _place_mentions(doc: Doc) -> list[tuple[int, str, int, int]]:
    """The places a document names, in order (token, name, start, end): its place
    entities, and the states the entity recogniser missed ("Cyprus" untagged); found
    once per Doc."""
    found: list[tuple[int, str, int, int]] | None = doc.user_data.get(_MENTIONS_KEY)
    if found is not None:
        return found
    found = []
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            found.append((ent.start, *trimmed_name(ent)))
    for tok in doc:
        work.charge()
        if tok.pos_ != "PROPN" or tok.ent_type_:
            continue
        neighbours = (doc[i] for i in (tok.i - 1, tok.i + 1) if 0 <= i < len(doc))
        if any(n.pos_ == "PROPN" for n in neighbours):
            continue  # a word of a longer name ("San" of "San Juan")
        state = gazetteer.place(tok.text)
        if state is not None and state.kind == "country":  # a city's name may be a person's
            found.append((tok.i, tok.text, tok.idx, tok.idx + len(tok)))
    found.sort()
    doc.user_data[_MENTIONS_KEY] = found
    return found


def _left_edge(tok: Token) -> int:
    start = tok.i
    for child in (c for c in kids(tok) if c.i < tok.i):
        if child.dep_ in ("det", "amod", "compound", "nmod", "poss"):
            start = min(start, child.left_edge.i)
    return start


def _from_preps(scope: Token, kind: str, lemma: str, here: Place | None = None) -> Place | None:
    for prep in kids(scope):
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        # where one goes to: an event's own journey, or a journey noun in its phrase
        # ("met Lee at the start of a visit to the island")
        journey = kind in JOURNEY_TYPES or lemma in ("meeting", "talks", "summit")
        if not journey and scope.pos_ in NOUN_POS:
            hit = entry(scope)
            journey = hit is not None and hit.type in JOURNEY_TYPES
        if word == "on" and not any(c.lemma_.lower() == "board" for c in kids(prep)):
            continue
        if not (
            word in WHERE_PREPS
            or (journey and word in TOWARD_PREPS)
            or (lemma in LEAVING and word == "from")
        ):
            continue
        for pobj in kids(prep):
            if pobj.dep_ != "pobj":
                continue
            if pobj.lemma_.lower() == "board":  # "on board a ship": the noun after it
                doc = pobj.doc
                for k in range(pobj.i + 1, min(len(doc), pobj.i + 7)):
                    if doc[k].pos_ in NOUN_POS:
                        found = _place_name(doc[k], here)
                        if found is not None:
                            return found
                        break
                continue
            found = _place_name(pobj, here)
            if found is not None:
                return found
    return None


def location(
    event: Token, clause: Token | None, kind: str, here: Place | None = None
) -> Place | None:
    """Where the event named by `event` takes place, if its clause says; "here" is
    `here`, the city of the document's dateline ("talks opened here Saturday")."""
    scopes = [event]
    if clause is not None and clause.i != event.i:
        scopes.append(clause)
    if here is not None:
        for scope in scopes:
            for child in kids(scope):
                if child.lower_ == "here" and child.dep_ in ("advmod", "pobj", "npadvmod"):
                    return here
    for scope in scopes:
        lemma = scope.lemma_.lower()
        found = _from_preps(scope, kind, lemma, here)
        if found is not None:
            return found
        if scope.pos_ in NOUN_POS:
            # "the Geneva meeting": a city that modifies the event noun (a country
            # there is a party: "US-Russian talks")
            for child in kids(scope):
                if (
                    child.dep_ in ("compound", "amod", "nmod")
                    and child.ent_type_ in PLACE_LABELS
                    and gazetteer.country(child.text, metonyms=False) is None
                ):
                    return _place_name(child, here)
        if scope.pos_ in VERB_POS and (kind in JOURNEY_TYPES or lemma in ("leave", "visit")):
            for child in kids(scope):  # "visited Tokyo", "left Toulon"
                if child.dep_ in OBJECTS:
                    found = _place_name(child, here)
                    if found is not None:
                        return found
    if kind == "military":
        # what was invaded, before a place deeper in the phrase ("invaded Cyprus in
        # the wake of a coup in Nicosia")
        found = _target(event, here)
        if found is None and clause is not None and clause.i != event.i:
            # "carried out raids on Kandahar": the light verb's phrase is the noun's
            lent = lent_to(clause, entry(clause))
            if lent is not None and lent.i == event.i:
                found = next(filter(None, (_toward(c, here) for c in kids(clause))), None)
        if found is not None:
            return found
    for scope in scopes:
        found = _nested(scope, kind, here)
        if found is not None:
            return found
    if event.pos_ in NOUN_POS:
        found = _of_place(event, here)
        if found is not None:
            return found
    # "EU foreign ministers in Luxembourg banned ...": where the subject is
    verb = clause if clause is not None and clause.pos_ in VERB_POS else None
    for child in kids(verb) if verb is not None else ():
        if child.dep_ in ("nsubj", "nsubjpass"):
            for prep in kids(child):
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    for pobj in kids(prep):
                        found = _place_name(pobj, here) if pobj.dep_ == "pobj" else None
                        if found is not None:
                            return found
    return None


def beside(word: Token, kind: str, here: Place | None = None) -> Place | None:
    """A place said beside the date, on the word they both modify ("in a statement
    issued in Rome on Monday"): where the event's own phrase names none."""
    return _from_preps(word, kind, word.lemma_.lower(), here)


# The dependents a place may hang from below the event word: a meeting "of the
# Permanent Council of the OSCE in Vienna", rounds "with consultations in Brussels".
_DOWN = frozenset({"prep", "pobj", "dobj", "obj", "conj", "appos", "acl"})
# Clauses that happen where the event does: "toned down his statements when
# speaking to journalists in Tokyo", "met while visiting Rome"
SAME_PLACE_MARKS = frozenset({"when", "while", "as"})


def _nested(scope: Token, kind: str, here: Place | None = None) -> Place | None:
    """A place said deeper in the event's own phrase, nearest first (never in its
    subject: "officials in Brussels said" is not where the event is)."""
    level = [c for c in kids(scope) if c.dep_ in _DOWN or _same_place_clause(c)]
    for _ in range(8):
        nxt: list[Token] = []
        for tok in level:
            if tok.dep_ == "conj" and is_event_word(tok):
                continue  # another event joined to this one has its own place
            if tok.dep_ == "pobj" or tok.pos_ in NOUN_POS:
                found = _from_preps(tok, kind, tok.lemma_.lower(), here)
                if found is not None:
                    return found
            nxt.extend(c for c in kids(tok) if c.dep_ in _DOWN)
        level = nxt[:40]
    return None


def _same_place_clause(tok: Token) -> bool:
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in kids(tok) if c.dep_ in ("mark", "advmod")}
    return bool(marks & SAME_PLACE_MARKS) or (tok.tag_ == "VBG" and not marks)


def _of_place(event: Token, here: Place | None) -> Place | None:
    """The place an event noun is of: "the takeover of Hong Kong", "the fall of
    Kisangani", "the reunification of Germany" happen there."""
    for prep in kids(event):
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in kids(prep):
                named = pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.pos_ == "PROPN"
                if pobj.dep_ == "pobj" and named and pobj.ent_type_ not in ("PERSON", "ORG"):
                    found = _place_name(pobj, here)
                    if found is not None:
                        return found.as_target()
    return None


def _target(event: Token, here: Place | None = None) -> Place | None:
    """What a military action was aimed at: "invaded Ukraine", "continues to occupy the
    Crimean peninsula of Ukraine"."""
    for child in kids(event):  # "Lubumbashi was captured", "the town, which fell"
        subject = child if child.dep_ == "nsubjpass" else None
        if subject is not None and subject.lower_ in ("which", "that") and event.dep_ == "relcl":
            subject = antecedent(event)
        if subject is not None and subject.ent_type_ in ("GPE", "LOC", "FAC"):
            found = _place_name(subject, here)
            if found is not None:
                return found.as_target()
    verbs = [event, *[c for c in kids(event) if c.dep_ == "conj"]]
    for v in list(verbs):
        verbs.extend(c for c in kids(v) if c.dep_ == "xcomp")
    for v in verbs:
        for child in kids(v):
            found = _toward(child, here)
            if found is not None:
                return found
            if child.dep_ in ("dobj", "obj"):
                for tok in phrase(child):
                    # a place the recogniser missed: a proper noun the gazetteer knows,
                    # standing alone ("the northern third of Cyprus"; not the "UN" of
                    # "the UN vehicles", nor the "Dalai" of "the Dalai Lama")
                    missed = tok.dep_ in ("pobj", "dobj", "obj", "conj", "appos") and (
                        (tok.pos_ == "PROPN" and not tok.ent_type_)
                        or (tok.ent_type_ in ("ORG", "NORP") and names_place(tok))
                    )
                    if (
                        tok.ent_type_ in ("GPE", "LOC")
                        or missed
                        or tok.lemma_.lower() in PLACE_ANAPHORS
                    ):
                        found = _place_name(tok, here)
                        if found is not None:
                            return found.as_target()
    return None


def _toward(prep: Token, here: Place | None) -> Place | None:
    """The place a military action moves on or into: "marched into Kinshasa",
    "air strikes on Kabul", "carried out raids on Kandahar"."""
    pobj = place_after(prep)
    found = _place_name(pobj, here) if pobj is not None else None
    return found.as_target() if found is not None else None


def place_of_mention(ent: SpacySpan) -> Place:
    name, start, end = trimmed_name(ent)
    return normalised(name, start, end)
