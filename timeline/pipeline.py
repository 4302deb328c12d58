"""The extraction for one document: spaCy Doc -> time expressions -> events.

`Extractor` holds the loaded pipeline; `process` depends on nothing but the
document, so results do not depend on batching or on the number of processes.

A text of any length is processed: one longer than `PIECE_CHARS` is parsed in
pieces cut at paragraph (else line, sentence, word) boundaries and the pieces'
Docs are joined back into one Doc whose text is the document's, so every offset
points into the full original text. Batches are bounded in text as well as in
documents (`BATCH_CHARS`), since spaCy's memory grows with the text of a batch.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from timeline import events, nlp, selective, temporal, work
from timeline.events import links as time_links
from timeline.models import Document, DocumentResult

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TIME_LABELS = ("DATE", "TIME")
PIECE_CHARS = 100_000  # longer texts are parsed in pieces (spaCy refuses over 1,000,000)
BATCH_CHARS = 200_000  # at most this much text in one batch (about 0.7 GB with en_core_web_sm)


class Extractor:
    """Runs the whole extraction with one loaded spaCy pipeline.

    `undated`: also the events the text gives no date (date null).
    `doc_timeout`: seconds the analysis of one document may take once parsed
    (None: no limit); past it `work.DocumentTimeout` is raised for that
    document (`process_many` hands it to `on_error` and goes on). Parsing is
    spaCy's, linear in the length of the text, and not limited.
    """

    def __init__(
        self, model: str | None = None, undated: bool = False, doc_timeout: float | None = None
    ) -> None:
        self.nlp: Language = nlp.load(model)
        self.undated = undated
        self.doc_timeout = doc_timeout

    def process(self, document: Document) -> DocumentResult:
        return self._from_doc(document, self.parse(document.text))

    def parse(self, text: str) -> Doc:
        """The Doc of a text of any length (see the module's docstring)."""
        text = _encodable(text)
        cuts = split_points(text, min(PIECE_CHARS, self.nlp.max_length))
        if len(cuts) == 1:
            return self.nlp(text)
        return join([_lean(self.nlp(text[a:b])) for a, b in pairwise([0, *cuts])], text)

    def process_many(
        self,
        documents: Iterable[Document],
        batch_size: int = 32,
        on_error: Callable[[Document, Exception], None] | None = None,
    ) -> Iterator[DocumentResult]:
        """The results of `documents`, in order.

        When the analysis of one document fails, `on_error(document, exc)` is
        told and the others go on; without `on_error` the exception propagates.
        """
        for document, doc in self._parsed(documents, batch_size):
            try:
                result = self._from_doc(document, doc)
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(document, exc)
                continue
            yield result

    def _parsed(
        self, documents: Iterable[Document], batch_size: int
    ) -> Iterator[tuple[Document, Doc]]:
        size = min(PIECE_CHARS, self.nlp.max_length)
        parts: list[Doc] = []
        for batch in _batches(_pieces(documents, size), batch_size, BATCH_CHARS):
            docs = self.nlp.pipe([p.text for p in batch], batch_size=len(batch))
            for piece, doc in zip(batch, docs, strict=True):
                parts.append(doc if piece.last and not parts else _lean(doc))
                if piece.last:
                    text = _encodable(piece.document.text)
                    yield piece.document, parts[0] if len(parts) == 1 else join(parts, text)
                    parts = []

    def _from_doc(self, document: Document, doc: Doc) -> DocumentResult:
        with work.limit(self.doc_timeout, describe=lambda: shape(doc)):
            return analyse(document, doc, undated=self.undated)


@dataclass(frozen=True, slots=True)
class _Piece:
    document: Document
    text: str
    last: bool  # the document's last piece


def _pieces(documents: Iterable[Document], size: int) -> Iterator[_Piece]:
    for document in documents:
        text = _encodable(document.text)
        cuts = split_points(text, size)
        for k, (a, b) in enumerate(pairwise([0, *cuts])):
            yield _Piece(document, text if len(cuts) == 1 else text[a:b], k == len(cuts) - 1)


def _batches(pieces: Iterable[_Piece], count: int, chars: int) -> Iterator[list[_Piece]]:
    """Consecutive pieces, at most `count` of them and (unless one alone) `chars` of text."""
    batch: list[_Piece] = []
    size = 0
    for piece in pieces:
        if batch and (len(batch) >= count or size + len(piece.text) > chars):
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece.text)
    if batch:
        yield batch


