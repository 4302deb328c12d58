"""Faster stand-ins for two of spaCy's rule-based components, with identical output.

spaCy's `attribute_ruler` and rule `lemmatizer` cost a fifth of the English
small pipeline's time, almost all of it per-token Python work whose result
depends only on a few attributes of the token. These wrappers compute each
result once per distinct key and reuse it:

- `FastAttributeRuler`: the ruler's single-token patterns read only the
  token's own attributes (TAG, LOWER, DEP, IS_SPACE in `en_core_web_sm`), so
  the attributes they set are cached per tuple of those values; patterns of
  more than one token run through a small matcher of their own, and a token
  they touch gets all its matches applied in the ruler's own order.
- `FastLemmatizer`: the rule lemmatizer's answer depends on the token's ORTH,
  POS and MORPH (its own cache key); every answer is cached, including the
  ones spaCy's cache skips, and lemmas are written with one array operation.

Both wrap the loaded components (their tables, patterns and settings) rather
than re-implementing their rules, and are checked against them in the tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

AttrKey = tuple[int, ...]


class FastAttributeRuler:
    """spaCy's AttributeRuler, with its single-token matches cached per token key."""

    def __init__(self, ruler: Any) -> None:
        from spacy.attrs import IDS
        from spacy.matcher import Matcher

        self.ruler = ruler
        vocab = ruler.vocab
        self.single = Matcher(vocab, validate=False)
        self.multi = Matcher(vocab, validate=False)
        keys: set[str] = set()
        self.has_multi = False
        # What single-token patterns ask of LOWER: literal strings and regexes.
        # A token whose LOWER none of them can match is keyed without its LOWER.
        literals: set[str] = set()
        regexes: list[re.Pattern[str]] = []
        keyed_by_lower = True
        for attr_id, group in enumerate(ruler.patterns):
            patterns = group["patterns"]
            single = all(len(p) == 1 and "OP" not in p[0] for p in patterns)
            single = single and group["index"] in (0, -1)
            name = str(attr_id)
            (self.single if single else self.multi).add(name, patterns)
            self.has_multi = self.has_multi or not single
            if not single:
                continue
            for pattern in patterns:
                for key, value in pattern[0].items():
                    if key.upper() not in IDS:
                        raise ValueError(f"attribute ruler pattern key {key!r} is not cached")
                    keys.add(key.upper())
                    if key.upper() != "LOWER":
                        continue
                    if isinstance(value, str):
                        literals.add(value)
                    elif isinstance(value, dict) and set(value) == {"IN"}:
                        literals.update(value["IN"])
                    elif isinstance(value, dict) and set(value) == {"REGEX"}:
                        regexes.append(re.compile(value["REGEX"]))
                    else:  # a predicate not understood here: key by LOWER itself
                        keyed_by_lower = False
        names = sorted(keys)
        self.attr_ids = [IDS[k] for k in names]
        self.lower_at = names.index("LOWER") if "LOWER" in names and keyed_by_lower else -1
        self.literals, self.regexes = literals, regexes
        self.relevant: dict[int, int] = {}  # LOWER hash -> itself if a pattern may match, else 0
        # token key -> the ruler's attr ids (pattern groups) that match it, in order
        self.cache: dict[AttrKey, tuple[int, ...]] = {}
        self.merged: dict[tuple[int, ...], dict[int, Any]] = {}

    def _lower_class(self, lower: int) -> int:
        text = self.ruler.vocab.strings[lower]
        hit = text in self.literals or any(rx.search(text) for rx in self.regexes)
        value = self.relevant[lower] = lower if hit else 0
        return value

    def _single_matches(self, doc: Doc, i: int) -> tuple[int, ...]:
        strings = self.ruler.vocab.strings
        found = self.single(doc[i : i + 1], as_spans=False, allow_missing=True)
        return tuple(sorted(int(strings[m_id]) for m_id, _, _ in found))

    def _merge(self, ids: tuple[int, ...]) -> dict[int, Any]:
        merged = self.merged.get(ids)
        if merged is None:
            merged = {}
            for attr_id in ids:
                merged.update(self.ruler.attrs[attr_id])
            self.merged[ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        from spacy.tokens._retokenize import set_token_attrs

        if len(doc) == 0:
            return doc
        rows = doc.to_array(self.attr_ids).tolist()
        per_token: list[tuple[int, ...]] = []
        cache = self.cache
        at, relevant = self.lower_at, self.relevant
        for i, row in enumerate(rows):
            if at >= 0:
                lower = row[at]
                cls = relevant.get(lower)
                row[at] = self._lower_class(lower) if cls is None else cls
            key = tuple(row)
            ids = cache.get(key)
            if ids is None:
                ids = cache[key] = self._single_matches(doc, i)
            per_token.append(ids)
        # Tokens that multi-token patterns touch: every match, in the ruler's order.
        special: dict[int, list[tuple[int, int, int, int]]] = {}
        if self.has_multi:
            strings = self.ruler.vocab.strings
            for m_id, start, end in self.multi(doc, as_spans=False, allow_missing=True):
                attr_id = int(strings[m_id])
                index = self.ruler.indices[attr_id]
                target = doc[start:end][index].i
                special.setdefault(target, []).append((attr_id, m_id, start, end))
        for i, ids in enumerate(per_token):
            if i in special:
                ordered = sorted(
                    [(a, 0, i, i + 1) for a in ids] + special[i], key=lambda m: (m[0], m[2], m[3])
                )
                for attr_id, *_ in ordered:
                    set_token_attrs(doc[i], self.ruler.attrs[attr_id])
            elif ids:
                set_token_attrs(doc[i], self._merge(ids))
        return doc


class FastLemmatizer:
    """spaCy's rule Lemmatizer (overwrite off), with every answer cached per token key."""

    def __init__(self, lemmatizer: Any) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            raise ValueError("FastLemmatizer wraps a rule lemmatizer that does not overwrite")
        self.lemmatizer = lemmatizer
        self.attrs = [ORTH, POS, MORPH, LEMMA]
        self.lemma_attr = [LEMMA]
        self.cache: dict[tuple[int, int, int], int] = {}
        # The rules test `form in index` once per suffix rule: a set, not a list.
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index.keys()):
            index[pos] = frozenset(index[pos])

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        lemmatizer = self.lemmatizer
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        strings = doc.vocab.strings
        array: Any = doc.to_array(self.attrs)
        lemmas = array[:, 3].copy()
        cache = self.cache
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma != 0:
                continue
            key = (orth, pos, morph)
            value = cache.get(key)
            if value is None:
                value = cache[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = value
            changed = True
        if changed:
            doc.from_array(self.lemma_attr, lemmas.reshape(-1, 1))
        return doc


def install(nlp: Language) -> None:
    """Swap the pipeline's attribute_ruler and rule lemmatizer for the cached ones."""
    replacements: dict[str, Callable[[Any], Callable[[Doc], Doc]]] = {
        "attribute_ruler": FastAttributeRuler,
        "lemmatizer": FastLemmatizer,
    }
    for name, wrap in replacements.items():
        if name not in nlp.pipe_names:
            continue
        try:
            fast = wrap(nlp.get_pipe(name))
        except (ValueError, AttributeError, KeyError):
            continue  # a pipeline unlike en_core_web_sm's: keep spaCy's own component
        nlp.replace_pipe(name, register(name, fast))


def register(name: str, function: Callable[[Doc], Doc]) -> str:
    """A factory name for an already built component (spaCy adds pipes by factory)."""
    from spacy.language import Language

    factory = f"timeline_fast_{name}"
    if not Language.has_factory(factory):

        def make(nlp: Language, name: str) -> Callable[[Doc], Doc]:
            return _BUILT[factory]

        Language.factory(factory)(make)
    _BUILT[factory] = function
    return factory


_BUILT: dict[str, Callable[[Doc], Doc]] = {}
