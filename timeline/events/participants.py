"""Participants: who acts (`source`) and to or with whom (`target`).

Read from the event's clause: the subject of its verb (or of the light verb
that carries an event noun: "Sherman held talks"), the agent of a passive,
the possessor and the modifiers of an event noun ("Gingrich's visit",
"US-Russian talks"), then the objects and the "with", "between", "on",
"against" phrases. A pronoun or a description ("he", "the envoy", "the two
sides") is resolved through `Coreference`; a country named by its capital,
its seat of government or its demonym is given its ISO 3166-1 alpha-3 code, and
a capital speaking is its state ("Tehran said": Iran). A national office or body
stands for its state too (`with_states`). A title before a name is not a party
of its own: "Iranian Foreign Minister X" is X, of Iran. Places are never actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from timeline import gazetteer
from timeline.events.coreference import (
    Coreference,
    Person,
    country_code,
    country_of_person,
    is_pronoun,
)
from timeline.events.lexicon import actor_class, place_clues
from timeline.events.merging import dedupe_actors
from timeline.events.predicates import NOUN_POS, OBJECTS, SUBJECTS, VERB_POS, entry
from timeline.events.spans import (
    ACTOR_LABELS,
    PLACE_LABELS,
    ent_of,
    entities_in,
    phrase,
    trimmed_name,
)
from timeline.events.tree import antecedent, glued, kids, possessor_of, relative_clause
from timeline.models import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token

# Prepositions after which a place name is where something is, not who acts.
PLACE_PREPS = frozenset(
    {"in", "at", "near", "outside", "inside", "to", "into", "toward", "towards", "aboard", "across"}
)
# Prepositions that name a party of an event: "talks with Russia", "sanctions on Iran".
TARGET_PREPS = frozenset({"with", "on", "against", "to", "toward", "towards", "for", "from"})
SOURCE_PREPS = frozenset({"between", "by", "of", "among"})
# Prepositions whose phrase says when or in what a person acted: "after a meeting with
# Prodi, Fino said", "in talks with Kyuma, Cohen reaffirmed" (Fino and Cohen took part).
ADJUNCT_PREPS = frozenset({"after", "before", "during", "in", "at", "following", "on"})
# Of these, the ones that only say when: "after the attack, Bush said" (Bush did not attack).
# Not "during" or "since": "captured by Serbs during bitter fighting", "India and Pakistan
# have fought three wars since independence" name those who took part.
_WHEN_PREPS = frozenset({"after", "before", "following", "until"})
# The types of event one takes part in by being there (PLOVER's CONSULT).
_ATTENDED = frozenset({"talks", "meeting", "visit", "negotiation", "phone_call"})
# Dependents of a name that make the name a title or an affiliation of another.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})


def _is_place(ent: SpacySpan) -> bool:
    """A place name standing as a place ("returned to Doha", "talks in Vienna"),
    also when the entity recogniser took the city for an organisation."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:  # "a visit to Japan and Korea"
        root = root.head
    if root.dep_ != "pobj" or root.head.lower_ not in PLACE_PREPS:
        return False
    if _recipient(root.head):
        return False  # "aid to North Korea": who receives it, a party
    if ent.label_ in PLACE_LABELS:
        return True
    return ent.label_ == "ORG" and gazetteer.place(trimmed_name(ent)[0]) is not None


# Verbs of handing over, whose "to" phrase names who receives.
_GIVING = place_clues("giving")


def _recipient(prep: Token) -> bool:
    """A "to" or "for" phrase of aid, a loan, a donation ("aid to North Korea", "provided
    food to the refugees"): it names who receives, not where."""
    if prep.lower_ not in ("to", "for"):
        return False
    head = prep.head
    if _of_aid(head):
        return True
    if prep.lower_ == "to" and head.pos_ in VERB_POS and head.lemma_.lower() in _GIVING:
        return True  # "hand over the suspects to Britain", "sold jets to Taiwan"
    # "offered 10 million dollars of food aid to North Korea": the verb that gives it
    return head.pos_ in VERB_POS and any(
        t.dep_ in OBJECTS and any(_of_aid(w) for w in (t, *_pobjs(t))) for t in kids(head)
    )


def _of_aid(tok: Token) -> bool:
    hit = entry(tok)
    return hit is not None and hit.plover == "AID"


def _pobjs(tok: Token) -> list[Token]:
    """The nouns of a noun's "of" phrases ("dollars of food aid": aid)."""
    return [g for p in kids(tok) if p.dep_ == "prep" for g in kids(p) if g.dep_ == "pobj"]


