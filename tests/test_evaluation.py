from __future__ import annotations

import io
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from timeline.errors import ExitCode, InputError, UsageError
from timeline.evaluation import (
    EvalReport,
    Extract,
    Scorer,
    TimexLike,
    align,
    evaluate,
    find_timeml_files,
    render_json,
    render_table,
    run_eval,
    value_shape,
)
from timeline.models import TimeExpression, TimexType
from timeline.timeml import GoldTimex, TimeMLDocument


def gold(text: str, span: str, type_: str, value: str, nth: int = 0) -> GoldTimex:
    start = -1
    for _ in range(nth + 1):
        start = text.index(span, start + 1)
    return GoldTimex(start, start + len(span), span, type_, value, f"t{start}")


def ours(text: str, span: str, type_: TimexType, value: str) -> TimeExpression:
    start = text.index(span)
    return TimeExpression(start, start + len(span), span, type_, value)


# Three tiny documents with known overlaps; the figures below are worked out by hand.
T1 = "Talks on Monday and Tuesday morning lasted two weeks."
G1 = [
    gold(T1, "Monday", "DATE", "2022-01-10"),
    gold(T1, "Tuesday morning", "TIME", "2022-01-11TMO"),
    gold(T1, "two weeks", "DURATION", "P2W"),
]
S1 = [
    ours(T1, "Monday", "DATE", "2022-01-10"),  # strict, all right
    ours(T1, "Tuesday", "DATE", "2022-01-11"),  # relaxed only; wrong type and value
    ours(T1, "Talks", "DATE", "2022"),  # false alarm
]  # "two weeks" is missed

T2 = "Every day since 1998 ended."
G2 = [gold(T2, "Every day", "SET", "P1D"), gold(T2, "1998", "DATE", "1998")]
S2 = [
    ours(T2, "1998", "DATE", "1999"),  # strict, wrong value
    ours(T2, "day since", "DATE", "XXXX"),  # partial overlap with "Every day": relaxed only
]

T3 = "Monday and Tuesday"
G3 = [gold(T3, "Monday", "DATE", "2022-01-10"), gold(T3, "Tuesday", "DATE", "2022-01-11")]
# One system span over two gold ones: it matches one of them only (the larger overlap).
S3 = [ours(T3, "Monday and Tuesday", "DATE", "2022-01-10")]


def three_documents() -> EvalReport:
    scorer = Scorer()
    scorer.add("d1", T1, G1, S1)
    scorer.add("d2", T2, G2, S2)
    scorer.add("d3", T3, G3, S3)
    return scorer.report()


def test_time_expression_and_gold_timex_are_timex_like() -> None:
    items: list[TimexLike] = [G1[0], S1[0]]
    assert [t.text for t in items] == ["Monday", "Monday"]


def test_overall_figures() -> None:
    s = three_documents().overall
    assert (s.gold, s.system, s.relaxed_matches, s.strict_matches) == (7, 6, 5, 2)
    assert s.relaxed_precision == pytest.approx(5 / 6)
    assert s.relaxed_recall == pytest.approx(5 / 7)
    assert s.relaxed_f1 == pytest.approx(10 / 13)
    assert s.strict_precision == pytest.approx(2 / 6)
    assert s.strict_recall == pytest.approx(2 / 7)
    assert s.strict_f1 == pytest.approx(4 / 13)
    # Over the 5 relaxed matches: types right for Monday, 1998, Tuesday (doc 3);
    # the value right for Monday (doc 1) only.
    assert s.type_accuracy == pytest.approx(3 / 5)
    assert s.value_accuracy == pytest.approx(1 / 5)
    assert s.type_f1 == pytest.approx(10 / 13 * 3 / 5)
    assert s.value_f1 == pytest.approx(2 / 13)


