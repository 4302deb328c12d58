"""The command line of output: --format, -o, slicing, `export` and `schema`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from tests.conftest import SEED, SEEDS
from tests.sample import ORDER
from timeline.cli import cli, main
from timeline.schema import SCHEMA
from timeline.timeml import read_timeml


def _invoke(*args: str, stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def saved(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_schema_command_prints_the_schema() -> None:
    code, out, _ = _invoke("schema")
    assert code == 0 and json.loads(out) == SCHEMA


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("t.json", lambda raw: len(json.loads(raw)["events"]) == 9),
        ("t.jsonl", lambda raw: len(raw.splitlines()) == 9),
        ("t.csv", lambda raw: len(list(csv.reader(io.StringIO(raw.decode(), newline="")))) == 10),
        ("t.md", lambda raw: raw.decode().count("\n| ") == 11),
        ("t.ics", lambda raw: len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == 6),
        ("t.timelinejs.json", lambda raw: len(json.loads(raw)["events"]) == 8),
        ("t.txt", lambda raw: "Russia-NATO" in raw.decode()),
    ],
)
def test_export_infers_the_format_from_the_file_name(
    saved: Path, tmp_path: Path, name: str, check: Any
) -> None:
    target = tmp_path / name
    code, out, _ = _invoke("export", str(saved), "-o", str(target))
    assert code == 0 and out == ""
    assert check(target.read_bytes())


def test_export_reads_stdin_and_slices(saved: Path) -> None:
    code, out, err = _invoke(
        "export", "--format", "jsonl", "--status", "planned", "--place", "gen",
        stdin=saved.read_bytes(),
    )  # fmt: skip
    assert code == 0, err
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["meeting-geneve"]


def test_export_json_is_schema_valid_and_sliced(saved: Path) -> None:
    code, out, _ = _invoke("export", str(saved), "--format", "json", "--until", "2022-01-10")
    assert code == 0
    data = json.loads(out)
    Draft202012Validator(SCHEMA).validate(data)
    assert [e["id"] for e in data["events"]] == ["invasion-2014", "talks-week", "geneva-talks"]
    assert len(data["documents"]) == 2


def test_export_notes_go_to_stderr(saved: Path) -> None:
    code, out, err = _invoke("export", str(saved), "--format", "ics")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR")
    assert "ics: 3 of 9 events left out" in err


def test_export_to_a_folder(saved: Path, tmp_path: Path) -> None:
    code, _, _ = _invoke("export", str(saved), "--format", "md", "-o", f"{tmp_path}/md/")
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "md").iterdir()) == [
        "000_12fa4de552d0c0ef.md",
        "kyiv-1.md",
    ]


def test_export_csv_neutralises_formulas_unless_raw(
    tmp_path: Path, data: dict[str, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    data["events"][0]["summary"] = "=1+1"
    saved = tmp_path / "t.json"
    saved.write_text(json.dumps(data), encoding="utf-8")
    first = data["events"][0]["id"]

    def summary(*extra: str) -> str:
        code, out, err = _invoke("export", str(saved), "--format", "csv", *extra)
        assert code == 0, err
        rows = csv.DictReader(io.StringIO(out, newline=""))
        return next(r["summary"] for r in rows if r["id"] == first)

    assert summary() == "'=1+1"
    assert summary("--csv-raw") == "=1+1"
    code, out, err = _main(capsys, "export", str(saved), "--format", "json", "--csv-raw")
    assert (code, out) == (2, "")
    assert err == "timeline: error: --csv-raw: is for CSV, and the format is json\n"


def test_export_without_filters_keeps_everything(saved: Path) -> None:
    code, out, _ = _invoke("export", str(saved), "--format", "json")
    assert code == 0
    assert [e["id"] for e in json.loads(out)["events"]] == ORDER


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (("export", "--format", "csv"), "{not json", 1, "<stdin>:1: not JSON: Expecting"),
        (("export", "--format", "csv"), '{"events": []}', 1, "not a timeline JSON document"),
        (("export", "--format", "csv"), "\xff", 1, "not JSON"),
        (("export", "missing.json"), None, 2, "missing.json: no such file"),
        (("export", "--format", "pdf"), "{}", 2, "unknown format 'pdf'"),
        (("export", "--format", "timeml"), "{}", 2, "timeml needs the document text"),
        (("export", "--since", "Monday"), "{}", 2, "--since: not a date: 'Monday'"),
        (("export", "--type", "party"), "{}", 2, "--type: unknown event type party"),
        (("export", "--status", "done"), "{}", 2, "--status: unknown status 'done'"),
        (("export", "-o", "out.pdf"), "{}", 2, "cannot tell the format"),
    ],
)
def test_export_errors_are_one_line_with_an_exit_code(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: tuple[str, ...],
    stdin: str | None,
    code: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO((stdin or "").encode())))
    got, out, err = _main(capsys, *args)
    assert (got, out) == (code, "")
    assert err.count("\n") == 1 and message in err, err
    assert list(tmp_path.iterdir()) == []


def test_a_failed_export_leaves_the_old_file(saved: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.json"
    target.write_text("precious", encoding="utf-8")
    code, _, _ = _invoke("export", "-o", str(target), stdin="not json")
    assert code == 1 and target.read_text(encoding="utf-8") == "precious"


# --- extract, with the pipeline --------------------------------------------------------


def test_extract_writes_a_calendar_and_says_what_it_left_out(tmp_path: Path) -> None:
    target = tmp_path / "seed.ics"
    code, out, err = _invoke("extract", str(SEEDS), "-o", str(target))
    assert code == 0 and out == ""
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e.decoded("DTSTART")) for e in events) == [
        "2022-01-10",
        "2022-01-11",
        "2022-01-12",
        "2022-01-13",
    ]
    assert "ics: 1 of 5 events left out of the calendar" in err
    assert "1 dated only to a year" in err


def test_extract_slices(tmp_path: Path) -> None:
    code, out, _ = _invoke(
        "extract", str(SEEDS), "--format", "jsonl", "--status", "planned", "--since", "2022-01-12"
    )
    dates = [json.loads(line)["date"] for line in out.splitlines()]
    assert code == 0 and dates == ["2022-01-12", "2022-01-13"]


def test_extract_timeml_reads_back_as_the_same_document(tmp_path: Path) -> None:
    folder = tmp_path / "tml"
    code, _, err = _invoke("extract", str(SEEDS), "--format", "timeml", "-o", f"{folder}/")
    assert code == 0, err
    (path,) = folder.iterdir()
    document = read_timeml(path)
    assert document.text == SEED.read_text(encoding="utf-8")
    assert str(document.dct) == "2022-01-10"
    assert [t.value for t in document.timexes if t.value.startswith("2022-01-1")]
    assert len(document.events) >= 5
