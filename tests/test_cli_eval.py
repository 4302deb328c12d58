"""`timeline eval` end to end, on a TimeML file written here (runs the real pipeline)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline.cli import main

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2022-01-10" functionInDocument="CREATION_TIME">\
2022-01-10</TIMEX3></DCT>
<TEXT>
The talks opened in Geneva on <TIMEX3 tid="t1" type="DATE" value="2022-01-10">Monday</TIMEX3> \
and the ministers met again in <TIMEX3 tid="t2" type="DATE" value="2014">2014</TIMEX3>.
</TEXT>
</TimeML>
"""


def run(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    code = exit_.value.code
    assert isinstance(code, int)
    return code


def test_eval_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "T1.tml").write_text(DOC)
    assert run(["eval", str(tmp_path), "--format", "json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 1
    assert data["overall"]["gold"] == 2
    assert set(data["by_type"]) >= {"DATE"}
    assert set(data["errors"]) == {
        "miss",
        "false_alarm",
        "wrong_extent",
        "wrong_type",
        "wrong_value",
    }
    # Every wrong value falls in one gold-side class, or "other".
    counts = data["wrong_value_counts"]
    assert set(counts) == {
        "gold_contradicts_text",
        "gold_not_iso",
        "gold_underspecified",
        "gold_week_shifted",
        "other",
    }
    assert sum(counts.values()) == data["error_counts"]["wrong_value"]


def test_eval_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "T1.tml").write_text(DOC)
    assert run(["eval", str(tmp_path / "T1.tml"), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "TempEval-3 Task A: 1 documents" in out
    assert any(line.split()[:1] == ["all"] for line in out.splitlines())
    assert any(line.startswith("wrong values: ") for line in out.splitlines())


def test_eval_unreadable_file_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "T1.tml").write_text(DOC)
    (tmp_path / "T2.tml").write_text("<TimeML><TEXT>oops</TimeML>")
    assert run(["eval", str(tmp_path), "-f", "json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["documents"] == 1
    # in the one form of every command: the file skipped, its cause; then the summary
    assert captured.err.splitlines() == [
        f"timeline: skipped {tmp_path / 'T2.tml'}: malformed TimeML at line 1, column 21: "
        "mismatched tag",
        "timeline: 1 document scored, 1 skipped",
    ]


@pytest.mark.parametrize(
    "argv",
    [["eval"], ["eval", "/no/such/folder"], ["eval", ".", "--format", "csv"]],
)
def test_eval_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(argv) == 2
    assert capsys.readouterr().err.startswith("timeline: error:")


def test_eval_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "T1.tml").write_text(DOC)
    assert run(["eval", str(tmp_path), "--format", "json", "--documents"]) == 0
    data = json.loads(capsys.readouterr().out)
    (only,) = data["by_document"]
    assert only["gold"] == data["overall"]["gold"]
    assert only["value_f1"] == data["overall"]["value_f1"]


ARTICLE = "The foreign ministers of Norway and Chile will meet in Geneva on Friday."
EVENT_GOLD = {
    "documents": {
        "oslo-1": {
            "anchor": "2023-03-08",
            "events": [
                {
                    "date": "2023-03-10",
                    "type": "meeting",
                    "status": "planned",
                    "location": ["Geneva"],
                    "actors": ["Norway", "Chile"],
                    "evidence": "will meet in Geneva on Friday",
                }
            ],
        }
    }
}


def event_corpus(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(EVENT_GOLD))
    texts = tmp_path / "news.jsonl"
    texts.write_text(json.dumps({"id": "oslo-1", "date": "2023-03-08", "text": ARTICLE}) + "\n")
    return gold, texts


def test_eval_events_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, texts = event_corpus(tmp_path)
    assert run(["eval", "--events", str(gold), str(texts), "-f", "json", "--errors"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["documents"], data["gold"]) == (1, 1)
    assert set(data["errors"]) == {
        "miss",
        "false_alarm",
        "wrong_type",
        "wrong_status",
        "missed_actors",
        "not_merged",
        "over_merged",
    }
    assert data["merging"]["clusters"] == 0


def test_eval_plover_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = tmp_path / "plover.json"
    record = {"id": "r1", "event": "CONSULT", "eventText": "meet", "text": ARTICLE}
    records.write_text(json.dumps({"records": [record]}))
    assert run(["eval", "--plover", str(records), "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "PLOVER event types: 1 records" in out


def one_line_error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err.strip()


@pytest.mark.parametrize(
    ("gold_text", "message"),
    [
        (None, "no such event gold file"),
        ('{"documents": ', "malformed event gold: not JSON at line 1, column 15"),
        ('{"documents": {"x": {"anchor": "2023-03-08"}}}', "documents['x']: no \"events\" list"),
    ],
)
def test_eval_events_bad_gold(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], gold_text: str | None, message: str
) -> None:
    _, texts = event_corpus(tmp_path)
    gold = tmp_path / "other.json"
    if gold_text is not None:
        gold.write_text(gold_text)
    assert run(["eval", "--events", str(gold), str(texts)]) == 2
    line = one_line_error(capsys)
    assert line.startswith(f"timeline: error: {gold}: ") and line.endswith(message)


def test_eval_events_gold_document_not_among_the_texts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold, _ = event_corpus(tmp_path)
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "paris-2", "text": ARTICLE}) + "\n")
    assert run(["eval", "--events", str(gold), str(other)]) == 2
    assert one_line_error(capsys) == (
        f"timeline: error: {gold}: 1 gold document not among the texts: oslo-1"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--events", "g.json"], "TEXTS: give the texts the gold's documents are in"),
        (["--events", "g.json", "--plover", "p.json"], "--plover: give one of --events, --plover"),
        (["--plover", "p.json", "texts/"], "--plover: takes no PATHS"),
        (["--plover", "/no/such.json"], "/no/such.json: no such PLOVER records file"),
    ],
)
def test_eval_events_and_plover_usage(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["eval", *argv]) == 2
    assert one_line_error(capsys).startswith(f"timeline: error: {message}")
