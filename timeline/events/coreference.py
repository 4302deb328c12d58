"""Coreference of people and groups within one document, from the text alone.

The people a document names are read once, in order (`Coreference`): each
PERSON entity with the fullest name the document gives it ("Kabila" is
"Laurent Kabila" once the text has said so), the titles it was given ("US
envoy Bill Richardson": envoy; "Nzanga Mobutu, the president's son and
spokesman": son, spokesman) and its country. Then:

- a personal pronoun ("he", "she", "his") is the last person named before it,
  in its sentence or the two before, a subject preferred;
- a description with a title ("the envoy", "the US envoy", "the minister")
  is the last person given that title (and, if the description says, that
  country);
- a group ("the two sides", "both leaders", "the two envoys") is the
  participants of the last event that had several (`note_participants`);
- a body's statement ("the State Department said") is also its spokesperson's,
  when the document names one of that body ("State Department spokesman
  Nicholas Burns") and one only (`voice_of`);
- "it" and "they" (`referent`) are the subject of the clause that embeds
  theirs ("the ministry said it had demanded", "the rebels have advanced since
  they launched their offensive"), else the subject of the sentence before,
  when its number agrees and it is no person.

These are the rules news prose follows; they are not a general coreference
system, and a pronoun that none of them resolves stays unresolved.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from timeline import gazetteer
from timeline.events.lexicon import actor_class
from timeline.events.predicates import entry
from timeline.events.spans import ent_of, phrase, trimmed_name
from timeline.events.tree import kids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

PERSONAL = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
_SUBJECTS = ("nsubj", "nsubjpass")
# Clauses whose subject is bound by the clause they hang from ("said it would",
# "advanced since they launched", "met and agreed").
_EMBEDDED = frozenset({"ccomp", "xcomp", "advcl", "conj", "relcl"})
_PRONOUN_HOPS = 3  # "they ... they ... they": followed back this far at most
NUMBERS = frozenset({"two", "both", "three", "four", "all"})
LOOKBACK_CHARS = 800  # a pronoun names someone of its sentence or the two before
TITLE_LOOKBACK_CHARS = 6000  # a title may point further back ("the envoy" in paragraph five)


def is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON" or tok.lower_ in PERSONAL or tok.lower_ in PLURAL


@dataclass(frozen=True, slots=True)
class Person:
    """Someone a pronoun or description stands for."""

    name: str
    label: str = "PERSON"
    country: str | None = None


@dataclass(slots=True)
class _Mention:
    start_char: int
    token: int  # index of the entity's first token
    person: Person
    titles: frozenset[str]
    subject: bool
    end_char: int = 0
    body: tuple[str, ...] = ()  # the folded words of the body a spokesperson speaks for


@dataclass(slots=True)
class _Group:
    start_char: int
    members: tuple[Person, ...]


@dataclass(slots=True)
class Coreference:
    """The people of one document, and what its pronouns and descriptions stand for."""

    doc: Doc
    _mentions: list[_Mention] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list)
    _by_token: dict[int, _Mention] = field(default_factory=dict)
    _groups: list[_Group] = field(default_factory=list)
    _read: bool = False

    def _read_people(self) -> None:
        if self._read:
            return
        self._read = True
        names: list[tuple[str, ...]] = []
        full: dict[str, str] = {}
        for ent in self.doc.ents:
            if ent.label_ != "PERSON":
                continue
            text = trimmed_name(ent)[0]
            # a title taken into the name ("General Likulia") is no part of it
            words = tuple(
                w
                for w in text.replace(".", ". ").split()
                if w not in ("Mr.", "Mrs.", "Ms.", "Dr.") and not actor_class(w.lower(), "title")
            )
            if not words:
                continue
            # the earliest longer name that holds every word of this one
            name = next(
                (" ".join(n) for n in names if len(n) > len(words) and set(words) <= set(n)),
                text,
            )
            if name == text:
                names.append(words)
            full[text] = name
            person = Person(name, "PERSON", country_of_person(ent))
            mention = _Mention(
                ent.start_char,
                ent.start,
                person,
                _titles(ent),
                ent.root.dep_ in ("nsubj", "nsubjpass")
                or ent.root.head.dep_ in ("nsubj", "nsubjpass"),
                ent.end_char,
                _voice_of(ent),
            )
            self._mentions.append(mention)
            self._by_token[ent.start] = mention
        # a name said in full later counts for the earlier short mentions too
        for m in self._mentions:
            own = set(m.person.name.split())
            for n in names:
                if len(n) > len(own) and own <= set(n):
                    m.person = Person(" ".join(n), "PERSON", m.person.country)
                    break
        self._starts = [m.start_char for m in self._mentions]

    def person_at(self, token: int) -> Person | None:
        """The person whose name starts at token `token`, with the fullest name."""
        self._read_people()
        m = self._by_token.get(token)
        return m.person if m is not None else None

    def by_surname(self, word: str, char: int) -> Person | None:
        """The person named before `char` whose name ends in `word`: "Garibashvili" at
        the start of a sentence, which the entity recogniser may leave unlabelled."""
        self._read_people()
        for m in reversed(self._mentions):
            if m.start_char < char and m.person.name.split()[-1] == word:
                return m.person
        return None

    def voice_of(self, body: str) -> tuple[Person, int, int] | None:
        """The one person the document names as speaking for the body named `body`
        ("the Norwegian Foreign Ministry" is the "Foreign Ministry" of "Foreign Ministry
        spokeswoman Anna Berg"), with where it names them; None if none, or several."""
        self._read_people()
        words = set(gazetteer.fold(body).split())
        found = {
            m.person.name: m
            for m in self._mentions
            if m.body and (set(m.body) <= words or words <= set(m.body))
        }
        if len(found) != 1:
            return None
        m = next(iter(found.values()))
        return m.person, m.start_char, m.end_char

    def _before(self, char: int, window: int) -> list[_Mention]:
        self._read_people()
        hi = bisect.bisect_left(self._starts, char)
        lo = bisect.bisect_left(self._starts, char - window)
        return self._mentions[lo:hi]

    def resolve(self, tok: Token) -> list[Person]:
        """What a pronoun or a description stands for, or nothing."""
        lower = tok.lower_
        if lower in PERSONAL:
            recent = self._before(tok.idx, LOOKBACK_CHARS)
            if not recent:
                return []
            subjects = [m for m in recent if m.subject]
            return [(subjects or recent)[-1].person]
        if tok.pos_ != "NOUN":
            return []
        lemma = tok.lemma_.lower()
        det = [c.lower_ for c in kids(tok) if c.dep_ in ("det", "nummod", "predet")]
        plural = tok.tag_ in ("NNS", "NNPS")
        # "the two leaders", "both sides": a group named before ("four Kurd leaders" is new)
        definite = "both" in det or any(d in ("the", "these", "those", "all") for d in det)
        if plural and actor_class(lemma, "group") and definite and any(d in NUMBERS for d in det):
            # "the two leaders" are people; "the two sides", "both countries" may be states
            return self._group(tok.idx, people=actor_class(lemma, "title"))
        if (
            plural
            and (actor_class(lemma, "body") or actor_class(lemma, "title"))
            and not actor_class(lemma, "military")  # "Turkish troops" are not its leaders
        ):
            return self._of_countries(tok)
        if not plural and "the" in det and actor_class(lemma, "title"):
            return self._titled(tok, lemma)
        return []

    def referent(self, tok: Token) -> Token | None:
        """The head of the phrase "it" or "they" stands for, or None: the subject of a
        clause its own clause is embedded in, else the subject of the sentence before;
        one whose number agrees ("they": a plural or a conjunction; "it": a singular)
        and that is no person (he or she would say so). An "it" of "it was", "it is
        likely" stands for nothing; "they said they would" is what the first one is,
        followed back a few pronouns at most."""
        lower = tok.lower_
        if lower not in NEUTER and lower not in PLURAL:
            return None
        plural = lower in PLURAL
        for _ in range(_PRONOUN_HOPS):
            found = self._bound(tok, plural)
            if found is None or not is_pronoun(found):
                return found
            if found.lower_ not in (PLURAL if plural else NEUTER):
                return None
            tok = found
        return None

    def _bound(self, tok: Token, plural: bool) -> Token | None:
        """The subject that binds `tok` (`referent`), which may be a pronoun itself."""
        if tok.dep_ not in (*_SUBJECTS, "poss"):
            return None  # an object "it" is seldom a party ("voted it the best film")
        clause = tok.head if tok.dep_ != "poss" else tok.head.head
        if clause.pos_ not in ("VERB", "AUX"):
            return None
        if tok.lower_ == "it" and clause.lemma_ == "be":
            return None
        up = clause
        for _ in range(3):
            if up.dep_ not in _EMBEDDED or up.head.i == up.i:
                break
            up = up.head
            found = self._agreeing(up, plural, before=tok.i)
            if found is not None:
                return found
        sentence = tok.sent
        if sentence.start == 0:
            return None
        found = self._agreeing(self.doc[sentence.start - 1].sent.root, plural, before=tok.i)
        if found is not None and any(c.lower_ == found.lower_ for c in kids(clause)):
            return None  # "it took Brazil" cannot be Brazil
        return found

    def _agreeing(self, verb: Token, plural: bool, before: int) -> Token | None:
        subject = next((c for c in kids(verb) if c.dep_ in _SUBJECTS), None)
        if subject is None or subject.i >= before:
            return None
        if is_pronoun(subject):
            return subject  # followed back by `referent`
        lemma = subject.lemma_.lower()
        # one titled person is "he" or "she"; "the ministers said they" is fine
        if subject.ent_type_ == "PERSON" or (not plural and actor_class(lemma, "title")):
            return None
        # no anonymous speaker ("analysts believe they will"), no deed ("the eruption
        # ... it erupted"): neither is who acts in the clause of the pronoun
        if actor_class(lemma, "anonymous") or entry(subject) is not None:
            return None
        many = subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in kids(subject))
        # an organisation is "they" as often as "it" ("the Alliance ... they have seized")
        many = many or (plural and subject.ent_type_ == "ORG")
        if many != plural or subject.pos_ not in ("NOUN", "PROPN"):
            return None
        return subject

    def _titled(self, tok: Token, lemma: str) -> list[Person]:
        country = None
        for child in kids(tok):
            if child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE"):
                found = gazetteer.country(child.text)
                country = found.alpha3 if found is not None else None
        for m in reversed(self._before(tok.idx, TITLE_LOOKBACK_CHARS)):
            if lemma in m.titles and (country is None or m.person.country == country):
                return [m.person]
        return []

    def _of_countries(self, tok: Token) -> list[Person]:
        """ "Russian and American officials", "Iranian diplomats": the people of those
        countries the document names with a title, before or after (a lead often
        names the delegations before their heads)."""
        codes: set[str] = set()
        for child in kids(tok):
            if child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in ("NORP", "GPE"):
                for t in [child, *(c for c in kids(child) if c.dep_ == "conj")]:
                    code = country_code(t.text)
                    if code is not None:
                        codes.add(code)
        if not codes:
            return []
        self._read_people()
        out: dict[str, Person] = {}
        for m in self._mentions:
            if m.person.country in codes and m.titles and m.person.name not in out:
                out[m.person.name] = m.person
        return list(out.values())

    def note_participants(self, start_char: int, people: Sequence[Person]) -> None:
        """The participants of an event at `start_char`, for "the two sides" after it."""
        if len(people) >= 2:
            self._groups.append(_Group(start_char, tuple(people)))

    def _group(self, char: int, people: bool = False) -> list[Person]:
        """The participants of the last event before `char` with several of them; for
        `people` ("the two leaders"), the last with two persons, else the last with
        one (its state taking part for the other: "the U.S. president")."""
        near = [
            g
            for g in reversed(self._groups)
            if g.start_char < char and char - g.start_char <= TITLE_LOOKBACK_CHARS
        ]
        if not people:
            return list(near[0].members) if near else []
        for least in (2, 1):
            for g in near:
                if sum(m.label == "PERSON" for m in g.members) >= least:
                    return list(g.members)
        return []


