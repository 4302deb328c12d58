"""TempEval-3 Task A: matching system timexes to gold ones, and the figures.

Semantics follow the official TempEval-3 scorer (UzZaman et al., 2013):

- relaxed match: the extents of a gold and a system TIMEX3 overlap; strict
  match: the extents are identical. Matching is one-to-one: every candidate
  pair is ranked (identical extents first, then by the number of characters
  shared, then by position) and taken greedily while both sides are free.
- precision = matched system timexes / system timexes; recall = matched gold
  timexes / gold timexes; F1 their harmonic mean; micro-averaged over the
  documents.
- type and value accuracy are measured over the relaxed matches;
  type F1 = relaxed F1 x type accuracy and value F1 = relaxed F1 x value
  accuracy (the figures TempEval-3 ranks systems by).
- per type: recall, accuracy and value F1 group by the gold type; precision
  groups by the type the system gave.

Wrong values are also classed by what is wrong on the gold side
(`timeline.evaluation.diagnosis`); the figures never depend on it.

The scorer knows nothing of the pipeline: both sides are `TimexLike` (gold
`timeline.timeml.GoldTimex`, system `timeline.models.TimeExpression`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from timeline.evaluation import diagnosis
from timeline.evaluation.anchoring import AnchorReport
from timeline.evaluation.common import context, f1, ratio
from timeline.evaluation.diagnosis import GOLD_ISSUES, WEEK_SHIFT_MIN, GoldIssue, value_shape
from timeline.models import Problem

__all__ = [
    "ERROR_KINDS",
    "KIND_TITLES",
    "TIMEX_TYPES",
    "Alignment",
    "ErrorItem",
    "ErrorKind",
    "ErrorPattern",
    "EvalReport",
    "Scorer",
    "Scores",
    "Tally",
    "TimexLike",
    "align",
]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

ErrorKind = Literal["miss", "false_alarm", "wrong_extent", "wrong_type", "wrong_value"]
ERROR_KINDS: tuple[ErrorKind, ...] = (
    "miss",
    "false_alarm",
    "wrong_extent",
    "wrong_type",
    "wrong_value",
)
KIND_TITLES: dict[ErrorKind, str] = {
    "miss": "Misses (gold not found)",
    "false_alarm": "False alarms (found, not in gold)",
    "wrong_extent": "Wrong extents (relaxed match, not strict)",
    "wrong_type": "Wrong types (on relaxed matches)",
    "wrong_value": "Wrong values (on relaxed matches)",
}


class TimexLike(Protocol):
    """What the scorer needs of a temporal expression, gold or system."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def text(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def value(self) -> str: ...


# --- matching -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Alignment:
    """A one-to-one matching of gold and system timexes (indices into the given lists)."""

    pairs: tuple[tuple[int, int], ...]
    missed: tuple[int, ...]
    false_alarms: tuple[int, ...]


def _overlap(a: TimexLike, b: TimexLike) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def align(gold: Sequence[TimexLike], system: Sequence[TimexLike]) -> Alignment:
    """Match gold and system timexes one-to-one by overlapping extents (greedy)."""
    candidates: list[tuple[int, int, int, int, int, int]] = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            shared = _overlap(g, s)
            if shared > 0:
                exact = g.start == s.start and g.end == s.end
                candidates.append((0 if exact else 1, -shared, g.start, s.start, gi, si))
    candidates.sort()
    gold_used: set[int] = set()
    sys_used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for *_, gi, si in candidates:
        if gi in gold_used or si in sys_used:
            continue
        gold_used.add(gi)
        sys_used.add(si)
        pairs.append((gi, si))
    pairs.sort()
    return Alignment(
        pairs=tuple(pairs),
        missed=tuple(i for i in range(len(gold)) if i not in gold_used),
        false_alarms=tuple(i for i in range(len(system)) if i not in sys_used),
    )


# --- figures --------------------------------------------------------------------


