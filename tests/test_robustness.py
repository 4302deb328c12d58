"""Bad input never costs the batch: every readable document is processed, every
unreadable one is named with its cause in one line, and the run ends with a
summary and the right exit code, never a traceback.

Binary, Latin-1, UTF-16 and PNG fixtures are made here at run time; nothing
binary is committed.
"""

from __future__ import annotations

import json
import os
import random
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from timeline import sources
from timeline.cli import cli, main

GOOD = "Leaders met in Rome on May 5, 2010 to sign an agreement."
GOOD_DATE = "2010-05-05"


def _png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body))
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _random_bytes(n: int = 4096) -> bytes:
    rng = random.Random(5)
    return bytes(rng.randrange(256) for _ in range(n))


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
        for i in range(1, 10)
    )
    + "]>\n<TimeML><TEXT>&lol9;</TEXT></TimeML>\n"
)
MALFORMED_TIMEML = (
    '<?xml version="1.0"?>\n<TimeML>\n<TEXT>On <TIMEX3 tid="t1">Monday</TEXT>\n</TimeML>\n'
)
JSONL_LINES = [
    json.dumps({"id": "j1", "text": "The ministers met in Oslo on June 2, 2011."}),
    '{"id": "j2", "text": "broken',
    json.dumps({"id": "j3", "text": "Talks were held in Cairo on July 3, 2012."}),
]

# name -> (bytes of the file, the cause the report must give)
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "random.txt": (_random_bytes(), "binary file"),
    "picture.txt": (_png(), "binary file (PNG image)"),
    "broken.tml": (MALFORMED_TIMEML.encode(), "malformed TimeML at line 3"),
    "bomb.tml": (BILLION_LAUGHS.encode(), "unsafe XML: entity declarations are not allowed"),
}


def _invoke(*args: str, stdin: bytes | str | None = None) -> Result:
    return CliRunner().invoke(cli, ["extract", *args], input=stdin)


def _dates(result: Result) -> list[str | None]:
    return [e["date"] for e in json.loads(result.stdout)["events"]]


def _assert_clean(result: Result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _folder(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize("name", sorted(BAD))
def test_one_bad_file_is_named_with_its_cause_and_the_rest_is_written(
    tmp_path: Path, name: str
) -> None:
    data, cause = BAD[name]
    folder = _folder(tmp_path, {name: data})
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    assert _dates(result) == [GOOD_DATE]
    lines = result.stderr.splitlines()
    (skipped,) = [line for line in lines if "skipped" in line[:20]]
    assert skipped.startswith(f"timeline: skipped {folder / name}: {cause}")
    assert lines[-1] == "timeline: 1 document read, 1 skipped, 1 event"
    problems = json.loads(result.stdout)["problems"]
    assert [p["source"] for p in problems] == [str(folder / name)]


def test_jsonl_with_a_malformed_line_keeps_the_good_lines(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"batch.jsonl": "\n".join(JSONL_LINES).encode()})
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert sorted(d["id"] for d in data["documents"]) == ["good", "j1", "j3"]
    assert sorted(_dates(result), key=str) == [GOOD_DATE, "2011-06-02", "2012-07-03"]
    assert (
        f"skipped {folder / 'batch.jsonl'}: malformed JSON at line 2: "
        "Unterminated string starting at column 22" in result.stderr
    )
    assert data["problems"] == [
        {
            "source": str(folder / "batch.jsonl"),
            "line": 2,
            "message": "malformed JSON at line 2: Unterminated string starting at column 22",
        }
    ]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("latin1.txt", "Le café: talks in Zürich on March 14, 2021.".encode("latin-1")),
        ("cp1252.txt", "\u201cTalks\u201d in Zürich on March 14, 2021.".encode("cp1252")),
        ("utf16.txt", "Talks in Zürich on March 14, 2021.".encode("utf-16")),  # with a BOM
        ("utf16be.txt", "Talks in Zürich on March 14, 2021.".encode("utf-16-be")),  # NULs, no BOM
        ("utf8bom.txt", "Talks in Zürich on March 14, 2021.".encode("utf-8-sig")),
    ],
)
def test_other_encodings_are_decoded_and_read(tmp_path: Path, name: str, data: bytes) -> None:
    folder = _folder(tmp_path, {name: data})
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    doc_id = name.removesuffix(".txt")
    (doc,) = [d for d in out["documents"] if d["id"] == doc_id]
    assert [t["text"] for t in doc["timexes"]] == ["March 14, 2021"]
    assert sorted(_dates(result)) == [GOOD_DATE, "2021-03-14"]
    assert any("Zürich" in e["sentence"] for e in out["events"])


