"""The benchmark script runs its machinery and skips cleanly without the corpus."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
BENCH = BENCHMARKS / "bench.py"
BADINPUT = BENCHMARKS / "badinput.py"


def _bench(path: Path = BENCH, name: str = "bench") -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # badinput imports it as `bench`
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


def test_the_bad_input_folder_is_made_here(tmp_path: Path) -> None:
    _bench()
    badinput = _bench(BADINPUT, "timeline_badinput")
    sizes = badinput.make_folder(tmp_path / "bad", endless_repeats=10)
    assert sizes["endless.txt"] == 10 * len(badinput.SENTENCE)
    assert sizes["empty.txt"] == 0
    assert {p.name for p in (tmp_path / "bad").iterdir()} == set(sizes)
    assert (tmp_path / "bad" / "picture.txt").read_bytes().startswith(b"\x89PNG")


def test_the_shapes_run_small() -> None:
    done = subprocess.run(
        [sys.executable, str(BADINPUT), "--no-folder", "--sizes", "700", "--events"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    rows = [
        line.split() for line in done.stdout.splitlines() if line.split()[1:2] in (["one"], ["cut"])
    ]
    assert [(r[0], r[1], r[-1]) for r in rows] == [("693", "one", "21"), ("714", "cut", "21")]
    assert "one/cut, parse and tag:" in done.stdout


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
