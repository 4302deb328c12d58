"""`timeline eval --timelines`: SemEval-2015 Task 4 TimeLine scores, on timelines of our own.

The expected figures are those the task's official scorer (Python 2,
`evaluation_all.py`) prints for the same gold and system files.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from timeline import cli
from timeline.evaluation.timelines import Line, read_timeline, read_tml, score

GOLD = (
    "Acme\n"
    "1\t2020-01-05\t1-2-launched\n"
    "2\t2020-02\t1-3-sold\t2-4-sold\n"
    "3\t2020-02\t2-5-recalled\n"
    "0\tXXXX-XX-XX\t1-6-said\n"
)


def _lines(text: str) -> list[Line]:
    return read_timeline(text)[1]


def test_a_timeline_file_is_read_line_by_line() -> None:
    entity, lines = read_timeline(GOLD)
    assert entity == "Acme"
    assert lines[1] == Line(2, "2020-02", ("1-3-sold", "2-4-sold"))
    assert lines[3] == Line(0, "XXXX-XX-XX", ("1-6-said",))


@pytest.mark.parametrize(
    ("system", "counts"),
    [
        (GOLD, (6, 6, 6, 6)),  # the gold itself: 100
        # one event a month early, one left out: the official scorer's P 50.0, R 50.0
        (
            "Acme\n1\t2020-01-05\t1-2-launched\n1\t2020-01-05\t2-5-recalled\n2\t2020-02\t1-3-sold\n",
            (2, 4, 3, 6),
        ),
        # a wrong year, an event the gold does not have: P 33.3333, R 33.3333
        (
            "Acme\n1\t2019\t1-3-sold\n2\t2020-01-05\t1-2-launched\t9-9-opened\n3\t2020-02\t2-4-sold\n",
            (2, 6, 2, 6),
        ),
        ("Acme\n", (0, 0, 0, 6)),  # nothing: 0
    ],
)
def test_temporal_awareness_as_the_official_scorer_counts(
    system: str, counts: tuple[int, int, int, int]
) -> None:
    got = score(_lines(GOLD), _lines(system))
    assert (got.precision_matched, got.system_total, got.recall_matched, got.gold_total) == counts


def test_a_contradiction_in_the_gold_is_kept_aside_and_still_counts() -> None:
    # two ranks on one date: each event is simultaneous with the date, and one is before
    # the other; the scorer keeps that relation as violated, and matches it as stated
    gold = _lines("X\n1\t1985\t7-1-fired\n2\t1985\t7-1-founded\n")
    got = score(gold, gold)
    assert (got.precision_matched, got.system_total) == (3, 3)


ARTICLE_1 = """<?xml version="1.0" encoding="utf-8"?>
<TimeML><DOCID>101</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-03-02" functionInDocument="CREATION_TIME">2020-03-02</TIMEX3></DCT>
<TEXT><s id="1">Acme Corp executives will meet Chinese trade officials in Beijing on April 6 .</s><s id="2">Acme Corp signed an agreement with Renault in Paris on February 3 .</s></TEXT></TimeML>
"""
ARTICLE_2 = """<?xml version="1.0" encoding="utf-8"?>
<TimeML><DOCID>102</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2020-04-07" functionInDocument="CREATION_TIME">2020-04-07</TIMEX3></DCT>
<TEXT><s id="1">Acme Corp executives met Chinese trade officials in Beijing on Monday .</s></TEXT></TimeML>
"""


def _corpus(tmp_path: Path) -> tuple[Path, Path]:
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    (docs / "101-acme.tml").write_text(ARTICLE_1, "utf-8")
    (docs / "102-acme.tml").write_text(ARTICLE_2, "utf-8")
    (gold / "acme_corp.txt").write_text(
        "Acme Corp\n1\t2020-02-03\t101-2-agreement\n2\t2020-04-06\t101-1-meet\t102-1-met\n", "utf-8"
    )
    return docs, gold


def test_a_timeml_document_is_its_sentences_one_a_line(tmp_path: Path) -> None:
    docs, _ = _corpus(tmp_path)
    document, sentences = read_tml(docs / "101-acme.tml")
    assert (document.id, str(document.anchor)) == ("101", "2020-03-02")
    assert (
        document.text.splitlines()[1]
        == "Acme Corp signed an agreement with Renault in Paris on February 3 ."
    )
    assert sentences.at(document.text.index("Paris")) == "2"


def test_eval_timelines_scores_and_writes_the_entity_timeline(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs, gold = _corpus(tmp_path)
    answers = tmp_path / "answers"
    with pytest.raises(SystemExit) as exit_:
        cli.main(
            ["eval", "--timelines", str(gold), str(docs), "--answers", str(answers), "-f", "json"]
        )
    assert exit_.value.code == 0, capsys.readouterr().err
    report = json.loads(capsys.readouterr().out)
    written = (answers / "acme_corp.txt").read_text("utf-8").splitlines()
    assert written[0] == "Acme Corp"
    # the meeting, announced in one article and held in the other, is one event
    assert written[1:] == ["1\t2020-02-03\t101-2-agreement", "2\t2020-04-06\t101-1-meet\t102-1-met"]
    assert report["timelines"]["acme_corp.txt"]["entity"] == "Acme Corp"
    assert report["micro"]["f1"] == report["timelines"]["acme_corp.txt"]["f1"] == 100.0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timelines", "{tmp}/nowhere", "{tmp}"], "not a folder of gold timelines"),
        (["--timelines", "{gold}", "{gold}"], "no TimeML documents"),
        (["--answers", "{tmp}/a", "{tmp}"], "--answers: goes with --timelines"),
        (["--timelines", "{gold}", "--events", "g.json"], "give one of --events, --timelines"),
    ],
)
def test_eval_timelines_usage_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    _, gold = _corpus(tmp_path)
    filled = [a.format(tmp=tmp_path, gold=gold) for a in args]
    with pytest.raises(SystemExit) as exit_:
        cli.main(["eval", *filled])
    assert exit_.value.code == 2
    assert message in capsys.readouterr().err
