"""The extraction for one document: spaCy Doc -> time expressions -> events.

`Extractor` holds the loaded pipeline; `process` is pure with respect to the
document, so results do not depend on batching or on the number of processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from timeline.models import Document, DocumentResult


class Extractor:
    def __init__(self, model: str | None = None) -> None:
        raise NotImplementedError("being written")

    def process(self, document: Document) -> DocumentResult:
        raise NotImplementedError("being written")

    def process_many(self, documents: Iterable[Document]) -> Iterator[DocumentResult]:
        raise NotImplementedError("being written")
