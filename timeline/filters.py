"""Slicing a timeline: by date, type, status, actor and place.

Works on the JSON document (`Timeline.to_dict()`), so `extract` and `export`
slice the same way; `apply` returns a new document with every document kept
and only the matching events (all criteria must hold).

Dates: `--since` and `--until` take a TIMEX3 date (`2022`, `2022-01`,
`2022-01-11`, `2022-W02`, `2022-Q1`, ...), both inclusive: `--since` starts
at the first day of its value, `--until` ends at the last day of its value,
so `--until 2022-01` keeps all of January. An event is kept when the days its
date covers intersect that range: an event dated `2022` is kept by
`--since 2022-01-11` (it may well be on or after that day) and an event dated
`2022-W02` (10-16 January) by `--until 2022-01-11`. Times compare by their
day. Events with no date, or a date that cannot be placed (`XXXX-WXX-2`), are
left out as soon as `--since` or `--until` is given.

`--actor` keeps the events an actor takes part in, an entity timeline
(SemEval-2015 Task 4): an actor whose name holds the given words as whole
words ("Airbus" is in "Airbus Industrie", "Kerry" in "John Kerry", "US" is
not in "Russia"), or has the same key (`gazetteer.actor_key`: "U.S.",
"United States" and "American" are one), or is the country given
("--actor Iran": the actors whose country is Iran), or whose name is the
surname of the person given, with the same first initial if any
("--actor 'Steve Jobs'": "Jobs", "Steven P. Jobs"), or a shorter name of
the body given that ends as it ends ("--actor 'Beatles Apple Corps'":
"Apple Corps"). On an event
merged across documents, every report's actors count. `--place` matches a
case-insensitive substring of the location's name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from timeline.errors import UsageError
from timeline.events.lexicon import plover_name
from timeline.intervals import Interval, parse_value
from timeline.schema import EVENT_TYPES, PLOVER_TYPES, STATUSES


def _vocabulary_name(given: str) -> str:
    """An event type as our vocabulary (lower case) or PLOVER's (upper case) spells it."""
    lower = given.strip().lower()
    return lower if lower in EVENT_TYPES else plover_name(given)


@dataclass(frozen=True, slots=True)
class Filter:
    """What to keep. Build with `Filter.from_options` to have the values checked."""

    since: date | None = None
    until: date | None = None
    types: frozenset[str] = frozenset()
    status: str | None = None
    actor: str | None = None
    place: str | None = None

    @classmethod
    def from_options(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        types: Iterable[str] = (),
        status: str | None = None,
        actor: str | None = None,
        place: str | None = None,
    ) -> Filter:
        """Check option values and build the filter; UsageError names the bad one."""
        first = _bound(since, "--since").first if since else None
        last = _bound(until, "--until").last if until else None
        if first and last and first > last:
            raise UsageError(f"--since {since} is after --until {until}", source="--since")
        # our types are lower case, PLOVER's upper case: either vocabulary is accepted
        # ("meeting", "CONSULT", "consult"; PLOVER 0.5b1 names as their 2021 names)
        given = {t.strip(): _vocabulary_name(t) for t in types}
        wanted = frozenset(given.values())
        unknown = sorted(t for t, name in given.items() if name not in EVENT_TYPES + PLOVER_TYPES)
        if unknown:
            raise UsageError(
                f"unknown event type {', '.join(unknown)}: choose among "
                f"{', '.join(EVENT_TYPES)}, or a PLOVER type ({', '.join(PLOVER_TYPES)})",
                source="--type",
            )
        if status is not None and status.strip().lower() not in STATUSES:
            raise UsageError(
                f"unknown status {status!r}: choose {' or '.join(STATUSES)}", source="--status"
            )
        return cls(
            since=first,
            until=last,
            types=wanted,
            status=status.strip().lower() if status else None,
            actor=actor.strip() if actor and actor.strip() else None,
            place=place.casefold() if place else None,
        )

    @property
    def is_empty(self) -> bool:
        return self == Filter()

    def keeps(self, event: Mapping[str, Any]) -> bool:
        """True when the event matches every criterion."""
        if self.types and not ({event["type"], event.get("plover")} & self.types):
            return False
        if self.status and event["status"] != self.status:
            return False
        if self.actor and not any(actor_matches(self.actor, a) for a in event["actors"]):
            return False
        if self.place:
            location = event.get("location")
            if not location or self.place not in location["name"].casefold():
                return False
        if self.since or self.until:
            interval = parse_value(event.get("date"))
            if interval is None or not interval.intersects(self.since, self.until):
                return False
        return True


def actor_matches(wanted: str, actor: Mapping[str, Any]) -> bool:
    """Whether an actor (a JSON actor record) is the one `--actor wanted` names."""
    from timeline import gazetteer

    query = gazetteer.fold(wanted).split()
    if not query:
        return False
    name = str(actor.get("name") or "")
    for written in (name, str(actor.get("text") or "")):
        if _holds(gazetteer.fold(written).split(), query):
            return True
    key = gazetteer.actor_key(wanted)
    if key and key == gazetteer.actor_key(name):
        return True
    country = gazetteer.country(wanted, metonyms=False)
    if (
        country is not None
        and actor.get("label") in ("GPE", "NORP", "ORG")
        and actor.get("country") == country.alpha3
    ):
        return True
    words = gazetteer.fold(name).split()
    # a shorter name of a body, ending as the name given ends: "Apple Corps" for
    # "Beatles Apple Corps"
    if actor.get("label") != "PERSON" and len(words) >= 2 and query[-len(words) :] == words:
        return True
    # a person by surname and first initial: "Wendy Sherman" is "Wendy R. Sherman"
    if actor.get("label") != "PERSON" or not words or words[-1] != query[-1]:
        return False
    return len(words) == 1 or len(query) == 1 or words[0][0] == query[0][0]


def _holds(words: list[str], query: list[str]) -> bool:
    """`query` is a run of whole words of `words`."""
    n = len(query)
    return any(words[k : k + n] == query for k in range(len(words) - n + 1))


def _bound(value: str, option: str) -> Interval:
    interval = parse_value(value.strip())
    if interval is None:
        raise UsageError(
            f"not a date: {value!r} (use YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Www or YYYY-Qn)",
            source=option,
        )
    return interval


def apply(data: Mapping[str, Any], spec: Filter) -> dict[str, Any]:
    """A copy of the timeline document with only the events `spec` keeps."""
    out = dict(data)
    out["events"] = [event for event in data["events"] if spec.keeps(event)]
    return out
