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


# Ctrl-C at a moment chosen exactly: when the module named first is imported, or
# as the process exits. The command is then started as its script starts it.
INTERRUPT_AT = """
import os, signal, sys

AT = sys.argv.pop(1)


class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == AT:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None


if AT == "exit":
    import atexit

    atexit.register(os.kill, os.getpid(), signal.SIGINT)
else:
    sys.meta_path.insert(0, Interrupt())
from timeline.__main__ import main

main()
"""


@pytest.mark.parametrize(
    "moment",
    [
        "typing",  # while the entry point is imported (the first import after its handler)
        "click",  # while the command line is imported, before it has begun
        "timeline.sources",  # as the command begins
        "spacy",  # while the pipeline loads
        "timeline.exporters.jsondoc",  # while the output is written
        "exit",  # as the process ends, its work done
    ],
)
def test_ctrl_c_at_any_moment_ends_quietly_with_130(moment: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", INTERRUPT_AT, moment, "extract", "-", "--format", "json"],
        input=b"Leaders met in Rome on May 5, 2010.",
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 130
    if moment == "exit":  # the run was over: its output and its summary are out
        assert json.loads(done.stdout)["events"]
        assert done.stderr == b"timeline: 1 document read, 0 skipped, 1 event\n"
    else:
        assert (done.stdout, done.stderr) == (b"", b"")


def test_ctrl_c_with_worker_processes_ends_quietly_with_130(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "000-empty.txt").write_bytes(b"")  # read first: says reading has begun
    article = SEEDS.joinpath("000_12fa4de552d0c0ef.txt").read_text(encoding="utf-8")
    for k in range(100):
        (folder / f"doc{k:03d}.txt").write_text(article, encoding="utf-8")
    # In a session of its own, as at a terminal: Ctrl-C goes to every process of
    # the group, the workers starting up as well.
    process = subprocess.Popen(
        [*COMMAND, "extract", str(folder), "--format", "json", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    first = _first_line(process, timeout=120)
    assert b"empty file" in first
    os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert (out, err) == (b"", b"")


def test_workers_start_with_ctrl_c_held_back() -> None:
    import multiprocessing

    from timeline import parallel

    if not Path("/proc/self/status").exists():
        pytest.skip("reads the signal mask from /proc")
    context = multiprocessing.get_context("spawn")
    with parallel._sigint_held():
        child = context.Process(target=_report_sigint_blocked, args=(context.SimpleQueue(),))
        queue = child._args[0]  # type: ignore[attr-defined]
        child.start()
    assert queue.get() is True
    child.join(timeout=60)


def _report_sigint_blocked(queue: object) -> None:
    status = Path("/proc/self/status").read_text(encoding="ascii")
    blocked = int(status.split("SigBlk:")[1].split()[0], 16)
    queue.put(bool(blocked & (1 << (signal.SIGINT - 1))))  # type: ignore[attr-defined]


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


@pytest.mark.parametrize("reader", ["head -c 10 >/dev/null", "true"])
def test_export_and_schema_into_a_closed_pipe_end_quietly_as_extract_does(
    tmp_path: Path, reader: str
) -> None:
    batch = tmp_path / "batch.jsonl"
    batch.write_text(
        "\n".join(
            json.dumps(
                {"id": f"d{k}", "text": f"Leaders met in Paris on January {k % 28 + 1}, 2001."}
            )
            for k in range(60)
        ),
        encoding="utf-8",
    )
    saved = tmp_path / "saved.json"
    timeline = shlex.join(COMMAND)
    made = _shell(
        f"{timeline} extract {shlex.quote(str(batch))} --no-merge -o {shlex.quote(str(saved))}"
    )
    assert made.returncode == 0, made.stderr
    # Enough output that it cannot fit in the pipe's buffer, and no reader.
    commands = {
        "extract": f"extract {shlex.quote(str(batch))} --no-merge --format csv",
        "export": f"export {shlex.quote(str(saved))} --format csv",
        "schema": "schema",
    }
    said = {
        "extract": ["timeline: 60 documents read, 0 skipped, 60 events"],
        "export": ["timeline: 60 events written"],
        "schema": [],
    }
    for name, args in commands.items():
        done = _shell(f'{timeline} {args} | {reader}; echo "status=${{PIPESTATUS[0]}}" >&2')
        assert done.stderr.splitlines() == [*said[name], "status=0"], name


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


@pytest.mark.parametrize(("given", "used"), [(None, "1"), ("3", "3")])
def test_the_command_runs_numpys_blas_on_one_thread_unless_told(
    given: str | None, used: str
) -> None:
    # Decided before numpy loads: the entry point imports nothing that loads it.
    probe = (
        "import os, sys; import timeline.__main__; "
        "print('numpy' in sys.modules, os.environ['OPENBLAS_NUM_THREADS'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split() == ["False", used]
