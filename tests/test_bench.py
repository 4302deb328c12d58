"""The benchmark script runs its machinery and skips cleanly without the corpus."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parent.parent / "benchmarks" / "bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("timeline_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("timeline_bench", module)
    spec.loader.exec_module(module)
    return module


def test_skips_without_the_corpus(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), str(tmp_path / "missing.jsonl")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "skipped" in done.stderr
    assert done.stdout == ""


def test_take_and_measure(tmp_path: Path) -> None:
    bench = _bench()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": str(i), "text": "one two three"}) + "\n" for i in range(5)),
        "utf-8",
    )
    docs, words = bench.take(corpus, 3, tmp_path / "three.jsonl")
    assert (docs, words) == (3, 9)
    run = bench.measure([sys.executable, "-c", "print('hello')"], tmp_path / "out.txt")
    assert run.stdout == "hello\n"
    assert run.seconds > 0 and run.maxrss_mb > 0 and run.cpu_seconds >= 0


MERGING = BENCH.parent / "merging.py"


def test_the_merging_bench_skips_without_the_corpus(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(MERGING), str(tmp_path / "missing.jsonl")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert "skipped" in done.stderr
    assert done.stdout == ""


def test_the_merging_bench_measures_each_size(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    text = "Kerry and Lavrov held talks in Geneva on Monday."
    corpus.write_text(
        "".join(
            json.dumps({"id": f"d{i}", "date": "2015-01-14", "text": text}) + "\n" for i in range(3)
        ),
        "utf-8",
    )
    cache = tmp_path / "results.pickle"
    args = [sys.executable, str(MERGING), str(corpus), "--sizes", "2,3", "--repeat", "1"]
    done = subprocess.run([*args, "--cache", str(cache)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout.splitlines()[-1])["merging"]
    # the same talks three times: one event, its reports compared once a pair
    assert [(r["articles"], r["reports"], r["compared"], r["merged"]) for r in rows] == [
        (2, 2, 1, 1),
        (3, 3, 3, 1),
    ]
    again = subprocess.run([*args, "--cache", str(cache)], capture_output=True, text=True)
    assert again.stdout.startswith(f"read 3 extracted articles from {cache}")
