"""Reading what should not be read: every input yields documents or problems,
never an exception, in bounded memory."""

from __future__ import annotations

import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from timeline import sources
from timeline.models import Document, Problem

GOOD = "Leaders met in Rome on May 5, 2010."


def _read(*paths: Path | str, stdin: bytes | None = None) -> list[Document | Problem]:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(sources.read([str(p) for p in paths], stdin=stream))


def _said(items: list[Document | Problem]) -> list[str]:
    """A document as `id: text`; a problem as `! ...`, a warning (its input kept) as `~ ...`."""
    return [
        f"{i.id}: {i.text}" if isinstance(i, Document) else f"{'~' if i.kept else '!'} {i}"
        for i in items
    ]


# ---------------------------------------------------------------- JSON Lines


def test_a_line_separator_inside_a_json_string_is_not_a_line_end(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    record = {"id": "x", "text": "Talks\u2028in Oslo\x85on June 2, 2011."}
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _said(_read(path)) == ["x: Talks\u2028in Oslo\x85on June 2, 2011."]


def test_jsonl_kinds_of_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"text": 12345}),
        json.dumps([1, 2]),
        json.dumps({"id": "no-text"}),
        json.dumps({"text": "  "}),
        json.dumps({"text": GOOD, "date": "yesterday"}),
        "[" * 100_000,
        "",
        json.dumps({"text": GOOD}),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    source = str(path)
    assert _said(_read(path)) == [
        f"! {source}:1: line 1: text is not a string but a number",
        f"! {source}:2: line 2 is not a JSON object",
        f"! {source}:3: line 3: no text",
        f"! {source}:4: line 4: empty text",
        f"~ {source}:5: invalid date 'yesterday' ignored: the document is read without it",
        f"a-5: {GOOD}",
        f"! {source}:6: malformed JSON at line 6: nested too deeply",
        f"a-8: {GOOD}",
    ]


def test_a_record_with_an_invalid_date_is_kept_without_an_anchor(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    records = [
        {"id": "ok", "text": "Talks resumed on Monday.", "date": "2022-01-10"},
        {"id": "month-13", "text": "Talks resumed on Monday.", "date": "2022-13-45"},
        {"id": "number", "text": "Talks resumed on Monday.", "date": 17},
        {"id": "no-date", "text": "Talks resumed on Monday.", "date": None},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    items = _read(path)
    assert _said(items) == [
        "ok: Talks resumed on Monday.",
        f"~ {path}:2: invalid date '2022-13-45' ignored: the document is read without it",
        "month-13: Talks resumed on Monday.",
        f"~ {path}:3: invalid date 17 ignored: the document is read without it",
        "number: Talks resumed on Monday.",
        "no-date: Talks resumed on Monday.",
    ]
    anchors = {i.id: (i.anchor, i.anchor_source) for i in items if isinstance(i, Document)}
    assert anchors == {
        "ok": (date(2022, 1, 10), "metadata"),
        "month-13": (None, "none"),
        "number": (None, "none"),
        "no-date": (None, "none"),
    }


def test_an_invalid_date_in_a_sidecar_or_a_dct_is_a_warning(tmp_path: Path) -> None:
    text = tmp_path / "brief.txt"
    text.write_text("Talks resumed on Monday.", encoding="utf-8")
    (tmp_path / "brief.meta.json").write_text('{"date": "Monday", "title": "Brief"}', "utf-8")
    tml = tmp_path / "wire.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-30" '
        'functionInDocument="CREATION_TIME">the thirtieth of February</TIMEX3></DCT>'
        "<TEXT>Talks resumed on Monday.</TEXT></TimeML>",
        encoding="utf-8",
    )
    items = _read(text, tml)
    assert _said(items) == [
        f"~ {text}: invalid metadata date 'Monday' ignored: the document is read without it",
        "brief: Talks resumed on Monday.",
        f"~ {tml}: invalid DCT '1998-02-30' ignored: the document is read without it",
        "wire: Talks resumed on Monday.",
    ]
    assert [i.anchor for i in items if isinstance(i, Document)] == [None, None]
    assert [i.title for i in items if isinstance(i, Document)] == ["Brief", None]


def test_a_line_too_long_is_skipped_and_the_next_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    monkeypatch.setattr(sources, "HEAD", 100)
    path = tmp_path / "a.jsonl"
    long_line = json.dumps({"text": "x " * 5000})
    path.write_text(
        "\n".join([json.dumps({"id": "a", "text": GOOD}), long_line, json.dumps({"text": GOOD})]),
        encoding="utf-8",
    )
    assert _said(_read(path)) == [
        f"a: {GOOD}",
        f"! {path}:2: line 2 is too long (over 0 MiB)",
        f"a-3: {GOOD}",
    ]


def test_many_bad_lines_are_counted_not_listed(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(["not json"] * 50 + [json.dumps({"text": GOOD})]), encoding="utf-8")
    items = _read(path)
    problems = [i for i in items if isinstance(i, Problem)]
    assert len(problems) == sources.MAX_LINE_REPORTS + 1
    assert str(problems[-1]) == f"{path}: and 30 more bad lines, not listed"
    assert [i.text for i in items if isinstance(i, Document)] == [GOOD]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"", "empty file"),
        (b"\n\n \n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file (PNG image), not JSON Lines"),
        (b"\x00\x01\x02\x03" * 100, "binary file (mostly control characters), not text"),
        (b"\x00\x00AB" * 100, "binary file (contains NUL bytes), not text"),
    ],
)
def test_jsonl_that_is_not_json_lines(tmp_path: Path, data: bytes, said: str) -> None:
    path = tmp_path / "a.jsonl"
    path.write_bytes(data)
    assert _said(_read(path)) == [f"! {path}: {said}"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "cp1252"])
