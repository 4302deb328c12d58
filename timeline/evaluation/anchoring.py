"""Event anchoring, scored against TimeML's event-time TLINKs: is a date given to its own event?

Gold pairs: a TLINK from an EVENT (through its MAKEINSTANCE) to a TIMEX3 of
type DATE or TIME inside TEXT (an in-text date: the DCT is outside TEXT),
whose relType is one of `ANCHOR_RELATIONS` (the date contains, is, begins or
ends the event). Each (EVENT, TIMEX3) pair counts once. TBAQ has 1,273.

System events are anything with a `trigger` and the `timex` that dates it,
both with character offsets (`timeline.models.Event`); an undated event is
not scored. Extents match when they share a character.

- trigger precision: of the system events whose date overlaps a linked gold
  TIMEX3, the share whose trigger overlaps an EVENT that one of those
  TIMEX3s anchors;
- pair recall: of the gold pairs, the share some system event reproduces:
  its trigger overlaps the EVENT and its date the TIMEX3.

Both are given over all gold pairs and again without the pairs of
REPORTING-class events ("said on Friday" dates the saying, which a timeline
leaves out): the same definitions with the gold pairs restricted to the other
classes, so an event dated by a date that anchors only a report is not
scored there. Micro-averaged over the documents.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from timeline.evaluation.common import context, ratio
from timeline.timeml import GoldEvent, GoldTimex, TimeMLDocument

__all__ = [
    "ANCHOR_RELATIONS",
    "DATE_TYPES",
    "AnchorError",
    "AnchorReport",
    "AnchorScorer",
    "AnchorScores",
    "AnchoredLike",
    "gold_pairs",
]

ANCHOR_RELATIONS = frozenset(
    {"IS_INCLUDED", "DURING", "SIMULTANEOUS", "BEGINS", "ENDS", "BEGUN_BY", "ENDED_BY"}
)
DATE_TYPES = frozenset({"DATE", "TIME"})
REPORTING = "REPORTING"
_CONTEXT = 50  # characters each side of an error: these are sentences, not expressions

Pair = tuple[GoldEvent, GoldTimex]
AnchorErrorKind = Literal["missed_pair", "wrong_trigger"]


class _Extent(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


class _Dated(_Extent, Protocol):
    @property
    def text(self) -> str: ...


class _Trigger(_Extent, Protocol):
    @property
    def name(self) -> str: ...


class AnchoredLike(Protocol):
    """What the scorer needs of a system event: its trigger and the timex dating it."""

    @property
    def trigger(self) -> _Trigger: ...

    @property
    def timex(self) -> _Dated | None: ...


def _overlap(a: _Extent, b: _Extent) -> bool:
    return min(a.end, b.end) > max(a.start, b.start)


def gold_pairs(doc: TimeMLDocument) -> list[Pair]:
    """The document's (EVENT, in-text date) pairs its TLINKs anchor, in link order, once each."""
    events = {e.eid: e for e in doc.events}
    dates = {t.tid: t for t in doc.timexes if t.type in DATE_TYPES}
    pairs: dict[tuple[str, str], Pair] = {}
    for link in doc.links:
        if link.rel_type not in ANCHOR_RELATIONS or link.event is None:
            continue
        event, date = events.get(link.event), dates.get(link.related_time or "")
        if event is not None and date is not None:
            pairs.setdefault((event.eid, date.tid), (event, date))
    return list(pairs.values())


@dataclass(slots=True)
class _Tally:
    pairs: int = 0
    pairs_found: int = 0
    scored: int = 0
    correct: int = 0

    def scores(self) -> AnchorScores:
        return AnchorScores(
            pairs=self.pairs,
            pairs_found=self.pairs_found,
            pair_recall=ratio(self.pairs_found, self.pairs),
            events_scored=self.scored,
            events_correct=self.correct,
            trigger_precision=ratio(self.correct, self.scored),
        )


@dataclass(frozen=True, slots=True)
class AnchorScores:
    """Pair recall and trigger precision, with the counts they come from."""

    pairs: int
    pairs_found: int
    pair_recall: float
    events_scored: int
    events_correct: int
    trigger_precision: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "pairs": self.pairs,
            "pairs_found": self.pairs_found,
            "pair_recall": round(self.pair_recall, 4),
            "events_scored": self.events_scored,
            "events_correct": self.events_correct,
            "trigger_precision": round(self.trigger_precision, 4),
        }


