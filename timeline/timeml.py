"""A safe TimeML reader: the text of a document, its creation time, and its gold tags.

Used both to read `.tml` input documents and as the gold standard of
`timeline eval`. XML is parsed with defusedxml: entity declarations (billion
laughs, external entities) are refused with an `InputError`, never expanded.

`TimeMLDocument.text` is the character content of the `<TEXT>` element as an
XML parser reports it: every inline tag stripped, character and predefined
entities decoded, line ends normalised to `\\n` (XML 1.0, section 2.11). All
offsets (`start`, `end`) are Python string indices into that text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from timeline.errors import InputError

__all__ = [
    "GoldEvent",
    "GoldLink",
    "GoldTimex",
    "TimeMLDocument",
    "parse_timeml",
    "read_timeml",
]

_DATE_PREFIX = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?![\d])")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})(?![\d])")


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 annotated inside TEXT: offsets into `TimeMLDocument.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """An EVENT annotated inside TEXT: offsets into `TimeMLDocument.text`."""

    start: int
    end: int
    text: str
    eid: str
    event_class: str


@dataclass(frozen=True, slots=True)
class GoldLink:
    """A TLINK, its event instances resolved through MAKEINSTANCE to the EVENTs' eids.

    The link runs from `event` (eid) or `time` (tid) to `related_event` or
    `related_time`; an instance without its MAKEINSTANCE resolves to None.
    """

    lid: str
    rel_type: str
    event: str | None = None
    time: str | None = None
    related_event: str | None = None
    related_time: str | None = None


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """One TimeML document as read.

    `dct` is the date of the document creation time (the TIMEX3 with
    functionInDocument="CREATION_TIME", wherever it is), or None when there is
    none or its value has no full date; `dct_value` is that TIMEX3's raw value.
    `timexes` and `events` are the tags inside TEXT, in document order;
    `links` the TLINKs, in file order.
    """

    id: str
    text: str
    source: str
    dct: date | None
    dct_value: str | None
    timexes: tuple[GoldTimex, ...]
    events: tuple[GoldEvent, ...]
    title: str | None = None
    links: tuple[GoldLink, ...] = ()


def read_timeml(
    source: bytes | str | os.PathLike[str], *, name: str | None = None
) -> TimeMLDocument:
    """Read a TimeML document from a path (`str` or `PathLike`) or from its bytes.

    The document id is the file name without its extension; for bytes it is the
    DOCID element, else `name`, else "document".
    Raises InputError when the file cannot be read or is not safe, well-formed TimeML.
    """
    if isinstance(source, bytes):
        return parse_timeml(source, source=name or "<bytes>", doc_id=None)
    path = Path(source)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from exc
    return parse_timeml(data, source=name or str(path), doc_id=_stem(path))


def parse_timeml(
    data: bytes | str, *, source: str = "<string>", doc_id: str | None = None
) -> TimeMLDocument:
    """Parse TimeML given as bytes (encoding from the XML declaration) or text."""
    root = _parse_xml(data, source)
    text_el = _find(root, "TEXT")
    if text_el is None:
        raise InputError("malformed TimeML: no TEXT element", source)

    collector = _Collector()
    collector.walk(text_el)
    text = "".join(collector.parts)

    dct_el = _creation_time(root)
    dct_value = dct_el.get("value") if dct_el is not None else None
    dct = _date_of(dct_value) if dct_value else None
    if dct is None and dct_el is not None:
        dct = _date_of("".join(dct_el.itertext()).strip())

    docid_el = _find(root, "DOCID")
    docid = "".join(docid_el.itertext()).strip() if docid_el is not None else ""
    title_el = _find(root, "TITLE")
    title = " ".join("".join(title_el.itertext()).split()) if title_el is not None else None

    return TimeMLDocument(
        id=doc_id or docid or (_stem(Path(source)) if source[:1] != "<" else "document"),
        text=text,
        source=source,
        dct=dct,
        dct_value=dct_value,
        timexes=tuple(sorted(collector.timexes, key=_order)),
        events=tuple(sorted(collector.events, key=_order)),
        title=title or None,
        links=_links(root),
    )


def _parse_xml(data: bytes | str, source: str) -> Element:
    try:
        root: Element = SafeET.fromstring(
            data, forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except EntitiesForbidden as exc:
        raise InputError("unsafe XML: entity declarations are not allowed", source) from exc
    except ExternalReferenceForbidden as exc:
        raise InputError("unsafe XML: external references are not allowed", source) from exc
    except DTDForbidden as exc:  # pragma: no cover - DTDs without entities are allowed
        raise InputError("unsafe XML: document type declarations are not allowed", source) from exc
    except ParseError as exc:
        line, column = exc.position
        reason = str(exc).split(":", 1)[0]
        raise InputError(
            f"malformed TimeML at line {line}, column {column + 1}: {reason}", source, line
        ) from exc
    except ValueError as exc:  # e.g. an unknown encoding in the XML declaration
        raise InputError(f"malformed TimeML: {exc}", source) from exc
    return root


def _local(tag: Any) -> str:
    """The tag name without its namespace; comments and processing instructions give ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _find(root: Element, name: str) -> Element | None:
    for el in root.iter():
        if _local(el.tag) == name:
            return el
    return None


