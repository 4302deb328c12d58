"""The extraction on any text: it never raises, every offset points into the
text, every value is a TIMEX3 value; long texts are split, not refused; many
dated mentions cost time linear in their number."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline import pipeline, timex
from timeline.models import Document, DocumentResult
from timeline.pipeline import Extractor, split_points

# Pieces that make the text worth analysing: dates, events, places, line ends.
FRAGMENTS = [
    " on Monday",
    " January 5, 2001",
    " 2014",
    " last week",
    " two days later",
    " next Tuesday at 3 p.m.",
    " the 1990s",
    " every year",
    " held talks in Geneva",
    " will meet in Brussels",
    " the Geneva meeting",
    " Russia invaded Ukraine",
    " Sherman told reporters",
    ".",
    "\n\n",
    "\r\n",
    " ",
    "\u2028",
    "\x00",
    "\ufeff",
    "—",
    "mid-",
    "'98",
    "Q3 ",
]
TEXTS = st.lists(st.one_of(st.text(max_size=20), st.sampled_from(FRAGMENTS)), max_size=30).map(
    "".join
)
ANCHORS = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _check(text: str, result: DocumentResult) -> None:
    n = len(text)

    def inside(start: int, end: int, shown: str) -> None:
        assert 0 <= start <= end <= n
        assert text[start:end] == shown

    for tx in result.timexes:
        inside(tx.start, tx.end, tx.text)
        assert timex.is_valid(tx.value), tx
    for event in result.events:
        assert event.date is None or timex.is_valid(event.date), event.date
        inside(event.start, event.end, event.sentence)
        inside(event.trigger.start, event.trigger.end, event.trigger.name)
        for actor in event.actors:  # its name may be the fullest the text gives: its words are here
            inside(actor.start, actor.end, actor.text)
        if event.location is not None:  # a dateline's city is named in the case a sentence writes
            place = event.location
            assert 0 <= place.start <= place.end <= n
            assert text[place.start : place.end].casefold() == place.name.casefold()
        for mention in event.mentions:
            inside(mention.start, mention.end, mention.text)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=TEXTS, anchor=ANCHORS)
def test_any_text_any_anchor(extractor: Extractor, text: str, anchor: date | None) -> None:
    doc = Document("doc", text, "test", anchor, "option" if anchor else "none")
    _check(text, extractor.process(doc))


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\n\n",
        "\x00\x01\x02",
        "On Monday.",
        "January 5, 2001 " * 300,  # a run of dates spaCy takes for one entity
        "On" + " Monday" * 500,
        "x" * 5000 + " on May 5, 2010 talks in Paris",  # one token longer than a piece
    ],
)
def test_strange_texts(extractor: Extractor, text: str) -> None:
    for anchor in (None, date(2022, 1, 10)):
        _check(text, extractor.process(Document("doc", text, "test", anchor)))


def test_a_run_of_dates_is_many_expressions_not_one(extractor: Extractor) -> None:
    text = "January 5, 2001 " * 300
    result = extractor.process(Document("doc", text, "test", date(2022, 1, 10)))
    assert len(result.timexes) == 300
    assert {t.value for t in result.timexes} == {"2001-01-05"}


# ---------------------------------------------------------------- long documents


def test_split_points_cut_at_the_best_boundary_in_reach() -> None:
    para = "A sentence here. Another one follows.\n\n"
    text = para * 100
    cuts = split_points(text, 500)
    assert cuts[-1] == len(text)
    starts = [0, *cuts[:-1]]
    assert all(0 < b - a <= 500 for a, b in zip(starts, cuts, strict=True))
    assert all(text[c - 2 : c] == "\n\n" for c in cuts[:-1])  # after a blank line
    assert split_points("x" * 1200, 500) == [500, 1000, 1200]  # no white space: cut hard
    lines = "One line without a stop\n" * 60
    assert all(lines[c - 1] == "\n" for c in split_points(lines, 500)[:-1])
    assert split_points("short", 500) == [5]


def test_a_text_longer_than_spacys_limit_is_processed_with_true_offsets(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraph = (
        "Officials held talks in Geneva on Monday. The ministers will meet in Brussels "
        "on January 12, 2022, and a summit follows in Vienna on Thursday.\r\n\r\n"
    )
    text = "GENEVA, Jan. 10, 2022 --\n\n" + paragraph * 40
    whole = extractor.process(Document("doc", text, "test", date(2022, 1, 10)))
    # Now spaCy refuses anything over 2,000 characters: the text goes in pieces.
    monkeypatch.setattr(extractor.nlp, "max_length", 2000)
    assert len(split_points(text, 2000)) > 3
    split = extractor.process(Document("doc", text, "test", date(2022, 1, 10)))
    _check(text, split)
    assert [(t.start, t.end, t.value) for t in split.timexes] == [
        (t.start, t.end, t.value) for t in whole.timexes
    ]
    assert sorted(e.date or "" for e in split.events) == sorted(e.date or "" for e in whole.events)
    # The batch path cuts the same way.
    (batched,) = list(extractor.process_many([Document("doc", text, "test", date(2022, 1, 10))]))
    assert batched.timexes == split.timexes and batched.events == split.events


def test_batches_are_bounded_in_text(monkeypatch: pytest.MonkeyPatch) -> None:
    docs = [Document(f"d{k}", "word " * 100, "test") for k in range(10)]
    batches = list(pipeline._batches(pipeline._pieces(docs, 10_000), 32, 1200))
    assert [len(b) for b in batches] == [2, 2, 2, 2, 2]
    assert [p.document.id for b in batches for p in b] == [d.id for d in docs]


# ---------------------------------------------------------------- many mentions


def _repeated(extractor: Extractor, sentence: str, times: int) -> tuple[Document, object]:
    """A document of one parsed sentence repeated: a real Doc, without parsing it all."""
    from spacy.tokens import Doc

    one = extractor.nlp(sentence)
    doc = Doc.from_docs([one] * times, ensure_whitespace=False, exclude=["user_data"])
    return Document("doc", doc.text, "test", date(2022, 1, 10)), doc


@pytest.mark.parametrize(
    ("sentence", "times"),
    [
        ("On Monday they met in Paris. ", 20_000),
        ("Talks were held in Oslo on January 5, 2001. ", 5000),
    ],
)
def test_tens_of_thousands_of_dated_mentions(
    extractor: Extractor, sentence: str, times: int
) -> None:
    # Quadratic merging or overlap resolution would take hours here; linear takes seconds.
    document, doc = _repeated(extractor, sentence, times)
    result = pipeline.analyse(document, doc)  # type: ignore[arg-type]
    assert len(result.timexes) == times
    (event,) = result.events  # one event, said `times` times
    assert len(event.mentions) == times
    assert document.text[event.start : event.end] == event.sentence


@pytest.mark.parametrize("anchor", [date(1, 1, 1), date(1000, 1, 1), date(9999, 12, 31), None])
def test_calendar_edges(extractor: Extractor, anchor: date | None) -> None:
    # Days before the year 1 or after 9999 have no value: such expressions are left out.
    text = (
        "Talks were held yesterday and tomorrow, last week and this weekend; they resume "
        "next Tuesday, two days later, on January 5, and in FY99. 5000000 days later, the "
        "following decade, three centuries ago, 12345678901234567890 years ago."
    )
    _check(text, extractor.process(Document("doc", text, "test", anchor)))


def test_lone_surrogates_do_not_reach_spacy(extractor: Extractor) -> None:
    text = "Talks in Rome\udfff on May 5, 2010.\ud800"
    result = extractor.process(Document("doc", text, "test"))
    assert [t.text for t in result.timexes] == ["May 5, 2010"]
    assert [(e.start, e.end) for e in result.events] == [(0, len(text) - 1)]
