"""The command line: output on stdout only, messages on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tests.conftest import SEEDS
from timeline.cli import cli, main


def _invoke(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_piped_output_is_json_and_messages_go_to_stderr() -> None:
    code, out, err = _invoke("extract", str(SEEDS))
    assert code == 0
    data = json.loads(out)  # stdout is data only
    assert data["schema_version"] and len(data["events"]) == 5
    assert "1 document read, 0 skipped, 5 events" in err


def test_jsonl_is_one_event_a_line() -> None:
    code, out, _ = _invoke("extract", str(SEEDS), "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert next(json.loads(line)["date"] for line in lines) == "2014"


def test_stdin_text_with_anchor() -> None:
    code, out, _ = _invoke(
        "extract",
        "-",
        "--anchor",
        "2022-01-10",
        stdin="The ministers will meet in Paris on Friday.",
    )
    events = json.loads(out)["events"]
    assert code == 0
    assert [(e["date"], e["status"], e["location"]["name"]) for e in events] == [
        ("2022-01-14", "planned", "Paris")
    ]


def test_empty_stdin_is_an_empty_timeline() -> None:
    code, out, _ = _invoke("extract", stdin="")
    assert code == 0 and json.loads(out)["events"] == []


def test_unreadable_file_is_reported_and_the_rest_written(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Leaders met in Rome on May 5, 2010.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = _invoke("extract", str(tmp_path))
    assert code == 1
    assert [e["date"] for e in json.loads(out)["events"]] == ["2010-05-05"]
    assert f"skipped {tmp_path / 'empty.txt'}: empty file" in err


def _main(capsys, *args: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    try:
        main(list(args))
    except SystemExit as exc:
        code = int(exc.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_usage_errors_exit_2_with_one_line(capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for args, message in [
        (("extract", str(tmp_path / "missing.txt")), "missing.txt: no such file or folder"),
        (("extract", str(SEEDS), "--anchor", "2022-13-45"), "--anchor: invalid date '2022-13-45'"),
        (("extract", str(SEEDS), "--format", "pdf"), "unknown format 'pdf'"),
        (("extract", "--no-such-option"), "No such option"),
        (("extract", str(SEEDS), "--model", "no_such_model_xyz"), "cannot load spaCy pipeline"),
    ]:
        code, out, err = _main(capsys, *args)
        assert code == 2, args
        assert out == ""
        assert err.count("\n") == 1 and message in err, err
        assert "Traceback" not in err


def test_version_and_help(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = _main(capsys, "--version")
    assert code == 0 and "0.1.0" in out
    code, out, _ = _main(capsys, "extract", "--help")
    assert code == 0 and "--anchor" in out