@dataclass(frozen=True, slots=True)
class AnchorError:
    """A gold pair no event reproduces, or an event on a linked date with another trigger.

    `trigger` and `date` are the gold EVENT and TIMEX3 texts for a missed pair,
    ours for a wrong trigger; `expected` lists what the date anchors in gold
    (for a missed pair: the EVENT's class; for a wrong trigger: the EVENTs).
    """

    kind: AnchorErrorKind
    document: str
    trigger: str
    date: str
    expected: tuple[str, ...]
    context: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.document,
            "trigger": self.trigger,
            "date": self.date,
            "expected": list(self.expected),
            "context": self.context,
        }


@dataclass(frozen=True, slots=True)
class AnchorReport:
    """Anchoring figures over all gold pairs and without REPORTING events, and the errors."""

    documents: int
    all: AnchorScores
    no_reporting: AnchorScores
    errors: tuple[AnchorError, ...] = ()

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "all": self.all.to_dict(),
            "without_reporting": self.no_reporting.to_dict(),
        }
        if errors:
            out["errors"] = [e.to_dict() for e in self.errors]
        return out


@dataclass(slots=True)
class AnchorScorer:
    """Accumulates documents, one `add` each."""

    documents: int = 0
    all: _Tally = field(default_factory=_Tally)
    no_reporting: _Tally = field(default_factory=_Tally)
    errors: list[AnchorError] = field(default_factory=list)

    def add(self, doc: TimeMLDocument, events: Sequence[AnchoredLike]) -> None:
        """Score the events found in `doc` (offsets into `doc.text`) against its TLINKs."""
        self.documents += 1
        pairs = gold_pairs(doc)
        dated = [link for e in events for link in _links(e)]
        for tally, kept in (
            (self.all, pairs),
            (self.no_reporting, [p for p in pairs if p[0].event_class != REPORTING]),
        ):
            missed, scored, wrong = _score(kept, dated)
            tally.pairs += len(kept)
            tally.pairs_found += len(kept) - len(missed)
            tally.scored += scored
            tally.correct += scored - len(wrong)
            if tally is self.all:
                self._errors(doc, missed, wrong, kept)

    def _errors(
        self,
        doc: TimeMLDocument,
        missed: list[Pair],
        wrong: list[AnchoredLike],
        pairs: list[Pair],
    ) -> None:
        for event, date in missed:
            lo, hi = min(event.start, date.start), max(event.end, date.end)
            self.errors.append(
                AnchorError(
                    "missed_pair",
                    doc.id,
                    event.text,
                    date.text,
                    (event.event_class,),
                    context(doc.text, lo, hi, _CONTEXT),
                )
            )
        for e in wrong:
            assert e.timex is not None
            anchored = sorted({g.text for g, t in pairs if _overlap(t, e.timex)}, key=str.casefold)
            lo, hi = min(e.trigger.start, e.timex.start), max(e.trigger.end, e.timex.end)
            self.errors.append(
                AnchorError(
                    "wrong_trigger",
                    doc.id,
                    e.trigger.name,
                    e.timex.text,
                    tuple(anchored),
                    context(doc.text, lo, hi, _CONTEXT),
                )
            )

    def report(self) -> AnchorReport:
        return AnchorReport(
            documents=self.documents,
            all=self.all.scores(),
            no_reporting=self.no_reporting.scores(),
            errors=tuple(self.errors),
        )


@dataclass(frozen=True, slots=True)
class _Link:
    trigger: _Trigger
    timex: _Dated


def _links(event: AnchoredLike) -> list[AnchoredLike]:
    """The (trigger, date) pairs an event stands for: one per dated mention that says
    which word it dates (the talks on Monday and "Monday's talks" are two), else the
    event's own."""
    if event.timex is None:
        return []
    mentions = getattr(event, "mentions", ())
    links: list[AnchoredLike] = [
        _Link(m.trigger, m) for m in mentions if getattr(m, "trigger", None) is not None
    ]
    return links or [event]


def _score(
    pairs: list[Pair], dated: list[AnchoredLike]
) -> tuple[list[Pair], int, list[AnchoredLike]]:
    """The pairs no event reproduces; the number of events on a linked date and
    those of them whose trigger is none of the date's EVENTs."""
    missed = [
        (g, t)
        for g, t in pairs
        if not any(_overlap(e.trigger, g) and e.timex and _overlap(e.timex, t) for e in dated)
    ]
    scored, wrong = 0, []
    for e in dated:
        assert e.timex is not None
        anchored = [g for g, t in pairs if _overlap(t, e.timex)]
        if not anchored:
            continue
        scored += 1
        if not any(_overlap(e.trigger, g) for g in anchored):
            wrong.append(e)
    return missed, scored, wrong
