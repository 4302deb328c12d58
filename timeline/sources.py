"""From paths to documents: files, folders, stdin; text, JSON Lines, TimeML.

`read(paths)` yields a `Document` for everything readable and a `Problem` for
everything that is not, in a stable order, one file at a time, so one bad file
never stops a batch and nothing is held in memory longer than needed: JSON Lines
are read a line at a time, from files and from stdin alike.

Limits, so that no input can take the memory of the machine: a text or TimeML
file (or stdin read as one) of at most `MAX_BYTES`; a document text of at most
`MAX_CHARS` characters; a JSON Lines line of at most `MAX_BYTES`. Beyond them
the input is reported and skipped, and the batch goes on.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
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
MAX_BYTES = 64 * 1024 * 1024  # a file (or a JSON Lines line) larger than this is not an article
MAX_CHARS = 10_000_000  # nor is a text this long (ten times spaCy's own default limit)
MAX_LINE_REPORTS = 20  # bad lines of one JSON Lines file reported one by one; then counted
HEAD = 65536  # how much of an input is looked at to tell what it is

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
_CODEC_NAMES = {"utf-32": "UTF-32", "utf-8-sig": "UTF-8", "utf-16": "UTF-16"}
_JSONL_START = re.compile(r'[ \t\r\n]*\{[ \t]*"')


class Expanded(list[str]):
    """Paths `expand` returned: `read` takes them as they are, without expanding again
    (a file that vanished since is then a problem of the batch, not a usage error)."""


def expand(paths: Sequence[str]) -> Expanded:
    """Files to read, in order: folders recursively, sorted, hidden entries skipped.

    A path that does not exist is a usage error, found before any work starts,
    and so is `-` (stdin) given twice. Folders are read recursively, following
    symbolic links to folders but never twice into one folder (no loops); in
    them, only regular files with a supported suffix are read (FIFOs, sockets
    and devices are skipped, as `grep -r` does). A folder that cannot be listed
    stays in the list: reading it reports why.
    """
    if isinstance(paths, Expanded):
        return paths
    if not paths:
        return Expanded([STDIN])
    out = Expanded()
    for raw in paths:
        if raw == STDIN:
            if STDIN in out:
                raise UsageError("standard input can be read only once", source=raw)
            out.append(STDIN)
            continue
        try:
            mode = os.stat(raw).st_mode
        except (FileNotFoundError, NotADirectoryError):
            raise UsageError("no such file or folder", source=raw) from None
        except OSError:  # a loop of links, a folder we may not enter: reading says why
            out.append(raw)
            continue
        if stat.S_ISDIR(mode):
            out.extend(_walk(Path(raw)))
        else:
            out.append(raw)
    return out


def _walk(folder: Path) -> Iterator[str]:
    failed: list[str] = []
    visited: set[tuple[int, int]] = set()

    def unreadable(exc: OSError) -> None:
        failed.append(str(exc.filename) if exc.filename else str(folder))

    for root, dirs, files in os.walk(folder, onerror=unreadable, followlinks=True):
        yield from failed
        failed.clear()
        try:
            info = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (info.st_dev, info.st_ino) in visited:  # a link back to a folder already read
            dirs[:] = []
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or name.endswith(SIDECAR):
                continue
            if Path(name).suffix.lower() not in SUPPORTED:
                continue
            path = os.path.join(root, name)
            try:
                regular = stat.S_ISREG(os.stat(path).st_mode)
            except OSError:
                regular = True  # a dangling link: reading it says so
            if regular:
                yield path
    yield from failed


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
                items = _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
            else:
                items = _read_file(Path(path))
            for item in items:
                if isinstance(item, Document):
                    item = unique(anchored(item, anchor), seen)
                yield item
        except InputError as exc:
            yield Problem(exc.source or _source(path), exc.message, exc.line)
        except OSError as exc:
            yield Problem(_source(path), f"cannot read: {exc.strerror or exc}")
        except Exception as exc:
            # A reader's bug met on strange input: this input is lost, not the batch.
            yield Problem(_source(path), f"cannot read: {type(exc).__name__}: {exc}")


def _source(path: str) -> str:
    return "<stdin>" if path == STDIN else unicode(path)


_SURROGATE = re.compile("[\ud800-\udfff]")


def unicode(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, one character for one.

    They come from file names that are not UTF-8 (Python keeps their bytes as
    surrogates) and from JSON escapes such as "\\ud800"; no encoder writes them,
    so they would fail the output, and spaCy, far from where they came in.
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def unique(doc: Document, seen: dict[str, int]) -> Document:
    """Two inputs with one name get ids `name` and `name-2`: event ids stay unique."""
    n = seen.get(doc.id, 0) + 1
    seen[doc.id] = n
    return doc if n == 1 else replace(doc, id=f"{doc.id}-{n}")


def anchored(doc: Document, option: date | None) -> Document:
    """`doc` with its anchor: the option's if given, else its own, else one its text gives."""
    if option is not None:
        return replace(doc, anchor=option, anchor_source="option")
    if doc.anchor is not None:
        return doc
    found = anchors.from_text(doc.text)
    if found is not None:
        return replace(doc, anchor=found[0], anchor_source=found[1])
    return doc


