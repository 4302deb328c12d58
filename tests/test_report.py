"""One Report per command: its problems, counts, summary line and exit status,
and every message in one form, `timeline: ...` on stderr."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from timeline.cli import main
from timeline.errors import ExitCode, InputError, UsageError
from timeline.models import Problem
from timeline.report import Report


def _report(command: str = "extract") -> tuple[Report, io.StringIO]:
    stream = io.StringIO()
    return Report(command, stream=stream), stream


def test_extract_counts_problems_and_warnings() -> None:
    report, stream = _report()
    report.skipped(Problem("a/empty.txt", "empty file"))
    report.add(Problem("b.jsonl", "line 3: invalid date '2022-13-45' ignored", 3, kept=True))
    report.read(documents=7, events=17)
    report.finish()
    assert stream.getvalue().splitlines() == [
        "timeline: skipped a/empty.txt: empty file",
        "timeline: warning: b.jsonl:3: line 3: invalid date '2022-13-45' ignored",
        "timeline: 7 documents read, 1 skipped, 17 events, 1 warning",
    ]
    assert report.exit_code == ExitCode.SOME_UNREADABLE  # skipped: 1
    assert [p.source for p in report.problems] == ["a/empty.txt"]  # warnings are not problems


def test_a_warning_alone_keeps_the_status_ok() -> None:
    report, _ = _report()
    report.warned(Problem("b.jsonl", "invalid date", 1, kept=True))
    report.read(1, 1)
    assert report.exit_code == ExitCode.OK
    assert report.summary() == "1 document read, 0 skipped, 1 event, 1 warning"


def test_export_and_eval_summaries() -> None:
    export, _ = _report("export")
    export.wrote(3, of=9)
    assert export.summary() == "3 of 9 events written"
    export.wrote(1, of=1)
    assert export.summary() == "1 event written"
    scored, _ = _report("eval")
    scored.scored(256)
    scored.skipped(Problem("x.tml", "malformed TimeML at line 1, column 2: syntax error", 1))
    assert scored.summary() == "256 documents scored, 1 skipped"


def test_quiet_keeps_back_the_summary_never_a_problem() -> None:
    stream = io.StringIO()
    report = Report("extract", quiet=True, stream=stream)
    report.skipped(Problem("a.txt", "empty file"))
    report.finish()
    assert stream.getvalue() == "timeline: skipped a.txt: empty file\n"


@pytest.mark.parametrize(
    ("exc", "status", "said"),
    [
        (UsageError("no such file or folder", "x.txt"), ExitCode.USAGE, "error: x.txt: no such file or folder"),
        (InputError("not JSON: Expecting value", "<stdin>", 1), ExitCode.SOME_UNREADABLE, "error: <stdin>:1: not JSON: Expecting value"),
        (KeyboardInterrupt(), ExitCode.INTERRUPTED, None),
        (BrokenPipeError(), ExitCode.OK, None),
        (SystemExit(2), ExitCode.USAGE, None),
        (SystemExit(None), ExitCode.OK, None),
        (SystemExit(99), ExitCode.INTERNAL, None),
        (ZeroDivisionError("division by zero"), ExitCode.INTERNAL, "internal error: ZeroDivisionError: division by zero"),
    ],
)  # fmt: skip
def test_what_ended_a_command_is_one_line_and_a_status(
    exc: BaseException, status: ExitCode, said: str | None
) -> None:
    report, stream = _report()
    report.failed(exc)
    assert report.exit_code == status
    assert isinstance(report.exit_code, ExitCode)
    assert stream.getvalue() == (f"timeline: {said}\n" if said else "")


def test_the_first_failure_keeps_its_status() -> None:
    report, _ = _report()
    report.failed(UsageError("bad option"))
    report.failed(OSError("then stdout failed as well"))
    assert report.exit_code == ExitCode.USAGE


def test_a_message_is_always_one_line() -> None:
    report, stream = _report()
    report.skipped(Problem("bad\nname.txt", "empty file"))
    report.say("a\ttab and a \x1b[31m colour")
    assert stream.getvalue().splitlines() == [
        "timeline: skipped bad\\nname.txt: empty file",
        "timeline: a\\ttab and a \\x1b[31m colour",
    ]


def test_exit_raises_only_for_a_status_that_is_not_ok() -> None:
    report, _ = _report()
    report.exit()  # nothing to say: returns
    report.skipped(Problem("a.txt", "empty file"))
    with pytest.raises(SystemExit) as ended:
        report.exit()
    assert ended.value.code == 1


# ---------------------------------------------------------------- through `main`


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as ended:
        main(list(args))
    captured = capsys.readouterr()
    code = ended.value.code
    assert isinstance(code, int)
    return code, captured.out, captured.err


def test_a_bug_in_a_command_is_one_line_and_status_70(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("the schema could not be written")

    monkeypatch.setattr("timeline.cli.schema.json.dumps", broken)
    code, out, err = _main(capsys, "schema")
    assert code == ExitCode.INTERNAL == 70
    assert out == ""
    assert err == "timeline: internal error: RuntimeError: the schema could not be written\n"


def test_export_says_what_it_wrote(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    saved = tmp_path / "t.json"
    doc = {"id": "d", "source": "d.txt", "title": None, "url": None, "anchor": None}
    event = {
        "id": "e1", "document": "d", "date": "2010-05-05", "date_text": "May 5, 2010",
        "granularity": "day", "type": "meeting", "status": "occurred", "summary": "Leaders met",
        "trigger": {"name": "met", "start": 8, "end": 11}, "location": None, "actors": [],
        "sentence": "Leaders met on May 5, 2010.", "start": 0, "end": 27, "mentions": [],
    }  # fmt: skip
    data = {
        "schema_version": "1.0.0",
        "documents": [{**doc, "anchor_source": "none", "timexes": []}],
        "events": [event, {**event, "id": "e2", "type": "talks"}],
        "problems": [],
    }
    saved.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = _main(capsys, "export", str(saved), "--format", "jsonl", "--type", "talks")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["e2"]
    assert err == "timeline: 1 of 2 events written\n"
    code, _, err = _main(capsys, "export", str(saved), "--format", "jsonl", "--quiet")
    assert (code, err) == (0, "")
