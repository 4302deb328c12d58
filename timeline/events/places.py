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

from typing import TYPE_CHECKING

from timeline import gazetteer
from timeline.events.predicates import NOUN_POS, OBJECTS, VERB_POS, is_event_word
from timeline.events.spans import PLACE_LABELS, ent_of, phrase, trimmed_name
from timeline.events.tree import kids
from timeline.models import Place

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

WHERE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "aboard", "across", "on"})
TOWARD_PREPS = frozenset({"to", "into", "toward", "towards", "for"})
# "the port of Durres", "the Swiss city of Geneva": the place is the name after "of"
PLACE_NOUNS = frozenset(
    {"city", "town", "port", "capital", "village", "island", "region", "province", "district",
     "state", "republic", "country", "border", "area", "base", "resort", "enclave", "territory",
     "front", "outskirts", "centre", "center", "heart"}
)  # fmt: skip
# Buildings and sites named by whose they are: "the German embassy", "a Berlin
# restaurant", "the UN headquarters" are places as the text names them
SITES = frozenset(
    {"embassy", "consulate", "parliament", "palace", "headquarters", "building", "restaurant",
     "hotel", "airport", "camp", "square", "stadium", "court", "prison", "hospital", "mosque",
     "church", "temple", "office", "residence", "compound", "ministry", "school", "university"}
)  # fmt: skip
JOURNEY_TYPES = frozenset({"visit"})
# On board: "talks on board a South African ship" (a place that is not a named one)
VESSELS = frozenset({"ship", "vessel", "boat", "warship", "yacht", "plane", "aircraft", "train"})


def normalised(name: str, start: int, end: int) -> Place:
    found = gazetteer.place(name)
    if found is None:
        country = gazetteer.country(name)
        return Place(name, start, end, country.alpha3 if country is not None else None)
    return Place(name, start, end, found.alpha3, found.latitude, found.longitude)


def _place_name(tok: Token) -> Place | None:
    """The place a token names: a place entity, a gazetteer place the entity
    recogniser missed, or the name after "the city of"."""
    doc = tok.doc
    if tok.lemma_.lower() in PLACE_NOUNS:
        for prep in kids(tok):
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for pobj in kids(prep):
                    if pobj.dep_ == "pobj":
                        inner = _place_name(pobj)
                        if inner is not None:
                            return inner
    if tok.ent_type_ in PLACE_LABELS:
        name, start, end = trimmed_name(ent_of(doc, tok))
        return normalised(name, start, end)
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
    if tok.pos_ == "PROPN" and tok.ent_type_ != "PERSON":
        # a place the entity recogniser missed or took for an organisation ("left Kinshasa")
        name, start, end = (
            trimmed_name(ent_of(doc, tok))
            if tok.ent_type_
            else (tok.text, tok.idx, tok.idx + len(tok))
        )
        found = gazetteer.place(name)
        if found is not None:
            return Place(name, start, end, found.alpha3, found.latitude, found.longitude)
    return None


def _left_edge(tok: Token) -> int:
    start = tok.i
    for child in (c for c in kids(tok) if c.i < tok.i):
        if child.dep_ in ("det", "amod", "compound", "nmod", "poss"):
            start = min(start, child.left_edge.i)
    return start


def _from_preps(scope: Token, kind: str, lemma: str) -> Place | None:
    for prep in kids(scope):
        if prep.dep_ != "prep":
            continue
        word = prep.lower_
        journey = kind in JOURNEY_TYPES or lemma in ("meeting", "talks", "summit")
        if word == "on" and not any(c.lemma_.lower() == "board" for c in kids(prep)):
            continue
        if not (
            word in WHERE_PREPS
            or (journey and word in TOWARD_PREPS)
            or (lemma in ("leave", "depart") and word == "from")
        ):
            continue
        for pobj in kids(prep):
            if pobj.dep_ != "pobj":
                continue
            if pobj.lemma_.lower() == "board":  # "on board a ship": the noun after it
                doc = pobj.doc
                for k in range(pobj.i + 1, min(len(doc), pobj.i + 7)):
                    if doc[k].pos_ in NOUN_POS:
                        found = _place_name(doc[k])
                        if found is not None:
                            return found
                        break
                continue
            found = _place_name(pobj)
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
        found = _from_preps(scope, kind, lemma)
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
                    return _place_name(child)
        if scope.pos_ in VERB_POS and (kind in JOURNEY_TYPES or lemma in ("leave", "visit")):
            for child in kids(scope):  # "visited Tokyo", "left Toulon"
                if child.dep_ in OBJECTS:
                    found = _place_name(child)
                    if found is not None:
                        return found
    for scope in scopes:
        found = _nested(scope, kind)
        if found is not None:
            return found
    if kind == "military":
        found = _target(event)
        if found is not None:
            return found
    # "EU foreign ministers in Luxembourg banned ...": where the subject is
    verb = clause if clause is not None and clause.pos_ in VERB_POS else None
    for child in kids(verb) if verb is not None else ():
        if child.dep_ in ("nsubj", "nsubjpass"):
            for prep in kids(child):
                if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
                    for pobj in kids(prep):
                        found = _place_name(pobj) if pobj.dep_ == "pobj" else None
                        if found is not None:
                            return found
    return None


# The dependents a place may hang from below the event word: a meeting "of the
# Permanent Council of the OSCE in Vienna", rounds "with consultations in Brussels".
_DOWN = frozenset({"prep", "pobj", "dobj", "obj", "conj", "appos", "acl"})
# Clauses that happen where the event does: "toned down his statements when
# speaking to journalists in Tokyo", "met while visiting Rome"
SAME_PLACE_MARKS = frozenset({"when", "while", "as"})


def _nested(scope: Token, kind: str) -> Place | None:
    """A place said deeper in the event's own phrase, nearest first (never in its
    subject: "officials in Brussels said" is not where the event is)."""
    level = [c for c in kids(scope) if c.dep_ in _DOWN or _same_place_clause(c)]
    for _ in range(8):
        nxt: list[Token] = []
        for tok in level:
            if tok.dep_ == "conj" and is_event_word(tok):
                continue  # another event joined to this one has its own place
            if tok.dep_ == "pobj" or tok.pos_ in NOUN_POS:
                found = _from_preps(tok, kind, tok.lemma_.lower())
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


def _target(event: Token) -> Place | None:
    """What a military action was aimed at: "invaded Ukraine", "continues to occupy the
    Crimean peninsula of Ukraine"."""
    for child in kids(event):  # "Lubumbashi was captured", "the town, which fell"
        subject = child if child.dep_ == "nsubjpass" else None
        if subject is not None and subject.lower_ in ("which", "that") and event.dep_ == "relcl":
            subject = event.head
        if subject is not None and subject.ent_type_ in ("GPE", "LOC", "FAC"):
            found = _place_name(subject)
            if found is not None:
                return found.as_target()
    verbs = [event, *[c for c in kids(event) if c.dep_ == "conj"]]
    for v in list(verbs):
        verbs.extend(c for c in kids(v) if c.dep_ == "xcomp")
    for v in verbs:
        for child in kids(v):
            if child.dep_ in ("dobj", "obj"):
                for tok in phrase(child):
                    if tok.ent_type_ in ("GPE", "LOC"):
                        found = _place_name(tok)
                        if found is not None:
                            return found.as_target()
    return None


def place_of_mention(ent: SpacySpan) -> Place:
    name, start, end = trimmed_name(ent)
    return normalised(name, start, end)
