"""The progress bar: only for a person at a terminal, never on stdout."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from timeline import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_wanted_only_on_a_terminal_and_not_quiet() -> None:
    assert progress.wanted(False, Terminal())
    assert not progress.wanted(True, Terminal())
    assert not progress.wanted(False, io.StringIO())


def test_count_documents(tmp_path: Path) -> None:
    lines = tmp_path / "news.jsonl"
    records = [json.dumps({"text": f"article {i}"}) for i in range(5)]
    lines.write_text("\n".join(records[:3]) + "\n\n" + "\n".join(records[3:]) + "\n", "utf-8")
    text = tmp_path / "a.txt"
    text.write_text("one article", "utf-8")
    assert progress.count_documents([str(lines), str(text)]) == 6
    assert progress.count_documents([str(text), "-"]) is None


def test_no_bar_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with progress.bar(3, enabled=False) as advance:
        advance(3)
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize("total", [4, None])
def test_a_bar_never_writes_to_stdout(
    total: int | None, capsys: pytest.CaptureFixture[str]
) -> None:
    with progress.bar(total) as advance:
        for _ in range(4):
            advance(1)
    assert capsys.readouterr().out == ""
