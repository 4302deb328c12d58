"""Merging across documents: several reports of one event become one event with its sources.

The reports are records (tests/crossdoc_records.py) written as the per-document
extraction gives them, so each test says exactly what comes out; the pipeline
tests at the end run three short wire stories of our own through `extract`.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pytest import MonkeyPatch

from tests.crossdoc_records import document, report
from timeline import schema
from timeline import timeline as tl
from timeline.events import crossdoc
from timeline.events.reports import Report
from timeline.models import DocumentResult

MAY_15, MAY_16, MAY_18, MAY_25 = (
    date(2023, 5, 15),
    date(2023, 5, 16),
    date(2023, 5, 18),
    date(2023, 5, 25),
)

MINISTERS = ("Ararat Mirzoyan", "Jeyhun Bayramov")

# Announced on Monday for Wednesday, announced again on Tuesday, reported held on Thursday.
ANNOUNCED = document(
    "a",
    MAY_15,
    report(
        "a",
        1,
        "2023-05-17",
        "meeting",
        "Armenian Foreign Minister Ararat Mirzoyan to meet his Azerbaijani counterpart in Geneva",
        people=("Ararat Mirzoyan",),
        states=("Azerbaijan",),
        place="Geneva",
        status="planned",
        trigger="meet",
        date_text="Wednesday",
    ),
)
CONFIRMED = document(
    "b",
    MAY_16,
    report(
        "b",
        1,
        "2023-05-17",
        "talks",
        "The foreign ministers of Armenia and Azerbaijan to hold talks in Switzerland",
        states=("Armenia", "Azerbaijan"),
        place="Switzerland",
        status="planned",
        trigger="talks",
        date_text="May 17",
    ),
    report(
        "b",
        2,
        "2023-05-04",
        "meeting",
        "Mirzoyan and Bayramov met in Washington",
        people=("Mirzoyan", "Bayramov"),
        place="Washington",
        trigger="met",
        date_text="May 4",
    ),
)
HELD = document(
    "c",
    MAY_18,
    report(
        "c",
        1,
        "2023-05-17",
        "talks",
        "Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks in Geneva",
        people=MINISTERS,
        place="Geneva",
        trigger="talks",
        date_text="Wednesday",
    ),
)


def _merged(*results: DocumentResult) -> list[dict[str, object]]:
    return [e.to_dict() for e in tl.build(list(results)).events]


def test_three_reports_of_one_meeting_are_one_event_with_their_sources() -> None:
    events = _merged(ANNOUNCED, CONFIRMED, HELD)
    assert [(e["id"], e["date"]) for e in events] == [
        ("b:e2", "2023-05-04"),
        ("c:e1", "2023-05-17"),
    ]
    talks = events[1]
    # the report that says what happened, naming both ministers and the place
    assert (
        talks["summary"] == "Ararat Mirzoyan and Jeyhun Bayramov held five hours of talks in Geneva"
    )
    assert (talks["document"], talks["type"], talks["plover"]) == ("c", "talks", "CONSULT")
    assert talks["status"] == "occurred"  # Thursday's report says it took place
    assert (talks["date"], talks["date_text"], talks["granularity"]) == (
        "2023-05-17",
        "Wednesday",
        "day",
    )
    assert talks["location"] == {
        "name": "Geneva",
        "start": 64,
        "end": 70,
        "country": "CHE",
        "latitude": None,
        "longitude": None,
    }
    # Switzerland is where Geneva is: the event is in Geneva, and the places list what
    # each report says ("talks in Switzerland" in article b)
    assert [p["name"] for p in talks["locations"]] == ["Geneva", "Switzerland"]
    assert [(a["name"], a.get("document")) for a in talks["actors"]] == [
        ("Ararat Mirzoyan", None),
        ("Jeyhun Bayramov", None),
        ("Azerbaijan", "a"),
        ("Armenia", "b"),
    ]
    assert [
        (
            s["document"],
            s["event"],
            s["anchor"],
            s["date"],
            s["date_text"],
            s["status"],
            s["location"],
        )
        for s in talks["sources"]
    ] == [
        ("a", "a:e1", "2023-05-15", "2023-05-17", "Wednesday", "planned", "Geneva"),
        ("b", "b:e1", "2023-05-16", "2023-05-17", "May 17", "planned", "Switzerland"),
        ("c", "c:e1", "2023-05-18", "2023-05-17", "Wednesday", "occurred", "Geneva"),
    ]
    assert talks["sources"][1]["sentence"] == (
        "The foreign ministers of Armenia and Azerbaijan to hold talks in Switzerland."
    )
    assert talks["sources"][1]["trigger"] == {"name": "talks", "start": 56, "end": 61}
    assert "conflicts" not in talks


def test_the_same_people_a_week_later_or_another_event_that_day_stay_apart() -> None:
    week_later = document(
        "d",
        MAY_25,
        report(
            "d",
            1,
            "2023-05-24",
            "talks",
            "Ararat Mirzoyan and Jeyhun Bayramov held talks in Geneva",
            people=MINISTERS,
            place="Geneva",
            trigger="talks",
        ),
        report(
            "d",
            2,
            "2023-05-17",
            "statement",
            "Mirzoyan criticised Turkey",
            people=("Mirzoyan",),
            states=("Turkey",),
            plover="ACCUSE",
            trigger="criticised",
        ),
    )
    other_meeting = document(
        "m",
        MAY_18,
        report(
            "m",
            1,
            "2023-05-17",
            "meeting",
            "Ararat Mirzoyan met Turkish Foreign Minister Mevlut Cavusoglu in Geneva",
            people=("Ararat Mirzoyan", "Mevlut Cavusoglu"),
            place="Geneva",
            trigger="met",
        ),
    )
    assert len(_merged(HELD, other_meeting)) == 2  # the same day and place, with someone else
    events = _merged(HELD, week_later)
    assert [
        (e["id"], e["date"], [s["document"] for s in e.get("sources", [])]) for e in events
    ] == [
        ("c:e1", "2023-05-17", []),
        ("d:e2", "2023-05-17", []),
        ("d:e1", "2023-05-24", []),
    ]


def test_reports_a_day_apart_are_one_event_whose_conflict_is_shown() -> None:
    tuesday = document(
        "e",
        MAY_18,
        report(
            "e",
            1,
            "2023-05-16",
            "talks",
            "Ararat Mirzoyan and Jeyhun Bayramov held talks in Geneva",
            people=MINISTERS,
            place="Geneva",
            trigger="talks",
            date_text="Tuesday",
        ),
    )
    (event,) = _merged(HELD, tuesday)
    assert [s["document"] for s in event["sources"]] == ["c", "e"]
    # both written on Thursday, as precise: the first in document order
    assert event["date"] == "2023-05-17"
    assert event["conflicts"] == [
        {"field": "date", "values": ["2023-05-17", "2023-05-16"], "documents": ["c", "e"]}
    ]


def test_a_later_report_of_the_date_wins_a_disagreement() -> None:
    early = document(
        "e",
        MAY_16,
        report(
            "e",
            1,
            "2023-05-16",
            "talks",
            "Ararat Mirzoyan and Jeyhun Bayramov to hold talks in Geneva",
            people=MINISTERS,
            place="Geneva",
            trigger="talks",
            status="planned",
        ),
    )
    (event,) = _merged(HELD, early)
    assert event["date"] == "2023-05-17"  # Thursday's report, written after both days
    assert event["conflicts"][0]["field"] == "date"


def test_places_that_disagree_are_a_conflict_when_the_same_people_meet() -> None:
    vienna = document(
        "v",
        MAY_18,
        report(
            "v",
            1,
            "2023-05-17",
            "talks",
            "Ararat Mirzoyan and Jeyhun Bayramov held talks in Vienna",
            people=MINISTERS,
            place="Vienna",
            trigger="talks",
        ),
    )
    (event,) = _merged(HELD, vienna)
    assert event["location"]["name"] == "Geneva"
    assert [p["name"] for p in event["locations"]] == ["Geneva", "Vienna"]
    assert event["conflicts"] == [
        {"field": "location", "values": ["Geneva", "Vienna"], "documents": ["c", "v"]}
    ]


def test_a_report_of_a_plan_and_a_report_that_it_happened() -> None:
    # a plan reported before, and its taking place reported after: it occurred
    assert _merged(ANNOUNCED, HELD)[0]["status"] == "occurred"
    # "held" written two days before the day it names is no evidence that it happened
    too_early = document(
        "x",
        MAY_15,
        report(
            "x",
            1,
            "2023-05-17",
            "talks",
            "Ararat Mirzoyan and Jeyhun Bayramov held talks in Geneva",
            people=MINISTERS,
            place="Geneva",
            trigger="talks",
        ),
    )
    (event,) = _merged(ANNOUNCED, too_early)
    assert event["status"] == "planned"


def test_a_surname_is_the_person_and_the_fuller_name_is_kept() -> None:
    short = document(
        "s",
        MAY_18,
        report(
            "s",
            1,
            "2023-05-17",
            "talks",
            "Mirzoyan and Bayramov held five hours of talks in Geneva on a peace treaty",
            people=("Mirzoyan", "Bayramov"),
            place="Geneva",
            trigger="talks",
        ),
    )
    (event,) = _merged(short, HELD)
    assert event["document"] == "s"  # the longer summary
    assert [(a["name"], a.get("document")) for a in event["actors"]] == [
        ("Ararat Mirzoyan", "c"),
        ("Jeyhun Bayramov", "c"),
    ]


def test_what_cannot_be_compared_is_never_merged() -> None:
    undated = [
        document(
            d,
            MAY_18,
            report(
                d,
                1,
                None,
                "talks",
                "Mirzoyan and Bayramov held talks in Geneva",
                people=("Mirzoyan", "Bayramov"),
                place="Geneva",
                trigger="talks",
            ),
        )
        for d in ("u", "w")
    ]
    assert [len(e.get("sources", [])) for e in _merged(*undated)] == [0, 0]
    # two reports in one document are that document's to merge, not ours
    twice = document(
        "t",
        MAY_18,
        *(
            report(
                "t",
                n,
                "2023-05-17",
                "talks",
                "Mirzoyan and Bayramov held talks in Geneva",
                people=("Mirzoyan", "Bayramov"),
                place="Geneva",
                trigger="talks",
            )
            for n in (1, 2)
        ),
    )
    events = _merged(twice, HELD)
    assert sorted(len(e.get("sources", [])) for e in events) == [0, 2]
    assert [s["event"] for e in events for s in e.get("sources", [])] == ["c:e1", "t:e1"]
    # nothing shared but the day and the kind of event
    other = document(
        "o", MAY_18, report("o", 1, "2023-05-17", "talks", "Officials held talks", trigger="talks")
    )
    assert len(_merged(other, HELD)) == 2


def test_a_deed_told_in_the_same_words_is_one_event_though_no_party_is_named() -> None:
    # background paragraphs of two stories: nobody named, the same treaty on the same year
    a = document(
        "p",
        MAY_18,
        report("p", 1, "1921", "agreement", "Signed the border treaty", trigger="treaty"),
    )
    b = document(
        "q",
        MAY_18,
        report(
            "q",
            1,
            "1921",
            "agreement",
            "The border treaty signed that ended the war",
            trigger="treaty",
        ),
    )
    assert [len(e.get("sources", [])) for e in _merged(a, b)] == [2]
    # each names the deed by another of its words: found all the same
    c = document(
        "pp",
        MAY_18,
        report(
            "pp", 1, "1953", "agreement", "Replaced the armistice agreement", trigger="agreement"
        ),
    )
    d = document(
        "qq",
        MAY_18,
        report(
            "qq",
            1,
            "1953",
            "agreement",
            "The proposal replaced the armistice with a treaty",
            trigger="armistice",
        ),
    )
    assert [len(e.get("sources", [])) for e in _merged(c, d)] == [2]
    # two words in common, but not what was done: a conference and a forum
    c = document(
        "r",
        MAY_18,
        report("r", 1, "2023", "meeting", "A human rights conference opened", trigger="conference"),
    )
    d = document(
        "s",
        MAY_18,
        report("s", 1, "2023", "meeting", "A human rights forum gathered", trigger="forum"),
    )
    assert [len(e.get("sources", [])) for e in _merged(c, d)] == [0, 0]


def test_one_deed_of_a_state_at_a_place_in_a_year_is_one_event() -> None:
    def invasion(doc: str, summary: str, place: str, trigger: str = "invaded") -> DocumentResult:
        return document(
            doc,
            MAY_18,
            report(
                doc,
                1,
                "1920",
                "military",
                summary,
                states=("Turkey",),
                place=place,
                plover="ASSAULT",
                trigger=trigger,
            ),
        )

    # background paragraphs: a state is the only party, the year the only date
    a = invasion("v", "Turkey invaded the eastern half of Armenia", "Armenia")
    b = invasion("w", "Turkish troops invaded Armenia", "Armenia")
    assert [len(e.get("sources", [])) for e in _merged(a, b)] == [2]
    # another word for what was done, or another place: not told to be one deed
    c = invasion("x", "Turkish troops attacked Armenia", "Armenia", trigger="attacked")
    d = invasion("y", "Turkish troops invaded Azerbaijan", "Azerbaijan")
    assert [len(e.get("sources", [])) for e in _merged(a, c)] == [0, 0]
    assert [len(e.get("sources", [])) for e in _merged(b, d)] == [0, 0]


def test_the_same_town_and_a_party_in_common_tell_a_meeting_without_common_words() -> None:
    # announced for a day, reported that week: "to meet" and "talks" share no word
    planned = document(
        "t",
        MAY_15,
        report(
            "t",
            1,
            "2023-05-17",
            "meeting",
            "Envoys of Armenia and Azerbaijan to meet in Geneva",
            states=("Armenia", "Azerbaijan"),
            place="Geneva",
            status="planned",
            trigger="meet",
        ),
    )
    held = document(
        "u",
        MAY_25,
        report(
            "u", 1, "2023-W20", "talks", "Failed talks in Geneva", states=("Armenia",),
            place="Geneva", trigger="talks",
        ),
    )  # fmt: skip
    assert [len(e.get("sources", [])) for e in _merged(planned, held)] == [2]
    # the same town and week, but nobody in common: another meeting there
    other = document(
        "v",
        MAY_25,
        report(
            "v", 1, "2023-W20", "talks", "Failed talks in Geneva", states=("Turkey",),
            place="Geneva", trigger="talks",
        ),
    )  # fmt: skip
    assert [len(e.get("sources", [])) for e in _merged(planned, other)] == [0, 0]


def test_types_the_plover_code_agrees_on_are_not_unrelated() -> None:
    # a killing typed military in one story, a murder typed legal in another: both ASSAULT
    killed = document(
        "k",
        MAY_18,
        report(
            "k",
            1,
            "2022",
            "military",
            "Gunmen killed four embassy guards in Bern",
            place="Bern",
            plover="ASSAULT",
            trigger="killed",
        ),
    )
    murder = document(
        "m",
        MAY_18,
        report(
            "m",
            1,
            "2022",
            "legal",
            "The killing of four embassy guards in Bern",
            place="Bern",
            plover="ASSAULT",
            trigger="killing",
        ),
    )
    assert [len(e.get("sources", [])) for e in _merged(killed, murder)] == [2]
    # the same words under two codes stay two events
    arrest = document(
        "n",
        MAY_18,
        report(
            "n",
            1,
            "2022",
            "legal",
            "The arrest of four embassy guards in Bern",
            place="Bern",
            plover="COERCE",
            trigger="arrest",
        ),
    )
    assert len(_merged(killed, arrest)) == 2


def test_one_deed_in_other_words_of_its_family_is_one_event() -> None:
    # "scrapped plans" in one story, "cancelled" in another: one person, one day
    scrapped = document(
        "s",
        MAY_18,
        report(
            "s", 1, "2023-05-16", "statement", "Pashinyan said he had scrapped plans",
            people=("Nikol Pashinyan",), trigger="said",
        ),
    )  # fmt: skip
    cancelled = document(
        "c",
        MAY_18,
        report(
            "c", 1, "2023-05-16", "other", "Pashinyan cancelled his trip to Paris",
            people=("Pashinyan",), trigger="cancelled",
        ),
    )  # fmt: skip
    assert [len(e.get("sources", [])) for e in _merged(scrapped, cancelled)] == [2]
    # the same person and day, another deed: "postponed" is not "cancelled"
    postponed = document(
        "p",
        MAY_18,
        report(
            "p", 1, "2023-05-16", "other", "Pashinyan postponed his trip to Paris",
            people=("Pashinyan",), trigger="postponed",
        ),
    )  # fmt: skip
    assert len(_merged(scrapped, postponed)) == 2


def test_aid_offered_and_aid_pledged_by_one_state_in_one_month_is_one_event() -> None:
    offered = document(
        "o", MAY_25, report(
            "o", 1, "2023-02", "statement", "Turkey offered 10 million dollars of aid",
            states=("Turkey",), plover="AGREE", trigger="offered",
        ),
    )  # fmt: skip
    pledged = document(
        "p", MAY_18, report(
            "p", 1, "2023-02", "statement", "Turkey's food aid pledged",
            states=("Turkey",), plover="AGREE", trigger="pledged",
        ),
    )  # fmt: skip
    assert [len(e.get("sources", [])) for e in _merged(offered, pledged)] == [2]


def test_one_deed_in_the_same_words_of_two_countries_is_two_events() -> None:
    # nobody named as a party in one; a demonym in one, a country in the other
    turkish = document(
        "t", MAY_18, report("t", 1, "2023-Q1", "other", "The Turkish economy grew", plover=None)
    )
    armenian = document(
        "a",
        MAY_18,
        report(
            "a", 1, "2023-Q1", "other", "Armenia's economy grew", states=("Armenia",), plover=None
        ),
    )
    assert len(_merged(turkish, armenian)) == 2
    # the same words and no country said in one of them: one deed
    unnamed = document(
        "u", MAY_18, report("u", 1, "2023-Q1", "other", "The economy grew", plover=None)
    )
    assert [len(e.get("sources", [])) for e in _merged(unnamed, armenian)] == [2]


def test_a_party_described_without_a_name_tells_no_event_apart() -> None:
    from dataclasses import replace

    from timeline.models import Actor

    def attack(doc: str, summary: str) -> DocumentResult:
        event = report(doc, 1, "2023-05-17", "military", summary, plover="ASSAULT")
        rebels = Actor("rebels", "Rebels", 0, 6, "", "source")
        return document(doc, MAY_18, replace(event, actors=(rebels,)))

    # two attacks by "rebels" on one day, in other words: nothing says they are one
    convoy = attack("c", "Rebels ambushed an army convoy")
    airport = attack("d", "Rebels shelled the airport")
    assert len(_merged(convoy, airport)) == 2


def test_a_report_naming_nobody_takes_the_parties_its_article_is_about() -> None:
    def story(doc: str, *events: object) -> DocumentResult:
        background = (
            report(doc, 8, "2023-05-10", "statement", "Armenia accused Azerbaijan", plover="ACCUSE",
                   states=("Armenia", "Azerbaijan")),
            report(doc, 9, "2023-05-11", "statement", "Azerbaijan rejected the charge",
                   plover="REJECT", states=("Azerbaijan", "Armenia")),
        )  # fmt: skip
        return document(doc, MAY_18, *background, *events)  # type: ignore[arg-type]

    named = story(
        "n",
        report("n", 1, "2023-05-22", "talks", "Armenia and Azerbaijan to hold talks in Geneva",
               states=("Armenia", "Azerbaijan"), place="Geneva", status="planned"),
    )  # fmt: skip
    bare = story("b", report("b", 1, "2023-05-22", "talks", "Talks", status="planned"))
    merged = [e for e in _merged(named, bare) if e["date"] == "2023-05-22"]
    assert [len(e.get("sources", [])) for e in merged] == [2]
    # it joins only a report of its own kind: a visit that day is another event
    visit = story("v", report("v", 1, "2023-05-22", "visit", "Visit", status="planned"))
    assert len([e for e in _merged(named, visit) if e["date"] == "2023-05-22"]) == 2
    # and an article about others lends it nothing
    elsewhere = document("e", MAY_18, report("e", 1, "2023-05-22", "talks", "Talks"))
    assert len([e for e in _merged(named, elsewhere) if e["date"] == "2023-05-22"]) == 2


def test_a_lone_name_the_recogniser_missed_is_the_surname_of_a_person() -> None:
    from dataclasses import replace

    named = document(
        "n",
        MAY_18,
        report(
            "n", 1, "1995", "election", "Nikol Pashinyan lost a referendum on his rule",
            people=("Nikol Pashinyan",), trigger="referendum",
        ),
    )  # fmt: skip
    told = report(
        "t", 1, "1995", "election", "Pashinyan lost a referendum on his rule",
        people=("Pashinyan",), trigger="referendum",
    )  # fmt: skip
    for label in ("", "GPE"):  # unlabelled, or taken for a place no gazetteer knows
        missed = replace(told, actors=tuple(replace(a, label=label) for a in told.actors))
        merged = _merged(named, document("t", MAY_18, missed))
        assert [len(e.get("sources", [])) for e in merged] == [2], label


def test_a_family_is_read_from_the_data_and_a_word_is_in_one_family_only(
    monkeypatch: MonkeyPatch,
) -> None:
    from timeline.events import lexicon

    assert lexicon.word_families()["scrap"] == "cancel"
    assert lexicon.word_families()["assassination"] == "kill"
    assert "meet" not in lexicon.word_families()  # the type says it: no family
    lines = [(3, ["cancel", "scrap"]), (4, ["drop", "scrap"])]
    monkeypatch.setattr(lexicon, "_lines", lambda name: lines)
    lexicon.word_families.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match=r"word_families\.tsv:4: 'scrap'"):
            lexicon.word_families()
    finally:
        lexicon.word_families.cache_clear()


def test_one_document_or_no_merging_is_the_documents_own_events() -> None:
    assert tl.build([HELD]).events == HELD.events
    apart = tl.build([ANNOUNCED, CONFIRMED, HELD], merge=False)
    assert sorted(e.id for e in apart.events) == ["a:e1", "b:e1", "b:e2", "c:e1"]
    assert not any(e.sources for e in apart.events)


def test_the_merged_timeline_is_valid_json_and_its_sources_are_checked() -> None:
    data = tl.build([ANNOUNCED, CONFIRMED, HELD]).to_dict()
    assert schema.validate(data) == []
    data["documents"] = [d for d in data["documents"] if d["id"] != "a"]
    assert "events[1].sources[0]: document 'a' is not among the documents" in schema.validate(data)


# --- the result depends on the set of documents only --------------------------------

PEOPLE = ("Ararat Mirzoyan", "Mirzoyan", "Jeyhun Bayramov", "Bayramov", "Ignazio Cassis")
DAYS = ("2023-05-16", "2023-05-17", "2023-05-18", "2023-W20", "2023-05")
KINDS = ("talks", "meeting", "statement", "visit")
PLACES = (None, "Geneva", "Switzerland", "Vienna")


@st.composite
def corpora(draw: st.DrawFn) -> list[DocumentResult]:
    out = []
    for n in range(draw(st.integers(1, 6))):
        doc = f"doc{n}"
        events = []
        for k in range(draw(st.integers(0, 3))):
            people = tuple(draw(st.sets(st.sampled_from(PEOPLE), max_size=2)))
            kind = draw(st.sampled_from(KINDS))
            summary = " and ".join(people or ("Officials",)) + f" held {kind}"
            events.append(
                report(
                    doc,
                    k + 1,
                    draw(st.sampled_from(DAYS)),
                    kind,
                    summary,
                    people=people,
                    place=draw(st.sampled_from(PLACES)),
                    trigger=kind,
                    status=draw(st.sampled_from(("occurred", "planned"))),
                )
            )
        anchor = draw(st.sampled_from((None, MAY_15, MAY_18)))
        out.append(document(doc, anchor, *events))
    return out


def _json(timeline: object) -> str:
    return json.dumps(timeline.to_dict(), ensure_ascii=False)  # type: ignore[attr-defined]


@settings(max_examples=150, deadline=None)
@given(corpora(), st.randoms(use_true_random=False), st.integers(1, 4))
def test_order_and_grouping_of_documents_do_not_change_a_byte(
    results: list[DocumentResult], rng: object, groups: int
) -> None:
    whole = _json(tl.build(results))
    shuffled = list(results)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _json(tl.build(shuffled)) == whole
    parts = [tl.build(shuffled[k::groups]) for k in range(groups)]
    assert _json(tl.merge(parts)) == whole
    # merging is associative: partial merges merged again
    assert _json(tl.merge([tl.merge(parts[:1]), tl.merge(parts[1:])])) == whole


def test_blocking_compares_a_report_with_its_neighbours_only(monkeypatch: MonkeyPatch) -> None:
    compared: list[tuple[int, int]] = []
    judge = crossdoc.judge

    def counted(a: Report, b: Report) -> object:
        compared.append((a.number, b.number))
        return judge(a, b)

    monkeypatch.setattr(crossdoc, "judge", counted)
    # 200 documents, one event each, every third day, all with one actor: no report
    # starts within another's days, so none is compared with another
    results = [
        document(
            f"n{k:03}",
            None,
            report(
                f"n{k:03}",
                1,
                date.fromordinal(738000 + 3 * k).isoformat(),
                "talks",
                "Bayramov held talks",
                people=("Bayramov",),
                trigger="talks",
            ),
        )
        for k in range(200)
    ]
    assert crossdoc.candidates(crossdoc.reports(results)) == []
    assert compared == []
    # on one day, each is compared with at most WINDOW of the others for its one key
    same_day = [
        document(
            f"s{k:03}",
            None,
            report(
                f"s{k:03}",
                1,
                "2023-05-17",
                "talks",
                "Bayramov held talks",
                people=("Bayramov",),
                trigger="talks",
            ),
        )
        for k in range(200)
    ]
    groups = crossdoc.clusters(crossdoc.reports(same_day))
    assert len(compared) == sum(min(crossdoc.WINDOW, 199 - k) for k in range(200))
    # one event reported 200 times, but one report a document
    assert [len(g) for g in groups] == [200]
