"""timeline: ordered, sourced timelines of the dated events in news articles."""

__version__ = "0.1.0"
