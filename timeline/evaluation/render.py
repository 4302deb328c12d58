"""The TempEval-3 report as a table (rich on a terminal, plain lines when piped) or JSON."""

from __future__ import annotations

import io
import json
from typing import TextIO

from timeline.evaluation.diagnosis import GOLD_ISSUE_TITLES, GOLD_ISSUES
from timeline.evaluation.timexes import KIND_TITLES, EvalReport, Scores

__all__ = ["render_json", "render_table"]


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
    issues = ", ".join(f"{by_issue[k]} {GOLD_ISSUE_TITLES[k]}" for k in GOLD_ISSUES)
    console.print(Text(f"wrong values: {issues}, {by_issue['other']} other"))
    console.print(Text(f"time: {report.seconds:.1f} s ({rate:.1f} documents/s)"))
    if isinstance(target, io.StringIO) and target is not out:
        out.writelines(line.rstrip() + "\n" for line in target.getvalue().splitlines())


def render_json(
    report: EvalReport, out: TextIO, *, errors: bool = False, documents: bool = False
) -> None:
    json.dump(report.to_dict(errors=errors, documents=documents), out, ensure_ascii=False, indent=2)
    out.write("\n")
