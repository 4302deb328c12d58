"""From paths to documents: files, folders, stdin; text, JSON Lines, TimeML.

`read(paths)` yields a `Document` for everything readable and a `Problem` for
everything that is not, in a stable order, one file at a time, so one bad file
never stops a batch and nothing is held in memory longer than needed.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from timeline import anchor as anchors
from timeline.errors import InputError, UsageError
from timeline.models import Document, Problem

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
TIMEML_SUFFIXES = {".tml", ".timeml"}
SUPPORTED = TEXT_SUFFIXES | JSONL_SUFFIXES | TIMEML_SUFFIXES
SIDECAR = ".meta.json"
STDIN = "-"
MAX_BYTES = 256 * 1024 * 1024  # a file larger than this is not an article

_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"RIFF", "RIFF media"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x01\x00", "icon"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def expand(paths: Sequence[str]) -> list[str]:
    """Files to read, in order: folders recursively, sorted, hidden entries skipped.

    A path that does not exist is a usage error, found before any work starts.
    """
    if not paths:
        return [STDIN]
    out: list[str] = []
    for raw in paths:
        if raw == STDIN:
            out.append(STDIN)
            continue
        path = Path(raw)
        if path.is_dir():
            out.extend(_walk(path))
        elif path.exists():
            out.append(str(path))
        else:
            raise UsageError("no such file or folder", source=raw)
    return out


def _walk(folder: Path) -> Iterator[str]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            if Path(name).suffix.lower() in SUPPORTED:
                yield os.path.join(root, name)


def read(
    paths: Sequence[str],
    *,
    anchor: date | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Document | Problem]:
    """Every document in `paths` (see `expand`), or the Problem that kept it out."""
    seen: dict[str, int] = {}
    for path in expand(paths):
        try:
            if path == STDIN:
                stream = stdin if stdin is not None else sys.stdin.buffer
                items = _read_stdin(stream.read(MAX_BYTES + 1))
            else:
                items = _read_file(Path(path))
            for item in items:
                if isinstance(item, Document):
                    item = _unique(_anchored(item, anchor), seen)
                yield item
        except InputError as exc:
            yield Problem(exc.source or path, exc.message, exc.line)
        except OSError as exc:
            yield Problem(path, f"cannot read: {exc.strerror or exc}")


def _unique(doc: Document, seen: dict[str, int]) -> Document:
    """Two inputs with one name get ids `name` and `name-2`: event ids stay unique."""
    n = seen.get(doc.id, 0) + 1
    seen[doc.id] = n
    return doc if n == 1 else replace(doc, id=f"{doc.id}-{n}")


def _anchored(doc: Document, option: date | None) -> Document:
    if option is not None:
        return replace(doc, anchor=option, anchor_source="option")
    if doc.anchor is not None:
        return doc
    found = anchors.from_text(doc.text)
    if found is not None:
        return replace(doc, anchor=found[0], anchor_source=found[1])
    return doc


def _read_file(path: Path) -> Iterator[Document | Problem]:
    source = str(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(f"too large ({size // (1024 * 1024)} MiB; the limit is 256 MiB)", source)
    data = path.read_bytes()
    suffix = path.suffix.lower()
    if suffix in TIMEML_SUFFIXES:
        yield _timeml(data, source, path.stem)
    elif suffix in JSONL_SUFFIXES:
        yield from _jsonl(decode(data, source), source, path.stem)
    else:
        yield _text(decode(data, source), source, path.stem, _sidecar(path))


def _read_stdin(data: bytes) -> Iterator[Document | Problem]:
    source = "<stdin>"
    if len(data) > MAX_BYTES:
        raise InputError("too large (over 256 MiB)", source)
    if not data.strip():
        return
    stripped = data.lstrip()
    if stripped.startswith(b"<") and b"<TimeML" in data[:2000]:
        yield _timeml(data, source, "stdin")
        return
    text = decode(data, source)
    first = text.lstrip().split("\n", 1)[0]
    if first.startswith("{") and _is_record(first):
        yield from _jsonl(text, source, "stdin")
    else:
        yield _text(text, source, "stdin", {})


def _is_record(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and "text" in value


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs first, then UTF-8, then Windows-1252/Latin-1; binary is refused."""
    if not data.strip():
        raise InputError("empty file", source)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(f"undecodable {codec.upper()} text: {exc.reason}", source) from exc
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"binary file ({kind}), not text", source)
    sample = data[:65536]
    if b"\x00" in sample:
        guess = _utf16_without_bom(sample)
        if guess:
            try:
                return data.decode(guess)
            except UnicodeDecodeError:
                pass
        raise InputError("binary file (contains NUL bytes), not text", source)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace") if _looks_cp1252(sample) else ""
        if not text:
            text = data.decode("latin-1")
    if _control_ratio(text[:65536]) > 0.05:
        raise InputError("binary file (mostly control characters), not text", source)
    return text


