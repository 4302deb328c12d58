"""PLOVER type accuracy, events per sentence and actor recall, on records and events written here."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from timeline.errors import UsageError
from timeline.evaluation.plover import (
    PLOVER_2021,
    GoldActor,
    PloverRecord,
    load_plover,
    parse_plover,
    score_plover,
    score_record,
)
from timeline.evaluation.run_events import run_plover_eval
from timeline.models import Document

RECORDS: dict[str, Any] = {
    "about": "written for these tests",
    "records": [
        {
            "id": "agree-1",
            "event": "AGREE",
            "eventText": "agreed resume",
            "text": "Armenia and Azerbaijan agreed on Sunday to resume talks on their border.",
            "source": [{"actorText": "Armenia", "code": "ARM"}, {"actorText": "Azerbaijan"}],
            "target": "",
        },
        {
            "id": "demand-1",
            "event": "DEMAND",
            "eventText": "called on release",
            "text": "The European Union called on Iran to release the detained journalists.",
            "source": [{"actorText": "European Union", "code": "IGO"}],
            "target": [{"actorText": "Iran", "code": "IRN"}],
        },
        {
            "id": "fight-1",
            "event": "FIGHT",
            "eventText": "clashed",
            "text": "Rebels clashed with government troops near the northern town.",
            "source": [{"actorText": "Rebels"}],
            "target": [{"actorText": "government troops"}],
        },
        {
            "id": "investigate-1",
            "event": "INVESTIGATE",
            "eventText": "opened inquiry",
            "text": "Prosecutors opened an inquiry into the ministry's contracts.",
            "source": [{"actorText": "Prosecutors"}],
            "target": None,
        },
    ],
}


def ev(text: str, trigger: str, plover: str | None, **roles: Sequence[str]) -> dict[str, Any]:
    """An event of ours on `text`, with its trigger's offsets and actors by role."""
    start = text.index(trigger)
    actors = [
        {"name": name, "label": "", "start": 0, "end": 0, "role": role}
        for role, names in roles.items()
        for name in names
    ]
    return {
        "trigger": {"name": trigger, "start": start, "end": start + len(trigger)},
        "plover": plover,
        "actors": actors,
    }


def events_for(records: Sequence[PloverRecord]) -> list[list[dict[str, Any]]]:
    agree, demand, fight, _ = (r.text for r in records)
    called = ev(demand, "called", "REQUEST", source=["The European Union"], target=["Tehran"])
    called["actors"][1]["country"] = "IRN"  # the gold's Iran, by its code
    return [
        [
            ev(agree, "agreed", "AGREE", source=["Armenia", "Azerbaijan"]),
            ev(agree, "talks", "CONSULT"),
        ],
        # both triggers are among the record's words: the first in the text is its event
        [
            ev(demand, "release", "CONCEDE"),
            called,
        ],
        # no trigger among the record's words: its first event, which has no PLOVER type
        [ev(fight, "troops", None)],
        [],  # no event at all
    ]


def test_records_are_read_in_plover_2021_names() -> None:
    records = parse_plover(RECORDS, "plover.json")
    assert [(r.gold_name, r.event) for r in records] == [
        ("AGREE", "AGREE"),
        ("DEMAND", "REQUEST"),
        ("FIGHT", "ASSAULT"),
        ("INVESTIGATE", "ACCUSE"),
    ]
    assert records[1] == PloverRecord(
        id="demand-1",
        text="The European Union called on Iran to release the detained journalists.",
        event="REQUEST",
        gold_name="DEMAND",
        trigger_words=("called", "on", "release"),
        sources=(GoldActor("European Union", "IGO"),),
        targets=(GoldActor("Iran", "IRN"),),
    )
    # a target given as "" or null is no target
    assert (records[0].targets, records[3].targets) == ((), ())
    assert PLOVER_2021 == {
        "DEMAND": "REQUEST",
        "DISAPPROVE": "ACCUSE",
        "INVESTIGATE": "ACCUSE",
        "FIGHT": "ASSAULT",
    }


def test_figures() -> None:
    records = parse_plover(RECORDS)
    report = score_plover(records, events_for(records))
    data = report.to_dict(errors=True)
    assert {k: data[k] for k in ("records", "correct", "type_accuracy", "events")} == {
        "records": 4,
        "correct": 2,
        "type_accuracy": 0.5,
        "events": 5,
    }
    assert (data["events_per_sentence"], data["by_trigger"], data["without_event"]) == (1.25, 2, 1)
    assert data["with_plover"] == 2
    assert data["actor_recall"] == {
        "source": {"gold": 5, "found": 3, "recall": 0.6},
        "target": {"gold": 2, "found": 1, "recall": 0.5},
    }
    assert data["confusions"] == [
        {"gold": "ACCUSE", "ours": "(no event)", "count": 1},
        {"gold": "ASSAULT", "ours": "(none)", "count": 1},
    ]
    assert [(e["id"], e["ours"], e["trigger"], e["by_trigger"]) for e in data["errors"]] == [
        ("fight-1", None, "troops", False),
        ("investigate-1", None, None, False),
    ]
    assert report.by_type() == {
        "ACCUSE": (1, 0),
        "AGREE": (1, 1),
        "ASSAULT": (1, 0),
        "REQUEST": (1, 1),
    }


