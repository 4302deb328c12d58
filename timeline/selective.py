"""Named entities only where the extraction reads them, with the same results.

spaCy's `ner` is the costliest component of `en_core_web_sm` (about 40% of
the pipeline's time), and the extraction reads its entities only in some
sentences:

- DATE/TIME entities become time expressions only when they contain a year
  (`temporal._resolve_ner`), and otherwise matter only where they overlap a
  time expression of our own patterns (the longer candidate wins);
- actors and places are read only in the sentence of a dated event mention,
  of an event whose date the narrative may imply ("Prodi flew into Albania for
  talks": `events.may_be_implied`), of a spokesperson ("State Department
  spokesman Nicholas Burns": `events.names_a_voice`, who made the statements
  of the body), or of a back reference ("the Geneva meeting":
  `events.is_back_reference`).

`SelectiveNER` runs the NER model over those sentences only: sentences that
overlap a match of any rule in `temporal.RULES`, that contain a year-like
number, an event word the narrative may date, or a back-reference candidate
(and the two sentences before each of the first three, for coreference). Each
run of selected sentences goes to the model with `MARGIN` tokens of context on
each side, as one small Doc.

Why the entities in a selected sentence are exactly those of a whole-document
run: the NER model's token vectors come from a convolution that sees four
tokens on each side; its transition features are the next token, and the
first and previous token of an open entity; and an entity never crosses a
sentence boundary (the parse has set them before NER runs), so no entity is
open when a sentence starts. With at least four tokens of context on each
side, every decision inside the sentence sees the same inputs. The entity
that starts right after a selected sentence is kept too (its start and label
are decided on its first token, still well inside the margin): the actor
rule reads it ("Secretary of State Wendy Sherman": an ORG just before a
PERSON is a title). The tests and the benchmark corpus check the claim: the
output is byte for byte that of the whole-document pipeline.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from timeline.models import TimeExpression

# Context on each side of a run of selected sentences: at least the NER
# convolution's reach (4 tokens), plus room for the entity that follows.
MARGIN = 8
YEARLIKE = re.compile(r"(?:1\d|20)\d\d")
LOOKBACK = 2  # sentences before a chosen one whose names coreference may need


def selected_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences whose entities the extraction reads."""
    from timeline import events, temporal

    sents = [(s.start, s.end, s.start_char, s.end_char) for s in doc.sents]
    if not sents:
        return []
    starts = [s[2] for s in sents]
    chosen = [False] * len(sents)

    def mark(start: int, end: int) -> None:
        k = max(0, bisect.bisect_right(starts, start) - 1)
        while k < len(sents) and sents[k][2] < max(end, start + 1):
            chosen[k] = True
            k += 1

    text = temporal.doc_text(doc)
    for _, m in temporal.rule_matches(text):
        mark(m.start(), m.end())
    for m in YEARLIKE.finditer(text):
        mark(m.start(), m.end())
    for k, (start, end, _, _) in enumerate(sents):
        # an event the text does not date but implies the date of ("Prodi flew into
        # Albania for talks with his counterpart"): its actors and places are read too
        if not chosen[k] and any(
            events.may_be_implied(tok) or events.names_a_voice(tok) for tok in doc[start:end]
        ):
            chosen[k] = True
    # The people a pronoun or a title stands for ("Deputy Foreign Minister Sergey
    # Ryabkov ... he") are named in the sentences before it: the two before each
    # chosen one are read too, and a back reference's place ("the Geneva meeting")
    dated = [k for k, keep in enumerate(chosen) if keep]
    for k in dated:
        for j in range(max(0, k - LOOKBACK), k):
            chosen[j] = True
    for k, (start, end, _, _) in enumerate(sents):
        if not chosen[k] and any(events.is_back_reference(tok) for tok in doc[start:end]):
            chosen[k] = True
    return [(s[0], s[1]) for s, keep in zip(sents, chosen, strict=True) if keep]


