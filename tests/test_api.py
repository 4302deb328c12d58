"""The Python API: `timeline.extract`, `read`, `merge`, `export`, `Timeline.to_json/from_json`,
the same timeline the command line writes."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

import timeline
from timeline.cli import main
from timeline.errors import ExportError, InputError, TimelineError, UsageError
from timeline.models import Document

# Three wire stories of one meeting, and one of another (our own sentences).
STORIES = [
    {
        "id": "reuters-0512",
        "date": "2023-05-12",
        "title": "Ministers to meet in Geneva",
        "text": "Armenian Foreign Minister Ararat Mirzoyan will meet his Azerbaijani "
        "counterpart Jeyhun Bayramov in Geneva on Wednesday, the Swiss foreign ministry "
        "said on Friday.",
    },
    {
        "id": "ap-0518",
        "date": "2023-05-18",
        "text": "Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks in Geneva on "
        "May 17, the Armenian foreign ministry said on Thursday.",
    },
    {
        "id": "afp-0520",
        "date": "2023-05-20",
        "text": "Farmers blocked the main road into Lyon on Saturday to protest against new "
        "water rules.",
    },
    {
        "id": "dpa-0519",
        "date": "2023-05-19",
        "text": "Mirzoyan and Bayramov met in Geneva on Wednesday, the ministry said.",
    },
]


def _cli_json(tmp_path: Path, records: list[dict[str, str]], *args: str) -> str:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in records), "utf-8")
    out = tmp_path / "cli.json"
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(corpus), "-o", str(out), "--quiet", *args])
    assert stop.value.code == 0
    return out.read_text("utf-8")


def test_records_give_the_timeline_the_command_line_writes(tmp_path: Path) -> None:
    made = timeline.extract(STORIES)
    cli = _cli_json(tmp_path, STORIES)
    # The command line's documents come from a file: their sources name it.
    assert made.to_json().replace("<records>", str(tmp_path / "wire.jsonl")) == cli


def test_the_meeting_three_stories_report_is_one_event() -> None:
    made = timeline.extract(STORIES)
    merged = [e for e in made.events if e.sources]
    assert [e.date for e in merged] == ["2023-05-17"]
    assert [s.document for s in merged[0].sources] == ["ap-0518", "dpa-0519", "reuters-0512"]
    apart = timeline.extract(STORIES, merge=False)
    assert not any(e.sources for e in apart.events)
    assert len(apart.events) > len(made.events)


def test_texts_are_named_by_position_and_read_as_files_are() -> None:
    made = timeline.extract(
        [
            "GENEVA, May 12, 2023 - The ministers will meet on Wednesday.",
            "The talks ended in Vienna on Tuesday.",
        ]
    )
    assert [
        (r.document.id, r.document.source, r.document.anchor_source) for r in made.documents
    ] == [
        ("text-1", "<text 1>", "dateline"),
        ("text-2", "<text 2>", "none"),
    ]
    assert sorted((e.document, e.date, e.date_text) for e in made.events) == [
        ("text-1", "2023-05-17", "Wednesday"),
        ("text-2", None, "Tuesday"),
    ]


def test_an_anchor_given_wins_and_a_bad_one_is_a_usage_error() -> None:
    text = "GENEVA, May 12, 2023 - The ministers will meet on Wednesday."
    assert timeline.extract(text, anchor=date(2023, 6, 1)).events[0].date == "2023-06-07"
    assert timeline.extract(text, anchor="2023-06-01").events[0].date == "2023-06-07"
    with pytest.raises(UsageError, match="expected YYYY-MM-DD"):
        timeline.extract(text, anchor="1 June 2023")


def test_documents_are_taken_as_they_are() -> None:
    doc = Document("brief", "The summit opened in Oslo on Monday.", "desk", date(2022, 1, 12))
    made = timeline.extract([doc, doc])
    assert [r.document.id for r in made.documents] == ["brief", "brief-2"]
    # Two reports of one summit: one event.
    assert [(e.date, [s.document for s in e.sources]) for e in made.events] == [
        ("2022-01-10", ["brief", "brief-2"])
    ]


def test_problems_go_to_on_problem_and_into_the_timeline() -> None:
    heard: list[str] = []
    made = timeline.extract(
        [
            {"id": "ok", "text": "The talks ended in Vienna on March 3, 2021."},
            {"id": "empty", "text": ""},
            {"id": "undated", "date": "next week", "text": "Leaders met in Rome on May 5, 2010."},
        ],
        on_problem=lambda p: heard.append(str(p)),
    )
    assert heard == [
        "<records>:2: line 2: empty text",
        "<records>:3: invalid date 'next week' ignored: the document is read without it",
    ]
    # The warning is not a problem of the timeline: that document was read.
    assert [(p.source, p.message) for p in made.problems] == [("<records>", "line 2: empty text")]
    assert [r.document.id for r in made.documents] == ["ok", "undated"]


def test_something_else_than_text_is_refused() -> None:
    with pytest.raises(UsageError, match="cannot read a int"):
        timeline.extract([3])


def test_read_gives_the_documents_and_problems_of_paths(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The talks ended in Vienna on Tuesday.", "utf-8")
    (tmp_path / "a.meta.json").write_text('{"date": "2021-03-05", "title": "Talks"}', "utf-8")
    (tmp_path / "b.txt").write_text("", "utf-8")
    corpus = timeline.read(tmp_path)
    assert [(d.id, d.anchor, d.title) for d in corpus.documents] == [
        ("a", date(2021, 3, 5), "Talks")
    ]
    assert [(p.source, p.message) for p in corpus.problems] == [
        (str(tmp_path / "b.txt"), "empty file")
    ]
    assert len(corpus) == 1
    made = timeline.extract(corpus)
    assert [e.date for e in made.events] == ["2021-03-02"]
    assert [p.message for p in made.problems] == ["empty file"]
    with pytest.raises(UsageError, match="no such file or folder"):
        timeline.read(tmp_path / "missing")


def _stories(tmp_path: Path) -> tuple[Document, ...]:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in STORIES), "utf-8")
    return timeline.read(corpus).documents


def test_merge_is_the_same_in_any_grouping_and_order(tmp_path: Path) -> None:
    stories = _stories(tmp_path)
    parts = [timeline.extract(s) for s in stories]
    at_once = timeline.extract(stories).to_json()
    a, b, c, d = parts
    groupings = [
        timeline.merge(parts),
        timeline.merge([timeline.merge([a, b]), timeline.merge([c, d])]),
        timeline.merge([a, timeline.merge([b, timeline.merge([c, d])])]),
        timeline.merge([d, c, b, a]),
        timeline.merge([timeline.merge([d, a]), c, b]),
    ]
    assert {g.to_json() for g in groupings} == {at_once}


def test_json_round_trips_byte_for_byte() -> None:
    for made in (timeline.extract(STORIES), timeline.extract(STORIES, merge=False)):
        text = made.to_json()
        again = timeline.Timeline.from_json(text)
        assert again.to_json() == text
        assert again.events == tuple(
            e.__class__(**{**{f: getattr(e, f) for f in e.__slots__}, "timex": None})
            for e in made.events
        )


def test_a_timeline_saved_without_merging_merges_again_exactly(tmp_path: Path) -> None:
    stories = _stories(tmp_path)
    first = timeline.Timeline.from_json(timeline.extract(stories[:2], merge=False).to_json())
    second = timeline.Timeline.from_json(timeline.extract(stories[2:], merge=False).to_json())
    assert timeline.merge([first, second]).to_json() == timeline.extract(stories).to_json()


def test_a_timeline_saved_merged_cannot_be_merged_again() -> None:
    saved = timeline.Timeline.from_json(timeline.extract(STORIES[:2] + STORIES[3:]).to_json())
    with pytest.raises(TimelineError, match="does not hold the events of document ap-0518"):
        timeline.merge([saved, timeline.extract(STORIES[2])])


def test_relative_dates_without_an_anchor_are_not_merged_from_json() -> None:
    saved = timeline.extract("The talks ended in Vienna on Tuesday.", merge=False).to_json()
    with pytest.raises(TimelineError, match="as the document gave them"):
        timeline.merge([timeline.Timeline.from_json(saved)])


def test_from_json_checks_the_document() -> None:
    with pytest.raises(InputError, match="not JSON"):
        timeline.Timeline.from_json("{", source="saved.json")
    data = json.loads(timeline.extract(STORIES[2]).to_json())
    data["events"][0]["status"] = "rumoured"
    with pytest.raises(InputError, match=r"events\[0\]\.status"):
        timeline.Timeline.from_json(json.dumps(data))


def test_export_by_name_as_text_or_to_a_file(tmp_path: Path) -> None:
    made = timeline.extract(STORIES[2])
    lines = timeline.export(made, "jsonl").splitlines()
    assert [json.loads(line)["summary"] for line in lines] == ["Farmers blocked the main road"]
    written = timeline.export(made, "csv", tmp_path / "out.csv")
    assert written == [tmp_path / "out.csv"]
    assert written[0].read_text("utf-8").startswith("date,date_text,")
    notes: list[str] = []
    undated = timeline.extract("The farmers will return some day.", undated=True)
    assert "BEGIN:VCALENDAR" in timeline.export(undated, "ics", note=notes.append)
    assert notes == [
        "ics: 1 of 1 events left out of the calendar (a calendar needs a day): 1 undated"
    ]
    with pytest.raises(UsageError, match="unknown format 'docx'"):
        timeline.export(made, "docx")
    with pytest.raises(ExportError, match="parquet is binary"):
        timeline.export(made, "parquet")


def test_timeml_needs_the_texts_a_timeline_from_json_lacks(tmp_path: Path) -> None:
    made = timeline.extract(STORIES[2])
    assert "<TIMEX3" in timeline.export(made, "timeml")
    saved = timeline.Timeline.from_json(made.to_json())
    with pytest.raises(ExportError, match="timeml needs the document text"):
        timeline.export(saved, "timeml")


def test_the_public_names_have_examples() -> None:
    import doctest

    finder = doctest.DocTestFinder()
    for name in timeline.__all__:
        value = getattr(timeline, name)
        if not callable(value):
            continue
        assert value.__doc__, name
        examples = [t for t in finder.find(value, name) if t.examples]
        assert examples, f"{name} has no example"


def test_the_csv_of_the_api_is_the_csv_of_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in STORIES), "utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(corpus), "--format", "csv", "--quiet"])
    cli = capsys.readouterr().out
    api = timeline.export(timeline.extract(timeline.read(corpus)), "csv")
    assert io.StringIO(api).read() == cli
