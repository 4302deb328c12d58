"""The document's own date: what relative expressions count from.

In order of trust: `--anchor`, the record's or sidecar's metadata, the
TimeML DCT, a front-matter `date:`, then a dateline or a "Published ..."
line at the top of the text. Without any, the document has no anchor.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from timeline.errors import UsageError

_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for m in names
}  # fmt: skip
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_FULL_DATE = re.compile(
    rf"(?:(?P<y1>\d{{4}})-(?P<m1>\d{{2}})-(?P<d1>\d{{2}})"
    rf"|{_MONTH}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    rf"|(?P<d3>\d{{1,2}})\s+(?P<mon3>[A-Za-z]{{3,9}})\.?,?\s+(?P<y3>\d{{4}}))"
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|date|dated)\b[^\n]{0,20}?[:\s]\s*(?P<rest>[^\n]{6,60})$",
    re.I | re.M,
)
_DATELINE = re.compile(r"^\s*[A-Z][A-Z .'-]{1,40},\s+(?P<rest>[^\n]{6,40}?)\s*(?:\(|--|—|-)", re.M)


def parse_date(text: str) -> date | None:
    """A full calendar date in an ISO or an English form, else None."""
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    m = _FULL_DATE.search(text)
    if not m:
        return None
    try:
        if m["y1"]:
            return date(int(m["y1"]), int(m["m1"]), int(m["d1"]))
        if m["y2"]:
            month = _MONTHS.get(m["mon"].lower())
            return date(int(m["y2"]), month, int(m["d2"])) if month else None
        month = _MONTHS.get(m["mon3"].lower())
        return date(int(m["y3"]), month, int(m["d3"])) if month else None
    except ValueError:
        return None


def parse_option(value: str) -> date:
    """`--anchor YYYY-MM-DD`, strictly: a bad date is a usage error."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise UsageError(f"invalid date {value!r}: expected YYYY-MM-DD", source="--anchor")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise UsageError(f"invalid date {value!r}: {exc}", source="--anchor") from exc


def front_matter(text: str) -> dict[str, str]:
    """Simple `key: value` lines of a YAML front matter block, if the text has one."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}
    out: dict[str, str] = {}
    for line in m["body"].splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t", "#")):
            out[key.strip().lower()] = value.strip().strip("'\"")
    return out


# A dateline and what closes it: "DOHA, March 5 (Reuters) - ", "WASHINGTON, Jan. 10 -- ".
_DATELINE_LEAD = re.compile(
    r"^\s*[A-Z][A-Z .'-]{1,40},\s+[^\n]{3,40}?\s*(?:\([^()\n]{1,30}\)\s*)?(?:--|—|–|-)\s+",
    re.M,
)


def dateline_end(text: str) -> int:
    """Where a news text's dateline ends ("DOHA, March 5 (Reuters) - "), or 0:
    its date is when the text was filed, not an event of the story, and the
    story's first sentence starts after it."""
    m = _DATELINE_LEAD.search(text[:600])
    return m.end() if m is not None else 0


def from_text(text: str) -> tuple[date, str] | None:
    """The date a text gives itself: front matter, a Published line or a dateline."""
    meta = front_matter(text)
    if "date" in meta:
        found = parse_date(meta["date"])
        if found:
            return found, "front-matter"
    head = text[:600]
    for pattern, source in ((_PUBLISHED, "published-line"), (_DATELINE, "dateline")):
        for m in pattern.finditer(head):
            found = parse_date(m["rest"])
            if found:
                return found, source
    # A first line that is nothing but a date.
    first = next((line for line in head.splitlines() if line.strip()), "")
    if len(first) <= 40:
        found = parse_date(first)
        if found and _FULL_DATE.fullmatch(first.strip().rstrip(".")):
            return found, "dateline"
    return None
