"""Shared fixtures: the spaCy pipeline is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from timeline.models import Document, DocumentResult
from timeline.pipeline import Extractor

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_12fa4de552d0c0ef.txt"


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def run(extractor: Extractor) -> Callable[..., DocumentResult]:
    """Extract from a text as a document with the given anchor."""

    def _run(text: str, anchor: date | None = None, doc_id: str = "doc") -> DocumentResult:
        source = "test"
        return extractor.process(
            Document(doc_id, text, source, anchor, "option" if anchor else "none")
        )

    return _run
