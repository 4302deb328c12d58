"""`timeline schema`: the JSON Schema of the output (imports no NLP)."""

from __future__ import annotations

import json
import sys

import click

from timeline.cli.options import current_report, writing
from timeline.schema import SCHEMA


@click.command("schema")
def schema_command() -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON output."""
    report = current_report("schema")
    with writing():
        sys.stdout.write(json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n")
    report.exit()
