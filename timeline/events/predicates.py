"""Predicates: the words of a parse that name an event, and whether it happens.

A predicate is a verb or an event noun. Its entry in the lexicon says its
type and PLOVER type and what it does in its clause; a verb of time ("the
talks began") or a light verb ("held talks") lends its clause to the event it
governs, which `event_of` finds. `asserted` says whether the text says the
event happens (or is planned) at all: "did not meet", "if Russia invades",
"to avoid war" and "failed to agree" do not.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from timeline import work
from timeline.events import lexicon
from timeline.events.lexicon import Entry
from timeline.events.tree import HYPHENS, glued, kids
from timeline.gazetteer_tables import currency_units

if TYPE_CHECKING:
    from spacy.tokens import Token

VERB_POS = frozenset({"VERB", "AUX"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
OBJECTS = frozenset({"dobj", "obj", "attr", "oprd", "dative"})
CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "parataxis", "pcomp"})
# Subordinators that make a clause a condition or a question, not an assertion.
CONDITIONS = frozenset({"if", "unless", "whether", "lest"})
NEGATIONS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nothing"})
# Subjects that deny the clause: "nobody expects them to sign"
NO_ONE = frozenset({"nobody", "none", "noone", "neither", "nothing"})
PHONE_WORDS = frozenset({"phone", "telephone", "video", "conference"})


def _pos(tok: Token) -> str | None:
    if tok.i > 0 and tok.doc[tok.i - 1].tag_ == "CD" and tok.lower_ in currency_units():
        return None  # "118.2 trillion won": money, not a victory
    if tok.pos_ in VERB_POS or tok.lemma_ == "due":
        return "V"
    if tok.pos_ in NOUN_POS:
        return "N"
    return None


# A verb read with the preposition of the place it moves on, when that names a
# place: "advanced on Kinshasa", "marched into Kisangani" ("+on", "+into" entries)
PLACE_PREPS = frozenset({"on", "into", "toward", "towards"})


def entry(tok: Token) -> Entry | None:
    """The lexicon entry of a token, read with its particle and its objects."""
    pos = _pos(tok)
    if pos is None:
        return None
    lemma = tok.lemma_.lower()
    if pos == "N" and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if prev.dep_ == "compound" and prev.head.i == tok.i:
            hit = lexicon.compound(prev.lemma_.lower(), lemma)  # "hunger strike"
            if hit is not None:
                return hit
    particle = ""
    objects: tuple[str, ...] = ()
    if pos == "V":
        for child in kids(tok):
            if child.dep_ == "prt":
                particle = child.lower_
            elif child.dep_ in OBJECTS:
                objects = (*objects, child.lemma_.lower())
                if names_place(child):
                    objects = (*objects, "@place")  # "take Kinshasa": "take>@place"
            elif not particle and place_after(child) is not None:
                particle = child.lower_  # "march into Kinshasa": "march+into" (a place)
            elif child.dep_ == "prep" and not particle and child.lower_ in ("on", "for", "with"):
                particle = child.lower_  # "call on", "call for", "meet with"
    hit = lexicon.lookup(lemma, pos, particle, objects)
    if hit is None and pos == "N" and tok.lower_ != lemma:
        hit = lexicon.lookup(tok.lower_, pos)  # "talks" is listed as it is written
    if (
        hit is not None
        and lemma == "call"
        and pos == "V"
        and not particle
        and not any(
            c.dep_ in OBJECTS and c.ent_type_ in ("PERSON", "ORG", "GPE") for c in kids(tok)
        )
    ):
        return None  # "Biden called Putin" is a call; "called it a mistake" is not
    if hit is not None and pos == "V" and _hyphenated(tok):
        return None  # "the centre-left coalition": a part of a word, not a verb
    if hit is not None and pos == "V" and lemma == "leave" and not _left_somewhere(tok):
        # "left Kinshasa" is a journey; "left 600 dead", "left Cook in charge" a deed of
        # another kind
        return replace(hit, type="other", plover=None)
    if pos == "V" and lemma in ("speak", "talk", "confer", "chat", "call") and _by_phone(tok):
        return lexicon.lookup("phone", "V")  # "spoke by phone", "talked by telephone"
    if (
        hit is not None
        and lemma == "call"
        and pos == "N"
        and any(c.lower_ in PHONE_WORDS for c in kids(tok))
    ):
        return lexicon.lookup("phone", "N")
    return hit


def _hyphenated(tok: Token) -> bool:
    """A word after a hyphen written against the word before it ("centre-left",
    "well-run", and wire copy's wrapped "rebel- held")."""
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text in HYPHENS and glued(doc[tok.i - 2])


def _left_somewhere(verb: Token) -> bool:
    """Whether "leave" is a journey: no object ("left on Friday", "left for Paris"), or
    an object that is a place, a named one or one of the words for places ("left
    prison", "left the country"), not what is left behind ("left 600 dead")."""
    objects = [c for c in kids(verb) if c.dep_ in OBJECTS]
    if not objects:
        return True
    places = lexicon.place_clues("site") | lexicon.place_clues("container")
    return any(
        names_place(c)
        or c.ent_type_ in ("FAC", "ORG")
        or (c.pos_ == "PROPN" and c.ent_type_ != "PERSON")
        or c.lemma_.lower() in places
        for c in objects
    )


def place_after(prep: Token) -> Token | None:
    """The place a preposition of movement names ("into Kinshasa", "on Kandahar"),
    if it is one of PLACE_PREPS and names one."""
    if prep.dep_ != "prep" or prep.lower_ not in PLACE_PREPS:
        return None
    return next((p for p in kids(prep) if p.dep_ == "pobj" and names_place(p)), None)


def names_place(tok: Token) -> bool:
    """A place named as an object: a place entity, or a proper noun the gazetteer knows
    as a city or country that the recogniser missed or took for an organisation (or,
    a city, for a nationality: "take Kisangani")."""
    if tok.ent_type_ in ("GPE", "LOC"):
        return True
    if tok.pos_ != "PROPN" or tok.ent_type_ not in ("", "ORG", "NORP"):
        return False
    from timeline import gazetteer

    found = gazetteer.place(tok.text)
    kinds = ("city",) if tok.ent_type_ == "NORP" else ("city", "country")  # not "Russian"
    return found is not None and found.kind in kinds


def _by_phone(verb: Token) -> bool:
    for prep in kids(verb):
        if (
            prep.dep_ == "prep"
            and prep.lower_ in ("by", "over", "on", "via")
            and any(p.lower_ in PHONE_WORDS for p in kids(prep))
        ):
            return True
    return False


# Suffixes of nouns made from verbs ("arrival", "departure", "settlement")
DEVERBAL = ("tion", "sion", "ment", "ance", "ence", "al", "ure")


def eventive_noun(tok: Token) -> bool:
    """A noun outside the lexicon that names something that happens: one made from a
    verb ("the purchase", "Friday's trading", "the sinking"), unless the lexicon says
    it names a thing or a measure ("the price", "shares")."""
    if tok.pos_ != "NOUN":
        return False
    lemma = tok.lemma_.lower()
    if lexicon.lookup(lemma, "N") is not None:
        return False
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(tok.lower_, upos="VERB")) or lemma.endswith(DEVERBAL)


