"""The JSON Schema describes real output, and saved JSON is checked against it."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from tests.sample import build_timeline
from timeline import models
from timeline.errors import InputError
from timeline.models import TimeExpression
from timeline.schema import EVENT_TYPES, SCHEMA, SCHEMA_VERSION, check, schema_errors, validate

VALIDATOR = Draft202012Validator(SCHEMA)


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA_VERSION == models.SCHEMA_VERSION
    json.dumps(SCHEMA)  # printable as JSON by `timeline schema`


def test_real_output_is_valid(data: dict[str, Any]) -> None:
    VALIDATOR.validate(data)
    assert validate(data) == []


def test_output_survives_a_json_round_trip(data: dict[str, Any]) -> None:
    again = json.loads(json.dumps(data, ensure_ascii=False))
    VALIDATOR.validate(again)
    assert again == data


def test_timex_mod_is_optional_and_described() -> None:
    timex = TimeExpression(0, 4, "2014", "DATE", "2014", mod="APPROX").to_dict()
    assert schema_errors(timex, "timex") == []
    assert schema_errors({**timex, "mod": 3}, "timex") == ["mod: 3 is not of type 'string'"]


@pytest.mark.parametrize("anchor", ["document", 17, None])
def test_timex_anchor_is_the_document_an_offset_or_nothing(anchor: str | int | None) -> None:
    timex = TimeExpression(30, 36, "June 12", "DATE", "1944-06-12", anchor=anchor).to_dict()
    assert timex["anchor"] == anchor
    assert schema_errors(timex, "timex") == []
    assert list(Draft202012Validator(SCHEMA["$defs"]["timex"]).iter_errors(timex)) == []


@pytest.mark.parametrize("anchor", ["the war", -1, 2.5])
def test_timex_anchor_of_another_kind_is_refused(anchor: object) -> None:
    timex = TimeExpression(30, 36, "June 12", "DATE", "1944-06-12").to_dict() | {"anchor": anchor}
    errors = schema_errors(timex, "timex")
    assert (
        len(errors) == 1 and errors[0].startswith("anchor") and "not valid under any" in errors[0]
    )
    assert list(Draft202012Validator(SCHEMA["$defs"]["timex"]).iter_errors(timex)) != []


def test_event_types_are_those_the_pipeline_writes() -> None:
    from timeline import events

    assert EVENT_TYPES == events.EVENT_TYPES
    assert "phone_call" in EVENT_TYPES and "other" in EVENT_TYPES and len(EVENT_TYPES) == 13


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("events"), "the document: 'events' is a required property"),
        (lambda d: d.update(extra=1), "the document: Additional properties are not allowed"),
        (lambda d: d.update(schema_version="2.0.0"), "schema_version: '2.0.0' does not match"),
        (lambda d: d["events"][0].update(type="party"), "events[0].type: 'party' is not one of"),
        (lambda d: d["events"][0].update(status="maybe"), "events[0].status: 'maybe' is not one"),
        (
            lambda d: d["events"][0].update(date=2014),
            "events[0].date: 2014 is not of type 'string', 'null'",
        ),
        (lambda d: d["events"][0].update(start=-1), "events[0].start: -1 is less than"),
        (lambda d: d["events"][0].update(start=True), "events[0].start: True is not of type"),
        (lambda d: d["events"][0]["trigger"].pop("end"), "events[0].trigger: 'end' is a required"),
        (lambda d: d["events"][0].update(location="Crimea"), "events[0].location: 'Crimea' is not"),
        (lambda d: d["events"][0].update(id=""), "events[0].id: '' should be non-empty"),
        (
            lambda d: d["documents"][0].update(anchor="10 Jan 2022"),
            "documents[0].anchor: '10 Jan 2022' does not match",
        ),
        (
            lambda d: d["documents"][0]["timexes"][0].update(type="WHEN"),
            "documents[0].timexes[0].type: 'WHEN' is not one of",
        ),
    ],
)
def test_broken_documents_are_refused_with_a_path(mutate: Any, expected: str) -> None:
    data = build_timeline().to_dict()
    mutate(data)
    errors = validate(data)
    assert errors and errors[0].startswith(expected), errors
    assert not VALIDATOR.is_valid(data)


def test_a_long_or_many_lined_value_makes_a_short_message() -> None:
    data = build_timeline().to_dict()
    data["events"] = {"summary": "talks\nin Geneva " * 200}
    (message,) = validate(data)
    assert message.startswith("events: {'summary': 'talks\\nin Geneva ")
    assert message.endswith("...") and len(message) == len("events: ") + 200
    assert "\n" not in message


def test_at_most_five_errors_are_listed() -> None:
    data = build_timeline().to_dict()
    for event in data["events"]:
        event["status"] = "maybe"
    errors = validate(data)
    assert len(errors) == 5 and all("'maybe' is not one of" in e for e in errors)
    assert [e.split(":")[0] for e in errors] == [f"events[{i}].status" for i in range(5)]


def test_consistency_beyond_the_schema(data: dict[str, Any]) -> None:
    broken = copy.deepcopy(data)
    broken["events"][0]["document"] = "nowhere"
    assert "is not among the documents" in validate(broken)[0]
    twice = copy.deepcopy(data)
    twice["documents"][1]["id"] = twice["documents"][0]["id"]
    assert "is used twice" in validate(twice)[0]
    with pytest.raises(InputError, match="not a timeline JSON document"):
        check(broken, "saved.json")
    with pytest.raises(InputError, match=r"saved\.json"):
        check([], "saved.json")


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2) | st.text(max_size=4),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


@settings(max_examples=200, deadline=None)
@given(choice=st.integers(min_value=0), value=_JSON, delete=st.booleans())
def test_any_broken_document_is_refused_in_one_line(choice: int, value: Any, delete: bool) -> None:
    data = build_timeline().to_dict()
    paths = _paths(data)[1:]
    path = paths[choice % len(paths)]
    parent = data
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    if VALIDATOR.is_valid(data):
        return
    try:
        check(data, "saved.json")
    except InputError as error:
        assert error.source == "saved.json"
        assert "\n" not in str(error) and "not a timeline JSON document" in str(error)
    else:
        raise AssertionError("an invalid document was accepted")


def test_json_of_an_earlier_minor_version_reads_with_its_dates_from_the_text(
    data: dict[str, Any],
) -> None:
    from timeline import jsonform

    older = json.loads(json.dumps(data))
    older["schema_version"] = "1.2.0"
    for event in older["events"]:
        del event["dated_by"]  # 1.3 added it
    read = jsonform.from_dict(older)
    assert {(e.date is not None, e.dated_by) for e in read.events} == {
        (True, "text"),
        (False, None),
    }
