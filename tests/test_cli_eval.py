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
