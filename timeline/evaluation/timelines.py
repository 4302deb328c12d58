"""`timeline eval --timelines GOLD_DIR DOCS...`: SemEval-2015 Task 4 TimeLine, Track A.

Raw text in, one timeline per target entity out: the documents (TimeML
files: their DCT is the anchor, their `<s id>` sentences the text, one a
line) are extracted with their undated events, which take the document's
date (a timeline needs an anchor for every event), and merged into one
timeline as `timeline extract` does; each gold file names an entity on its
first line, and the entity's timeline is the events `--actor ENTITY` keeps,
earliest first, those on one date sharing a rank, each written with every mention of it
(`DOCID-SENTENCE-WORD`, the word its trigger, from every document that
reports it; a mention dated twice stays on its finest date).

The score is the task's: for each timeline, TempEval-3's temporal awareness
over the graph the timeline stands for (UzZaman and Allen 2011), micro-averaged
over the timelines. The graph: each event SIMULTANEOUS with its date (a time
node per date value, shared by both sides), and each event BEFORE the next in
the sorted lines when its rank is lower, else SIMULTANEOUS; rank 0 lines are
left out. A relation that contradicts the relations before it is kept aside
(violated); one they already imply is left out of the reduced graph.
Precision is the share of the system's reduced (and violated) relations
that the gold states or implies; recall the share of the gold's that the
system states or implies. Events, dates and BEFORE/SIMULTANEOUS form a point
algebra, so "implies" is computed on equivalence classes and the order
between them. `tests/test_eval_timelines.py` checks figures the task's own
scorer gives on small cases.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any, TextIO

from timeline import timex
from timeline.errors import UsageError
from timeline.evaluation.common import f1, pct, ratio
from timeline.models import Document, DocumentResult

__all__ = [
    "Line",
    "Score",
    "read_gold",
    "read_tml",
    "run_timeline_eval",
    "score",
    "system_timeline",
]


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a timeline: its rank, its time anchor, the mentions of one event."""

    rank: int
    time: str
    events: tuple[str, ...]

    def text(self) -> str:
        return "\t".join([str(self.rank), self.time, *self.events])


# --- reading ------------------------------------------------------------------------


def read_timeline(text: str) -> tuple[str, list[Line]]:
    """The entity (first line) and the lines of a timeline file."""
    rows = text.splitlines()
    entity = rows[0].strip() if rows else ""
    lines = []
    for row in rows[1:]:
        cells = row.rstrip("\n").split("\t")
        if len(cells) < 3 or not cells[0].strip().isdigit():
            continue
        lines.append(
            Line(int(cells[0]), cells[1].strip(), tuple(c.strip() for c in cells[2:] if c.strip()))
        )
    return entity, lines


def read_gold(folder: str | Path) -> dict[str, tuple[str, list[Line]]]:
    """The gold timelines of a folder, by file name."""
    path = Path(folder)
    if not path.is_dir():
        raise UsageError("not a folder of gold timelines", str(folder))
    found = {}
    for file in sorted(path.glob("*.txt")):
        found[file.name] = read_timeline(file.read_text("utf-8", errors="replace"))
    if not found:
        raise UsageError("no timelines (*.txt) in the gold folder", str(folder))
    return found


@dataclass(frozen=True, slots=True)
class Sentences:
    """Where each `<s id>` sentence of a TimeML document starts in its text."""

    ids: tuple[str, ...]
    starts: tuple[int, ...]

    def at(self, offset: int) -> str:
        from bisect import bisect_right

        k = bisect_right(self.starts, offset) - 1
        return self.ids[max(k, 0)]