def _read_file(path: Path) -> Iterator[Document | Problem]:
    source = unicode(str(path))
    stem = unicode(path.stem)
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        os.listdir(path)  # raises the reason it could not be listed
        raise InputError("is a folder, not a file", source)
    suffix = path.suffix.lower()
    with path.open("rb") as stream:
        if suffix in JSONL_SUFFIXES:
            yield from _jsonl_stream(stream, source, stem)
            return
        if info.st_size > MAX_BYTES:
            raise InputError(
                f"too large ({_mib(info.st_size)}; the limit is {_mib(MAX_BYTES)})", source
            )
        data = stream.read(MAX_BYTES + 1)  # FIFOs and devices have no size to check first
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (over {_mib(MAX_BYTES)})", source)
    if suffix in TIMEML_SUFFIXES:
        yield from _timeml(data, source, stem)
    else:
        yield from _text(decode(data, source), source, stem, _sidecar(path))


def _mib(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MiB"


def _read_stdin(stream: BinaryIO) -> Iterator[Document | Problem]:
    """Text, JSON Lines or TimeML, told apart by how the input begins.

    JSON Lines (the first line opens an object with a key) are read a line at a
    time; anything else is read whole, up to `MAX_BYTES`. No input at all (or
    only white space) is no document, and no problem.
    """
    source = "<stdin>"
    head = stream.read(HEAD)
    bare = head.removeprefix(codecs.BOM_UTF8).lstrip(b" \t\r\n")
    if not _wide(head) and _JSONL_START.match(bare.decode("latin-1")):
        yield from _jsonl_stream(stream, source, "stdin", head=head)
        return
    data = head + stream.read(MAX_BYTES + 1 - len(head))
    if len(data) > MAX_BYTES:
        raise InputError(f"too large (over {_mib(MAX_BYTES)}; JSON Lines have no limit)", source)
    if not data.strip():
        return
    if bare.startswith(b"<") and b"<TimeML" in head:
        yield from _timeml(data, source, "stdin")
        return
    text = decode(data, source)
    if _JSONL_START.match(text):  # JSON Lines in UTF-16 or UTF-32
        yield from _jsonl(enumerate(text.split("\n"), start=1), source, "stdin")
    else:
        yield from _text(text, source, "stdin", {})


def _wide(head: bytes) -> bool:
    """Whether bytes are UTF-16 or UTF-32 (a BOM, or NUL bytes), to be decoded whole."""
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in head[:HEAD]


def decode(data: bytes, source: str) -> str:
    """Bytes to text: BOMs first, then UTF-8, then Windows-1252/Latin-1; binary is refused."""
    if not data.strip():
        raise InputError("empty file", source)
    text = _decoded(data, source)
    # Whatever the encoding, text is not mostly control characters.
    if _control_ratio(text[:65536]) > 0.05:
        raise InputError("binary file (mostly control characters), not text", source)
    return text


def _decoded(data: bytes, source: str) -> str:
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as exc:
                name = _CODEC_NAMES[codec]
                raise InputError(f"undecodable {name} text: {exc.reason}", source) from exc
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
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _mostly_utf8(data) or _single_byte(data, sample)


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (each read as U+FFFD), if its good sequences outnumber them.

    Latin-1 or Windows-1252 text has bytes above 0x7F that almost never form
    UTF-8 sequences, so it is not taken for damaged UTF-8.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text if non_ascii - bad > bad else None


def _single_byte(data: bytes, sample: bytes) -> str:
    if _looks_cp1252(sample):
        return data.decode("cp1252", errors="replace")
    return data.decode("latin-1")


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
        name, source = unicode(meta.name), unicode(str(path))
        raise InputError(f"unreadable metadata {name}: {exc}", source) from exc
    if not isinstance(value, dict):
        raise InputError(f"metadata {unicode(meta.name)} is not a JSON object", unicode(str(path)))
    return value


def _meta_date(
    value: Any, source: str, line: int | None = None, what: str = "date"
) -> tuple[date | None, Problem | None]:
    """The document's own date from its metadata; an invalid one is ignored, with
    a warning naming it: the document is read all the same, without it."""
    if value is None or value == "":
        return None, None
    found = anchors.parse_date(str(value))
    if found is None:
        message = f"invalid {what} {value!r} ignored: the document is read without it"
        return None, Problem(source, message, line, kept=True)
    return found, None


def _too_long(text: str) -> str | None:
    if len(text) <= MAX_CHARS:
        return None
    return f"too long ({len(text):,} characters; the limit for one document is {MAX_CHARS:,})"


def _text(text: str, source: str, stem: str, meta: dict[str, Any]) -> Iterator[Document | Problem]:
    if not text.strip():
        raise InputError("empty file", source)
    too_long = _too_long(text)
    if too_long:
        raise InputError(too_long, source)
    when, invalid = _meta_date(meta.get("date"), source, what="metadata date")
    if invalid is not None:
        yield invalid
    front = anchors.front_matter(text)
    yield Document(
        id=_str_or_none(meta.get("id")) or stem,
        text=text,
        source=source,
        anchor=when,
        anchor_source="metadata" if when else "none",
        title=_str_or_none(meta.get("title") or front.get("title")),
        url=_str_or_none(meta.get("url") or front.get("url")),
    )


def from_text(text: str, source: str, doc_id: str) -> Iterator[Document | Problem]:
    """A text given as it is (the Python API), read as a file of it would be, with
    `doc_id` as its id; its problem (empty, too long) as a Problem."""
    if not text.strip():
        yield Problem(source, "empty text")
        return
    try:
        yield from _text(unicode(text), source, doc_id, {})
    except InputError as exc:
        yield Problem(exc.source or source, exc.message, exc.line)


def _str_or_none(value: Any) -> str | None:
    return unicode(str(value)) if value not in (None, "") else None


def _jsonl_stream(
    stream: BinaryIO, source: str, stem: str, head: bytes = b""
) -> Iterator[Document | Problem]:
    """JSON Lines read from a byte stream a line at a time (after `head`, already read)."""
    head += stream.read(max(0, HEAD - len(head)))
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"binary file ({kind}), not JSON Lines", source)
    if _wide(head):  # UTF-16/32 (or binary): decoded whole, within the size limit
        data = head + stream.read(MAX_BYTES + 1 - len(head))
        if len(data) > MAX_BYTES:
            raise InputError(f"too large (over {_mib(MAX_BYTES)} in UTF-16 or UTF-32)", source)
        lines: Iterable[tuple[int, str | None]] = enumerate(
            decode(data, source).split("\n"), start=1
        )
    else:
        if head.startswith(codecs.BOM_UTF8):
            head = head[len(codecs.BOM_UTF8) :]
        lines = _lines(stream, head)
    found = False
    for item in _jsonl(lines, source, stem):
        found = True
        yield item
    if not found:
        raise InputError("empty file", source)


