"""`timeline extract` on three wire stories of our own about one meeting: one event, its
sources, in every format; the same bytes whatever the order, the files or `--jobs`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from timeline import cli, parallel

STORIES = {
    "announced": (
        "2023-05-15",
        "Armenian and Azerbaijani ministers to meet in Geneva\n\n"
        "Armenian Foreign Minister Ararat Mirzoyan will meet his Azerbaijani counterpart "
        "Jeyhun Bayramov in Geneva on Wednesday, the Swiss foreign ministry said on Monday.\n",
    ),
    "confirmed": (
        "2023-05-16",
        "Caucasus foreign ministers to hold talks in Switzerland\n\n"
        "The foreign ministers of Armenia and Azerbaijan will hold talks in Switzerland on "
        "May 17, officials said on Tuesday. Mirzoyan and Bayramov last met in Washington on May 4.\n",
    ),
    "held": (
        "2023-05-18",
        "Armenia, Azerbaijan make progress in Geneva talks\n\n"
        "Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks in Geneva on Wednesday "
        "and agreed to meet again next month, the Armenian foreign ministry said on Thursday.\n",
    ),
}


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "wire"
    folder.mkdir()
    for name, (day, text) in STORIES.items():
        (folder / f"{name}.txt").write_text(text, "utf-8")
        (folder / f"{name}.meta.json").write_text(json.dumps({"date": day}), "utf-8")
    return folder


def _extract(args: list[str], out: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["extract", *args, "-o", str(out), "--quiet"])
    assert exit_.value.code == 0, capsys.readouterr().err
    return out.read_bytes()


def test_three_stories_give_one_meeting_with_three_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(_extract([str(_folder(tmp_path))], tmp_path / "out.json", capsys))
    assert [d["id"] for d in data["documents"]] == ["announced", "confirmed", "held"]
    merged = [e for e in data["events"] if e.get("sources")]
    assert len(merged) == 1
    talks = merged[0]
    assert (talks["date"], talks["date_text"], talks["type"], talks["status"]) == (
        "2023-05-17",
        "Wednesday",
        "talks",
        "occurred",
    )
    assert (
        talks["summary"] == "Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks in Geneva"
    )
    assert talks["location"]["name"] == "Geneva"
    assert [(s["document"], s["date_text"], s["status"]) for s in talks["sources"]] == [
        ("announced", "Wednesday", "planned"),
        ("confirmed", "May 17", "planned"),
        ("held", "Wednesday", "occurred"),
    ]
    names = [a["name"] for a in talks["actors"]]
    assert names[:2] == ["Ararat Mirzoyan", "Jeyhun Bayramov"]
    assert {"Armenia", "Azerbaijan"} <= set(names)
    # the earlier meeting in Washington is another event
    assert [e["date"] for e in data["events"] if e["summary"].endswith("in Washington")] == [
        "2023-05-04"
    ]


def test_no_merge_keeps_each_documents_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(
        _extract([str(_folder(tmp_path)), "--no-merge"], tmp_path / "out.json", capsys)
    )
    assert sorted(e["document"] for e in data["events"] if e["date"] == "2023-05-17") == [
        "announced",
        "confirmed",
        "held",
    ]
    assert not any("sources" in e for e in data["events"])


def test_order_files_and_jobs_do_not_change_a_byte(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    files = [str(folder / f"{name}.txt") for name in STORIES]
    first = _extract([str(folder)], tmp_path / "a.json", capsys)
    assert _extract(files[::-1], tmp_path / "b.json", capsys) == first
    assert _extract([files[1], files[2], files[0]], tmp_path / "c.json", capsys) == first
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 200)  # a chunk a story: two workers share them
    assert _extract([str(folder), "--jobs", "2"], tmp_path / "d.json", capsys) == first
    # one JSON Lines file: the same events (documents name their own source)
    lines = tmp_path / "wire.jsonl"
    lines.write_text(
        "".join(
            json.dumps({"id": n, "date": d, "text": t}) + "\n"
            for n, (d, t) in reversed(STORIES.items())
        ),
        "utf-8",
    )
    from_lines = json.loads(_extract([str(lines)], tmp_path / "e.json", capsys))
    assert from_lines["events"] == json.loads(first)["events"]


def test_every_format_shows_the_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    rows = list(
        csv.DictReader(io.StringIO(_extract([str(folder)], tmp_path / "t.csv", capsys).decode()))
    )
    assert [r["sources"] for r in rows if r["date"] == "2023-05-17"] == [
        "held; announced; confirmed"
    ]
    markdown = _extract([str(folder)], tmp_path / "t.md", capsys).decode()
    assert "| held; announced; confirmed |" in markdown
    calendar = _extract([str(folder)], tmp_path / "t.ics", capsys).decode().replace("\r\n ", "")
    assert "Sources (3):\\n- announced (" in calendar
    slides = json.loads(_extract([str(folder)], tmp_path / "t.timelinejs.json", capsys))
    text = next(s["text"]["text"] for s in slides["events"] if "Sources (3)" in s["text"]["text"])
    assert text.count("<li>") == 3
    lines = _extract([str(folder)], tmp_path / "t.jsonl", capsys).decode().splitlines()
    assert [len(json.loads(line).get("sources", [])) for line in lines].count(3) == 1
    table = _extract([str(folder), "--format", "table"], tmp_path / "t.txt", capsys).decode()
    assert "announced;" in table


def test_timeml_stays_per_document(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _folder(tmp_path)
    with pytest.raises(SystemExit) as exit_:
        cli.main(
            ["extract", str(folder), "--format", "timeml", "-o", f"{tmp_path}/tml/", "--quiet"]
        )
    assert exit_.value.code == 0, capsys.readouterr().err
    for name in STORIES:  # each document tags its own report of the meeting
        tml = (tmp_path / "tml" / f"{name}.tml").read_text("utf-8")
        assert "<EVENT" in tml
    confirmed = (tmp_path / "tml" / "confirmed.tml").read_text("utf-8")
    assert '<EVENT eid="e1" class="OCCURRENCE">talks</EVENT> in Switzerland' in confirmed
