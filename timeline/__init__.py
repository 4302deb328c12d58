"""timeline: ordered, sourced timelines of the dated events in news articles.

The library the `timeline` command is built on (`timeline.api`):

>>> import timeline
>>> found = timeline.extract(
...     ["Kerry and Lavrov held talks in Geneva on Monday."], anchor="2015-01-14")
>>> for event in found.events:
...     print(event.date, event.type, event.summary)
2015-01-12 talks Kerry and Lavrov held talks in Geneva
>>> timeline.Timeline.from_json(found.to_json()).to_json() == found.to_json()
True
>>> "jsonl" in timeline.FORMATS
True

`timeline.dask.extract_bag` runs it on a Dask bag of records; `nlp.add_pipe("timeline")`
adds it to a spaCy pipeline (`timeline.spacy_component`).
"""

__version__ = "0.1.0"

# Below __version__: the exporters read it while these are imported.
from timeline.api import FORMATS, Corpus, export, extract, merge, read  # noqa: E402
from timeline.errors import TimelineError, UsageError  # noqa: E402
from timeline.models import Document, Event, Problem, Timeline  # noqa: E402

__all__ = [
    "FORMATS",
    "Corpus",
    "Document",
    "Event",
    "Problem",
    "Timeline",
    "TimelineError",
    "UsageError",
    "__version__",
    "export",
    "extract",
    "merge",
    "read",
]
