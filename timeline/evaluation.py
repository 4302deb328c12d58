"""TempEval-3 Task A scoring of temporal expressions, and the `timeline eval` command.

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

Wrong values are also classed by what is wrong on the gold side (`GOLD_ISSUES`:
the gold value contradicts its own text, is not ISO, leaves X where ours
agrees with all it does give, or is one of a document's weekdays that the gold
all puts a week from ours, the same way). This is diagnosis only: the figures
still count a value as right only when it is the gold string.

The scorer knows nothing of the pipeline: both sides are `TimexLike` (gold
`timeline.timeml.GoldTimex`, system `timeline.models.TimeExpression`).
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal, Protocol, TextIO

from timeline import timex
from timeline.errors import InputError, TimelineError, UsageError
from timeline.models import Problem
from timeline.report import Report
from timeline.timeml import TimeMLDocument, read_timeml

__all__ = [
    "ERROR_KINDS",
    "GOLD_ISSUES",
    "TIMEX_TYPES",
    "Alignment",
    "ErrorItem",
    "ErrorKind",
    "ErrorPattern",
    "EvalReport",
    "Extract",
    "GoldIssue",
    "Scorer",
    "Scores",
    "Tally",
    "TimexLike",
    "align",
    "evaluate",
    "find_timeml_files",
    "pipeline_extract",
    "render_json",
    "render_table",
    "run_eval",
    "value_shape",
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
_KIND_TITLES: dict[ErrorKind, str] = {
    "miss": "Misses (gold not found)",
    "false_alarm": "False alarms (found, not in gold)",
    "wrong_extent": "Wrong extents (relaxed match, not strict)",
    "wrong_type": "Wrong types (on relaxed matches)",
    "wrong_value": "Wrong values (on relaxed matches)",
}

# Wrong values the gold side is to blame for (annotation problems), most certain first.
# Diagnosis only: a value still counts as right only when it equals the gold string.
GoldIssue = Literal[
    "gold_contradicts_text", "gold_not_iso", "gold_underspecified", "gold_week_shifted"
]
GOLD_ISSUES: tuple[GoldIssue, ...] = (
    "gold_contradicts_text",
    "gold_not_iso",
    "gold_underspecified",
    "gold_week_shifted",
)
_GOLD_ISSUE_TITLES: dict[GoldIssue, str] = {
    "gold_contradicts_text": "gold contradicts its text",
    "gold_not_iso": "gold not ISO",
    "gold_underspecified": "gold underspecified",
    "gold_week_shifted": "gold weekdays a week off",
}
# A document whose gold puts this many weekdays exactly a week from ours, all
# the same way, was dated from another day than its DCT: the annotators' week
# was not the document's (AP900815-0044: "will meet Bush on Thursday", a week
# before the DCT).
WEEK_SHIFT_MIN = 3

CONTEXT_CHARS = 30  # on each side of the expression: about 60 characters of context


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


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


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
        rp = _ratio(self.relaxed_system, self.system)
        rr = _ratio(self.relaxed_gold, self.gold)
        sp = _ratio(self.strict_system, self.system)
        sr = _ratio(self.strict_gold, self.gold)
        rf = _f1(rp, rr)
        type_acc = _ratio(self.type_correct, self.relaxed_gold)
        value_acc = _ratio(self.value_correct, self.relaxed_gold)
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
            strict_f1=_f1(sp, sr),
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
        issue = _gold_issue(self.gold_value or "", self.sys_value or "", self.gold_text or "")
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
                f"{_value_diagnosis(gold, ours, self.gold_text or '')}"
            )
        return _extent_diagnosis(self)


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


_DIGITS = re.compile(r"\d")
_DURATION_NUMBER = re.compile(r"9+(?:\.9+)?")
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


def value_shape(value: str) -> str:
    """The form of a TIMEX3 value: digits become 9 (durations: numbers become N).

    `1998-01-08` -> `9999-99-99`, `1998-W02` -> `9999-W99`, `P10D` -> `PND`,
    `PRESENT_REF` stays as it is; an empty value is `(none)`.
    """
    if not value:
        return "(none)"
    shape = _DIGITS.sub("9", value)
    if shape.startswith("P"):
        shape = _DURATION_NUMBER.sub("N", shape)
    return shape


def _as_date(value: str) -> date | None:
    m = _FULL_DATE.match(value)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_NAME = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
# "1990s" is a decade, not a year: the \b after the digits leaves it out.
_YEAR_IN_TEXT = re.compile(r"\b(1\d{3}|20\d{2})\b")
_GOLD_YEAR = re.compile(r"^(?:FY)?(\d{4})(?:-|T|$)")
_CALENDAR = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?(?=T|$)")
_HOUR_ONLY = re.compile(r"T(\d{2})$")
_SHORT_WEEK = re.compile(r"-W(\d)(?!\d)")


def _week_shift(e: ErrorItem) -> int:
    """+7 or -7 when a wrong weekday value is exactly a week from ours, else 0."""
    if e.kind != "wrong_value" or not _WEEKDAY_NAME.search(e.gold_text or ""):
        return 0
    gold, ours = _as_date((e.gold_value or "")[:10]), _as_date((e.sys_value or "")[:10])
    if gold is None or ours is None:
        return 0
    days = (ours - gold).days
    return days if days in (7, -7) else 0


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


def _contradicts_text(gold: str, text: str) -> str | None:
    """Why the gold value cannot be what its own text says, or None."""
    iv = timex.interval(gold)
    named = {m.lower() for m in _WEEKDAY_NAME.findall(text)}
    # One day named by weekday: a gold date on another weekday is wrong by the text.
    if (
        iv is not None
        and iv.first == iv.last
        and named
        and _WEEKDAYS[iv.first.weekday()] not in named
    ):
        return "weekday"
    years = set(_YEAR_IN_TEXT.findall(text))
    m = _GOLD_YEAR.match(gold)
    if m is not None and years and m.group(1) not in years:
        return "year"
    return None


def _not_iso(gold: str) -> bool:
    """Whether the gold value is not a well-formed TIMEX3 value.

    `timex.is_valid` rejects one-digit weeks (2000-W6) and unknown units (P1E)
    but takes an hour without minutes (T17) and does not check the calendar.
    """
    if not timex.is_valid(gold) or _HOUR_ONLY.search(gold):
        return True
    m = _CALENDAR.match(gold)
    if m is None:
        return False
    month, day = int(m.group(2)), m.group(3)
    return not 1 <= month <= 12 or (day is not None and _as_date(gold[:10]) is None)


def _as_iso(gold: str) -> str:
    """The gold value in the notation it meant: 2000-W6 -> 2000-W06, T17 -> T17:00."""
    return _HOUR_ONLY.sub(r"T\1:00", _SHORT_WEEK.sub(r"-W0\1", gold))


def _underspecified(gold: str, ours: str) -> bool:
    """Gold leaves X where ours gives a value within everything gold does fix.

    What gold fixes is what comes before its first X (1998-10-XX: October 1998);
    a gold with digits after an X (XXXX-WXX-1) is left alone. Ours must name a
    calendar interval wholly inside it: a week running into November is not
    "some day in October".
    """
    if gold.startswith("P") or "X" not in gold or "X" in ours:
        return False
    known, _, rest = gold.partition("X")
    if _DIGITS.search(rest):
        return False
    fixed = timex.interval(known.rstrip("-WQH"))
    mine = timex.interval(ours)
    return (
        fixed is not None
        and mine is not None
        and fixed.first <= mine.first <= mine.last <= fixed.last
    )


def _gold_issue(gold: str, ours: str, gold_text: str) -> tuple[GoldIssue, str] | None:
    """The gold-side class of a wrong value and a detail, in order of certainty."""
    why = _contradicts_text(gold, gold_text)
    if why is not None:
        return "gold_contradicts_text", why
    if _not_iso(gold):
        return "gold_not_iso", "same as ours" if _as_iso(gold) == ours else ""
    if _underspecified(gold, ours):
        return "gold_underspecified", ""
    return None


def _value_diagnosis(gold: str, ours: str, gold_text: str = "") -> str:
    issue = _gold_issue(gold, ours, gold_text)
    if issue is not None:
        title, detail = _GOLD_ISSUE_TITLES[issue[0]], issue[1]
        return f"{title} ({detail})" if detail else title
    if not ours:
        return "no value"
    if gold.startswith(ours):
        return "ours coarser"
    if ours.startswith(gold):
        return "ours finer"
    g, o = _as_date(gold), _as_date(ours)
    if g is not None and o is not None:
        days = (o - g).days
        if abs(days) <= 31:
            return f"off by {days:+d} days"
        if g.month == o.month and g.day == o.day:
            return f"off by {o.year - g.year:+d} years"
        return "other date"
    if value_shape(gold) == value_shape(ours):
        return "same shape"
    return "other shape"


def _text_key(text: str) -> str:
    return _DIGITS.sub("9", " ".join(text.lower().split()))


def _extent_diagnosis(item: ErrorItem) -> str:
    gold, ours = item.gold_text or "", item.sys_text or ""
    gold_key, ours_key = _text_key(gold), _text_key(ours)
    if gold_key and gold_key in ours_key:
        i = ours_key.index(gold_key)
        left, right = ours_key[:i].strip(), ours_key[i + len(gold_key) :].strip()
        return "ours adds " + " ... ".join(repr(x) for x in (left, right) if x)
    if ours_key and ours_key in gold_key:
        i = gold_key.index(ours_key)
        left, right = gold_key[:i].strip(), gold_key[i + len(ours_key) :].strip()
        return "ours lacks " + " ... ".join(repr(x) for x in (left, right) if x)
    return "extents cross"


_SPACES = re.compile(r"\s+")


def _context(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    before, inside, after = (
        _SPACES.sub(" ", text[i:j]) for i, j in ((lo, start), (start, end), (end, hi))
    )
    shown = f"{before}[{inside}]{after}".strip()
    return ("..." if lo > 0 else "") + shown + ("..." if hi < len(text) else "")


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
        context=_context(text, main.start, main.end),
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
        }
        if documents:
            out["by_document"] = [{"document": d, **s.to_dict()} for d, s in self.worst_documents()]
        if errors:
            out["errors"] = {k: [e.to_dict() for e in v] for k, v in self.errors_by_kind().items()}
            out["patterns"] = [p.to_dict() for p in self.patterns(top)]
        return out


# --- driver ---------------------------------------------------------------------

Extract = Callable[[TimeMLDocument], Sequence[TimexLike]]


def find_timeml_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The .tml files named or under the folders named (recursive, sorted), in order given."""
    found: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            found.extend(
                sorted(
                    (f for f in path.rglob("*") if f.suffix.lower() == ".tml" and f.is_file()),
                    key=lambda f: f.relative_to(path).as_posix(),
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError("no such file or folder", str(path))
    return found


def evaluate(
    paths: Iterable[str | os.PathLike[str]],
    extract: Extract,
    *,
    on_document: Callable[[Path], None] | None = None,
) -> EvalReport:
    """Read the TimeML files at `paths`, run `extract` on each, and score it against its gold.

    `extract` gets the whole `TimeMLDocument` (its `text` and, as anchor, its `dct`)
    and returns system timexes with offsets into `text`. A file that cannot be
    read is reported in `problems` and left out; a document `extract` fails on
    with a TimelineError is reported and scored as if nothing was found.
    """
    started = time.perf_counter()
    files = find_timeml_files(paths)
    scorer = Scorer()
    problems: list[Problem] = []
    for path in files:
        if on_document is not None:
            on_document(path)
        try:
            doc = read_timeml(path)
        except InputError as exc:
            problems.append(Problem(exc.source or str(path), exc.message, exc.line))
            continue
        try:
            system: Sequence[TimexLike] = extract(doc)
        except TimelineError as exc:
            problems.append(Problem(str(path), f"extraction failed: {exc.message}"))
            system = ()
        scorer.add(doc.id, doc.text, doc.timexes, system)
    return scorer.report(problems, time.perf_counter() - started)


def pipeline_extract(model: str | None = None) -> Extract:
    """An `extract` function that runs the real pipeline, anchored on the document's DCT."""
    from timeline.models import Document
    from timeline.pipeline import Extractor

    extractor = Extractor(model)

    def extract(doc: TimeMLDocument) -> Sequence[TimexLike]:
        document = Document(
            id=doc.id,
            text=doc.text,
            source=doc.source,
            anchor=doc.dct,
            anchor_source="dct" if doc.dct is not None else "none",
            title=doc.title,
        )
        return extractor.process(document).timexes

    return extract


# --- rendering ------------------------------------------------------------------


def _pct(x: float) -> str:
    return f"{100 * x:.1f}"


def render_table(
    report: EvalReport,
    out: TextIO,
    *,
    errors: bool = False,
    top: int = 25,
    documents: bool = False,
) -> None:
    """The figures as a compact table (rich on a terminal, plain text otherwise)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    is_tty = out.isatty()
    # Piped, write plain lines without the padding rich adds to reach the table width.
    target: TextIO = out if is_tty else io.StringIO()
    console = Console(file=target, width=None if is_tty else 200, highlight=False, soft_wrap=False)

    if errors:
        for kind, items in report.errors_by_kind().items():
            if not items:
                continue
            table = Table(
                title=f"{_KIND_TITLES[kind]}: {len(items)}", box=box.SIMPLE, title_justify="left"
            )
            table.add_column("document", no_wrap=True)
            if kind in ("wrong_extent", "wrong_type", "wrong_value"):
                table.add_column("gold text")
                table.add_column("our text")
            else:
                table.add_column("text")
            table.add_column("context")
            table.add_column("gold", no_wrap=True)
            table.add_column("ours", no_wrap=True)
            for e in items:
                gold = f"{e.gold_type} {e.gold_value}" if e.gold_type is not None else ""
                ours = f"{e.sys_type} {e.sys_value}" if e.sys_type is not None else ""
                texts = (
                    [e.gold_text or "", e.sys_text or ""]
                    if kind not in ("miss", "false_alarm")
                    else [e.text]
                )
                table.add_row(*(Text(c) for c in (e.document, *texts, e.context, gold, ours)))
            console.print(table)

        patterns = Table(
            title=f"Commonest error patterns (top {top})", box=box.SIMPLE, title_justify="left"
        )
        patterns.add_column("count", justify="right")
        for name in ("kind", "pattern", "examples"):
            patterns.add_column(name)
        for p in report.patterns(top):
            shown = ", ".join(f"{t!r} x{n}" if n > 1 else repr(t) for t, n in p.examples)
            patterns.add_row(*(Text(c) for c in (str(p.count), p.kind, p.pattern, shown)))
        console.print(patterns)

    if documents:
        per_doc = Table(
            title="Documents, lowest value F1 first", box=box.SIMPLE, title_justify="left"
        )
        per_doc.add_column("document", no_wrap=True)
        for name in ("gold", "sys", "rel F1", "str F1", "value acc", "value F1"):
            per_doc.add_column(name, justify="right")
        for name, s in report.worst_documents():
            per_doc.add_row(
                Text(name),
                str(s.gold),
                str(s.system),
                _pct(s.relaxed_f1),
                _pct(s.strict_f1),
                _pct(s.value_accuracy),
                _pct(s.value_f1),
            )
        console.print(per_doc)

    table = Table(
        title=f"TempEval-3 Task A: {report.documents} documents",
        box=box.SIMPLE,
        title_justify="left",
        caption=(
            "P/R/F1, accuracies in %. Type and value accuracy over relaxed matches; "
            "value F1 = relaxed F1 x value accuracy."
        ),
        caption_justify="left",
    )
    table.add_column("type")
    for name in ("gold", "sys", "rel P", "rel R", "rel F1", "str P", "str R", "str F1"):
        table.add_column(name, justify="right")
    for name in ("type acc", "value acc", "value F1"):
        table.add_column(name, justify="right")

    def row(label: str, s: Scores, style: str | None = None) -> None:
        table.add_row(
            label,
            str(s.gold),
            str(s.system),
            _pct(s.relaxed_precision),
            _pct(s.relaxed_recall),
            _pct(s.relaxed_f1),
            _pct(s.strict_precision),
            _pct(s.strict_recall),
            _pct(s.strict_f1),
            _pct(s.type_accuracy),
            _pct(s.value_accuracy),
            _pct(s.value_f1),
            style=style,
        )

    row("all", report.overall, "bold")
    for t, s in report.by_type.items():
        row(t, s)
    console.print(table)

    counts = report.error_counts()
    summary = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
    rate = report.documents / report.seconds if report.seconds else 0.0
    console.print(Text(f"errors: {summary}"))
    by_issue = report.wrong_value_counts()
    issues = ", ".join(f"{by_issue[k]} {_GOLD_ISSUE_TITLES[k]}" for k in GOLD_ISSUES)
    console.print(Text(f"wrong values: {issues}, {by_issue['other']} other"))
    console.print(Text(f"time: {report.seconds:.1f} s ({rate:.1f} documents/s)"))
    if isinstance(target, io.StringIO) and target is not out:
        out.writelines(line.rstrip() + "\n" for line in target.getvalue().splitlines())


def render_json(
    report: EvalReport, out: TextIO, *, errors: bool = False, documents: bool = False
) -> None:
    json.dump(report.to_dict(errors=errors, documents=documents), out, ensure_ascii=False, indent=2)
    out.write("\n")


def run_eval(
    paths: Sequence[str | os.PathLike[str]],
    errors: bool,
    fmt: str | None,
    model: str | None,
    out: TextIO,
    err: TextIO | None = None,
    *,
    extract: Extract | None = None,
    documents: bool = False,
    report: Report | None = None,
) -> int:
    """`timeline eval`: score the pipeline on TimeML gold files; returns the exit code.

    `fmt` is "table" or "json"; None picks a table on a terminal and JSON when piped.
    Raises UsageError (no paths, a missing path, no .tml files, a bad format)
    and ModelError; unreadable files are told to `report` (by default one that
    writes on `err`) and give exit code 1.
    """
    err = err if err is not None else sys.stderr
    report = report if report is not None else Report("eval", stream=err)
    if fmt is None:
        fmt = "table" if out.isatty() else "json"
    if fmt not in ("table", "json"):
        raise UsageError(f"unknown format {fmt!r} for eval: choose table or json", "--format")
    if not paths:
        raise UsageError("give the TimeML files or folders to evaluate on", "GOLD")
    files = find_timeml_files(paths)
    if not files:
        raise UsageError("no TimeML (.tml) files found", " ".join(str(p) for p in paths))
    if extract is None:
        extract = pipeline_extract(model)

    if err.isatty():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(file=err), transient=True) as progress:
            task = progress.add_task("eval", total=len(files))
            scores = evaluate(files, extract, on_document=lambda _: progress.advance(task))
    else:
        scores = evaluate(files, extract)
    if fmt == "json":
        render_json(scores, out, errors=errors, documents=documents)
    else:
        render_table(scores, out, errors=errors, documents=documents)
    for problem in scores.problems:
        report.skipped(problem)
    report.scored(scores.documents)
    if scores.offset_mismatches:
        report.say(
            f"warning: {scores.offset_mismatches} system timexes whose text is not "
            "the document text at their offsets"
        )
    return int(report.exit_code)
