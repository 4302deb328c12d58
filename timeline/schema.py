"""The JSON Schema (draft 2020-12) of the timeline document, and the check of saved JSON.

`SCHEMA` describes exactly what `Timeline.to_dict()` produces; `timeline schema`
prints it, and `timeline export` checks saved JSON against it with
`jsonschema`, so the schema is the one description of the format. Objects are
closed (`additionalProperties: false`) so that a field added to `models.py`
without being described here fails the tests: the schema is the contract, and
`SCHEMA_VERSION` (from models) says which one. `schema_version` is accepted
for any version with the same major number.

After the schema, `validate` checks what JSON Schema cannot say: document ids
are unique, every event's `document` (and every source's, and every actor's
read from another report) is the id of a document, and offsets run forwards.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from timeline import timex
from timeline.errors import InputError
from timeline.events.lexicon import EVENT_TYPES, PLOVER_TYPES
from timeline.models import SCHEMA_VERSION

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

__all__ = [
    "EVENT_TYPES",
    "GRANULARITIES",
    "PLOVER_TYPES",
    "SCHEMA",
    "SCHEMA_VERSION",
    "STATUSES",
    "check",
    "schema_errors",
    "validate",
]

# The vocabularies are the events lexicon's own (`timeline.events.lexicon` imports
# nothing but the standard library, so `timeline schema` stays instant).
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
        "dates": _object(
            {
                "name": {"type": "string"},
                "class": {"enum": ["OCCURRENCE", "REPORTING", "I_ACTION"]},
                "start": _OFFSET,
                "end": _OFFSET,
            }
        )
        | {
            "description": (
                "the predicate this date dates in the parse (a TimeML event-time link): "
                "its words, TimeML event class and offsets"
            )
        },
    },
    # dates: added in 1.4, written for a DATE or TIME expression that dates something
    optional=("mod", "anchor", "dates"),
)

_SPAN = _object({"name": {"type": "string"}, "start": _OFFSET, "end": _OFFSET})

_COUNTRY: dict[str, Any] = {
    "type": ["string", "null"],
    "pattern": "^[A-Z]{3,4}$",
    "description": "ISO 3166-1 alpha-3 code (ISO 3166-3 for a former state), null if none",
}

# On an event merged across documents, an actor or place another report gives: the
# document its offsets point into (absent: the event's own document).
_FROM_DOCUMENT: dict[str, Any] = {
    "type": "string",
    "description": "id of the document start/end point into, when not the event's",
}

_ACTOR = _object(
    {
        "name": {
            "type": "string",
            "description": "the fullest name the document gives ('Laurent Kabila' for 'Kabila', "
            "the person a pronoun stands for)",
        },
        "text": {"type": "string", "description": "the words of this mention, at start..end"},
        "label": {"type": "string", "description": "spaCy entity label: PERSON, ORG, GPE, NORP"},
        "role": {"enum": ["source", "target"], "description": "who acts, or to/with whom"},
        "country": _COUNTRY,
        "start": _OFFSET,
        "end": _OFFSET,
        "document": _FROM_DOCUMENT,
    },
    optional=("text", "role", "country", "document"),
)

_LOCATION = _object(
    {
        "name": {"type": "string", "description": "the place as the text writes it"},
        "start": _OFFSET,
        "end": _OFFSET,
        "country": _COUNTRY,
        "latitude": {"type": ["number", "null"]},
        "longitude": {"type": ["number", "null"]},
        "document": _FROM_DOCUMENT,
    },
    optional=("country", "latitude", "longitude", "document"),
)

_REPORTED = _object(
    {
        "by": {"type": ["string", "null"], "description": "who reported the event, as written"},
        "date": {"type": ["string", "null"], "description": "TIMEX3 value of the report's date"},
        "date_text": {"type": ["string", "null"]},
        "trigger": {"$ref": "#/$defs/span"},
    }
)

_MENTION = _object(
    {
        "start": _OFFSET,
        "end": _OFFSET,
        "text": {"type": "string"},
        "trigger": {
            "anyOf": [{"$ref": "#/$defs/span"}, {"type": "null"}],
            "description": "the word this date dates (null for a back reference)",
        },
    },
    optional=("trigger",),
)

_SOURCE = _object(
    {
        "document": {"type": "string", "description": "id of the document of this report"},
        "event": {"type": "string", "description": "the event's id in that document alone"},
        "anchor": {
            "type": ["string", "null"],
            "pattern": _ISO_DAY,
            "description": "the report's own date (its document's anchor)",
        },
        "date": {
            "type": ["string", "null"],
            "description": "TIMEX3 value of the date this report gives",
        },
        "date_text": {"type": "string"},
        "status": {"enum": list(STATUSES), "description": "what this report says, as of its date"},
        "location": {"type": ["string", "null"], "description": "the place this report gives"},
        "summary": {"type": "string"},
        "trigger": {"$ref": "#/$defs/span"},
        "sentence": {"type": "string"},
        "start": _OFFSET,
        "end": _OFFSET,
    }
)

_CONFLICT = _object(
    {
        "field": {"enum": ["date", "location"]},
        "values": {
            "type": "array",
            "items": {"type": "string"},
            "description": "what each document says: documents[i] gives values[i]",
        },
        "documents": {"type": "array", "items": {"type": "string"}},
    }
)

_EVENT_PROPERTIES: dict[str, Any] = {
    "id": {"type": "string", "minLength": 1},
    "document": {"type": "string", "description": "id of the document the event is read from"},
    "date": {
        "type": ["string", "null"],
        "minLength": 1,
        "description": "TIMEX3 value of the event's date, null when it could not be resolved",
    },
    "date_text": {"type": "string", "description": "the words that date the event"},
    "dated_by": {
        "enum": ["text", "context", None],
        "description": "text: a time expression dates the event; context: the text implies "
        "its date, the day its narrative is at (date_text is then empty); null: undated",
    },
    "granularity": {"enum": [*GRANULARITIES, None]},
    "type": {"enum": list(EVENT_TYPES)},
    "plover": {
        "enum": [*PLOVER_TYPES, None],
        "description": "PLOVER 2021 event type (the coding of POLECAT and NGEC), null if none fits",
    },
    "status": {"enum": list(STATUSES)},
    "summary": {"type": "string"},
    "trigger": {"$ref": "#/$defs/span"},
    "location": {"anyOf": [{"$ref": "#/$defs/location"}, {"type": "null"}]},
    "actors": {"type": "array", "items": {"$ref": "#/$defs/actor"}},
    "sentence": {"type": "string"},
    "start": _OFFSET,
    "end": _OFFSET,
    "mentions": {"type": "array", "items": {"$ref": "#/$defs/mention"}},
    "reported": {
        "type": "array",
        "items": {"$ref": "#/$defs/reported"},
        "description": "the attributions around the event ('..., an official said on Friday')",
    },
    "sources": {
        "type": "array",
        "items": {"$ref": "#/$defs/source"},
        "minItems": 2,
        "description": "on an event several documents report: every report, document order",
    },
    "locations": {
        "type": "array",
        "items": {"$ref": "#/$defs/location"},
        "description": "with sources: every place the reports give, the event's location first",
    },
    "conflicts": {
        "type": "array",
        "items": {"$ref": "#/$defs/conflict"},
        "description": "where the reports disagree on the date or the place",
    },
}

# Fields added in 1.1 (plover, reported), 1.2 (sources, locations, conflicts) and
# 1.3 (dated_by): optional, so that saved JSON of an earlier 1.x still reads (a minor
# version only adds); plover, reported and dated_by are always written by this
# version, the others when an event is merged across documents.
_EVENT_OPTIONAL = ("plover", "reported", "dated_by", "sources", "locations", "conflicts")

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
        "location": _LOCATION,
        "reported": _REPORTED,
        "mention": _MENTION,
        "source": _SOURCE,
        "conflict": _CONFLICT,
        "event": _object(_EVENT_PROPERTIES, optional=_EVENT_OPTIONAL),
        "event_line": _object(
            {
                **_EVENT_PROPERTIES,
                **{
                    line_name: _DOCUMENT_PROPERTIES[name]
                    for name, line_name in EVENT_LINE_DOCUMENT_FIELDS.items()
                },
            },
            optional=_EVENT_OPTIONAL,
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


# --- the check -------------------------------------------------------------------

_MESSAGE_LENGTH = 200


@functools.cache
def _validator(part: str | None = None) -> Draft202012Validator:
    """A jsonschema validator of SCHEMA, or of one of its `$defs` (imported on first
    use: jsonschema costs every start of the command line a seventh of a second)."""
    from jsonschema import Draft202012Validator

    schema = SCHEMA if part is None else {"$ref": f"#/$defs/{part}", "$defs": SCHEMA["$defs"]}
    return Draft202012Validator(schema)


def _path(parts: Iterable[str | int]) -> str:
    """`events[0].trigger.end` for the path ("events", 0, "trigger", "end")."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "the document"


