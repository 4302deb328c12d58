"""The event-gold and PLOVER reports as tables (rich on a terminal, plain lines when piped)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from timeline.evaluation.common import pct
from timeline.evaluation.event_scoring import EVENT_ERROR_KINDS, EventReport
from timeline.evaluation.plover import ROLES, PloverReport
from timeline.evaluation.render import console_for

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["render_event_table", "render_plover_table"]

_EVENT_ERROR_TITLES = {
    "miss": "Misses (gold events no event of ours matches)",
    "false_alarm": "False alarms (ours, matching no gold event of the document)",
    "wrong_type": "Wrong types (on found events)",
    "wrong_status": "Wrong status (on found events)",
    "missed_actors": "Gold actors not found (on found events)",
    "not_merged": "Clusters of several articles no one event covers",
    "over_merged": "Merged events joining different clusters",
}


def _measures(console: Console, title: str, rows: list[tuple[str, str, str]], note: str) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        title=title, box=box.SIMPLE, title_justify="left", caption=note, caption_justify="left"
    )
    table.add_column("measure")
    table.add_column("%", justify="right")
    table.add_column("of", justify="right")
    for row in rows:
        table.add_row(*(Text(c) for c in row))
    console.print(table)


def _share(num: int, den: int) -> tuple[str, str]:
    return (pct(num / den) if den else "-", f"{num}/{den}")


def render_event_table(report: EventReport, out: TextIO, *, errors: bool = False) -> None:
    """Errors (with `errors`), the figures, the gold types, the error counts."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    with console_for(out) as console:
        if errors:
            for kind in EVENT_ERROR_KINDS:
                items = [e for e in report.errors if e.kind == kind]
                if not items:
                    continue
                table = Table(
                    title=f"{_EVENT_ERROR_TITLES[kind]}: {len(items)}",
                    box=box.SIMPLE,
                    title_justify="left",
                )
                for name in ("document", "gold", "ours", "sentence", "detail"):
                    table.add_column(name)
                for e in items:
                    cells = (e.document, e.gold or "", e.ours or "", e.sentence, e.detail)
                    table.add_row(*(Text(c) for c in cells))
                console.print(table)

        r = report
        rows = [
            ("recall", *_share(r.found, r.gold)),
            ("precision", *_share(r.matched_reports, r.reports)),
            ("type accuracy", *_share(r.type_correct, r.found)),
            ("status accuracy", *_share(r.status_correct, r.found)),
            ("actor recall", *_share(r.actors_found, r.gold_actors)),
            ("clusters of 2+ articles merged", *_share(r.clusters_merged, r.clusters)),
            ("merged events over-merged", *_share(r.over_merged, r.merged_judged)),
            ("recall one-to-one", *_share(r.one_to_one, r.gold)),
            ("duplicates", str(r.duplicates), f"of {r.matched_reports} matching"),
        ]
        _measures(
            console,
            f"Event gold: {r.documents} documents, {r.gold} gold events, {r.reports} ours",
            rows,
            "Accuracies, actor recall: on found gold events.\n"
            "A merged event counts in each article it reports;\n"
            f"{r.merged_events} merged, {r.merged_judged} matching gold in 2+ articles.",
        )

        types = Table(title="By gold type", box=box.SIMPLE, title_justify="left")
        types.add_column("type")
        for name in ("gold", "found", "recall", "type acc"):
            types.add_column(name, justify="right")
        for name, row in r.by_type.items():
            types.add_row(
                name,
                str(row.gold),
                str(row.found),
                pct(row.found / row.gold) if row.gold else "-",
                pct(row.type_correct / row.found) if row.found else "-",
            )
        console.print(types)
        counts = r.to_dict()["error_counts"]
        shown = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in counts.items())
        console.print(Text(f"errors: {shown}"))
        console.print(Text(f"time: {r.seconds:.1f} s"))


def render_plover_table(report: PloverReport, out: TextIO, *, errors: bool = False) -> None:
    """Wrong records (with `errors`), the figures, the gold types, the commonest confusions."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    with console_for(out) as console:
        if errors:
            wrong = [r for r in report.results if not r.correct]
            table = Table(
                title=f"Records whose event has another type: {len(wrong)}",
                box=box.SIMPLE,
                title_justify="left",
            )
            for name in ("record", "gold", "ours", "trigger", "text"):
                table.add_column(name, no_wrap=name == "record")
            for r in wrong:
                d = r.to_dict()
                ours = "(no event)" if r.chosen is None else d["ours"] or "(none)"
                trigger = (d["trigger"] or "") + ("" if r.by_trigger else " (first event)")
                cells = (
                    r.record.id,
                    r.record.event,
                    ours,
                    trigger,
                    " ".join(r.record.text.split()),
                )
                table.add_row(*(Text(c) for c in cells))
            console.print(table)

        n = report.records
        rows = [
            ("type accuracy", *_share(report.correct, n)),
            (
                "events per sentence",
                f"{report.events / n:.2f}" if n else "-",
                f"{report.events}/{n}",
            ),
            ("event chosen by its trigger", *_share(sum(r.by_trigger for r in report.results), n)),
            ("records without an event", *_share(sum(r.chosen is None for r in report.results), n)),
            ("records whose event has a plover type", *_share(report.typed, n)),
        ]
        for role in ROLES:
            gold, found = report.actor_counts(role)
            shown = _share(found, gold) if report.roles else ("-", "no roles in our events")
            rows.append((f"{role} actor recall", *shown))
        _measures(
            console,
            f"PLOVER event types: {n} records",
            rows,
            "A record's event: the first whose trigger is one of its trigger words, else its "
            "first event; gold 0.5b1 names read as PLOVER 2021's.",
        )

        types = Table(title="By gold type", box=box.SIMPLE, title_justify="left")
        types.add_column("type")
        for name in ("records", "right", "%"):
            types.add_column(name, justify="right")
        for name, (k, ok) in report.by_type().items():
            types.add_row(name, str(k), str(ok), pct(ok / k))
        console.print(types)
        confusions = ", ".join(f"{g}->{o} x{c}" for g, o, c in report.confusions()[:10])
        console.print(Text(f"commonest confusions: {confusions or 'none'}"))
        console.print(Text(f"time: {report.seconds:.1f} s"))
