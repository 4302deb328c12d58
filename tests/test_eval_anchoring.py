"""Event anchoring against TimeML event-time TLINKs: figures worked out by hand."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from timeline.evaluation import evaluate
from timeline.evaluation.anchoring import AnchorScorer, gold_pairs
from timeline.evaluation.run import Extracted
from timeline.evaluation.timexes import TimexLike
from timeline.models import Span, TimeExpression
from timeline.timeml import TimeMLDocument, parse_timeml

DOC = """<TimeML>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-03-08" functionInDocument="CREATION_TIME">\
2023-03-08</TIMEX3></DCT>
<TEXT>The two ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> in Oslo on \
<TIMEX3 tid="t1" type="DATE" value="2023-03-07">Tuesday</TIMEX3> for \
<TIMEX3 tid="t4" type="DURATION" value="PT3H">three hours</TIMEX3>, an aide \
<EVENT eid="e2" class="REPORTING">said</EVENT> on \
<TIMEX3 tid="t2" type="DATE" value="2023-03-08">Wednesday</TIMEX3>. \
<EVENT eid="e3" class="OCCURRENCE">Talks</EVENT> will \
<EVENT eid="e4" class="ASPECTUAL">resume</EVENT> in \
<TIMEX3 tid="t3" type="DATE" value="2024">2024</TIMEX3>.</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e3" eiid="ei3" tense="NONE" aspect="NONE" polarity="POS" pos="NOUN"/>
<MAKEINSTANCE eventID="e4" eiid="ei4" tense="FUTURE" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei2" relatedToTime="t2"/>
<TLINK lid="l3" relType="BEGINS" eventInstanceID="ei4" relatedToTime="t3"/>
<TLINK lid="l4" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l5" relType="DURING" eventInstanceID="ei1" relatedToTime="t4"/>
<TLINK lid="l6" relType="BEFORE" eventInstanceID="ei3" relatedToTime="t3"/>
<TLINK lid="l7" relType="IS_INCLUDED" eventInstanceID="ei3" relatedToTime="t0"/>
<TLINK lid="l8" relType="INCLUDES" timeID="t3" relatedToEventInstance="ei3"/>
</TimeML>
"""


@dataclass(frozen=True)
class Ours:
    """A system event as the scorer sees it: a trigger and the timex that dates it."""

    trigger: Span
    timex: TimeExpression | None


def ours(doc: TimeMLDocument, trigger: str, date: str | None) -> Ours:
    start = doc.text.index(trigger)
    timex = None
    if date is not None:
        at = doc.text.index(date)
        timex = TimeExpression(at, at + len(date), date, "DATE", "")
    return Ours(Span(trigger, start, start + len(trigger)), timex)


def test_gold_pairs_are_event_time_links_to_in_text_dates() -> None:
    doc = parse_timeml(DOC)
    # l4 repeats l1; a duration (l5), BEFORE (l6), the DCT (l7) and a link from
    # a time to an event (l8) anchor nothing.
    assert [(e.text, t.text) for e, t in gold_pairs(doc)] == [
        ("met", "Tuesday"),
        ("said", "Wednesday"),
        ("resume", "2024"),
    ]


def scored(events: Sequence[Ours]) -> AnchorScorer:
    scorer = AnchorScorer()
    scorer.add(parse_timeml(DOC), events)
    return scorer


def test_trigger_precision_and_pair_recall() -> None:
    doc = parse_timeml(DOC)
    report = scored(
        [
            ours(doc, "met", "Tuesday"),  # right
            ours(doc, "met", "Wednesday"),  # Wednesday anchors the saying
            ours(doc, "Talks", "2024"),  # 2024 anchors "resume"
            ours(doc, "resume", None),  # undated: not scored
            ours(doc, "ministers", "three hours"),  # a duration is no linked date
        ]
    ).report()
    assert report.documents == 1
    a = report.all
    assert (a.pairs, a.pairs_found, a.events_scored, a.events_correct) == (3, 1, 3, 1)
    assert (a.pair_recall, a.trigger_precision) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    # Without REPORTING: Wednesday anchors only "said", so the event on it is not scored.
    n = report.no_reporting
    assert (n.pairs, n.pairs_found, n.events_scored, n.events_correct) == (2, 1, 2, 1)
    assert (n.pair_recall, n.trigger_precision) == (0.5, 0.5)


def test_errors_name_both_sides() -> None:
    doc = parse_timeml(DOC)
    report = scored([ours(doc, "met", "Wednesday"), ours(doc, "Talks", "2024")]).report()
    assert [(e.kind, e.trigger, e.date, e.expected) for e in report.errors] == [
        ("missed_pair", "met", "Tuesday", ("OCCURRENCE",)),
        ("missed_pair", "said", "Wednesday", ("REPORTING",)),
        ("missed_pair", "resume", "2024", ("ASPECTUAL",)),
        ("wrong_trigger", "met", "Wednesday", ("said",)),
        ("wrong_trigger", "Talks", "2024", ("resume",)),
    ]
    assert report.errors[0].context == (
        # 50 characters each side, the pair's whole extent in brackets
        "The two ministers [met in Oslo on Tuesday] for three hours, an aide said on "
        "Wednesday. Talks..."
    )
    assert report.to_dict(errors=True)["all"] == {
        "pairs": 3,
        "pairs_found": 0,
        "pair_recall": 0.0,
        "events_scored": 2,
        "events_correct": 0,
        "trigger_precision": 0.0,
    }


def test_no_events_no_links() -> None:
    report = AnchorScorer().report()
    assert (report.all.pairs, report.all.trigger_precision, report.all.pair_recall) == (0, 0, 0)


@dataclass(frozen=True)
class Found:
    timexes: Sequence[TimexLike]
    events: Sequence[Ours]


def test_evaluate_scores_anchoring_when_the_extraction_gives_events(tmp_path: Path) -> None:
    (tmp_path / "oslo.tml").write_text(DOC)

    def with_events(doc: TimeMLDocument) -> Extracted:
        return Found((), [ours(doc, "met", "Tuesday"), ours(doc, "said", "Wednesday")])

    def timexes_only(doc: TimeMLDocument) -> Sequence[TimexLike]:
        return ()

    report = evaluate([tmp_path], with_events)
    assert report.anchoring is not None
    assert (report.anchoring.all.pairs_found, report.anchoring.all.trigger_precision) == (2, 1.0)
    assert report.to_dict()["anchoring"]["without_reporting"]["pairs_found"] == 1
    plain = evaluate([tmp_path], timexes_only)
    assert plain.anchoring is None
    assert plain.to_dict()["anchoring"] is None


def test_a_dates_link_is_scored_as_an_anchored_event_once(tmp_path: Path) -> None:
    (tmp_path / "oslo.tml").write_text(DOC)

    def with_links(doc: TimeMLDocument) -> Extracted:
        met = ours(doc, "met", "Tuesday")
        at = doc.text.index("2024")
        resume = doc.text.index("resume")
        linked = TimeExpression(
            at, at + 4, "2024", "DATE", "2024", dates=Span("resume", resume, resume + 6)
        )
        assert met.timex is not None
        tuesday = replace(met.timex, dates=met.trigger)  # the same link as the event: once
        return Found((tuesday, linked), [met])

    report = evaluate([tmp_path], with_links)
    assert report.anchoring is not None
    scores = report.anchoring.all
    assert (scores.pairs, scores.pairs_found, scores.events_scored) == (3, 2, 2)
    assert scores.trigger_precision == 1.0
