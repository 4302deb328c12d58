"""`--format html`: one self-contained page; what it holds, read without a browser.

tests/test_browser.py opens the same pages in Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.page_sample import CLOSER, IMAGE, SCRIPT, WIRE_SENTENCE, hostile_data, page_data
from tests.sample import ORDER, SEED_ID, build_timeline
from timeline.cli import cli
from timeline.exporters import format_for_path, get_exporter
from timeline.exporters.htmlpage import asset
from timeline.exporters.pageview import NO_ACTOR, axis, date_label, lanes, marks, view_records
from timeline.intervals import parse_value
from timeline.schema import EVENT_TYPES


def render(data: dict[str, Any]) -> str:
    out = io.StringIO()
    get_exporter("html").write(data, out)
    return out.getvalue()


class Page(HTMLParser):
    """The parts of a page the tests look at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.cells: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._cell: list[str] | None = None
        self.title = ""
        self._in_title = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = dict(attrs)
            self.scripts.append((self._script, ""))
        elif tag == "td":
            self._cell = []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
        elif tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)
        elif self._cell is not None:
            self._cell.append(data)
        elif self._in_title:
            self.title += data

    def payload(self) -> dict[str, Any]:
        (block,) = [text for attrs, text in self.scripts if attrs.get("type") == "application/json"]
        result: dict[str, Any] = json.loads(block)
        return result

    def policy(self) -> str:
        (meta,) = [a for t, a in self.tags if t == "meta" and a.get("http-equiv")]
        return str(meta["content"])


# --- the format ---------------------------------------------------------------------


def test_html_is_a_format_chosen_by_name_or_extension() -> None:
    assert get_exporter("HTML").name == "html"
    assert format_for_path("timeline.html") == "html"
    assert format_for_path("out/Timeline.HTM") == "html"


def test_the_page_loads_nothing_and_runs_only_its_own_scripts() -> None:
    page = Page(render(page_data()))
    for tag, attrs in page.tags:
        assert "src" not in attrs, (tag, attrs)  # no script, image or frame from anywhere
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        if tag == "a":
            assert str(attrs["href"]).startswith(("http://", "https://"))
    inline = [text for attrs, text in page.scripts if "type" not in attrs]
    assert len(inline) == 2 and "vis-timeline" in inline[0]
    policy = page.policy()
    assert policy.startswith("default-src 'none'; ")
    allowed = re.findall(r"'sha256-([^']+)'", policy)
    digests = [base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() for s in inline]
    assert allowed == digests
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_vendored_scripts_cannot_close_their_element() -> None:
    for name in ("vis-timeline-graph2d.min.js", "page.js"):
        assert "</script" not in asset(name).lower()
    assert "</style" not in asset("page.css").lower()
    assert "sourceMappingURL" not in asset("vis-timeline-graph2d.min.js")


def test_every_event_type_has_a_colour() -> None:
    css = asset("page.css")
    for name in EVENT_TYPES:
        assert re.search(rf"\.type-{name} \{{ --c: #[0-9a-f]{{6}}; \}}", css), name


def test_the_same_timeline_gives_the_same_bytes() -> None:
    assert render(page_data()) == render(page_data())


# --- escaping -----------------------------------------------------------------------


def test_article_text_never_becomes_markup() -> None:
    data = hostile_data()
    text = render(data)
    page = Page(text)
    assert len(page.scripts) == 3  # the JSON, vis-timeline, ours: none came from the article
    assert all(tag != "img" for tag, _ in page.tags)
    assert "<script>window" not in text and "<img" not in text
    assert page.title == f"Timeline: Talks {SCRIPT} end"
    # The JSON block gives back every text exactly.
    records = {r["id"]: r for r in page.payload()["events"]}
    talks = records["geneva-talks"]
    assert talks["summary"] == f"Officials {SCRIPT} met {IMAGE}"
    assert talks["place"]["name"] == f"Geneva {CLOSER}"
    assert talks["actors"][0]["name"] == f"{IMAGE} & co"
    assert talks["plover"] == "<i>CONSULT</i>"
    assert talks["url"] == ""  # a javascript: address is no link
    # The table shows them as text.
    assert f"Officials {SCRIPT} met {IMAGE}" in page.cells
    assert f"Geneva {CLOSER}" in page.cells
    assert not any(a.get("href", "").startswith("javascript") for t, a in page.tags if t == "a")


# --- the table ----------------------------------------------------------------------


def test_the_table_lists_every_event_in_order_undated_too() -> None:
    data = page_data()
    page = Page(render(data))
    rows = [a for t, a in page.tags if t == "tr" and "data-i" in a]
    assert [int(str(a["data-i"])) for a in rows] == list(range(len(ORDER)))
    assert page.cells[:8] == [
        "2014",
        "2014",
        "military",
        "occurred",
        "Russia invaded Ukraine",
        "Crimean peninsula",
        "Russia",
        "000_12fa4de552d0c0ef",
    ]
    undated = page.cells[8 * (len(ORDER) - 1) : 8 * len(ORDER)]
    assert undated[:4] == ["undated", "", "statement", "occurred"]
    assert undated[7] == "Sanctions, “Kyiv” | Ünal; a <test> & more"


