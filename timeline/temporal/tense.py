"""The tense and aspect of the clause around an expression, read from the parse:
what places a bare weekday or a month without a year.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Literal

from timeline import work
from timeline.temporal.vocabulary import EXPECTING_WORDS, SCHEDULED_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


# "past_act": the expression dates a past-tense verb's own act ("changed its name
# in December"), which a reported future ("said the offer expires Nov. 17") cannot be.
Tense = Literal["past", "past_act", "present", "future"]


_FUTURE_HEADS = {
    "due", "expected", "scheduled", "set", "slated", "planned", "likely", "going", "poised",
    "plan", "expect", "intend", "hope", "aim", "prepare", "want",
}  # fmt: skip
# A commitment looks ahead to what its infinitive says: "pledged to march into the
# capital by June", "vowed to return on Monday" (not what it governs otherwise)
_COMMITTING = {"pledge", "promise", "vow", "threaten", "undertake", "agree"}


# Verbs whose dates lie ahead of them, whatever their own tense: any date they
# govern (scheduling), or a date inside their object or an "until"/"through"
# phrase (expecting; extending a deadline or a loan).
_SCHEDULING = {"schedule", "reschedule", "slate", "postpone", "delay", "adjourn"}


_EXPECTING = {"expect", "forecast", "project", "predict", "anticipate", "plan", "intend", "extend"}


_OBJECTS = {"dobj", "xcomp", "ccomp", "attr", "oprd"}


# "planned a demonstration on Saturday": with a thing planned, the day is the
# thing's ("planned to pay on Friday" may date the planning)
_PLANNING = {"plan", "organize", "organise"}


# "has given the family until 9 a.m. Tuesday": a time granted runs ahead of the grant
_GRANTING = {"give", "grant", "allow", "set"}


_LIMITS = {"until", "till", "by"}


def _in_object(child: Token | None) -> bool:
    """Whether a date reached a verb through its object or an "in"/"by"/"for" phrase,
    not as the time of the verb's own act ("predicted [on] Wednesday")."""
    if child is None:
        return False
    return child.dep_ in _OBJECTS or (child.dep_ == "prep" and child.lower_ not in ("on", "at"))