def _utf16_without_bom(sample: bytes) -> str | None:
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * max(len(even), 1):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * max(len(odd), 1):
        return "utf-16-be"
    return None


def _looks_cp1252(sample: bytes) -> bool:
    # Bytes 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in Windows-1252: Latin-1 then.
    return not any(b in sample for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D))


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls / len(text)


def _sidecar(path: Path) -> dict[str, Any]:
    """`name.meta.json` beside `name.txt`: the article's metadata (date, title, url)."""
    meta = path.with_name(path.stem + SIDECAR)
    if not meta.is_file():
        return {}
    try:
        value = json.loads(meta.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"unreadable metadata {meta.name}: {exc}", str(path)) from exc
    if not isinstance(value, dict):
        raise InputError(f"metadata {meta.name} is not a JSON object", str(path))
    return value


def _meta_date(value: Any, source: str, line: int | None = None) -> date | None:
    if value is None or value == "":
        return None
    found = anchors.parse_date(str(value))
    if found is None:
        raise InputError(f"invalid date {value!r}", source, line)
    return found


def _text(text: str, source: str, stem: str, meta: dict[str, Any]) -> Document:
    if not text.strip():
        raise InputError("empty file", source)
    when = _meta_date(meta.get("date"), source)
    front = anchors.front_matter(text)
    return Document(
        id=str(meta.get("id") or stem),
        text=text,
        source=source,
        anchor=when,
        anchor_source="metadata" if when else "none",
        title=_str_or_none(meta.get("title") or front.get("title")),
        url=_str_or_none(meta.get("url") or front.get("url")),
    )


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _jsonl(text: str, source: str, stem: str) -> Iterator[Document | Problem]:
    """One article a line; a bad line is reported and the rest is read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(source, f"malformed JSON at line {number}: {exc.msg}", number)
            continue
        if not isinstance(record, dict):
            yield Problem(source, f"line {number} is not a JSON object", number)
            continue
        body = record.get("text")
        if not isinstance(body, str) or not body.strip():
            what = (
                "no text"
                if body is None
                else "empty text"
                if isinstance(body, str)
                else "text is not a string"
            )
            yield Problem(source, f"line {number}: {what}", number)
            continue
        try:
            when = _meta_date(record.get("date"), source, number)
        except InputError as exc:
            yield Problem(source, f"line {number}: {exc.message}", number)
            continue
        yield Document(
            id=str(record.get("id") or f"{stem}-{number}"),
            text=body,
            source=f"{source}:{number}",
            anchor=when,
            anchor_source="metadata" if when else "none",
            title=_str_or_none(record.get("title")),
            url=_str_or_none(record.get("url")),
        )


def _timeml(data: bytes, source: str, stem: str) -> Document:
    from timeline.timeml import parse_timeml

    tml = parse_timeml(data, source=source, doc_id=stem)
    if not tml.text.strip():
        raise InputError("TimeML document has an empty TEXT", source)
    return Document(
        id=tml.id,
        text=tml.text,
        source=source,
        anchor=tml.dct,
        anchor_source="dct" if tml.dct else "none",
        title=tml.title,
    )
