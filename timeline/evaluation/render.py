"""The TempEval-3 report as a table (rich on a terminal, plain lines when piped) or JSON."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TextIO

from timeline.evaluation.anchoring import AnchorReport
from timeline.evaluation.common import pct
from timeline.evaluation.diagnosis import GOLD_ISSUE_TITLES, GOLD_ISSUES
from timeline.evaluation.timexes import KIND_TITLES, EvalReport, Scores

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["console_for", "render_json", "render_table"]


@contextmanager
def console_for(out: TextIO) -> Iterator[Console]:
    """A rich Console writing to `out`: as wide as the terminal on one; piped, plain
    lines without the padding rich adds to reach the table width."""
    from rich.console import Console

    if out.isatty():
        yield Console(file=out, highlight=False, soft_wrap=False)
        return
    buffer = io.StringIO()
    yield Console(file=buffer, width=200, highlight=False, soft_wrap=False)
    out.writelines(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def render_table(
    report: EvalReport,
    out: TextIO,
    *,
    errors: bool = False,
    top: int = 25,
    documents: bool = False,
) -> None:
    """The figures as a compact table (rich on a terminal, plain text otherwise)."""
    with console_for(out) as console:
        _tables(report, console, errors=errors, top=top, documents=documents)


def _tables(
    report: EvalReport, console: Console, *, errors: bool, top: int, documents: bool
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if errors:
        for kind, items in report.errors_by_kind().items():
            if not items:
                continue
            table = Table(
                title=f"{KIND_TITLES[kind]}: {len(items)}", box=box.SIMPLE, title_justify="left"
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
                pct(s.relaxed_f1),
                pct(s.strict_f1),
                pct(s.value_accuracy),
                pct(s.value_f1),
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
            pct(s.relaxed_precision),
            pct(s.relaxed_recall),
            pct(s.relaxed_f1),
            pct(s.strict_precision),
            pct(s.strict_recall),
            pct(s.strict_f1),
            pct(s.type_accuracy),
            pct(s.value_accuracy),
            pct(s.value_f1),
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
    issues = ", ".join(f"{by_issue[k]} {GOLD_ISSUE_TITLES[k]}" for k in GOLD_ISSUES)
    console.print(Text(f"wrong values: {issues}, {by_issue['other']} other"))
    if report.anchoring is not None:
        _anchoring(report.anchoring, console, errors=errors)
    console.print(Text(f"time: {report.seconds:.1f} s ({rate:.1f} documents/s)"))


def _anchoring(report: AnchorReport, console: Console, *, errors: bool) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    if errors:
        titles = {
            "missed_pair": "Linked (event, date) pairs no event reproduces",
            "wrong_trigger": "Events on a linked date with another trigger",
        }
        for kind, title in titles.items():
            items = [e for e in report.errors if e.kind == kind]
            if not items:
                continue
            table = Table(title=f"{title}: {len(items)}", box=box.SIMPLE, title_justify="left")
            for name in ("document", "trigger", "date", "gold", "context"):
                table.add_column(name, no_wrap=name == "document")
            for e in items:
                cells = (e.document, e.trigger, e.date, ", ".join(e.expected), e.context)
                table.add_row(*(Text(c) for c in cells))
            console.print(table)
    table = Table(
        title=f"Event anchoring, TimeML event-time TLINKs: {report.documents} documents",
        box=box.SIMPLE,
        title_justify="left",
        caption=(
            "pair R: linked (EVENT, date) pairs an event reproduces; trigger P: of events on "
            "a linked date, those whose trigger is an EVENT the date anchors (%)."
        ),
        caption_justify="left",
    )
    table.add_column("links")
    for name in ("pairs", "found", "pair R", "events", "right", "trigger P"):
        table.add_column(name, justify="right")
    for label, s in (("all", report.all), ("without REPORTING", report.no_reporting)):
        table.add_row(
            label,
            str(s.pairs),
            str(s.pairs_found),
            pct(s.pair_recall),
            str(s.events_scored),
            str(s.events_correct),
            pct(s.trigger_precision),
        )
    console.print(table)


def render_json(
    report: EvalReport, out: TextIO, *, errors: bool = False, documents: bool = False
) -> None:
    json.dump(report.to_dict(errors=errors, documents=documents), out, ensure_ascii=False, indent=2)
    out.write("\n")