def country_code(text: str) -> str | None:
    hit = gazetteer.country(text)
    return hit.alpha3 if hit is not None else None


def country_of_person(doc_ent: SpacySpan) -> str | None:
    """The country of a person from the names in its title: "Iranian Foreign Minister X",
    "Zaire's President Mobutu", "his Russian counterpart, X", "X, Iran's foreign minister".
    Only the person's own phrase is read, never the words before it in the sentence."""
    doc = doc_ent.doc
    root = doc_ent.root
    # (the words before the name in its own phrase, at most eight: never the rest
    # of the sentence, which a deep parse could make long)
    scopes = list(doc[max(root.left_edge.i, doc_ent.start - 8) : doc_ent.start])
    if root.dep_ == "appos":  # "his Russian counterpart, Deputy Foreign Minister X"
        head = root.head
        scopes += list(doc[max(head.left_edge.i, head.i - 8) : head.i + 1])
    for child in kids(root):
        if child.dep_ == "appos":
            scopes += phrase(child, 8)
    for tok in scopes:
        if doc_ent.start <= tok.i < doc_ent.end:
            continue
        if tok.ent_type_ in ("NORP", "GPE"):
            code = country_code(trimmed_name(ent_of(doc, tok))[0])
        elif tok.pos_ in ("PROPN", "ADJ"):  # a demonym the recogniser took for a name
            code = country_code(tok.text)
        else:
            continue
        if code is not None:
            return code
    return None