def test_the_whole_mixed_folder(tmp_path: Path) -> None:
    files = {name: data for name, (data, _) in BAD.items()}
    files["batch.jsonl"] = "\n".join(JSONL_LINES).encode()
    files["latin1.txt"] = "Le café: talks in Zürich on March 14, 2021.".encode("latin-1")
    files["utf16.txt"] = "Talks in Vienna on January 5, 2022.".encode("utf-16")
    folder = _folder(tmp_path, files)
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert sorted(d["id"] for d in data["documents"]) == ["good", "j1", "j3", "latin1", "utf16"]
    assert sorted(_dates(result), key=str) == [
        GOOD_DATE,
        "2011-06-02",
        "2012-07-03",
        "2021-03-14",
        "2022-01-05",
    ]
    skipped = [line for line in result.stderr.splitlines() if " skipped " in line[:20]]
    assert len(skipped) == 6
    for name, (_, cause) in BAD.items():
        assert any(str(folder / name) in line and cause in line for line in skipped), name
    assert result.stderr.splitlines()[-1] == "timeline: 5 documents read, 6 skipped, 5 events"


# ---------------------------------------------------------------- usage errors


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    captured = capsys.readouterr()
    return int(ended.value.code or 0), captured.out, captured.err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("extract", "{tmp}/missing.txt"), "missing.txt: no such file or folder"),
        (("extract", "{good}", "--anchor", "2022-13-45"), "--anchor: invalid date '2022-13-45'"),
        (("extract", "{good}", "--anchor", ""), "--anchor: invalid date ''"),
        (("extract", "{good}", "--format", "pdf"), "unknown format 'pdf'"),
        (("extract", "-", "-"), "-: standard input can be read only once"),
        (("extract", "{good}", "-o", "{good}"), "is also an input: it would be replaced"),
        (("extract", "{good}", "-o", "{tmp}/no/such/folder/out.json"), "cannot write: no folder"),
        (("extract", "--no-such-option"), "No such option"),
    ],
)
def test_usage_errors_exit_2_with_one_line_before_any_work(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    code, out, err = _main(capsys, *(a.format(tmp=tmp_path, good=good) for a in args))
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and message in err, err
    assert "Traceback" not in err
    assert good.read_text(encoding="utf-8") == GOOD  # -o never replaced an input


def test_timeline_alone_shows_the_help_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _main(capsys)
    assert code == 2 and out == ""
    assert "Usage: timeline" in err and "extract" in err and "Traceback" not in err


def test_unreadable_path_is_skipped_not_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, {"secret.txt": b"Talks in Oslo on June 2, 2011."})
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.txt":  # root ignores file modes: refuse by hand
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    result = _invoke(str(folder), str(folder / "secret.txt"), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    assert _dates(result) == [GOOD_DATE]
    assert result.stderr.count(f"skipped {folder / 'secret.txt'}: cannot read: Permission") == 2


def test_a_file_name_with_a_newline_is_reported_on_one_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"bad\nname.txt": b""})
    result = _invoke(str(folder), "--format", "json")
    assert result.exit_code == 1
    assert "skipped " + str(folder) + "/bad\\nname.txt: empty file" in result.stderr
    assert len(result.stderr.splitlines()) == 2


def test_a_failing_analysis_loses_one_document_not_the_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import pipeline

    folder = _folder(tmp_path, {"poison.txt": b"Talks in Oslo on June 2, 2011."})
    real: Callable[..., object] = pipeline.analyse

    def analyse(document: object, doc: object, undated: bool = False) -> object:
        if getattr(document, "id", "") == "poison":
            raise ValueError("a bug met on strange input")
        return real(document, doc, undated)

    monkeypatch.setattr(pipeline, "analyse", analyse)
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    assert _dates(result) == [GOOD_DATE]
    assert (
        f"skipped {folder / 'poison.txt'}: cannot analyse: ValueError: a bug met on strange input"
        in result.stderr
    )


def test_a_record_with_an_invalid_date_is_read_with_a_warning(tmp_path: Path) -> None:
    batch = tmp_path / "wire.jsonl"
    batch.write_text(
        "\n".join(
            [
                json.dumps({"id": "w1", "text": GOOD, "date": "2010-05-07"}),
                json.dumps({"id": "w2", "text": GOOD, "date": "May 45, 2010"}),
            ]
        ),
        encoding="utf-8",
    )
    result = _invoke(str(batch), "--format", "json", "--no-merge")
    _assert_clean(result)
    assert result.exit_code == 0  # nothing was left out
    data = json.loads(result.stdout)
    assert [(d["id"], d["anchor"]) for d in data["documents"]] == [
        ("w1", "2010-05-07"),
        ("w2", None),
    ]
    assert data["problems"] == []
    assert _dates(result) == [GOOD_DATE, GOOD_DATE]
    assert result.stderr.splitlines() == [
        f"timeline: warning: {batch}:2: invalid date 'May 45, 2010' ignored: "
        "the document is read without it",
        "timeline: 2 documents read, 0 skipped, 2 events, 1 warning",
    ]


# ---------------------------------------------------------------- stdin


def test_stdin_text() -> None:
    result = _invoke("--format", "json", stdin=GOOD)
    assert result.exit_code == 0 and _dates(result) == [GOOD_DATE]


def test_stdin_json_lines_with_a_bad_line() -> None:
    result = _invoke("-", "--format", "json", stdin="\n".join(JSONL_LINES) + "\n")
    _assert_clean(result)
    assert result.exit_code == 1
    assert _dates(result) == ["2011-06-02", "2012-07-03"]
    assert "skipped <stdin>: malformed JSON at line 2" in result.stderr


