"""The JSON Schema (draft 2020-12) of the timeline document, and a checker for it.

`SCHEMA` describes exactly what `Timeline.to_dict()` produces; `timeline schema`
prints it and the tests validate real output against it with `jsonschema`.
Objects are closed (`additionalProperties: false`) so that a field added to
`models.py` without being described here fails the tests: the schema is the
contract, and `SCHEMA_VERSION` (from models) says which one. `schema_version`
is accepted for any version with the same major number.

`jsonschema` is a test dependency only, so `validate` is a small checker for
the handful of keywords this schema uses (type, enum, pattern, minLength,
minimum, properties, required, additionalProperties, items, $ref to $defs).
It refuses a schema that uses any other keyword, so the two cannot drift
apart silently; the tests check that it agrees with `jsonschema`. After the
schema it checks what JSON Schema cannot say: document ids are unique, every
event's `document` is the id of a document, and offsets run forwards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from timeline import timex
from timeline.errors import InputError
from timeline.models import SCHEMA_VERSION

__all__ = [
    "EVENT_TYPES",
    "GRANULARITIES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "STATUSES",
    "check",
    "schema_errors",
    "validate",
]

# As in `events.py` (not imported from there: it loads the NLP stack); a test
# checks that the two lists agree.
EVENT_TYPES = (
    "talks",
    "meeting",
    "visit",
    "phone_call",
    "negotiation",
    "agreement",
    "statement",
    "demand",
    "sanction",
    "military",
    "legal",
    "election",
    "other",
)
STATUSES = ("occurred", "planned")
GRANULARITIES = timex.GRANULARITIES
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")

_MAJOR = SCHEMA_VERSION.split(".", 1)[0]

_OFFSET: dict[str, Any] = {"type": "integer", "minimum": 0}
_ISO_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def _object(properties: dict[str, Any], optional: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
    }


_TIMEX = _object(
    {
        "start": _OFFSET,
        "end": _OFFSET,
        "text": {"type": "string"},
        "type": {"enum": list(TIMEX_TYPES)},
        "value": {
            "type": "string",
            "minLength": 1,
            "description": "TIMEX3 value: 2022-01-11, 2014, 2022-W02, XXXX-WXX-2, P8H ...",
        },
        "mod": {"type": "string", "description": "TIMEX3 mod: BEFORE, START, APPROX ..."},
        "resolved": {
            "type": "boolean",
            "description": "False when the value is relative to an unknown document date",
        },
        "anchor": {
            "anyOf": [{"enum": ["document", None]}, _OFFSET],
            "description": (
                "what the value was counted from: the document's date, the start offset "
                "of the expression it counts from, or null for an absolute value"
            ),
        },
    },
    optional=("mod", "anchor"),
)

_SPAN = _object({"name": {"type": "string"}, "start": _OFFSET, "end": _OFFSET})

_ACTOR = _object(
    {
        "name": {"type": "string"},
        "label": {"type": "string", "description": "spaCy entity label: PERSON, ORG, GPE, NORP"},
        "start": _OFFSET,
        "end": _OFFSET,
    }
)

_MENTION = _object({"start": _OFFSET, "end": _OFFSET, "text": {"type": "string"}})

_EVENT_PROPERTIES: dict[str, Any] = {
    "id": {"type": "string", "minLength": 1},
    "document": {"type": "string", "description": "id of the document the event is read from"},
    "date": {
        "type": ["string", "null"],
        "minLength": 1,
        "description": "TIMEX3 value of the event's date, null when it could not be resolved",
    },
    "date_text": {"type": "string", "description": "the words that date the event"},
    "granularity": {"enum": [*GRANULARITIES, None]},
    "type": {"enum": list(EVENT_TYPES)},
    "status": {"enum": list(STATUSES)},
    "summary": {"type": "string"},
    "trigger": {"$ref": "#/$defs/span"},
    "location": {"anyOf": [{"$ref": "#/$defs/span"}, {"type": "null"}]},
    "actors": {"type": "array", "items": {"$ref": "#/$defs/actor"}},
    "sentence": {"type": "string"},
    "start": _OFFSET,
    "end": _OFFSET,
    "mentions": {"type": "array", "items": {"$ref": "#/$defs/mention"}},
}

# One line of the `jsonl` export: an event and the fields of its document that a
# reader of a single line needs (jq, grep), prefixed `document_`.
EVENT_LINE_DOCUMENT_FIELDS = {
    "title": "document_title",
    "source": "document_source",
    "url": "document_url",
    "anchor": "document_anchor",
    "anchor_source": "document_anchor_source",
}

_DOCUMENT_PROPERTIES: dict[str, Any] = {
    "id": {"type": "string", "minLength": 1},
    "source": {"type": "string", "description": "file path, or <stdin>, the document came from"},
    "title": {"type": ["string", "null"]},
    "url": {"type": ["string", "null"]},
    "anchor": {
        "type": ["string", "null"],
        "pattern": _ISO_DAY,
        "description": "the document's own date, against which relative dates are resolved",
    },
    "anchor_source": {
        "type": "string",
        "description": "where the anchor came from: option, metadata, dateline, none ...",
    },
    "timexes": {"type": "array", "items": {"$ref": "#/$defs/timex"}},
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": f"urn:timeline:schema:{SCHEMA_VERSION}",
    "title": "timeline",
    "description": (
        "Dated events read from news articles, ordered by date, with their evidence. "
        "Offsets are character offsets into each document's text as read."
    ),
    "type": "object",
    "properties": {
        "schema_version": {"type": "string", "pattern": rf"^{_MAJOR}\.[0-9]+\.[0-9]+$"},
        "documents": {"type": "array", "items": {"$ref": "#/$defs/document"}},
        "events": {"type": "array", "items": {"$ref": "#/$defs/event"}},
        "problems": {"type": "array", "items": {"$ref": "#/$defs/problem"}},
    },
    "required": ["schema_version", "documents", "events", "problems"],
    "additionalProperties": False,
    "$defs": {
        "document": _object(_DOCUMENT_PROPERTIES),
        "timex": _TIMEX,
        "span": _SPAN,
        "actor": _ACTOR,
        "mention": _MENTION,
        "event": _object(_EVENT_PROPERTIES),
        "event_line": _object(
            {
                **_EVENT_PROPERTIES,
                **{
                    line_name: _DOCUMENT_PROPERTIES[name]
                    for name, line_name in EVENT_LINE_DOCUMENT_FIELDS.items()
                },
            }
        ),
        "problem": _object(
            {
                "source": {"type": "string"},
                "line": {"type": ["integer", "null"], "minimum": 1},
                "message": {"type": "string"},
            }
        ),
    },
}


# --- the checker -----------------------------------------------------------------

_ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description"}
_KEYWORDS = {
    "type",
    "enum",
    "pattern",
    "minLength",
    "minimum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "$ref",
    "anyOf",
}

_JSON_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "null": (type(None),),
}


def _is_type(value: Any, name: str) -> bool:
    if isinstance(value, bool) and name in ("integer", "number"):
        return False
    if name == "integer" and isinstance(value, float):
        return value.is_integer()  # JSON Schema: 1.0 is an integer, as jsonschema agrees
    return isinstance(value, _JSON_TYPES[name])


def _where(path: str) -> str:
    return path or "the document"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


class _Checker:
    def __init__(self, root: Mapping[str, Any], limit: int) -> None:
        self.root = root
        self.limit = limit
        self.errors: list[str] = []

    def resolve(self, ref: str) -> Mapping[str, Any]:
        if not ref.startswith("#/$defs/"):
            raise ValueError(f"schema: unsupported $ref {ref!r}")
        result: Mapping[str, Any] = self.root["$defs"][ref.removeprefix("#/$defs/")]
        return result

    def fail(self, path: str, message: str) -> None:
        if len(self.errors) < self.limit:
            self.errors.append(f"{_where(path)}: {message}")

    def check(self, value: Any, schema: Mapping[str, Any], path: str) -> None:
        unknown = set(schema) - _KEYWORDS - _ANNOTATIONS
        if unknown:
            raise ValueError(f"schema: keywords not supported by the checker: {sorted(unknown)}")
        if "$ref" in schema:
            self.check(value, self.resolve(schema["$ref"]), path)
        if "anyOf" in schema:
            for option in schema["anyOf"]:
                trial = _Checker(self.root, 1)
                trial.check(value, option, path)
                if not trial.errors:
                    break
            else:
                self.fail(path, f"{_short(value)} matches none of the allowed forms")
                return
        if "enum" in schema and value not in schema["enum"]:
            allowed = ", ".join("null" if v is None else str(v) for v in schema["enum"])
            self.fail(path, f"{_short(value)} is not one of: {allowed}")
            return
        if "type" in schema:
            names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
            if not any(_is_type(value, name) for name in names):
                self.fail(path, f"{_short(value)} is not of type {' or '.join(names)}")
                return
        if isinstance(value, str):
            if len(value) < schema.get("minLength", 0):
                self.fail(path, "is empty")
            if "pattern" in schema and not re.search(schema["pattern"], value):
                self.fail(path, f"{_short(value)} does not match {schema['pattern']}")
        if _is_type(value, "number") and "minimum" in schema and value < schema["minimum"]:
            self.fail(path, f"{value} is less than {schema['minimum']}")
        if isinstance(value, dict):
            self.check_object(value, schema, path)
        if isinstance(value, list) and "items" in schema:
            for index, item in enumerate(value):
                self.check(item, schema["items"], f"{path}[{index}]")

    def check_object(self, value: dict[str, Any], schema: Mapping[str, Any], path: str) -> None:
        properties: Mapping[str, Any] = schema.get("properties", {})
        prefix = f"{path}." if path else ""
        for name in schema.get("required", ()):
            if name not in value:
                self.fail(path, f"missing field {name!r}")
        for name, item in value.items():
            if name in properties:
                self.check(item, properties[name], f"{prefix}{name}")
            elif schema.get("additionalProperties", True) is False:
                self.fail(path, f"unexpected field {name!r}")


def schema_errors(data: Any, schema: Mapping[str, Any] = SCHEMA, *, limit: int = 5) -> list[str]:
    """How `data` fails `schema` (a part of SCHEMA, such as `$defs/event`): at most `limit`."""
    checker = _Checker(SCHEMA, limit)
    checker.check(data, schema, "")
    return checker.errors


def validate(data: Any, *, limit: int = 5) -> list[str]:
    """What is wrong with `data` as a timeline document: at most `limit` messages.

    An empty list means `data` is valid against `SCHEMA` and consistent.
    """
    checker = _Checker(SCHEMA, limit)
    checker.check(data, SCHEMA, "")
    if checker.errors:
        return checker.errors
    ids: set[str] = set()
    for index, doc in enumerate(data["documents"]):
        if doc["id"] in ids:
            checker.fail(f"documents[{index}]", f"id {doc['id']!r} is used twice")
        ids.add(doc["id"])
    for index, event in enumerate(data["events"]):
        path = f"events[{index}]"
        if event["document"] not in ids:
            checker.fail(path, f"document {event['document']!r} is not among the documents")
        for name in ("trigger", "location"):
            span = event[name]
            if span is not None and span["start"] > span["end"]:
                checker.fail(f"{path}.{name}", "start is after end")
        if event["start"] > event["end"]:
            checker.fail(path, "start is after end")
    for index, doc in enumerate(data["documents"]):
        for number, expression in enumerate(doc["timexes"]):
            if expression["start"] > expression["end"]:
                checker.fail(f"documents[{index}].timexes[{number}]", "start is after end")
    return checker.errors


def check(data: Any, source: str = "<stdin>") -> None:
    """Raise InputError unless `data` is a timeline document this version can read."""
    errors = validate(data)
    if errors:
        hint = "not a timeline JSON document (see `timeline schema`)"
        raise InputError(f"{hint}: " + "; ".join(errors), source=source)
