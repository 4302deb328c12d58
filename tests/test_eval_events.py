"""Scoring events against event gold (EVENTS.md): small gold, system events, exact figures."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from timeline.errors import ExitCode, UsageError
from timeline.evaluation.common import names_match
from timeline.evaluation.event_gold import (
    GoldDocument,
    GoldEntry,
    load_event_gold,
    locate,
    parse_event_gold,
    sentence_around,
)
from timeline.evaluation.event_scoring import date_fits, score_events
from timeline.evaluation.run_events import run_event_eval
from timeline.models import Document

D1 = (
    "GENEVA - The foreign ministers of Norway and Chile will meet in Geneva on Friday "
    "to discuss fisheries. The two ministers held a phone call last week. "
    "Protesters marched in Santiago last month. "
    "On Tuesday, Chile's president Gabriel Boric announced new quotas."
)
D2 = (
    "Chile's foreign minister Ana Rojas arrived in Geneva on Thursday "
    "ahead of Friday's talks with Norway's Espen Barth. "
    "She met Norway's ambassador on March 1."
)
GOLD: dict[str, Any] = {
    "about": "written for these tests",
    "documents": {
        "d1": {
            "anchor": "2023-03-08",
            "events": [
                {
                    "date": "2023-03-10",
                    "type": "meeting",
                    "status": "planned",
                    "location": ["Geneva"],
                    "actors": ["Norway", "Chile"],
                    "evidence": "will meet in Geneva on Friday",
                    "cluster": "geneva-talks",
                },
                {
                    "date": "2023-W09",
                    "type": "phone_call",
                    "status": "occurred",
                    "location": [],
                    "actors": ["Norway", "Chile"],
                    "evidence": "held a phone call last week",
                },
                {
                    "date": "2023-02",
                    "type": "other",
                    "status": "occurred",
                    "location": ["Santiago"],
                    "actors": ["Protesters"],
                    "evidence": "Protesters marched in Santiago last month",
                },
                {
                    "date": "2023-03-07",
                    "type": "statement",
                    "status": "occurred",
                    "location": [],
                    "actors": ["Gabriel Boric"],
                    "evidence": "Gabriel Boric announced new quotas",
                },
            ],
        },
        "d2": {
            "anchor": "2023-03-09",
            "events": [
                {
                    "date": "2023-03-10",
                    "type": "talks",
                    "status": "planned",
                    "location": [],
                    "actors": ["Ana Rojas", "Espen Barth"],
                    "evidence": "ahead of Friday's talks",
                    "cluster": "geneva-talks",
                },
                {
                    "date": "2023-03-09",
                    "type": "visit",
                    "status": "occurred",
                    "location": ["Geneva"],
                    "actors": ["Ana Rojas"],
                    "evidence": "Ana Rojas arrived in Geneva on Thursday",
                    "cluster": "rojas-arrives",
                },
                {
                    "date": "2023-03-01",
                    "type": "meeting",
                    "status": "occurred",
                    "location": [],
                    "actors": ["Ana Rojas"],
                    "evidence": "met Norway's ambassador on March 1",
                    "cluster": "rojas-ambassador",
                },
            ],
        },
    },
}
TEXTS = {"d1": D1, "d2": D2}


def sentence_of(text: str, part: str) -> tuple[int, int]:
    """The offsets of the sentence of `text` that holds `part`."""
    at = text.index(part)
    start = text.rfind(". ", 0, at)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", at)
    return start, (len(text) if end < 0 else end + 1)


def event(
    doc: str,
    day: str | None,
    type_: str,
    status: str,
    *,
    place: str | None = None,
    actors: Sequence[str] = (),
    part: str | None = None,
) -> dict[str, Any]:
    """A system event as `timeline extract` writes it (the fields the scorer reads)."""
    start, end = sentence_of(TEXTS[doc], part) if part else (0, 0)
    return {
        "id": f"{doc}-{day}-{type_}",
        "document": doc,
        "date": day,
        "type": type_,
        "status": status,
        "summary": f"{type_} {day}",
        "location": {"name": place, "start": 0, "end": 0} if place else None,
        "actors": [{"name": a, "label": "", "start": 0, "end": 0} for a in actors],
        "sentence": TEXTS[doc][start:end] if part else "",
        "start": start if part else None,
        "end": end if part else None,
    }


def merged(day: str, type_: str, place: str | None, *docs: str) -> dict[str, Any]:
    """An event merged across documents (issue 12): `sources` lists where it is reported."""
    e = event(docs[0], day, type_, "planned", place=place)
    e["sources"] = [{"document": d} for d in docs]
    return e


def gold() -> dict[str, GoldDocument]:
    return parse_event_gold(GOLD, "gold.json")


def unmerged_events() -> list[dict[str, Any]]:
    return [
        # d1
        event(
            "d1",
            "2023-03-10",
            "meeting",
            "planned",
            place="Geneva",
            actors=["Norway", "Chile"],
            part="will meet",
        ),
        event("d1", "2023-W09", "talks", "occurred", actors=["ministers"], part="phone call"),
        event("d1", "2023-03-10", "meeting", "planned", part="will meet"),  # no place: no match
        event(
            "d1",
            "2023-02-15",
            "other",
            "planned",
            place="Santiago, Chile",
            actors=["protesters"],
            part="Protesters",
        ),
        # d2
        event("d2", "2023-03-10", "talks", "planned", actors=["Rojas", "Norway"], part="talks"),
        event(
            "d2",
            "2023-03-09",
            "visit",
            "occurred",
            place="Geneva",
            actors=["Chile's foreign minister Ana Rojas"],
            part="arrived",
        ),
        event("d2", "2023-03-10", "talks", "planned"),  # a second report of the talks
        # not a gold document: not scored
        event("d2", "2023-03-10", "talks", "planned") | {"document": "elsewhere"},
    ]


def test_figures_on_unmerged_events() -> None:
    report = score_events(gold(), unmerged_events(), TEXTS)
    assert (report.documents, report.gold, report.reports) == (2, 7, 7)
    f = report.figures()
    # found: all but Boric's announcement and the meeting with the ambassador;
    # the meeting without a place matches nothing
    assert (report.found, f["recall"]) == (5, pytest.approx(5 / 7))
    assert (report.matched_reports, f["precision"]) == (6, pytest.approx(6 / 7))
    # the phone call was typed as talks; the protest was said to be planned
    assert (report.type_correct, report.status_correct) == (4, 4)
    # Norway, Chile | none of 2 | protesters | Rojas, not Barth | Ana Rojas
    assert (report.gold_actors, report.actors_found) == (8, 5)
    assert (report.one_to_one, report.duplicates) == (5, 1)
    assert (report.clusters, report.clusters_merged) == (1, 0)
    assert (report.merged_events, report.merged_judged, report.over_merged) == (0, 0, 0)
    assert {t: (r.gold, r.found, r.type_correct) for t, r in report.by_type.items()} == {
        "meeting": (2, 1, 1),
        "other": (1, 1, 1),
        "phone_call": (1, 1, 0),
        "statement": (1, 0, 0),
        "talks": (1, 1, 1),
        "visit": (1, 1, 1),
    }


def test_errors_on_unmerged_events() -> None:
    errors = score_events(gold(), unmerged_events(), TEXTS).errors
    assert [(e.kind, e.document, e.gold, e.ours, e.detail) for e in errors] == [
        ("miss", "d1", "2023-03-07 statement occurred", None, "none of ours on this date"),
        ("miss", "d2", "2023-03-01 meeting occurred", None, "none of ours on this date"),
        ("false_alarm", "d1", None, "2023-03-10 meeting planned: meeting 2023-03-10", ""),
        (
            "wrong_type",
            "d1",
            "2023-W09 phone_call occurred",
            "2023-W09 talks occurred: talks 2023-W09",
            "",
        ),
        (
            "wrong_status",
            "d1",
            "2023-02 other occurred at Santiago",
            "2023-02-15 other planned at Santiago, Chile: other 2023-02-15",
            "",
        ),
        (
            "missed_actors",
            "d1",
            "2023-W09 phone_call occurred",
            "2023-W09 talks occurred: talks 2023-W09",
            "missing Norway, Chile (ours: ministers)",
        ),
        (
            "missed_actors",
            "d2",
            "2023-03-10 talks planned",
            "2023-03-10 talks planned: talks 2023-03-10",
            "missing Espen Barth (ours: Rojas, Norway)",
        ),
        (
            "not_merged",
            "d1, d2",
            "geneva-talks",
            None,
            "found in 2 of 2 articles, by 3 different events",
        ),
    ]
    # a miss shows its gold sentence, found in the text
    assert errors[0].sentence == "On Tuesday, Chile's president Gabriel Boric announced new quotas."


def test_figures_on_merged_events() -> None:
    events = [
        merged("2023-03-10", "meeting", "Geneva", "d1", "d2"),  # the talks, in both articles
        merged("2023-03-10", "talks", None, "d1", "d2"),  # matches only in d2: not judged
        # last week's call (d1) and the meeting with the ambassador (d2): two events joined
        merged("2023-03-01", "meeting", None, "d1", "elsewhere", "d2"),
    ]
    report = score_events(gold(), events, TEXTS)
    assert report.reports == 6  # each merged event counts in each gold article it reports
    assert (report.found, report.matched_reports) == (4, 5)
    assert (report.clusters, report.clusters_merged) == (1, 1)
    assert (report.merged_events, report.merged_judged, report.over_merged) == (3, 2, 1)
    f = report.figures()
    assert (f["merged"], f["over_merged"]) == (1.0, 0.5)
    over = [e for e in report.errors if e.kind == "over_merged"]
    assert [(e.document, e.detail) for e in over] == [
        ("d1, d2", "d1: d1#1; d2: rojas-ambassador"),
    ]
    merging = report.to_dict()["merging"]
    assert merging == {
        "clusters": 1,
        "merged": 1,
        "merged_share": 1.0,
        "merged_events": 3,
        "judged": 2,
        "over_merged": 1,
        "over_merged_share": 0.5,
    }


def test_the_report_in_the_evidence_sentence_is_the_one_scored() -> None:
    # Both fit the meeting with the ambassador (no place in gold): the one in the
    # gold's sentence is scored, not the first in the text.
    events = [
        event("d2", "2023-03-01", "talks", "occurred", part="arrived"),
        event("d2", "2023-03-01", "meeting", "occurred", part="ambassador"),
    ]
    report = score_events(gold(), events, TEXTS)
    assert (report.found, report.type_correct, report.duplicates) == (1, 1, 1)
    # without the texts the sentences' words are compared: the same choice
    assert score_events(gold(), events).type_correct == 1
    # without any sentence, the first in the text
    for e in events:
        e["sentence"] = ""
    assert score_events(gold(), events).type_correct == 0


def test_no_events_at_all() -> None:
    report = score_events(gold(), [], TEXTS)
    assert (report.gold, report.found, report.reports) == (7, 0, 0)
    assert report.figures()["precision"] == 0.0
    assert [e.detail for e in report.errors if e.kind == "not_merged"] == [
        "found in 0 of 2 articles"
    ]


# --- dates, names, evidence ----------------------------------------------------------


def entry(day: str, *alt: str) -> GoldEntry:
    return GoldEntry("d", 0, day, "meeting", "planned", alt_dates=alt)


@pytest.mark.parametrize(
    ("gold_date", "alt", "ours", "fits"),
    [
        ("2023-03-10", (), "2023-03-10", 0),
        ("2023-03-06", ("2023-W10",), "2023-W10", 0),
        ("2023-W10", (), "2023-03-08", 1),  # a day of that week: more precise
        ("2023-03", (), "2023-03-10T15:00", 1),
        ("2023-03-10", (), "2023-03", None),  # coarser
        ("2023-03-10", (), "2023-03-11", None),
        ("2023-W10", (), "2023-03", None),  # overlaps, is not inside
        ("2023-03-10", (), None, None),
        ("PRESENT_REF", (), "2023-03-10", None),
    ],
)
def test_date_fits(
    gold_date: str, alt: tuple[str, ...], ours: str | None, fits: int | None
) -> None:
    assert date_fits(entry(gold_date, *alt), ours) == fits


@pytest.mark.parametrize(
    ("gold_name", "ours", "same"),
    [
        ("Kabila", "Laurent Kabila", True),
        ("Mr. Kabila", "Kabila", True),
        ("Kabila", "Kabila's", True),
        ("EU", "the eu", True),
        ("Ana  Rojas", "ana rojas", True),
        ("US", "Russia", False),
        ("Iran", "Iranian", False),
        ("", "Iran", False),
    ],
)
def test_names_match(gold_name: str, ours: str, same: bool) -> None:
    assert names_match(gold_name, ours) is same


def test_evidence_is_found_across_line_breaks_and_case() -> None:
    text = "The talks\nwere held in Doha.  On Monday the envoys MET again."
    assert locate(text, "talks were held") == (4, 19)
    assert locate(text, "the envoys met") == (40, 54)
    assert locate(text, "in Geneva") is None
    assert locate(text, "") is None
    assert sentence_around(text, 40, 54) == "On Monday the envoys MET again."
    assert sentence_around(text, 4, 9) == "The talks were held in Doha."


# --- reading gold --------------------------------------------------------------------


def test_gold_is_read_field_by_field() -> None:
    docs = gold()
    assert list(docs) == ["d1", "d2"]
    assert docs["d2"].anchor == date(2023, 3, 9)
    assert docs["d1"].events[1] == GoldEntry(
        document="d1",
        number=1,
        date="2023-W09",
        type="phone_call",
        status="occurred",
        alt_dates=(),
        locations=(),
        actors=("Norway", "Chile"),
        evidence="held a phone call last week",
        cluster=None,
    )
    assert docs["d1"].events[1].key == "d1#1"
    assert docs["d2"].events[1].key == "rojas-arrives"


def broken(**change: Any) -> dict[str, Any]:
    e = dict(GOLD["documents"]["d2"]["events"][1], **change)
    return {"documents": {"d2": {"anchor": "2023-03-09", "events": [e]}}}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], 'top level: no "documents" object'),
        ({"documents": []}, 'top level: no "documents" object'),
        ({"documents": {"d": {"anchor": "2023-03-09"}}}, "documents['d']: no \"events\" list"),
        (
            {"documents": {"d": {"anchor": "9 March", "events": []}}},
            "documents['d']: \"anchor\" is not a YYYY-MM-DD date",
        ),
        (
            {"documents": {"d": {"anchor": "2023-03-09", "events": [3]}}},
            "documents['d'].events[0]: not an object",
        ),
        (broken(date=None), "documents['d2'].events[0]: 'date' missing or not a string"),
        (broken(type=""), "documents['d2'].events[0]: 'type' missing or not a string"),
        (
            broken(alt_dates="2023-W10"),
            "documents['d2'].events[0].alt_dates: not a list of strings",
        ),
        (broken(actors=["Rojas", 3]), "documents['d2'].events[0].actors: not a list of strings"),
        (broken(cluster=7), "documents['d2'].events[0]: 'cluster' is not a string"),
        (broken(evidence=["arrived"]), "documents['d2'].events[0]: 'evidence' is not a string"),
    ],
)
def test_malformed_gold_names_its_first_fault(data: Any, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        parse_event_gold(data, "gold.json")
    assert (caught.value.source, caught.value.message) == (
        "gold.json",
        "malformed event gold: " + message,
    )


def test_gold_file_faults(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such event gold file"):
        load_event_gold(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"documents": {\n  "d1": [}\n')
    with pytest.raises(UsageError, match=r"not JSON at line 2, column 10$"):
        load_event_gold(bad)
    bad.write_bytes(b'{"documents": "\xff"}')
    with pytest.raises(UsageError, match="not UTF-8"):
        load_event_gold(bad)


# --- the run -------------------------------------------------------------------------


def write_corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold_path = tmp_path / "gold.json"
    gold_path.write_text(json.dumps(GOLD))
    texts = tmp_path / "news.jsonl"
    lines = [
        {"id": "d1", "date": "2023-03-08", "text": D1},
        {"id": "other", "date": "2023-03-08", "text": "Markets rose on Monday."},
        {"id": "d2", "date": "2023-03-01", "text": D2},  # gold says 2023-03-09
    ]
    texts.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n")
    return gold_path, texts


def test_run_reads_the_gold_documents_on_their_gold_anchor(tmp_path: Path) -> None:
    gold_path, texts = write_corpus(tmp_path)
    seen: list[Document] = []

    def extract(documents: Sequence[Document]) -> list[dict[str, Any]]:
        seen.extend(documents)
        return unmerged_events()

    out, err = io.StringIO(), io.StringIO()
    code = run_event_eval(gold_path, [texts], False, "json", None, out, err, extract=extract)
    assert [(d.id, d.anchor, d.anchor_source) for d in seen] == [
        ("d1", date(2023, 3, 8), "metadata"),
        ("d2", date(2023, 3, 9), "gold"),
    ]
    data = json.loads(out.getvalue())
    assert (data["gold"], data["found"], data["recall"], data["precision"]) == (
        7,
        5,
        0.7143,
        0.8571,
    )
    assert data["actors"] == {"gold": 8, "found": 5, "recall": 0.625}
    assert "errors" not in data
    # the broken line is a problem of the batch: reported, status 1
    assert code == ExitCode.SOME_UNREADABLE
    assert err.getvalue().splitlines() == [
        f"warning: {texts}:4: malformed JSON at line 4: Expecting property name enclosed "
        "in double quotes at column 2",
        "warning: 1 document read with another anchor than its gold's: scored on the gold's",
    ]


def test_run_table_lists_errors(tmp_path: Path) -> None:
    gold_path, texts = write_corpus(tmp_path)
    out = io.StringIO()
    run_event_eval(
        gold_path,
        [texts],
        True,
        "table",
        None,
        out,
        io.StringIO(),
        extract=lambda docs: unmerged_events(),
    )
    lines = out.getvalue().splitlines()
    assert "Misses (gold events no event of ours matches): 2" in lines
    assert any(line.split()[:3] == ["recall", "71.4", "5/7"] for line in lines)
    assert any(line.split()[:4] == ["duplicates", "1", "of", "6"] for line in lines)
    assert lines[-2] == (
        "errors: 2 miss, 1 false alarm, 1 wrong type, 1 wrong status, 2 missed actors, "
        "1 not merged, 0 over merged"
    )


def test_a_gold_document_missing_from_the_texts(tmp_path: Path) -> None:
    gold_path, _ = write_corpus(tmp_path)
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "d1.txt").write_text(D1)  # a text file's document id is its name
    with pytest.raises(UsageError) as e:
        run_event_eval(gold_path, [folder], False, "json", None, io.StringIO())
    assert (e.value.source, e.value.message) == (
        str(gold_path),
        "1 gold document not among the texts: d2",
    )
    (folder / "d1.txt").rename(folder / "d3.txt")
    with pytest.raises(UsageError) as e:
        run_event_eval(gold_path, [folder], False, "json", None, io.StringIO())
    assert e.value.message == "2 gold documents not among the texts: d1, d2"


def test_missing_texts_and_bad_format(tmp_path: Path) -> None:
    gold_path, texts = write_corpus(tmp_path)
    with pytest.raises(UsageError, match="no such file or folder"):
        run_event_eval(gold_path, [tmp_path / "none"], False, "json", None, io.StringIO())
    with pytest.raises(UsageError, match="give the texts"):
        run_event_eval(gold_path, [], False, "json", None, io.StringIO())
    with pytest.raises(UsageError, match="unknown format 'csv'"):
        run_event_eval(gold_path, [texts], False, "csv", None, io.StringIO())


def test_a_document_the_analysis_fails_on_is_scored_as_giving_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import pipeline

    analyse = pipeline.analyse

    def failing(document: Document, *args: Any, **kwargs: Any) -> Any:
        if document.id == "d2":
            raise RuntimeError("a bug met on strange input")
        return analyse(document, *args, **kwargs)

    monkeypatch.setattr(pipeline, "analyse", failing)
    gold_path, _ = write_corpus(tmp_path)
    texts = tmp_path / "clean.jsonl"
    texts.write_text(
        "".join(
            json.dumps({"id": d, "date": "2023-03-08", "text": t}) + "\n" for d, t in TEXTS.items()
        )
    )
    out, err = io.StringIO(), io.StringIO()
    assert run_event_eval(gold_path, [texts], True, "json", None, out, err) == 1
    data = json.loads(out.getvalue())
    assert data["gold"] == 7
    # d2 gave nothing: its three gold events are misses
    assert len([e for e in data["errors"]["miss"] if e["document"] == "d2"]) == 3
    assert err.getvalue().splitlines()[0] == (
        f"warning: {texts}:2: cannot analyse d2: a bug met on strange input"
    )