def test_stdin_utf16_json_lines() -> None:
    good = [JSONL_LINES[0], JSONL_LINES[2]]
    result = _invoke("--format", "json", stdin="\n".join(good).encode("utf-16"))
    assert result.exit_code == 0 and _dates(result) == ["2011-06-02", "2012-07-03"]


@pytest.mark.parametrize("stdin", ["", "\n\n  \n"])
def test_empty_stdin_is_an_empty_timeline(stdin: str) -> None:
    result = _invoke("--format", "json", stdin=stdin)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["documents"] == data["events"] == data["problems"] == []
    assert result.stderr == "timeline: 0 documents read, 0 skipped, 0 events\n"


def test_binary_stdin_is_a_problem() -> None:
    result = _invoke("--format", "json", stdin=_png())
    assert result.exit_code == 1
    assert "skipped <stdin>: binary file (PNG image), not text" in result.stderr


# ---------------------------------------------------------------- -o FILE


def test_failed_output_leaves_the_old_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from timeline import exporters

    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("the last good timeline\n", encoding="utf-8")
    exporter = exporters.get_exporter("json")

    def half_then_fail(*args: object, **kwargs: object) -> None:
        stream = args[1]
        stream.write('{"schema_version": ')  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(type(exporter), "write", lambda self, *a, **k: half_then_fail(*a, **k))
    result = _invoke(str(good), "-o", str(target))
    assert result.exit_code != 0
    assert "No space left on device" in str(result.exception)  # main() says it in one line
    assert target.read_text(encoding="utf-8") == "the last good timeline\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out.json"]


def test_output_file_is_written_whole(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    target = tmp_path / "out.json"
    target.write_text("old\n", encoding="utf-8")
    result = _invoke(str(good), "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert [e["date"] for e in json.loads(target.read_text(encoding="utf-8"))["events"]] == [
        GOOD_DATE
    ]


# ---------------------------------------------------------------- offsets, determinism


def test_crlf_offsets_point_into_the_text_as_read(tmp_path: Path) -> None:
    text = (
        "GENEVA, Jan. 10, 2022 --\r\n\r\nOfficials held talks in Geneva on Monday.\r\n"
        "They will meet again in Brussels on Wednesday.\r\n\r\nA summit follows in Vienna "
        "on Thursday.\r\n"
    )
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    result = _invoke(str(path), "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    for tx in data["documents"][0]["timexes"]:
        assert text[tx["start"] : tx["end"]] == tx["text"]
    assert [e["date"] for e in data["events"]] == ["2022-01-10", "2022-01-12", "2022-01-13"]
    for event in data["events"]:
        assert text[event["start"] : event["end"]] == event["sentence"]
        for span in [event["trigger"], event["location"], *event["actors"]]:
            assert text[span["start"] : span["end"]] == span["name"]
        for mention in event["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_same_input_same_bytes(tmp_path: Path) -> None:
    files = {name: data for name, (data, _) in BAD.items()}
    files["batch.jsonl"] = "\n".join(JSONL_LINES).encode()
    folder = _folder(tmp_path, files)
    first = _invoke(str(folder), "--format", "json").stdout_bytes
    second = _invoke(str(folder), "--format", "json").stdout_bytes
    assert first == second and first


def test_expand_is_not_repeated_by_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    files = sources.expand([str(tmp_path)])
    os.remove(tmp_path / "a.txt")  # vanished between listing and reading
    items = list(sources.read(files))
    assert [str(p) for p in items] == [
        f"{tmp_path / 'a.txt'}: cannot read: No such file or directory"
    ]


def test_names_and_texts_that_no_encoder_writes(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder)
    with open(raw + b"/bad\xffname.txt", "wb") as out:  # a file name that is not UTF-8
        out.write(GOOD.encode())
    with open(raw + b"/empty\xfe.txt", "wb"):
        pass
    (folder / "s.jsonl").write_text(
        '{"id": "x\\ud800", "text": "Talks in Oslo\\udfff on June 2, 2011."}\n', encoding="utf-8"
    )
    result = _invoke(str(folder), "--format", "json")
    _assert_clean(result)
    assert result.exit_code == 1
    result.stdout_bytes.decode("utf-8")  # strict: the output is UTF-8
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["bad\ufffdname", "x\ufffd"]
    assert sorted(_dates(result)) == [GOOD_DATE, "2011-06-02"]
    assert f"skipped {folder}/empty\ufffd.txt: empty file" in result.stderr


def test_output_to_a_named_pipe_is_written_not_replaced(tmp_path: Path) -> None:
    import threading

    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _invoke(str(good), "-o", str(fifo), "--format", "json")
    reader.join(timeout=60)
    assert result.exit_code == 0
    assert [e["date"] for e in json.loads(received[0])["events"]] == [GOOD_DATE]
    assert fifo.is_fifo()  # not replaced by a regular file (as root, think of -o /dev/null)