def is_event_word(tok: Token) -> bool:
    """A word that names an event of its own (not only a verb of time or a state)."""
    hit = entry(tok)
    return hit is not None and hit.main in ("event", "speech", "report")


def names_event(tok: Token) -> bool:
    """An event word, or a noun made from a verb ("made a decision", "completed the purchase")."""
    return is_event_word(tok) or eventive_noun(tok)


def lent_to(tok: Token, hit: Entry | None) -> Token | None:
    """The event a light verb or a verb of time lends its clause to, if any.

    "held talks" -> talks; "the talks began" -> talks; "is due to arrive" ->
    arrive; "a session follows" -> session; "the meeting will be on Monday" ->
    meeting; "a statement issued in Rome" -> statement (the noun a participle
    describes).
    """
    classes = hit.classes if hit is not None else frozenset()
    light = "light" in classes
    aspect = "aspect" in classes
    copula = tok.lemma_ == "be"
    if (
        tok.dep_ in ("acl", "relcl")
        and tok.head.pos_ in NOUN_POS
        and is_event_word(tok.head)
        and (light or aspect or copula or hit is None or "stative" in classes)
    ):
        return tok.head  # "a statement issued on Monday", "the talks which opened Monday"
    if not (light or aspect or copula):
        return None
    objects = [c for c in kids(tok) if c.dep_ in OBJECTS]
    subjects = [c for c in kids(tok) if c.dep_ in SUBJECTS]
    if light:
        for obj in objects:
            if names_event(obj):
                return obj
            for prep in kids(obj):  # "held eight hours of talks", "a round of talks"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for p in kids(prep):
                        if p.dep_ == "pobj" and is_event_word(p):
                            return p
        for subj in subjects:  # "talks were held in Oslo"
            if subj.dep_ == "nsubjpass" and is_event_word(subj):
                return subj
        for c in kids(tok):  # "took part in talks", "held a round of talks"
            if c.dep_ == "prep" and c.lower_ in ("in", "of"):
                for p in kids(c):
                    if p.dep_ == "pobj" and is_event_word(p):
                        return p
    if aspect or copula:
        for subj in subjects:
            if is_event_word(subj):
                return subj
    if aspect:
        for c in kids(tok):
            if c.dep_ == "xcomp" and c.pos_ in VERB_POS:
                inner = event_of(c)
                if inner is not None:
                    return inner
        for obj in objects:  # "resumed talks", "postponed the meeting", "completed the purchase"
            if names_event(obj):
                return obj
    if copula:
        for obj in objects:  # "it was the first meeting"
            if obj.dep_ == "attr" and is_event_word(obj):
                return obj
    return None


