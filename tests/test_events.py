"""Events around dated expressions: trigger, type, actors, place, status, merging."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from timeline.models import DocumentResult, Event

ANCHOR = date(2022, 1, 10)  # a Monday


def _one(run: Callable[..., DocumentResult], text: str) -> Event:
    events = run(text, ANCHOR).events
    assert len(events) == 1, [(e.date, e.trigger.name, e.summary) for e in events]
    return events[0]


@pytest.mark.parametrize(
    ("text", "trigger", "kind"),
    [
        ("Foreign ministers held talks in Geneva on Monday.", "talks", "talks"),
        ("Putin and Biden met in Helsinki on July 16, 2018.", "met", "meeting"),
        ("The prime minister will visit Berlin on Thursday.", "visit", "visit"),
        ("Biden and Xi spoke by phone on Tuesday.", "phone", "phone_call"),
        ("The two sides signed a peace agreement on Friday.", "signed", "agreement"),
        ("The EU imposed new sanctions on Russia on Friday.", "sanctions", "sanction"),
        ("Russia invaded Ukraine on February 24, 2022.", "invaded", "military"),
        ("Voters go to the polls in a referendum on Sunday.", "referendum", "election"),
        ("A court in Paris indicted the former minister on Friday.", "indicted", "legal"),
        ("Tehran threatened retaliation on Saturday.", "threatened", "demand"),
        (
            "The spokesman told reporters at a news conference on Friday that nothing changed.",
            "conference",
            "statement",
        ),
    ],
)
def test_event_type_from_trigger(
    run: Callable[..., DocumentResult], text: str, trigger: str, kind: str
) -> None:
    event = _one(run, text)
    assert (event.trigger.name, event.type) == (trigger, kind)
    assert text[event.trigger.start : event.trigger.end] == trigger


def test_place_is_where_the_event_happens(run: Callable[..., DocumentResult]) -> None:
    event = _one(run, "Sherman will hold consultations in Brussels with NATO officials on Tuesday.")
    assert event.location is not None and event.location.name == "Brussels"
    assert (event.date, event.status) == ("2022-01-11", "planned")
    assert {"Sherman", "NATO"} <= {a.name for a in event.actors}


def test_a_place_inside_another_clause_is_not_the_place(run: Callable[..., DocumentResult]) -> None:
    event = _one(run, "Officials held talks on Monday to avoid war in Ukraine.")
    assert event.type == "talks"
    assert event.location is None


def test_status_follows_the_date_and_the_tense(run: Callable[..., DocumentResult]) -> None:
    events = run(
        "The leaders met in Rome on Friday. They will meet again in Madrid on Thursday.", ANCHOR
    ).events
    assert [(e.date, e.status, e.location.name if e.location else None) for e in events] == [
        ("2022-01-07", "occurred", "Rome"),
        ("2022-01-13", "planned", "Madrid"),
    ]


def test_durations_and_sets_make_no_events(run: Callable[..., DocumentResult]) -> None:
    result = run("The talks lasted eight hours. The council meets every week.", ANCHOR)
    assert [t.type for t in result.timexes] == ["DURATION", "SET"]
    assert result.events == ()


def test_two_mentions_of_one_date_and_kind_are_one_event(
    run: Callable[..., DocumentResult],
) -> None:
    text = (
        "Russia invaded in 2014 and annexed Crimea. "
        "Officials fear that Russia will do what it did in 2014, when it invaded its neighbour."
    )
    events = [e for e in run(text, ANCHOR).events if e.date == "2014"]
    assert len(events) == 1
    assert [m.text for m in events[0].mentions] == ["2014", "2014"]


def test_a_back_reference_gives_the_place(run: Callable[..., DocumentResult]) -> None:
    text = (
        "Negotiators held talks on Monday but made little progress. "
        "The head of the delegation to the Vienna talks declined to comment."
    )
    event = _one(run, text)
    assert event.location is not None and event.location.name == "Vienna"
    assert [m.text for m in event.mentions] == ["Monday", "talks"]


def test_offsets_point_into_the_text(run: Callable[..., DocumentResult]) -> None:
    text = "\n\nHEADLINE\n\nDiplomats from France and Germany met in Minsk on 12 February 2015."
    event = _one(run, text)
    assert text[event.start : event.end] == event.sentence
    assert event.sentence.startswith("Diplomats")
    for span in (event.trigger, event.location, *event.actors):
        assert span is not None and text[span.start : span.end] == span.name
    assert event.date == "2015-02-12" and event.granularity == "day"


def test_summaries_read_as_a_line(run: Callable[..., DocumentResult]) -> None:
    text = (
        "Russian and American negotiators held talks in Geneva on Monday. "
        "Russia invaded Ukraine in 2014. "
        "Lavrov said on Friday that nothing had changed. "
        "Ministers from France and Germany held talks on January 3."
    )
    assert [e.summary for e in run(text, ANCHOR).events] == [
        "Talks in Geneva",
        "Russia invaded Ukraine",
        "Lavrov said",
        "Talks between France and Germany",
    ]


def test_the_event_a_date_counts_from_is_not_the_event_it_dates(
    run: Callable[..., DocumentResult],
) -> None:
    text = (
        "The NATO summit in Vilnius opened on July 11, 2023. On the eve of the summit, "
        "Turkey agreed to back Sweden's bid. On the second day of the summit, allied "
        "leaders met the Ukrainian president."
    )
    events = run(text, date(2023, 7, 13)).events
    got = sorted((e.date, e.date_text, e.trigger.name) for e in events)
    assert got == [
        ("2023-07-10", "the eve", "agreed"),
        ("2023-07-11", "July 11, 2023", "summit"),
        ("2023-07-12", "the second day", "met"),
    ]


def test_a_dateline_is_no_event_and_no_subject(run: Callable[..., DocumentResult]) -> None:
    text = "DOHA, March 5 (Reuters) - Negotiators returned to Doha on Tuesday for talks."
    events = run(text, date(2024, 3, 5)).events
    got = [(e.date, e.date_text, e.trigger.name, [a.name for a in e.actors]) for e in events]
    # Without the cut the event took its date from the dateline's "March 5" and DOHA as actor.
    assert got == [("2024-03-05", "Tuesday", "talks", [])]


def test_a_place_after_to_or_in_is_no_actor(run: Callable[..., DocumentResult]) -> None:
    text = "Negotiators returned to Doha on Tuesday for a new round of ceasefire talks."
    (event,) = run(text, date(2024, 3, 5)).events
    assert (event.summary, event.actors) == ("Negotiators returned", ())  # Doha was an actor
