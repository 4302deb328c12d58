"""The extraction on a Dask cluster: a `distributed.LocalCluster` of two worker processes
gives the timeline a local run gives, byte for byte, even when a worker is killed in the
middle of the run. Skipped without Dask (`pip install 'timeline[dask]'`)."""

from __future__ import annotations

import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

import dask
from distributed import Client, LocalCluster, WorkerPlugin

import timeline
from timeline import dask as tdask
from timeline import parallel
from timeline.cli import main
from timeline.errors import UsageError

# A few dozen stories of our own: talks, visits, strikes, votes in several cities, some
# of them the same event in several agencies' words (so that merging has work to do).
PEOPLE = [
    ("Ararat Mirzoyan", "Jeyhun Bayramov"),
    ("Antony Blinken", "Wang Yi"),
    ("Annalena Baerbock", "Sergei Lavrov"),
    ("Penny Wong", "Retno Marsudi"),
]
CITIES = ["Geneva", "Vienna", "Jakarta", "Brussels", "Ankara", "Oslo"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
TEMPLATES = [
    "{a} and {b} held talks in {city} on {day}, officials said.",
    "{a} will meet {b} in {city} on {day}, the foreign ministry said on Saturday.",
    "{a} met {b} in {city} on {day} and agreed to meet again next month.",
    "Workers at the port of {city} went on strike on {day} over pay, their union said.",
    "Parliament in {city} voted on {day} to extend the state of emergency by three months.",
    "{a} visited {city} on {day} for talks on trade and security with {b}.",
]


def _stories() -> list[dict[str, str]]:
    stories = []
    for k in range(36):
        a, b = PEOPLE[k % len(PEOPLE)]
        text = TEMPLATES[k % len(TEMPLATES)].format(
            a=a, b=b, city=CITIES[k % len(CITIES)], day=DAYS[k % len(DAYS)]
        )
        stories.append({"id": f"wire-{k:02d}", "date": f"2023-03-{10 + k % 7:02d}", "text": text})
    # The same talks told again by other agencies, a day later.
    for k in (0, 6, 12):
        again = dict(stories[k], id=f"{stories[k]['id']}-again")
        again["date"] = f"2023-03-{11 + k % 7:02d}"
        stories.append(again)
    return stories


STORIES = _stories()


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.CRITICAL,
    ) as running:
        yield running


@pytest.fixture(scope="module")
def client(cluster: LocalCluster) -> Iterator[Client]:
    with Client(cluster, set_as_default=False) as connected:
        yield connected


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "wire.jsonl"
    path.write_text("".join(json.dumps(s) + "\n" for s in STORIES), "utf-8")
    return path


@pytest.fixture(scope="module")
def local_json(corpus: Path) -> str:
    return timeline.extract(timeline.read(corpus)).to_json()


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as stop:
        main(args)
    out, err = capsys.readouterr()
    code = stop.value.code
    return (code if isinstance(code, int) else 1), out, err


