"""The date of an event named again: which earlier mention, and which of its dates."""

from __future__ import annotations

from timeline.event_dates import EventDates


def _dates(text: str, *dated: tuple[str, str]) -> EventDates:
    """EventDates for `text` with each (words, value) recorded where the words are."""
    events = EventDates(text)
    for words, value in dated:
        start = text.index(words)
        events.add(start, start + len(words), value)
    return events


def test_a_noun_is_dated_by_its_modifier_not_by_another_act_in_its_sentence() -> None:
    text = (
        "He was charged with murder Thursday. Police have searched since the Oct. 23 "
        "sniper shooting. Neighbours saw a car before the shooting."
    )
    events = _dates(text, ("Thursday", "1999-05-06"), ("Oct. 23", "1998-10-23"))
    dated = events.date_of(text.index("before the") + 7)
    assert dated is not None and (dated.start, dated.value) == (text.index("Oct. 23"), "1998-10-23")


def test_a_verb_is_dated_by_the_date_that_follows_it() -> None:
    text = "Dr. Slepian was shot to death on Oct. 23 in his kitchen. Days before he was killed, a car came."
    events = _dates(text, ("Oct. 23", "1998-10-23"))
    dated = events.date_of(text.index("he was killed"))
    assert dated is not None and dated.value == "1998-10-23"


def test_several_events_do_not_date_one() -> None:
    text = "The sniper shootings of three doctors began in 1994. A car came before the shooting."
    events = _dates(text, ("1994", "1994"))
    assert events.date_of(text.index("the shooting.")) is None


def test_an_event_of_another_kind_gives_no_date() -> None:
    text = "The summit opened on Jan. 10. Rebels struck the day after the attack."
    events = _dates(text, ("Jan. 10", "2022-01-10"))
    assert events.date_of(text.index("the attack")) is None


def test_words_that_name_no_event_give_no_date() -> None:
    text = "The summit opened on Jan. 10. Prices rose the day after the holidays."
    events = _dates(text, ("Jan. 10", "2022-01-10"))
    assert events.date_of(text.index("the holidays")) is None


def test_the_last_date_is_taken_from_this_sentence_or_the_one_before() -> None:
    text = "It ends on Nov. 30, as agreed on Oct. 2. Until then, shares trade. Talks go on. Until then?"
    events = _dates(text, ("Oct. 2", "1989-10-02"), ("Nov. 30", "1989-11-30"))
    last = events.last_before(text.index("then"))
    assert last is not None and last.value == "1989-10-02"  # the last in text order
    assert events.last_before(text.rindex("then")) is None  # two sentences back
