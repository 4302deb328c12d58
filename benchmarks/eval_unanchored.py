"""TempEval-3 Task A scoring with every document's own date withheld.

`timeline eval` anchors each document on its DCT. A history whose DCT is only
the day its page was saved must come out as well without it: its dates count
from the story, not from a day outside it. Usage:
`python benchmarks/eval_unanchored.py GOLD...` (TimeML files or folders).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from timeline.evaluation import TimexLike, evaluate, render_table
from timeline.models import Document
from timeline.pipeline import Extractor
from timeline.timeml import TimeMLDocument


def main(argv: Sequence[str]) -> int:
    if not argv:
        print("usage: eval_unanchored.py GOLD...", file=sys.stderr)
        return 2
    extractor = Extractor()

    def extract(doc: TimeMLDocument) -> Sequence[TimexLike]:
        document = Document(id=doc.id, text=doc.text, source=doc.source, title=doc.title)
        return extractor.process(document).timexes

    report = evaluate(argv, extract)
    render_table(report, sys.stdout)
    for problem in report.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