def test_the_cluster_gives_the_bytes_of_a_local_run(
    cluster: LocalCluster, corpus: Path, local_json: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(STORIES) == 39
    data = json.loads(local_json)
    assert len(data["documents"]) == 39 and any(e.get("sources") for e in data["events"])
    address = cluster.scheduler_address
    code, out, err = _run(
        ["extract", str(corpus), "--scheduler", address, "--format", "json"], capsys
    )
    assert code == 0, err
    assert out == local_json
    assert err.splitlines() == [
        f"timeline: 39 documents read, 0 skipped, {len(data['events'])} events"
    ]
    code, jobs, _ = _run(["extract", str(corpus), "--jobs", "2", "--format", "json"], capsys)
    assert code == 0 and jobs == local_json


def test_a_worker_killed_in_the_middle_loses_no_document(
    client: Client, corpus: Path, local_json: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "CHUNK_DOCS", 2)  # many chunks: some are left to kill
    killed: list[str] = []

    def kill_one(n: int) -> None:
        if killed:
            return
        busy = [addr for addr, keys in client.processing().items() if keys]
        assert busy, "no worker holds a chunk to lose"
        pid = client.run(os.getpid, workers=[busy[0]])[busy[0]]
        os.kill(pid, signal.SIGKILL)
        killed.append(busy[0])

    made = timeline.extract(timeline.read(corpus), scheduler=client, progress=kill_one)
    assert killed  # a worker died with chunks in hand
    assert made.to_json() == local_json
    assert made.problems == ()


class Poison(WorkerPlugin):
    """On every worker, also those that replace a dead one: the analysis of a chunk that
    holds a POISON document kills its worker process."""

    def setup(self, worker: object) -> None:
        real = parallel.analyse_chunk

        def analyse_chunk(extractor, chunk, keep_timexes):  # type: ignore[no-untyped-def]
            if any(d.text.startswith("POISON") for d in chunk):
                os.kill(os.getpid(), signal.SIGKILL)
            return real(extractor, chunk, keep_timexes)

        parallel.analyse_chunk = analyse_chunk  # type: ignore[assignment]


def test_a_document_that_kills_every_worker_is_left_out_alone() -> None:
    texts = [
        "Talks opened in Oslo on Monday.",
        "POISON: the workers die on this one.",
        "The summit closed in Vienna on Friday.",
    ]
    docs = [timeline.Document(f"d{k}", t, f"d{k}.txt") for k, t in enumerate(texts)]
    failed: list[tuple[str, str]] = []
    # A task is given up the first time its worker dies (not the fourth): a shorter test.
    with (
        dask.config.set({"distributed.scheduler.allowed-failures": 0}),
        LocalCluster(
            n_workers=1,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.CRITICAL,
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.register_plugin(Poison(), name="poison")
        found = list(tdask.extract(docs, client, on_error=lambda d, m: failed.append((d.id, m))))
    assert [r.document.id for r in found] == ["d0", "d2"]
    assert [e.date_text for r in found for e in r.events] == ["Monday", "Friday"]
    assert failed == [("d1", "its Dask workers died while analysing it, on every try")]


def test_a_bag_of_records_gives_the_local_timeline(client: Client, local_json: str) -> None:
    import dask.bag as db

    for partitions in (1, 4, 7):
        bag = db.from_sequence(STORIES, npartitions=partitions)
        made = tdask.extract_bag(bag, scheduler=client)
        # The bag's records are not a file's lines: only their sources differ.
        expected = local_json.replace(str(_corpus_path(local_json)), "<records>")
        assert made.to_json() == expected, partitions


def _corpus_path(local_json: str) -> Path:
    return Path(json.loads(local_json)["documents"][0]["source"].rsplit(":", 1)[0])


def test_a_bag_names_and_numbers_records_as_one_run_does(client: Client) -> None:
    import dask.bag as db

    records = [
        {"text": "Talks opened in Oslo on Monday.", "date": "2022-01-12"},
        {"id": "ap", "text": ""},
        {"id": "ap", "text": "The summit closed in Vienna on Friday.", "date": "2022-01-15"},
        {"id": "ap", "text": "Ministers met in Rome on Tuesday.", "date": "2022-01-13"},
    ]
    local = timeline.extract(records)
    bag = tdask.extract_bag(db.from_sequence(records, npartitions=3), scheduler=client)
    assert [r.document.id for r in bag.documents] == ["ap", "ap-2", "record-1"]
    assert [e.id for e in bag.events] == [e.id for e in local.events]
    assert bag.problems == local.problems
    assert bag.to_json() == local.to_json()


def test_without_dask_the_option_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    code, out, err = _run(["extract", str(corpus), "--scheduler", "local:2"], capsys)
    assert (code, out) == (2, "")
    assert err == (
        "timeline: error: --scheduler: needs Dask and distributed: pip install 'timeline[dask]'\n"
    )
    with pytest.raises(UsageError, match="extract_bag: needs Dask"):
        tdask.extract_bag(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("scheduler", "message"),
    [
        ("local:0", "--scheduler: local:N needs at least one worker"),
        (
            "cluster-7",
            "--scheduler: 'cluster-7' is neither tcp://HOST:PORT (a scheduler) nor local:N",
        ),
    ],
)
def test_a_scheduler_that_is_not_one_is_a_usage_error(
    corpus: Path, capsys: pytest.CaptureFixture[str], scheduler: str, message: str
) -> None:
    code, out, err = _run(["extract", str(corpus), "--scheduler", scheduler], capsys)
    assert (code, out, err) == (2, "", f"timeline: error: {message}\n")


def test_jobs_and_a_scheduler_do_not_go_together(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(["extract", str(corpus), "--scheduler", "local:1", "-j", "2"], capsys)
    assert (code, err) == (
        2,
        "timeline: error: --jobs: goes with --scheduler or --jobs, not both\n",
    )


def test_a_scheduler_nobody_listens_at_is_said_in_one_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["extract", str(corpus), "--scheduler", "tcp://127.0.0.1:9"], capsys)
    assert (code, out) == (2, "")
    assert err.startswith("timeline: error: tcp://127.0.0.1:9: cannot reach the Dask scheduler")
    assert len(err.splitlines()) == 1


def test_a_local_cluster_of_one_worker_is_started_for_the_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("OSLO, Jan. 12, 2022 - Talks opened in Oslo on Monday.", "utf-8")
    code, out, err = _run(["extract", str(story), "--scheduler", "local:1", "-f", "jsonl"], capsys)
    assert code == 0, err
    assert [json.loads(line)["date"] for line in out.splitlines()] == ["2022-01-10"]
    assert err == "timeline: 1 document read, 0 skipped, 1 event\n"


def _analysis_pids() -> tuple[int, int]:
    """On a worker: its own process and that of its analysis process."""
    return os.getpid(), tdask._child(None, False, None).submit(os.getpid).result()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_a_local_worker_analyses_in_a_process_of_its_own_that_ends_with_it() -> None:
    import time

    # a thread beside others slows spaCy's parse: the local worker's is a process
    with tdask.connected("local:1") as client:
        worker, child = client.submit(_analysis_pids, pure=False).result()
        assert worker != child and worker != os.getpid()
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _gone(child)


def test_an_analysis_process_that_dies_is_its_worker_dying() -> None:
    docs = [
        timeline.Document("a", "Talks opened in Oslo on Monday.", "a.txt"),
        timeline.Document("b", "The summit closed in Vienna on Friday.", "b.txt"),
    ]
    with tdask.connected("local:1") as client:
        _, child = client.submit(_analysis_pids, pure=False).result()
        os.kill(child, signal.SIGKILL)
        # the next chunk finds its process gone: the worker exits, its nanny starts
        # another, and Dask gives the chunk to it
        found = list(tdask.extract(docs, client))
    assert [(r.document.id, [e.date_text for e in r.events]) for r in found] == [
        ("a", ["Monday"]),
        ("b", ["Friday"]),
    ]