@dataclass(slots=True)
class Tally:
    """Counts for one row of the table (all timexes, or one TIMEX3 type).

    `*_gold` counts are matched gold timexes (recall side, grouped by gold type);
    `*_system` counts are matched system timexes (precision side, grouped by the
    system's type). `type_correct` and `value_correct` count relaxed matches,
    grouped by gold type.
    """

    gold: int = 0
    system: int = 0
    relaxed_gold: int = 0
    relaxed_system: int = 0
    strict_gold: int = 0
    strict_system: int = 0
    type_correct: int = 0
    value_correct: int = 0

    def scores(self) -> Scores:
        rp = ratio(self.relaxed_system, self.system)
        rr = ratio(self.relaxed_gold, self.gold)
        sp = ratio(self.strict_system, self.system)
        sr = ratio(self.strict_gold, self.gold)
        rf = f1(rp, rr)
        type_acc = ratio(self.type_correct, self.relaxed_gold)
        value_acc = ratio(self.value_correct, self.relaxed_gold)
        return Scores(
            gold=self.gold,
            system=self.system,
            relaxed_matches=self.relaxed_gold,
            strict_matches=self.strict_gold,
            relaxed_precision=rp,
            relaxed_recall=rr,
            relaxed_f1=rf,
            strict_precision=sp,
            strict_recall=sr,
            strict_f1=f1(sp, sr),
            type_accuracy=type_acc,
            value_accuracy=value_acc,
            type_f1=rf * type_acc,
            value_f1=rf * value_acc,
        )


@dataclass(frozen=True, slots=True)
class Scores:
    """TempEval-3 Task A figures, all in [0, 1]."""

    gold: int
    system: int
    relaxed_matches: int
    strict_matches: int
    relaxed_precision: float
    relaxed_recall: float
    relaxed_f1: float
    strict_precision: float
    strict_recall: float
    strict_f1: float
    type_accuracy: float
    value_accuracy: float
    type_f1: float
    value_f1: float

    def to_dict(self) -> dict[str, Any]:
        def r(x: float) -> float:
            return round(x, 4)

        return {
            "gold": self.gold,
            "system": self.system,
            "relaxed": {
                "matches": self.relaxed_matches,
                "precision": r(self.relaxed_precision),
                "recall": r(self.relaxed_recall),
                "f1": r(self.relaxed_f1),
            },
            "strict": {
                "matches": self.strict_matches,
                "precision": r(self.strict_precision),
                "recall": r(self.strict_recall),
                "f1": r(self.strict_f1),
            },
            "type_accuracy": r(self.type_accuracy),
            "value_accuracy": r(self.value_accuracy),
            "type_f1": r(self.type_f1),
            "value_f1": r(self.value_f1),
        }


# --- errors ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ErrorItem:
    """One error: a gold timex not found, a system timex not in gold, or a wrong attribute.

    `start`/`end`/`text` are the gold expression's when there is one, else the
    system's; `context` is about 60 characters around it, the expression in [brackets].
    """

    kind: ErrorKind
    document: str
    start: int
    end: int
    text: str
    context: str
    gold_text: str | None = None
    gold_type: str | None = None
    gold_value: str | None = None
    sys_text: str | None = None
    sys_type: str | None = None
    sys_value: str | None = None
    week_shifted: bool = False  # one of a document's weekdays all a week off (see WEEK_SHIFT_MIN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "document": self.document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "context": self.context,
            "gold": None
            if self.gold_text is None
            else {"text": self.gold_text, "type": self.gold_type, "value": self.gold_value},
            "system": None
            if self.sys_text is None
            else {"text": self.sys_text, "type": self.sys_type, "value": self.sys_value},
            "gold_issue": self.gold_issue(),
        }

    def gold_issue(self) -> GoldIssue | None:
        """For a wrong value, the annotation problem in the gold that explains it, if any."""
        if self.kind != "wrong_value":
            return None
        issue = diagnosis.gold_issue(
            self.gold_value or "", self.sys_value or "", self.gold_text or ""
        )
        if issue is None and self.week_shifted:
            return "gold_week_shifted"
        return issue[0] if issue else None

    def pattern(self) -> str:
        """A key that groups this error with errors of the same shape."""
        if self.kind == "miss":
            return f"{self.gold_type} {value_shape(self.gold_value or '')}"
        if self.kind == "false_alarm":
            return f"{self.sys_type} {value_shape(self.sys_value or '')}"
        if self.kind == "wrong_type":
            return f"{self.gold_type} -> {self.sys_type}"
        if self.kind == "wrong_value":
            gold, ours = self.gold_value or "", self.sys_value or ""
            return (
                f"{self.gold_type} {value_shape(gold)} -> {value_shape(ours)}: "
                f"{diagnosis.value_diagnosis(gold, ours, self.gold_text or '')}"
            )
        return diagnosis.extent_diagnosis(self.gold_text or "", self.sys_text or "")


