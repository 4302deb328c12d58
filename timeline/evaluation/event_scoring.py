"""Scoring system events against event gold (`../shared/data/EVENTS.md`, `event_gold`).

System events are the JSON event dicts `timeline extract` writes. An event
merged across documents carries `sources`, a list of `{"document", ...}` (with
`start`/`end`/`sentence` and `status` of that document's report when known);
an event without `sources` is reported by its `document` alone. Only reports in gold
documents are scored; a report is one (system event, document) pair.

Definitions, as EVENTS.md gives them:

- a system report *matches* a gold event of its document when its date equals
  the gold date or an `alt_dates` value, or is more precise than one (its days
  lie inside that value's days: 1997-04-29 is inside 1997-W18 and 1997-04),
  and, when gold has a location, one of its place names names a gold one
  (`common.names_match`: one contains the other as whole words);
- recall: gold events some report matches, over gold events;
- precision: reports that match some gold event of their document, over all
  reports in gold documents;
- type and status accuracy, actor recall: over found gold events, each scored
  on one report, its best match: a report whose sentence holds the gold
  evidence first, then an exact date before a more precise one, then the
  first in the text (type, status and actors are never used to choose). A gold actor is
  found when `names_match` pairs it with a name among the report's actors;
- merging: of the clusters that two or more gold documents report, the share
  *merged*: one system event matches the cluster's gold event in every one of
  its documents. A *merged event* reports in two or more gold documents; it is
  judged when it matches gold in at least two of them, and *over-merged* when
  no one cluster runs through all the documents where it matches gold;
- diagnostics: recall one-to-one (the largest matching in which each report
  stands for at most one gold event and each gold event for one report) and
  duplicates (reports that match gold but are left out of that matching: a
  gold event another report already stands for).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from timeline import timex
from timeline.evaluation.common import name_list, names_match, ratio
from timeline.evaluation.event_gold import GoldDocument, GoldEntry, locate, sentence_around
from timeline.models import Problem

__all__ = [
    "EVENT_ERROR_KINDS",
    "EventError",
    "EventReport",
    "TypeRow",
    "date_fits",
    "score_events",
]

EventErrorKind = Literal[
    "miss", "false_alarm", "wrong_type", "wrong_status", "missed_actors", "not_merged",
    "over_merged",
]  # fmt: skip
EVENT_ERROR_KINDS: tuple[EventErrorKind, ...] = (
    "miss",
    "false_alarm",
    "wrong_type",
    "wrong_status",
    "missed_actors",
    "not_merged",
    "over_merged",
)


# --- matching ---------------------------------------------------------------------


def date_fits(gold: GoldEntry, value: str | None) -> int | None:
    """0 when `value` is the gold date or an alternative, 1 when it is more precise
    than one (inside its days), None when it does not fit."""
    if not value:
        return None
    if value == gold.date or value in gold.alt_dates:
        return 0
    mine = timex.interval(value)
    if mine is None:
        return None
    for option in (gold.date, *gold.alt_dates):
        iv = timex.interval(option)
        if iv is not None and iv.first <= mine.first and mine.last <= iv.last:
            return 1
    return None


@dataclass(frozen=True, slots=True)
class _Report:
    """One system event as reported in one document."""

    event: int  # index into the system events
    document: str
    date: str | None
    type: str
    status: str
    places: tuple[str, ...]
    actors: tuple[str, ...]
    start: int | None
    end: int | None
    sentence: str
    summary: str


def _reports(index: int, event: Mapping[str, Any]) -> list[_Report]:
    sources = event.get("sources")
    where: list[Mapping[str, Any]] = (
        [s for s in sources if isinstance(s, Mapping) and isinstance(s.get("document"), str)]
        if isinstance(sources, list) and sources
        else [event]
    )
    date_value = event.get("date")
    places = tuple(name_list(event.get("location")) + name_list(event.get("locations")))
    out: list[_Report] = []
    seen: set[str] = set()
    for w in where:
        doc = w.get("document")
        if not isinstance(doc, str) or doc in seen:
            continue
        seen.add(doc)
        start, end = w.get("start"), w.get("end")
        out.append(
            _Report(
                event=index,
                document=doc,
                date=date_value if isinstance(date_value, str) else None,
                type=str(event.get("type") or ""),
                # gold status is as of each article's publication: a merged event's
                # source says what its own article says
                status=str(w.get("status") or event.get("status") or ""),
                places=places,
                actors=tuple(name_list(event.get("actors"))),
                start=start if isinstance(start, int) else None,
                end=end if isinstance(end, int) else None,
                sentence=str(w.get("sentence") or event.get("sentence") or ""),
                summary=str(event.get("summary") or ""),
            )
        )
    return out


def _place_fits(gold: GoldEntry, report: _Report) -> bool:
    return not gold.locations or any(
        names_match(g, p) for g in gold.locations for p in report.places
    )


def _fit(gold: GoldEntry, report: _Report) -> int | None:
    rank = date_fits(gold, report.date)
    return rank if rank is not None and _place_fits(gold, report) else None


def _max_matching(edges: Mapping[int, Sequence[int]]) -> int:
    """The size of a largest one-to-one matching of gold events (keys) to reports."""
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for r in edges[g]:
            if r in seen:
                continue
            seen.add(r)
            if r not in owner or augment(owner[r], seen):
                owner[r] = g
                return True
        return False

    return sum(augment(g, set()) for g in edges)


# --- scoring ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EventError:
    """One error. `gold` and `ours` describe the two sides ("1997-05-02 talks planned
    at Geneva"); `sentence` is the gold evidence's sentence, else ours; `detail`
    says more (why a gold event was missed, which actors were not found)."""

    kind: EventErrorKind
    document: str
    gold: str | None
    ours: str | None
    sentence: str
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.document,
            "gold": self.gold,
            "ours": self.ours,
            "sentence": self.sentence,
            "detail": self.detail,
        }


@dataclass(frozen=True, slots=True)
class TypeRow:
    """Gold events of one type: how many, how many found, how many found with this type."""

    gold: int = 0
    found: int = 0
    type_correct: int = 0


@dataclass(frozen=True, slots=True)
class EventReport:
    """Counts from which every figure is derived (see the module docstring)."""

    documents: int
    gold: int
    found: int
    reports: int
    matched_reports: int
    one_to_one: int
    type_correct: int
    status_correct: int
    gold_actors: int
    actors_found: int
    clusters: int
    clusters_merged: int
    merged_events: int
    merged_judged: int
    over_merged: int
    by_type: dict[str, TypeRow] = field(default_factory=dict)
    errors: tuple[EventError, ...] = ()
    problems: tuple[Problem, ...] = ()  # texts that could not be read
    seconds: float = 0.0

    @property
    def recall(self) -> float:
        return ratio(self.found, self.gold)

    @property
    def precision(self) -> float:
        return ratio(self.matched_reports, self.reports)

    @property
    def duplicates(self) -> int:
        return self.matched_reports - self.one_to_one

    def figures(self) -> dict[str, float]:
        """The figures by name, in [0, 1]."""
        return {
            "recall": self.recall,
            "precision": self.precision,
            "type_accuracy": ratio(self.type_correct, self.found),
            "status_accuracy": ratio(self.status_correct, self.found),
            "actor_recall": ratio(self.actors_found, self.gold_actors),
            "recall_one_to_one": ratio(self.one_to_one, self.gold),
            "merged": ratio(self.clusters_merged, self.clusters),
            "over_merged": ratio(self.over_merged, self.merged_judged),
        }

    def to_dict(self, *, errors: bool = False) -> dict[str, Any]:
        f = {k: round(v, 4) for k, v in self.figures().items()}
        out: dict[str, Any] = {
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "gold": self.gold,
            "system": self.reports,
            "found": self.found,
            "matched": self.matched_reports,
            "recall": f["recall"],
            "precision": f["precision"],
            "type_accuracy": f["type_accuracy"],
            "status_accuracy": f["status_accuracy"],
            "actors": {
                "gold": self.gold_actors,
                "found": self.actors_found,
                "recall": f["actor_recall"],
            },
            "one_to_one": {"matches": self.one_to_one, "recall": f["recall_one_to_one"]},
            "duplicates": self.duplicates,
            "merging": {
                "clusters": self.clusters,
                "merged": self.clusters_merged,
                "merged_share": f["merged"],
                "merged_events": self.merged_events,
                "judged": self.merged_judged,
                "over_merged": self.over_merged,
                "over_merged_share": f["over_merged"],
            },
            "by_type": {
                t: {"gold": r.gold, "found": r.found, "type_correct": r.type_correct}
                for t, r in self.by_type.items()
            },
            "error_counts": dict(Counter(e.kind for e in self.errors)),
        }
        out["error_counts"] = {k: out["error_counts"].get(k, 0) for k in EVENT_ERROR_KINDS}
        out["problems"] = [p.to_dict() for p in self.problems]
        if errors:
            out["errors"] = {
                k: [e.to_dict() for e in self.errors if e.kind == k] for k in EVENT_ERROR_KINDS
            }
        return out


def _describe(date_value: str | None, type_: str, status: str, places: Iterable[str]) -> str:
    where = ", ".join(places)
    return f"{date_value or '(no date)'} {type_} {status}" + (f" at {where}" if where else "")


def _gold_side(g: GoldEntry) -> str:
    return _describe(g.date, g.type, g.status, g.locations)


def _our_side(r: _Report) -> str:
    shown = _describe(r.date, r.type, r.status, r.places)
    return f"{shown}: {r.summary}" if r.summary else shown


def _folded(s: str) -> str:
    return " ".join(s.casefold().split())


def _holds(r: _Report, g: GoldEntry, span: tuple[int, int] | None) -> bool:
    """Whether the report's sentence is the gold evidence's (by offsets, else by its words)."""
    if span is not None and r.start is not None and r.end is not None:
        return min(r.end, span[1]) > max(r.start, span[0])
    return bool(g.evidence) and _folded(g.evidence) in _folded(r.sentence)


def _why_missed(g: GoldEntry, reports: Sequence[_Report], span: tuple[int, int] | None) -> str:
    same = [r for r in reports if _holds(r, g, span)]
    if same:
        r = same[0]
        if date_fits(g, r.date) is None:
            return f"ours in its sentence is dated {r.date or '(no date)'}"
        return f"ours in its sentence is at {', '.join(r.places) or 'no place'}"
    on_date = [r for r in reports if date_fits(g, r.date) is not None]
    if on_date:
        places = sorted({p for r in on_date for p in r.places}) or ["no place"]
        return f"{len(on_date)} of ours on this date, at {', '.join(places)}"
    return "none of ours on this date"


@dataclass(slots=True)
class _Counts:
    found: int = 0
    matched: int = 0
    one_to_one: int = 0
    type_correct: int = 0
    status_correct: int = 0
    gold_actors: int = 0
    actors_found: int = 0
    by_type: dict[str, TypeRow] = field(default_factory=dict)
    errors: list[EventError] = field(default_factory=list)


def score_events(
    gold: Mapping[str, GoldDocument],
    events: Sequence[Mapping[str, Any]],
    texts: Mapping[str, str] | None = None,
) -> EventReport:
    """Score system event dicts against the gold documents (see the module docstring).

    `texts` (document id -> text) locates the gold evidence: it picks the
    report in the evidence's sentence and shows the sentence of a miss.
    """
    texts = texts or {}
    by_doc: dict[str, list[_Report]] = {d: [] for d in gold}
    for i, event in enumerate(events):
        for r in _reports(i, event):
            if r.document in by_doc:
                by_doc[r.document].append(r)
    counts = _Counts()
    # (document, gold number) -> the system events that match it there
    matched_by: dict[tuple[str, int], set[int]] = {}
    for doc_id, doc in gold.items():
        matched_by.update(_score_document(doc, by_doc[doc_id], texts.get(doc_id, ""), counts))
    merging = _merging(gold, by_doc, matched_by, counts.errors)
    return EventReport(
        documents=len(gold),
        gold=sum(len(d.events) for d in gold.values()),
        found=counts.found,
        reports=sum(len(r) for r in by_doc.values()),
        matched_reports=counts.matched,
        one_to_one=counts.one_to_one,
        type_correct=counts.type_correct,
        status_correct=counts.status_correct,
        gold_actors=counts.gold_actors,
        actors_found=counts.actors_found,
        clusters=merging[0],
        clusters_merged=merging[1],
        merged_events=merging[2],
        merged_judged=merging[3],
        over_merged=merging[4],
        by_type=dict(sorted(counts.by_type.items())),
        errors=tuple(sorted(counts.errors, key=lambda e: EVENT_ERROR_KINDS.index(e.kind))),
    )


def _score_document(
    doc: GoldDocument, reports: list[_Report], text: str, counts: _Counts
) -> dict[tuple[str, int], set[int]]:
    edges: dict[int, list[int]] = {}
    out: dict[tuple[str, int], set[int]] = {}
    for g in doc.events:
        span = locate(text, g.evidence)
        fitting = [(fit, k) for k, r in enumerate(reports) if (fit := _fit(g, r)) is not None]
        edges[g.number] = [k for _, k in fitting]
        out[(doc.id, g.number)] = {reports[k].event for _, k in fitting}
        row = counts.by_type.get(g.type, TypeRow())
        sentence = sentence_around(text, *span) if span else g.evidence
        if not fitting:
            counts.by_type[g.type] = TypeRow(row.gold + 1, row.found, row.type_correct)
            why = _why_missed(g, reports, span)
            counts.errors.append(EventError("miss", doc.id, _gold_side(g), None, sentence, why))
            continue
        best = reports[
            min(
                fitting,
                key=lambda fk: (
                    not _holds(reports[fk[1]], g, span),
                    fk[0],
                    reports[fk[1]].start if reports[fk[1]].start is not None else len(text),
                    fk[1],
                ),
            )[1]
        ]
        type_ok, status_ok = best.type == g.type, best.status == g.status
        counts.found += 1
        counts.type_correct += type_ok
        counts.status_correct += status_ok
        counts.by_type[g.type] = TypeRow(row.gold + 1, row.found + 1, row.type_correct + type_ok)
        missing = [a for a in g.actors if not any(names_match(a, s) for s in best.actors)]
        counts.gold_actors += len(g.actors)
        counts.actors_found += len(g.actors) - len(missing)
        pair = (_gold_side(g), _our_side(best))
        if not type_ok:
            counts.errors.append(EventError("wrong_type", doc.id, *pair, sentence))
        if not status_ok:
            counts.errors.append(EventError("wrong_status", doc.id, *pair, sentence))
        if missing:
            detail = f"missing {', '.join(missing)} (ours: {', '.join(best.actors) or 'none'})"
            counts.errors.append(EventError("missed_actors", doc.id, *pair, sentence, detail))
    matched = {k for ks in edges.values() for k in ks}
    counts.matched += len(matched)
    counts.one_to_one += _max_matching(edges)
    for k, r in enumerate(reports):
        if k not in matched:
            shown = r.sentence or (text[r.start : r.end] if r.start is not None else "")
            counts.errors.append(
                EventError("false_alarm", doc.id, None, _our_side(r), " ".join(shown.split()))
            )
    return out


def _merging(
    gold: Mapping[str, GoldDocument],
    by_doc: Mapping[str, list[_Report]],
    matched_by: Mapping[tuple[str, int], set[int]],
    errors: list[EventError],
) -> tuple[int, int, int, int, int]:
    """Clusters of two or more articles and how many are merged; merged events,
    how many are judged and how many over-merged."""
    clusters: dict[str, list[GoldEntry]] = {}
    for doc in gold.values():
        for g in doc.events:
            clusters.setdefault(g.key, []).append(g)
    multi = {c: gs for c, gs in clusters.items() if len({g.document for g in gs}) >= 2}
    merged = 0
    for cluster, gs in multi.items():
        common = set.intersection(*(matched_by[(g.document, g.number)] for g in gs))
        if common:
            merged += 1
            continue
        found_in = [g.document for g in gs if matched_by[(g.document, g.number)]]
        by = {e for g in gs for e in matched_by[(g.document, g.number)]}
        detail = f"found in {len(found_in)} of {len(gs)} articles" + (
            f", by {len(by)} different events" if by else ""
        )
        docs = ", ".join(sorted({g.document for g in gs}))
        errors.append(EventError("not_merged", docs, cluster, None, gs[0].evidence, detail))

    # per system event: document -> the clusters it matches there
    reach: dict[int, dict[str, set[str]]] = {}
    for doc_id, reports in by_doc.items():
        for r in reports:
            reach.setdefault(r.event, {})[doc_id] = set()
    for (doc_id, number), found_by in matched_by.items():
        key = gold[doc_id].events[number].key
        for e in found_by:
            reach[e][doc_id].add(key)
    merged_events = judged = over = 0
    sample = {r.event: r for reports in by_doc.values() for r in reports}
    for e, per_doc in reach.items():
        if len(per_doc) < 2:
            continue
        merged_events += 1
        hit = {d: c for d, c in per_doc.items() if c}
        if len(hit) < 2:
            continue
        judged += 1
        if not set.intersection(*hit.values()):
            over += 1
            detail = "; ".join(f"{d}: {', '.join(sorted(c))}" for d, c in sorted(hit.items()))
            docs = ", ".join(sorted(per_doc))
            errors.append(EventError("over_merged", docs, None, _our_side(sample[e]), "", detail))
    return len(multi), merged, merged_events, judged, over
