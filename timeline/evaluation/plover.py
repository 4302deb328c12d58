"""PLOVER gold standard records: the `plover` type of events, events per sentence, actor recall.

Records (`../shared/data/plover-gsr-dev.json`, from the Open Event Data
Alliance's PLOVER gold standard): `{"records": [{"id", "event", "eventText",
"text", "source", "target"}]}`: one sentence (`text`), its PLOVER 0.5b1 event
type (`event`), its trigger words (`eventText`, separated by spaces) and its
source and target actors (lists of `{"actorText", "code"}`; a target may be
missing, null or a string, and then there is none).

The 0.5b1 names are read as PLOVER 2021's through `PLOVER_2021` (DEMAND is
REQUEST; DISAPPROVE and INVESTIGATE are ACCUSE; FIGHT is ASSAULT; the other
names are the same in both).

Each record's text is a document of its own. Definitions:

- a record's event: of the events found in its text, the first (in the text)
  whose trigger shares a word with the record's trigger words, case
  insensitive; when there is none, the text's first event; when the text
  gives no event, none;
- type accuracy: records whose event has the gold type as its `plover`, over
  all records (no event, or an event without `plover`, is wrong);
- diagnostics: records whose event was chosen by its trigger; records whose
  event has a `plover` type at all;
- events per sentence: events found over records;
- source (target) actor recall: gold source (target) actors found among the
  actors of the record's event whose `role` is `source` (`target`), over the
  gold source (target) actors; given only when some event carries roles, null
  otherwise. A gold actor is found by name (`names_match`), or by its code
  when an actor of ours has it as `country` (ISO 3166-1 alpha-3: the gold's
  "Hungarian" (HUN) is our "Hungary"; "IGO" and other non-country codes match
  no country).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from timeline.errors import UsageError
from timeline.evaluation.common import names_match, ratio, read_json
from timeline.models import Problem

__all__ = [
    "PLOVER_2021",
    "GoldActor",
    "PloverRecord",
    "PloverReport",
    "PloverResult",
    "load_plover",
    "parse_plover",
    "score_plover",
]

# PLOVER 0.5b1 names that PLOVER 2021 renamed or folded into another type.
PLOVER_2021: dict[str, str] = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
ROLES = ("source", "target")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class GoldActor:
    """A source or target actor of a record: its text, and its code when it has one."""

    name: str
    code: str | None = None

    def found_by(self, actor: Mapping[str, Any]) -> bool:
        """Whether an actor of ours is this one: by name, or by the country code of both."""
        name = actor.get("name")
        if isinstance(name, str) and names_match(self.name, name):
            return True
        return bool(self.code) and actor.get("country") == self.code


@dataclass(frozen=True, slots=True)
class PloverRecord:
    id: str
    text: str
    event: str  # the gold type, as PLOVER 2021 names it
    gold_name: str  # as the record names it (0.5b1)
    trigger_words: tuple[str, ...]
    sources: tuple[GoldActor, ...] = ()
    targets: tuple[GoldActor, ...] = ()


def load_plover(path: str | Path) -> list[PloverRecord]:
    """Read PLOVER records; a missing or malformed file is a UsageError naming the file."""
    data = read_json(path, "PLOVER records")
    return parse_plover(data, str(path))


def _actors(value: Any) -> tuple[GoldActor, ...]:
    if not isinstance(value, list):  # "", null, or a note such as "diplomatic": no actor
        return ()
    return tuple(
        GoldActor(a["actorText"], a["code"] if isinstance(a.get("code"), str) else None)
        for a in value
        if isinstance(a, dict) and isinstance(a.get("actorText"), str)
    )


def parse_plover(data: Any, source: str = "<plover>") -> list[PloverRecord]:
    """Records from their JSON value, checked (UsageError on the first fault)."""
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list):
        raise UsageError('malformed PLOVER records: no "records" list', source)
    out: list[PloverRecord] = []
    for k, r in enumerate(records):
        for key in ("event", "text"):
            if not isinstance(r, dict) or not isinstance(r.get(key), str) or not r[key]:
                raise UsageError(
                    f"malformed PLOVER records: records[{k}]: {key!r} missing or not a string",
                    source,
                )
        name = r["event"].strip().upper()
        out.append(
            PloverRecord(
                id=str(r.get("id") or f"record-{k}"),
                text=r["text"],
                event=PLOVER_2021.get(name, name),
                gold_name=name,
                trigger_words=tuple(w.casefold() for w in _WORDS.findall(r.get("eventText") or "")),
                sources=_actors(r.get("source")),
                targets=_actors(r.get("target")),
            )
        )
    return out


# --- scoring ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PloverResult:
    """One record: the event chosen for it (None when its text gave none) and the verdict."""

    record: PloverRecord
    events: int
    chosen: Mapping[str, Any] | None
    by_trigger: bool
    correct: bool
    found_actors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ours(self) -> str | None:
        return None if self.chosen is None else self.chosen.get("plover")

    def to_dict(self) -> dict[str, Any]:
        trigger = (self.chosen or {}).get("trigger") or {}
        return {
            "id": self.record.id,
            "gold": self.record.event,
            "gold_name": self.record.gold_name,
            "ours": self.ours,
            "trigger": trigger.get("name") if isinstance(trigger, dict) else None,
            "by_trigger": self.by_trigger,
            "events": self.events,
            "text": self.record.text,
        }


@dataclass(frozen=True, slots=True)
class PloverReport:
    """Counts from which every figure is derived (see the module docstring)."""

    results: tuple[PloverResult, ...]
    roles: bool  # some event carries actors[].role
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return len(self.results)

    @property
    def correct(self) -> int:
        return sum(r.correct for r in self.results)

    @property
    def events(self) -> int:
        return sum(r.events for r in self.results)

    @property
    def typed(self) -> int:
        """Records whose event has a `plover` type at all."""
        return sum(bool(r.ours) for r in self.results)

    def actor_counts(self, role: str) -> tuple[int, int]:
        """Gold actors of the role, and how many were found with it."""
        gold = sum(len(_gold_actors(r.record, role)) for r in self.results)
        return gold, sum(len(r.found_actors.get(role, ())) for r in self.results)

    def by_type(self) -> dict[str, tuple[int, int]]:
        """Gold type -> records, records right."""
        counts: dict[str, list[int]] = {}
        for r in self.results:
            row = counts.setdefault(r.record.event, [0, 0])
            row[0] += 1
            row[1] += r.correct
        return {t: (n, ok) for t, (n, ok) in sorted(counts.items())}

    def confusions(self) -> list[tuple[str, str, int]]:
        """(gold, ours, count) of wrong records, commonest first.

        Ours is "(none)" for an event without `plover`, "(no event)" for a text without one.
        """
        counts = Counter(
            (r.record.event, "(no event)" if r.chosen is None else r.ours or "(none)")
            for r in self.results
            if not r.correct
        )
        return [(g, o, n) for (g, o), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        n = self.records
        actors: dict[str, Any] | None = None
        if self.roles:
            actors = {}
            for role in ROLES:
                gold, found = self.actor_counts(role)
                actors[role] = {
                    "gold": gold,
                    "found": found,
                    "recall": round(ratio(found, gold), 4),
                }
        out: dict[str, Any] = {
            "records": n,
            "seconds": round(self.seconds, 2),
            "type_accuracy": round(ratio(self.correct, n), 4),
            "correct": self.correct,
            "events": self.events,
            "events_per_sentence": round(ratio(self.events, n), 4),
            "without_event": sum(r.chosen is None for r in self.results),
            "with_plover": self.typed,
            "by_trigger": sum(r.by_trigger for r in self.results),
            "actor_recall": actors,
            "by_type": {t: {"records": k, "correct": ok} for t, (k, ok) in self.by_type().items()},
            "confusions": [{"gold": g, "ours": o, "count": c} for g, o, c in self.confusions()],
            "problems": [p.to_dict() for p in self.problems],
        }
        if errors:
            out["errors"] = [r.to_dict() for r in self.results if not r.correct]
        return out


def _gold_actors(record: PloverRecord, role: str) -> tuple[GoldActor, ...]:
    return record.sources if role == "source" else record.targets


def _trigger_words(event: Mapping[str, Any], text: str) -> set[str]:
    """The words of the event's trigger as the text has them (its name when offsets fail)."""
    trigger = event.get("trigger")
    if not isinstance(trigger, Mapping):
        return set()
    start, end = trigger.get("start"), trigger.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        shown = text[start:end]
    else:
        shown = str(trigger.get("name") or "")
    return {w.casefold() for w in _WORDS.findall(shown)}