def read_tml(path: str | Path) -> tuple[Document, Sentences]:
    """A SemEval TimeML file as a document: its DOCID, its DCT as anchor, its sentences
    one a line; and where each sentence starts."""
    from defusedxml import ElementTree

    source = str(path)
    try:
        root = ElementTree.parse(source).getroot()
    except Exception as exc:  # defusedxml's and expat's errors alike
        raise UsageError(f"not TimeML: {exc}", source) from exc
    doc_id = (root.findtext("DOCID") or Path(source).stem.split("-")[0].split("_")[0]).strip()
    anchor = None
    dct = root.find("DCT/TIMEX3")
    if dct is not None:
        try:
            anchor = date.fromisoformat(str(dct.get("value", ""))[:10])
        except ValueError:
            anchor = None
    ids: list[str] = []
    starts: list[int] = []
    parts: list[str] = []
    at = 0
    text_node = root.find("TEXT")
    for s in text_node.iter("s") if text_node is not None else ():
        sentence = " ".join("".join(s.itertext()).split())
        ids.append(str(s.get("id", len(ids) + 1)))
        starts.append(at)
        parts.append(sentence)
        at += len(sentence) + 1
    text = "\n".join(parts) + "\n"
    return (
        Document(doc_id, text, source, anchor, "metadata" if anchor else "none"),
        Sentences(tuple(ids), tuple(starts)),
    )


# --- the system's timelines -----------------------------------------------------------


def system_timeline(
    events: Sequence[Mapping[str, Any]], entity: str, sentences: Mapping[str, Sentences]
) -> list[Line]:
    """The timeline of `entity`: the dated events `--actor entity` keeps, in order."""
    from timeline.filters import actor_matches

    lines: list[Line] = []
    rank, last = 0, None
    for event in events:
        if not event.get("date") or not any(actor_matches(entity, a) for a in event["actors"]):
            continue
        mentions = []
        for report in event.get("sources") or [event]:
            where = sentences.get(report["document"])
            if where is None:
                continue
            word = "_".join(str(report["trigger"]["name"]).split())
            mention = f"{report['document']}-{where.at(report['trigger']['start'])}-{word}"
            if mention not in mentions:
                mentions.append(mention)
        if not mentions:
            continue
        time = _anchor(str(event["date"]))
        if time != last:
            rank, last = rank + 1, time
        lines.append(Line(rank, time, tuple(mentions)))
    return _finest(lines)


def on_document_date(result: DocumentResult) -> DocumentResult:
    """The document's events, those the text gives no date dated by the document's own
    (a timeline needs a time anchor for every event; news tells of its own day, and event
    coders stamp the story date on every event)."""
    anchor = result.document.anchor
    if anchor is None:
        return result
    day = anchor.isoformat()
    first = anchor.toordinal()
    events = tuple(
        e
        if e.date is not None
        else replace(e, date=day, granularity="day", sort_key=first, sort_end=first)
        for e in result.events
    )
    return replace(result, events=events)


def _finest(lines: list[Line]) -> list[Line]:
    """Each mention once, on the line of its finest date (one document may date one
    word twice: "the 2010 conference" and "on Monday")."""
    best: dict[str, tuple[int, int]] = {}
    for k, line in enumerate(lines):
        days = timex.sort_range(line.time)
        width = days[1] - days[0] if days else 1 << 30
        for mention in line.events:
            if mention not in best or width < best[mention][0]:
                best[mention] = (width, k)
    kept = [
        Line(line.rank, line.time, tuple(m for m in line.events if best[m][1] == k))
        for k, line in enumerate(lines)
    ]
    return [line for line in kept if line.events]


def _anchor(value: str) -> str:
    """A date as the task writes time anchors: a day, a month or a year."""
    return value.split("T", 1)[0]


# --- the score ----------------------------------------------------------------------


def _natural(text: str) -> list[Any]:
    return [int(c) if c.isdigit() else c for c in re.split(r"(\d+)", text)]


Relation = tuple[str, str, str]  # (x, y, BEFORE | AFTER | SIMULTANEOUS)


