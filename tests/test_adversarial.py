"""Shapes of text made to stall or break the tool: its work stays linear, counted
in steps (`timeline.work`), and nothing it writes points outside the text.

hypothesis builds each shape from realistic pieces: one sentence that never
ends, thousands of dates in one clause, quotes and brackets nested hundreds
deep, one token repeated, scripts mixed, control characters, right-to-left
text, and TimeML files whose DCT is malformed. For each it asserts: no
exception, every offset inside the text (and the text there what is shown),
every value a TIMEX3 value, and work within a bound linear in the tokens and
the time expressions of the document.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.test_extraction_robust import _check
from timeline import sources, timeml, work
from timeline.models import Document, DocumentResult, Problem
from timeline.pipeline import Extractor

# Steps the analysis may take: a few per token (the tense of an expression
# walks up from it, a bounded window is scanned around it), a bounded number
# per time expression. Quadratic work (a scan of the sentence for each date)
# is thousands of times more on the long shapes.
STEPS_PER_TOKEN = 16  # a bounded number of passes look at each token (dates, undated events, ...)
STEPS_PER_TIMEX = 64

DATES = [
    "on Monday",
    "January 5, 2001",
    "2014",
    "last week",
    "Feb. 24 and 25, 2022",
    "5-6 December",
    "from Monday to Wednesday",
    "at the end of 1990",
    "early next year",
    "at 3 p.m. Friday",
    "two days later",
    "yesterday",
    "'98",
    "mid-2010",
    "the 1990s",
    "every Tuesday",
    "10 days before the shooting",
]
WORDS = [
    "the minister said",
    "that",
    "talks were held in Geneva",
    "NATO officials will meet in Brussels",
    "Russia invaded Ukraine",
    "Sherman told reporters",
    "the Geneva meeting",
    "and",
    ",",
    "which",
    "after",
    "because",
]
SCRIPTS = [
    "Переговоры в Женеве",
    "習近平主席と会談",
    "محادثات في جنيف يوم الاثنين",
    "שיחות בירושלים",
    "नई दिल्ली में वार्ता",
    "Συνομιλίες στην Αθήνα",
    "회담이 열렸다",
]
CONTROLS = [chr(c) for c in range(32) if chr(c) not in "\n\r\t"] + [
    "\x7f",
    "\x85",
    "\u200b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
]
# Marks that turn the direction of text: what a right-to-left page is full of.
BIDI = ["\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
OPENINGS = ["(", "[", "{", "“", "‘", "«", "``", '"', "'", "<"]
CLOSINGS = [")", "]", "}", "”", "’", "»", "''", '"', "'", ">"]

dates = st.sampled_from(DATES)
words = st.sampled_from(WORDS)


@st.composite
def endless_sentence(draw: st.DrawFn) -> str:
    """Clauses and dates, never a full stop: a transcript, a scraped list."""
    parts = draw(st.lists(st.one_of(words, dates), min_size=50, max_size=800))
    return " ".join(parts)


@st.composite
def dates_in_one_clause(draw: st.DrawFn) -> str:
    """Thousands of dates listed in one clause, then its verb."""
    listed = draw(st.lists(dates, min_size=100, max_size=1500))
    verb = draw(st.sampled_from(["the minister said.", "talks were held in Geneva.", ""]))
    return "On " + ", ".join(listed) + ", " + verb


@st.composite
def nested(draw: st.DrawFn) -> str:
    """Quotes and brackets nested hundreds deep around dates, closed or not."""
    depth = draw(st.integers(min_value=1, max_value=400))
    opening = draw(st.lists(st.sampled_from(OPENINGS), min_size=depth, max_size=depth))
    inner = " ".join(draw(st.lists(st.one_of(words, dates), min_size=1, max_size=10)))
    closing = [CLOSINGS[OPENINGS.index(o)] for o in reversed(opening)]
    if draw(st.booleans()):  # unbalanced: a page cut off
        closing = closing[: draw(st.integers(0, len(closing)))]
    joiner = draw(st.sampled_from(["", " ", " the minister said "]))
    return joiner.join(opening) + " " + inner + " " + joiner.join(closing)


@st.composite
def repeated(draw: st.DrawFn) -> str:
    """One token said over and over."""
    token = draw(
        st.sampled_from(["Monday", "2014", "the", "on", "said", "-", "'", '"', "((", ".", "\n"])
    )
    times = draw(st.integers(min_value=100, max_value=3000))
    sep = draw(st.sampled_from([" ", "", ", ", "\n"]))
    return sep.join([token] * times)


@st.composite
def mixed_scripts(draw: st.DrawFn) -> str:
    """Dates among other scripts, bidi marks and control characters."""
    pieces = st.one_of(
        dates,
        words,
        st.sampled_from(SCRIPTS),
        st.sampled_from(CONTROLS),
        st.sampled_from(BIDI),
        st.text(max_size=8),
    )
    sep = draw(st.sampled_from([" ", "", "\u202e", "\x00", ". "]))
    return sep.join(draw(st.lists(pieces, min_size=1, max_size=300)))


SHAPES = st.one_of(endless_sentence(), dates_in_one_clause(), nested(), repeated(), mixed_scripts())
ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _analysed(extractor: Extractor, document: Document) -> tuple[DocumentResult, int, int]:
    """The result, the steps its analysis took, and the tokens of the document."""
    doc = extractor.parse(document.text)
    from timeline.pipeline import analyse

    # A stall shows as a failure here, not as a suite that never ends.
    with work.limit(600) as budget:
        result = analyse(document, doc)
    return result, budget.steps, len(doc)


def _within_bound(result: DocumentResult, steps: int, tokens: int) -> None:
    bound = STEPS_PER_TOKEN * tokens + STEPS_PER_TIMEX * len(result.timexes) + 100
    assert steps <= bound, f"{steps:,} steps for {tokens:,} tokens, {len(result.timexes):,} timexes"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
@given(text=SHAPES, anchor=ANCHORS)
# found by this test: a verb of reporting a hundred times over, each walked up its chain
@example(text="said " * 100, anchor=None)
def test_adversarial_shapes(extractor: Extractor, text: str, anchor: date | None) -> None:
    document = Document("doc", text, "test", anchor, "option" if anchor else "none")
    result, steps, tokens = _analysed(extractor, document)
    _check(text, result)
    _within_bound(result, steps, tokens)


def test_work_grows_linearly_with_one_endless_sentence(extractor: Extractor) -> None:
    # The same words as one sentence and cut into sentences: the same work, give or take.
    one, cut = "the minister said on Monday that " * 600, "The minister said on Monday. " * 600
    steps = {}
    for name, text in (("one", one), ("cut", cut)):
        result, steps[name], tokens = _analysed(
            extractor, Document("d", text, "t", date(2022, 1, 10))
        )
        assert len(result.timexes) == 600
        _within_bound(result, steps[name], tokens)
    assert steps["one"] <= 2 * steps["cut"]


# ---------------------------------------------------------------- TimeML


DCT_VALUES = st.one_of(
    st.sampled_from(["1998-13-45", "1998-02-30", "19980230", "yesterday", "", "1998-W60", "X"]),
    st.text(max_size=20),
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(value=DCT_VALUES, body=st.one_of(endless_sentence(), nested(), dates_in_one_clause()))
def test_timeml_with_a_malformed_dct(
    extractor: Extractor, tmp_path_factory: pytest.TempPathFactory, value: str, body: str
) -> None:
    path: Path = tmp_path_factory.mktemp("tml") / "wire.tml"
    path.write_text(
        f'<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value={quoteattr(value)} '
        f'functionInDocument="CREATION_TIME">{escape(value)}</TIMEX3></DCT>'
        f"<TEXT>{escape(body)}</TEXT></TimeML>",
        encoding="utf-8",
    )
    items = list(sources.read([str(path)]))  # never raises: documents, problems, warnings
    documents = [i for i in items if isinstance(i, Document)]
    if not documents:  # not XML at all (a control character in the DCT): one problem
        (problem,) = items
        assert isinstance(problem, Problem) and not problem.kept
        return
    (document,) = documents
    dct = timeml._date_of(value) or timeml._date_of(value.strip())
    if dct is not None:
        assert (document.anchor, document.anchor_source) == (dct, "dct")
    elif value:  # read without it, and said so, naming the value
        (warning,) = [i for i in items if isinstance(i, Problem)]
        assert warning.kept and repr(value) in warning.message
    result, steps, tokens = _analysed(extractor, document)
    _check(document.text, result)
    _within_bound(result, steps, tokens)
