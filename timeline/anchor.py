"""The document's own date: what relative expressions count from.

In order of trust: `--anchor`, the record's or sidecar's metadata, the
TimeML DCT, a front-matter `date:`, then a "Published ..." line, a timestamp
line or a dateline at the top of the text. Without any, the document has no
anchor.

A wire story's heading (its dateline, timestamp line and byline) is found by
the rules of timeline/data/datelines.tsv: `heading(text)` gives each part and
its extent, `dateline_end(text)` where the story starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING

from timeline.errors import UsageError
from timeline.tables import rows, split_aliases

if TYPE_CHECKING:
    from timeline.gazetteer import Place

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


# --- datelines, timestamp lines and bylines --------------------------------------------------

_HEAD = 600  # the opening lines a dateline, timestamp or byline may stand in
_WEEKDAYS = (
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    "|Tues|Thurs|Thur|Mon|Tue|Wed|Thu|Fri|Sat|Sun"
)
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WORD = r"[A-Z][\w.'’-]*"
_MACROS = {
    "CITY": r"(?P<city>[A-Z][A-Z.'’-]*(?:[ ][A-Z][A-Z.'’-]*){0,3})",
    "REGION": rf"(?P<region>{_WORD}(?:[ ]{_WORD}){{0,3}})",
    "DATE": (
        rf"(?P<date>(?i:{_MONTH_NAMES})\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
        rf"|\d{{1,2}}\s+(?i:{_MONTH_NAMES})\.?(?:,?\s+\d{{4}})?)"
    ),
    "DASH": r"(?:-{1,3}|—|–|_)",
    "WEEKDAY": rf"(?:{_WEEKDAYS})",
    "TIME": r"\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?",
    "ZONE": r"(?:[A-Z]{2,5}|(?:GMT|UTC)\s?[+-]\s?\d{1,2}(?::?\d{2})?)",
}
_DAY = re.compile(
    r"(?:(?P<mon>[A-Za-z]+)\.?\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<day2>\d{1,2})\s+(?P<mon2>[A-Za-z]+)\.?)"
    r"(?:,?\s+(?P<year>\d{4}))?"
)


@dataclass(frozen=True)
class Dateline:
    """A wire dateline: "BEIJING, Jan. 9 (Reuters) -" at `start`..`end` of the text, the city
    and any region or country after it as written, the agency (its name in agencies.tsv), and
    the month, day and year it gives (None where it gives none). `rule` names the rule of
    datelines.tsv that matched."""

    start: int
    end: int
    city: str
    region: str | None
    agency: str | None
    month: int | None
    day: int | None
    year: int | None
    rule: str

    def date(self, year: int | None = None) -> date | None:
        """The date it was filed: its own year, else `year` (other evidence), else None."""
        return _calendar(self.month, self.day, self.year or year)

    def place(self) -> Place | None:
        """The city, normalised with the gazetteer ("MAR DEL PLATA, Argentina")."""
        from timeline import gazetteer

        if self.region:  # no place of that name there: not some other place of that name
            return gazetteer.place_in(self.city, self.region)
        return gazetteer.place(self.city)


@dataclass(frozen=True)
class Heading:
    """What opens a wire story and is no part of it: its dateline, its timestamp line ("Mon
    Mar 3, 2014 4:12pm EST", the date it gives), its byline (the names, as written), and the
    extent (start, end) of each in the text; `end` is where the story starts, past the last of
    them and the space after it (0: no heading)."""

    dateline: Dateline | None = None
    timestamp: date | None = None
    byline: str | None = None
    spans: tuple[tuple[int, int], ...] = ()
    end: int = 0


@dataclass(frozen=True)
class DatelineRule:
    """A rule of datelines.tsv: its name, kind, compiled pattern and example."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    example: str


@cache
def _agencies() -> tuple[str, dict[str, str]]:
    """The agencies of agencies.tsv: a pattern for any of their names, and name -> canonical."""
    canonical: dict[str, str] = {}
    for r in rows("agencies.tsv"):
        for name in (r["name"], *split_aliases(r["aliases"])):
            canonical[name.casefold()] = r["name"]
    names = sorted(canonical, key=len, reverse=True)
    return "(?i:" + "|".join(re.escape(n) for n in names) + ")", canonical


def _byline_name() -> str:
    """One writer's name in a byline, perhaps after a role, by the words of byline_words.tsv;
    never a weekday or month ("By Monday the talks had ended")."""
    words: dict[str, list[str]] = {"particle": [], "role": []}
    for r in rows("byline_words.tsv"):
        words[r["kind"]].append(re.escape(r["word"]).replace("\\ ", r"\s?"))
    particles = "|".join(words["particle"])
    roles = "|".join(sorted(words["role"], key=len, reverse=True))
    return (
        rf"(?:(?:[A-Z]\w*\s+)?(?i:(?:{roles})s?)\s+)?(?!(?:{_WEEKDAYS}|{_MONTH_NAMES})\b)"
        rf"{_WORD}(?:\s+(?:{_WORD}|(?:{particles})(?=\s+[A-Z])))*"
    )


@cache
def dateline_rules() -> tuple[DatelineRule, ...]:
    """The rules of datelines.tsv, compiled."""
    agency, _ = _agencies()
    name = _byline_name()
    macros = {
        **_MACROS,
        "AGENCY": rf"(?P<agency>{agency})(?![\w-])",
        "NAMES": rf"(?P<names>{name}(?:\s*(?:,|\band\b|&)\s*{name})*)",
    }
    out = []
    for r in rows("datelines.tsv"):
        body = re.sub(r"\{([A-Z]+)\}", lambda m: macros[m[1]], r["pattern"])
        whole = r"[ \t]*$" if r["kind"] in ("timestamp", "byline") else ""
        out.append(
            DatelineRule(
                r["name"], r["kind"], re.compile(rf"^[ \t]*(?:{body}){whole}", re.M), r["example"]
            )
        )
    return tuple(out)


def _past_space(text: str, end: int) -> int:
    while end < len(text) and text[end].isspace():
        end += 1
    return end


def _calendar(month: int | None, day: int | None, year: int | None) -> date | None:
    if month is None or day is None or year is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:  # "Feb. 30"
        return None


def _day(found: str) -> tuple[int | None, int | None, int | None]:
    m = _DAY.fullmatch(found.strip())
    if m is None:
        return None, None, None
    month = _MONTHS.get((m["mon"] or m["mon2"] or "").lower())
    day = int(m["day"] or m["day2"])
    return month, day if month else None, int(m["year"]) if m["year"] else None


def _dateline_of(rule: DatelineRule, m: re.Match[str], text: str) -> Dateline:
    month, day, year = _day(m["date"]) if "date" in m.groupdict() and m["date"] else (None,) * 3
    agency = m["agency"] if "agency" in m.groupdict() else None
    _, canonical = _agencies()
    return Dateline(
        start=m.start("city"),
        end=_trimmed(text, m.end()),
        city=m["city"],
        region=m["region"] if "region" in m.groupdict() else None,
        agency=canonical.get(agency.casefold()) if agency else None,
        month=month,
        day=day,
        year=year,
        rule=rule.name,
    )


def heading(text: str) -> Heading:
    """The dateline, timestamp line and byline among a text's opening lines, by the rules of
    datelines.tsv; the first of each kind counts."""
    head = text[:_HEAD]
    found: dict[str, tuple[int, DatelineRule, re.Match[str]]] = {}
    for rule in dateline_rules():
        m = rule.pattern.search(head)
        if m is not None and (rule.kind not in found or m.start() < found[rule.kind][0]):
            found[rule.kind] = (m.start(), rule, m)
    if not found:
        return Heading()
    dateline = timestamp = byline = None
    spans = []
    if "dateline" in found:
        _, rule, m = found["dateline"]
        dateline = _dateline_of(rule, m, text)
        spans.append((dateline.start, dateline.end))
    if "timestamp" in found:
        _, _, m = found["timestamp"]
        timestamp = _calendar(*_day(m["date"]))
        spans.append((_line_start(m), _trimmed(text, m.end())))
    if "byline" in found:
        _, _, m = found["byline"]
        byline = _byline_names(m["names"])
        spans.append((_line_start(m), _trimmed(text, m.end())))
    end = _past_space(text, max(e for _, e in spans))
    return Heading(dateline, timestamp, byline, tuple(sorted(spans)), end)


def _line_start(m: re.Match[str]) -> int:
    return m.start() + len(m[0]) - len(m[0].lstrip())


def _trimmed(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _byline_names(names: str) -> str:
    """ "John Smith, Reuters" -> "John Smith": the agency is not a writer."""
    head, sep, last = names.rpartition(",")
    return head.strip() if sep and last.strip().casefold() in _agencies()[1] else names


def dateline(text: str) -> Dateline | None:
    """The text's dateline ("ANKARA (Reuters) -"), if its opening lines have one."""
    return heading(text).dateline


def dateline_end(text: str) -> int:
    """Where a news text's heading (dateline, timestamp line, byline) ends, or 0: its date is
    when the text was filed, not an event of the story, and the story starts after it."""
    return heading(text).end


_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*[-–]\s*)?((?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def _year_evidence(text: str, meta: dict[str, str]) -> int | None:
    """A year the text gives itself besides its dateline: in its front matter's date, a
    Published line, a copyright line at its top or its end."""
    for m in (
        _YEAR.search(meta.get("date", "")),
        *(_YEAR.search(p["rest"]) for p in _PUBLISHED.finditer(text[:_HEAD])),
        _COPYRIGHT.search(text[:_HEAD]),
        _COPYRIGHT.search(text[-_HEAD:]),
    ):
        if m is not None:
            return int(m[1])
    return None


def from_text(text: str) -> tuple[date, str] | None:
    """The date a text gives itself: front matter, a Published line, a timestamp line, a
    dateline (without a year, it takes the year of other evidence in the text, else gives
    none), or a first line that is nothing but a date."""
    meta = front_matter(text)
    if "date" in meta:
        found = parse_date(meta["date"])
        if found:
            return found, "front-matter"
    head = text[:_HEAD]
    for m in _PUBLISHED.finditer(head):
        found = parse_date(m["rest"])
        if found:
            return found, "published-line"
    top = heading(text)
    if top.timestamp is not None:
        return top.timestamp, "timestamp-line"
    if top.dateline is not None:
        found = top.dateline.date(_year_evidence(text, meta))
        if found:
            return found, "dateline"
    # A first line that is nothing but a date.
    first = next((line for line in head.splitlines() if line.strip()), "")
    if len(first) <= 40:
        found = parse_date(first)
        if found and _FULL_DATE.fullmatch(first.strip().rstrip(".")):
            return found, "dateline"
    return None
