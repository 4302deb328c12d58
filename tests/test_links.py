"""Time links: every date names what it dates, as TimeML's event-time links do."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from timeline.models import DocumentResult, Span

Run = Callable[..., DocumentResult]
ANCHOR = date(2022, 1, 12)  # a Wednesday


def _dates(run: Run, text: str) -> list[tuple[str, str | None, str | None]]:
    result = run(text, ANCHOR)
    return [
        (t.text, t.dates.name if t.dates else None, t.dates.label if t.dates else None)
        for t in result.timexes
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date of no timeline event dates its verb all the same
        ("Shares of the airline fell 3 percent on Friday.", ("Friday", "fell", "OCCURRENCE")),
        # a support verb gives way to the event its object names
        (
            "The carmaker had a loss of $40 million in the third quarter.",
            ("the third quarter", "loss", "OCCURRENCE"),
        ),
        # a light verb lends its clause to the event noun: the talks are dated
        ("The two ministers held talks in Oslo on Monday.", ("Monday", "talks", "OCCURRENCE")),
        # a bare date hung on a verb's object dates the verb
        (
            "Police found 600 kilograms of explosives Sunday in a shed.",
            ("Sunday", "found", "OCCURRENCE"),
        ),
        # a date of a report dates the report
        (
            "The central bank raised rates, its governor told reporters on Tuesday.",
            ("Tuesday", "told", "REPORTING"),
        ),
    ],
)
def test_a_date_dates_the_predicate_it_modifies(
    run: Run, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _dates(run, text)


def test_a_date_dating_a_timeline_event_dates_its_trigger(run: Run) -> None:
    result = run("The envoys will meet in Vienna on Thursday.", ANCHOR)
    (event,) = result.events
    (thursday,) = result.timexes
    assert thursday.dates == Span("meet", event.trigger.start, event.trigger.end, "OCCURRENCE")


@pytest.mark.parametrize(
    "text",
    [
        "Production will stay below the 1987 level.",  # the date says which level
        "The negotiators talked for three hours.",  # a duration dates nothing
    ],
)
def test_a_date_that_dates_no_predicate_has_no_link(run: Run, text: str) -> None:
    assert all(dates is None for _, dates, _ in _dates(run, text))


def test_the_link_is_in_the_json_and_reads_back(run: Run) -> None:
    import json

    from timeline.models import Timeline

    result = run("Shares of the airline fell 3 percent on Friday.", ANCHOR)
    text = Timeline(documents=(result,), events=result.events).to_json()
    (timex,) = json.loads(text)["documents"][0]["timexes"]
    assert timex["dates"] == {"name": "fell", "class": "OCCURRENCE", "start": 22, "end": 26}
    back = Timeline.from_json(text)  # checked against the schema
    assert back.documents[0].timexes[0].dates == Span("fell", 22, 26, "OCCURRENCE")


def test_a_bare_date_the_parser_hangs_on_an_object_dates_its_verb() -> None:
    # "Kuchma signed the plan Friday" as a parser may give it: "Friday" on "plan"
    import spacy
    from spacy.tokens import Doc

    from timeline.events.links import with_links
    from timeline.models import TimeExpression

    doc = Doc(
        spacy.blank("en").vocab,
        words=["Kuchma", "signed", "the", "plan", "Friday", "."],
        pos=["PROPN", "VERB", "DET", "NOUN", "PROPN", "PUNCT"],
        tags=["NNP", "VBD", "DT", "NN", "NNP", "."],
        deps=["nsubj", "ROOT", "det", "dobj", "npadvmod", "punct"],
        heads=[1, 1, 3, 1, 3, 1],
        lemmas=["Kuchma", "sign", "the", "plan", "Friday", "."],
    )
    friday = TimeExpression(25, 31, "Friday", "DATE", "2022-01-07")
    (linked,) = with_links(doc, [friday], [])
    assert linked.dates == Span("signed", 7, 13, "OCCURRENCE")


def test_each_date_of_one_event_dates_its_own_word() -> None:
    # the seed tells the 2014 invasion twice; its event's trigger is the second
    # telling's "invaded", yet "as it did in 2014" dates the word of its own sentence
    from pathlib import Path

    from timeline.models import Document
    from timeline.pipeline import Extractor

    seed = next(Path(__file__).parent.parent.joinpath("seeds").glob("*.txt"))
    text = seed.read_text(encoding="utf-8")
    result = Extractor().process(Document("seed", text, str(seed), date(2022, 1, 10), "option"))
    (invasion,) = [e for e in result.events if e.date == "2014"]
    assert invasion.trigger.name == "invaded"
    first = text.index("as it did in 2014") + len("as it did in ")
    (tx,) = [t for t in result.timexes if t.start == first]
    assert tx.dates is not None and tx.dates.name == "invades"
    assert text.rindex(".", 0, first) < tx.dates.start < first  # in its own sentence