def _message(error: ValidationError) -> str:
    message = " ".join(str(error.message).split())  # one line, whatever the value held
    if len(message) > _MESSAGE_LENGTH:
        message = message[: _MESSAGE_LENGTH - 3] + "..."
    return f"{_path(error.absolute_path)}: {message}"


def schema_errors(data: Any, part: str | None = None, *, limit: int = 5) -> list[str]:
    """How `data` fails SCHEMA (or its `$defs` entry `part`, such as "event"): at most
    `limit` messages, each `path: what is wrong`."""
    errors = []
    for error in _validator(part).iter_errors(data):
        errors.append(_message(error))
        if len(errors) >= limit:
            break
    return errors


def validate(data: Any, *, limit: int = 5) -> list[str]:
    """What is wrong with `data` as a timeline document: at most `limit` messages.

    An empty list means `data` is valid against `SCHEMA` and consistent.
    """
    errors = schema_errors(data, limit=limit)
    if errors:
        return errors
    ids: set[str] = set()
    for index, doc in enumerate(data["documents"]):
        if doc["id"] in ids:
            errors.append(f"documents[{index}]: id {doc['id']!r} is used twice")
        ids.add(doc["id"])
    for index, event in enumerate(data["events"]):
        path = f"events[{index}]"
        if event["document"] not in ids:
            errors.append(f"{path}: document {event['document']!r} is not among the documents")
        for name in ("trigger", "location"):
            span = event[name]
            if span is not None and span["start"] > span["end"]:
                errors.append(f"{path}.{name}: start is after end")
        if event["start"] > event["end"]:
            errors.append(f"{path}: start is after end")
        for number, source in enumerate(event.get("sources") or ()):
            if source["document"] not in ids:
                errors.append(
                    f"{path}.sources[{number}]: document {source['document']!r} "
                    "is not among the documents"
                )
        for number, actor in enumerate(event["actors"]):
            if "document" in actor and actor["document"] not in ids:
                errors.append(
                    f"{path}.actors[{number}]: document {actor['document']!r} "
                    "is not among the documents"
                )
    for index, doc in enumerate(data["documents"]):
        for number, expression in enumerate(doc["timexes"]):
            if expression["start"] > expression["end"]:
                errors.append(f"documents[{index}].timexes[{number}]: start is after end")
    return errors[:limit]


def check(data: Any, source: str = "<stdin>") -> None:
    """Raise InputError unless `data` is a timeline document this version can read."""
    errors = validate(data)
    if errors:
        hint = "not a timeline JSON document (see `timeline schema`)"
        raise InputError(f"{hint}: " + "; ".join(errors), source=source)
