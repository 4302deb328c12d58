"""`--format parquet`: one row per event, the columns of a `jsonl` line, read back by
pandas, Polars and DuckDB as they were written."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")

import pyarrow.parquet as pq  # noqa: E402

from timeline.cli import main  # noqa: E402
from timeline.exporters.parquet import arrow_schema  # noqa: E402
from timeline.models import SCHEMA_VERSION  # noqa: E402

STORIES = [
    {
        "id": "ap-1",
        "date": "2022-01-12",
        "title": "Talks in Geneva",
        "text": "Kerry and Lavrov held talks in Geneva on Monday.",
    },
    {
        "id": "afp-2",
        "date": "2022-01-14",
        "text": "Farmers blocked the main road into Lyon on Thursday, police said.",
    },
]


def _extract(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> Path:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text("".join(json.dumps(s) + "\n" for s in STORIES), "utf-8")
    out = tmp_path / f"events.{fmt}"
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(corpus), "-o", str(out), "--quiet"])
    assert stop.value.code == 0, capsys.readouterr().err
    return out


def test_the_rows_are_the_json_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [json.loads(x) for x in _extract(tmp_path, "jsonl", capsys).read_text().splitlines()]
    table = pq.read_table(_extract(tmp_path, "parquet", capsys))
    assert table.num_rows == len(lines) == 2
    rows = table.to_pylist()
    for row, line in zip(rows, lines, strict=True):
        # Every key of the line is a column with its value; the columns a line lacks
        # (the fields of merged events) are null.
        assert {k: row[k] for k in line} == _with_nulls(line, row)
        assert all(row[k] is None for k in row if k not in line)
    assert table.schema.metadata[b"timeline.schema_version"] == SCHEMA_VERSION.encode()


def _with_nulls(line: dict, row: dict) -> dict:  # type: ignore[type-arg]
    """The line as Arrow gives a struct back: a field it lacks is there, null."""

    def fill(value: object, like: object) -> object:
        if isinstance(value, dict) and isinstance(like, dict):
            return {k: fill(value.get(k), like[k]) for k in like}
        if isinstance(value, list) and isinstance(like, list):
            return [fill(v, w) for v, w in zip(value, like, strict=True)]
        return value

    return {k: fill(v, row[k]) for k, v in line.items()}


def test_pandas_polars_and_duckdb_read_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _extract(tmp_path, "parquet", capsys)
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_parquet(path)
    assert list(frame["document"]) == ["ap-1", "afp-2"]
    assert list(frame["date"]) == ["2022-01-10", "2022-01-13"]
    assert frame["actors"][0][0]["name"] == "Kerry"
    polars = pytest.importorskip("polars")
    assert polars.read_parquet(path)["document_title"].to_list() == ["Talks in Geneva", None]
    duckdb = pytest.importorskip("duckdb")
    found = duckdb.sql(
        f"SELECT document, location.name, len(actors) FROM '{path}' ORDER BY date"
    ).fetchall()
    assert found == [("ap-1", "Geneva", 2), ("afp-2", None, 0)]


def test_the_columns_do_not_depend_on_the_events(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("Nothing happened here.", "utf-8")
    out = tmp_path / "none.parquet"
    with pytest.raises(SystemExit):
        main(["extract", str(empty), "-o", str(out), "--quiet"])
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert table.schema.remove_metadata() == arrow_schema().remove_metadata()
    assert table.schema.field("actors").type == pa.list_(
        arrow_schema().field("actors").type.value_type
    )


def test_parquet_is_not_written_to_a_terminal_nor_to_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    saved = tmp_path / "saved.json"
    story = tmp_path / "story.txt"
    story.write_text("Talks opened in Oslo on Monday.", "utf-8")
    with pytest.raises(SystemExit):
        main(["extract", str(story), "-o", str(saved), "--quiet"])
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    with pytest.raises(SystemExit) as stop:
        main(["export", str(saved), "--format", "parquet"])
    assert stop.value.code == 1
    assert capsys.readouterr().err == (
        "timeline: error: parquet is binary: not written to a terminal (-o FILE.parquet)\n"
    )


def test_without_pyarrow_the_format_says_how_to_install_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    story = tmp_path / "story.txt"
    story.write_text("Talks opened in Oslo on Monday.", "utf-8")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(SystemExit) as stop:
        main(["extract", str(story), "-o", str(tmp_path / "e.parquet")])
    assert stop.value.code == 2
    assert capsys.readouterr().err == (
        "timeline: error: --format: parquet needs pyarrow: pip install 'timeline[dask]'\n"
    )
    assert not (tmp_path / "e.parquet").exists()