def proform_referent(do: Token) -> Token | None:
    """The verb "did" stands for: "as it did in 2014" repeats the event verb before
    it ("if Russia invades ..., as it did in 2014"); "what it did in 2014, when it
    invaded" is told by its "when" clause."""
    for child in kids(do):
        if child.dep_ == "advcl" and child.pos_ in VERB_POS and is_event_word(child):
            return child
    if do.is_sent_start:
        return None
    for k in range(do.i - 1, max(0, do.i - 40) - 1, -1):
        prev = do.doc[k]
        if prev.pos_ == "VERB" and prev.lemma_ != "do":
            hit = entry(prev)
            if hit is not None and hit.main in ("event", "speech"):
                return prev
        if prev.is_sent_start:
            break
    return None


def is_proform(tok: Token) -> bool:
    """ "did" standing for another verb ("as it did in 2014"), not an auxiliary."""
    return tok.lemma_ == "do" and tok.pos_ in VERB_POS and tok.dep_ not in ("aux", "auxpass")


def event_of(tok: Token, depth: int = 0) -> Token | None:
    """The token that names the event a predicate stands for, or None.

    An event word stands for itself (a verb that can also lend its clause, such
    as "signed", stands for the treaty it signed when it signed one); a light
    verb or a verb of time for what it governs; "did" in "as it did in 2014" for
    the verb it repeats; a state for nothing.
    """
    if depth > 3:
        return None
    hit = entry(tok)
    if is_proform(tok):
        return proform_referent(tok)
    lent = lent_to(tok, hit)
    if lent is not None:
        return lent
    if hit is not None and hit.main in ("event", "speech", "report"):
        return tok
    if hit is not None and hit.main in ("stative", "counter"):
        return None
    # a verb outside the lexicon, or a light verb or verb of time that carries no
    # event here ("they put up a giant cross today"), is an event of its own when
    # it has someone or something taking part
    return tok if tok.pos_ == "VERB" and _substantive(tok) else None


def _substantive(verb: Token) -> bool:
    """A verb outside the lexicon is an event when someone or something takes part:
    "floods wiped out the harvest", "he was found on Nov. 25", "began trading in
    August" (the subject of the verb it completes); not "were", "retiring"."""
    for v in (verb, verb.head) if verb.dep_ in ("xcomp", "conj") else (verb,):
        for child in kids(v):
            if child.dep_ in SUBJECTS or child.dep_ in OBJECTS:
                return True
    return False


def negated(tok: Token) -> bool:
    """Negated in its own clause: "did not meet", "no talks were held"."""
    for child in kids(tok):
        if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
            return True
        if child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in kids(child))
        ):
            return True
    return False


def asserted(tok: Token) -> bool:
    """Whether the text says the event takes place: not negated, not a condition,
    not what a verb such as "avoid" or "failed to" says does not happen.

    Walks from the event word up to the head of its sentence: a path to the
    root is short, so this costs a few steps a word.
    """
    t = tok
    for _ in range(12):
        work.charge()
        if negated(t):
            return False
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in kids(t)):
            return False
        head = t.head
        if head.i == t.i:
            return True
        if t.dep_ in ("xcomp", "dobj", "obj", "pobj", "ccomp", "pcomp", "nsubj"):
            hit = entry(head)
            if hit is not None and "counter" in hit.classes:
                return False
            if head.lower_ in ("without", "instead"):
                return False
            # "hopes of a settlement", "fears of war": not (yet) so; "expectations for
            # Monday's meeting" presuppose the meeting
            moody = t.dep_ == "pobj" and head.lower_ in ("of", "for") and is_mood(head.head)
            if moody and not _definite(t):
                return False
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(t))
        if t.dep_ in CLAUSES and t.dep_ != "xcomp" and not infinitive:
            # a clause of its own: a negation above it does not reach it
            # ("did not say that talks had begun" still has the talks)
            return not _condition_above(head)
        t = head
    return True


def last_time(tok: Token, date_root: Token) -> bool:
    """ "The two leaders have not met since October 1994": a perfect negated up to a
    date says the event last took place then, an event on that date. Only the
    negation of the verb itself ("no one has visited since 2010" says nothing)."""
    prep = date_root.head
    if not (date_root.dep_ == "pobj" and prep.lower_ == "since" and prep.head.i == tok.i):
        return False
    children = kids(tok)
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in children)
    return (
        perfect
        and any(c.dep_ == "neg" for c in children)
        and not any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NO_ONE for c in children)
    )


def _definite(noun: Token) -> bool:
    return any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these"))
        for c in kids(noun)
    )


def is_mood(tok: Token) -> bool:
    """A noun of a mood or a climate ("hopes", "tensions": `mood_words.tsv`)."""
    return tok.pos_ in NOUN_POS and tok.lemma_.lower() in lexicon.mood_words()


def _condition_above(tok: Token) -> bool:
    t = tok
    for _ in range(8):
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in kids(t)):
            return True
        if t.head.i == t.i:
            return False
        t = t.head
    return False
