"""Writing exports: stdout, atomic files, folders, and the choice of format."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

import icalendar
import pytest

from tests.sample import AWKWARD_ID, AWKWARD_TEXT, SEED_ID, SEED_TEXT
from timeline.errors import ExportError, UsageError
from timeline.exporters import Note, get_exporter, ignore_note
from timeline.output import file_name, resolve_format, write_atomic, write_export


class Failing:
    """An exporter that writes half its output, then fails."""

    name = "failing"
    extensions: tuple[str, ...] = (".fail",)
    description = "fails half-way"
    one_document = False
    needs_text = False

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        out.write("half a calendar\n" * 1000)
        out.flush()
        raise self.error


@pytest.mark.parametrize(
    "error", [ExportError("refused"), OSError(28, "No space left on device"), KeyboardInterrupt()]
)
def test_a_failing_exporter_leaves_the_file_as_it_was(
    tmp_path: Path, data: dict[str, Any], error: BaseException
) -> None:
    target = tmp_path / "timeline.ics"
    write_export(data, get_exporter("ics"), str(target))
    before = target.read_bytes()
    with pytest.raises((ExportError, KeyboardInterrupt)):
        write_export(data, Failing(error), str(target))
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["timeline.ics"]  # no temp file left


def test_a_failing_exporter_creates_no_file(tmp_path: Path, data: dict[str, Any]) -> None:
    target = tmp_path / "new.json"
    with pytest.raises(ExportError):
        write_export(data, Failing(ExportError("refused")), str(target))
    assert list(tmp_path.iterdir()) == []


def test_file_is_written_with_exact_line_ends(tmp_path: Path, data: dict[str, Any]) -> None:
    target = tmp_path / "t.ics"
    assert write_export(data, get_exporter("ics"), str(target)) == [target]
    raw = target.read_bytes()
    assert b"\r\r\n" not in raw and raw.count(b"\r\n") == raw.count(b"\n")
    assert len(icalendar.Calendar.from_ical(raw).walk("VEVENT")) == 6


def test_permissions_follow_the_old_file_or_the_umask(tmp_path: Path, data: dict[str, Any]) -> None:
    fresh = tmp_path / "fresh.json"
    write_export(data, get_exporter("json"), str(fresh))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask
    kept = tmp_path / "kept.json"
    kept.write_text("{}")
    kept.chmod(0o640)
    write_export(data, get_exporter("json"), str(kept))
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640


def test_a_symlink_is_written_through(tmp_path: Path, data: dict[str, Any]) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_export(data, get_exporter("csv"), str(link))
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("date,")


def test_missing_folder_is_an_export_error(tmp_path: Path, data: dict[str, Any]) -> None:
    with pytest.raises(ExportError, match="no folder"):
        write_export(data, get_exporter("json"), str(tmp_path / "nowhere" / "t.json"))


def test_write_atomic_returns_the_target(tmp_path: Path) -> None:
    path = write_atomic(tmp_path / "a.txt", lambda out: out.write("é\n"))
    assert path.read_bytes() == "é\n".encode()


def test_stdout(data: dict[str, Any]) -> None:
    out = io.StringIO()
    assert write_export(data, get_exporter("jsonl"), None, stdout=out) == []
    assert len(out.getvalue().splitlines()) == len(data["events"])


def test_timeml_to_a_folder_one_file_a_document(
    tmp_path: Path, data: dict[str, Any], texts: dict[str, str]
) -> None:
    import xml.etree.ElementTree as ET

    folder = tmp_path / "tml"
    written = write_export(data, get_exporter("timeml"), f"{folder}/", texts=texts)
    assert [p.name for p in written] == [f"{SEED_ID}.tml", f"{AWKWARD_ID}.tml"]
    for path, text in zip(written, (SEED_TEXT, AWKWARD_TEXT), strict=True):
        body = ET.parse(path).getroot().find("TEXT")
        assert body is not None and "".join(body.itertext()) == text
    # An existing folder is recognised without the slash.
    assert len(write_export(data, get_exporter("timeml"), str(folder), texts=texts)) == 2


def test_timeml_refusals(tmp_path: Path, data: dict[str, Any], texts: dict[str, str]) -> None:
    with pytest.raises(ExportError, match="-o DIR/"):
        write_export(data, get_exporter("timeml"), str(tmp_path / "both.tml"), texts=texts)
    with pytest.raises(ExportError, match="-o DIR/"):
        write_export(data, get_exporter("timeml"), None, texts=texts, stdout=io.StringIO())
    with pytest.raises(ExportError, match="needs the document text"):
        write_export(data, get_exporter("timeml"), f"{tmp_path}/out/", texts=None)
    assert list(tmp_path.iterdir()) == []  # refused before anything was created


def test_any_format_can_go_to_a_folder(tmp_path: Path, data: dict[str, Any]) -> None:
    written = write_export(data, get_exporter("csv"), f"{tmp_path}/csv/")
    assert [p.name for p in written] == [f"{SEED_ID}.csv", f"{AWKWARD_ID}.csv"]
    assert written[1].read_bytes().count(b"\r\n") == 1 + 4


def test_file_names_are_safe_and_distinct() -> None:
    taken: set[str] = set()
    assert file_name("../etc/passwd", ".tml", taken) == "_etc_passwd.tml"
    assert file_name("a b/c", ".tml", taken) == "a_b_c.tml"
    assert file_name("a_b_c", ".tml", taken) == "a_b_c-2.tml"
    assert file_name("A_B_C", ".tml", taken) == "A_B_C-3.tml"  # case-insensitive file systems
    assert file_name("...", ".tml", taken) == "document.tml"
    assert file_name("Ünal", ".tml", taken) == "Ünal.tml"


@pytest.mark.parametrize(
    ("fmt", "target", "terminal", "expected"),
    [
        ("csv", "out.json", False, "csv"),  # --format wins
        (None, "out.ics", False, "ics"),
        (None, "out.timelinejs.json", True, "timelinejs"),
        (None, None, True, "table"),
        (None, None, False, "json"),
        (None, "-", True, "table"),
    ],
)
def test_format_choice(fmt: str | None, target: str | None, terminal: bool, expected: str) -> None:
    assert resolve_format(fmt, target, terminal=terminal) == expected


def test_format_choice_needs_a_known_extension(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot tell the format"):
        resolve_format(None, "out.pdf", terminal=False)
    with pytest.raises(UsageError, match="--format"):
        resolve_format(None, f"{tmp_path}/", terminal=False)
