"""`parquet`: one row per event, the columns of a `jsonl` line (pyarrow, in the extra).

For large outputs: pandas (`read_parquet`), Polars (`read_parquet`) and DuckDB
(`SELECT * FROM 'events.parquet'`) read a million events back in about a
second. The columns and their Arrow types come from the JSON Schema's
`event_line` (a JSON object is a struct, an array a list, a string, integer
or number column is nullable), so every file of this schema version has the
same columns whatever its events, an empty one too; the schema version is in
the file's metadata (`timeline.schema_version`). Compressed with zstd.

Parquet is binary: written to a file (`-o FILE.parquet`) or a pipe, never to
a terminal.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, TextIO

from timeline.errors import ExportError, UsageError
from timeline.exporters._base import Note, documents_by_id, ignore_note
from timeline.exporters.jsonl import event_line

if TYPE_CHECKING:
    import pyarrow

INSTALL = "pip install 'timeline[dask]'"
METADATA_KEY = b"timeline.schema_version"


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError(f"parquet needs pyarrow: {INSTALL}", "--format") from None
    return pyarrow


def arrow_type(spec: Mapping[str, Any], defs: Mapping[str, Any]) -> pyarrow.DataType:
    """The Arrow type of a JSON Schema (the subset ours uses)."""
    pa = _pyarrow()
    if "$ref" in spec:
        return arrow_type(defs[str(spec["$ref"]).rsplit("/", 1)[-1]], defs)
    if "anyOf" in spec:
        given = [s for s in spec["anyOf"] if s.get("type") != "null"]
        if len(given) != 1:
            raise ValueError(f"no Arrow type for {spec}")
        return arrow_type(given[0], defs)
    if "enum" in spec:
        return pa.string()
    kinds = spec.get("type")
    kind = next(k for k in kinds if k != "null") if isinstance(kinds, list) else kinds
    if kind == "object":
        return pa.struct([pa.field(k, arrow_type(v, defs)) for k, v in spec["properties"].items()])
    if kind == "array":
        return pa.list_(arrow_type(spec["items"], defs))
    simple = {
        "string": pa.string(),
        "integer": pa.int64(),
        "number": pa.float64(),
        "boolean": pa.bool_(),
    }
    if kind not in simple:
        raise ValueError(f"no Arrow type for {spec}")
    return simple[kind]


@cache
def arrow_schema() -> pyarrow.Schema:
    """The columns of an event line, from `$defs/event_line` of the JSON Schema."""
    from timeline.schema import SCHEMA, SCHEMA_VERSION

    pa = _pyarrow()
    defs = SCHEMA["$defs"]
    line = defs["event_line"]
    fields = [pa.field(name, arrow_type(spec, defs)) for name, spec in line["properties"].items()]
    return pa.schema(fields, metadata={METADATA_KEY: SCHEMA_VERSION.encode()})


class ParquetExporter:
    name = "parquet"
    extensions: tuple[str, ...] = (".parquet",)
    description = "one row per event, the jsonl columns (Apache Parquet; pandas, Polars, DuckDB)"
    one_document = False
    needs_text = False
    binary = True

    def check(self) -> None:
        """Before any work: pyarrow is there."""
        _pyarrow()

    def write(
        self,
        data: Mapping[str, Any],
        out: TextIO,
        *,
        texts: Mapping[str, str] | None = None,
        note: Note = ignore_note,
    ) -> None:
        pa = _pyarrow()
        binary = getattr(out, "buffer", None)
        if binary is None:
            raise ExportError("parquet is binary: write it to a file (-o FILE.parquet)")
        if out.isatty():
            raise ExportError("parquet is binary: not written to a terminal (-o FILE.parquet)")
        docs = documents_by_id(data)
        rows = [event_line(e, docs.get(e["document"], {})) for e in data["events"]]
        table = pa.Table.from_pylist(rows, schema=arrow_schema())
        sink = pa.BufferOutputStream()
        pa.parquet.write_table(table, sink, compression="zstd")
        out.flush()
        binary.write(sink.getvalue().to_pybytes())
        binary.flush()


EXPORTER = ParquetExporter()
