"""The event vocabulary, read from the data files beside the package.

`timeline/data/event_words.tsv` says which words name events, of which type
and PLOVER type, and what a word does in a clause (reports, lends its clause
to an event noun, governs an event in time, is a state). `actor_words.tsv`
lists the nouns that describe speakers and participants. This module only
reads them: it imports nothing beyond the standard library, so the JSON
Schema and `timeline schema` can use the vocabularies without the NLP stack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

# Our 13 types, aligned with the PLOVER/CAMEO top-level categories.
EVENT_TYPES = (
    "talks",
    "meeting",
    "visit",
    "phone_call",
    "negotiation",
    "agreement",
    "statement",
    "demand",
    "sanction",
    "military",
    "legal",
    "election",
    "other",
)

# PLOVER 2021 event types (Open Event Data Alliance), the coding of POLECAT and NGEC.
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# The TimeML event class of an event of each type (TimeML EVENT `class`): what is
# said is REPORTING, a demand an I_ACTION, anything else an OCCURRENCE.
TIMEML_CLASSES = {"statement": "REPORTING", "demand": "I_ACTION"}


def timeml_class(kind: str) -> str:
    return TIMEML_CLASSES.get(kind, "OCCURRENCE")


# PLOVER 0.5b1 names (the gold standard records use them) as PLOVER 2021 names.
PLOVER_OLD_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "YIELD": "CONCEDE",
}

# The kinds of events a later definite mention ("the Geneva meeting") may point back to.
CONSULT_TYPES = frozenset({"talks", "meeting", "negotiation", "visit", "phone_call"})

CLASSES = ("event", "report", "speech", "light", "aspect", "stative", "counter")
ACTOR_CLASSES = ("anonymous", "title", "group", "body", "military", "unnamed", "voice")

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


@dataclass(frozen=True, slots=True)
class Entry:
    """What one word (with its particle or object, if any) does."""

    word: str
    pos: str  # "V", "N" or "*"
    classes: frozenset[str]  # one or more of CLASSES
    type: str | None
    plover: str | None

    @property
    def main(self) -> str:
        """The class the word has when it does not lend its clause to another event."""
        for cls in ("report", "speech", "event", "aspect", "counter", "stative"):
            if cls in self.classes:
                return cls
        return "light"


class LexiconError(ValueError):
    """A line of a data file that does not say what the format asks."""


def _lines(name: str) -> list[tuple[int, list[str]]]:
    text = resources.files("timeline").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            out.append((n, line.rstrip("\n").split("\t")))
    return out


@cache
def entries() -> dict[tuple[str, str], Entry]:
    """Every entry of event_words.tsv by (word, pos); a word listed twice for one
    part of speech (an event that also lends its clause) has both classes."""
    merged: dict[tuple[str, str], Entry] = {}
    for n, fields in _lines("event_words.tsv"):
        if len(fields) != 5:
            raise LexiconError(f"event_words.tsv:{n}: 5 fields expected, got {len(fields)}")
        word, pos, cls, kind, plover = fields
        if pos not in ("V", "N", "*") or cls not in CLASSES:
            raise LexiconError(f"event_words.tsv:{n}: bad part of speech or class")
        if kind != "-" and kind not in EVENT_TYPES:
            raise LexiconError(f"event_words.tsv:{n}: unknown type {kind!r}")
        if plover != "-" and plover not in PLOVER_TYPES:
            raise LexiconError(f"event_words.tsv:{n}: unknown PLOVER type {plover!r}")
        for p in ("V", "N") if pos == "*" else (pos,):
            old = merged.get((word, p))
            entry = Entry(
                word,
                p,
                frozenset({cls}),
                None if kind == "-" else kind,
                None if plover == "-" else plover,
            )
            if old is not None:
                entry = Entry(
                    word,
                    p,
                    old.classes | entry.classes,
                    old.type or entry.type,
                    old.plover or entry.plover,
                )
            merged[(word, p)] = entry
    return merged


def lookup(lemma: str, pos: str, particle: str = "", objects: tuple[str, ...] = ()) -> Entry | None:
    """The entry of a word: with its object ("send>aid") or particle ("call+on") first."""
    table = entries()
    for obj in objects:
        hit = table.get((f"{lemma}>{obj}", pos))
        if hit is not None:
            return hit
    if particle:
        hit = table.get((f"{lemma}+{particle}", pos))
        if hit is not None:
            return hit
    return table.get((lemma, pos))


def compound(first: str, second: str) -> Entry | None:
    """A two-word noun entry ("hunger strike", "air strike")."""
    return entries().get((f"{first}+{second}", "N"))


@cache
def mood_words() -> frozenset[str]:
    """The nouns of mood_words.tsv: "hopes rose" is no event."""
    out = set()
    for n, fields in _lines("mood_words.tsv"):
        if len(fields) != 1 or not fields[0]:
            raise LexiconError(f"mood_words.tsv:{n}: one lemma a line")
        out.add(fields[0])
    return frozenset(out)


@cache
def word_families() -> dict[str, str]:
    """Each word of word_families.tsv and the word that names its family ("scrap" and
    "annul" are "cancel"): the words that tell one deed."""
    out: dict[str, str] = {}
    for n, fields in _lines("word_families.tsv"):
        words = [w.strip() for w in fields if w.strip()]
        if len(words) < 2:
            raise LexiconError(f"word_families.tsv:{n}: a family has two words at least")
        for word in words:
            if word in out:
                raise LexiconError(f"word_families.tsv:{n}: {word!r} is in two families")
            out[word] = words[0]
    return out


@cache
def actor_words() -> dict[str, frozenset[str]]:
    """Each noun of actor_words.tsv and its classes."""
    out: dict[str, set[str]] = {}
    for n, fields in _lines("actor_words.tsv"):
        if len(fields) != 2 or fields[1] not in ACTOR_CLASSES:
            raise LexiconError(f"actor_words.tsv:{n}: a lemma and one of {ACTOR_CLASSES}")
        out.setdefault(fields[0], set()).add(fields[1])
    return {k: frozenset(v) for k, v in out.items()}


PLACE_CLUES = (
    "where", "toward", "container", "site", "country", "city", "leaving", "vessel", "giving"
)  # fmt: skip


@cache
def place_clue_table() -> dict[str, frozenset[str]]:
    """The words of place_clues.tsv by class, read once."""
    out: dict[str, set[str]] = {cls: set() for cls in PLACE_CLUES}
    for n, fields in _lines("place_clues.tsv"):
        if len(fields) != 2 or fields[1] not in PLACE_CLUES:
            raise LexiconError(f"place_clues.tsv:{n}: a word and one of {PLACE_CLUES}")
        out[fields[1]].add(fields[0])
    return {cls: frozenset(words) for cls, words in out.items()}


def place_clues(cls: str) -> frozenset[str]:
    """The words of place_clues.tsv of one class ("where": prepositions of place)."""
    if cls not in PLACE_CLUES:
        raise LexiconError(f"place_clues.tsv has no class {cls!r}")
    return place_clue_table()[cls]


def actor_class(lemma: str, cls: str) -> bool:
    return cls in actor_words().get(lemma, frozenset())


def plover_name(name: str) -> str:
    """A PLOVER type name of any version as its 2021 name."""
    upper = name.strip().upper()
    return PLOVER_OLD_NAMES.get(upper, upper)