def _recipients_in(obj: Token) -> list[Token]:
    """The phrases of who receives inside an object ("10 million dollars of food aid to
    North Korea"), three prepositions deep at most."""
    out: list[Token] = []
    level = [obj]
    for _ in range(3):
        nxt: list[Token] = []
        for tok in level:
            for child in kids(tok):
                if child.dep_ == "prep":
                    if _recipient(child):
                        out.append(child)
                    nxt.extend(g for g in kids(child) if g.dep_ == "pobj")
        level = nxt
    return out


def _adjective(ent: SpacySpan) -> bool:
    """A demonym before a noun that is no body of people: "a South African ship"
    ("Iranian officials", "the German government" are actors)."""
    if ent.label_ != "NORP":
        return False
    head = ent.root.head
    if ent.root.dep_ not in ("amod", "compound", "nmod") or head.i == ent.root.i:
        return False
    lemma = head.lemma_.lower()
    return not (_a_body(lemma) or actor_class(lemma, "title") or head.ent_type_)


def _a_body(lemma: str) -> bool:
    """A noun of a body of people: a government, a ministry, armed forces, rebels."""
    return any(actor_class(lemma, c) for c in ("body", "military", "unnamed"))


def _body(ent: SpacySpan) -> tuple[str, int, int] | None:
    """The phrase of a body of people a demonym modifies ("the German foreign
    ministry", "French troops"), when it is the only demonym there (not "Russian
    and American officials", two countries' officials)."""
    head = ent.root.head
    if ent.root.dep_ not in ("amod", "compound", "nmod") or head.i == ent.root.i:
        return None
    if head.ent_type_ or not _a_body(head.lemma_.lower()):
        return None  # "Ethiopian warplanes" are a body of Ethiopia's too
    if any(c.dep_ == "conj" for c in kids(ent.root)) or ent.root.dep_ == "conj":
        return None
    span = ent.doc[ent.start : head.i + 1]
    if any(t.is_punct for t in span):
        return None
    return span.text, span.start_char, span.end_char


def _modifies_person(ent: SpacySpan) -> bool:
    """A country's name inside the title of a person ("US envoy Bill Richardson",
    "Zairean President Mobutu": the person, of that country), or a word of an
    office taken for an organisation ("Secretary of State Wendy Sherman"). A real
    organisation before a name is a party too: "State Department spokesman
    Nicholas Burns" speaks for the State Department."""
    if (
        ent.label_ == "ORG"
        and (len(ent) > 1 or gazetteer.organisation(ent.text) is not None)
        and gazetteer.country(ent.text, metonyms=False) is None
    ):
        return False
    doc = ent.doc
    t = ent.root
    for _ in range(4):
        if t.dep_ not in MODIFIER_DEPS and not (t.dep_ == "pobj" and t.head.dep_ == "prep"):
            break
        t = t.head if t.dep_ != "pobj" else t.head.head
        if t.ent_type_ == "PERSON" and not (ent.start <= t.i < ent.end):
            return True
        if any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in kids(t)):
            return True  # "his Albanian counterpart Bashkim Fino": the person
    following = doc[ent.end] if ent.end < len(doc) else None
    return (
        ent.label_ in ("ORG", "NORP", "GPE")
        and following is not None
        and following.ent_iob_ == "B"
        and following.ent_type_ == "PERSON"
    )


