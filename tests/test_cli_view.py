"""`timeline view`: the page of saved JSON or of articles, handed to the browser."""

from __future__ import annotations

import json
import webbrowser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from tests.conftest import SEEDS
from tests.sample import build_timeline
from timeline.cli import cli, main


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The addresses handed to the browser (none is started)."""
    calls: list[str] = []

    def fake_open(url: str, *args: Any, **kwargs: Any) -> bool:
        calls.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", fake_open)
    return calls


def _main(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """Run the command as `timeline` does, errors made messages: (status, stderr)."""
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, capsys.readouterr().err


def _page(url: str) -> str:
    assert url.startswith("file://")
    return Path(unquote(urlparse(url).path)).read_text(encoding="utf-8")


def _saved(tmp_path: Path) -> Path:
    path = tmp_path / "timeline.json"
    path.write_text(json.dumps(build_timeline().to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def test_view_saved_json(tmp_path: Path, opened: list[str]) -> None:
    result = CliRunner().invoke(cli, ["view", str(_saved(tmp_path))])
    assert result.exit_code == 0, result.stderr
    (url,) = opened
    page = _page(url)
    assert page.startswith("<!DOCTYPE html>") and "Timeline of 2 documents" in page
    assert Path(unquote(urlparse(url).path)).name.startswith("timeline-")
    assert result.stdout == ""  # stdout is for data: nothing here
    assert "opened " in result.stderr and " in the browser" in result.stderr


def test_view_piped_json_into_a_chosen_file(tmp_path: Path, opened: list[str]) -> None:
    target = tmp_path / "kept.html"
    text = _saved(tmp_path).read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["view", "-o", str(target)], input=text)
    assert result.exit_code == 0, result.stderr
    assert opened == [target.resolve().as_uri()]
    assert "Russia invaded Ukraine" in target.read_text(encoding="utf-8")


def test_view_articles(tmp_path: Path, opened: list[str]) -> None:
    target = tmp_path / "seed.html"
    result = CliRunner().invoke(cli, ["view", str(SEEDS), "-o", str(target), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert opened == [target.resolve().as_uri()]
    assert (
        "Skeptical Russian and American officials held eight hours of frank and direct talks in Geneva"
        in target.read_text(encoding="utf-8")
    )


def test_view_without_a_browser_says_where_the_page_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(webbrowser, "open", lambda url, *a, **k: False)
    target = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["view", str(_saved(tmp_path)), "-o", str(target)])
    assert result.exit_code == 0
    assert result.stderr == f"timeline: no browser to open: the page is {target}\n"
    assert target.stat().st_size > 0


def test_view_of_what_is_not_a_timeline_opens_nothing(
    tmp_path: Path, opened: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"events": []}', encoding="utf-8")
    code, err = _main(capsys, "view", str(bad))
    assert code == 1 and opened == []
    assert err.startswith(f"timeline: error: {bad}: not a timeline JSON document")
    assert err.count("\n") == 1
    code, err = _main(capsys, "view", str(tmp_path / "nowhere.json"))
    assert code == 2 and opened == [] and "no such file" in err


def test_view_of_a_missing_folder_leaves_no_page_behind(
    tmp_path: Path,
    opened: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    code, err = _main(capsys, "view", str(tmp_path / "no-such-folder"))
    assert code == 2 and opened == [] and "no such file or folder" in err
    assert list(tmp_path.glob("timeline-*.html")) == []


def test_view_shows_what_could_be_read_and_says_what_could_not(
    tmp_path: Path, opened: list[str]
) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "talks.txt").write_text(
        "Diplomats will meet in Oslo on 4 March 2024 to discuss a ceasefire.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    target = tmp_path / "page.html"
    result = CliRunner().invoke(cli, ["view", str(folder), "-o", str(target), "--quiet"])
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "empty.txt" in result.stderr
    assert opened == [target.resolve().as_uri()]
    assert "Oslo" in target.read_text(encoding="utf-8")