@dataclass(frozen=True, slots=True)
class ErrorPattern:
    """A frequent kind of error: its key, how often, and its commonest texts."""

    kind: ErrorKind
    pattern: str
    count: int
    examples: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "pattern": self.pattern,
            "count": self.count,
            "examples": [{"text": t, "count": n} for t, n in self.examples],
        }


def _week_shift(e: ErrorItem) -> int:
    """+7 or -7 when a wrong weekday value is exactly a week from ours, else 0."""
    if e.kind != "wrong_value":
        return 0
    return diagnosis.week_shift(e.gold_text or "", e.gold_value or "", e.sys_value or "")


def _mark_week_shifts(errors: list[ErrorItem], first: int) -> None:
    """Class a document's weekdays (its errors are `errors[first:]`) as
    `gold_week_shifted` when at least WEEK_SHIFT_MIN of them are a week off
    ours, all the same way."""
    shift = {k: _week_shift(errors[k]) for k in range(first, len(errors))}
    counts = Counter(shift.values())
    for way in (7, -7):
        if counts[way] >= WEEK_SHIFT_MIN and counts[-way] == 0:
            for k, days in shift.items():
                if days == way:
                    errors[k] = replace(errors[k], week_shifted=True)


# --- scoring --------------------------------------------------------------------


@dataclass(slots=True)
class Scorer:
    """Accumulates the scores of documents, one `add` per document."""

    overall: Tally = field(default_factory=Tally)
    by_type: dict[str, Tally] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    documents: int = 0
    offset_mismatches: int = 0
    by_document: dict[str, Tally] = field(default_factory=dict)

    def _tally(self, timex_type: str) -> Tally:
        if timex_type not in self.by_type:
            self.by_type[timex_type] = Tally()
        return self.by_type[timex_type]

    def add(
        self,
        document: str,
        text: str,
        gold: Sequence[TimexLike],
        system: Sequence[TimexLike],
    ) -> Alignment:
        """Score one document: `text` is the text both sides' offsets point into."""
        self.documents += 1
        self.offset_mismatches += sum(1 for s in system if text[s.start : s.end] != s.text)
        alignment = align(gold, system)
        total = self.overall
        # a document read twice (same id) adds up, as the totals do
        own = self.by_document.setdefault(document, Tally())
        for t in (total, own):
            t.gold += len(gold)
            t.system += len(system)
        for g in gold:
            self._tally(g.type).gold += 1
        for s in system:
            self._tally(s.type).system += 1

        first_error = len(self.errors)
        for gi, si in alignment.pairs:
            g, s = gold[gi], system[si]
            strict = g.start == s.start and g.end == s.end
            type_ok = g.type == s.type
            value_ok = g.value.strip() == s.value.strip()
            by_gold, by_sys = self._tally(g.type), self._tally(s.type)
            for t in (total, own, by_gold):
                t.relaxed_gold += 1
                t.strict_gold += strict
                t.type_correct += type_ok
                t.value_correct += value_ok
            for t in (total, own, by_sys):
                t.relaxed_system += 1
                t.strict_system += strict
            checks: tuple[tuple[ErrorKind, bool], ...] = (
                ("wrong_extent", strict),
                ("wrong_type", type_ok),
                ("wrong_value", value_ok),
            )
            for kind, ok in checks:
                if not ok:
                    self.errors.append(_error(kind, document, text, g, s))
        for gi in alignment.missed:
            self.errors.append(_error("miss", document, text, gold[gi], None))
        for si in alignment.false_alarms:
            self.errors.append(_error("false_alarm", document, text, None, system[si]))
        _mark_week_shifts(self.errors, first_error)
        return alignment

    def report(self, problems: Sequence[Problem] = (), seconds: float = 0.0) -> EvalReport:
        types = [t for t in TIMEX_TYPES if t in self.by_type]
        types += sorted(t for t in self.by_type if t not in TIMEX_TYPES)
        return EvalReport(
            documents=self.documents,
            overall=self.overall.scores(),
            by_type={t: self.by_type[t].scores() for t in types},
            errors=tuple(self.errors),
            problems=tuple(problems),
            seconds=seconds,
            offset_mismatches=self.offset_mismatches,
            by_document={d: t.scores() for d, t in self.by_document.items()},
        )