def test_per_type_figures() -> None:
    by_type = three_documents().by_type
    assert list(by_type) == ["DATE", "TIME", "DURATION", "SET"]
    date_ = by_type["DATE"]
    # gold DATE: Monday, 1998, Monday, Tuesday (3 matched: Monday d1, 1998, Tuesday d3);
    # system DATE: all six (5 matched).
    assert (date_.gold, date_.system) == (4, 6)
    assert date_.relaxed_recall == pytest.approx(3 / 4)
    assert date_.relaxed_precision == pytest.approx(5 / 6)
    assert date_.strict_recall == pytest.approx(2 / 4)
    assert date_.strict_precision == pytest.approx(2 / 6)
    assert date_.type_accuracy == 1.0
    assert date_.value_accuracy == pytest.approx(1 / 3)
    f1 = 2 * (5 / 6) * (3 / 4) / (5 / 6 + 3 / 4)
    assert date_.value_f1 == pytest.approx(f1 / 3)

    time_ = by_type["TIME"]
    assert (time_.gold, time_.system, time_.relaxed_matches) == (1, 0, 1)
    assert time_.relaxed_recall == 1.0
    assert time_.relaxed_precision == 0.0  # no system TIME at all
    assert time_.relaxed_f1 == 0.0
    assert time_.type_accuracy == 0.0

    duration = by_type["DURATION"]
    assert (duration.gold, duration.system, duration.relaxed_recall) == (1, 0, 0.0)
    set_ = by_type["SET"]
    assert (set_.gold, set_.relaxed_recall, set_.strict_recall, set_.value_accuracy) == (
        1,
        1.0,
        0.0,
        0.0,
    )


def test_error_lists() -> None:
    by_kind = three_documents().errors_by_kind()
    assert [(e.document, e.text) for e in by_kind["miss"]] == [
        ("d1", "two weeks"),
        ("d3", "Monday"),
    ]
    assert [(e.document, e.text, e.sys_value) for e in by_kind["false_alarm"]] == [
        ("d1", "Talks", "2022")
    ]
    assert [(e.gold_text, e.sys_text) for e in by_kind["wrong_extent"]] == [
        ("Tuesday morning", "Tuesday"),
        ("Every day", "day since"),
        ("Tuesday", "Monday and Tuesday"),
    ]
    assert [(e.gold_type, e.sys_type) for e in by_kind["wrong_type"]] == [
        ("TIME", "DATE"),
        ("SET", "DATE"),
    ]
    assert [(e.document, e.gold_value, e.sys_value) for e in by_kind["wrong_value"]] == [
        ("d1", "2022-01-11TMO", "2022-01-11"),
        ("d2", "P1D", "XXXX"),  # in document order
        ("d2", "1998", "1999"),
        ("d3", "2022-01-11", "2022-01-10"),
    ]
    miss = by_kind["miss"][0]
    assert miss.context == "...ay and Tuesday morning lasted [two weeks]."
    assert (miss.gold_type, miss.gold_value, miss.sys_value) == ("DURATION", "P2W", None)
    assert by_kind["false_alarm"][0].context == "[Talks] on Monday and Tuesday morning..."


def test_error_patterns() -> None:
    patterns = {(p.kind, p.pattern): p.count for p in three_documents().patterns(top=None)}
    assert patterns == {
        ("miss", "DURATION PNW"): 1,
        ("miss", "DATE 9999-99-99"): 1,
        ("false_alarm", "DATE 9999"): 1,
        ("wrong_extent", "ours lacks 'morning'"): 1,
        ("wrong_extent", "extents cross"): 1,
        ("wrong_extent", "ours adds 'monday and'"): 1,
        ("wrong_type", "TIME -> DATE"): 1,
        ("wrong_type", "SET -> DATE"): 1,
        ("wrong_value", "TIME 9999-99-99TMO -> 9999-99-99: ours coarser"): 1,
        ("wrong_value", "DATE 9999 -> 9999: same shape"): 1,
        ("wrong_value", "SET PND -> XXXX: other shape"): 1,
        ("wrong_value", "DATE 9999-99-99 -> 9999-99-99: off by -1 days"): 1,
    }