def _before_name(ent: SpacySpan) -> list[Token]:
    """The words of a name's own phrase before it, nearest first ("US envoy Bill
    Richardson": envoy, US); never across a verb or a comma ("the envoy met
    President Mobutu": Mobutu is no envoy)."""
    out: list[Token] = []
    for tok in reversed(ent.doc[max(0, ent.start - 6) : ent.start]):
        if (tok.is_punct and tok.text not in ("-", ".")) or tok.pos_ in ("VERB", "AUX"):
            break
        out.append(tok)
    return out


def _titles(ent: SpacySpan) -> frozenset[str]:
    """The title words given to a person where it is named: the nouns of its own
    phrase before the name, and of an apposition after it."""
    out: set[str] = set()
    for tok in _before_name(ent):
        if tok.pos_ in ("NOUN", "PROPN") and actor_class(tok.lemma_.lower(), "title"):
            out.add(tok.lemma_.lower())
    for child in kids(ent.root):
        if child.dep_ == "appos":
            for tok in phrase(child, 10):
                if tok.pos_ == "NOUN" and actor_class(tok.lemma_.lower(), "title"):
                    out.add(tok.lemma_.lower())
    if ent.root.dep_ == "appos":  # "the envoy, Bill Richardson"
        head = ent.root.head
        if head.pos_ == "NOUN" and actor_class(head.lemma_.lower(), "title"):
            out.add(head.lemma_.lower())
    return frozenset(out)


def _voice_of(ent: SpacySpan) -> tuple[str, ...]:
    """The body a person is named as speaking for: the organisation in the phrase of a
    spokesperson's title ("State Department spokesman Nicholas Burns", "Nicholas
    Burns, a State Department spokesman"), as folded words."""
    doc = ent.doc
    appositions = [list(phrase(c, 10)) for c in kids(ent.root) if c.dep_ == "appos"]
    phrases = [_before_name(ent), *appositions]
    for words in phrases:
        if not any(actor_class(t.lemma_.lower(), "voice") for t in words):
            continue
        for tok in words:
            if tok.ent_type_ == "ORG":
                return tuple(gazetteer.fold(trimmed_name(ent_of(doc, tok))[0]).split())
    return ()
