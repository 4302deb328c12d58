"""Wire datelines, timestamp lines and bylines: recognised, dated, and kept out of the story."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from timeline import anchor
from timeline.anchor import Dateline, Heading
from timeline.models import DocumentResult


@pytest.mark.parametrize("rule", anchor.dateline_rules(), ids=lambda r: r.name)
def test_every_rule_matches_its_own_example(rule: anchor.DatelineRule) -> None:
    assert rule.pattern.search(rule.example) is not None
    found = anchor.heading(rule.example)
    assert found.spans, f"{rule.example!r} gave no heading"


@pytest.mark.parametrize(
    ("text", "city", "region", "agency", "day", "rule", "story"),
    [
        (
            "BEIJING Jan 9 (Reuters) - China and Japan agreed to resume talks.",
            "BEIJING", None, "Reuters", (1, 9, None), "city-date-agency", "China and",
        ),
        (
            "ANKARA (Reuters) - Turkey summoned the Greek ambassador on Tuesday.",
            "ANKARA", None, "Reuters", (None, None, None), "city-agency", "Turkey",
        ),
        (
            "CAIRO - Agence France-Presse\n\nEgypt will host the talks next week.",
            "CAIRO", None, "Agence France-Presse", (None, None, None), "city-dash-agency", "Egypt",
        ),
        (
            "OSLO, Jan. 10 (AP) — The two foreign ministers will meet on Wednesday.",
            "OSLO", None, "Associated Press", (1, 10, None), "city-date-agency", "The two",
        ),
        (
            "WASHINGTON, March 5 (Xinhua) -- The United States said it would send an envoy.",
            "WASHINGTON", None, "Xinhua", (3, 5, None), "city-date-agency", "The United",
        ),
        (
            "UNITED NATIONS, April 2 (AFP) - The Security Council met in closed session.",
            "UNITED NATIONS", None, "Agence France-Presse", (4, 2, None), "city-date-agency",
            "The Security",
        ),
        (
            "GENEVA, Jan. 10, 2022 (Reuters) - Talks began.",
            "GENEVA", None, "Reuters", (1, 10, 2022), "city-date-agency", "Talks began",
        ),
        (
            "MAR DEL PLATA, Argentina, Nov. 5 (Xinhua) -- Leaders of the Americas met.",
            "MAR DEL PLATA", "Argentina", "Xinhua", (11, 5, None), "city-date-agency", "Leaders",
        ),
        (
            "NAIROBI, Kenya (AP) _\n\nTwo bombs exploded outside the embassy.",
            "NAIROBI", "Kenya", "Associated Press", (None, None, None), "city-agency", "Two bombs",
        ),
        (
            "THE HAGUE, Netherlands (AP)_ The World Court rejected the objections.",
            "THE HAGUE", "Netherlands", "Associated Press", (None, None, None), "city-agency",
            "The World",
        ),
        (
            "NEW YORK _ A woman was killed on Thursday evening.",
            "NEW YORK", None, None, (None, None, None), "city-underscore", "A woman",
        ),
        (
            # a source no list knows, between a date and a dash: a dateline all the same
            "RIGA, Feb. 3, 2023 (Baltic Wire) - Latvia recalled its envoy.",
            "RIGA", None, None, (2, 3, 2023), "city-date-source", "Latvia",
        ),
        (
            "HANOI, Nov. 27 (Xinhua) Vietnam expects a larger sugar crop.",
            "HANOI", None, "Xinhua", (11, 27, None), "city-date-agency", "Vietnam",
        ),
        (
            "LUSAKA, Nov.3 (Xinhua)--- Zambia's output rose.",
            "LUSAKA", None, "Xinhua", (11, 3, None), "city-date-agency", "Zambia",
        ),
        (
            "WASHINGTON, Jan. 10 -- The talks ended.",
            "WASHINGTON", None, None, (1, 10, None), "city-date", "The talks",
        ),
    ],
)  # fmt: skip
def test_dateline_forms(
    text: str,
    city: str,
    region: str | None,
    agency: str | None,
    day: tuple[int | None, int | None, int | None],
    rule: str,
    story: str,
) -> None:
    found = anchor.dateline(text)
    assert found is not None
    assert (found.city, found.region, found.agency) == (city, region, agency)
    assert (found.month, found.day, found.year) == day
    assert found.rule == rule
    assert found.start == 0
    assert text[anchor.dateline_end(text) :].startswith(story)
    assert text[found.start : found.end] == text[: anchor.dateline_end(text)].rstrip()


def test_a_heading_of_three_lines() -> None:
    text = (
        "Mon Mar 3, 2014 4:12pm EST\n"
        "By John Smith, Reuters\n\n"
        "BEIJING, March 3 (Reuters) - Chinese and Russian envoys will meet on Wednesday."
    )
    found = anchor.heading(text)
    assert found == Heading(
        dateline=Dateline(
            start=51,
            end=79,
            city="BEIJING",
            region=None,
            agency="Reuters",
            month=3,
            day=3,
            year=None,
            rule="city-date-agency",
        ),
        timestamp=date(2014, 3, 3),
        byline="John Smith",
        spans=((0, 26), (27, 49), (51, 79)),
        end=80,
    )
    assert [text[s:e] for s, e in found.spans] == [
        "Mon Mar 3, 2014 4:12pm EST",
        "By John Smith, Reuters",
        "BEIJING, March 3 (Reuters) -",
    ]
    assert anchor.from_text(text) == (date(2014, 3, 3), "timestamp-line")


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By John Smith, Reuters", "John Smith"),
        ("by Xinhua writer Tian Sulei", "Xinhua writer Tian Sulei"),
        ("By Sportswriter Wang Lei", "Sportswriter Wang Lei"),
        ("By Chen Siwu, Gui Juan", "Chen Siwu, Gui Juan"),
        ("By Saud Abu Ramadan", "Saud Abu Ramadan"),
        ("BY MARIA DE LA CRUZ and Tom Hale", "MARIA DE LA CRUZ and Tom Hale"),
    ],
)
def test_bylines(line: str, names: str) -> None:
    text = f"{line}\n\nThe ministers met in Rome on Monday."
    found = anchor.heading(text)
    assert found.byline == names
    assert text[found.end :] == "The ministers met in Rome on Monday."


@pytest.mark.parametrize(
    "text",
    [
        "US - Russia talks resume in Geneva\n\nThe talks open on Monday.",
        "WASHINGTON is preparing new sanctions against Iran.",
        "NATO (North Atlantic Treaty Organization) - a history.",
        "By Monday the talks had ended.",
        "By then, the envoys had left.",
        "Diplomats met in GENEVA, on Monday - and agreed.",
        "CAIRO - AFP reported that the talks had ended.",  # a sentence, not a dateline
        "The talks ended on Monday.",
        "",
    ],
)
def test_what_merely_looks_like_a_heading(text: str) -> None:
    assert anchor.heading(text) == Heading()
    assert anchor.dateline_end(text) == 0


def test_a_dateline_past_the_opening_lines_is_no_dateline() -> None:
    text = "The talks went on. " * 40 + "\n\nGENEVA, Jan. 10 (Reuters) - More talks."
    assert anchor.dateline(text) is None


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("GENEVA, Jan. 10, 2022 (Reuters) - Talks began.", (date(2022, 1, 10), "dateline")),
        ("BEIJING Jan 9 (Reuters) - Talks began.", None),  # no year, no other evidence
        (
            "BEIJING Jan 9 (Reuters) - Talks began.\n\n(c) Reuters 2014",
            None,  # a year after the agency is not a copyright line's
        ),
        (
            "BEIJING Jan 9 (Reuters) - Talks began.\n\n(c) 2014 Reuters",
            (date(2014, 1, 9), "dateline"),
        ),
        (
            "Copyright 1998 Agence France-Presse\n\nPARIS, Feb. 3 (AFP) - Talks began.",
            (date(1998, 2, 3), "dateline"),
        ),
        ("CAIRO, Feb. 30 (AFP) - Talks began.\n\n© 1997 AFP", None),  # no such day
        ("ANKARA (Reuters) - Talks began.", None),
    ],
)
def test_the_anchor_a_dateline_gives(text: str, found: tuple[date, str] | None) -> None:
    assert anchor.from_text(text) == found


def test_a_yearless_dateline_takes_the_year_it_is_given() -> None:
    found = anchor.dateline("UNITED NATIONS, April 2 (AFP) - The council met.")
    assert found is not None
    assert found.date() is None
    assert found.date(1997) == date(1997, 4, 2)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("OSLO, Jan. 10 (AP) — Talks.", ("Oslo", "city", "NOR")),
        ("MAR DEL PLATA, Argentina, Nov. 5 (Xinhua) -- Talks.", ("Mar del Plata", "city", "ARG")),
        ("BUFFALO, N.Y. (AP) --\n\nTalks.", ("Buffalo", "city", "USA")),
        ("WASHINGTON (AP) -- Talks.", ("Washington", "city", "USA")),
    ],
)
def test_the_dateline_city_is_normalised(text: str, place: tuple[str, str, str]) -> None:
    found = anchor.dateline(text)
    assert found is not None
    where = found.place()
    assert where is not None and (where.name, where.kind, where.alpha3) == place


def test_a_dateline_city_the_gazetteer_does_not_know() -> None:
    found = anchor.dateline("UNITED NATIONS, April 2 (AFP) - The council met.")
    assert found is not None and found.place() is None


def test_no_event_comes_from_the_heading(run: Callable[..., DocumentResult]) -> None:
    text = (
        "Mon Mar 3, 2014 4:12pm EST\n"
        "By John Smith, Reuters\n\n"
        "BEIJING, March 3 (Reuters) - Chinese and Russian envoys will meet in Beijing on Wednesday."
    )
    result = run(text, date(2014, 3, 3))
    story = anchor.dateline_end(text)
    assert result.events, "the story's own event is found"
    for event in result.events:
        assert event.start >= story
        assert "Reuters" not in event.summary and "Smith" not in event.summary
        assert all(a.start >= story for a in event.actors)