def test_without_roles_actor_recall_is_not_given() -> None:
    records = parse_plover(RECORDS)
    events = events_for(records)
    for evs in events:
        for e in evs:
            for a in e["actors"]:
                del a["role"]
    assert score_plover(records, events).to_dict()["actor_recall"] is None


def test_the_trigger_is_read_at_its_offsets() -> None:
    (record, *_) = parse_plover(RECORDS)
    # the trigger's name is a lemma; the text at its offsets is the record's word
    agreed = ev(record.text, "agreed", "AGREE") | {
        "trigger": {"name": "agree", "start": 23, "end": 29}
    }
    first = ev(record.text, "Armenia", "CONSULT")
    result = score_record(record, [first, agreed])
    assert (result.by_trigger, result.correct) == (True, True)
    # offsets outside the text: the name is compared instead
    agreed["trigger"] = {"name": "agree", "start": 500, "end": 505}
    assert score_record(record, [first, agreed]).by_trigger is False


def test_actors_are_found_by_name_or_by_country_code() -> None:
    hungary = GoldActor("Hungarian", "HUN")
    assert hungary.found_by({"name": "Hungary", "country": "HUN"})
    assert hungary.found_by({"name": "Hungarian officials", "country": None})
    assert not hungary.found_by({"name": "Romania", "country": "ROU"})
    # "IGO" is no country: only the name can find it
    un = GoldActor("U.N. Security Council", "IGO")
    assert not un.found_by({"name": "the council", "country": None})
    assert un.found_by({"name": "Security Council"})
    assert not GoldActor("Rebels").found_by({"name": "troops"})


def test_one_list_of_events_for_each_record() -> None:
    with pytest.raises(ValueError, match="one list of events for each record"):
        score_plover(parse_plover(RECORDS), [[]])


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'no "records" list'),
        ({"records": {}}, 'no "records" list'),
        ({"records": [{"event": "AGREE"}]}, "records[0]: 'text' missing or not a string"),
        (
            {"records": [{"text": "Talks.", "event": 3}]},
            "records[0]: 'event' missing or not a string",
        ),
        ({"records": ["AGREE"]}, "records[0]: 'event' missing or not a string"),
    ],
)
def test_malformed_records(data: Any, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_plover(data, "plover.json")
    assert (caught.value.source, caught.value.message) == (
        "plover.json",
        "malformed PLOVER records: " + message,
    )


def test_records_file_faults(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such PLOVER records file"):
        load_plover(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[1,\n")
    with pytest.raises(UsageError, match=r"not JSON at line 2, column 1$"):
        load_plover(bad)


def test_run_gives_each_record_its_own_document(tmp_path: Path) -> None:
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(RECORDS))
    seen: list[Document] = []

    def extract(documents: Sequence[Document]) -> list[list[dict[str, Any]]]:
        seen.extend(documents)
        return events_for(parse_plover(RECORDS))

    out = io.StringIO()
    assert run_plover_eval(path, False, "json", None, out, extract=extract) == 0
    assert [(d.id, d.anchor, d.source) for d in seen] == [
        (r["id"], None, str(path)) for r in RECORDS["records"]
    ]
    assert json.loads(out.getvalue())["type_accuracy"] == 0.5
    table = io.StringIO()
    run_plover_eval(path, True, "table", None, table, extract=extract)
    lines = table.getvalue().splitlines()
    assert "Records whose event has another type: 2" in lines
    assert any(line.split()[:4] == ["type", "accuracy", "50.0", "2/4"] for line in lines)
    assert any(line.split()[:5] == ["events", "per", "sentence", "1.25", "5/4"] for line in lines)
    assert "commonest confusions: ACCUSE->(no event) x1, ASSAULT->(none) x1" in lines


def test_a_record_the_analysis_fails_on_gives_no_event(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import pipeline

    analyse = pipeline.analyse

    def failing(document: Document, *args: Any, **kwargs: Any) -> Any:
        if document.id == "demand-1":
            raise RuntimeError("a bug met on strange input")
        return analyse(document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", failing)
    path = tmp_path / "plover.json"
    path.write_text(json.dumps(RECORDS))
    out, err = io.StringIO(), io.StringIO()
    assert run_plover_eval(path, True, "json", None, out, err) == 1
    data = json.loads(out.getvalue())
    assert data["records"] == 4
    (demand,) = [e for e in data["errors"] if e["id"] == "demand-1"]
    assert (demand["events"], demand["ours"]) == (0, None)
    assert err.getvalue() == (
        f"warning: {path}: cannot analyse demand-1: a bug met on strange input\n"
    )
