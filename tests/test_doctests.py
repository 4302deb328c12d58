"""The examples in the public API's docstrings and in the README's "From Python" run."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MODULES = [
    "timeline",
    "timeline.api",
    "timeline.models",
    "timeline.errors",
    "timeline.spacy_component",
    "timeline.dask",
    "timeline.temporal.era",  # internal, but its examples say what the band is
]


@pytest.mark.parametrize("name", MODULES)
def test_the_examples_of(name: str) -> None:
    if name == "timeline.dask":
        pytest.importorskip("distributed")
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no example"
    assert result.failed == 0


def test_the_readme_from_python() -> None:
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 5
    assert result.failed == 0