def _links(root: Element) -> tuple[GoldLink, ...]:
    """The TLINKs, wherever they are, with their instances (eiid) read as events (eid)."""
    instances: dict[str, str] = {}
    tlinks: list[Element] = []
    for el in root.iter():
        name = _local(el.tag)
        if name == "MAKEINSTANCE":
            instances[el.get("eiid", "")] = el.get("eventID", "")
        elif name == "TLINK":
            tlinks.append(el)

    def event(eiid: str | None) -> str | None:
        return instances.get(eiid) if eiid else None

    return tuple(
        GoldLink(
            lid=el.get("lid", ""),
            rel_type=el.get("relType", ""),
            event=event(el.get("eventInstanceID")),
            time=el.get("timeID"),
            related_event=event(el.get("relatedToEventInstance")),
            related_time=el.get("relatedToTime"),
        )
        for el in tlinks
    )


def _creation_time(root: Element) -> Element | None:
    """The TIMEX3 that is the document creation time: inside DCT first, else anywhere."""
    candidates = [el for el in root.iter() if _local(el.tag) == "TIMEX3"]
    for el in candidates:
        if el.get("functionInDocument") == "CREATION_TIME":
            return el
    dct = _find(root, "DCT")
    if dct is not None:
        for el in dct.iter():
            if _local(el.tag) == "TIMEX3":
                return el
    return None


def _date_of(value: str) -> date | None:
    """The calendar date at the start of a TIMEX3 value like 1998-01-08 or 1998-01-08T14:30."""
    m = _DATE_PREFIX.match(value) or _COMPACT_DATE.match(value)
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _order(tag: GoldTimex | GoldEvent) -> tuple[int, int]:
    return (tag.start, -tag.end)


def _stem(path: Path) -> str:
    name = path.name
    return name[: -len(".tml")] if name.lower().endswith(".tml") else path.stem


class _Collector:
    """Walks the TEXT element, gathering its character content and the tags' offsets.

    Iterative, so that deeply nested input cannot exhaust the Python stack.
    """

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.timexes: list[GoldTimex] = []
        self.events: list[GoldEvent] = []

    def _add(self, s: str | None) -> None:
        if s:
            self.parts.append(s)
            self.length += len(s)

    def walk(self, root: Element) -> None:
        # Each frame: element, start offset, index of its first text part, child iterator.
        self._add(root.text)
        stack: list[tuple[Element, int, int, Iterator[Element]]] = [(root, 0, 0, iter(root))]
        while stack:
            el, start, first_part, children = stack[-1]
            child = next(children, None)
            if child is not None:
                child_start, child_first = self.length, len(self.parts)
                self._add(child.text)
                stack.append((child, child_start, child_first, iter(child)))
                continue
            stack.pop()
            if stack:  # not the TEXT element itself
                self._close(el, start, first_part)
                self._add(el.tail)

    def _close(self, el: Element, start: int, first_part: int) -> None:
        name = _local(el.tag)
        if name not in ("TIMEX3", "EVENT"):
            return
        span = "".join(self.parts[first_part:])
        if name == "TIMEX3":
            self.timexes.append(
                GoldTimex(
                    start=start,
                    end=self.length,
                    text=span,
                    type=el.get("type", ""),
                    value=el.get("value", ""),
                    tid=el.get("tid", ""),
                    mod=el.get("mod") or None,
                )
            )
        else:
            self.events.append(
                GoldEvent(
                    start=start,
                    end=self.length,
                    text=span,
                    eid=el.get("eid", ""),
                    event_class=el.get("class", ""),
                )
            )