def test_patterns_rank_by_count_and_collect_examples() -> None:
    text = "Friday, then Friday, then Sunday."
    g = [
        gold(text, "Friday", "DATE", "1998-08-07", 0),
        gold(text, "Friday", "DATE", "1998-08-07", 1),
        gold(text, "Sunday", "DATE", "1998-08-09"),
    ]
    scorer = Scorer()
    scorer.add("d", text, g, [])
    (top,) = scorer.report().patterns(top=1)
    assert (top.kind, top.pattern, top.count) == ("miss", "DATE 9999-99-99", 3)
    assert top.examples == (("Friday", 2), ("Sunday", 1))


def test_matching_is_one_to_one() -> None:
    text = "on Friday"
    g = [gold(text, "Friday", "DATE", "1998-08-07")]
    same = ours(text, "Friday", "DATE", "1998-08-07")
    alignment = align(g, [same, same])
    assert alignment.pairs == ((0, 0),)
    assert alignment.false_alarms == (1,)


def test_identical_extents_are_matched_first() -> None:
    text = "Friday morning"
    g = [gold(text, "Friday", "DATE", "1998-08-07")]
    longer = ours(text, "Friday morning", "TIME", "1998-08-07TMO")
    exact = ours(text, "Friday", "DATE", "1998-08-07")
    alignment = align(g, [longer, exact])
    assert alignment.pairs == ((0, 1),)
    assert alignment.false_alarms == (0,)


def test_adjacent_extents_do_not_overlap() -> None:
    text = "Friday morning"
    g = [gold(text, "Friday", "DATE", "1998-08-07")]
    assert align(g, [ours(text, " morning", "TIME", "T")]).pairs == ()


def test_empty_sides() -> None:
    scorer = Scorer()
    scorer.add("empty", "", [], [])
    s = scorer.report().overall
    assert (s.relaxed_precision, s.relaxed_recall, s.relaxed_f1, s.value_f1) == (0, 0, 0, 0)


def test_offset_mismatches_are_counted() -> None:
    scorer = Scorer()
    scorer.add("d", "on Friday", [], [TimeExpression(3, 9, "Monday", "DATE", "XXXX-WXX-1")])
    assert scorer.report().offset_mismatches == 1


@pytest.mark.parametrize(
    ("value", "shape"),
    [
        ("1998-01-08", "9999-99-99"),
        ("1998-W02", "9999-W99"),
        ("P10D", "PND"),
        ("PT2.5H", "PTNH"),
        ("PXY", "PXY"),
        ("PRESENT_REF", "PRESENT_REF"),
        ("", "(none)"),
    ],
)
def test_value_shape(value: str, shape: str) -> None:
    assert value_shape(value) == shape