def test_a_date_no_words_give_is_said_to_be_implied() -> None:
    data = page_data()
    first = data["events"][0]
    first.update(date_text="", dated_by="context")
    page = Page(render(data))
    assert page.cells[:4] == ["2014", "(implied)", "military", "occurred"]
    assert page.payload()["events"][0]["dated_by"] == "context"


def test_the_header_counts_events_and_the_undated() -> None:
    text = render(page_data())
    assert '<p id="summary">9 events from 2 documents; 1 without a date' in text
    assert '<a href="https://example.org/news?id=1&amp;x=2" rel="noopener noreferrer">' in text


# --- view records -------------------------------------------------------------------


def test_an_event_with_every_new_field() -> None:
    records = {r["id"]: r for r in view_records(page_data())}
    talks = records["geneva-talks"]
    sentence = talks["sentence"]
    assert talks["date_label"] == "2022-01-10" and talks["start"] == "2022-01-10T12:00:00"
    assert talks["end"] is None and talks["plover"] == "CONSULT"
    assert talks["actors"] == [
        {"name": "Russia", "label": "NORP", "role": "source", "country": "RUS"},
        {"name": "United States", "label": "NORP", "role": "target", "country": "USA"},
        {"name": "Wendy R. Sherman", "label": "PERSON", "role": "source", "country": ""},
    ]
    assert talks["place"] == {"name": "Geneva", "country": "CHE", "lat": 46.2044, "lon": 6.1432}
    assert talks["reported"] == ["Wendy R. Sherman, on 2022-01-10 (“Monday”)"]
    assert talks["conflicts"] == [
        f"the place: Geneva ({SEED_ID}); Genève (Sanctions, “Kyiv” | Ünal; a <test> & more)"
    ]
    wire = talks["sources"][1]
    assert wire == {
        "document": "Sanctions, “Kyiv” | Ünal; a <test> & more",
        "anchor": "2022-01-11",
        "sentence": WIRE_SENTENCE,
        "marks": [(45, 51, "date")],
        "url": "https://example.org/news?id=1&x=2",
    }
    assert WIRE_SENTENCE[45:51] == "Monday"
    assert talks["documents"] == [SEED_ID, "Sanctions, “Kyiv” | Ünal; a <test> & more"]
    assert talks["lanes"]["document"] == talks["documents"]
    assert talks["lanes"]["actor"] == ["Russia", "United States", "Wendy R. Sherman"]
    # The date as written (no mention is the bare word: the first found), and the event's word.
    assert [(sentence[a:b], kind) for a, b, kind in talks["marks"]] == [
        ("talks", "trigger"),
        ("Monday", "date"),
    ]


def test_an_event_without_the_new_fields() -> None:
    records = {r["id"]: r for r in view_records(build_timeline().to_dict())}
    undated = records["statement-undated"]
    assert undated["start"] is None and undated["end"] is None
    assert undated["date_label"] == "undated"
    (mark,) = undated["marks"]
    assert undated["sentence"][mark[0] : mark[1]] == "said" and mark[2] == "trigger"
    assert undated["plover"] is None and undated["reported"] == [] and undated["sources"] == []
    assert undated["conflicts"] == [] and undated["place"] is None
    assert undated["actors"][0]["role"] == "source" and undated["actors"][0]["country"] == ""


@pytest.mark.parametrize(
    ("location", "place"),
    [
        (
            {"name": "Oslo", "start": 0, "end": 4, "country": "NOR", "lat": 59.91, "lon": 10.75},
            {"name": "Oslo", "country": "NOR", "lat": 59.91, "lon": 10.75},
        ),
        (
            {"name": "Oslo", "start": 0, "end": 4, "latitude": 59.91, "longitude": 10},
            {"name": "Oslo", "country": "", "lat": 59.91, "lon": 10},
        ),
        (
            {"name": "Oslo", "start": 0, "end": 4, "latitude": None, "longitude": None},
            {"name": "Oslo", "country": "", "lat": None, "lon": None},
        ),
        (
            {"name": "Oslo", "start": 0, "end": 4, "lat": "59.91", "lon": 10.75},
            {"name": "Oslo", "country": "", "lat": None, "lon": None},
        ),
        ({"name": "", "start": 0, "end": 0}, None),
    ],
)
def test_a_place_and_its_coordinates(
    location: dict[str, Any], place: dict[str, Any] | None
) -> None:
    data = {"documents": [], "events": [{"summary": "Talks", "location": location}]}
    assert view_records(data)[0]["place"] == place