def _error(
    kind: ErrorKind,
    document: str,
    text: str,
    gold: TimexLike | None,
    system: TimexLike | None,
) -> ErrorItem:
    main = gold if gold is not None else system
    assert main is not None
    return ErrorItem(
        kind=kind,
        document=document,
        start=main.start,
        end=main.end,
        text=main.text,
        context=context(text, main.start, main.end),
        gold_text=gold.text if gold is not None else None,
        gold_type=gold.type if gold is not None else None,
        gold_value=gold.value if gold is not None else None,
        sys_text=system.text if system is not None else None,
        sys_type=system.type if system is not None else None,
        sys_value=system.value if system is not None else None,
    )


@dataclass(frozen=True, slots=True)
class EvalReport:
    """The result of an evaluation: figures, errors, and the documents that could not be read."""

    documents: int
    overall: Scores
    by_type: dict[str, Scores]
    errors: tuple[ErrorItem, ...] = ()
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0
    offset_mismatches: int = 0
    by_document: dict[str, Scores] = field(default_factory=dict)
    anchoring: AnchorReport | None = None  # when the extraction gave events

    def worst_documents(self, top: int | None = None) -> list[tuple[str, Scores]]:
        """Documents by value F1, lowest first (ties: more gold first): where to look
        for an annotator's drift or a rule that fails a whole story."""
        # a document with no gold and nothing found has nothing to rank it by
        scored = [(d, s) for d, s in self.by_document.items() if s.gold or s.system]
        ranked = sorted(scored, key=lambda kv: (kv[1].value_f1, -kv[1].gold, kv[0]))
        return ranked if top is None else ranked[:top]

    def errors_by_kind(self) -> dict[ErrorKind, list[ErrorItem]]:
        out: dict[ErrorKind, list[ErrorItem]] = {k: [] for k in ERROR_KINDS}
        for e in self.errors:
            out[e.kind].append(e)
        return out

    def error_counts(self) -> dict[ErrorKind, int]:
        return {k: len(v) for k, v in self.errors_by_kind().items()}

    def wrong_value_counts(self) -> dict[str, int]:
        """Wrong values by gold-side class (`GOLD_ISSUES`); the rest are "other"."""
        counts: Counter[str] = Counter()
        for e in self.errors:
            if e.kind == "wrong_value":
                counts[e.gold_issue() or "other"] += 1
        return {k: counts[k] for k in (*GOLD_ISSUES, "other")}

    def patterns(self, top: int | None = 15, examples: int = 3) -> list[ErrorPattern]:
        """The commonest error patterns over all kinds, most frequent first."""
        counts: Counter[tuple[ErrorKind, str]] = Counter()
        texts: dict[tuple[ErrorKind, str], Counter[str]] = {}
        for e in self.errors:
            key = (e.kind, e.pattern())
            counts[key] += 1
            shown = (
                e.text if e.kind != "wrong_value" else f"{e.text} ({e.gold_value}|{e.sys_value})"
            )
            texts.setdefault(key, Counter())[" ".join(shown.split())] += 1
        ranked = sorted(
            counts.items(), key=lambda kv: (-kv[1], ERROR_KINDS.index(kv[0][0]), kv[0][1])
        )
        if top is not None:
            ranked = ranked[:top]
        return [
            ErrorPattern(kind, pattern, n, tuple(texts[(kind, pattern)].most_common(examples)))
            for (kind, pattern), n in ranked
        ]

    def to_dict(
        self, *, errors: bool = False, top: int = 25, documents: bool = False
    ) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": self.documents,
            "seconds": round(self.seconds, 2),
            "overall": self.overall.to_dict(),
            "by_type": {t: s.to_dict() for t, s in self.by_type.items()},
            "error_counts": self.error_counts(),
            "wrong_value_counts": self.wrong_value_counts(),
            "offset_mismatches": self.offset_mismatches,
            "problems": [p.to_dict() for p in self.problems],
            "anchoring": None if self.anchoring is None else self.anchoring.to_dict(errors=errors),
        }
        if documents:
            out["by_document"] = [{"document": d, **s.to_dict()} for d, s in self.worst_documents()]
        if errors:
            out["errors"] = {k: [e.to_dict() for e in v] for k, v in self.errors_by_kind().items()}
            out["patterns"] = [p.to_dict() for p in self.patterns(top)]
        return out
