"""The sample timeline (tests/sample.py) with the fields the event records are
growing: a PLOVER type, actors' roles and countries, the place's country and
coordinates, who reported the event and when, the sources of an event merged
across documents, and a disagreement between them. The html page must show
them when present and do without them when absent; only some events have them.

`HOSTILE` is the timeline of one article whose every text is markup that
would run if the page ever wrote article text as HTML.
"""

from __future__ import annotations

import copy
from typing import Any

from tests.sample import AWKWARD_ID, SEED_ID, build_timeline

WIRE_SENTENCE = "Negotiators met for eight hours in Geneva on Monday, a diplomat told reporters."


def page_data() -> dict[str, Any]:
    data = build_timeline().to_dict()
    events = {event["id"]: event for event in data["events"]}
    talks = events["geneva-talks"]
    talks["plover"] = "CONSULT"
    roles = {"Russia": ("source", "RUS"), "United States": ("target", "USA")}
    for actor in talks["actors"]:
        if actor["name"] in roles:
            actor["role"], actor["country"] = roles[actor["name"]]
    talks["location"].update(country="CHE", latitude=46.2044, longitude=6.1432)
    talks["reported"] = [{"by": "Wendy R. Sherman", "date": "2022-01-10", "date_text": "Monday"}]
    talks["sources"] = [
        {
            "document": SEED_ID,
            "anchor": "2022-01-10",
            "sentence": talks["sentence"],
            "start": talks["start"],
            "end": talks["end"],
        },
        {
            "document": AWKWARD_ID,
            "anchor": "2022-01-11",
            "sentence": WIRE_SENTENCE,
            "start": 0,
            "end": len(WIRE_SENTENCE),
            "date_text": "Monday",
        },
    ]
    talks["conflicts"] = [
        {"field": "location", "values": ["Geneva", "Genève"], "documents": [SEED_ID, AWKWARD_ID]}
    ]
    events["call-3pm"]["plover"] = None  # present but unknown
    return data


SCRIPT = "<script>window.pwned = 1</script>"
IMAGE = '<img src="x" onerror="window.pwned = 2">'
CLOSER = "</script><script>window.pwned = 3</script>"


def hostile_data() -> dict[str, Any]:
    data = copy.deepcopy(build_timeline().to_dict())
    data["documents"] = [doc for doc in data["documents"] if doc["id"] == SEED_ID]
    data["documents"][0]["title"] = f"Talks {SCRIPT} end"
    data["documents"][0]["url"] = "javascript:window.pwned = 4"
    data["events"] = [event for event in data["events"] if event["document"] == SEED_ID]
    first = data["events"][1]  # the Geneva talks, dated to a day
    first["summary"] = f"Officials {SCRIPT} met {IMAGE}"
    first["location"]["name"] = f"Geneva {CLOSER}"
    first["actors"][0]["name"] = f"{IMAGE} & co"
    first["date_text"] = "Monday <b>"
    first["sentence"] = first["sentence"].replace("Skeptical", f"Skeptical {CLOSER}", 1)
    first["plover"] = "<i>CONSULT</i>"
    return data
