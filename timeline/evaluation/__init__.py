"""`timeline eval`: scoring the extraction against gold.

One job a module:
- `timexes`: TempEval-3 Task A, matching timexes and the figures; `diagnosis`:
  what is wrong on the gold side of a wrong value; `render`: its table and JSON;
- `anchoring`: events against TimeML's event-time TLINKs (scored in the same run);
- `run`: reading TimeML gold, running the extraction, both scores;
- `event_gold`: reading event gold (EVENTS.md); `event_scoring`: events against it,
  merging across documents included;
- `plover`: PLOVER gold standard records and the `plover` type of events;
- `render_events`, `run_events`: the tables and the runs of `--events` and `--plover`;
- `common`: ratios, context windows, how names match, reading a gold JSON file.

The names below are the package's interface, as `cli.py` and the tests use it.
"""

from timeline.evaluation.diagnosis import GOLD_ISSUES, GoldIssue, value_shape
from timeline.evaluation.render import render_json, render_table
from timeline.evaluation.run import (
    Extract,
    evaluate,
    find_timeml_files,
    pipeline_extract,
    run_eval,
)
from timeline.evaluation.timexes import (
    ERROR_KINDS,
    TIMEX_TYPES,
    Alignment,
    ErrorItem,
    ErrorKind,
    ErrorPattern,
    EvalReport,
    Scorer,
    Scores,
    Tally,
    TimexLike,
    align,
)

__all__ = [
    "ERROR_KINDS",
    "GOLD_ISSUES",
    "TIMEX_TYPES",
    "Alignment",
    "ErrorItem",
    "ErrorKind",
    "ErrorPattern",
    "EvalReport",
    "Extract",
    "GoldIssue",
    "Scorer",
    "Scores",
    "Tally",
    "TimexLike",
    "align",
    "evaluate",
    "find_timeml_files",
    "pipeline_extract",
    "render_json",
    "render_table",
    "run_eval",
    "value_shape",
]
