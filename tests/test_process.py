"""The `timeline` command as a real process: Ctrl-C, a reader that goes away,
and output that does not depend on the process (hash seeds)."""

from __future__ import annotations

import json
import os
import selectors
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from timeline.cli import cli

SCRIPT = Path(sys.executable).with_name("timeline")
COMMAND = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "timeline"]
NOISE = ("Traceback", "Exception ignored", "Error")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and pipes as on POSIX")


def _first_line(process: subprocess.Popen[bytes], timeout: float) -> bytes:
    """The first line the process writes on stderr, waiting at most `timeout` seconds."""
    assert process.stderr is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            pytest.fail("the command wrote nothing on stderr")
    return process.stderr.readline()


def test_ctrl_c_ends_quietly_with_130(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "000-empty.txt").write_bytes(b"")  # read first: says reading has begun
    article = SEEDS.joinpath("000_12fa4de552d0c0ef.txt").read_text(encoding="utf-8")
    for k in range(200):  # far more work than the test waits for
        (folder / f"doc{k:03d}.txt").write_text(article, encoding="utf-8")
    process = subprocess.Popen(
        [*COMMAND, "extract", str(folder), "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    first = _first_line(process, timeout=120)
    assert b"skipped" in first and b"empty file" in first
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert out == b""
    assert not any(word.encode() in err for word in NOISE), err
    assert err.strip() == b""


def _shell(command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, timeout=300, check=False
    )


def test_head_ends_quietly() -> None:
    timeline = shlex.join(COMMAND)
    done = _shell(
        f"{timeline} extract {shlex.quote(str(SEEDS))} --format json | head -1; "
        'echo "status=${PIPESTATUS[0]}" >&2'
    )
    assert done.stdout == "{\n"
    assert not any(word in done.stderr for word in NOISE), done.stderr
    assert done.stderr.splitlines() == [
        "timeline: 1 document read, 0 skipped, 5 events",
        "status=0",
    ]


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_a_reader_that_reads_nothing_ends_quietly(tmp_path: Path, fmt: str) -> None:
    # Enough events that the output cannot fit in the pipe's buffer (kept apart: the
    # meetings in Paris on one day would be merged into one).
    lines = [
        json.dumps({"id": f"d{k}", "text": f"Leaders met in Paris on January {k % 28 + 1}, 2001."})
        for k in range(60)
    ]
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(lines), encoding="utf-8")
    timeline = shlex.join(COMMAND)
    done = _shell(
        f"{timeline} extract {shlex.quote(str(batch))} --no-merge --format {fmt} | true; "
        'echo "status=${PIPESTATUS[0]}" >&2'
    )
    assert not any(word in done.stderr for word in NOISE), done.stderr
    assert done.stderr.splitlines() == [
        "timeline: 60 documents read, 0 skipped, 60 events",
        "status=0",
    ]


def test_output_does_not_depend_on_the_process(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text(
        "\n".join(
            json.dumps({"id": f"d{k}", "text": text})
            for k, text in enumerate(
                [
                    "Russia and NATO held talks in Brussels on Wednesday; the U.S. and the "
                    "EU met in Vienna on Thursday.",
                    "Sanctions on Iran and Syria were imposed in March 2019 by the UN.",
                ]
            )
        ),
        encoding="utf-8",
    )
    (folder / "b.txt").write_text(
        SEEDS.joinpath("000_12fa4de552d0c0ef.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    args = ["extract", str(folder), "--format", "json", "--anchor", "2022-01-10"]
    here = CliRunner().invoke(cli, args).stdout_bytes
    there = subprocess.run(
        [*COMMAND, *args],
        capture_output=True,
        timeout=300,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout
    assert here == there and json.loads(here)["events"]


def test_closed_stdout_is_a_usage_error_and_a_full_disk_is_said(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Leaders met in Rome on May 5, 2010.", encoding="utf-8")
    timeline = shlex.join([*COMMAND, "extract", str(good)])
    closed = _shell(f"{timeline} --format jsonl >&-")
    assert closed.returncode == 2
    assert closed.stderr == (
        "timeline: error: stdout: standard output is closed: write to a file with -o FILE\n"
    )
    if not Path("/dev/full").exists():
        return
    full = _shell(f"{timeline} --format json > /dev/full")
    assert full.returncode == 1
    assert full.stderr == "timeline: error: stdout: cannot write: No space left on device\n"