def clause_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """Tense and aspect of the clause a character span sits in.

    Walks from the span's head up the dependency tree to the nearest verb and
    reads its tag and auxiliaries: "will continue", "is due to meet" and "is
    expected to" are future; a present-tense verb schedules ("a session follows
    on Wednesday"), and past or perfect tense narrates.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return _tense_from(doc, span.root, span.end)


# What opens a clause of time whose tense follows the main clause's in reported
# speech: "would resign once the vote passed Tuesday" is a Tuesday to come.
_TIME_CLAUSE = {"as", "once", "when", "until", "till", "before", "after"}


def _tense_from(doc: Doc, token: Token, end: int) -> Tense | None:
    """The tense of the nearest verb above `token` (`end`: where the expression ends)."""
    came_from: Token | None = None
    for _ in range(12):
        work.charge()
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod":
            if _quoted_after(doc, end, token.i):
                return None  # "Wechsler on Thursday: ``... is wrong''": not the date's verb
            lemma = token.lemma_.lower()
            if (
                lemma in _SCHEDULING
                or (lemma in _EXPECTING and _in_object(came_from))
                or (lemma in _PLANNING and any(c.dep_ == "dobj" for c in token.children))
                or (lemma in _GRANTING and came_from is not None and came_from.lower_ in _LIMITS)
                # "the talks are set for Friday"
                or (lemma == "set" and came_from is not None and came_from.lower_ == "for")
            ):
                # "was scheduled for Friday"; "expects growth in the third quarter"
                # (but "Cuba predicted Wednesday" dates the prediction)
                return "future"
            tense = _verb_tense(token)
            if (
                tense == "past"
                and token.dep_ == "advcl"
                and any(
                    c.lower_ in _TIME_CLAUSE for c in token.children if c.dep_ in ("mark", "advmod")
                )
                and _tense_from(doc, token.head, end) == "future"
            ):
                return "future"  # a past tense shifted back in reported speech
            if tense is not None:
                return tense
        if token.head is token:
            break
        came_from, token = token, token.head
    return None


_OPENING_QUOTES = {"``", "`", "“"}  # a straight " may close a quote as well


def _quoted_after(doc: Doc, end: int, verb: int) -> bool:
    """Whether a quotation opens between the end of an expression and a verb after
    it: the parse has hung the expression on a verb that someone else says."""
    if verb <= end:
        return False
    work.charge()
    quotes = _opening_quotes(doc)  # a lookup, not a scan: the verb may be far (a long list)
    k = bisect.bisect_left(quotes, end)
    return k < len(quotes) and quotes[k] < verb


_QUOTES_KEY = "timeline.opening_quotes"
_QUOTE_CHARS = re.compile("`+|“")


def _opening_quotes(doc: Doc) -> list[int]:
    """The indices of the tokens that open a quotation, found once per Doc (from
    the text: a pass over the characters, not over the tokens)."""
    found: list[int] | None = doc.user_data.get(_QUOTES_KEY)
    if found is None:
        found = []
        for m in _QUOTE_CHARS.finditer(doc_text(doc)):
            work.charge()
            span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
            found.extend(t.i for t in span or () if t.text in _OPENING_QUOTES)
        found = doc.user_data[_QUOTES_KEY] = sorted(set(found))
    return found


_TEXT_KEY = "timeline.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, which spaCy builds anew from every token at each call: once per Doc."""
    text: str | None = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def timex_tense(doc: Doc, start: int, end: int) -> Tense | None:
    """The tense that places a temporal expression: `clause_tense`, except where
    the expression dates a thing rather than the clause's event.

    "Wednesday's ruling" names what has already happened whatever the verb of
    the clause ("they will appeal Wednesday's ruling"): a possessive is past.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    token: Token = span.root
    # (the next token, not doc.text: building the text is O(document) per call)
    following = doc[span.end].text if span.end < len(doc) else ""
    if token.dep_ == "poss" or following in ("'s", "’s"):
        return "past"
    if token.dep_ in ("compound", "nmod", "amod") and token.head.pos_ == "NOUN":
        # "a June agreement", "the Aug. 7 bombings": a thing already made; but "the June
        # elections can be held" are to come (the clause is read only for those)
        if token.head.lemma_.lower() not in SCHEDULED_NOUNS:
            return "past"
        clause = clause_tense(doc, start, end)
        if _prepared_for(token.head) or clause == "future":
            return "future"
        # "trounced Fatah in January elections": held, not a month ahead of the report
        # ("gave no reason for the Jan. 14 deadline" says nothing of when it falls)
        return "past_act" if clause == "past" and _dates_past_act(token.head) else "past"
    if _agreed_to(token) or _expected(token):
        return "future"
    tense = clause_tense(doc, start, end)
    if tense == "past" and _dates_past_act(token):
        return "past_act"
    return tense


def _expected(token: Token) -> bool:
    """Whether a date is that of a thing said to be still to come: "a possible verdict
    Thursday", "the planned talks of Friday" (`EXPECTING_WORDS` before the noun)."""
    if token.dep_ == "npadvmod":
        noun = token.head
    elif token.dep_ == "pobj" and token.head.dep_ == "prep":
        noun = token.head.head
    else:
        return False
    if noun.pos_ != "NOUN":
        return False
    return any(c.dep_ == "amod" and c.lower_ in EXPECTING_WORDS for c in noun.children)


def _agreed_to(token: Token) -> bool:
    """Whether a date is that of an occurrence someone commits to ("agreed to talks on
    Friday", "pledged to elections in June"): what is agreed to is still to come."""
    noun = token.head.head if token.dep_ == "pobj" else token.head
    if token.dep_ not in ("pobj", "npadvmod") or noun.pos_ != "NOUN":
        return False
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "to" and prep.head.lemma_.lower() in _COMMITTING


# What is readied for an occurrence to come: "the preparations for the June
# elections", "in the run-up to the May vote", "ahead of the July 1 handover"
_READYING = {"preparation", "run-up", "eve", "plan", "ahead", "countdown", "lead-up"}


