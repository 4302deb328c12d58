"""Slicing the timeline: the exact events each filter keeps."""

from __future__ import annotations

from typing import Any

import pytest

from tests.sample import ORDER
from timeline.errors import UsageError
from timeline.filters import Filter, apply


def kept(data: dict[str, Any], **options: Any) -> list[str]:
    result = apply(data, Filter.from_options(**options))
    assert result["documents"] == data["documents"]
    return [event["id"] for event in result["events"]]


def test_no_filter_keeps_everything(data: dict[str, Any]) -> None:
    assert Filter.from_options().is_empty
    assert kept(data) == ORDER


def test_apply_returns_a_new_document(data: dict[str, Any]) -> None:
    before = [event["id"] for event in data["events"]]
    result = apply(data, Filter.from_options(types=["sanction"]))
    assert result["events"] == [] and result is not data
    assert [event["id"] for event in data["events"]] == before


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        # A day: the day itself, the week around it, and times on it; not the year 2014.
        (
            {"since": "2022-01-11", "until": "2022-01-11"},
            ["talks-week", "brussels-consultations", "call-3pm"],
        ),
        (
            {"since": "2022-01-12"},
            ["talks-week", "nato-council", "meeting-geneve", "osce-vienna"],
        ),
        ({"until": "2022-01-09"}, ["invasion-2014"]),
        ({"until": "2014"}, ["invasion-2014"]),
        # A year since: 2014 only, 2022 everything dated.
        ({"since": "2014", "until": "2014-12-31"}, ["invasion-2014"]),
        ({"since": "2015", "until": "2021"}, []),
        # TIMEX3 forms as bounds: a week, a month.
        (
            {"since": "2022-W02", "until": "2022-W02"},
            [i for i in ORDER if i not in ("invasion-2014", "statement-undated")],
        ),
        ({"since": "2014-06"}, [i for i in ORDER if i not in ("statement-undated",)]),
        ({"since": "2022-01-13T09:00"}, ["talks-week", "osce-vienna"]),
    ],
)
def test_dates(data: dict[str, Any], options: dict[str, Any], expected: list[str]) -> None:
    assert kept(data, **options) == expected


def test_a_year_overlaps_a_day_inside_it(data: dict[str, Any]) -> None:
    data["events"][0]["date"] = "2022"
    assert "invasion-2014" in kept(data, since="2022-01-11", until="2022-01-11")


def test_unresolved_dates_are_left_out_by_date_filters(data: dict[str, Any]) -> None:
    data["events"][0]["date"] = "XXXX-WXX-2"
    assert "invasion-2014" not in kept(data, until="2030")
    assert "invasion-2014" in kept(data, types=["military"])


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"types": ["talks"]}, ["talks-week", "geneva-talks"]),
        ({"types": ["talks", "phone_call"]}, ["talks-week", "geneva-talks", "call-3pm"]),
        ({"types": ["Statement"]}, ["statement-undated"]),
        (
            {"status": "planned"},
            ["brussels-consultations", "call-3pm", "nato-council", "meeting-geneve", "osce-vienna"],
        ),
        (
            {"status": "occurred"},
            ["invasion-2014", "talks-week", "geneva-talks", "statement-undated"],
        ),
        ({"actor": "sherman"}, ["geneva-talks", "brussels-consultations"]),
        ({"actor": "ÇELIK"}, ["talks-week", "call-3pm"]),
        ({"actor": "kyiv”, ünal\nline2"}, ["statement-undated"]),
        # actor names, not summaries; "NATO" is the North Atlantic Treaty Organization
        ({"actor": "nato"}, ["brussels-consultations", "nato-council"]),
        ({"actor": "US"}, ["geneva-talks"]),  # the "American" officials, not "Russia"
        ({"actor": "Wendy Sherman"}, ["geneva-talks", "brussels-consultations"]),
        ({"actor": "russian"}, ["invasion-2014", "geneva-talks"]),  # Russia's key
        ({"actor": "endy"}, []),  # whole words only
        ({"place": "gen"}, ["geneva-talks", "meeting-geneve"]),
        ({"place": "vienna"}, ["osce-vienna"]),
        ({"place": "Moscow"}, []),
        ({"status": "planned", "place": "genève"}, ["meeting-geneve"]),
        (
            {"types": ["meeting"], "since": "2022-01-12", "actor": "organization"},
            ["osce-vienna"],
        ),
    ],
)
def test_type_status_actor_place(
    data: dict[str, Any], options: dict[str, Any], expected: list[str]
) -> None:
    assert kept(data, **options) == expected


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"since": "last week"}, "not a date: 'last week'"),
        ({"until": "2022-02-30"}, "not a date"),
        ({"since": "XXXX-01-11"}, "not a date"),
        ({"since": "2022-02", "until": "2022-01"}, "is after --until"),
        ({"types": ["talks", "party"]}, "unknown event type party"),
        ({"status": "cancelled"}, "unknown status 'cancelled'"),
    ],
)
def test_bad_values_are_usage_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        Filter.from_options(**options)
