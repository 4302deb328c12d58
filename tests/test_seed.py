"""Acceptance on the seed article: the timeline of ../shared/data/seed-gold.json."""

from __future__ import annotations

import json
from datetime import date

from click.testing import CliRunner

from tests.conftest import SEED, SEEDS
from timeline.cli import cli
from timeline.models import Document
from timeline.pipeline import Extractor

GOLD = [
    ("2014", "military", "occurred", "Ukraine"),
    ("2022-01-10", "talks", "occurred", "Geneva"),
    ("2022-01-11", "talks", "planned", "Brussels"),
    ("2022-01-12", "meeting", "planned", None),
    ("2022-01-13", "meeting", "planned", "Vienna"),
]


def _seed(extractor: Extractor, anchor: date | None) -> Document:
    return Document("seed", SEED.read_text(encoding="utf-8"), str(SEED), anchor, "option")


def test_seed_timeline_with_anchor() -> None:
    result = CliRunner().invoke(
        cli, ["extract", str(SEEDS), "--anchor", "2022-01-10", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    events = data["events"]
    got = [
        (e["date"], e["type"], e["status"], e["location"]["name"] if e["location"] else None)
        for e in events
    ]
    assert got == GOLD
    doc = data["documents"][0]
    assert doc["anchor"] == "2022-01-10" and doc["anchor_source"] == "option"


def test_seed_monday_talks_merge_four_mentions(extractor: Extractor) -> None:
    result = extractor.process(_seed(extractor, date(2022, 1, 10)))
    talks = next(e for e in result.events if e.date == "2022-01-10")
    names = {a.name for a in talks.actors}
    assert {"Wendy R. Sherman", "United States", "Russia"} <= names
    # its place comes from "the Geneva meeting", another sentence than its date
    assert talks.location is not None and talks.location.name == "Geneva"
    assert (
        "Geneva meeting"
        in SEED.read_text(encoding="utf-8")[talks.location.start - 1 : talks.location.end + 8]
    )
    # the four Mondays of the text, whatever else of it the talks are dated by
    text = SEED.read_text(encoding="utf-8")
    mondays = [m.start for m in talks.mentions if m.text == "Monday"]
    assert {i for i in range(len(text)) if text.startswith("Monday", i)} <= set(mondays)
    invasion = next(e for e in result.events if e.date == "2014")
    assert [m.text for m in invasion.mentions] == ["2014", "2014"]
    assert [a.name for a in invasion.actors] == ["Russia"]


def test_seed_durations_are_not_events(extractor: Extractor) -> None:
    result = extractor.process(_seed(extractor, date(2022, 1, 10)))
    hours = [t for t in result.timexes if t.text == "eight hours"]
    assert [(t.type, t.value) for t in hours] == [("DURATION", "PT8H")] * 2
    assert all(e.date_text != "eight hours" for e in result.events)


def test_every_seed_event_is_dated_by_its_words() -> None:
    # "And Russia expressed its outrage at ...": words, undated, are not put on a day
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--format", "json"])
    events = json.loads(result.stdout)["events"]
    assert [(e["dated_by"], bool(e["date_text"])) for e in events] == [("text", True)] * 5


def test_seed_metadata_gives_the_anchor() -> None:
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)["documents"][0]
    assert (doc["anchor"], doc["anchor_source"]) == ("2022-01-10", "metadata")


def test_seed_without_anchor_keeps_the_order(extractor: Extractor) -> None:
    result = extractor.process(_seed(extractor, None))
    events = list(result.events)
    from timeline.timeline import order

    ordered = order(events)
    assert [e.type for e in ordered] == [g[1] for g in GOLD]
    assert [e.location.name if e.location else None for e in ordered] == [g[3] for g in GOLD]
    # only 2014 is absolute; the weekdays stay relative to the article's own day
    assert [e.date for e in ordered] == ["2014", None, None, None, None]
    assert [e.timex.value for e in ordered if e.timex] == [
        "2014",
        "XXXX-WXX-1",
        "XXXX-WXX-2",
        "XXXX-WXX-3",
        "XXXX-WXX-4",
    ]


def test_seed_without_any_date_gives_the_same_events_in_order(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())  # no sidecar beside it
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["documents"][0]["anchor"] is None
    got = [
        (e["date"], e["type"], e["location"]["name"] if e["location"] else None)
        for e in data["events"]
    ]
    assert got == [
        ("2014", "military", "Ukraine"),
        (None, "talks", "Geneva"),
        (None, "talks", "Brussels"),
        (None, "meeting", None),
        (None, "meeting", "Vienna"),
    ]