def _prepared_for(noun: Token) -> bool:
    """Whether a scheduled occurrence is what something readies for ("preparations for
    the June elections"): it is still to come, whatever the tense of the clause."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in ("for", "to", "of"):
        return False
    return prep.head.lemma_.lower() in _READYING or prep.head.lower_ in _READYING


# Prepositions that place an act in time; "by", "until", "through" set a limit
# that may lie ahead of a past act ("agreed to respond by Oct. 31").
_ACT_PREPS = {"in", "on", "during"}


def _dates_past_act(token: Token) -> bool:
    """Whether a date hangs straight off a simple-past verb: "[changed] its name in
    December", "[met] Monday"; not through a noun, an infinitive or a limit."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ in _ACT_PREPS:
        head = head.head
    elif token.dep_ != "npadvmod":
        return False
    if head.pos_ not in ("VERB", "AUX") or head.tag_ != "VBD":
        return False
    return not any(c.dep_ in ("aux", "auxpass") for c in head.children)


_RANKING = {"first", "last", "only", "second", "third", "latest", "next"}


def _names_no_plan(verb: Token) -> bool:
    """An infinitive that is a clause's subject ("to accede was...") or picks out
    one of a ranked set ("the first country to join"), not a plan or a purpose."""
    if verb.dep_ == "csubj":
        return True
    head = verb.head
    return (
        verb.dep_ in ("acl", "relcl")
        and head.pos_ in ("NOUN", "PROPN", "PRON")
        and any(c.lower_ in _RANKING or c.tag_ == "JJS" for c in head.children)
    )


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lemmas = {a.lower_ for a in auxes} | {a.lemma_.lower() for a in auxes}
    if lemmas & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "would" in lemmas:
        return "future"
    # "is due to meet", "are expected to attend", "plans to visit"
    head = verb.head
    if verb.dep_ in ("xcomp", "ccomp", "advcl") and head is not verb:
        if head.lemma_.lower() in _FUTURE_HEADS or head.lower_ in _FUTURE_HEADS:
            # "had been due to expire Friday": what was due before now has passed
            pluperfect = any(c.lower_ == "had" for c in (*head.children, *head.head.children))
            return "past" if pluperfect else "future"
        if "to" in lemmas and verb.dep_ == "xcomp" and head.lemma_.lower() in _COMMITTING:
            return "future"
        if (
            "to" in lemmas
            and head.lemma_.lower() == "be"
            and verb.dep_ == "xcomp"
            and not lemmas & {"have", "'ve"}
        ):
            # "were to meet Wednesday", "was to be held later Wednesday": what was
            # arranged, still ahead of the report ("was to have met" looks back)
            return "future"
        if "to" in lemmas and head.pos_ in ("VERB", "AUX", "ADJ"):
            outer = _verb_tense(head) if head.pos_ in ("VERB", "AUX") else None
            if outer is not None:
                return outer
    if "to" in lemmas and _names_no_plan(verb):
        # "the first countries to accede to NATO on Friday were...": the
        # infinitive says who did it, not what is to come
        governor = next((t for t in verb.ancestors if t.pos_ in ("VERB", "AUX")), None)
        outer_tense = _verb_tense(governor) if governor is not None else None
        if outer_tense is not None:
            return outer_tense
    if verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children):
        return "future"
    tag = verb.tag_
    if tag == "VBN" and any(a.lower_ == "have" for a in auxes):
        return "past"  # "may have been", "should have known": a modal perfect looks back
    for a in auxes:
        if a.tag_ in ("VBD",):
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "have":
            return "past"
        if a.tag_ in ("VBZ", "VBP") and a.lemma_ == "be" and tag == "VBG":
            return "future"  # "is meeting on Friday"
        if a.tag_ == "MD":
            return "future" if a.lower_ in ("can", "may", "might", "must", "should") else None
    if tag == "VBD":
        return "past"
    if tag == "VBN":
        return "past"
    if tag == "VBP" and any(c.dep_ == "nsubj" and c.tag_ in ("NN", "NNP") for c in verb.children):
        return "past"  # "weakness hurt the index": with a singular subject, a past form
    if tag in ("VBZ", "VBP"):
        return "present"
    if tag == "VB" and "to" in lemmas:
        return "future"
    return None