class Participants:
    """Finds the actors of events in one document."""

    def __init__(self, coref: Coreference) -> None:
        self.coref = coref

    def actor(self, ent: SpacySpan, role: str) -> Actor | None:
        label = ent.label_
        text, start, end = trimmed_name(ent)
        if not text or not any(ch.isalpha() for ch in text):
            return None
        if label == "PERSON":
            person = self.coref.person_at(ent.start)
            name = person.name if person is not None else text
            country = person.country if person is not None else country_of_person(ent)
            return Actor(name, text, start, end, label, role, country)
        if label == "NORP":
            found = gazetteer.country(text)
            code = found.alpha3 if found is not None else None
            body = _body(ent)
            if body is not None:
                # "the Zairean government", "French troops": the body, of that country
                name, start, end = body
                return Actor(name, name, start, end, label, role, code)
            if found is None:
                return Actor(text, text, start, end, label, role, None)
            return Actor(found.name, text, start, end, label, role, code)
        if label == "ORG":
            org = gazetteer.organisation(text)
            code = country_code(text) if org is None else None
            return Actor(text, text, start, end, label, role, code)
        state = gazetteer.country(text)
        if state is None:
            return Actor(text, text, start, end, label, role, None)
        if gazetteer.country(text, metonyms=False) is None:
            # "Tehran said": a capital or seat speaking is its government, the state
            return Actor(state.name, text, start, end, label, role, state.alpha3)
        return Actor(_state_name(text, state), text, start, end, label, role, state.alpha3)

    def from_phrase(self, head: Token, role: str) -> list[Actor]:
        """The actors named in one argument: its entities, or what its pronoun or
        description stands for."""
        doc = head.doc
        relative = relative_clause(head)
        described = antecedent(relative) if relative is not None else None
        if described is not None and described.i != head.i:
            return self.from_phrase(described, role)  # "the leader, who ..."
        if is_pronoun(head):
            people = self.coref.resolve(head)
            referent = self.coref.referent(head) if not people else None
            if referent is not None:  # "the ministry said it had demanded": the ministry
                return self.from_phrase(referent, role)
            return [self._person(p, head, role) for p in people]
        tokens = phrase(head)
        out: list[Actor] = []
        for ent in entities_in(tokens):
            if ent.label_ not in ACTOR_LABELS or _is_place(ent) or _modifies_person(ent):
                continue
            if _adjective(ent):
                continue
            actor = self.actor(ent, role)
            if actor is not None:
                out.append(actor)
        # names the entity recogniser missed: beside the entities it found ("envoys of
        # Armenia and Azerbaijan", Armenia unlabelled), or alone
        known = self._known_names(tokens, role, lone=not out)
        if known and not out:
            return known
        out = sorted(out + known, key=lambda a: a.start)
        if head.pos_ == "NOUN" and (not out or head.tag_ == "NNS"):
            # "the envoy", "the two sides", "Russian and American officials": a
            # description of people the document names
            out += [self._person(p, head, role) for p in self.coref.resolve(head)]
        if not out and _unnamed_party(head):
            return [_described(head, role)]  # "the rebels", "a multinational force"
        if not out and head.pos_ == "NOUN" and actor_class(head.lemma_.lower(), "title"):
            return []
        del doc
        return out

    def _known_names(self, tokens: list[Token], role: str, lone: bool = True) -> list[Actor]:
        """Proper nouns the entity recogniser missed but the gazetteer knows:
        "NATO" in "a Russia-NATO Council session"."""
        out = []
        for tok in tokens:
            if tok.pos_ != "PROPN" or tok.ent_type_:
                continue
            org = gazetteer.organisation(tok.text)
            if org is not None:
                out.append(
                    Actor(tok.text, tok.text, tok.idx, tok.idx + len(tok), "ORG", role, None)
                )
                continue
            if not tok.text.isalpha() or _hyphened(tok):
                continue  # "Greek-", "pro-India": a word of another
            state = gazetteer.country(tok.text, metonyms=False)
            in_place = tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS
            if state is not None and not in_place:  # "envoys of Armenia and Azerbaijan"
                end = tok.idx + len(tok)
                name = _state_name(tok.text, state)
                out.append(Actor(name, tok.text, tok.idx, end, "GPE", role, state.alpha3))
        head = tokens[0].head if len(tokens) == 1 and lone else None
        if not out and tokens and head is not None and tokens[0].dep_ in SUBJECTS | OBJECTS:
            # a lone name as subject or object the recogniser left unlabelled ("Ikeda
            # visited Seoul"): a party all the same, of a kind not known
            tok = tokens[0]
            subject = tok.dep_ in SUBJECTS  # a place as subject speaks for its people
            words = {tok.lemma_.lower(), tok.lower_.removesuffix("s")}  # a PROPN keeps its plural
            described = any(
                actor_class(w, c) for w in words for c in ("title", "group", "body", "anonymous")
            )
            if (
                tok.pos_ == "PROPN"
                and len(ent_of(tok.doc, tok)) == 1  # not a piece of a name ("Moo-hyun")
                and tok.text[:1].isalpha()
                and not described  # "Negotiators" capitalised after a dateline
                and (subject or gazetteer.place(tok.text) is None)
            ):
                person = self.coref.by_surname(tok.text, tok.idx)
                if person is not None:  # the surname of a person named before
                    return [self._person(person, tok, role)]
                out.append(Actor(tok.text, tok.text, tok.idx, tok.idx + len(tok), "", role, None))
        return out

    def _person(self, person: Person, mention: Token, role: str) -> Actor:
        return Actor(
            person.name,
            mention.text,
            mention.idx,
            mention.idx + len(mention),
            person.label,
            role,
            person.country,
        )

    def of_event(self, event: Token, clause: Token | None) -> list[Actor]:
        """The participants of the event named by `event`, whose clause is headed
        by `clause` (the event's own verb, or the verb that carries its noun)."""
        sources: list[Actor] = []
        targets: list[Actor] = []
        verb = clause if clause is not None and clause.pos_ in VERB_POS else None
        noun = event if event.pos_ in NOUN_POS else None
        # a noun that is the subject of its clause ("the talks began"), or an event
        # joined to another's clause ("a session follows ..., and a meeting on
        # Thursday"), takes none of the verb's subjects
        own_subject = noun is not None and noun.head.i == verb.i if verb is not None else False
        if own_subject and noun is not None and noun.dep_ not in SUBJECTS and noun.dep_ != "conj":
            own_subject = False
        if noun is not None and verb is not None and not _attended(noun):
            # "after the attack, Bush said": the verb's subject did not attack
            top = _under(noun, verb)
            own_subject = own_subject or (top is not None and top.lower_ in _WHEN_PREPS)
        if verb is not None and not own_subject:
            for child in kids(verb):
                if child.dep_ == "nsubjpass" and relative_clause(child) is not None:
                    # "Gao, who was sentenced": what the deed was done to
                    targets.extend(self.from_phrase(child, "target"))
                elif child.dep_ in SUBJECTS:
                    sources.extend(self.from_phrase(child, "source"))
                elif child.dep_ == "agent":
                    for pobj in kids(child):
                        if pobj.dep_ == "pobj":
                            sources.extend(self.from_phrase(pobj, "source"))
                elif child.dep_ in OBJECTS and child.i != (noun.i if noun is not None else -1):
                    targets.extend(self.from_phrase(child, "target"))
                    for prep in _recipients_in(child):  # "offered 10 million in aid to X"
                        self._prep(prep, sources, targets)
                elif child.dep_ == "prep":
                    self._prep(child, sources, targets)
            if verb.dep_ == "relcl" and not sources:
                # "Sherman, who led the delegation"; "the city, which was captured"
                # is what the deed was done to
                if any(c.dep_ == "nsubjpass" for c in kids(verb)):
                    targets.extend(self.from_phrase(antecedent(verb), "target"))
                else:
                    sources.extend(self.from_phrase(antecedent(verb), "source"))
            if verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD") and not sources:
                # "US food aid pledged in February": the state whose aid it is gave it
                for child in kids(verb.head):
                    if child.dep_ in ("compound", "amod", "nmod"):
                        named = self._modifier(child)
                        sources.extend(a for a in named if a.label in ("GPE", "NORP"))
            up = verb
            for _ in range(3):
                # "agreed to meet", "met ... and agreed", "was due to hold": the subject
                # is the governing verb's; "the rebels' success in taking the city", "the
                # side's decision to suspend flights": the noun's possessor
                gerund = up.dep_ == "pcomp" and up.head.dep_ == "prep" and up.tag_ == "VBG"
                if gerund:
                    up = up.head
                owner = possessor_of(up)
                if not sources and owner is not None:
                    sources.extend(self.from_phrase(owner, "source"))
                # "eased restrictions before holding talks": who eased them held them
                adjunct = gerund and up.dep_ == "prep" and up.head.pos_ in VERB_POS
                if sources or not (up.dep_ in ("xcomp", "conj", "advcl", "acomp") or adjunct):
                    break
                up = up.head
                for child in kids(up):
                    if child.dep_ in ("nsubj", "nsubjpass"):
                        sources.extend(self.from_phrase(child, "source"))
        if noun is not None:
            for child in kids(noun):
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    sources.extend(self._modifier(child))
                elif child.dep_ == "prep":
                    self._prep(child, sources, targets)
            if not sources:
                sources.extend(self._attendee(noun))
        return list(dedupe_actors([*sources, *targets]))

    def _attendee(self, noun: Token) -> list[Actor]:
        """Who acted in or around a meeting, talks or a visit its phrase names: the
        subject of the verb the phrase modifies, or of the verb that governs that one
        ("Cohen planned to visit troops before further meetings with Ikeda"), or the
        person a participle describes ("Fino, speaking after a meeting with Prodi")."""
        if not _attended(noun):
            return []
        t = noun
        for _ in range(3):
            if t.dep_ != "pobj" or t.head.dep_ != "prep":
                return []
            prep = t.head
            if prep.lower_ in ADJUNCT_PREPS and prep.head.pos_ in VERB_POS:
                break
            t = prep.head  # "in a round of talks": the phrase the noun is part of
        else:
            return []
        verb = prep.head
        for _ in range(3):
            if verb.pos_ not in VERB_POS:
                return []
            for child in kids(verb):
                if child.dep_ == "nsubj":
                    return self.from_phrase(child, "source")
            if verb.dep_ == "acl" and verb.tag_ == "VBG":  # "Fino, speaking after ..."
                return self.from_phrase(verb.head, "source")
            if verb.dep_ not in ("xcomp", "conj", "advcl"):
                return []
            verb = verb.head
        return []

    def _modifier(self, tok: Token) -> list[Actor]:
        """The actors in the words before an event noun: "Gingrich's visit", "his
        visit", "US-Russian talks", "a Russia-NATO Council session"."""
        if is_pronoun(tok):  # "his visit"
            return [self._person(p, tok, "source") for p in self.coref.resolve(tok)]
        tokens = phrase(tok, 12)
        out: list[Actor] = []
        for ent in entities_in(tokens):
            if ent.label_ in ACTOR_LABELS and not _modifies_person(ent):
                actor = self.actor(ent, "source")
                if actor is not None:
                    out.append(actor)
        return out + self._known_names(tokens, "source")

    def _prep(self, prep: Token, sources: list[Actor], targets: list[Actor]) -> None:
        word = prep.lower_
        if word not in TARGET_PREPS and word not in SOURCE_PREPS:
            return
        for pobj in kids(prep):
            if pobj.dep_ != "pobj":
                continue
            if word in SOURCE_PREPS:
                sources.extend(self.from_phrase(pobj, "source"))
            else:
                targets.extend(self.from_phrase(pobj, "target"))