# --- driver and rendering -------------------------------------------------------

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>{id}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="{dct}" functionInDocument="CREATION_TIME">x</TIMEX3></DCT>
<TEXT>{text}</TEXT>
</TimeML>
"""


def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "gold"
    (root / "b").mkdir(parents=True)
    (root / "a").mkdir()
    (root / "b" / "B1.tml").write_text(
        TML.format(
            id="B1",
            dct="1998-08-08",
            text='It fell <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>.',
        )
    )
    (root / "a" / "A1.tml").write_text(
        TML.format(
            id="A1",
            dct="1998-01-08T10:00",
            text='Prices &amp; <TIMEX3 tid="t1" type="DATE" value="1997">last year</TIMEX3>',
        )
    )
    (root / "a" / "notes.txt").write_text("not TimeML")
    return root


def fake_extract(seen: list[tuple[str, date | None]]) -> Extract:
    def extract(doc: TimeMLDocument) -> Sequence[TimexLike]:
        seen.append((doc.id, doc.dct))
        # Pretend to find the gold spans, getting 1997 wrong.
        return [
            TimeExpression(t.start, t.end, t.text, "DATE", "1998" if t.value == "1997" else t.value)
            for t in doc.timexes
        ]

    return extract


def test_find_timeml_files_is_recursive_and_sorted(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    assert [p.name for p in find_timeml_files([root])] == ["A1.tml", "B1.tml"]
    single = root / "b" / "B1.tml"
    assert find_timeml_files([single, root / "a"]) == [single, root / "a" / "A1.tml"]
    with pytest.raises(UsageError, match="no such file or folder"):
        find_timeml_files([root / "missing"])


def test_evaluate_reads_runs_and_scores(tmp_path: Path) -> None:
    seen: list[tuple[str, date | None]] = []
    report = evaluate([corpus(tmp_path)], fake_extract(seen))
    assert seen == [("A1", date(1998, 1, 8)), ("B1", date(1998, 8, 8))]
    assert report.documents == 2
    assert report.overall.relaxed_f1 == 1.0
    assert report.overall.strict_f1 == 1.0
    assert report.overall.value_accuracy == 0.5
    assert report.overall.value_f1 == 0.5
    (wrong,) = report.errors
    assert (wrong.kind, wrong.document, wrong.context) == (
        "wrong_value",
        "A1",
        "Prices & [last year]",
    )
    assert report.problems == ()


def test_unreadable_file_is_reported_and_skipped(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "a" / "A0.tml").write_text("<TimeML><TEXT>broken</TimeML>")
    seen: list[tuple[str, date | None]] = []
    report = evaluate([root], fake_extract(seen))
    assert report.documents == 2
    (problem,) = report.problems
    assert problem.source.endswith("A0.tml")
    assert problem.line == 1
    assert "malformed TimeML at line 1" in problem.message


def test_run_eval_table(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    seen: list[tuple[str, date | None]] = []
    code = run_eval([corpus(tmp_path)], True, "table", None, out, err, extract=fake_extract(seen))
    assert code == ExitCode.OK
    text = out.getvalue()
    assert "TempEval-3 Task A: 2 documents" in text
    assert "Wrong values (on relaxed matches): 1" in text
    assert "Prices & [last year]" in text  # brackets are not taken for rich markup
    assert "DATE 9999 -> 9999: same shape" in text
    lines = [line.split() for line in text.splitlines()]
    assert [
        "all",
        "2",
        "2",
        "100.0",
        "100.0",
        "100.0",
        "100.0",
        "100.0",
        "100.0",
        "100.0",
        "50.0",
        "50.0",
    ] in lines
    assert "\x1b[" not in text  # plain text when not on a terminal
    assert err.getvalue() == ""


def test_run_eval_json_and_exit_code_for_unreadable(tmp_path: Path) -> None:
    root = corpus(tmp_path)
    (root / "bad.tml").write_text("<!DOCTYPE x [<!ENTITY a 'b'>]><TimeML><TEXT>&a;</TEXT></TimeML>")
    out, err = io.StringIO(), io.StringIO()
    seen: list[tuple[str, date | None]] = []
    code = run_eval([root], True, None, None, out, err, extract=fake_extract(seen))
    assert code == ExitCode.SOME_UNREADABLE
    data = json.loads(out.getvalue())  # piped: JSON by default
    assert data["documents"] == 2
    assert data["overall"]["relaxed"] == {"matches": 2, "precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert data["overall"]["value_f1"] == 0.5
    assert data["by_type"]["DATE"]["gold"] == 2
    assert data["error_counts"]["wrong_value"] == 1
    assert data["errors"]["wrong_value"][0]["gold"] == {
        "text": "last year",
        "type": "DATE",
        "value": "1997",
    }
    assert data["patterns"][0]["pattern"] == "DATE 9999 -> 9999: same shape"
    assert data["problems"][0]["message"] == "unsafe XML: entity declarations are not allowed"
    assert "bad.tml: unsafe XML: entity declarations are not allowed" in err.getvalue()


def test_run_eval_json_without_errors(tmp_path: Path) -> None:
    out = io.StringIO()
    seen: list[tuple[str, date | None]] = []
    run_eval(
        [corpus(tmp_path)], False, "json", None, out, io.StringIO(), extract=fake_extract(seen)
    )
    data = json.loads(out.getvalue())
    assert "errors" not in data
    assert "patterns" not in data


def test_run_eval_usage_errors(tmp_path: Path) -> None:
    out = io.StringIO()
    with pytest.raises(UsageError, match="no such file or folder"):
        run_eval([tmp_path / "nope"], False, "table", None, out, extract=lambda d: [])
    with pytest.raises(UsageError, match=r"no TimeML \(.tml\) files found"):
        run_eval([tmp_path], False, "table", None, out, extract=lambda d: [])
    with pytest.raises(UsageError, match="unknown format"):
        run_eval([tmp_path], False, "csv", None, out, extract=lambda d: [])


def test_renderers_accept_an_empty_report() -> None:
    report = Scorer().report()
    out = io.StringIO()
    render_table(report, out, errors=True)
    render_json(report, out, errors=True)
    assert "0 documents" in out.getvalue()


@pytest.mark.parametrize(
    ("gold_value", "our_value", "pattern"),
    [
        ("1998-08", "1998-08-07", "DATE 9999-99 -> 9999-99-99: ours finer"),
        ("1998-08-07", "1998", "DATE 9999-99-99 -> 9999: ours coarser"),
        ("1998-08-07", "1998-07-31", "DATE 9999-99-99 -> 9999-99-99: off by -7 days"),
        ("1998-08-07", "1997-08-07", "DATE 9999-99-99 -> 9999-99-99: off by -1 years"),
        ("1998-08-07", "1996-02-07", "DATE 9999-99-99 -> 9999-99-99: other date"),
        ("1998-W32", "1998-W31", "DATE 9999-W99 -> 9999-W99: same shape"),
        ("PRESENT_REF", "", "DATE PRESENT_REF -> (none): no value"),
    ],
)
def test_wrong_value_diagnosis(gold_value: str, our_value: str, pattern: str) -> None:
    text = "on Friday"
    scorer = Scorer()
    scorer.add(
        "d",
        text,
        [gold(text, "Friday", "DATE", gold_value)],
        [ours(text, "Friday", "DATE", our_value)],
    )
    (error,) = scorer.report().errors
    assert error.kind == "wrong_value"
    assert error.pattern() == pattern


def test_failed_extraction_is_reported_and_scored_as_empty(tmp_path: Path) -> None:
    def failing(doc: TimeMLDocument) -> Sequence[TimexLike]:
        raise InputError("no text", doc.source)

    report = evaluate([corpus(tmp_path)], failing)
    assert report.documents == 2
    assert report.overall.gold == 2
    assert report.overall.relaxed_recall == 0.0
    assert [p.message for p in report.problems] == ["extraction failed: no text"] * 2


# --- gold-side classes of wrong values --------------------------------------------


@pytest.mark.parametrize(
    ("text", "gold_value", "our_value", "diagnosis", "issue"),
    [
        # 1999-02-09 is a Tuesday.
        (
            "Wednesday",
            "1999-02-09",
            "1999-02-10",
            "gold contradicts its text (weekday)",
            "gold_contradicts_text",
        ),
        (
            "9 a.m. Tuesday",
            "2000-04-03T09:00",
            "2000-04-04T09:00",
            "gold contradicts its text (weekday)",
            "gold_contradicts_text",
        ),
        (
            "the 1988 period",
            "1998",
            "1988-Q3",
            "gold contradicts its text (year)",
            "gold_contradicts_text",
        ),
        # Before "gold not ISO": 2000-W7 is not ISO either, but the text says 1999.
        (
            "week 7 of 1999",
            "2000-W7",
            "1999-W07",
            "gold contradicts its text (year)",
            "gold_contradicts_text",
        ),
        ("this week", "2000-W6", "2000-W06", "gold not ISO (same as ours)", "gold_not_iso"),
        (
            "5 p.m.",
            "1989-11-06T17",
            "1989-11-06T17:00",
            "gold not ISO (same as ours)",
            "gold_not_iso",
        ),
        ("last week", "2000-W7", "2000-W05", "gold not ISO", "gold_not_iso"),
        ("a decade", "P1E", "P10Y", "gold not ISO", "gold_not_iso"),
        ("centuries", "PXE", "PXCE", "gold not ISO", "gold_not_iso"),
        ("a day", "1998-02-30", "1998-02-28", "gold not ISO", "gold_not_iso"),
        ("last week", "1989-WXX", "1989-W43", "gold underspecified", "gold_underspecified"),
        ("last week", "1998-10-XX", "1998-W43", "gold underspecified", "gold_underspecified"),
        ("1949", "1949-XX", "1949", "gold underspecified", "gold_underspecified"),
        ("earlier this year", "1998-XX-XX", "1998", "gold underspecified", "gold_underspecified"),
        ("a year earlier", "1988-QX", "1988-Q3", "gold underspecified", "gold_underspecified"),
        ("the 1980s", "198X", "198", "gold underspecified", "gold_underspecified"),
    ],
)
def test_gold_side_diagnosis(
    text: str, gold_value: str, our_value: str, diagnosis: str, issue: str
) -> None:
    scorer = Scorer()
    scorer.add(
        "d", text, [gold(text, text, "DATE", gold_value)], [ours(text, text, "DATE", our_value)]
    )
    (error,) = scorer.report().errors
    assert error.pattern().endswith(": " + diagnosis)
    assert error.gold_issue() == issue


@pytest.mark.parametrize(
    ("text", "gold_value", "our_value", "diagnosis"),
    [
        ("Friday", "1998-08-07", "1998-08-14", "off by +7 days"),  # gold is a Friday
        ("Monday and Tuesday", "2022-01-11", "2022-01-10", "off by -1 days"),  # one of them
        ("the 1990s", "1990", "199", "ours coarser"),  # a decade names no year
        ("May 10, 1998", "1998-05-10", "1998-05-11", "off by +1 days"),  # same year
        # A week running into November is not inside October 1998.
        ("early this week", "1998-12-XX", "1998-W49", "other shape"),
        ("every Monday", "XXXX-WXX-1", "XXXX-WXX-2", "same shape"),  # ours not specified
        ("Monday", "XXXX-WXX-1", "1998-02-16", "other shape"),  # gold fixes a digit after X
        ("fiscal 1990", "FY1990", "1990", "other shape"),
        ("daily", "XXXX-XX-XX", "P1D", "other shape"),  # gold fixes nothing
    ],
)
def test_gold_side_diagnosis_leaves_alone(
    text: str, gold_value: str, our_value: str, diagnosis: str
) -> None:
    scorer = Scorer()
    scorer.add(
        "d", text, [gold(text, text, "DATE", gold_value)], [ours(text, text, "DATE", our_value)]
    )
    (error,) = scorer.report().errors
    assert error.pattern().endswith(": " + diagnosis)
    assert error.gold_issue() is None


# DCT 1990-08-15, a Wednesday; the gold dates every weekday a week earlier.
WEEK_OFF = "The king met Monday and arrived Tuesday. He will meet Bush on Thursday, after Friday."
WEEK_OFF_GOLD = {"Monday": "1990-08-06", "Tuesday": "1990-08-07", "Thursday": "1990-08-09"}
WEEK_OFF_OURS = {"Monday": "1990-08-13", "Tuesday": "1990-08-14", "Thursday": "1990-08-16"}


def _week_off_scorer(days: Sequence[str], friday: tuple[str, str] | None = None) -> Scorer:
    scorer = Scorer()
    golds = [gold(WEEK_OFF, d, "DATE", WEEK_OFF_GOLD[d]) for d in days]
    mine = [ours(WEEK_OFF, d, "DATE", WEEK_OFF_OURS[d]) for d in days]
    if friday is not None:
        golds.append(gold(WEEK_OFF, "Friday", "DATE", friday[0]))
        mine.append(ours(WEEK_OFF, "Friday", "DATE", friday[1]))
    scorer.add("AP", WEEK_OFF, golds, mine)
    return scorer


def test_a_document_whose_weekdays_are_all_a_week_off_is_classed_by_the_gold() -> None:
    report = _week_off_scorer(["Monday", "Tuesday", "Thursday"]).report()
    assert [e.gold_issue() for e in report.errors] == ["gold_week_shifted"] * 3
    assert report.wrong_value_counts()["gold_week_shifted"] == 3
    assert report.overall.value_accuracy == 0.0  # the figures are left alone


def test_weekdays_a_week_off_are_ours_when_few_or_both_ways() -> None:
    two = _week_off_scorer(["Monday", "Tuesday"]).report()
    assert [e.gold_issue() for e in two.errors] == [None, None]
    both_ways = _week_off_scorer(
        ["Monday", "Tuesday", "Thursday"], friday=("1990-08-17", "1990-08-10")
    ).report()
    assert [e.gold_issue() for e in both_ways.errors] == [None] * 4


# One document per gold-side class and one wrong value that is ours; the last is right.
# Each: the gold text and value, and the value fake_issue_extract gives.
ISSUE_DOCS = {
    "C1": ("Wednesday", "1999-02-09", "1999-02-10"),  # gold contradicts its text
    "C2": ("this week", "2000-W6", "2000-W06"),  # gold not ISO
    "C3": ("last week", "1989-WXX", "1989-W43"),  # gold underspecified
    "C4": ("Friday", "1998-08-07", "1998-08-14"),  # ours: off by +7 days
    "C5": ("1998", "1998", "1998"),  # right
}


def issue_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "issues"
    root.mkdir(exist_ok=True)
    for doc_id, (span, value, _) in ISSUE_DOCS.items():
        (root / f"{doc_id}.tml").write_text(
            TML.format(
                id=doc_id,
                dct="1999-01-01",
                text=f'It was <TIMEX3 tid="t1" type="DATE" value="{value}">{span}</TIMEX3>.',
            )
        )
    return root


def fake_issue_extract(doc: TimeMLDocument) -> Sequence[TimexLike]:
    (t,) = doc.timexes
    return [TimeExpression(t.start, t.end, t.text, "DATE", ISSUE_DOCS[doc.id][2])]


def test_wrong_value_counts_by_gold_side_class(tmp_path: Path) -> None:
    report = evaluate([issue_corpus(tmp_path)], fake_issue_extract)
    assert report.wrong_value_counts() == {
        "gold_contradicts_text": 1,
        "gold_not_iso": 1,
        "gold_underspecified": 1,
        "gold_week_shifted": 0,
        "other": 1,
    }
    assert {e.document: e.gold_issue() for e in report.errors} == {
        "C1": "gold_contradicts_text",
        "C2": "gold_not_iso",
        "C3": "gold_underspecified",
        "C4": None,
    }


def test_gold_side_classes_leave_the_figures_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = evaluate([issue_corpus(tmp_path)], fake_issue_extract)
    s = report.overall
    # Values are right only when equal to the gold string: 1 of 5, whatever the gold's faults.
    assert (s.relaxed_f1, s.value_accuracy, s.value_f1) == (1.0, 0.2, 0.2)
    assert report.error_counts()["wrong_value"] == 4
    monkeypatch.setattr("timeline.evaluation.diagnosis.gold_issue", lambda *_: None)
    plain = evaluate([issue_corpus(tmp_path)], fake_issue_extract)
    assert plain.wrong_value_counts() == {
        "gold_contradicts_text": 0,
        "gold_not_iso": 0,
        "gold_underspecified": 0,
        "gold_week_shifted": 0,
        "other": 4,
    }
    assert plain.overall == report.overall
    assert plain.by_type == report.by_type
    assert plain.error_counts() == report.error_counts()


def test_run_eval_shows_gold_side_classes(tmp_path: Path) -> None:
    out = io.StringIO()
    run_eval(
        [issue_corpus(tmp_path)],
        False,
        "table",
        None,
        out,
        io.StringIO(),
        extract=fake_issue_extract,
    )
    lines = out.getvalue().splitlines()
    summary = lines.index(
        "errors: 0 miss, 0 false alarm, 0 wrong extent, 0 wrong type, 4 wrong value"
    )
    assert lines[summary + 1] == (
        "wrong values: 1 gold contradicts its text, 1 gold not ISO, 1 gold underspecified, "
        "0 gold weekdays a week off, 1 other"
    )

    out = io.StringIO()
    run_eval(
        [issue_corpus(tmp_path)], True, "json", None, out, io.StringIO(), extract=fake_issue_extract
    )
    data = json.loads(out.getvalue())
    assert data["error_counts"]["wrong_value"] == 4  # the existing fields stay
    assert data["wrong_value_counts"] == {
        "gold_contradicts_text": 1,
        "gold_not_iso": 1,
        "gold_underspecified": 1,
        "gold_week_shifted": 0,
        "other": 1,
    }
    assert [e["gold_issue"] for e in data["errors"]["wrong_value"]] == [
        "gold_contradicts_text",
        "gold_not_iso",
        "gold_underspecified",
        None,
    ]
    assert {p["pattern"] for p in data["patterns"]} == {
        "DATE 9999-99-99 -> 9999-99-99: gold contradicts its text (weekday)",
        "DATE 9999-W9 -> 9999-W99: gold not ISO (same as ours)",
        "DATE 9999-WXX -> 9999-W99: gold underspecified",
        "DATE 9999-99-99 -> 9999-99-99: off by +7 days",
    }


def test_each_document_is_scored_and_the_worst_comes_first(tmp_path: Path) -> None:
    report = evaluate([corpus(tmp_path)], fake_extract([]))
    ranked = [(name, s.gold, s.value_f1) for name, s in report.worst_documents()]
    assert ranked == [("A1", 1, 0.0), ("B1", 1, 1.0)]
    assert report.worst_documents(1) == report.worst_documents()[:1]
    # the documents add up to the whole
    assert sum(s.gold for s in report.by_document.values()) == report.overall.gold
    assert sum(s.relaxed_matches for s in report.by_document.values()) == (
        report.overall.relaxed_matches
    )


def test_run_eval_documents_in_table_and_json(tmp_path: Path) -> None:
    gold = corpus(tmp_path)
    out = io.StringIO()
    run_eval([gold], False, "table", None, out, extract=fake_extract([]), documents=True)
    lines = [line.split() for line in out.getvalue().splitlines()]
    assert "Documents, lowest value F1 first" in out.getvalue()
    rows = [line for line in lines if line[:1] in (["A1"], ["B1"])]
    assert rows == [
        ["A1", "1", "1", "100.0", "100.0", "0.0", "0.0"],
        ["B1", "1", "1", "100.0", "100.0", "100.0", "100.0"],
    ]

    out = io.StringIO()
    run_eval([gold], False, "json", None, out, extract=fake_extract([]), documents=True)
    data = json.loads(out.getvalue())
    assert [(d["document"], d["value_f1"]) for d in data["by_document"]] == [
        ("A1", 0.0),
        ("B1", 1.0),
    ]

    out = io.StringIO()
    run_eval([gold], False, "json", None, out, extract=fake_extract([]))
    assert "by_document" not in json.loads(out.getvalue())  # only when asked for


def test_a_document_with_nothing_to_find_and_nothing_found_is_not_ranked() -> None:
    scorer = Scorer()
    scorer.add("empty", "Nothing here.", [], [])
    scorer.add("noisy", "Now.", [], [TimeExpression(0, 3, "Now", "DATE", "PRESENT_REF")])
    report = scorer.report()
    assert set(report.by_document) == {"empty", "noisy"}
    assert [name for name, _ in report.worst_documents()] == ["noisy"]
