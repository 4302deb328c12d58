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

# Nothing is imported until a name is asked for: `timeline --help` and the Ctrl-C
# handler of `timeline.__main__` come first (a bare flag, not typing's: see there).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from timeline.api import FORMATS, Corpus, export, extract, merge, read
    from timeline.errors import TimelineError, UsageError
    from timeline.models import Document, Event, Problem, Timeline

_FROM = {
    "FORMATS": "timeline.api",
    "Corpus": "timeline.api",
    "export": "timeline.api",
    "extract": "timeline.api",
    "merge": "timeline.api",
    "read": "timeline.api",
    "TimelineError": "timeline.errors",
    "UsageError": "timeline.errors",
    "Document": "timeline.models",
    "Event": "timeline.models",
    "Problem": "timeline.models",
    "Timeline": "timeline.models",
}

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


def __getattr__(name: str) -> object:
    module = _FROM.get(name)
    if module is None:
        raise AttributeError(f"module 'timeline' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
