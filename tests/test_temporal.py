"""Temporal expressions in context: the expression in [brackets], its TIMEX3 type and value.

The cases are data (tests/data/timex_cases.tsv): adding one is one line. The
type NONE marks words that must not be tagged at all (ages, verbs, modals).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from timeline import temporal, timex
from timeline.models import DocumentResult

CASES = Path(__file__).parent / "data" / "timex_cases.tsv"


def _cases() -> list[tuple[str, str, str, str, str | None]]:
    """Rows of anchor (a day, or "none"), marked text, type, value and, optionally,
    what the value counts from: "document", "-" (nothing: an absolute value), or
    the text of the earlier expression it counts from."""
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        anchor, text, kind, value, *counted = line.split("\t")
        text = text.replace("\\n", "\n")  # a paragraph break, written \n in the table
        rows.append((anchor, text, kind, value, counted[0] if counted else None))
    return rows


def _anchor(day: str) -> date | None:
    return None if day == "none" else date.fromisoformat(day)


@pytest.mark.parametrize(
    ("anchor", "marked", "kind", "value", "counts_from"), _cases(), ids=lambda v: str(v)[:40]
)
def test_timex_in_context(
    run: Callable[..., DocumentResult],
    anchor: str,
    marked: str,
    kind: str,
    value: str,
    counts_from: str | None,
) -> None:
    start = marked.index("[")
    end = marked.index("]") - 1
    text = marked.replace("[", "").replace("]", "")
    result = run(text, _anchor(anchor))
    everything = [(t.text, t.start, t.end, t.type, t.value, t.anchor) for t in result.timexes]
    if kind == "NONE":  # not a temporal expression: nothing may overlap it
        assert not [t for t in result.timexes if t.start < end and start < t.end], everything
        return
    found = [t for t in result.timexes if t.start == start and t.end == end]
    assert [(t.text, t.type, t.value) for t in found] == [(text[start:end], kind, value)], (
        everything
    )
    if counts_from is not None:
        expected = {"document": "document", "-": None}.get(counts_from, text.find(counts_from))
        assert found[0].anchor == expected, everything


def test_without_anchor_relative_values_are_underspecified(
    run: Callable[..., DocumentResult],
) -> None:
    result = run("Talks were held on Monday and will resume on Tuesday, as in 2014.")
    got = [(t.text, t.value, t.resolved) for t in result.timexes]
    assert got == [
        ("Monday", "XXXX-WXX-1", False),
        ("Tuesday", "XXXX-WXX-2", False),
        ("2014", "2014", True),
    ]
    mon, tue = result.timexes[0], result.timexes[1]
    assert mon.sort_key is not None and tue.sort_key == mon.sort_key + 1


def test_without_anchor_a_day_shift_keeps_its_extent() -> None:
    got = [(t.text, t.value) for t in temporal.extract("He arrives the day after tomorrow.", None)]
    assert got == [("the day after tomorrow", "XXXX-XX-XX")]


def test_narrative_time_counts_from_the_last_date_reached() -> None:
    text = (
        "On June 6, 1944 the Allies landed. Two days later they took Bayeux. "
        "The following year the war ended."
    )
    got = [(t.text, t.value) for t in temporal.extract(text, None)]
    assert got == [
        ("June 6, 1944", "1944-06-06"),
        ("Two days later", "1944-06-08"),
        ("The following year", "1945"),
    ]


def test_days_counted_from_an_event_need_its_date_not_the_anchor() -> None:
    text = (
        "Dr. Slepian was shot on Oct. 23, 1998 in his kitchen. Police came back "
        "the day after the shooting. Talks were held the day after the summit."
    )
    got = [(t.text, t.value, t.resolved) for t in temporal.extract(text, None)]
    # the summit was never dated: nothing to count from, so nothing is tagged
    assert got == [("Oct. 23, 1998", "1998-10-23", True), ("the day", "1998-10-24", True)]


def test_spacy_date_entities_with_a_year_are_normalised() -> None:
    text = "It happened on March the 3rd, 1999 in Rome."
    # spaCy's span may end in white space; the expression does not
    got = temporal.extract(text, date(2000, 1, 1), entities=[(15, 35, "DATE")])
    assert [(t.text, t.value) for t in got] == [("March the 3rd, 1999", "1999-03-03")]


def test_dotted_numbers_are_not_clock_times() -> None:
    assert [
        t.text for t in temporal.extract("Filed as 1999.03.03 in Rome.", date(2000, 1, 1))
    ] == []
    got = temporal.extract("They met at 3.30 p.m. in Rome.", date(2000, 1, 1))
    assert [(t.text, t.value) for t in got] == [("3.30 p.m.", "2000-01-01T15:30")]


def test_numbers_and_money_are_not_years() -> None:
    text = "They moved 100,000 troops and paid $2014 for 2014 tonnes, a 1999% rise."
    assert [t.text for t in temporal.extract(text, date(2022, 1, 10))] == []


@pytest.mark.parametrize("anchored", [True, False])
def test_every_value_is_a_timex3_value(anchored: bool) -> None:
    """Across all the table's texts, with and without an anchor, values are well formed
    and offsets point at the text."""
    for anchor, marked, *_ in _cases():
        text = marked.replace("[", "").replace("]", "")
        for t in temporal.extract(text, _anchor(anchor) if anchored else None):
            assert text[t.start : t.end] == t.text
            assert timex.is_valid(t.value), (text, t.text, t.value)
            # an anchored value is resolved, unless the anchor is not what it counts
            # from (a quotation in a history): then it is written underspecified
            assert t.resolved or not anchored or _anchor(anchor) is None or "X" in t.value


def test_without_anchor_relative_periods_stay_underspecified() -> None:
    text = "Profit rose in the quarter. Talks resume over the weekend, by year-end at the latest."
    got = {t.text: (t.value, t.resolved) for t in temporal.extract(text, None)}
    assert got["the quarter"] == ("XXXX-QX", False)
    assert got["the weekend"] == ("XXXX-WXX-WE", False)
    assert got["year-end"] == ("XXXX", False)


def test_without_anchor_a_day_before_or_after_keeps_what_is_known() -> None:
    got = [
        (t.text, t.value, t.resolved)
        for text in (
            "Talks resume the day after Tuesday's vote.",
            "He left the day before Christmas.",
            "He left the day before Easter.",
        )
        for t in temporal.extract(text, None)
    ]
    assert got == [
        ("the day after Tuesday", "XXXX-WXX-3", False),
        ("the day before Christmas", "XXXX-12-24", False),
        ("the day before Easter", "XXXX-XX-XX", False),
    ]


def test_a_range_counted_back_or_on_is_one_expression_at_least_the_nearer() -> None:
    text = "The pipe burst two to three weeks ago. Repairs began 5-10 days ago."
    got = [(t.text, t.value, t.mod) for t in temporal.extract(text, date(2013, 3, 22))]
    assert got == [
        ("two to three weeks ago", "2013-W10", "ON_OR_BEFORE"),
        ("5-10 days ago", "2013-03-17", "ON_OR_BEFORE"),
    ]
    text = "The armistice came on 11 November 1918. Two or three days later they went home."
    got = [(t.text, t.value, t.mod) for t in temporal.extract(text, None)]
    assert got[1] == ("Two or three days later", "1918-11-13", "ON_OR_AFTER")
    # a range that runs backwards is no range: it is not read as one
    texts = [t.text for t in temporal.extract("He left nine to two days ago.", None)]
    assert "nine to two days ago" not in texts


# --- quotations, read once ---------------------------------------------------------------

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _quoted_by_scanning(text: str, at: int) -> bool:
    """The definition: an odd number of straight quotes, or more opening than closing
    marks, between the line's start and `at`."""
    line = text[text.rfind("\n", 0, at) + 1 : at]
    return (
        line.count('"') % 2 == 1
        or line.count("“") > line.count("”")
        or line.count("``") > line.count("''")
    )


@given(st.text(alphabet="ab \"“”`'\n", max_size=60))
def test_whether_an_offset_is_quoted_is_read_from_an_index_as_a_scan_would(text: str) -> None:
    from timeline.temporal.quotes import Quotes

    quotes = Quotes(text)
    assert [quotes.quoted(at) for at in range(len(text) + 1)] == [
        _quoted_by_scanning(text, at) for at in range(len(text) + 1)
    ]


def test_a_history_quoted_tonight_is_the_speakers_day_not_the_download_day() -> None:
    # a history saved in 2009: "tonight" in a quotation is the speaker's night, unknown
    story = (
        "In 1941 the war widened. In 1942 the tide turned. In 1943 the plans were drawn. "
        "In 1944 the landings began. In 1945 the war ended. By 1946 the armies had gone home. "
    )
    saved = date(2009, 12, 19)
    quoted = temporal.extract(story + 'Eisenhower said, "We attack tonight."', saved)[-1]
    told = temporal.extract(story + "Eisenhower attacked tonight.", saved)[-1]
    assert (quoted.text, quoted.value, quoted.resolved) == ("tonight", "XXXX-XX-XXTNI", False)
    assert (told.value, told.resolved) == ("2009-12-19TNI", True)