# Words before a noun that are not part of what a party is called ("the", "their").
_NOT_NAMING = frozenset({"det", "poss", "predet", "case", "punct", "cc", "prep"})


def _unnamed_party(head: Token) -> bool:
    """A noun of a party without a name ("the rebels", "security forces"): plural, or
    with a determiner or a modifier ("a show of force" is no party)."""
    if head.pos_ != "NOUN" or not actor_class(head.lemma_.lower(), "unnamed"):
        return False
    return head.tag_ == "NNS" or any(c.dep_ in MODIFIER_DEPS | {"det"} for c in kids(head))


def _described(head: Token, role: str) -> Actor:
    """A party the text describes without a name, as its noun and the words before it
    ("rebels", "5,000-strong multinational force"); kind not known (label "")."""
    doc = head.doc
    start = min([head.i, *(c.left_edge.i for c in kids(head) if c.i < head.i)])
    while start < head.i and doc[start].dep_ in _NOT_NAMING:
        start += 1
    span = doc[start : head.i + 1]
    name = span.text
    if span[0].is_sent_start and span[0].pos_ != "PROPN" and not span[0].ent_type_:
        name = name[:1].lower() + name[1:]  # "Protesters marched": protesters
    return Actor(name, span.text, span.start_char, span.end_char, "", role, None)