# Where a piece may end, best first: after a blank line, a line, a sentence, a word.
_BREAKS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _encodable(text: str) -> str:
    """Lone surrogates (which spaCy cannot encode) as U+FFFD: one character for one,
    so that offsets into the Doc are offsets into the text."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def split_points(text: str, size: int = PIECE_CHARS) -> list[int]:
    """The ends of the pieces a text is parsed in, each at most `size` characters long.

    A piece ends at the last boundary of the best kind found in the second half
    of its window, so no piece is shorter than half the size but the last; a
    text without any white space is cut at `size`.
    """
    cuts: list[int] = []
    start, n = 0, len(text)
    while n - start > size:
        limit = start + size
        end = limit
        for pattern in _BREAKS:
            last = deque(pattern.finditer(text, start + size // 2, limit), maxlen=1)
            if last:
                end = last[0].end()
                break
        cuts.append(end)
        start = end
    cuts.append(n)
    return cuts


def _lean(doc: Doc) -> Doc:
    """A piece of a long text without its tensor (384 bytes a token, unused by the
    analysis and dropped by `join`), so the pieces held until then stay small."""
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def join(docs: list[Doc], text: str) -> Doc:
    """One Doc of consecutive pieces of `text`: tokens, tags, parse, sentences and
    entities, and which sentences the selective NER ran over (its safety net,
    `selective.covers`, then sees the whole text as it sees a short one)."""
    from spacy.tokens import Doc as SpacyDoc

    selected = selective.selected_of_pieces(docs)
    joined: Doc = SpacyDoc.from_docs(  # type: ignore[call-arg]  # `exclude` is missing from the stub
        docs, ensure_whitespace=False, exclude=["tensor", "user_data"]
    )
    if joined.text != text:  # cannot happen: pieces are consecutive slices of the text
        raise RuntimeError("the pieces of a long text do not join back into it")
    if selected is not None:
        joined.user_data[selective.SELECTED] = selected
    return joined


def analyse(document: Document, doc: Doc, undated: bool = False) -> DocumentResult:
    """Time expressions and events of a document, given its parsed text."""
    work.stage("finding time expressions")
    work.charge(len(doc))
    entities = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in TIME_LABELS]
    day, timexes = temporal.extract_counting_from(
        document.text,
        document.anchor,
        entities=entities,
        tense_of=lambda s, e: temporal.timex_tense(doc, s, e),
    )
    if not selective.covers(doc, timexes):  # rare: see selective.covers
        selective.complete(doc, timexes)  # each round adds their sentences: it ends
        return analyse(document, doc, undated)
    # Status compares dates with the very day the values were counted from.
    work.stage(f"finding the events of {len(timexes):,} time expressions")
    found = events.build(
        doc, document.id, timexes, day, undated=undated, document_date=document.anchor
    )
    work.stage("linking each date to what it dates")
    linked = time_links.with_links(doc, timexes, found)
    return DocumentResult(document=document, timexes=linked, events=tuple(found))


def shape(doc: Doc) -> str:
    """What makes a document costly, for the message of a timeout."""
    longest = max((len(s) for s in doc.sents), default=0)
    sentences = sum(1 for _ in doc.sents)
    return (
        f"{len(temporal.doc_text(doc)):,} characters, {len(doc):,} tokens in {sentences:,} "
        f"sentence{'s' * (sentences != 1)} (the longest {longest:,} tokens)"
    )
