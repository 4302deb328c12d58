"""Summaries: one clause a person would write, built from the parse.

Who does what (to whom) (where): the subject's phrase (a pronoun replaced by
whom it stands for), the verb in the past for what occurred and with "to" for
what is planned ("U.S. and Iranian foreign ministers to meet in Oslo"), its
object and the phrase that names the other party, and the place. A noun event
is its own phrase ("Russia-NATO Council session"), or the clause of the verb
that carries it ("The envoy held bilateral meetings in Rome"). A statement
says what was stated, in the words of its content clause. Phrases are taken
whole or left out, never cut in the middle; dates are left out (they have
their own field).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING

from timeline.events import lexicon
from timeline.events.places import LEAVING
from timeline.events.predicates import OBJECTS, PLACE_PREPS, SUBJECTS, VERB_POS, last_time
from timeline.events.tree import HYPHENS, antecedent, glued, kids, possessor_of, relative_clause

if TYPE_CHECKING:
    from spacy.tokens import Token

MAX_PHRASE_WORDS = 9  # a phrase longer than this is given by its core only
MAX_WORDS = 22
ARTICLES = frozenset({"a", "an", "the"})
# The phrase after a verb that names the other party: "met with", "sanctions on"
PARTY_PREPS = frozenset({"with", "between", "on", "against", "to", "for", "by"})
# Dependents that never go into a summary phrase
DROP_DEPS = frozenset(
    {"relcl", "acl", "appos", "advcl", "parataxis", "ccomp", "mark", "meta", "dep"}
)
KEPT_PUNCT = frozenset({"-", "–", "/", "&", "'", "’"})
ARGUMENT_PREPS = frozenset(
    {"with", "between", "on", "against", "to", "of", "for", "from", "into", "over", "toward",
     "towards", "by"}
)  # fmt: skip
Namer = Callable[["Token"], "str | None"]


_POSSESSIVE_END = re.compile(r"(?<=s)['’]$|['’]s$")


def _named_in_apposition(head: Token) -> Token:
    """The name a described subject is given beside it ("the president's son Nzanga
    Mobutu said": Nzanga Mobutu), else the subject. A list in apposition glosses the
    description and an abbreviation in brackets only repeats it; an object's
    apposition is too often a misparse ("led the coup, Chavez") to be trusted."""
    if head.pos_ != "NOUN" or head.dep_ not in SUBJECTS:
        return head
    for c in kids(head):
        if c.dep_ != "appos" or c.pos_ != "PROPN" or not c.ent_type_:
            continue
        if any(g.dep_ == "conj" for g in kids(c)):
            continue
        if any(t.text in ("(", "[") for t in c.doc[c.left_edge.i - 1 : c.right_edge.i + 1]):
            continue  # "the party, the Action Congress (AC)"
        return c
    return head


def _named_possessor(tok: Token) -> Token | None:
    """`possessor_of`, unless a pronoun: "their efforts to achieve the goals" says no
    more than "to achieve the goals"."""
    owner = possessor_of(tok)
    return owner if owner is not None and owner.tag_ != "PRP$" else None


def _complement_gerund(verb: Token, gerund: Token) -> bool:
    """A gerund right after its verb is what the verb does ("ruled out sending troops");
    one set off by a comma or after other words tells what followed ("collapsed,
    killing two workers"; "withdrew from the territory in 1975, prompting ...")."""
    if gerund.dep_ != "advcl" or gerund.tag_ != "VBG" or gerund.i <= verb.i:
        return False
    before = verb.doc[gerund.left_edge.i - 1]
    return before.i == verb.i or (before.dep_ == "prt" and before.head.i == verb.i)


def _inflect(lemma: str, tag: str) -> str:
    from lemminflect import getInflection

    forms = getInflection(lemma, tag)
    return forms[0] if forms else lemma


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" ,;:-–—")


class Summarizer:
    """Builds summaries in one document; `skip` are tokens never said (dates)."""

    def __init__(self, skip: Collection[int], namer: Namer) -> None:
        self.skip = skip
        self.namer = namer
        self.place: int | None = None  # the token of the event's place, said apart
        self.speaker: str | None = None  # who says a statement, named once in it

    # --- phrases
    def _tokens(self, head: Token, full: bool = True) -> list[Token]:
        out: list[Token] = []
        stack = [head]
        while stack and len(out) < 60:
            tok = stack.pop()
            if tok.i in self.skip:
                continue
            out.append(tok)
            for child in kids(tok):
                if child.i in self.skip:
                    continue
                if (
                    tok.ent_iob_ in ("B", "I")
                    and child.ent_iob_ == "I"
                    and child.ent_type_ == tok.ent_type_
                ):
                    stack.append(child)  # a name is said whole ("Cooperation in Europe")
                    continue
                if child.dep_ in DROP_DEPS:
                    continue
                if child.dep_ == "punct" and child.text not in KEPT_PUNCT and not _in_list(child):
                    continue
                if child.dep_ == "cc" and not any(
                    c.dep_ == "conj" and c.pos_ not in VERB_POS for c in kids(tok)
                ):
                    continue
                if child.dep_ == "conj" and child.pos_ in VERB_POS:
                    continue
                if child.dep_ == "prep":
                    if not full or child.lower_ not in ARGUMENT_PREPS:
                        continue
                    if all(g.i in self.skip for g in kids(child) if g.dep_ == "pobj"):
                        continue
                if (
                    child.dep_ in ("npadvmod", "advmod")
                    and tok.pos_ in VERB_POS
                    and not _joined(child, tok)  # "the US-led invasion" keeps its "US"
                ):
                    continue
                stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def phrase(self, head: Token, limit: int = MAX_PHRASE_WORDS, inside: bool = True) -> str:
        """A noun phrase, whole when short, else its core (modifiers and noun); `inside`
        a summary, the capital of a common word that opens its sentence is dropped."""
        if head.pos_ == "PRON" and head.tag_ != "PRP$":
            # "he said": whom the pronoun stands for; "his entourage" stays as written;
            # "Tung said he had scrapped plans": the speaker is named once
            named = self.namer(head)
            return head.text if named is None or self._is_speaker(named) else named
        head = _named_in_apposition(head)
        toks = self._tokens(head)
        if _words(toks) > limit:
            toks = self._tokens(head, full=False)
        if _words(toks) > limit:
            window = [t for t in toks if t.i >= head.i - limit + 1 and t.i <= head.i]
            toks = _whole_start(window, head)
        return _text(toks, inside)

    def _is_speaker(self, name: str) -> bool:
        """Whether a name is the speaker's ("Tung" and "Tung Chee-hwa")."""
        if self.speaker is None:
            return False
        return bool(set(name.split()) & set(self.speaker.split()))

    # --- clauses
    def clause(
        self, verb: Token, planned: bool, as_written: bool = False, nested: bool = False
    ) -> str:
        """Subject, verb, object and other party of a verb's clause; with no object, its
        complement ("is ready to help", "expected the deal to close": one clause deep)."""
        subj = next((c for c in kids(verb) if c.dep_ in SUBJECTS), None)
        # the noun a participle describes ("the accords due to be signed")
        described: Token | None = None
        up = verb
        for _ in range(4):
            # "was due to hold", "agreed to meet", "said, reversing a profit", "hoped to
            # give ... after electing a successor": the governing verb's subject
            if subj is not None or up.head.i == up.i:
                break
            if up.dep_ == "pcomp" and up.head.dep_ == "prep" and up.tag_ == "VBG":
                up = up.head
                if (owner := _named_possessor(up)) is not None:
                    subj = owner  # "the rebels' success in taking the city"
                    break
            elif (owner := _named_possessor(up)) is not None:
                subj = owner  # "the side's decision to suspend flights"
                break
            elif not (
                up.dep_ in ("xcomp", "conj", "acomp")
                or (up.dep_ == "advcl" and up.tag_ == "VBG")
                or (up.dep_ == "prep" and up.head.pos_ in VERB_POS)
            ):
                if up.dep_ in ("amod", "acl") and up.head.pos_ in ("NOUN", "PROPN"):
                    described = up.head
                break
            up = up.head
            subj = next((c for c in kids(up) if c.dep_ in ("nsubj", "nsubjpass")), None)
        parts: list[str] = []
        relative = relative_clause(subj) if subj is not None else None
        if relative is not None and subj is not None and subj.head in (verb, verb.head):
            # "Lubumbashi, which was captured ...", "the budget, which is to be approved":
            # what the relative pronoun stands for
            parts.append(self.phrase(antecedent(relative), 6) or subj.text)
        elif subj is not None:
            # a possessor is the subject without its "'s" ("the rebels' success")
            parts.append(_POSSESSIVE_END.sub("", self.phrase(subj)))
        elif described is not None:
            # the noun without the participle itself ("the accords [due to be signed]")
            inside = range(up.left_edge.i, up.right_edge.i + 1)
            toks = [t for t in self._tokens(described) if t.i not in inside]
            parts.append(_text(toks[-6:] if len(toks) > 6 else toks))
        parts.append(self.verb_group(verb, planned, as_written))
        obj = next((c for c in kids(verb) if c.dep_ in OBJECTS), None)
        if (
            obj is not None
            and self.place is not None
            and obj.left_edge.i <= self.place <= obj.i
            and verb.lemma_ in ("meet", "hold", "sign", "talk")
        ):
            obj = None  # "meet ... a South African ship" misparsed: the place is said apart
        if obj is not None:
            parts.append(self.phrase(obj))
            second = (
                next(
                    (c for c in kids(verb) if c.dep_ == "dobj" and c.i > obj.i),
                    None,
                )
                if obj.dep_ == "dative"
                else None
            )
            if second is not None:  # "granted Kenya [Approved Destination Status]"
                parts.append(self.phrase(second))
        elif (acomp := next((c for c in kids(verb) if c.dep_ == "acomp"), None)) is not None:
            parts.append(self.phrase(acomp, 8))  # "Russia is ready to help"
        elif (
            not nested
            and (ccomp := next((c for c in kids(verb) if c.dep_ == "ccomp" and c.i > verb.i), None))
            is not None
        ):
            # "the LTTE reiterated it will advise": the subject is named once
            outer = self.speaker
            if outer is None and subj is not None:
                self.speaker = parts[0]
            parts.append(self.clause(ccomp, planned, as_written=True, nested=True))
            self.speaker = outer
        elif (
            comp := next(
                (
                    c
                    for c in kids(verb)
                    if c.dep_ in ("xcomp", "pcomp") or _complement_gerund(verb, c)
                ),
                None,
            )
        ) is not None:
            parts.append(self.infinitive(comp))  # "agreed to meet", "ruled out sending troops"
        # "rates were still at low levels": a copula with no complement says where or
        # how its subject is by a prepositional phrase, which the clause needs
        copula = verb.lemma_ == "be" and not any(
            c.dep_ in (*OBJECTS, "acomp", "ccomp", "xcomp") for c in kids(verb)
        )
        for prep in kids(verb):
            # "withdrew from Lebanon": where a departure leaves is said as written
            left = prep.lower_ == "from" and verb.lemma_.lower() in LEAVING
            # "marched into Kinshasa": the preposition is part of what the verb means
            moved = prep.lower_ in PLACE_PREPS and _means_with(verb, prep.lower_)
            if prep.dep_ == "agent" or (
                prep.dep_ == "prep" and (prep.lower_ in PARTY_PREPS or left or moved or copula)
            ):
                if any(g.i in self.skip for g in kids(prep)):
                    continue
                toks = self._tokens(prep)
                if 1 < len(toks) <= 8:
                    parts.append(_text(toks))
                    break
        return _clean(" ".join(p for p in parts if p))

    def addressee(self, verb: Token) -> str:
        """Whom a verb of speech addresses: its object, or its "on" or "with" phrase
        ("called on Kabila"), as written."""
        obj = next((c for c in kids(verb) if c.dep_ in OBJECTS), None)
        if obj is not None:
            return self.phrase(obj)
        for prep in kids(verb):
            if prep.dep_ == "prep" and prep.lower_ in ("on", "upon", "with"):
                toks = self._tokens(prep)
                if 1 < len(toks) <= 8:
                    return _text(toks)
        return ""

    def infinitive(self, verb: Token) -> str:
        """ "to hold talks in South Africa" (an xcomp, as written)."""
        to = any(c.lower_ == "to" and c.dep_ == "aux" for c in kids(verb))  # not "to the region"
        parts = ["to" if to else "", _hyphenated(verb)]
        prt = next((c for c in kids(verb) if c.dep_ == "prt"), None)
        if prt is not None:
            parts.append(prt.text)
        obj = next((c for c in kids(verb) if c.dep_ in OBJECTS), None)
        if obj is not None:
            parts.append(self.phrase(obj, 6))
        elif (acomp := next((c for c in kids(verb) if c.dep_ == "acomp"), None)) is not None:
            parts.append(self.phrase(acomp, 6))  # "to get well prepared for the cutoff"
        return _clean(" ".join(p for p in parts if p))

    def verb_group(self, verb: Token, planned: bool, as_written: bool) -> str:
        prt = " ".join(c.text for c in kids(verb) if c.dep_ == "prt")
        neg = any(c.dep_ == "neg" for c in kids(verb))
        # "have not met since October 1994" dates when they last met
        last = neg and any(
            last_time(verb, pobj)
            for prep in kids(verb)
            if prep.lower_ == "since"
            for pobj in kids(prep)
        )
        if last:
            return _clean(f"last {_inflect(verb.lemma_.lower(), 'VBD')} {prt}")
        if as_written:
            aux = [c for c in kids(verb) if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
            # as the text writes them: "wouldn't", not "would n't"
            return _clean(f"{_as_written([*aux, verb])} {prt}")
        passive = any(c.dep_ == "auxpass" for c in kids(verb))
        lemma = verb.lemma_.lower()
        if planned:
            core = f"to be {_inflect(lemma, 'VBN')}" if passive else f"to {lemma}"
            if neg:
                core = "not " + core
        elif passive:
            plural = any(c.dep_ == "nsubjpass" and _plural(c) for c in kids(verb))
            core = ("were " if plural else "was ") + _inflect(lemma, "VBN")
        else:
            core = _inflect(lemma, "VBD")
            if neg:
                core = "did not " + lemma
        return _clean(f"{core} {prt}")

    def purposed(self, verb: Token) -> str:
        """The noun an infinitive completes, and the infinitive: "the Greek side's
        decision to suspend overflights", "Their efforts to achieve free trade"."""
        inside = range(verb.left_edge.i, verb.right_edge.i + 1)
        toks = [t for t in self._tokens(verb.head) if t.i not in inside]
        noun = _text(_whole_start(toks[-8:], verb.head) if len(toks) > 8 else toks)
        return _clean(f"{noun} {self.infinitive(verb)}")

    def noun_event(self, noun: Token) -> str:
        """The noun's phrase; a bare one with what it is for ("talks scheduled for May 12
        to discuss US claims" is "Talks to discuss US claims")."""
        text = self.phrase(noun, 18)
        if len(text.split()) >= 3:
            return text
        purpose = _purpose(noun)
        return f"{text} {self.infinitive(purpose)}" if purpose is not None else text


def _purpose(noun: Token) -> Token | None:
    """The infinitive that says what an event noun is for: its own ("talks to discuss"),
    or that of the participle describing it ("talks scheduled for May 12 to discuss")."""
    for child in kids(noun):
        if child.dep_ != "acl" or child.pos_ not in VERB_POS:
            continue
        if _is_infinitive(child):
            return child
        for grand in kids(child):
            if grand.dep_ in ("xcomp", "advcl") and _is_infinitive(grand):
                return grand
    return None


def _whole_start(toks: list[Token], head: Token) -> list[Token]:
    """A phrase cut before its head, begun at a word: not at the "'s" or the middle of
    a name the cut left behind ("'s widely-acclaimed budget" is "widely-acclaimed
    budget"; of "Minister Palaniappan Chidambaram's budget", "Chidambaram's"). Other
    names, and one the head ends, are kept as cut ("Economic Cooperation Leaders' Meeting")."""
    own = head.ent_iob_ == "I"
    k = 0
    while k < len(toks) - 1:
        tok, nxt = toks[k], toks[k + 1]
        inside = (  # a person's cut name: the surname is enough
            not own
            and tok.ent_type_ == nxt.ent_type_ == "PERSON"
            and tok.ent_iob_ == nxt.ent_iob_ == "I"
        )
        if tok.dep_ in ("case", "punct", "cc") or inside:
            k += 1
            continue
        break
    return toks[k:]


def _plural(subject: Token) -> bool:
    """ "officials", "we", "the envoy and his aides": a subject that takes "were"."""
    return (
        subject.tag_ in ("NNS", "NNPS")
        or subject.lower_ in ("we", "they", "you")
        or any(c.dep_ == "conj" for c in kids(subject))
    )


def _joined(left: Token, right: Token) -> bool:
    """Whether a hyphen joins two words with no space ("US-led", "Saudi-funded")."""
    if left.i + 2 != right.i:
        return False
    hyphen = left.doc[left.i + 1]
    return hyphen.text in HYPHENS and glued(left) and glued(hyphen)


def _hyphenated(tok: Token) -> str:
    """A word with the pieces hyphens join to it, which the parse may have split off
    ("re-open" parsed as "re", "-", "open")."""
    doc, end = tok.doc, tok.i
    while end + 2 < len(doc) and _joined(doc[end], doc[end + 2]):
        end += 2
    return doc[tok.i : end + 1].text


def _is_infinitive(verb: Token) -> bool:
    return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids(verb))


def _words(tokens: list[Token]) -> int:
    return sum(not t.is_punct for t in tokens)


def _in_list(comma: Token) -> bool:
    """A comma between the names of a list ("residents, enterprises and offices")."""
    if comma.text != ",":
        return False
    ends = [c.i for c in kids(comma.head) if c.dep_ == "conj" and c.pos_ not in VERB_POS]
    return bool(ends) and comma.head.i < comma.i < max(ends)


def _text(tokens: list[Token], inside: bool = True) -> str:
    """Tokens as the text writes them, a space where a run of tokens breaks off; `inside`
    a summary, "The ministry" that opens its sentence is "the ministry". A word cut
    inside its hyphens is made whole ("ships re-flagged"): no word is cut."""
    tokens = _whole_words(tokens)
    tokens = [
        t
        for k, t in enumerate(tokens)
        # a list's comma stays only between the words it stood between
        if t.text != ","
        or (0 < k < len(tokens) - 1 and tokens[k - 1].i == t.i - 1 and tokens[k + 1].i == t.i + 1)
    ]
    text = _clean(_as_written(tokens))
    if inside and tokens and _opens_sentence(tokens[0]) and _common(tokens[0]):
        text = text[:1].lower() + text[1:]
    if text.lower().split(" ", 1)[0] in ARTICLES and len(text.split()) > 1:
        first, rest = text.split(" ", 1)
        text = rest if first.lower() in ("a", "an") else text
    return text


def _as_written(tokens: list[Token]) -> str:
    """Tokens as the text writes them, a space where a run of tokens breaks off."""
    out: list[str] = []
    prev: Token | None = None
    for tok in tokens:
        if prev is not None:
            out.append(prev.whitespace_ if tok.i == prev.i + 1 else " ")
        out.append(tok.text)
        prev = tok
    return "".join(out)


_WORD_PIECES = 4  # pieces of one hyphened word added at either end, at most


def _whole_words(tokens: list[Token]) -> list[Token]:
    """The tokens with the rest of a hyphened word cut at either end ("Roh Moo[-hyun]",
    "seek re[-election]", "[18-]year-old"), a few pieces at most."""
    if not tokens:
        return tokens
    doc = tokens[0].doc

    def joined(a: int) -> bool:  # tokens a and a + 1 written as one hyphened word
        return 0 <= a < len(doc) and glued(doc[a])

    taken = {t.i for t in tokens}
    first, last = tokens[0].i, tokens[-1].i
    for _ in range(_WORD_PIECES):
        if joined(last) and last + 1 not in taken:
            last += 1
            tokens = [*tokens, doc[last]]
        if joined(first - 1) and first - 1 not in taken:
            first -= 1
            tokens = [doc[first], *tokens]
    return tokens


def _opens_sentence(tok: Token) -> bool:
    """The first word of its sentence, after any opening quotes."""
    t = tok
    while not t.is_sent_start:
        if t.i == 0 or not (t.doc[t.i - 1].is_quote or t.doc[t.i - 1].is_punct):
            return False
        t = t.doc[t.i - 1]
    return True


def _common(tok: Token) -> bool:
    """A word that is capitalised only for opening its sentence: no name, no "I",
    no abbreviation."""
    if tok.text == "I" or tok.text.isupper() or not tok.text[:1].isupper():
        return False
    # "The" of "The United States" is the entity's, and still a common word
    return tok.pos_ in ("DET", "PRON") or (tok.pos_ != "PROPN" and not tok.ent_type_)


def capitalised(text: str) -> str:
    text = _clean(text)
    return text[:1].upper() + text[1:]


def _means_with(verb: Token, prep: str) -> bool:
    lemma = verb.lemma_.lower()
    with_prep = lexicon.lookup(lemma, "V", prep)
    return with_prep is not None and with_prep != lexicon.lookup(lemma, "V")


def with_place(text: str, place: str | None, target: bool) -> str:
    if not place or place.lower() in text.lower():
        return text
    return f"{text} {place}" if target else f"{text} in {place}"
