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
