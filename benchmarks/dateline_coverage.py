"""How many wire headings (datelines, timestamp lines, bylines) the rules find in a corpus.

    python benchmarks/dateline_coverage.py ../shared/bench/news-2452.jsonl
    python benchmarks/dateline_coverage.py ../shared/data/tempeval3-tbaq

Counts the documents whose opening lines give a heading, by rule; the dateline cities the
gazetteer resolves; and, as candidates for a missed form, the documents with a capitalised
line start followed within 40 characters by "(", "--", " - " or "_" but no dateline found (by
id: no corpus text is printed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from timeline import anchor
from timeline.timeml import read_timeml

LOOKS_LIKE = re.compile(r"^\s*[A-Z][A-Z .,'-]{2,}.{0,40}(?:\(|--| - |_)", re.M)


def documents(path: Path) -> Iterator[tuple[str, str]]:
    if path.is_dir():
        for f in sorted(path.rglob("*.tml")):
            yield f.stem, read_timeml(f).text
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield str(record.get("id", "")), record["text"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"{args.corpus}: not found, skipped", file=sys.stderr)
        return 0
    counts: Counter[str] = Counter()
    missed: list[str] = []
    for doc_id, text in documents(args.corpus):
        counts["documents"] += 1
        found = anchor.heading(text)
        if found.dateline is not None:
            counts[f"dateline {found.dateline.rule}"] += 1
            counts["dateline city resolved"] += found.dateline.place() is not None
            counts["dateline with a full date"] += found.dateline.date() is not None
        elif LOOKS_LIKE.search(text[:300]):
            missed.append(doc_id)
        counts["timestamp line"] += found.timestamp is not None
        counts["byline"] += found.byline is not None
    for key, value in sorted(counts.items()):
        print(f"{key:32} {value}")
    print(f"no dateline, yet a line that looks like one: {len(missed)} {missed[:20]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