def _position(event: Mapping[str, Any]) -> int:
    trigger = event.get("trigger")
    start = trigger.get("start") if isinstance(trigger, Mapping) else None
    return start if isinstance(start, int) else 1 << 30


def _with_role(event: Mapping[str, Any], role: str) -> list[Mapping[str, Any]]:
    actors = event.get("actors")
    if not isinstance(actors, list):
        return []
    return [a for a in actors if isinstance(a, Mapping) and a.get("role") == role]


def score_record(record: PloverRecord, events: Sequence[Mapping[str, Any]]) -> PloverResult:
    """Choose the record's event and judge it (see the module docstring)."""
    ordered = sorted(events, key=_position)  # stable: equal positions keep their order
    words = set(record.trigger_words)
    by_trigger = [e for e in ordered if _trigger_words(e, record.text) & words]
    chosen = by_trigger[0] if by_trigger else (ordered[0] if ordered else None)
    found: dict[str, tuple[str, ...]] = {}
    if chosen is not None:
        for role in ROLES:
            ours = _with_role(chosen, role)
            found[role] = tuple(
                g.name for g in _gold_actors(record, role) if any(g.found_by(a) for a in ours)
            )
    return PloverResult(
        record=record,
        events=len(events),
        chosen=chosen,
        by_trigger=bool(by_trigger),
        correct=chosen is not None and chosen.get("plover") == record.event,
        found_actors=found,
    )


def score_plover(
    records: Sequence[PloverRecord], events: Sequence[Sequence[Mapping[str, Any]]]
) -> PloverReport:
    """Score each record on the events found in its text (`events[k]` for `records[k]`)."""
    if len(records) != len(events):
        raise ValueError("one list of events for each record")
    roles = any(
        isinstance(a, Mapping) and "role" in a
        for evs in events
        for e in evs
        for a in (e.get("actors") or [])
    )
    return PloverReport(
        results=tuple(score_record(r, evs) for r, evs in zip(records, events, strict=True)),
        roles=roles,
    )
