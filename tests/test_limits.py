"""The work a document costs is counted in steps, and a document whose analysis
runs past `--doc-timeout` is stopped, reported with its cause, and the run goes on.

No test here waits for a clock: the deadline is read on a clock the test
advances itself, or is so short (a microsecond) that no analysis ends before it.
"""

from __future__ import annotations

import itertools
import json
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline import parallel, work
from timeline.cli import cli
from timeline.models import Document

GOOD = "Leaders met in Rome on May 5, 2010 to sign an agreement."
# One sentence that never ends: thousands of tokens and dated mentions.
ENDLESS = "the minister said on Monday that " * 1000


@pytest.fixture
def fast_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves a second each time it is read: a budget of 3 s is spent
    at the third look at it, after 3 * CHECK_EVERY steps."""
    ticks = itertools.count()
    monkeypatch.setattr(work, "clock", lambda: float(next(ticks)))


@pytest.fixture
def late_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clock that moves an hour each time it is read: any budget is spent at the
    first look, after CHECK_EVERY steps; a document of fewer goes through."""
    ticks = itertools.count(step=3600)
    monkeypatch.setattr(work, "clock", lambda: float(next(ticks)))


def test_charges_are_counted_inside_a_limit_and_dropped_outside() -> None:
    work.charge(5)  # outside: the idle budget, never checked
    with work.limit() as budget:
        work.charge()
        work.charge(41)
        with work.limit() as inner:  # nested: the same budget goes on counting
            work.charge(8)
        assert inner is budget
    assert budget.steps == 50
    assert work.current() is not budget


def test_a_budget_past_its_deadline_stops_with_its_stage_and_shape(fast_clock: None) -> None:
    with (
        pytest.raises(work.DocumentTimeout) as stopped,
        work.limit(3, describe=lambda: "40,000 characters in 1 sentence"),
    ):
        work.stage("finding time expressions")
        for _ in range(10 * work.CHECK_EVERY):
            work.charge()
    assert stopped.value.message == (
        "stopped after 3 s (--doc-timeout) while finding time expressions: "
        "40,000 characters in 1 sentence"
    )
    assert work.current().deadline is None  # the idle budget again


def test_no_limit_never_looks_at_the_clock(fast_clock: None) -> None:
    with work.limit(None) as budget:
        for _ in range(5 * work.CHECK_EVERY):
            work.charge()
    assert budget.steps == 5 * work.CHECK_EVERY


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="no interval timers")
def test_code_that_charges_nothing_is_stopped_by_the_timer() -> None:
    previous = signal.getsignal(signal.SIGALRM)
    with pytest.raises(work.DocumentTimeout), work.limit(0.000_001):
        while True:  # charges nothing: only the timer can end it
            pass
    assert signal.getsignal(signal.SIGALRM) == previous  # the handler is given back


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b-endless.txt").write_text(ENDLESS, encoding="utf-8")
    (folder / "c-good.txt").write_text(GOOD.replace("Rome", "Oslo"), encoding="utf-8")
    return folder


def test_a_document_past_the_timeout_is_skipped_and_the_run_goes_on(
    tmp_path: Path, late_clock: None
) -> None:
    folder = _folder(tmp_path)
    result = CliRunner().invoke(
        cli, ["extract", str(folder), "--format", "json", "--doc-timeout", "3", "--jobs", "1"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["id"] for d in data["documents"]] == ["a-good", "c-good"]
    assert [e["date"] for e in data["events"]] == ["2010-05-05", "2010-05-05"]
    (problem,) = data["problems"]
    assert problem["source"] == str(folder / "b-endless.txt")
    # the cause: what it was doing, and the shape that made it costly
    assert problem["message"] == (
        "stopped after 3 s (--doc-timeout) while finding time expressions: "
        "33,000 characters, 6,000 tokens in 1 sentence (the longest 6,000 tokens)"
    )
    lines = result.stderr.splitlines()
    assert lines == [
        f"timeline: skipped {folder / 'b-endless.txt'}: {problem['message']}",
        "timeline: 2 documents read, 1 skipped, 2 events",
    ]


def test_a_timeout_of_zero_is_no_limit(tmp_path: Path, late_clock: None) -> None:
    long = tmp_path / "long.txt"  # as many tokens as ENDLESS, in short sentences
    long.write_text("The minister spoke on Monday. " * 1000, encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", str(long), "--format", "json", "--doc-timeout", "0"]
    )
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["documents"][0]["timexes"]) == 1000


def test_a_bad_timeout_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli, ["extract", "--doc-timeout", "-1"])
    assert result.exit_code == 2
    assert "--doc-timeout" in result.stderr


def test_worker_processes_stop_a_document_too() -> None:
    # Each worker arms its own timer: a microsecond stops every document there.
    documents = [Document(f"d{k}", GOOD, f"d{k}.txt") for k in range(3)]
    failed: list[tuple[str, str]] = []
    results = list(
        parallel.extract(
            iter(documents),
            jobs=2,
            doc_timeout=0.000_001,
            on_error=lambda doc, message: failed.append((doc.id, message)),
        )
    )
    assert results == []
    assert [doc_id for doc_id, _ in failed] == ["d0", "d1", "d2"]
    assert all(m.startswith("stopped after 1e-06 s (--doc-timeout) while ") for _, m in failed)
