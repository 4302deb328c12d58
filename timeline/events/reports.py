"""Reports, and the evidence that two of them are one event (`crossdoc` groups them).

A *report* is one event as one document gives it, with what the comparison
reads of it: the days its date covers, its participants' keys
(`gazetteer.actor_key`; a person by the words of the name, so that "Kerry"
is "John Kerry"), its place (the country it lies in, and whether it is a
whole country) and the lemmas of its summary and trigger. `judge` weighs
the evidence of a pair.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from timeline import gazetteer, timex
from timeline.models import Actor, DocumentResult, Event

__all__ = [
    "CONFLICT_DAYS",
    "THRESHOLD",
    "Pair",
    "Report",
    "Where",
    "date_worth",
    "judge",
    "place_worth",
    "reports",
    "same_person",
    "type_worth",
]

# A pair of reports is one event when its evidence adds up to this much (see Pair).
THRESHOLD = 2.8
# Reports whose days are this far apart at most may still be one event, as a conflict.
CONFLICT_DAYS = 1

# Types that one event may be reported as, with how much the pair is worth.
_AKIN = {
    frozenset({"talks", "meeting"}): 0.8,
    frozenset({"talks", "negotiation"}): 0.8,
    frozenset({"meeting", "negotiation"}): 0.5,
    frozenset({"visit", "meeting"}): 0.3,
    frozenset({"visit", "talks"}): 0.3,
    frozenset({"statement", "demand"}): 0.4,
    frozenset({"agreement", "negotiation"}): 0.2,
    # a pledge or a declaration is an agreement in one report, a statement in another
    frozenset({"agreement", "statement"}): -0.5,
}
# Types that name what was said rather than what was done.
_SAID = frozenset({"statement", "demand", "other"})
_TOLD = frozenset({"statement", "demand"})
# Types neither the same nor akin: one event only if the words say so (see judge).
UNRELATED = -1.6
# How much a date shared by two reports is worth, by the granularity of the coarser one.
_DATE_WORTH = {"time": 2.0, "day": 2.0, "week": 1.2, "month": 0.7}
_COARSE_DATE_WORTH = 0.2  # a quarter, a season, a year or coarser

# Words that say nothing of what happened: left out of the overlap of summaries.
_STOP_WORDS = (
    "a an the of in on at to for with and or but by from as into over after before about "
    "against between during under than that this these those its his her their our is are "
    "was were be been being has have had will would shall should can could may might must "
    "do does did not no new also more most other some such said say says told tell says "
    "week month year day today yesterday tomorrow monday tuesday wednesday thursday "
    "friday saturday sunday one earlier late later here there "
    # what goes with a title ("Prime Minister", "Deputy Secretary of State")
    "prime deputy vice general chief senior top former acting foreign state"
)
_STOP = frozenset(_STOP_WORDS.split())
_POSSESSIVE = re.compile(r"['’]s$")
# Words, and numbers ("126 million dollars", "5,000 troops"): they tell events apart.
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d[\d,.]*\d|\d")


@dataclass(frozen=True, slots=True)
class Report:
    """One event as one document gives it, with what the comparison reads of it."""

    number: int  # canonical position among all reports
    document: tuple[str, str]  # (id, source): two inputs may share an id
    anchor: int | None  # ordinal day of the document's own date
    position: int  # the event's position in its document
    event: Event
    first: int | None  # ordinal days the date covers
    last: int | None
    granularity: str | None
    actors: frozenset[str]  # actor keys of organisations, states, groups
    people: tuple[tuple[str, ...], ...]  # each person's folded name words
    represented: tuple[tuple[tuple[str, ...], str], ...]  # a person, the state they act for
    place: Where | None
    words: frozenset[str]  # lemmas of the summary
    content: frozenset[str]  # those that name no participant or place
    nations: frozenset[str]  # the states it names: parties, place, demonyms ("Dutch economy")
    trigger: str
    implied: bool = False  # `actors` are its document's parties, not its own (`_topic`)


@dataclass(frozen=True, slots=True)
class Where:
    key: str  # the place's name, folded
    country: str | None
    national: bool  # the place is a whole country ("Switzerland", "U.S.")


def reports(results: Sequence[DocumentResult]) -> list[Report]:
    """Every event of every document as a report, numbered in canonical order."""
    ordered = sorted(results, key=lambda r: (r.document.id, r.document.source))
    out: list[Report] = []
    for result in ordered:
        doc = result.document
        anchor = doc.anchor.toordinal() if doc.anchor is not None else None
        own = [
            _report(len(out) + position, (doc.id, doc.source), anchor, position, event)
            for position, event in enumerate(result.events)
        ]
        topic = _topic(own)
        out.extend(_in_context(r, topic) for r in own)
    return out


# A report naming nobody ("Talks", "the talks in New York") takes the parties its
# document is about: the states and organisations at least this many of its other
# events name, at most TOPIC_SIZE of them, when the report is dated to a day; it
# then joins only a report of its own type.
TOPIC_EVENTS = 2
TOPIC_SIZE = 3


def _topic(own: Sequence[Report]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for r in own:
        for key in r.actors:
            counts[key] = counts.get(key, 0) + 1
    ranked = sorted(
        (k for k, n in counts.items() if n >= TOPIC_EVENTS), key=lambda k: (-counts[k], k)
    )
    return frozenset(ranked[:TOPIC_SIZE])


def _in_context(r: Report, topic: frozenset[str]) -> Report:
    if r.actors or r.people or r.represented or not topic or r.granularity not in ("day", "time"):
        return r
    return replace(r, actors=topic, implied=True)


def _report(
    number: int, document: tuple[str, str], anchor: int | None, position: int, event: Event
) -> Report:
    days = timex.sort_range(event.date) if event.date else None
    actors: set[str] = set()
    people: list[tuple[str, ...]] = []
    represented: dict[tuple[str, ...], str] = {}
    for actor in event.actors:
        if not any(ch.isupper() for ch in actor.name):
            continue  # a party described ("the rebels"), not named: it tells no event apart
        if _lone_name(actor):
            # a lone name the recogniser left unlabelled or took for a place ("After
            # Pinochet lost"): it may be the surname of a person another report names
            surname = gazetteer.fold(actor.name)
            if surname and (surname,) not in people:
                people.append((surname,))
        if actor.label == "PERSON":
            words = tuple(gazetteer.fold(actor.name).split())
            if words and words not in people:
                people.append(words)
            if words and actor.country:  # "Armenian Foreign Minister Ararat Mirzoyan"
                represented[words] = actor.country
        else:
            key = actor.country if actor.label in ("GPE", "NORP") and actor.country else None
            key = key or gazetteer.actor_key(actor.name)
            if key:
                actors.add(key)
            if key == gazetteer.fold(actor.name):
                actors.update(_body_of(actor.name))
    lemmas = _words(event.summary)
    where = _where(event.location.name, event.location.country) if event.location else None
    return Report(
        number=number,
        document=document,
        anchor=anchor,
        position=position,
        event=event,
        first=days[0] if days else None,
        last=days[1] if days else None,
        granularity=timex.granularity(event.date) if days else None,
        actors=frozenset(actors),
        people=tuple(people),
        represented=tuple(sorted(represented.items())),
        place=where,
        words=lemmas,
        content=lemmas - _name_words(event),
        nations=_nations(event, where),
        trigger=_kin(_lemma(event.trigger.name.lower())),
    )


def _nations(event: Event, where: Where | None) -> frozenset[str]:
    """The states a report names: its parties', its place's when the place is a country,
    and the countries and demonyms of its summary ("The Dutch economy grew")."""
    out = {a.country for a in event.actors if a.country}
    given = event.location.country if event.location is not None else None
    if given and where is not None and where.national:
        out.add(given)  # "sales rose in Germany"; not a city's (the EU met in Brussels)
    for word in _WORD.findall(event.summary):
        if not word[0].isupper():
            continue
        found = gazetteer.country(_POSSESSIVE.sub("", word), metonyms=False)
        if found is not None:
            out.add(found.alpha3)
    return frozenset(out)


def _lone_name(actor: Actor) -> bool:
    if " " in actor.name or not actor.name[:1].isupper() or actor.country is not None:
        return False
    if actor.label == "":
        return True
    return actor.label == "GPE" and gazetteer.place(actor.name) is None


def _name_words(event: Event) -> frozenset[str]:
    names = [a.name for a in event.actors] + [a.text for a in event.actors]
    if event.location is not None:
        names.append(event.location.name)
    return frozenset(w for name in names for w in _words(name))


@lru_cache(maxsize=65536)
def _body_of(name: str) -> tuple[str, ...]:
    """The organisation a longer name opens with, which the gazetteer does not know
    whole: "United Nations World Food Program" is a body of the UN."""
    words = name.split()
    for cut in range(len(words) - 1, 0, -1):
        found = gazetteer.organisation(" ".join(words[:cut]))
        if found is not None:
            return (found.key,)
    return ()


@lru_cache(maxsize=65536)
def _where(name: str, country: str | None) -> Where:
    national = gazetteer.country(name, metonyms=False)
    code = country or (national.alpha3 if national is not None else None)
    return Where(gazetteer.fold(name), code, national is not None)


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    for pos in ("VERB", "NOUN", "ADJ"):
        if pos in lemmas:
            return str(lemmas[pos][0]).lower()
    return word


@lru_cache(maxsize=65536)
def _words(summary: str) -> frozenset[str]:
    out: set[str] = set()
    for word in _WORD.findall(summary):
        if word[0].isdigit():
            out.add(word.replace(",", ""))
            continue
        word = _POSSESSIVE.sub("", word.lower())  # "Bush's" is Bush
        if len(word) > 2 and word not in _STOP and not _names_a_party(word):
            out.add(_kin(_lemma(word)))
    return frozenset(out)


def _kin(lemma: str) -> str:
    """The word that names the family of deeds a lemma says ("scrap" is "cancel",
    "assassination" is "kill"): reports of one deed in other words share it."""
    from timeline.events.lexicon import word_families

    return word_families().get(lemma, lemma)


def _names_a_party(word: str) -> bool:
    """A title, an anonymous speaker or a group ("president", "officials", "leaders"), or
    a country or its people ("Armenian"): it says who, which the participants already
    say, not what happened."""
    from timeline.events.lexicon import actor_words

    return _lemma(word) in actor_words() or gazetteer.country(word, metonyms=False) is not None


# --- the evidence of a pair -------------------------------------------------------


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """ "kerry" and "john kerry" are one person; "john kerry" and "jim kerry" are not."""
    if a[-1] != b[-1]:
        return False
    if len(a) == 1 or len(b) == 1:
        return True
    return a[0][0] == b[0][0]


def type_worth(a: str, b: str, plover_a: str | None = None, plover_b: str | None = None) -> float:
    """What it is worth that two reports' types are these: `UNRELATED` when they are
    neither the same nor akin (one event is often typed two ways: a pledge is an
    agreement in one report and a statement in another). Types that are not akin
    but under one PLOVER code (a killing typed `military` and a murder `legal`, both
    ASSAULT) are not unrelated: the second typing says they are one kind of deed."""
    if a == b:
        return 1.0 if a != "other" else 0.3
    if "other" in (a, b):
        return 0.0
    worth = _AKIN.get(frozenset({a, b}), UNRELATED)
    if worth <= UNRELATED and plover_a is not None and plover_a == plover_b:
        return 0.0
    return worth


def date_worth(a: Report, b: Report) -> tuple[float, bool] | None:
    """What the two dates are worth, and whether they disagree (a conflict); None:
    not one event (no date, or days too far apart)."""
    if a.first is None or b.first is None or a.last is None or b.last is None:
        return None
    if a.first > b.last or b.first > a.last:
        gap = max(a.first, b.first) - min(a.last, b.last)
        fine = a.granularity in ("day", "time") and b.granularity in ("day", "time")
        return (0.0, True) if fine and gap <= CONFLICT_DAYS else None
    if a.event.date == b.event.date:
        worth = _DATE_WORTH.get(a.granularity or "", _COARSE_DATE_WORTH)
        return worth, False
    # the coarser one decides how much the shared days say
    coarse = a if (a.last - a.first) >= (b.last - b.first) else b
    worth = _DATE_WORTH.get(coarse.granularity or "", _COARSE_DATE_WORTH)
    return worth * 0.8, False


def place_worth(a: Where | None, b: Where | None) -> tuple[float, bool]:
    """What the two places are worth, and whether they disagree."""
    if a is None or b is None:
        return 0.0, False
    if a.key == b.key:
        return 1.0, False
    if a.country is not None and a.country == b.country and (a.national or b.national):
        return 0.4, False  # a city and its country
    return 0.0, True


def actor_worth(a: Report, b: Report) -> tuple[float, int, int]:
    """What the shared participants are worth, how many there are, and how many of
    them are not states."""
    shared = a.actors & b.actors
    met = [p for p in a.people if any(same_person(p, q) for q in b.people)]
    # A state a person acts for ("Armenian Foreign Minister Ararat Mirzoyan") is a party
    # too, unless that person is shared already: one party is not counted twice.
    for_a = {c for p, c in a.represented if p not in met}
    for_b = {c for q, c in b.represented if not any(same_person(p, q) for p in met)}
    shared |= (a.actors | for_a) & (b.actors | for_b) - {c for p, c in a.represented if p in met}
    states = sum(1 for key in shared if _is_state(key))
    # A state is a party to many events; an organisation or a group to fewer.
    worth = 0.7 * states + 1.2 * (len(shared) - states) + 1.5 * len(met)
    return worth, len(shared) + len(met), len(shared) - states + len(met)


def _strangers(a: Report, b: Report) -> bool:
    """Whether `a` names a person `b` does not."""
    return any(not any(same_person(p, q) for q in b.people) for p in a.people)


def _is_state(key: str) -> bool:
    return len(key) in (3, 4) and key.isalpha() and key.isupper()


@dataclass(frozen=True, slots=True)
class Pair:
    """Two reports that may be one event, and the weight of the evidence."""

    worth: float
    a: int  # report numbers, a < b
    b: int
    conflict: bool


def judge(a: Report, b: Report) -> Pair | None:
    """The pair of two reports when its evidence reaches THRESHOLD, else None.

    The evidence adds up: the date (the same day 2.0, week 1.2, month 0.7; a
    day inside the week or month the other gives 0.8 of the coarser one's; a
    year or coarser 0.2), the type (the same 1.0, akin 0.2 to 0.8, `other`
    0, unrelated -1.6), the PLOVER type (the same 0.3), each shared state 0.7,
    organisation or group 1.2, person 1.5, the place (the same 1.0, a city in
    the country the other gives 0.4), the words (2.0 times the share of the
    shorter summary's lemmas the other has, names left out, 0.5 for the same
    trigger). What
    must hold besides:

    - a shared participant or the same place, or one deed told in the same words
      where one of the two names nobody (`_named_deed`);
    - unrelated types: summaries that share half their words;
    - a date or place that disagrees costs 1.0; a date a day apart needs two
      shared participants, or one and the place; another place two participants;
    - two reports that each name a person the other does not (Kerry with
      Lavrov, Kerry with Zarif): half the words;
    - a year or coarser: a person, organisation or group, or two
      participants, in common, or one deed (the same type and trigger) at the
      same place with a party in common, and half the words;
    - unless both give the same date and two participants, the words must
      meet, but for two reports of one kind of deed (a visit and a visit,
      talks and a meeting) on the same date with a person, organisation or
      group in common, or in the same town with any party in common; for what
      says nothing of its own kind (a statement, a demand, `other`) or shares
      neither a person, organisation or group nor a town and a party, a third
      of them or the trigger.
    """
    if a.document == b.document:
        return None
    if (a.implied or b.implied) and a.event.type != b.event.type:
        return None  # a report naming nobody is told apart by its kind alone
    dates = date_worth(a, b)
    if dates is None:
        return None
    types = type_worth(a.event.type, b.event.type, a.event.plover, b.event.plover)
    actors, shared, specific = actor_worth(a, b)
    places, place_conflict = place_worth(a.place, b.place)
    # a town or a site both name tells the event apart as a party would; a country not
    site = places >= 1.0 and a.place is not None and not a.place.national
    overlap = _share(a.content, b.content)  # names are counted as participants and places
    named = _named_deed(a, b, types, overlap)
    if not shared and places < 1.0 and not named:
        return None
    date_conflict = dates[1]
    if date_conflict and not (shared >= 2 or (shared >= 1 and places >= 1.0)):
        return None
    if place_conflict and shared < 2:
        return None
    if types <= UNRELATED and overlap < 0.5:
        return None
    coarse = dates[0] <= _COARSE_DATE_WORTH and not date_conflict
    # "Turkey invaded Cyprus in 1974" in three background paragraphs: one deed, by the
    # same word, of the same kind, by a party in common, at the same place
    same_deed = types >= 1.0 and places >= 1.0 and shared >= 1 and a.trigger == b.trigger
    told = (specific or site or shared >= 2 or same_deed) and overlap >= 0.5
    if coarse and not told and not named:
        return None
    # what was done, or said, is told apart by the words that say it: they must meet,
    # unless both give the same date and two participants; more so for what is said
    # (or is `other`) and for what shares no person, organisation or group
    # each names a person the other does not: with someone else, another event
    apart = _strangers(a, b) and _strangers(b, a)
    if apart and overlap < 0.5:
        return None
    same_date = (a.first, a.last) == (b.first, b.last)  # one day, at a time or not
    # a town or site both name, with a party in common, tells a deed apart as a person
    # in common does: "to meet in New York" on a day and "failed talks in New York"
    placed = site and shared >= 1  # the place, and someone in common
    vague = bool({a.event.type, b.event.type} & _SAID) or not (specific or placed)
    if not (same_date and shared >= 2):
        told_by_kind = (same_date or placed) and types >= 0.5 and not vague  # the same or akin
        if not overlap and not told_by_kind:
            return None
        if vague and overlap < 0.34 and a.trigger != b.trigger:
            return None
    words = 2.0 * overlap + (0.5 if a.trigger == b.trigger else 0.0)
    plover = 0.3 if a.event.plover and a.event.plover == b.event.plover else 0.0
    worth = dates[0] + types + plover + actors + places + words
    if date_conflict or place_conflict:
        worth -= 1.0  # disagreeing reports need more of the rest
    if worth < THRESHOLD:
        return None
    return Pair(round(worth, 6), a.number, b.number, date_conflict or place_conflict)


def _named_deed(a: Report, b: Report, types: float, overlap: float) -> bool:
    """Whether the two reports tell one deed in the same words on the same date, where
    one names no party: "replaced the 1953 armistice" and "replace the armistice
    that ended the Korean War". Two words in common that are more than a light verb
    ("hold", "take"), one of them a trigger, half the shorter summary's, and types the
    same or akin; never for what was said (who said it tells it apart)."""
    if a.event.date != b.event.date or types <= 0.0:
        return False
    if {a.event.type, b.event.type} & _TOLD:
        return False  # "announced it had decided ...": what is said is told by whom
    if a.event.actors and b.event.actors:
        return False  # both say who, and nobody in common ("Clinton agreed to meet Lee",
        # "Mobutu agreed to meet Kabila"): the parties tell them apart
    if a.nations and b.nations and not a.nations & b.nations:
        return False  # "The Dutch economy grew", "Japan's economy grew": two countries
    common = (a.content & b.content) - _light()
    if len(common) < 2 or not ({a.trigger, b.trigger} & common):
        return False  # "human rights" in common, but one a meeting, the other a treaty
    return overlap >= 0.5  # of the shorter summary's words (`_share`)


@lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    """The words that name an event (the lexicon's, not the light verbs): a deed told in
    the same words may name it by another of them ("replaced the armistice agreement",
    "replaced the Korean War armistice")."""
    from timeline.events.lexicon import entries

    return frozenset(_kin(e.word) for e in entries().values() if e.word.isalpha()) - _light()


@lru_cache(maxsize=1)
def _light() -> frozenset[str]:
    """The verbs that lend their clause to another event ("held talks", "the talks
    began"): in common, they say little of what was done."""
    from timeline.events.lexicon import entries

    return frozenset(
        e.word for e in entries().values() if e.classes & {"light", "aspect"} and e.word.isalpha()
    )


def _share(a: frozenset[str], b: frozenset[str]) -> float:
    """The share of the smaller set's words that the other has."""
    return len(a & b) / max(1, min(len(a), len(b)))
