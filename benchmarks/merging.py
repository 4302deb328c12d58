"""How merging across documents scales: its time at several corpus sizes, against n log n.

    python benchmarks/merging.py CORPUS.jsonl [--sizes 600,1200,2452] [--jobs N] [--repeat R]
                                              [--cache FILE.pickle]

The articles are extracted once (in this process and its workers, as
`timeline extract` does; with `--cache`, kept in FILE for the next run, which
reads them from it); all their events are merged once, so that the lookups
merging caches (lemmas, gazetteer) are warm; then, for each size, the events
of the first N articles are merged (`timeline.events.crossdoc.merge`) R
times and the best time is kept. Printed for each size: the reports (per-document events), the
pairs compared and the pairs kept, the merged events, the seconds, and the
seconds divided by n log2 n of the reports (in microseconds): a ratio that
stays flat or falls as n grows is a merge no slower than n log n.

This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path
from typing import Any


def _documents(corpus: Path) -> list[Any]:
    from timeline import sources
    from timeline.models import Document

    return [d for d in sources.read([str(corpus)]) if isinstance(d, Document)]


def _results(corpus: Path, n: int, jobs: int | None, cache: Path | None) -> list[Any]:
    import pickle

    from timeline import parallel

    if cache is not None and cache.is_file():
        with cache.open("rb") as file:
            kept: list[Any] = pickle.load(file)
        if len(kept) >= n:
            print(f"read {n} extracted articles from {cache}")
            return kept[:n]
    documents = _documents(corpus)[:n]
    started = time.perf_counter()
    results = list(parallel.extract(documents, jobs=jobs, keep_timexes=False, keep_text=False))
    print(f"extracted {len(results)} articles in {time.perf_counter() - started:.0f} s")
    if cache is not None:
        with cache.open("wb") as file:
            pickle.dump(results, file)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="600,1200,2452", help="numbers of articles")
    parser.add_argument("--jobs", type=int, help="processes for the extraction")
    parser.add_argument("--repeat", type=int, default=3, help="merges a size, the best kept")
    parser.add_argument("--cache", type=Path, help="keep the extracted articles in this file")
    args = parser.parse_args()
    if not args.corpus.is_file():
        print(f"bench: {args.corpus} not found, skipped", file=sys.stderr)
        return
    from timeline.events import crossdoc

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = _results(args.corpus, max(sizes), args.jobs, args.cache)
    crossdoc.merge(results)  # warm: what is looked up once a name is cached afterwards
    print(
        f"{'articles':>8} {'reports':>8} {'compared':>9} {'kept':>6} {'merged':>7} "
        f"{'seconds':>8} {'us/(n log n)':>13}"
    )
    judge = crossdoc.judge
    compared = [0]

    def counted(a: Any, b: Any) -> Any:
        compared[0] += 1
        return judge(a, b)

    rows = []
    for size in sizes:
        part = results[:size]
        best = math.inf
        for _ in range(max(1, args.repeat)):
            started = time.perf_counter()
            events = crossdoc.merge(part)
            best = min(best, time.perf_counter() - started)
        crossdoc.judge = counted  # counted once, outside the timed runs
        compared[0] = 0
        reports = crossdoc.reports(part)
        kept = len(crossdoc.candidates(reports))
        crossdoc.judge = judge
        n = len(reports)
        merged = sum(1 for e in events if e.sources)
        per = best / (n * math.log2(n)) * 1e6 if n > 1 else 0.0
        rows.append(
            {
                "articles": len(part),
                "reports": n,
                "compared": compared[0],
                "kept": kept,
                "merged": merged,
                "seconds": round(best, 3),
                "us_per_nlogn": round(per, 3),
            }
        )
        print(
            f"{len(part):>8} {n:>8} {compared[0]:>9} {kept:>6} {merged:>7} "
            f"{best:>8.2f} {per:>13.3f}",
            flush=True,
        )
    if len(rows) >= 2:
        first, last = rows[0], rows[-1]
        grow = last["seconds"] / first["seconds"] if first["seconds"] else math.inf
        nlogn = (last["reports"] * math.log2(last["reports"])) / (
            first["reports"] * math.log2(first["reports"])
        )
        print(
            f"merge time {last['articles']} vs {first['articles']} articles: {grow:.2f}x; "
            f"n log n of the reports: {nlogn:.2f}x"
        )
    print(json.dumps({"merging": rows}))


if __name__ == "__main__":
    main()
