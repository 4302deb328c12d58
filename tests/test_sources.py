"""Reading: paths, folders, stdin; text, JSON Lines, TimeML; anchors and ids."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from timeline import anchor as anchors
from timeline import sources
from timeline.errors import UsageError
from timeline.models import Document, Problem

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>wsj_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-10-26" functionInDocument="CREATION_TIME">10/26/89</TIMEX3></DCT>
<TEXT>
Ministers met <TIMEX3 tid="t1" type="DATE" value="1989-10-25">Wednesday</TIMEX3> &amp; agreed.
</TEXT>
</TimeML>
"""


def _docs(paths: list[str], **kw: object) -> list[Document | Problem]:
    return list(sources.read(paths, **kw))  # type: ignore[arg-type]


def test_folder_is_read_recursively_sorted_without_hidden_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("Talks on Monday.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.md").write_text("A meeting on Tuesday.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("secret", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("no", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    docs = _docs([str(tmp_path)])
    assert [d.id for d in docs if isinstance(d, Document)] == ["b", "a"]


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        sources.expand([str(tmp_path / "nope.txt")])


def test_jsonl_records_carry_id_date_title_url(tmp_path: Path) -> None:
    lines = [
        {
            "id": "a1",
            "date": "2022-01-10",
            "title": "T",
            "url": "https://x",
            "text": "Talks on Monday.",
        },
        {"text": "No id here, met on Friday."},
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    first, second = _docs([str(path)])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.anchor, first.anchor_source, first.title, first.url) == (
        "a1",
        date(2022, 1, 10),
        "metadata",
        "T",
        "https://x",
    )
    assert (second.id, second.anchor, second.source) == ("feed-2", None, f"{path}:2")


def test_timeml_text_and_dct(tmp_path: Path) -> None:
    path = tmp_path / "wsj_0001.tml"
    path.write_text(TML, encoding="utf-8")
    (doc,) = _docs([str(path)])
    assert isinstance(doc, Document)
    assert doc.id == "wsj_0001"
    assert (doc.anchor, doc.anchor_source) == (date(1989, 10, 26), "dct")
    assert doc.text == "\nMinisters met Wednesday & agreed.\n"


def test_anchor_option_wins_over_metadata(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks on Monday.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"date": "2021-05-05"}', encoding="utf-8")
    (doc,) = _docs([str(tmp_path)])
    assert isinstance(doc, Document) and (doc.anchor, doc.anchor_source) == (
        date(2021, 5, 5),
        "metadata",
    )
    (doc,) = _docs([str(tmp_path)], anchor=date(2022, 1, 10))
    assert isinstance(doc, Document) and (doc.anchor, doc.anchor_source) == (
        date(2022, 1, 10),
        "option",
    )


def test_stdin_text_and_jsonl() -> None:
    (doc,) = _docs(["-"], stdin=io.BytesIO(b"Talks on Monday."))
    assert isinstance(doc, Document) and (doc.id, doc.source) == ("stdin", "<stdin>")
    feed = b'{"id": "x", "text": "Met on Friday."}\n{"id": "y", "text": "Met on Monday."}\n'
    assert [d.id for d in _docs([], stdin=io.BytesIO(feed)) if isinstance(d, Document)] == [
        "x",
        "y",
    ]
    assert _docs(["-"], stdin=io.BytesIO(b"")) == []


def test_same_file_name_in_two_folders_gets_two_ids(tmp_path: Path) -> None:
    for sub in ("x", "y"):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "report.txt").write_text("Talks on Monday.", encoding="utf-8")
    assert [d.id for d in _docs([str(tmp_path)]) if isinstance(d, Document)] == [
        "report",
        "report-2",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "---\ntitle: X\ndate: 2022-01-10\n---\nTalks on Monday.",
            (date(2022, 1, 10), "front-matter"),
        ),
        ("Published: January 10, 2022\n\nTalks on Monday.", (date(2022, 1, 10), "published-line")),
        ("GENEVA, Jan. 10, 2022 (Reuters) - Talks began.", (date(2022, 1, 10), "dateline")),
        ("10 January 2022\n\nTalks on Monday.", (date(2022, 1, 10), "dateline")),
        ("Talks on Monday, as in May 2010.", None),
    ],
)
def test_anchor_found_in_the_text(text: str, found: tuple[date, str] | None) -> None:
    assert anchors.from_text(text) == found


@pytest.mark.parametrize("bad", ["2022-13-45", "10/01/2022", "tomorrow", "2022-02-30"])
def test_anchor_option_must_be_a_real_date(bad: str) -> None:
    with pytest.raises(UsageError, match="invalid date"):
        anchors.parse_option(bad)


@pytest.mark.parametrize(
    ("text", "first_words"),
    [
        ("Talks resume\n\nDOHA, March 5 (Reuters) - Negotiators returned.", "Negotiators"),
        ("WASHINGTON, Jan. 10 -- The talks ended.", "The talks"),
        ("GENEVA, 10 January 2022 — Diplomats met.", "Diplomats"),
        (
            "Diplomats met in GENEVA, on Monday - and agreed.",
            None,
        ),  # no dateline: not at a line start
        ("The talks ended on Monday.", None),
    ],
)
def test_dateline_end_is_where_the_story_starts(text: str, first_words: str | None) -> None:
    end = anchors.dateline_end(text)
    if first_words is None:
        assert end == 0
    else:
        assert text[end:].startswith(first_words)
