"""A realistic two-document timeline, built from the records, for exporter tests.

Its fixtures (timeline, data, texts, seed_only) are made available by conftest.py.

The first document is an excerpt of the seed article (Geneva talks on Monday
10 January 2022, Brussels on Tuesday, the Russia-NATO Council on Wednesday,
the OSCE in Vienna on Thursday, the 2014 invasion). The second is awkward on
purpose: pipes, quotes, commas, semicolons, backslashes, `<`, `&`, non-ASCII
names, a line break inside a name, CRLF line ends, an undated event, a week,
a time of day, and two nested temporal expressions.

Event ids are descriptive so that filter tests read as what they mean.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from timeline.models import (
    Actor,
    Document,
    DocumentResult,
    Event,
    Mention,
    Place,
    Reported,
    Span,
    TimeExpression,
    Timeline,
)

SEED_TEXT = (
    "US-Russian talks on Ukraine end after eight hours without agreement\n\n\n\n"
    "Skeptical Russian and American officials held eight hours of “frank and direct” talks "
    "on Monday to avoid war in Ukraine on Monday, but came up with little more than an "
    "agreement to continue talking.\n\n"
    "Deputy Secretary of State Wendy R. Sherman, who led the U.S. delegation to the Geneva "
    "meeting, declined to say whether she believed Russia’s assurances that it had no "
    "intention of invading the former Soviet republic.\n\n"
    "The Biden administration, along with most of Europe, is increasingly alarmed by the "
    "military movement of Russian forces. Russia invaded in 2014 and continues to occupy the "
    "Crimean peninsula of Ukraine; Putin claims the annexed region as Russian.\n\n"
    "Sherman and his entourage will continue diplomatic rounds on Tuesday, with consultations "
    "in Brussels\nwith the North Atlantic Treaty Organization and various European Union "
    "officials. A Russia-NATO Council session follows on Wednesday, and a 57-member meeting "
    "of the Permanent Council of the Organization for Security and Cooperation in Europe in "
    "Vienna on Thursday.\n"
)

AWKWARD_NAME = "Zelenskyy | “Kyiv”, Ünal\nline2"

AWKWARD_TEXT = (
    f'{AWKWARD_NAME} said sanctions, if any, were "decided; not \\ announced" <yet> & final.'
    "\r\n"
    "Officials held talks this week with Ünal Çelik.\r\n"
    "A phone call between Çelik and Kuleba is set for 3 p.m. on Tuesday.\r\n"
    "Ministers will meet in Genève, Switzerland on Wednesday, the ministry said.\r\n"
)

VIENNA_SENTENCE = (
    "A Russia-NATO Council session follows on Wednesday, and a 57-member meeting of the "
    "Permanent Council of the Organization for Security and Cooperation in Europe in Vienna "
    "on Thursday."
)

SEED_ID = "000_12fa4de552d0c0ef"
AWKWARD_ID = "kyiv-1"

# The event ids in timeline order.
ORDER = [
    "invasion-2014",
    "talks-week",
    "geneva-talks",
    "brussels-consultations",
    "call-3pm",
    "nato-council",
    "meeting-geneve",
    "osce-vienna",
    "statement-undated",
]


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of needle in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def span(text: str, needle: str, nth: int = 0, label: str = "", name: str | None = None) -> Span:
    start, end = at(text, needle, nth)
    return Span(name=name if name is not None else needle, start=start, end=end, label=label)


def actor(
    text: str,
    needle: str,
    nth: int = 0,
    label: str = "",
    role: str = "source",
    country: str | None = None,
    name: str | None = None,
) -> Actor:
    start, end = at(text, needle, nth)
    return Actor(name or needle, needle, start, end, label, role, country)


def place(
    text: str,
    needle: str,
    country: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Place:
    start, end = at(text, needle)
    return Place(needle, start, end, country, lat, lon)


def timex(
    text: str, needle: str, type_: str, value: str, nth: int = 0, **kw: Any
) -> TimeExpression:
    start, end = at(text, needle, nth)
    return TimeExpression(start=start, end=end, text=needle, type=type_, value=value, **kw)  # type: ignore[arg-type]


def event(
    text: str,
    doc_id: str,
    id_: str,
    *,
    trigger: tuple[str, int],
    sentence: str,
    date: str | None,
    date_text: str,
    granularity: str | None,
    type_: str,
    status: str,
    summary: str,
    location: Place | None = None,
    actors: tuple[Actor, ...] = (),
    mentions: tuple[str, ...] = (),
    plover: str | None = None,
    reported: tuple[Reported, ...] = (),
) -> Event:
    start, end = at(text, sentence)
    return Event(
        id=id_,
        document=doc_id,
        date=date,
        date_text=date_text,
        dated_by="text" if date_text else None,
        granularity=granularity,
        type=type_,
        status=status,  # type: ignore[arg-type]
        summary=summary,
        trigger=span(text, trigger[0], trigger[1]),
        location=location,
        actors=actors,
        sentence=sentence,
        start=start,
        end=end,
        mentions=tuple(Mention(*at(text, m), m) for m in mentions),
        plover=plover,
        reported=reported,
    )


def build_timeline() -> Timeline:
    t, a = SEED_TEXT, AWKWARD_TEXT
    seed_doc = Document(
        id=SEED_ID,
        text=t,
        source=f"seeds/{SEED_ID}.txt",
        anchor=date(2022, 1, 10),
        anchor_source="option",
    )
    awkward_doc = Document(
        id=AWKWARD_ID,
        text=a,
        source="news.jsonl",
        anchor=date(2022, 1, 11),
        anchor_source="metadata",
        title="Sanctions, “Kyiv” | Ünal; a <test> & more",
        url="https://example.org/news?id=1&x=2",
    )
    seed_timexes = (
        timex(t, "eight hours", "DURATION", "PT8H"),
        timex(t, "eight hours", "DURATION", "PT8H", nth=1),
        timex(t, "Monday", "DATE", "2022-01-10"),
        timex(t, "Monday", "DATE", "2022-01-10", nth=1),
        timex(t, "2014", "DATE", "2014"),
        timex(t, "Tuesday", "DATE", "2022-01-11"),
        timex(t, "Wednesday", "DATE", "2022-01-12"),
        timex(t, "Thursday", "DATE", "2022-01-13"),
    )
    awkward_timexes = (
        timex(a, "this week", "DATE", "2022-W02"),
        timex(a, "3 p.m. on Tuesday", "TIME", "2022-01-11T15:00"),
        timex(a, "Tuesday", "DATE", "2022-01-11"),  # inside the one before
        timex(a, "Wednesday", "DATE", "2022-01-12"),
    )
    ev = {
        "invasion-2014": event(
            t,
            SEED_ID,
            "invasion-2014",
            trigger=("invaded", 0),
            sentence=(
                "Russia invaded in 2014 and continues to occupy the Crimean peninsula of "
                "Ukraine; Putin claims the annexed region as Russian."
            ),
            date="2014",
            date_text="2014",
            granularity="year",
            type_="military",
            status="occurred",
            summary="Russia invaded Ukraine",
            location=place(t, "Crimean peninsula", "UKR"),
            actors=(actor(t, "Russia", 4, "GPE", country="RUS"),),
            plover="ASSAULT",
        ),
        "geneva-talks": event(
            t,
            SEED_ID,
            "geneva-talks",
            trigger=("talks", 1),
            sentence=(
                "Skeptical Russian and American officials held eight hours of “frank and "
                "direct” talks on Monday to avoid war in Ukraine on Monday, but came up with "
                "little more than an agreement to continue talking."
            ),
            date="2022-01-10",
            date_text="Monday",
            granularity="day",
            type_="talks",
            status="occurred",
            summary="Russian and American officials held “frank and direct” talks",
            location=place(t, "Geneva", "CHE", 46.20222, 6.14569),
            actors=(
                actor(t, "Russian", 1, "NORP", country="RUS", name="Russia"),
                actor(t, "American", 0, "NORP", country="USA", name="United States"),
                actor(t, "Wendy R. Sherman", 0, "PERSON"),
            ),
            plover="CONSULT",
            mentions=("talks on Monday", "the Geneva meeting"),
        ),
        "brussels-consultations": event(
            t,
            SEED_ID,
            "brussels-consultations",
            trigger=("consultations", 0),
            sentence="Sherman and his entourage will continue diplomatic rounds on Tuesday, with "
            "consultations in Brussels\nwith the North Atlantic Treaty Organization and various "
            "European Union officials.",
            date="2022-01-11",
            date_text="Tuesday",
            granularity="day",
            type_="meeting",
            status="planned",
            summary="Sherman holds consultations with NATO and European Union officials",
            location=place(t, "Brussels", "BEL", 50.85045, 4.34878),
            actors=(
                actor(t, "Sherman", 1, "PERSON", name="Wendy R. Sherman"),
                actor(t, "North Atlantic Treaty Organization", 0, "ORG", "target"),
                actor(t, "European Union", 0, "ORG", "target"),
            ),
            plover="CONSULT",
        ),
        "nato-council": event(
            t,
            SEED_ID,
            "nato-council",
            trigger=("session", 0),
            sentence=VIENNA_SENTENCE,
            date="2022-01-12",
            date_text="Wednesday",
            granularity="day",
            type_="meeting",
            status="planned",
            summary="Russia-NATO Council session",
            actors=(actor(t, "Russia-NATO Council", 0, "ORG"),),
            plover="CONSULT",
        ),
        "osce-vienna": event(
            t,
            SEED_ID,
            "osce-vienna",
            trigger=("meeting", 1),
            sentence=VIENNA_SENTENCE,
            date="2022-01-13",
            date_text="Thursday",
            granularity="day",
            type_="meeting",
            status="planned",
            summary="57-member meeting of the OSCE Permanent Council",
            location=place(t, "Vienna", "AUT", 48.20849, 16.37208),
            actors=(actor(t, "Organization for Security and Cooperation in Europe", 0, "ORG"),),
            plover="CONSULT",
        ),
        "statement-undated": event(
            a,
            AWKWARD_ID,
            "statement-undated",
            trigger=("said", 0),
            sentence=AWKWARD_TEXT.split("\r\n")[0],
            date=None,
            date_text="",
            granularity=None,
            type_="statement",
            status="occurred",
            summary=f"{AWKWARD_NAME} said sanctions, if any, were “decided; not \\ announced”",
            actors=(actor(a, AWKWARD_NAME, 0, "PERSON"),),
        ),
        "talks-week": event(
            a,
            AWKWARD_ID,
            "talks-week",
            trigger=("talks", 0),
            sentence="Officials held talks this week with Ünal Çelik.",
            date="2022-W02",
            date_text="this week",
            granularity="week",
            type_="talks",
            status="occurred",
            summary="Officials held talks with Ünal Çelik",
            actors=(actor(a, "Ünal Çelik", 0, "PERSON", "target"),),
            plover="CONSULT",
        ),
        "call-3pm": event(
            a,
            AWKWARD_ID,
            "call-3pm",
            trigger=("phone call", 0),
            sentence="A phone call between Çelik and Kuleba is set for 3 p.m. on Tuesday.",
            date="2022-01-11T15:00",
            date_text="3 p.m. on Tuesday",
            granularity="time",
            type_="phone_call",
            status="planned",
            summary="Phone call between Çelik and Kuleba",
            actors=(
                actor(a, "Çelik", 1, "PERSON", name="Ünal Çelik"),
                actor(a, "Kuleba", 0, "PERSON", country="UKR"),
            ),
            plover="CONSULT",
        ),
        "meeting-geneve": event(
            a,
            AWKWARD_ID,
            "meeting-geneve",
            trigger=("meet", 0),
            sentence="Ministers will meet in Genève, Switzerland on Wednesday, the ministry said.",
            date="2022-01-12",
            date_text="Wednesday",
            granularity="day",
            type_="meeting",
            status="planned",
            summary="Ministers meet in Genève, Switzerland; “final” round \\ 2 | <b>bold</b>",
            location=place(a, "Genève, Switzerland", "CHE", 46.20222, 6.14569),
            actors=(actor(a, "Ministers", 0, "NORP"),),
            plover="CONSULT",
            reported=(Reported("the ministry", "2022-01-11", None, span(a, "said", 1)),),
        ),
    }
    seed_ids = {"invasion-2014", "geneva-talks", "brussels-consultations", "nato-council"}
    seed_ids.add("osce-vienna")
    return Timeline(
        documents=(
            DocumentResult(
                seed_doc,
                seed_timexes,
                tuple(ev[i] for i in ORDER if i in seed_ids),
            ),
            DocumentResult(
                awkward_doc,
                awkward_timexes,
                tuple(ev[i] for i in ORDER if i not in seed_ids),
            ),
        ),
        events=tuple(ev[i] for i in ORDER),
    )


@pytest.fixture
def timeline() -> Timeline:
    return build_timeline()


@pytest.fixture
def data(timeline: Timeline) -> dict[str, Any]:
    return timeline.to_dict()


@pytest.fixture
def texts() -> dict[str, str]:
    return {SEED_ID: SEED_TEXT, AWKWARD_ID: AWKWARD_TEXT}


@pytest.fixture
def seed_only(data: dict[str, Any]) -> dict[str, Any]:
    """The timeline of the seed excerpt alone."""
    out = dict(data)
    out["documents"] = [d for d in data["documents"] if d["id"] == SEED_ID]
    out["events"] = [e for e in data["events"] if e["document"] == SEED_ID]
    return out
