"""Events built around dated expressions: what happens, when, who, where, status.

The package reads a parsed document in one direction: the lexicon (`lexicon`,
word lists as data), the predicates and whether they are asserted
(`predicates`), the date each predicate is anchored by (`anchoring`),
attribution (`attribution`), participants and coreference (`participants`,
`coreference`), places (`places`), summaries (`summaries`) and the merging of
mentions of one event (`merging`); `builder` puts them together.

Importing this package does not load spaCy: `timeline schema` reads the
vocabularies from `lexicon` alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from timeline.events.lexicon import EVENT_TYPES, PLOVER_TYPES

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from timeline.models import Event, TimeExpression

__all__ = [
    "EVENT_TYPES",
    "PLOVER_TYPES",
    "build",
    "is_back_reference",
    "may_be_implied",
    "names_a_voice",
]


def build(
    doc: Doc,
    document_id: str,
    timexes: Sequence[TimeExpression],
    anchor: date,
    undated: bool = False,
    document_date: date | None = None,
) -> list[Event]:
    """The events of one document, in document order of their first mention.

    An event the text does not date but implies the date of takes that date
    (`implied`: the day its narrative is at; `document_date`, the document's own
    date, is the day of its news). With `undated`, the events neither dates are
    kept too (date null).
    """
    from timeline.events import builder

    return builder.build(doc, document_id, timexes, anchor, undated, document_date)


def is_back_reference(tok: Token) -> bool:
    """Whether a token may be a later mention of an event named before ("the Geneva meeting")."""
    from timeline.events import elsewhere

    return elsewhere.is_back_reference(tok)


def may_be_implied(tok: Token) -> bool:
    """Whether a token may name an event whose date the narrative implies ("flew into
    southern Albania for talks"): an event word of a kind the context may date."""
    from timeline.events import implied
    from timeline.events.predicates import entry

    hit = entry(tok)
    return hit is not None and hit.main in ("event", "speech") and implied.may_be_implied(hit)


def names_a_voice(tok: Token) -> bool:
    """Whether a token is a spokesperson's title ("State Department spokesman Nicholas
    Burns"): who speaks for a body whose statements the document reports."""
    from timeline.events.lexicon import actor_class

    return tok.pos_ == "NOUN" and actor_class(tok.lemma_.lower(), "voice")