def test_reports_with_what_is_known_of_them() -> None:
    entries = [
        {"by": "a senior official", "date": "2022-01-14", "date_text": "Friday", "trigger": {}},
        {"by": None, "date": "2022-01-14", "date_text": None},
        {"by": "Reuters", "date": None, "date_text": "last week"},
        {"by": None, "date": None, "date_text": None},
        "the ministry",
    ]
    data = {"documents": [], "events": [{"summary": "Talks", "reported": entries}]}
    assert view_records(data)[0]["reported"] == [
        "a senior official, on 2022-01-14 (“Friday”)",
        "on 2022-01-14",
        "Reuters, “last week”",
        "unknown",
        "the ministry",
    ]


def test_an_event_with_only_its_essentials() -> None:
    data = {"documents": [], "events": [{"summary": "Talks", "date": "2022-01"}]}
    (record,) = view_records(data)
    assert record["type"] == "other" and record["status"] == "occurred"
    assert record["start"] == "2022-01-01" and record["end"] == "2022-02-01"
    assert record["lanes"] == {"type": ["other"], "actor": [NO_ACTOR], "document": [""]}


@pytest.mark.parametrize(
    ("value", "start", "end", "label"),
    [
        ("2014", "2014-01-01", "2015-01-01", "2014"),
        ("2010-05", "2010-05-01", "2010-06-01", "May 2010"),
        ("2022-W02", "2022-01-10", "2022-01-17", "week 2 of 2022"),
        ("2013-Q1", "2013-01-01", "2013-04-01", "Q1 2013"),
        ("2022-01-11", "2022-01-11T12:00:00", None, "2022-01-11"),
        ("2022-01-11T15:00", "2022-01-11T15:00:00", None, "15:00 on 2022-01-11"),
        ("2022-01-11TAF", "2022-01-11T12:00:00", None, "2022-01-11, afternoon"),
        ("XXXX-WXX-2", None, None, "XXXX-WXX-2 (not placed in time)"),
        (None, None, None, "undated"),
    ],
)
def test_coarse_dates_are_spans_and_days_are_points(
    value: str | None, start: str | None, end: str | None, label: str
) -> None:
    interval = parse_value(value)
    assert axis(interval) == (start, end)
    assert date_label(value, interval) == label


def test_marks_find_the_date_by_its_words_when_no_mention_says_where() -> None:
    sentence = "Ministers will meet again next Tuesday in Vienna."
    assert marks(sentence, None, "next Tuesday") == [(26, 38, "date")]
    assert marks(sentence, None, "NEXT tuesday") == [(26, 38, "date")]
    assert marks(sentence, None, "on Friday") == []
    assert marks(sentence, None, "") == []


def test_a_trigger_inside_the_date_is_not_marked_twice() -> None:
    sentence = "Talks resume the day after the summit, officials said."
    event = {"trigger": {"name": "summit", "start": 131, "end": 137}, "mentions": []}
    assert marks(sentence, 100, "the day after the summit", event) == [(13, 37, "date")]
    outside = {"trigger": {"name": "summit", "start": 10, "end": 16}, "mentions": []}
    assert marks(sentence, 100, "the day after the summit", outside) == [(13, 37, "date")]


def test_lanes_follow_the_types_order_and_the_unnamed_go_last() -> None:
    got = lanes(view_records(page_data()))
    assert got["type"] == ["talks", "meeting", "phone call", "statement", "military"]
    assert got["actor"][-1] != NO_ACTOR  # every sample event names an actor
    assert got["document"] == [SEED_ID, "Sanctions, “Kyiv” | Ünal; a <test> & more"]
    data = page_data()
    data["events"][0]["actors"] = []
    assert lanes(view_records(data))["actor"][-1] == NO_ACTOR


def test_an_empty_timeline_makes_a_page() -> None:
    data = {"schema_version": "1.0.0", "documents": [], "events": [], "problems": []}
    page = Page(render(data))
    assert page.title == "Timeline of 0 documents"
    assert page.payload()["events"] == []


# --- the command line ---------------------------------------------------------------


def test_the_seed_page_is_small_and_whole(tmp_path: Path) -> None:
    target = tmp_path / "seed.html"
    result = CliRunner().invoke(cli, ["extract", str(SEEDS), "-o", str(target), "--quiet"])
    assert result.exit_code == 0, result.stderr
    size = target.stat().st_size
    assert 500_000 < size < 1_000_000  # vis-timeline is most of it
    page = Page(target.read_text(encoding="utf-8"))
    events = page.payload()["events"]
    assert [e["date"] for e in events] == [
        "2014",
        "2022-01-10",
        "2022-01-11",
        "2022-01-12",
        "2022-01-13",
    ]


def test_export_writes_a_page_from_saved_json(tmp_path: Path) -> None:
    saved = tmp_path / "timeline.json"
    saved.write_text(json.dumps(build_timeline().to_dict()), encoding="utf-8")
    result = CliRunner().invoke(cli, ["export", str(saved), "--format", "html", "--type", "talks"])
    assert result.exit_code == 0, result.stderr
    events = Page(result.stdout).payload()["events"]
    assert [e["id"] for e in events] == ["talks-week", "geneva-talks"]