def _state_name(text: str, state: gazetteer.Country) -> str:
    """A state's name as the text gives it, but an abbreviation spelled out ("US",
    "U.S.", "UK": the United States, the United Kingdom), so that one state is one
    name across articles; a name in words stays as written ("Britain")."""
    return state.name if not any(ch.islower() for ch in text) else text


def _hyphened(tok: Token) -> bool:
    """A token joined by a hyphen to the word before or after it ("pro-India")."""
    return (tok.i > 0 and glued(tok.doc[tok.i - 1])) or glued(tok)


def _attended(noun: Token) -> bool:
    hit = entry(noun)
    return hit is not None and hit.type in _ATTENDED


def _under(tok: Token, verb: Token) -> Token | None:
    """The dependent of `verb` whose subtree holds `tok`, if any."""
    t = tok
    for _ in range(8):
        if t.head.i == verb.i and t.i != verb.i:
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def with_states(actors: Iterable[Actor]) -> list[Actor]:
    """The actors, and the state each national office or body stands for ("the State
    Department" is the United States' too, "the Zairean government" Zaire's), as a
    party of its own with the same role; a person keeps the state only as `country`."""
    out: list[Actor] = []
    for actor in actors:
        named = gazetteer.country(actor.name, metonyms=False) if actor.label == "ORG" else None
        if named is not None:  # "the DPRK", "ROK" taken for organisations: the state itself
            out.append(replace(actor, name=named.name, label="GPE", country=named.alpha3))
            continue
        out.append(actor)
        if actor.country is None or actor.label not in ("ORG", "NORP"):
            continue
        seat = gazetteer.state(actor.country)
        if seat is None or seat.name == actor.name:
            continue
        out.append(
            Actor(seat.name, actor.text, actor.start, actor.end, "GPE", actor.role, actor.country)
        )
    return out
