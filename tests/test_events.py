"""Events: the predicate a date modifies, attribution, participants, places, PLOVER, summaries.

Each test is a sentence of the kind wire copy is written in, and the exact event out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Token

from timeline.models import DocumentResult, Event
from timeline.pipeline import Extractor

ANCHOR = date(2022, 1, 10)  # a Monday

Run = Callable[..., DocumentResult]


def _one(run: Run, text: str, anchor: date = ANCHOR) -> Event:
    events = run(text, anchor).events
    assert len(events) == 1, [(e.date, e.trigger.name, e.summary) for e in events]
    return events[0]


def _rows(run: Run, text: str, anchor: date = ANCHOR) -> list[tuple[str | None, str, str]]:
    return [(e.date, e.type, e.summary) for e in run(text, anchor).events]


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "plover"),
    [
        ("Foreign ministers held talks in Geneva on Monday.", "talks", "talks", "CONSULT"),
        ("Putin and Biden met in Helsinki on July 16, 2018.", "met", "meeting", "CONSULT"),
        ("The prime minister visited Berlin on Thursday.", "visited", "visit", "CONSULT"),
        ("Biden and Xi spoke by phone on Tuesday.", "spoke", "phone_call", "CONSULT"),
        ("The two sides signed a peace agreement on Friday.", "agreement", "agreement", "AGREE"),
        ("The EU imposed new sanctions on Russia on Friday.", "imposed", "sanction", "SANCTION"),
        ("Russia invaded Ukraine on February 24, 2022.", "invaded", "military", "ASSAULT"),
        ("Voters go to the polls in a referendum on Sunday.", "referendum", "election", None),
        ("A court in Paris indicted the former minister on Friday.", "indicted", "legal", "ACCUSE"),
        ("Tehran threatened retaliation on Saturday.", "threatened", "demand", "THREATEN"),
        (
            "The government rejected the rebels' demands on Friday.",
            "rejected",
            "statement",
            "REJECT",
        ),
        ("Police arrested three opposition leaders on Sunday.", "arrested", "legal", "COERCE"),
        ("The army withdrew from the border town on Saturday.", "withdrew", "military", "RETREAT"),
        (
            "Spokesman Ned Price told reporters at a news conference on Friday that nothing had changed.",
            "told",
            "statement",
            None,
        ),
    ],
)
def test_type_and_plover_from_the_predicate(
    run: Run, text: str, trigger: str, kind: str, plover: str | None
) -> None:
    event = _one(run, text)
    assert (event.trigger.name, event.type, event.plover) == (trigger, kind, plover)
    assert text[event.trigger.start : event.trigger.end] == trigger


def test_two_dates_on_two_predicates_are_two_events(run: Run) -> None:
    text = "The envoy arrived in Cairo on Sunday and signed the accord on Tuesday."
    got = [(e.date, e.type, e.trigger.name) for e in run(text, date(2022, 1, 12)).events]
    assert got == [("2022-01-09", "visit", "arrived"), ("2022-01-11", "agreement", "accord")]


def test_a_reported_event_carries_its_report_and_the_report_is_no_row(run: Run) -> None:
    text = "The two foreign ministers will meet in Oslo on Wednesday, a senior official said on Friday."
    event = _one(run, text, date(2022, 1, 14))
    assert (event.date, event.status, event.trigger.name) == ("2022-01-19", "planned", "meet")
    assert event.location is not None and event.location.name == "Oslo"
    assert [(r.by, r.date, r.date_text, r.trigger.name) for r in event.reported] == [
        ("senior official", "2022-01-14", "Friday", "said")
    ]
    assert event.summary == "The two foreign ministers to meet in Oslo"


def test_a_deed_a_named_speaker_announces_as_done_is_the_event(run: Run) -> None:
    text = "Sahnoun announced in Cape Town on Thursday that Mobutu and Kabila had agreed to meet."
    event = _one(run, text)
    assert (event.date, event.type, event.summary) == (
        "2022-01-06",
        "agreement",
        "Mobutu and Kabila agreed to meet in Cape Town",
    )
    assert [a.name for a in event.actors] == ["Mobutu", "Kabila"]
    assert event.location is not None and event.location.name == "Cape Town"
    assert [(r.by, r.date, r.trigger.name) for r in event.reported] == [
        ("Sahnoun", "2022-01-06", "announced")
    ]


def test_what_a_speaker_says_may_be_done_stays_the_speakers_statement(run: Run) -> None:
    event = _one(
        run, "The minister announced on Thursday that troops could be deployed within days."
    )
    assert (event.date, event.type) == ("2022-01-06", "statement")
    assert event.summary == "The minister announced troops could be deployed"


def test_attribution_to_an_unnamed_source_is_no_event(run: Run) -> None:
    text = "The official told reporters on Monday that the envoys had met in Vienna on Sunday."
    event = _one(run, text)
    assert (event.date, event.trigger.name, event.location and event.location.name) == (
        "2022-01-09",
        "met",
        "Vienna",
    )
    assert [r.by for r in event.reported] == ["The official"]


@pytest.mark.parametrize(
    "text",
    [
        # what unnamed sources say may come has no day, and the report's is not its
        "The talks could collapse, diplomats said on Friday.",
        "The rebels would no longer recognise the ceasefire, sources said on Friday.",
    ],
)
def test_what_unnamed_sources_say_may_happen_is_no_event(run: Run, text: str) -> None:
    assert not run(text, ANCHOR).events


def test_what_unnamed_sources_say_happened_is_dated_by_their_report(run: Run) -> None:
    event = _one(run, "The talks have collapsed, diplomats said on Friday.")
    assert (event.date, event.status, event.summary) == (
        "2022-01-07",
        "occurred",
        "The talks collapsed",
    )


def test_a_statement_is_about_the_states_and_people_its_words_name(run: Run) -> None:
    event = _one(
        run, "The Foreign Ministry said on Tuesday that Norway will send food aid to Somalia."
    )
    assert event.type == "statement"
    assert [(a.name, a.role) for a in event.actors] == [
        ("Foreign Ministry", "source"),
        ("Norway", "target"),
        ("Somalia", "target"),
    ]
    event = _one(run, "Lavrov said on Friday that Blinken had misled the Ukrainian government.")
    assert [(a.name, a.role) for a in event.actors] == [
        ("Lavrov", "source"),
        ("Blinken", "target"),
        ("Ukrainian government", "target"),
        ("Ukraine", "target"),
    ]


def test_whom_a_speaker_says_he_is_ready_to_meet_is_a_party_of_the_statement(run: Run) -> None:
    event = _one(run, "On Wednesday, Lavrov said he was ready to meet Blinken in Geneva.")
    assert [(a.name, a.role) for a in event.actors] == [("Lavrov", "source"), ("Blinken", "target")]


def test_whom_a_thing_is_handed_over_to_is_a_party_not_a_place(run: Run) -> None:
    event = _one(run, "The United States sold fighter jets to Taiwan on Friday.")
    assert [(a.name, a.role) for a in event.actors] == [
        ("United States", "source"),
        ("Taiwan", "target"),
    ]
    assert event.location is None or event.location.name != "Taiwan"


def test_a_demand_is_made_of_whom_its_words_name(run: Run) -> None:
    event = _one(
        run, "On Friday, China demanded that the United States cancel the arms sale to Taiwan."
    )
    assert (event.type, [(a.name, a.role) for a in event.actors]) == (
        "demand",
        [("China", "source"), ("United States", "target")],
    )


def test_a_company_a_statement_names_is_its_subject_matter_not_its_party(run: Run) -> None:
    event = _one(run, "Lavrov said on Friday that Airbus would close its plant in Toulouse.")
    assert [(a.name, a.role) for a in event.actors] == [("Lavrov", "source")]


def test_a_described_speaker_named_in_apposition_is_named(run: Run) -> None:
    # the name stands beside a description ("the king's nephew and adviser"), and
    # the summary says who spoke by it
    event = _one(
        run,
        "On Friday, the king's nephew and adviser Obiang Nsue said his uncle "
        "did not want to attend the summit.",
    )
    assert (event.type, event.date, event.summary) == (
        "statement",
        "2022-01-07",
        "Obiang Nsue said his uncle did not want to attend the summit",
    )
    assert [(a.name, a.role) for a in event.actors] == [("Obiang Nsue", "source")]


def test_an_abbreviation_in_apposition_does_not_replace_its_description(run: Run) -> None:
    event = _one(
        run, "The president's new party, the Unity Congress (UC), condemned the decision on Friday."
    )
    assert event.summary == "The president's new party condemned the decision"


def test_a_named_speaker_without_a_dated_event_makes_a_statement(run: Run) -> None:
    event = _one(run, "Lavrov said on Friday that nothing had changed.")
    assert (event.type, event.date, event.summary) == (
        "statement",
        "2022-01-07",
        "Lavrov said nothing had changed",
    )
    assert [(a.name, a.role) for a in event.actors] == [("Lavrov", "source")]


@pytest.mark.parametrize(
    "text",
    [
        "The ministers did not meet on Monday.",
        "If Russia invades on Friday, sanctions will follow.",
        "Nobody expects the rebels to sign on Friday without guarantees.",
    ],
)
def test_negated_and_hypothetical_events_are_not_events(run: Run, text: str) -> None:
    assert [(e.trigger.name, e.date) for e in run(text, ANCHOR).events] == []


def test_what_is_avoided_is_not_an_event(run: Run) -> None:
    event = _one(run, "Officials held talks on Monday to avoid war in Ukraine.")
    assert event.type == "talks"
    assert event.location is None


def test_a_pronoun_is_the_person_named_before(run: Run) -> None:
    text = (
        "Foreign Minister Sergei Lavrov arrived in Ankara on Monday. "
        "He met President Recep Tayyip Erdogan on Tuesday."
    )
    meeting = run(text, date(2022, 1, 12)).events[-1]
    assert meeting.date == "2022-01-11"
    assert [(a.name, a.text, a.role) for a in meeting.actors] == [
        ("Sergei Lavrov", "He", "source"),
        ("Recep Tayyip Erdogan", "Recep Tayyip Erdogan", "target"),
    ]
    assert meeting.summary == "Sergei Lavrov met President Recep Tayyip Erdogan"


def test_the_two_sides_are_the_parties_of_the_last_meeting(run: Run) -> None:
    text = (
        "Armenian Prime Minister Nikol Pashinyan met Azerbaijani President Ilham Aliyev in "
        "Brussels on Sunday. The two sides will hold another round of talks on March 3."
    )
    meeting, talks = run(text, ANCHOR).events
    assert [(a.name, a.country) for a in meeting.actors] == [
        ("Nikol Pashinyan", "ARM"),
        ("Ilham Aliyev", "AZE"),
    ]
    assert (talks.date, talks.status, talks.type) == ("2022-03-03", "planned", "talks")
    assert [a.name for a in talks.actors] == ["Nikol Pashinyan", "Ilham Aliyev"]


def test_who_acts_around_a_meeting_took_part_in_it(run: Run) -> None:
    # the person a participle describes, and the subject of the verb that governs the
    # phrase: both were at the meeting they speak after or go to
    text = (
        "Georgian Prime Minister Irakli Garibashvili, speaking after a meeting with his "
        "Armenian counterpart in Tbilisi on Sunday, said the border would stay open. "
        "Garibashvili planned to tour the port before talks on Tuesday with President "
        "Salome Zourabichvili."
    )
    meeting, talks = [e for e in run(text, ANCHOR).events if e.type in ("meeting", "talks")]
    assert meeting.date == "2022-01-09"
    assert ("Irakli Garibashvili", "source") in [(a.name, a.role) for a in meeting.actors]
    assert talks.date == "2022-01-11"
    assert [(a.name, a.role) for a in talks.actors] == [
        ("Irakli Garibashvili", "source"),
        ("Salome Zourabichvili", "target"),
    ]


def test_who_does_what_a_gerund_phrase_is_said_of_does_the_gerund_too(run: Run) -> None:
    text = (
        "Petr Svoboda eased travel restrictions before holding talks with Polish foreign "
        "minister Adam Nowak in April."
    )
    talks = _one(run, text)
    assert (talks.date, talks.type) == ("2021-04", "talks")
    assert [(a.name, a.role) for a in talks.actors] == [
        ("Petr Svoboda", "source"),
        ("Adam Nowak", "target"),
    ]


def test_a_body_named_assembly_is_no_later_mention_of_a_meeting(run: Run) -> None:
    text = (
        "Envoys of Armenia and Azerbaijan met in Geneva on Monday. Referring to the "
        "border, Pashinyan told the Armenian National Assembly that peace was near."
    )
    meeting = _one(run, text, date(2022, 1, 12))
    # both states, though the recogniser labels only Azerbaijan; nobody who addresses
    # the assembly
    assert [(a.name, a.country) for a in meeting.actors] == [
        ("Armenia", "ARM"),
        ("Azerbaijan", "AZE"),
    ]


def test_who_speaks_after_an_attack_did_not_make_it(run: Run) -> None:
    text = (
        "After the bombing in Kabul on Sunday, President Ashraf Ghani said the talks would go on."
    )
    bombing = next(e for e in run(text, ANCHOR).events if e.type == "military")
    assert bombing.date == "2022-01-09"
    assert [a.name for a in bombing.actors] == []


def test_a_short_name_is_the_full_name_given_before(run: Run) -> None:
    text = (
        "Rebel leader Laurent Kabila took the city last week. "
        "Kabila met the South African envoy in Lubumbashi on Monday."
    )
    meeting = run(text, ANCHOR).events[-1]
    assert (meeting.actors[0].name, meeting.actors[0].text) == ("Laurent Kabila", "Kabila")


def test_a_demonym_or_a_national_office_is_the_country_of_the_person(run: Run) -> None:
    event = _one(run, "Iranian Foreign Minister Abbas Araghchi arrived in Oslo on Monday.")
    assert [(a.name, a.label, a.country) for a in event.actors] == [
        ("Abbas Araghchi", "PERSON", "IRN")
    ]


def test_a_capital_speaking_is_its_government(run: Run) -> None:
    event = _one(run, "Tehran rejected the proposal on Tuesday.")
    assert [(a.name, a.text, a.role, a.country) for a in event.actors] == [
        ("Iran", "Tehran", "source", "IRN")
    ]
    assert event.location is None


def test_who_receives_aid_is_a_party_and_where_troops_go_is_none(run: Run) -> None:
    event = _one(
        run, "The United States on Tuesday offered 10 million dollars of food aid to North Korea."
    )
    assert [(a.name, a.role) for a in event.actors] == [
        ("United States", "source"),
        ("North Korea", "target"),
    ]
    # given by one state to another: not done at home
    event = _one(run, "Japan will provide rice to North Korea in May.")
    assert event.location is None
    assert [(a.name, a.role) for a in event.actors] == [
        ("Japan", "source"),
        ("North Korea", "target"),
    ]
    event = _one(run, "France sent troops to Chad on Monday.")
    assert "Chad" not in [a.name for a in event.actors]


def test_armed_forces_named_by_a_demonym_are_of_that_state(run: Run) -> None:
    event = _one(run, "Ethiopian warplanes bombed the airport on Friday.")
    assert [(a.name, a.role, a.country) for a in event.actors] == [
        ("Ethiopian warplanes", "source", "ETH"),
        ("Ethiopia", "source", "ETH"),
    ]


def test_the_state_whose_aid_a_participle_describes_gave_it(run: Run) -> None:
    event = _one(run, "The ships carry Japanese rice aid pledged in March.", date(2022, 4, 15))
    assert (event.date, event.type, event.summary) == (
        "2022-03",
        "statement",
        "Japanese rice aid pledged",
    )
    assert [(a.name, a.role, a.country) for a in event.actors] == [("Japan", "source", "JPN")]


def test_a_state_abbreviated_is_named_in_full_and_a_name_in_words_as_written(run: Run) -> None:
    event = _one(run, "The US and Britain imposed sanctions on the UAE on Friday.")
    assert [(a.name, a.text, a.role, a.country) for a in event.actors] == [
        ("United States", "US", "source", "USA"),
        ("Britain", "Britain", "source", "GBR"),
        ("United Arab Emirates", "UAE", "target", "ARE"),
    ]


def test_it_is_the_subject_of_the_clause_that_says_it(run: Run) -> None:
    event = _one(
        run,
        "The Dutch foreign ministry said it had demanded explanations from the American "
        "authorities, most recently on January 3.",
    )
    assert (event.date, event.type, event.summary) == (
        "2022-01-03",
        "demand",
        "The Dutch foreign ministry demanded explanations from the American authorities",
    )
    assert [(a.name, a.text, a.role) for a in event.actors][:2] == [
        ("Dutch foreign ministry", "Dutch foreign ministry", "source"),
        ("Netherlands", "Dutch foreign ministry", "source"),
    ]


def test_they_is_the_plural_subject_that_binds_it(run: Run) -> None:
    event = _one(
        run, "The rebels have captured half the country since they launched their offensive "
        "in October.",
    )  # fmt: skip
    assert (event.date, event.summary) == ("2021-10", "The rebels launched their offensive")
    assert [(a.name, a.role) for a in event.actors] == [("rebels", "source")]


def test_it_opening_a_sentence_is_the_subject_of_the_sentence_before(run: Run) -> None:
    events = run(
        "The airline said its planes landed safely in Shannon on Sunday. "
        "It cancelled two flights to Cyprus on Monday.",
        ANCHOR,
    ).events
    assert [(e.date, e.summary) for e in events][-1] == (
        "2022-01-10",
        "The airline canceled two flights to Cyprus",
    )


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("It was a historic day when the two leaders met in Oslo.", "It"),  # "it was"
        ("The committee praised the film. Critics voted it the best film.", "it"),  # object
        ("The minister resigned on Sunday. It came as a surprise.", "It"),  # he, not it
        ("The analysts expect growth. They say it will last.", "They"),  # anonymous
    ],
)
def test_an_it_or_they_that_stands_for_no_party_is_left_alone(
    extractor: Extractor, text: str, pronoun: str
) -> None:
    from timeline.events.coreference import Coreference

    doc = extractor.nlp(text)
    tok = next(t for t in doc if t.text == pronoun)
    assert Coreference(doc).referent(tok) is None


def test_a_party_the_text_describes_without_a_name_is_an_actor(run: Run) -> None:
    events = run(
        "Protesters marched on the embassy on Tuesday. A show of force followed on Wednesday.",
        ANCHOR,
    ).events
    assert [(e.date, [(a.name, a.text, a.role, a.label) for a in e.actors]) for e in events] == [
        ("2022-01-04", [("protesters", "Protesters", "source", "")]),
        ("2022-01-05", []),  # force without an article or a modifier is no party
    ]


def test_a_national_office_or_body_stands_for_its_state(run: Run) -> None:
    event = _one(run, "The State Department imposed sanctions on the Zairean government on Friday.")
    assert [(a.name, a.role, a.country) for a in event.actors] == [
        ("State Department", "source", "USA"),
        ("United States", "source", "USA"),
        ("Zairean government", "target", "COD"),
        ("Democratic Republic of the Congo", "target", "COD"),  # Zaire, by its code
    ]


def test_the_place_is_normalised_by_the_gazetteer(run: Run) -> None:
    event = _one(run, "The ministers met in the Swiss city of Geneva on Monday.")
    place = event.location
    assert place is not None
    assert (place.name, place.country) == ("Geneva", "CHE")
    assert place.latitude == pytest.approx(46.2, abs=0.1)
    assert place.longitude == pytest.approx(6.1, abs=0.1)
    assert event.actors == ()


def test_a_date_is_never_a_place_or_a_party(run: Run) -> None:
    # "March" is also a town in England: the gazetteer knows it, the date says otherwise
    event = _one(run, "Consumer prices rose sharply in March, the statistics office said.")
    assert (event.date, event.location) == ("2021-03", None)
    assert all(a.name != "March" for a in event.actors)


def test_a_deed_takes_the_place_of_the_deed_of_its_kind_its_clause_modifies(run: Run) -> None:
    text = "The rebels have seized a third of Chad since they began their offensive in March."
    offensive = _one(run, text, date(2013, 1, 10))
    assert (offensive.date, offensive.type) == ("2012-03", "military")
    assert offensive.location is not None and offensive.location.country == "TCD"
    assert offensive.summary == "The rebels began their offensive in Chad"
    # a deed of another kind lends no place: the talks are not said to be in Chad
    text = "The rebels have seized a third of Chad since they agreed to talks in March."
    assert all(e.location is None for e in run(text, date(2013, 1, 10)).events)


def test_a_gerund_standing_for_a_noun_is_named_as_a_noun(run: Run) -> None:
    text = (
        "The general is charged with the killing of prisoners during Serb-Croat fighting in 1991."
    )
    fighting = next(e for e in run(text, ANCHOR).events if e.trigger.name == "fighting")
    assert (fighting.date, fighting.summary) == ("1991", "Serb-Croat fighting")


def test_the_possessor_of_a_decision_or_a_success_does_what_it_says(run: Run) -> None:
    text = (
        "Diplomats welcomed the Turkish side's decision to suspend naval exercises near "
        "the island next month."
    )
    suspension = _one(run, text, date(2022, 1, 12))
    assert (suspension.date, suspension.summary) == (
        "2022-02",
        "The Turkish side's decision to suspend naval exercises",
    )
    assert [(a.name, a.role) for a in suspension.actors] == [
        ("Turkish side", "source"),
        ("Turkey", "source"),
    ]
    text = "The rebels' success in capturing the port of Goma last week was a blow to the army."
    capture = _one(run, text, date(2022, 1, 12))
    assert (capture.date, capture.summary) == ("2022-W01", "The rebels captured the port of Goma")
    # a pronoun says no more than the clause does
    text = "APEC members renewed their efforts to achieve free trade in the region by 2020."
    efforts = _one(run, text, date(2022, 1, 12))
    assert (efforts.date, efforts.summary) == ("2020", "Their efforts to achieve free trade")


def test_what_followed_a_deed_is_not_glued_to_its_summary(run: Run) -> None:
    # a gerund after a comma tells what followed; one right after its verb is what it does
    text = "A hotel collapsed in Lagos on Monday, killing two workers."
    assert [e.summary for e in run(text, ANCHOR).events] == ["Hotel collapsed in Lagos"]
    text = "Poland on Monday ruled out sending troops to the region."
    assert [e.summary for e in run(text, ANCHOR).events] == ["Poland ruled out sending troops"]


def test_money_after_a_number_is_no_deed(run: Run) -> None:
    text = (
        "Exports for 2005 came to 12.5 trillion won, up from 9.8 trillion won in the previous year."
    )
    assert all(e.trigger.name != "won" for e in run(text, ANCHOR).events)
    text = "The party won 40 seats in the March elections."
    assert [e.summary for e in run(text, ANCHOR).events] == ["The party won 40 seats"]


def test_places_are_never_actors(run: Run) -> None:
    text = "Negotiators returned to Doha on Tuesday for a new round of ceasefire talks."
    event = _one(run, text, date(2024, 3, 5))
    assert (event.summary, event.actors) == ("Negotiators returned to Doha", ())
    assert event.location is not None and event.location.name == "Doha"


@pytest.mark.parametrize(
    ("text", "kind", "place"),
    [
        ("Norway will hold elections in September.", "election", "NOR"),
        ("Iran arrested two journalists on Sunday.", "legal", "IRN"),
        ("Germany's economy grew by two percent in 2021.", "other", "DEU"),
    ],
)
def test_a_state_doing_at_home_what_it_does_is_its_place_and_a_party(
    run: Run, text: str, kind: str, place: str
) -> None:
    event = _one(run, text)
    assert event.type == kind
    assert event.location is not None and event.location.country == place
    assert [(a.country, a.role) for a in event.actors][:1] == [(place, "source")]


@pytest.mark.parametrize(
    "text",
    [
        "Turkey invaded Cyprus in 1974.",  # an invader is not at home
        "US soldiers died in 2005.",  # a state's people, abroad
        "Iran said on Sunday that it had nothing to hide.",  # what a state says
    ],
)
def test_a_state_elsewhere_or_speaking_gives_no_place(run: Run, text: str) -> None:
    assert all(e.location is None for e in run(text, ANCHOR).events)


def test_status_follows_the_date_and_the_tense(run: Run) -> None:
    events = run(
        "The leaders met in Rome on Friday. They will meet again in Madrid on Thursday.", ANCHOR
    ).events
    assert [(e.date, e.status, e.location.name if e.location else None) for e in events] == [
        ("2022-01-07", "occurred", "Rome"),
        ("2022-01-13", "planned", "Madrid"),
    ]


def test_durations_and_sets_make_no_events(run: Run) -> None:
    result = run("The talks lasted eight hours. The council meets every week.", ANCHOR)
    assert [t.type for t in result.timexes] == ["DURATION", "SET"]
    assert result.events == ()


def test_two_mentions_of_one_date_and_kind_are_one_event(run: Run) -> None:
    text = (
        "Russia invaded in 2014 and annexed Crimea. "
        "Officials fear that Russia will do what it did in 2014, when it invaded its neighbour."
    )
    events = [e for e in run(text, ANCHOR).events if e.date == "2014"]
    assert len(events) == 1
    assert [m.text for m in events[0].mentions] == ["2014", "2014"]


def test_two_meetings_of_one_day_with_other_people_are_two_events(run: Run) -> None:
    text = (
        "The UN envoy met President Jacques Mobutu on Tuesday. "
        "The envoy also met rebel leader Laurent Kabila on Tuesday."
    )
    events = run(text, ANCHOR).events
    assert [(e.date, [(a.name, a.role) for a in e.actors]) for e in events] == [
        ("2022-01-04", [("UN", "source"), ("Jacques Mobutu", "target")]),
        # "the envoy" is not Mobutu: "the UN envoy met President Mobutu" gives him no title
        ("2022-01-04", [("Laurent Kabila", "target")]),
    ]
    # a mention that names both is the first meeting's, as before
    text += " Mobutu and the envoy held talks with Kabila on Tuesday."
    assert len(run(text, ANCHOR).events) == 2


def test_two_deeds_of_war_on_one_day_are_two_events_and_their_wounded_are_the_first(
    run: Run,
) -> None:
    text = (
        "Warplanes bombed the airport on Tuesday. "
        "Rebel fighters withdrew from the front line on Tuesday. "
        "At least 40 people were wounded on Tuesday."
    )
    assert [(e.date, e.summary) for e in run(text, ANCHOR).events] == [
        ("2022-01-04", "Warplanes bombed the airport"),
        ("2022-01-04", "Rebel fighters withdrew from the front line"),
    ]
    joined = run("Troops invaded and occupied the north of the island in 1974.", ANCHOR).events
    assert [(e.date, e.trigger.name) for e in joined] == [("1974", "invaded")]


def test_a_back_reference_gives_the_place(run: Run) -> None:
    text = (
        "Negotiators held talks on Monday but made little progress. "
        "The head of the delegation to the Vienna talks declined to comment."
    )
    event = _one(run, text)
    assert event.location is not None and event.location.name == "Vienna"
    assert [m.text for m in event.mentions] == ["Monday", "talks"]


def test_a_back_reference_in_a_sentence_of_another_date_is_another_event(run: Run) -> None:
    text = (
        "Opposition leaders will meet on Tuesday to choose a candidate. "
        "The premier dismissed the planned peace talks in Pretoria this weekend as pointless."
    )
    meeting = next(e for e in run(text, ANCHOR).events if e.date == "2022-01-11")
    assert meeting.location is None
    assert [m.text for m in meeting.mentions] == ["Tuesday"]


@pytest.mark.parametrize(
    ("text", "place", "country"),
    [
        ("The fall of Kisangani on March 15 opened the road to the capital.", "Kisangani", "COD"),
        (
            "The founding of the People's Republic of China in 1949 ended the war.",
            "People's Republic of China",
            "CHN",
        ),
    ],
)
def test_what_an_event_is_of_is_where_it_happens(
    run: Run, text: str, place: str, country: str
) -> None:
    event = _one(run, text, date(2022, 4, 10))
    assert event.location is not None
    assert (event.location.name, event.location.country) == (place, country)
    assert all(a.name != place for a in event.actors)  # a place, never a party


def test_a_bare_event_noun_says_what_it_is_for(run: Run) -> None:
    event = _one(run, "Talks to discuss the border dispute are set for Friday.")
    assert (event.date, event.status, event.summary) == (
        "2022-01-14",
        "planned",
        "Talks to discuss the border dispute",
    )


def test_a_meeting_held_for_talks_is_the_talks(run: Run) -> None:
    event = _one(run, "The two presidents will meet on Friday for face-to-face talks.")
    assert (event.date, event.type, event.plover) == ("2022-01-14", "talks", "CONSULT")
    event = _one(run, "The two presidents will meet on Friday for dinner.")
    assert event.type == "meeting"


def test_a_state_taken_for_an_organisation_is_the_state(run: Run) -> None:
    event = _one(run, "The DPRK rejected the proposal on Tuesday.")
    assert [(a.name, a.label, a.country) for a in event.actors] == [("North Korea", "GPE", "PRK")]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # the speaker is named once: "he" stays "he"
        (
            "Tung Chee-hwa arrived in Beijing. Tung said on Wednesday that he had scrapped"
            " plans to visit the United States.",
            "Tung said he had scrapped plans",
        ),
        # a relative pronoun is what it stands for
        (
            "Lawmakers backed Merkel, who is to be elected chancellor by parliament on Tuesday.",
            "Merkel to be elected chancellor by parliament",
        ),
    ],
)
def test_summaries_name_each_party_once_and_never_by_a_pronoun_alone(
    run: Run, text: str, summary: str
) -> None:
    assert summary in [e.summary for e in run(text, ANCHOR).events]


def test_offsets_point_into_the_text(run: Run) -> None:
    text = "\n\nHEADLINE\n\nDiplomats from France and Germany met in Minsk on 12 February 2015."
    event = _one(run, text)
    assert text[event.start : event.end] == event.sentence
    assert event.sentence.startswith("Diplomats")
    for span in (event.trigger, event.location):
        assert span is not None and text[span.start : span.end] == span.name
    for actor in event.actors:
        assert text[actor.start : actor.end] == actor.text
    assert event.date == "2015-02-12" and event.granularity == "day"


def test_summaries_are_clauses_a_person_would_write(run: Run) -> None:
    text = (
        "Russian and American negotiators held talks in Geneva on Monday. "
        "Russia invaded Ukraine in 2014. "
        "The Egyptian and Qatari mediators will meet Hamas leaders in Cairo on Thursday. "
        "A Russia-NATO Council session follows on Wednesday."
    )
    assert [e.summary for e in run(text, ANCHOR).events] == [
        "Russian and American negotiators held talks in Geneva",
        "Russia invaded Ukraine",
        "The Egyptian and Qatari mediators to meet Hamas leaders in Cairo",
        "Russia-NATO Council session",
    ]


def test_no_word_is_cut_inside_its_hyphens_nor_a_contraction_split(run: Run) -> None:
    event = _one(run, "The senator announced on Monday he wouldn't seek re-election next year.")
    assert event.summary == "The senator announced he wouldn't seek re-election"
    event = _one(run, "The senator announced in July that he would not seek re-election.")
    assert event.summary == "The senator announced he would not seek re-election"


def test_a_bare_verb_is_no_row(run: Run) -> None:
    text = "Not much is known of the fish, first named five years ago as the toothfish."
    assert run(text, ANCHOR).events == ()


def test_what_opens_a_sentence_is_not_capitalised_inside_a_summary(run: Run) -> None:
    event = _one(
        run,
        "The European Union will send 40 million euros in aid to the region, "
        "the Commission said on Tuesday.",
    )
    assert (event.date, event.type, event.summary) == (
        "2022-01-04",
        "statement",
        "The Commission said the European Union will send 40 million euros to the region",
    )


def test_a_clause_of_reason_after_a_comma_is_not_what_its_verb_reports(run: Run) -> None:
    # "since ... declared": why it was the last one, not a report of "it was"
    event = _one(
        run, "It was the team's last tournament, since the two countries declared their "
        "independence in June.",
    )  # fmt: skip
    assert (event.date, event.summary) == (
        "2021-06",
        "The two countries declared their independence",
    )


def test_a_subject_is_named_once_in_a_summary_of_what_it_said(run: Run) -> None:
    event = _one(run, "The LTTE on Friday reiterated it will boycott the vote.")
    assert (event.date, event.summary) == (
        "2022-01-07",
        "The LTTE reiterated it will boycott the vote",
    )


def test_an_organisation_named_inside_a_name_is_a_party(run: Run) -> None:
    event = _one(run, "A Russia-NATO Council session follows on Wednesday.")
    assert [(a.name, a.label) for a in event.actors] == [("Russia", "GPE"), ("NATO", "ORG")]


def test_the_event_a_date_counts_from_is_not_the_event_it_dates(run: Run) -> None:
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


def test_a_dateline_is_no_event_and_no_subject(run: Run) -> None:
    text = "DOHA, March 5 (Reuters) - Negotiators returned to Doha on Tuesday for talks."
    events = run(text, date(2024, 3, 5)).events
    got = [(e.date, e.date_text, e.trigger.name, [a.name for a in e.actors]) for e in events]
    # Without the cut the event took its date from the dateline's "March 5" and DOHA as actor.
    assert got == [("2024-03-05", "Tuesday", "returned", [])]


def test_undated_events_are_kept_only_when_asked(extractor: object) -> None:
    from timeline.models import Document
    from timeline.pipeline import Extractor

    assert isinstance(extractor, Extractor)
    text = "Finland will give Tanzania a grant for its schools. Rebels attacked a village."
    doc = Document("d", text, "t", None, "none")
    assert extractor.process(doc).events == ()
    coded = Extractor(undated=True).process(doc).events
    assert [(e.date, e.trigger.name, e.plover) for e in coded] == [
        (None, "grant", "AGREE"),
        (None, "attacked", "ASSAULT"),
    ]


def test_joined_verbs_of_one_tense_share_a_date(run: Run) -> None:
    text = "Two soldiers were killed and four wounded on Friday."
    (event,) = run(text, ANCHOR).events
    assert (event.date, event.type) == ("2022-01-07", "military")
    assert sorted(m.trigger.name for m in event.mentions if m.trigger) == ["killed", "wounded"]
    # a verb of another tense does not share it
    text = "Russia invaded in 2014 and continues to occupy the peninsula."
    (event,) = run(text, ANCHOR).events
    assert [m.trigger.name for m in event.mentions if m.trigger] == ["invaded"]


def test_a_date_that_names_a_thing_dates_no_event(run: Run) -> None:
    text = "He named his cabinet without approval, contrary to the 1994 constitution."
    assert run(text, ANCHOR).events == ()


def test_a_relative_pronoun_after_a_conjunction_is_the_name_described(run: Run) -> None:
    text = (
        "Jan Kowalski, who has served as foreign minister under three governments and who "
        "is expected to be named prime minister on Sunday, promised calm."
    )
    event = _one(run, text)
    assert (event.date, event.summary) == ("2022-01-16", "Jan Kowalski to be named prime minister")
    assert [a.name for a in event.actors] == ["Jan Kowalski"]
    # what was done to the one a passive relative clause describes: a target
    sentenced = _one(run, "Tomas Berg, who was sentenced to ten years on Friday, appealed.")
    assert [(a.name, a.role) for a in sentenced.actors] == [("Tomas Berg", "target")]


def test_a_relative_clause_is_said_of_what_it_describes(run: Run) -> None:
    text = "Kabila spoke in Lubumbashi, which was captured by the rebels in March 1997."
    event = _one(run, text, date(1997, 4, 19))
    assert event.summary == "Lubumbashi was captured by the rebels"
    assert (event.type, event.location and event.location.name) == ("military", "Lubumbashi")


def test_a_relative_clause_after_a_description_is_said_of_the_name_described(run: Run) -> None:
    text = (
        "The rebels paraded in Kamina, the province's main garrison town and its rail hub, "
        "which was seized by the army in March 1997."
    )
    event = _one(run, text, date(1997, 4, 19))
    assert event.summary == "Kamina was seized by the army"
    assert event.location is not None and event.location.name == "Kamina"
    assert [(a.name, a.role) for a in event.actors if a.name == "Kamina"] == []  # a place


def test_an_advance_on_a_place_is_a_military_action_there(run: Run) -> None:
    text = (
        "Rebel troops marched into Kisangani on Tuesday. "
        "Thousands of students marched on Red Square on Sunday."
    )
    got = [
        (e.type, e.plover, e.location and e.location.name, e.summary)
        for e in run(text, date(1997, 3, 20)).events
    ]
    assert got == [
        ("military", "ASSAULT", "Kisangani", "Rebel troops marched into Kisangani"),
        ("other", "PROTEST", None, "Thousands of students marched on Red Square"),
    ]


def test_the_place_struck_is_where_strikes_a_light_verb_carries_happen(run: Run) -> None:
    event = _one(run, "Allied warplanes carried out air strikes on Kandahar on Monday.")
    assert event.type == "military"
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Kandahar", "AFG")
    assert "Kandahar" not in [a.name for a in event.actors]  # a place is not a party


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The envoy left Kinshasa on Sunday.", "visit"),
        ("The envoy left for Pretoria on Sunday.", "visit"),
        ("The jailed opposition leader left prison on Sunday.", "visit"),
        ("The earthquake on Sunday left more than 600 people dead.", "other"),  # no journey
        ("The president left his deputy in charge on Sunday.", "other"),  # a deed, no journey
    ],
)
def test_leaving_is_a_journey_only_from_a_place(run: Run, text: str, kind: str) -> None:
    # what is left behind makes "leave" a deed of another kind, still an event
    assert [e.type for e in run(text, ANCHOR).events] == [kind]


def test_troops_on_the_move_are_a_deployment(run: Run) -> None:
    event = _one(run, "A second contingent of French troops left Toulon on Wednesday.")
    assert (event.type, event.plover) == ("military", "MOBILIZE")
    assert event.location is not None and event.location.name == "Toulon"
    assert [(a.name, a.country) for a in event.actors] == [
        ("French troops", "FRA"),
        ("France", "FRA"),  # the state the troops are of
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The marines are expected to arrive in Durres on Friday.",  # the subject of "expected"
        "The peacekeepers landed in Durres on Friday and moved inland.",
        # the subject of a relative clause is the noun it describes
        "A ferry sailed to bring more men for the Italian marines who landed in Durres on Friday.",
    ],
)
def test_troops_moving_in_a_clause_without_its_own_subject_are_a_deployment(
    run: Run, text: str
) -> None:
    events = run(text, ANCHOR).events
    assert [(e.type, e.plover) for e in events] == [("military", "MOBILIZE")] * len(events)
    assert events


def test_appeals_and_pledges_are_statements_with_their_plover_type(run: Run) -> None:
    text = (
        "On Tuesday, the United States urged both sides to hold talks. "
        "Japan pledged on Wednesday to send emergency aid."
    )
    got = [(e.type, e.plover, e.summary) for e in run(text, date(2022, 1, 13)).events]
    assert got == [
        ("statement", "REQUEST", "The United States urged both sides to hold talks"),
        ("statement", "AGREE", "Japan pledged to send emergency aid"),
    ]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # what the addressee is asked to be, not a bare "to stay"
        (
            "On Tuesday, the United States urged both sides to stay calm.",
            "The United States urged both sides to stay calm",
        ),
        (
            "On Friday, the agency advised residents to get ready for the floods.",
            "The agency advised residents to get ready for the floods",
        ),
        # a list keeps its commas
        (
            "On Tuesday, Norway urged Russia, Ukraine and Belarus to resume talks.",
            "Norway urged Russia, Ukraine and Belarus to resume talks",
        ),
    ],
)
def test_an_appeal_says_whom_it_asks_to_do_or_be_what(run: Run, text: str, summary: str) -> None:
    event = _one(run, text)
    assert (event.type, event.plover, event.summary) == ("statement", "REQUEST", summary)


def test_here_is_the_city_of_the_dateline(run: Run) -> None:
    text = "GENEVA, Jan 10 (Reuters) - Russian and US negotiators opened talks here on Monday."
    event = _one(run, text)
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Geneva", "CHE")
    assert text[event.location.start : event.location.end] == "GENEVA"
    assert "GENEVA" not in event.summary and "Reuters" not in event.summary


def test_the_island_is_the_state_named_before_and_not_the_invader(run: Run) -> None:
    text = "Cyprus has been split since Turkey invaded the north of the island in 1974."
    event = next(e for e in run(text, ANCHOR).events if e.date == "1974")
    assert (event.type, event.plover) == ("military", "ASSAULT")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Cyprus", "CYP")
    assert text[event.location.start : event.location.end] == "Cyprus"


def test_a_year_with_a_when_clause_dates_that_clause_and_its_target_is_the_place(
    run: Run,
) -> None:
    # the parser hangs "when" on the second verb; the target is missed by the recogniser
    text = "The island has been divided since 1963 when Greek troops invaded and occupied the southern half of Malta."
    event = _one(run, text)
    assert (event.date, event.type, event.summary) == (
        "1963",
        "military",
        "Greek troops invaded Malta",
    )
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Malta", "MLT")


def test_an_event_during_a_visit_is_where_the_visit_goes(run: Run) -> None:
    text = (
        "The speaker met Norwegian Prime Minister Jens Berg on Wednesday for talks on "
        "bilateral ties at the start of a whirlwind visit to Norway."
    )
    event = _one(run, text)
    assert event.location is not None and (event.location.name, event.location.country) == (
        "Norway",
        "NOR",
    )


def test_a_place_beside_the_date_is_where_the_event_is(run: Run) -> None:
    text = "The president, in a statement issued in Nairobi on Friday, condemned the attack."
    event = _one(run, text)
    assert (event.date, event.type) == ("2022-01-07", "statement")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Nairobi", "KEN")


def test_troops_of_a_country_are_not_its_named_officials(run: Run) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met his Georgian counterpart on Monday. "
        "Russian troops shelled the town of Gori on Tuesday."
    )
    shelling = next(e for e in run(text, ANCHOR).events if e.type == "military")
    assert [a.name for a in shelling.actors] == ["Russian troops", "Russia"]


def test_the_country_is_the_state_named_last(run: Run) -> None:
    text = (
        "The minister toured Kenya and Uganda last week. "
        "On Monday she held talks with officials in the country about the border."
    )
    event = next(e for e in run(text, ANCHOR).events if e.date == "2022-01-10")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Uganda", "UGA")


def test_a_demonym_capital_is_that_states_capital(run: Run) -> None:
    event = _one(run, "Regional leaders met in the Malaysian capital on Monday.")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Kuala Lumpur", "MYS")


def test_the_country_of_a_dateline_city(run: Run) -> None:
    text = "NICOSIA, Jan 10 (Reuters) - Rival leaders held talks in the divided island on Monday."
    event = _one(run, text)
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Cyprus", "CYP")


@pytest.mark.parametrize(
    "text",
    [
        "Envoys of the two countries met in the country on Monday.",  # no state named before
        "Envoys of France and Chad met on Monday in the host country.",  # it says which
        "The ministers met on Monday in the Asian countries they visit.",  # plural
    ],
)
def test_a_place_word_that_names_no_known_place_gives_none(run: Run, text: str) -> None:
    assert all(e.location is None for e in run(text, ANCHOR).events)


# --- dates the text implies (timeline.events.implied) ----------------------------------

LEAD = "Ministers of the two countries met in Oslo on Saturday to end the border dispute.\n\n"


def test_the_undated_past_of_a_news_story_is_the_day_its_paragraph_tells(run: Run) -> None:
    text = LEAD + (
        "The foreign minister of Norway met the two delegations in Oslo on Sunday. "
        "Later Sweden signed a grain agreement with both delegations."
    )
    events = run(text, ANCHOR).events
    assert [(e.date, e.dated_by, e.date_text, e.type) for e in events] == [
        ("2022-01-08", "text", "Saturday", "meeting"),
        ("2022-01-09", "text", "Sunday", "meeting"),
        ("2022-01-09", "context", "", "agreement"),
    ]


def test_a_story_without_its_own_date_dates_only_what_the_paragraph_dates(run: Run) -> None:
    text = (
        "Rebels attacked the northern town of Kidal on Sunday. The army sent reinforcements to Gao."
    )
    assert [(e.date, e.dated_by) for e in run(text, None).events] == [(None, "text")]


def test_what_stands_lasts_or_lies_ahead_takes_no_date_from_the_story(run: Run) -> None:
    lead = "The president arrived in Bamako on Monday for a two-day visit.\n\n"
    for sentence in (
        "Rebels have captured more than half the country.",  # where things stand
        "The general ruled Mali for 23 years.",  # it lasted
        "Their comments came before a meeting in Bamako of the donor countries.",  # ahead
        '"We attacked the barracks in Gao," the rebel commander said.',  # their words
        "The army could have attacked the rebels in Gao.",  # a modal
        "The envoy said there was agreement between the two sides in Bamako.",  # a state
    ):
        events = run(lead + sentence, ANCHOR).events
        assert [e.dated_by for e in events] == ["text"], (sentence, [e.summary for e in events])


def test_a_statement_a_named_speaker_made_is_dated_by_the_story(run: Run) -> None:
    text = LEAD + "Sweden rejected the Danish proposal for a joint patrol."
    statement = [e for e in run(text, ANCHOR).events if e.type == "statement"]
    assert [(e.date, e.dated_by, e.status, e.summary) for e in statement] == [
        # the next paragraph: the story's own day, the document's
        (
            "2022-01-10",
            "context",
            "occurred",
            "Sweden rejected the Danish proposal for a joint patrol",
        )
    ]
    assert [(a.name, a.role) for a in statement[0].actors] == [("Sweden", "source")]


def test_a_bodys_statement_is_also_its_spokespersons(run: Run) -> None:
    text = (
        "The Norwegian Foreign Ministry warned on Monday that the talks could fail. "
        "Foreign Ministry spokeswoman Anna Berg said the date was not yet set."
    )
    (said,) = [e for e in run(text, ANCHOR).events if e.date == "2022-01-10"]
    assert [(a.name, a.label, a.role) for a in said.actors if a.label == "PERSON"] == [
        ("Anna Berg", "PERSON", "source")
    ]
    # two spokespeople of one body: which of them spoke is not known
    two = text + " Later, Foreign Ministry spokesman Ola Nordmann said the same."
    (said,) = [e for e in run(two, ANCHOR).events if e.date == "2022-01-10"]
    assert [a.name for a in said.actors if a.label == "PERSON"] == []


def test_a_statement_the_story_dates_is_not_merged_into_another_that_day(run: Run) -> None:
    text = (
        "Sweden rejected the Danish proposal for a joint patrol on Saturday. "
        "Sweden also urged Denmark to withdraw its ships from the strait."
    )
    events = run(text, ANCHOR).events
    assert [(e.date, e.dated_by, e.plover) for e in events] == [
        ("2022-01-08", "text", "REJECT"),
        ("2022-01-08", "context", "REQUEST"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Danish proposal was rejected by Sweden.",  # a passive
        '"We will never accept it," warned Sweden.',  # a subject after the verb
        # a quotation it tags, "he" the minister the lead names
        '"How can we patrol a border we cannot see?" he asked.',
        "The foreign minister of Sweden complained.",  # saying nothing
        "An official rejected the Danish proposal.",  # an anonymous speaker
        "Sweden said the Danish proposal was premature.",  # attribution, not a statement
        # a description of who spoke, in a relative clause
        "The talks had failed, said a Swedish diplomat who asked not to be named.",
    ],
)
def test_an_undated_statement_that_is_no_named_speakers_deed_takes_no_date(
    run: Run, sentence: str
) -> None:
    lead = LEAD.replace("Ministers of the two countries", "Swedish Foreign Minister Ann Linde")
    events = run(lead + sentence, ANCHOR).events
    assert [e.dated_by for e in events] == ["text"], [e.summary for e in events]


def test_a_paragraph_about_another_time_leaves_the_next_one_undated(run: Run) -> None:
    text = (
        "The president arrived in Bamako on Monday for a two-day visit.\n\n"
        "In August 2019, rebels attacked the garrison of Kidal.\n\n"
        "The army sent reinforcements to Gao."
    )
    dates = [(e.date, e.dated_by) for e in run(text, ANCHOR).events]
    assert ("2022-01-10", "context") not in dates and ("2019-08", "text") in dates


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # what is said runs to its complement, not to the copula
        (
            "Norwegian Foreign Minister Anniken Huitfeldt said on Tuesday that Norway is "
            "ready to mediate.",
            "Norwegian Foreign Minister Anniken Huitfeldt said Norway is ready to mediate",
        ),
        # a copula without a complement runs to its prepositional phrase
        (
            "Norwegian Foreign Minister Anniken Huitfeldt said on Tuesday that relations "
            "with Moscow were at their lowest point.",
            "Norwegian Foreign Minister Anniken Huitfeldt said relations with Moscow were at "
            "their lowest point",
        ),
        # both objects of a verb of giving
        (
            "On Monday the government granted the refugees temporary protection.",
            "The government granted the refugees temporary protection",
        ),
    ],
)
def test_a_summary_keeps_the_complement_that_completes_it(
    run: Run, text: str, summary: str
) -> None:
    assert _one(run, text).summary == summary


def test_a_name_the_recogniser_cut_short_is_completed(extractor: Extractor) -> None:
    # the small model tags "Romano" alone: the name is the compound chain it hangs on
    doc = extractor.parse("Italian Prime Minister Romano Prodi flew to Tirana on Wednesday.")
    from timeline.events.spans import complete_names

    complete_names(doc)
    assert [(e.text, e.label_) for e in doc.ents if e.label_ == "PERSON"] == [
        ("Romano Prodi", "PERSON")
    ]


def test_a_counterpart_named_beside_his_title_is_one_party(run: Run) -> None:
    text = "The minister flew to Tirana on Wednesday for talks with his Albanian counterpart Bashkim Fino."
    event = _one(run, text, date(2022, 1, 12))
    assert [(a.name, a.country) for a in event.actors if a.role == "target"] == [
        ("Bashkim Fino", "ALB")
    ]


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        # a gerund's subject is its clause's
        (
            "The party hoped to form a government after electing a new leader on Friday.",
            "The party elected new leader",
        ),
        # what a participle describes is what is done
        (
            "The accords due to be signed on Tuesday cover a gas contract.",
            "The accords to be signed",
        ),
    ],
)
def test_a_summary_names_who_a_verb_without_subject_is_about(
    run: Run, text: str, summary: str
) -> None:
    assert [e.summary for e in run(text, ANCHOR).events if e.summary == summary] == [summary]


def test_a_place_name_the_recogniser_missed_is_read_whole() -> None:
    # A parse as spaCy gives it when its recogniser misses "Cape Town": no entities.
    import spacy
    from spacy.tokens import Doc

    from timeline.events import places

    words = ["Mobutu", "could", "meet", "Kabila", "in", "Cape", "Town", "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["PROPN", "AUX", "VERB", "PROPN", "ADP", "PROPN", "PROPN", "PUNCT"],
        deps=["nsubj", "aux", "ROOT", "dobj", "prep", "compound", "pobj", "punct"],
        heads=[2, 2, 2, 2, 2, 6, 4, 2],
        lemmas=["Mobutu", "could", "meet", "Kabila", "in", "Cape", "Town", "."],
    )
    place = places.location(doc[2], doc[2], "meeting")
    assert place is not None
    assert (place.name, place.country) == ("Cape Town", "ZAF")
    assert doc.text[place.start : place.end] == "Cape Town"


def _landed_in(word: str) -> Token:
    # "The marines landed in Durres." as the small model parses it: "Durres" a plural
    # noun the recogniser calls an organisation
    import spacy
    from spacy.tokens import Doc

    words = ["The", "marines", "landed", "in", word, "."]
    doc = Doc(
        spacy.blank("en").vocab,
        words=words,
        pos=["DET", "NOUN", "VERB", "ADP", "NOUN", "PUNCT"],
        tags=["DT", "NNS", "VBD", "IN", "NNS", "."],
        deps=["det", "nsubj", "ROOT", "prep", "pobj", "punct"],
        heads=[1, 2, 2, 2, 3, 2],
        lemmas=["the", "marine", "land", "in", word.lower(), "."],
        sent_starts=[True, False, False, False, False, False],
        ents=["O", "O", "O", "O", "B-ORG", "O"],
    )
    return doc[2]


def test_the_words_that_say_where_are_read_from_the_data(monkeypatch: pytest.MonkeyPatch) -> None:
    from timeline.events import lexicon

    assert "in" in lexicon.place_clues("where")
    assert "embassy" in lexicon.place_clues("site")
    assert "capital" in lexicon.place_clues("city") & lexicon.place_clues("container")
    with pytest.raises(lexicon.LexiconError, match="no class 'harbour'"):
        lexicon.place_clues("harbour")
    monkeypatch.setattr(lexicon, "_lines", lambda name: [(7, ["quay", "dock"])])
    lexicon.place_clue_table.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"place_clues\.tsv:7: a word and one of"):
            lexicon.place_clues("where")
    finally:
        lexicon.place_clue_table.cache_clear()


def test_a_place_name_tagged_as_a_common_noun_is_still_a_place() -> None:
    from timeline.events import places

    place = places.location(_landed_in("Durres"), None, "military")
    assert place is not None
    assert (place.name, place.country) == ("Durres", "ALB")


@pytest.mark.parametrize("word", ["durres", "DURRES"])
def test_a_common_noun_is_read_as_a_name_only_when_capitalised(word: str) -> None:
    from timeline.events import places

    assert places.location(_landed_in(word), None, "military") is None


def test_not_met_since_a_date_is_the_meeting_on_that_date(run: Run) -> None:
    text = "The two presidents, who have not met since March 2019, will hold talks in Geneva on Friday."
    assert [(e.date, e.type, e.status, e.summary) for e in run(text, ANCHOR).events] == [
        ("2019-03", "meeting", "occurred", "The two presidents last met"),
        ("2022-01-14", "talks", "planned", "The two presidents to hold talks in Geneva"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "No minister has visited the country since 2010.",  # says nothing of 2010
        "The ministers did not meet on Monday.",
    ],
)
def test_a_negated_event_is_none(run: Run, text: str) -> None:
    assert run(text, ANCHOR).events == ()


def test_the_two_leaders_are_the_last_two_people_not_the_last_two_states(run: Run) -> None:
    text = (
        "Presidents William Ruto and Yoweri Museveni held talks in Nairobi in March. "
        "On Monday, Britain and France signed a trade accord. "
        "The two leaders will meet again on Friday."
    )
    meeting = next(e for e in run(text, ANCHOR).events if e.date == "2022-01-14")
    assert [a.name for a in meeting.actors] == ["William Ruto", "Yoweri Museveni"]


def test_a_number_of_people_not_named_before_is_no_group(run: Run) -> None:
    text = (
        "Foreign ministers Sergei Lavrov and Antony Blinken met in Geneva on Monday. "
        "Four opposition leaders were arrested in Moscow on Tuesday."
    )
    arrest = next(e for e in run(text, ANCHOR).events if e.type == "legal")
    assert arrest.actors == ()


def test_an_event_told_in_a_participle_of_the_past_is_dated_by_its_story(run: Run) -> None:
    text = (
        "Speaking to reporters after talks with Vladimir Putin in Moscow, "
        "the chancellor said the sanctions would stay."
    )
    talks = _one(run, text)
    assert (talks.date, talks.dated_by, talks.type, talks.status) == (
        "2022-01-10",
        "context",
        "talks",
        "occurred",
    )
    assert [a.name for a in talks.actors] == ["Vladimir Putin"]
    assert talks.location is not None and talks.location.name == "Moscow"


def test_a_summary_keeps_the_word_a_hyphen_joins(run: Run) -> None:
    event = _one(run, "Violence has soared since the US-led invasion in March 2003.")
    assert (event.date, event.summary) == ("2003-03", "The US-led invasion")


def test_a_summary_cut_short_begins_at_a_word(run: Run) -> None:
    text = (
        "Trade Minister Anand Kumar Sharma's widely-praised pro-export package, "
        "unveiled in parliament on March 3, cut duties."
    )
    assert _one(run, text).summary == "Widely-praised pro-export package unveiled"


def test_a_departure_happens_where_it_leaves(run: Run) -> None:
    event = _one(run, "The army withdrew from Lebanon in May 2000.")
    assert (event.date, event.type, event.summary) == (
        "2000-05",
        "military",
        "The army withdrew from Lebanon",
    )
    assert event.location is not None and event.location.country == "LBN"


def test_a_plural_subject_takes_were(run: Run) -> None:
    event = _one(run, "The envoy and his deputy were expelled from the country on Monday.")
    assert event.summary == "The envoy and his deputy were expelled"


def test_taking_a_place_is_a_military_action_there(run: Run) -> None:
    event = _one(run, "The rebel leader vowed to take Kisangani by March.")
    assert (event.date, event.type, event.plover, event.status) == (
        "2022-03",
        "military",
        "ASSAULT",
        "planned",
    )
    assert event.location is not None and event.location.name == "Kisangani"
    # taking anything else is not
    assert all(
        e.type != "military"
        for e in run("The premier will take questions in parliament on Monday.", ANCHOR).events
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hopes of a settlement receded on Saturday.",  # nor is the settlement an event
        "Tensions rose on Monday along the border.",
        "Fears of war grew on Friday.",
    ],
)
def test_a_mood_that_changes_is_no_event(run: Run, text: str) -> None:
    assert run(text, ANCHOR).events == ()


def test_a_mood_about_a_named_event_presupposes_it(run: Run) -> None:
    event = _one(run, "Expectations for Monday's meeting of the two ministers have been low.")
    assert (event.date, event.type) == ("2022-01-10", "meeting")


def test_a_lone_surname_beside_the_full_name_is_one_actor() -> None:
    from timeline.events.merging import dedupe_actors
    from timeline.models import Actor

    actors = [
        Actor("Hu Jintao", "Hu", 0, 2, "PERSON", "source"),
        Actor("Yoweri Museveni", "Yoweri Museveni", 10, 25, "PERSON", "target"),
        Actor("Museveni", "Museveni", 40, 48, "NORP", "source"),  # a label the recogniser erred on
        Actor("Uganda", "Uganda", 52, 58, "GPE", "target", "UGA"),
        Actor("Jintao", "Jintao", 60, 66, "ORG", "target"),
    ]
    assert [(a.name, a.role) for a in dedupe_actors(actors)] == [
        ("Hu Jintao", "source"),
        ("Yoweri Museveni", "source"),  # a source, as the surname was
        ("Uganda", "target"),
    ]


def test_a_piece_of_a_name_parsed_as_a_subject_of_its_own_is_no_party(
    extractor: Extractor,
) -> None:
    # the parser may hang each piece of a hyphened name on the verb ("Ri", "-", "chol"
    # three subjects): the name is one party, its pieces none
    from spacy.tokens import Doc

    from timeline.events.coreference import Coreference
    from timeline.events.participants import Participants

    words = ["President", "Pak", "Ri", "-", "chol", "met", "Jan", "Novak", "."]
    doc = Doc(
        extractor.nlp.vocab,
        words=words,
        spaces=[True, True, False, False, True, True, True, False, False],
        heads=[2, 2, 5, 5, 5, 5, 7, 5, 5],
        deps=[
            "compound",
            "compound",
            "nsubj",
            "nsubj",
            "nsubj",
            "ROOT",
            "compound",
            "dobj",
            "punct",
        ],
        pos=["PROPN", "PROPN", "PROPN", "PROPN", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        tags=["NNP", "NNP", "NNP", "NNP", "NNP", "VBD", "NNP", "NNP", "."],
        lemmas=["President", "Pak", "Ri", "-", "chol", "meet", "Jan", "Novak", "."],
        ents=[
            "O",
            "B-PERSON",
            "I-PERSON",
            "I-PERSON",
            "I-PERSON",
            "O",
            "B-PERSON",
            "I-PERSON",
            "O",
        ],
    )
    actors = Participants(Coreference(doc)).of_event(doc[5], doc[5])
    assert [(a.name, a.role) for a in actors] == [
        ("Pak Ri-chol", "source"),
        ("Jan Novak", "target"),
    ]