def _lines(stream: BinaryIO, head: bytes) -> Iterator[tuple[int, str | None]]:
    """Numbered, decoded lines of a stream; None for a line over `MAX_BYTES` (skipped)."""
    buffer = head
    number = 0
    while True:
        if b"\n" not in buffer:
            if len(buffer) <= MAX_BYTES:
                buffer += stream.readline(MAX_BYTES + 1 - len(buffer))
            if b"\n" not in buffer:
                if not buffer:
                    return
                number += 1
                if len(buffer) <= MAX_BYTES:  # the last line, without a newline
                    yield number, _decode_line(buffer)
                    return
                rest = buffer  # a line too long: skip to its end
                while rest and not rest.endswith(b"\n"):
                    rest = stream.readline(HEAD)
                buffer = b""
                yield number, None
                continue
        raw, buffer = buffer.split(b"\n", 1)
        number += 1
        yield number, _decode_line(raw)


def _decode_line(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return _mostly_utf8(raw) or _single_byte(raw, raw)


def _jsonl(
    lines: Iterable[tuple[int, str | None]], source: str, stem: str
) -> Iterator[Document | Problem]:
    """One article a line; a bad line is reported and the rest is read.

    Only the first `MAX_LINE_REPORTS` bad lines are reported one by one; the
    rest are counted in one last problem, so that a file that is not JSON Lines
    at all does not flood the report.
    """
    bad = 0

    def problem(number: int, message: str) -> Iterator[Problem]:
        nonlocal bad
        bad += 1
        if bad <= MAX_LINE_REPORTS:
            yield Problem(source, message, number)

    for number, line in lines:
        if line is None:
            yield from problem(number, f"line {number} is too long (over {_mib(MAX_BYTES)})")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            where = f"column {exc.colno}" if exc.msg.endswith(" at") else f"at column {exc.colno}"
            yield from problem(number, f"malformed JSON at line {number}: {exc.msg} {where}")
            continue
        except RecursionError:
            yield from problem(number, f"malformed JSON at line {number}: nested too deeply")
            continue
        if not isinstance(record, dict):
            yield from problem(number, f"line {number} is not a JSON object")
            continue
        for item in from_record(record, source, number, f"{stem}-{number}"):
            if isinstance(item, Problem) and not item.kept:
                yield from problem(number, item.message)
            else:
                yield item
    if bad > MAX_LINE_REPORTS:
        more = bad - MAX_LINE_REPORTS
        yield Problem(source, f"and {more} more bad line{'s' * (more != 1)}, not listed")


def from_record(
    record: Mapping[str, Any], source: str, line: int, default_id: str
) -> Iterator[Document | Problem]:
    """The document of one JSON Lines record (`text`; `id`, `date`, `title`, `url`), or
    the problem that keeps it out; a warning first for an invalid `date`. Its source is
    `source:line`; without an `id` it is `default_id`. The Python API and Dask read
    records with this too, so a record is the same document however it comes in."""
    body = record.get("text")
    if isinstance(body, str):
        body = unicode(body)
    if not isinstance(body, str) or not body.strip():
        what = (
            "no text"
            if body is None
            else "empty text"
            if isinstance(body, str)
            else f"text is not a string but {_json_kind(body)}"
        )
        yield Problem(source, f"line {line}: {what}", line)
        return
    too_long = _too_long(body)
    if too_long:
        yield Problem(source, f"line {line}: text {too_long}", line)
        return
    when, invalid = _meta_date(record.get("date"), source, line)
    if invalid is not None:
        yield invalid
    yield Document(
        id=_str_or_none(record.get("id")) or default_id,
        text=body,
        source=f"{source}:{line}",
        anchor=when,
        anchor_source="metadata" if when else "none",
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
    )


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _timeml(data: bytes, source: str, stem: str) -> Iterator[Document | Problem]:
    from timeline.timeml import parse_timeml

    tml = parse_timeml(data, source=source, doc_id=stem)
    if not tml.text.strip():
        raise InputError("TimeML document has an empty TEXT", source)
    too_long = _too_long(tml.text)
    if too_long:
        raise InputError(too_long, source)
    if tml.dct is None and tml.dct_value:
        _, invalid = _meta_date(tml.dct_value, source, what="DCT")
        if invalid is not None:
            yield invalid
    yield Document(
        id=tml.id,
        text=tml.text,
        source=source,
        anchor=tml.dct,
        anchor_source="dct" if tml.dct else "none",
        title=tml.title,
    )
