"""The gazetteer and dateline coverage scripts run on a corpus and skip cleanly without one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SCRIPTS = ["dateline_coverage.py", "gazetteer_coverage.py"]


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args], capture_output=True, text=True
    )


@pytest.mark.parametrize("script", SCRIPTS)
def test_skips_without_the_corpus(script: str, tmp_path: Path) -> None:
    done = _run(script, str(tmp_path / "missing.jsonl"))
    assert (done.returncode, done.stdout) == (0, "")
    assert "skipped" in done.stderr


def _corpus(tmp_path: Path) -> Path:
    texts = [
        "OSLO, Jan. 10 (AP) — Iranian and American envoys will meet in Oslo on Wednesday.",
        "By Jane Doe\n\nANKARA (Reuters) - Turkey summoned the Greek ambassador.",
        "Talks in Geneva ended on Monday.",
        "Buddhist monks and Muslim clerics met on Monday.",
    ]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    return corpus


def test_dateline_coverage_counts_by_rule(tmp_path: Path) -> None:
    done = _run("dateline_coverage.py", str(_corpus(tmp_path)))
    assert done.returncode == 0, done.stderr
    lines = dict(line.rsplit(None, 1) for line in done.stdout.splitlines()[:-1])
    assert lines == {
        "byline": "1",
        "dateline city resolved": "2",
        "dateline city-agency": "1",
        "dateline city-date-agency": "1",
        "dateline with a full date": "0",
        "documents": "4",
        "timestamp line": "0",
    }
    assert done.stdout.splitlines()[-1] == "no dateline, yet a line that looks like one: 0 []"


def test_gazetteer_coverage_reports_each_label(tmp_path: Path) -> None:
    done = _run("gazetteer_coverage.py", str(_corpus(tmp_path)), "--articles", "4")
    assert done.returncode == 0, done.stderr
    out = done.stdout.splitlines()
    assert out[0].startswith("gazetteer load: ")
    assert [line.split() for line in out[1:5]] == [
        ["4", "documents"],
        ["label", "mentions", "resolved", "distinct", "resolved"],
        ["GPE", "4", "100.0%", "4", "100.0%"],
        ["NORP", "5", "60.0%", "5", "60.0%"],
    ]
    assert out[5].startswith("commonest unresolved")
    assert sorted(out[6:]) == ["  NORP  'Buddhist' 1", "  NORP  'Muslim' 1"]
