"""The extraction for one document: spaCy Doc -> time expressions -> events.

`Extractor` holds the loaded pipeline; `process` depends on nothing but the
document, so results do not depend on batching or on the number of processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from timeline import events, nlp, selective, temporal
from timeline.models import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TIME_LABELS = ("DATE", "TIME")


class Extractor:
    """Runs the whole extraction with one loaded spaCy pipeline."""

    def __init__(self, model: str | None = None) -> None:
        self.nlp: Language = nlp.load(model)

    def process(self, document: Document) -> DocumentResult:
        return self._from_doc(document, self.nlp(document.text))

    def process_many(
        self, documents: Iterable[Document], batch_size: int = 32
    ) -> Iterator[DocumentResult]:
        pairs = self.nlp.pipe(
            ((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size
        )
        for doc, document in pairs:
            yield self._from_doc(document, doc)

    def _from_doc(self, document: Document, doc: Doc) -> DocumentResult:
        return analyse(document, doc)


def analyse(document: Document, doc: Doc) -> DocumentResult:
    """Time expressions and events of a document, given its parsed text."""
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in TIME_LABELS]
    timexes = temporal.extract(
        document.text,
        document.anchor,
        entities=entities,
        tense_of=lambda s, e: temporal.timex_tense(doc, s, e),
    )
    if not selective.covers(doc, timexes):  # rare: see selective.covers
        selective.complete(doc)
        return analyse(document, doc)
    anchor = document.anchor or temporal.stand_in_anchor(
        document.text, temporal.find_candidates(document.text)
    )
    found = events.build(doc, document.id, timexes, anchor)
    return DocumentResult(document=document, timexes=tuple(timexes), events=tuple(found))


def stand_in(document: Document) -> date:
    return document.anchor or temporal.stand_in_anchor(
        document.text, temporal.find_candidates(document.text)
    )
