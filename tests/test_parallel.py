"""The extraction over many documents: the same results with one process or several."""

from __future__ import annotations

import gc
import json
from datetime import date
from pathlib import Path

import pytest

from timeline import cli, parallel
from timeline.models import Document

ARTICLES = {
    "geneva": (
        "2022-01-10",
        "GENEVA (AP) — Russian and American officials held talks in Geneva on Monday. "
        "The talks will continue on Tuesday in Brussels with NATO officials, and a session "
        "of the OSCE follows in Vienna on Thursday.",
    ),
    "sanctions": (
        "2014-03-18",
        "The European Union imposed sanctions on Russian officials on Monday. Russia annexed "
        "Crimea in March 2014, and leaders will meet in The Hague next week.",
    ),
    "summit": (
        "2019-06-28",
        "Leaders of the G20 met in Osaka on Friday. President Trump said he would meet "
        "Xi Jinping on Saturday. The summit ends on June 29, 2019.",
    ),
    "undated": (
        None,
        "Negotiators signed a ceasefire agreement in Doha on Tuesday. Fighting broke out "
        "again two days later near the border.",
    ),
    "election": (
        "2020-11-04",
        "Voters went to the polls on Tuesday. Results are expected tomorrow, and the new "
        "parliament will convene in January.",
    ),
}


def _documents() -> list[Document]:
    return [
        Document(
            id=name,
            text=text,
            source=f"{name}.txt",
            anchor=date.fromisoformat(day) if day else None,
            anchor_source="metadata" if day else "none",
        )
        for name, (day, text) in ARTICLES.items()
    ]


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks of one or two articles, so that several workers share the input."""
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 200)


def test_chunks_depend_only_on_the_documents(small_chunks: None) -> None:
    docs = _documents()
    first = [[d.id for d in c] for c in parallel.chunks(docs)]
    assert first == [[d.id for d in c] for c in parallel.chunks(iter(docs))]
    assert [i for c in first for i in c] == [d.id for d in docs]
    assert len(first) > 1


def test_one_or_two_processes_give_the_same_results(small_chunks: None) -> None:
    docs = _documents()
    one = [
        r.to_dict() | {"events": [e.to_dict() for e in r.events]}
        for r in parallel.extract(docs, jobs=1)
    ]
    two = [
        r.to_dict() | {"events": [e.to_dict() for e in r.events]}
        for r in parallel.extract(docs, jobs=2)
    ]
    assert [r["id"] for r in one] == list(ARTICLES)
    assert sum(len(r["events"]) for r in one) >= 5
    assert one == two


def test_cli_output_does_not_depend_on_jobs(
    tmp_path: Path, small_chunks: None, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, (day, text) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
        if day:
            (folder / f"{name}.meta.json").write_text(json.dumps({"date": day}), "utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"jobs{jobs}.json"
        with pytest.raises(SystemExit) as exit_:
            cli.main(["extract", str(folder), "--format", "json", "--jobs", jobs, "-o", str(out)])
        assert exit_.value.code == 0, capsys.readouterr().err
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert len(data["documents"]) == len(ARTICLES)
    assert data["events"]


def test_only_what_the_format_needs_is_kept() -> None:
    assert parallel.needs("jsonl") == (False, False)
    assert parallel.needs("json") == (True, False)
    assert parallel.needs("timeml") == (True, True)
    results = list(parallel.extract(_documents()[:2], jobs=1, keep_timexes=False, keep_text=False))
    assert all(r.document.text == "" and r.timexes == () for r in results)
    assert all(r.events for r in results)
    kept = list(parallel.extract(_documents()[:1], jobs=1))
    assert kept[0].document.text == ARTICLES["geneva"][1]
    assert kept[0].timexes


def test_no_spacy_doc_outlives_its_document() -> None:
    from spacy.tokens import Doc

    results = list(parallel.extract(_documents(), jobs=1))
    assert results
    gc.collect()
    assert not [o for o in gc.get_objects() if isinstance(o, Doc)]


def test_small_inputs_run_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_workers(*args: object) -> None:
        raise AssertionError("workers started for a small input")

    monkeypatch.setattr(parallel, "_parallel", no_workers)
    assert len(list(parallel.extract(_documents(), jobs=None))) == len(ARTICLES)


def test_progress_is_reported_per_document() -> None:
    done: list[int] = []
    list(parallel.extract(_documents(), jobs=1, progress=done.append))
    assert sum(done) == len(ARTICLES)


def test_a_bad_model_is_reported_from_the_workers() -> None:
    from timeline.errors import ModelError

    with pytest.raises(ModelError):
        list(parallel.extract(_documents(), model="no_such_pipeline_xyz", jobs=2))


WATCHED = """
import multiprocessing, sys, time
from datetime import date
from timeline import parallel
from timeline.models import Document

if __name__ == "__main__":
    parallel.CHUNK_CHARS = 10
    docs = [Document(id=str(i), text="Talks were held in Geneva on Monday.", source="x",
                     anchor=date(2022, 1, 10)) for i in range(8)]
    results = parallel.extract(iter(docs), jobs=2)
    next(results)
    print(" ".join(str(p.pid) for p in multiprocessing.active_children()), flush=True)
    time.sleep(600)
"""


def test_workers_end_when_the_main_process_is_killed(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    script = tmp_path / "watched.py"
    script.write_text(WATCHED, "utf-8")
    main = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert main.stdout is not None
    pids = [int(p) for p in main.stdout.readline().split()]
    assert pids, "no workers seen"
    main.send_signal(signal.SIGKILL)
    main.wait()
    deadline = time.monotonic() + 30
    alive = pids
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in pids if _running(p)]
    assert not alive, f"workers {alive} outlived the main process"


def _running(pid: int) -> bool:
    import os

    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True