def relations(
    gold: Sequence[Line], system: Sequence[Line]
) -> tuple[list[Relation], list[Relation]]:
    """The TLINKs the task's scorer writes for the gold and the system timelines:
    events named as the gold names them (a system mention the gold has takes its
    id), times shared by value."""
    gold_ids: list[tuple[str, str]] = []  # (mention, id), in order
    gold_times: dict[str, str] = {}
    gold_rel: list[Relation] = []
    chain: list[tuple[str, int]] = []
    for line in sorted((x for x in gold if x.rank), key=lambda x: _natural(x.text())):
        tid = gold_times.setdefault(line.time, f"t{len(gold_times)}")
        for mention in line.events:
            eid = f"e{len(gold_ids) + 1}"
            gold_ids.append((mention, eid))
            chain.append((eid, line.rank))
            gold_rel.append((eid, tid, "SIMULTANEOUS"))
    gold_rel += _chain(chain)
    sys_rel: list[Relation] = []
    times = dict(gold_times)
    used: dict[str, int] = {}
    chain, fresh = [], len(gold_ids) + 1
    for line in sorted((x for x in system if x.rank), key=lambda x: _natural(x.text())):
        if line.time not in times:
            times[line.time] = f"t{len(times) + 1}"  # the scorer skips one number here
        for mention in line.events:
            ids = [eid for m, eid in gold_ids if m == mention]
            n = used.get(mention, 0)
            used[mention] = n + 1
            if n < len(ids):
                eid = ids[n]
            else:
                eid, fresh = f"e{fresh}", fresh + 1
            chain.append((eid, line.rank))
            sys_rel.append((eid, times[line.time], "SIMULTANEOUS"))
    sys_rel += _chain(chain)
    return gold_rel, sys_rel


def _chain(events: Sequence[tuple[str, int]]) -> list[Relation]:
    return [
        (a, b, "BEFORE" if ra < rb else "SIMULTANEOUS") for (a, ra), (b, rb) in pairwise(events)
    ]


@dataclass(slots=True)
class _Graph:
    """Point algebra over the entities: classes of equals and the order between them."""

    owner: dict[str, str] = field(default_factory=dict)
    after: dict[str, set[str]] = field(default_factory=dict)  # class -> classes after it

    def _find(self, x: str) -> str:
        while self.owner[x] != x:
            self.owner[x] = self.owner[self.owner[x]]
            x = self.owner[x]
        return x

    def known(self, x: str) -> bool:
        return x in self.owner

    def _add(self, x: str) -> None:
        if x not in self.owner:
            self.owner[x] = x
            self.after[x] = set()

    def _before(self, a: str, b: str) -> bool:
        """Class a is before class b."""
        seen, todo = {a}, [a]
        while todo:
            for c in self.after[todo.pop()]:
                if c == b:
                    return True
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        return False

    def holds(self, x: str, y: str, rel: str) -> bool | None:
        """True when the relation is implied, False when its contrary is, None if neither."""
        if not (self.known(x) and self.known(y)):
            return None
        a, b = self._find(x), self._find(y)
        if rel == "AFTER":
            a, b, rel = b, a, "BEFORE"
        if rel == "SIMULTANEOUS":
            if a == b:
                return True
            return False if self._before(a, b) or self._before(b, a) else None
        if a == b or self._before(b, a):
            return False
        return True if self._before(a, b) else None

    def add(self, x: str, y: str, rel: str) -> str:
        """Add a relation: "added", "implied" (left out of the reduced graph) or "violated"."""
        both = self.known(x) and self.known(y)
        if both:
            found = self.holds(x, y, rel)
            if found is True:
                return "implied"
            if found is False:
                return "violated"
        self._add(x)
        self._add(y)
        a, b = self._find(x), self._find(y)
        if rel == "AFTER":
            a, b, rel = b, a, "BEFORE"
        if rel == "BEFORE":
            if a == b:
                return "violated"
            self.after[a].add(b)
        elif a != b:
            self.owner[b] = a
            self.after[a] |= self.after.pop(b)
            for later in self.after.values():
                if b in later:
                    later.discard(b)
                    later.add(a)
        return "added"


def _reduced(rels: Iterable[Relation]) -> tuple[list[Relation], _Graph]:
    graph = _Graph()
    kept: list[Relation] = []
    violated: list[Relation] = []
    seen: set[Relation] = set()
    for rel in rels:
        if rel in seen:
            continue
        seen.add(rel)
        how = graph.add(*rel)
        if how == "added":
            kept.append(rel)
        elif how == "violated":
            violated.append(rel)
    return kept + violated, graph


_INVERSE = {"BEFORE": "AFTER", "AFTER": "BEFORE", "SIMULTANEOUS": "SIMULTANEOUS"}