def regions(sentences: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Runs of selected sentences, widened by MARGIN tokens and merged where they touch."""
    out: list[tuple[int, int]] = []
    for start, end in sentences:
        a, b = max(0, start - MARGIN), min(length, end + MARGIN)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


# doc.user_data key: character ranges of the sentences NER ran over (absent: all of them)
SELECTED = "timeline.ner_sentences"
_INSTANCES: list[SelectiveNER] = []


def covers(doc: Doc, timexes: Iterable[TimeExpression]) -> bool:
    """Whether NER ran over the sentence of every dated expression (where events are read).

    True by construction of the selection, unless an expression starts before
    the pattern match it grew from (a modifier such as "the end of" taken in
    front of it) and in an earlier sentence.
    """
    return not outside(doc, timexes)


def outside(doc: Doc, timexes: Iterable[TimeExpression]) -> list[TimeExpression]:
    """The dated expressions that start in a sentence NER did not run over."""
    ranges: list[tuple[int, int]] | None = doc.user_data.get(SELECTED)
    if ranges is None:
        return []
    starts = [r[0] for r in ranges]
    missed = []
    for tx in timexes:
        if tx.type not in ("DATE", "TIME"):
            continue
        k = bisect.bisect_right(starts, tx.start) - 1
        if k < 0 or tx.start >= ranges[k][1]:
            missed.append(tx)
    return missed


def complete(doc: Doc, timexes: Iterable[TimeExpression]) -> None:
    """Run NER over the sentences of the expressions `covers` found outside the
    selection too: their entities are then those of a whole-document run, as
    in every selected sentence (same margins, same argument)."""
    ranges: list[tuple[int, int]] | None = doc.user_data.get(SELECTED)
    missed = outside(doc, timexes)
    if ranges is None or not missed:
        return
    wanted = sorted({_sentence_at(doc, tx.start) for tx in missed})
    spans = regions(wanted, len(doc))
    parts = [doc[a:b].as_doc() for a, b in spans]
    for part in parts:  # NER keeps preset entities: the margins' must not steer it
        part.set_ents([], default="missing")
    from spacy.tokens import Span

    taken = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = list(doc.ents)
    inside = _Ranges(wanted)
    for (a, _), part in zip(spans, _ner_of(doc).pipe(parts), strict=True):
        for ent in part.ents:
            start, end = a + ent.start, a + ent.end
            fresh = not any(i in taken for i in range(start, end))
            if fresh and (inside.covers(start, end) or inside.ends_at(start)):
                found.append(Span(doc, start, end, label=ent.label))
    doc.ents = sorted(found, key=lambda e: e.start)
    added = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in wanted]
    doc.user_data[SELECTED] = sorted(set(ranges) | set(added))


def _sentence_at(doc: Doc, char: int) -> tuple[int, int]:
    """The token range of the sentence a character offset lies in."""
    span = doc.char_span(char, min(char + 1, len(_text_of(doc))), alignment_mode="expand")
    token = span[0] if span is not None and len(span) else doc[-1]
    sent = token.sent
    return sent.start, sent.end


def _text_of(doc: Doc) -> str:
    from timeline.temporal import doc_text

    return doc_text(doc)


def _ner_of(doc: Doc) -> Any:
    for selective in _INSTANCES:
        if selective.ner.vocab is doc.vocab:
            return selective.ner
    raise RuntimeError("no selective NER for this document's vocabulary")


def selected_of_pieces(docs: Iterable[Doc]) -> list[tuple[int, int]] | None:
    """The character ranges NER ran over in consecutive pieces of one text, as
    ranges of the whole text (a piece NER ran over whole counts whole); None
    when NER ran over every piece whole."""
    out: list[tuple[int, int]] = []
    offset = 0
    partial = False
    for doc in docs:
        length = len(_text_of(doc))
        ranges: list[tuple[int, int]] | None = doc.user_data.get(SELECTED)
        partial = partial or ranges is not None
        whole = [(0, length)]
        out.extend((offset + a, offset + b) for a, b in (whole if ranges is None else ranges))
        offset += length
    return out if partial else None


class SelectiveNER:
    """spaCy's EntityRecognizer, run over the selected sentences only."""

    def __init__(self, ner: Any) -> None:
        self.ner = ner
        _INSTANCES.append(self)

    def __call__(self, doc: Doc) -> Doc:
        for done in self.pipe([doc]):
            return done
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            yield from self._batch(list(batch))

    def _batch(self, batch: list[Doc]) -> list[Doc]:
        plans: list[tuple[Doc, list[tuple[int, int]], list[tuple[int, int]]]] = []
        parts: list[Doc] = []
        for doc in batch:
            sentences = selected_sentences(doc)
            spans = regions(sentences, len(doc))
            plans.append((doc, sentences, spans))
            parts.extend(doc[a:b].as_doc() for a, b in spans)
        done = iter(list(self.ner.pipe(parts, batch_size=max(1, len(parts)))) if parts else [])
        from spacy.tokens import Span

        for doc, sentences, spans in plans:
            found: list[Span] = []
            inside = _Ranges(sentences)
            for a, _ in spans:
                for ent in next(done).ents:
                    start, end = a + ent.start, a + ent.end
                    if inside.covers(start, end) or inside.ends_at(start):
                        found.append(Span(doc, start, end, label=ent.label))
            doc.ents = found
            doc.user_data[SELECTED] = [
                (doc[a].idx, doc[b - 1].idx + len(doc[b - 1])) for a, b in sentences
            ]
        return [doc for doc, _, _ in plans]


class _Ranges:
    """Sorted, disjoint token ranges: does one hold a span; does one end at a token."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.starts = [r[0] for r in ranges]
        self.ranges = ranges
        self.ends = {r[1] for r in ranges}

    def covers(self, start: int, end: int) -> bool:
        k = bisect.bisect_right(self.starts, start) - 1
        return k >= 0 and end <= self.ranges[k][1]

    def ends_at(self, token: int) -> bool:
        return token in self.ends


def install(nlp: Any) -> None:
    """Swap the pipeline's `ner` for the selective one (same model, same weights)."""
    from timeline.fastnlp import register

    if "ner" not in nlp.pipe_names:
        return
    nlp.replace_pipe("ner", register("ner", SelectiveNER(nlp.get_pipe("ner"))))