def test_jsonl_in_other_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.jsonl"
    text = "Caf\u00e9 talks in Z\u00fcrich on May 5, 2010."
    path.write_bytes((json.dumps({"id": "x", "text": text}, ensure_ascii=False)).encode(encoding))
    assert _said(_read(path)) == [f"x: {text}"]


def test_stdin_json_lines_are_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "HEAD", 64)  # the first line ends after the first read
    lines = [json.dumps({"id": f"d{k}", "text": f"{GOOD} ({k})"}) for k in range(5)]
    items = _read("-", stdin=("\n".join(lines) + "\n").encode())
    assert [i.id for i in items if isinstance(i, Document)] == [f"d{k}" for k in range(5)]


# ---------------------------------------------------------------- text


def test_mostly_utf8_with_a_bad_byte_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Café talks in Zürich — ".encode() + b"\xff" + " naïve.".encode())
    assert _said(_read(path)) == ["a: Café talks in Zürich — \ufffd naïve."]


def test_windows_1252_quotes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\u201cTalks\u201d \u2013 caf\u00e9".encode("cp1252"))
    assert _said(_read(path)) == ["a: \u201cTalks\u201d \u2013 caf\u00e9"]


def test_truncated_utf16_is_undecodable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("Talks in Oslo".encode("utf-16") + b"\x00")
    assert _said(_read(path)) == [f"! {path}: undecodable UTF-16 text: truncated data"]


def test_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_CHARS", 20)
    long = tmp_path / "long.txt"
    long.write_text("x" * 30, encoding="utf-8")
    record = tmp_path / "r.jsonl"
    record.write_text(json.dumps({"text": "y" * 30}), encoding="utf-8")
    assert _said(_read(long, record)) == [
        f"! {long}: too long (30 characters; the limit for one document is 20)",
        f"! {record}:1: line 1: text too long (30 characters; the limit for one document is 20)",
    ]
    monkeypatch.setattr(sources, "MAX_BYTES", 10)
    assert _said(_read(long)) == [f"! {long}: too large (0 MiB; the limit is 0 MiB)"]


# ---------------------------------------------------------------- folders


def test_fifos_are_skipped_in_folders_and_read_when_named(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    assert sources.expand([str(tmp_path)]) == [str(tmp_path / "a.txt")]  # no blocking read


def test_symbolic_link_loops_end(tmp_path: Path) -> None:
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "a.txt").write_text(GOOD, encoding="utf-8")
    (sub / "up").symlink_to(tmp_path)  # a loop
    (tmp_path / "zz-again").symlink_to(sub)  # the same folder twice
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self").symlink_to(tmp_path / "self")
    files = sources.expand([str(tmp_path)])
    assert files == [str(tmp_path / "dangling.txt"), str(sub / "a.txt")]
    assert _said(list(sources.read(files))) == [
        f"! {tmp_path / 'dangling.txt'}: cannot read: No such file or directory",
        f"a: {GOOD}",
    ]
    assert _said(_read(tmp_path / "self")) == [
        f"! {tmp_path / 'self'}: cannot read: Too many levels of symbolic links"
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any folder")
def test_a_folder_that_cannot_be_listed_is_a_problem(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        assert _said(_read(tmp_path)) == [
            f"a: {GOOD}",
            f"! {locked}: cannot read: Permission denied",
        ]
    finally:
        locked.chmod(0o755)


def test_stdin_given_twice_is_a_usage_error() -> None:
    from timeline.errors import UsageError

    with pytest.raises(UsageError, match="only once"):
        sources.expand(["-", "-"])


# ---------------------------------------------------------------- TimeML


TML = (
    '<?xml version="1.0"?>\n{doctype}<TimeML><DCT><TIMEX3 tid="t0" type="DATE" '
    'value="1998-02-06" functionInDocument="CREATION_TIME">1998-02-06</TIMEX3></DCT>'
    "<TEXT>{text}</TEXT></TimeML>\n"
)


@pytest.mark.parametrize(
    ("doctype", "text", "said"),
    [
        ('<!DOCTYPE TimeML SYSTEM "TimeML.dtd">\n', "Talks on Monday.", "a: Talks on Monday."),
        ("", "<a>" * 50_000 + "Deep." + "</a>" * 50_000, "a: Deep."),
        (
            '<!DOCTYPE t [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n',
            "&ext;",
            "! {path}: unsafe XML: entity declarations are not allowed",
        ),
        ("", "Talks &amp; more <b>", "! {path}:2: malformed TimeML at line 2, column"),
    ],
)
def test_timeml_safely(tmp_path: Path, doctype: str, text: str, said: str) -> None:
    path = tmp_path / "a.tml"
    path.write_text(TML.format(doctype=doctype, text=text), encoding="utf-8")
    (got,) = _said(_read(path))
    assert got.startswith(said.format(path=path))
