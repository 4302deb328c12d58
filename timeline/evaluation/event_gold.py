"""Event gold, as `../shared/data/EVENTS.md` writes it: reading and checking it.

Gold is `{"documents": {ID: {"anchor": "YYYY-MM-DD", "events": [...]}}}`, each
event with `date`, optional `alt_dates`, `type`, `status`, `location` (a list,
[] when not said), `actors`, `evidence` (a quote of its sentence) and `cluster`
(the same id for the same real-world event in other articles). A file that is
missing or does not have this shape is a UsageError naming the file and the
first fault (`documents['X'].events[3]: 'date' missing or not a string`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from timeline.errors import UsageError
from timeline.evaluation.common import read_json

__all__ = [
    "GoldDocument",
    "GoldEntry",
    "load_event_gold",
    "locate",
    "parse_event_gold",
    "sentence_around",
]

_SENTENCE_CHARS = 300  # a sentence shown for a miss is cut to about this length


# --- gold -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class GoldEntry:
    """One gold event: `number` is its place among its document's events (from 0)."""

    document: str
    number: int
    date: str
    type: str
    status: str
    alt_dates: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    evidence: str = ""
    cluster: str | None = None

    @property
    def key(self) -> str:
        """The cluster id, or one of its own for an event no other article reports."""
        return self.cluster or f"{self.document}#{self.number}"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    id: str
    anchor: date
    events: tuple[GoldEntry, ...]


def load_event_gold(path: str | Path) -> dict[str, GoldDocument]:
    """Read event gold; a missing or malformed file is a UsageError naming the file."""
    data = read_json(path, "event gold")
    return parse_event_gold(data, str(path))


def _malformed(where: str, why: str, source: str) -> UsageError:
    return UsageError(f"malformed event gold: {where}: {why}", source)


def _strings(value: Any, where: str, source: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _malformed(where, "not a list of strings", source)
    return tuple(value)


def parse_event_gold(data: Any, source: str = "<gold>") -> dict[str, GoldDocument]:
    """Event gold from its JSON value, checked field by field (UsageError on the first fault)."""
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, dict):
        raise _malformed("top level", 'no "documents" object', source)
    out: dict[str, GoldDocument] = {}
    for doc_id, doc in docs.items():
        where = f"documents[{doc_id!r}]"
        if not isinstance(doc, dict) or not isinstance(doc.get("events"), list):
            raise _malformed(where, 'no "events" list', source)
        try:
            anchor = date.fromisoformat(str(doc.get("anchor")))
        except ValueError as exc:
            raise _malformed(where, '"anchor" is not a YYYY-MM-DD date', source) from exc
        entries = tuple(
            _entry(doc_id, k, e, f"{where}.events[{k}]", source)
            for k, e in enumerate(doc["events"])
        )
        out[doc_id] = GoldDocument(doc_id, anchor, entries)
    return out


def _entry(doc_id: str, number: int, e: Any, where: str, source: str) -> GoldEntry:
    if not isinstance(e, dict):
        raise _malformed(where, "not an object", source)
    for key in ("date", "type", "status"):
        if not isinstance(e.get(key), str) or not e[key]:
            raise _malformed(where, f"{key!r} missing or not a string", source)
    cluster = e.get("cluster")
    if cluster is not None and not isinstance(cluster, str):
        raise _malformed(where, "'cluster' is not a string", source)
    evidence = e.get("evidence", "")
    if not isinstance(evidence, str):
        raise _malformed(where, "'evidence' is not a string", source)
    return GoldEntry(
        document=doc_id,
        number=number,
        date=e["date"],
        type=e["type"],
        status=e["status"],
        alt_dates=_strings(e.get("alt_dates", []), f"{where}.alt_dates", source),
        locations=_strings(e.get("location", []), f"{where}.location", source),
        actors=_strings(e.get("actors", []), f"{where}.actors", source),
        evidence=evidence,
        cluster=cluster or None,
    )


# --- evidence ------------------------------------------------------------------


_WORD = re.compile(r"\S+")


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` is in `text`, white space between its words taken as any white space."""
    words = _WORD.findall(quote)
    if not words or not text:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+|\n\s*\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], white space folded, cut to about 300 characters."""
    lo = 0
    for before in _SENTENCE_END.finditer(text, 0, start):
        lo = before.end()
    after = _SENTENCE_END.search(text, end)
    hi = after.start() + 1 if after else len(text)
    shown = " ".join(text[lo:hi].split())
    return shown if len(shown) <= _SENTENCE_CHARS else shown[: _SENTENCE_CHARS - 3] + "..."
