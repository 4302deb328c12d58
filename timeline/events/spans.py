"""Small helpers over a spaCy parse shared by the events modules: entities read
from IOB tags in time proportional to their length, clause-bounded subtrees."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from timeline.events.predicates import CLAUSES
from timeline.events.tree import kids

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
TIME_LABELS = frozenset({"DATE", "TIME"})
MAX_PHRASE = 40  # tokens read of one phrase: an argument longer than this is a list or a run-on


def ent_of(doc: Doc, tok: Token) -> SpacySpan:
    """The entity a token is part of (the token alone if none), from the IOB tags."""
    from spacy.tokens import Span as EntitySpan

    if tok.ent_iob_ not in ("B", "I"):
        return doc[tok.i : tok.i + 1]
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return EntitySpan(doc, start, end, label=doc[start].ent_type)


def complete_names(doc: Doc) -> None:
    """A person's name the recogniser cut short takes the rest of its words: in "Italian
    Prime Minister Romano Prodi" the small model tags "Romano" alone, and "Prodi", the
    word the name hangs on (its compound head), right after it, untagged. Linear in
    the number of entities; the entities are set again only when one grew."""
    ents = list(doc.ents)
    grown = False
    for k, ent in enumerate(ents):
        if ent.label_ != "PERSON":
            continue
        end = ent.end
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].ent_iob_ == "O"
            and doc[end - 1].dep_ == "compound"
            and doc[end - 1].head.i == end
            and doc[end].text[:1].isupper()
        ):
            end += 1
        if end > ent.end and (k + 1 == len(ents) or ents[k + 1].start >= end):
            from spacy.tokens import Span as EntitySpan

            ents[k] = EntitySpan(doc, ent.start, end, label=ent.label)
            grown = True
    if grown:
        doc.ents = ents


def phrase(head: Token, limit: int = MAX_PHRASE) -> list[Token]:
    """The tokens of a phrase without the clauses embedded in it, at most `limit`."""
    out: list[Token] = []
    stack = [head]
    while stack and len(out) < limit:
        tok = stack.pop()
        out.append(tok)
        stack.extend(c for c in kids(tok) if c.dep_ not in CLAUSES)
    return sorted(out, key=lambda t: t.i)


def entities_in(tokens: list[Token]) -> Iterator[SpacySpan]:
    """The entities whose root is among `tokens`, once each, in order."""
    if not tokens:
        return
    doc = tokens[0].doc
    seen: set[int] = set()
    inside = {t.i for t in tokens}
    for tok in tokens:
        if not tok.ent_type_ or tok.ent_type_ in TIME_LABELS:
            continue
        ent = ent_of(doc, tok)
        if ent.start in seen or ent.root.i not in inside:
            continue
        seen.add(ent.start)
        yield ent


def trimmed_name(ent: SpacySpan) -> tuple[str, int, int]:
    """An entity's text and offsets without a leading "the" and a trailing "'s"."""
    text, start, end = ent.text, ent.start_char, ent.end_char
    if text.lower().startswith("the "):
        text, start = text[4:], start + 4
    for suffix in ("'s", "’s"):
        if text.endswith(suffix):
            text, end = text[: -len(suffix)], end - len(suffix)
    return text, start, end