def _matched(rels: Sequence[Relation], stated: Sequence[Relation], graph: _Graph) -> int:
    explicit = set(stated) | {(y, x, _INVERSE[r]) for x, y, r in stated}
    return sum(1 for rel in rels if rel in explicit or graph.holds(*rel) is True)


@dataclass(frozen=True, slots=True)
class Score:
    """Temporal awareness counts of one timeline (or of several, added up)."""

    precision_matched: int = 0
    system_total: int = 0
    recall_matched: int = 0
    gold_total: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.precision_matched + other.precision_matched,
            self.system_total + other.system_total,
            self.recall_matched + other.recall_matched,
            self.gold_total + other.gold_total,
        )

    @property
    def precision(self) -> float:
        return ratio(self.precision_matched, self.system_total)

    @property
    def recall(self) -> float:
        return ratio(self.recall_matched, self.gold_total)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


def score(gold: Sequence[Line], system: Sequence[Line]) -> Score:
    """The temporal awareness counts of a system timeline against the gold's."""
    gold_rel, sys_rel = relations(gold, system)
    gold_final, gold_graph = _reduced(gold_rel)
    sys_final, sys_graph = _reduced(sys_rel)
    return Score(
        _matched(sys_final, gold_rel, gold_graph),
        len(sys_final),
        _matched(gold_final, sys_rel, sys_graph),
        len(gold_final),
    )


# --- the run --------------------------------------------------------------------------


def run_timeline_eval(
    gold_dir: str,
    paths: Sequence[str],
    fmt: str | None,
    model: str | None,
    out: TextIO,
    answers: str | None = None,
) -> int:
    """Extract the documents, build each gold entity's timeline, score; 0 when all read."""
    import json

    from timeline import sources
    from timeline import timeline as tl
    from timeline.evaluation.run import choose_format
    from timeline.pipeline import Extractor

    gold = read_gold(gold_dir)
    files = [f for f in sources.expand(list(paths)) if f.endswith(".tml")]
    if not files:
        raise UsageError("no TimeML documents (*.tml) among the paths", "--timelines")
    documents, where = [], {}
    for file in files:
        doc, sentences = read_tml(file)
        documents.append(doc)
        where[doc.id] = sentences
    results = [on_document_date(r) for r in Extractor(model, undated=True).process_many(documents)]
    events = tl.build(results).to_dict()["events"]
    rows, total = [], Score()
    for name, (entity, lines) in gold.items():
        mine = system_timeline(events, entity, where)
        if answers is not None:
            folder = Path(answers)
            folder.mkdir(parents=True, exist_ok=True)
            text = "\n".join([entity, *(line.text() for line in mine)]) + "\n"
            (folder / name).write_text(text, "utf-8")
        counts = score(lines, mine)
        total += counts
        rows.append((name, entity, counts, len(mine)))
    if choose_format(fmt, out) == "json":
        report = {
            "timelines": {
                name: {"entity": entity, "events": n, **_figures(c)} for name, entity, c, n in rows
            },
            "micro": _figures(total),
        }
        out.write(json.dumps(report, indent=2) + "\n")
    else:
        out.write(
            f"SemEval-2015 Task 4 Track A: {len(documents)} documents, {len(rows)} timelines\n\n"
        )
        out.write(f"  {'timeline':<28}{'events':>7}{'F1':>8}{'P':>8}{'R':>8}\n")
        for name, _entity, c, n in rows:
            out.write(f"  {name:<28}{n:>7}{pct(c.f1):>8}{pct(c.precision):>8}{pct(c.recall):>8}\n")
        micro = f"{pct(total.f1):>8}{pct(total.precision):>8}{pct(total.recall):>8}"
        out.write(f"  {'micro':<28}{'':>7}{micro}\n")
    return 0


def _figures(c: Score) -> dict[str, float | int]:
    return {
        "f1": round(100 * c.f1, 4),
        "precision": round(100 * c.precision, 4),
        "recall": round(100 * c.recall, 4),
        "precision_matched": c.precision_matched,
        "system_relations": c.system_total,
        "recall_matched": c.recall_matched,
        "gold_relations": c.gold_total,
    }
