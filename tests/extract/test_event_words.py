"""Event words: the other words of an article that tell an event's happening, each rule with
sentences that must give the word and sentences that must not (written for these tests)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pipeline.extract import extract_article
from pipeline.schemas import Article, EventRecord, EventWordKind

COMPANION, REPEAT = EventWordKind.COMPANION, EventWordKind.REPEAT


def events_in(nlp, *paragraphs: str) -> list[EventRecord]:
    article = Article(
        format="test",
        item_key="test",
        headline="test",
        paragraphs=list(paragraphs),
        published_at=datetime(2021, 3, 9, 12, tzinfo=UTC),
    )
    return extract_article(article, nlp).events


def words_of(events: list[EventRecord], trigger: str) -> list[tuple[str, EventWordKind]]:
    (event, *_) = [e for e in events if e.trigger == trigger]
    return [(word.text, word.kind) for word in event.words]


# --- companions: the light verb that carries the event noun ----------------------------------


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("The singer completed her treatment at a clinic in Arizona.", "completed"),
        ("The senator is receiving treatment for a heart condition.", "receiving"),
        ("The company held talks with the union on Monday.", "held"),
        ("The senator will continue with his treatment after the holidays.", "continue"),
    ],
)
def test_the_light_verb_carrying_an_event_noun_is_its_companion(nlp, text, verb):
    events = events_in(nlp, text)
    (event,) = [e for e in events if e.trigger in ("treatment", "talks")]
    (word,) = event.words
    assert (word.text, word.kind, word.start) == (verb, COMPANION, text.index(verb))
    assert word.end == word.start + len(verb)


def test_a_report_carrying_an_event_noun_is_its_attribution_not_a_companion(nlp):
    events = events_in(nlp, "Texaco announced a merger with Getty Oil on Monday.")
    (merger,) = [e for e in events if e.trigger == "merger"]
    assert merger.attribution_trigger == "announced"
    assert merger.words == []


# --- companions: the noun of the trigger's code beside it, or where a movement goes ----------


def test_an_event_noun_of_the_triggers_code_beside_it_is_its_companion(nlp):
    events = events_in(nlp, "The judge postponed the hearing until March.")
    assert words_of(events, "postponed") == [("hearing", COMPANION)]
    events = events_in(nlp, "An earthquake struck central Italy on Sunday.")
    assert words_of(events, "struck") == [("earthquake", COMPANION)]


@pytest.mark.parametrize(
    "text",
    ["The actress checked into rehab on Monday.", "The actress heads to rehab, her lawyer said."],
)
def test_the_event_noun_a_movement_goes_into_is_its_companion(nlp, text):
    events = events_in(nlp, text)
    (moved,) = [e for e in events if e.code == "W71"]
    assert [(w.text, w.kind) for w in moved.words] == [("rehab", COMPANION)]


@pytest.mark.parametrize(
    "text",
    [
        "The actress checked into a rehab on Monday.",  # one place among others
        "The actress checked into California rehab on Monday.",  # named by its place
        "The actress left rehab on Monday.",  # the place left
        "The actress went to Promises on Tuesday.",  # a name
        "The actress checked into a rehab facility on Monday.",  # no event noun
    ],
)
def test_a_place_a_movement_goes_to_or_leaves_is_no_companion(nlp, text):
    (moved,) = [e for e in events_in(nlp, text) if e.code == "W71"]
    assert moved.words == []


# --- repeats: a later noun naming the happening again ----------------------------------------


def test_a_later_noun_of_the_triggers_word_is_a_repeat(nlp):
    second = "Prosecutors described the arrest as lawful."
    events = events_in(nlp, "Police arrested the mayor on Friday.", second)
    (arrested,) = [e for e in events if e.trigger == "arrested"]
    (word,) = arrested.words
    assert (word.text, word.kind) == ("arrest", REPEAT)
    assert word.start == len("Police arrested the mayor on Friday.\n\n") + second.index("arrest")


def test_a_later_noun_of_what_a_movement_went_into_is_a_repeat(nlp):
    events = events_in(
        nlp,
        "The actress checked into California rehab on Monday.",
        "She is in rehab now, her lawyer told reporters.",
    )
    assert words_of(events, "checked") == [("rehab", REPEAT)]


def test_a_later_definite_noun_of_the_events_code_is_a_repeat(nlp):
    events = events_in(
        nlp,
        "An earthquake struck in central Italy on Sunday.",
        "The quake destroyed hundreds of homes.",
    )
    assert words_of(events, "struck") == [("earthquake", COMPANION), ("quake", REPEAT)]


def test_a_repeat_joins_the_event_told_with_its_own_word_before_one_of_its_code(nlp):
    events = events_in(
        nlp,
        "A flood hit the town on Monday.",
        "An earthquake struck the region on Tuesday.",
        "The flood destroyed hundreds of homes.",
    )
    assert words_of(events, "hit") == [("flood", COMPANION), ("flood", REPEAT)]
    assert words_of(events, "struck") == [("earthquake", COMPANION)]


@pytest.mark.parametrize(
    "later",
    [
        "Earthquakes destroyed hundreds of homes.",  # bare plural: quakes in general
        "A quake destroyed hundreds of homes.",  # a new one
        "No quake destroyed homes there.",  # none
        "The 2009 quake destroyed hundreds of homes.",  # dated another year
        "The quake in Greece destroyed hundreds of homes.",  # placed elsewhere
        "The quake damage reached hundreds of homes.",  # a modifier
    ],
)
def test_a_noun_that_tells_another_or_no_happening_is_no_repeat(nlp, later):
    events = events_in(nlp, "An earthquake struck in central Italy on Sunday.", later)
    assert words_of(events, "struck") == [("earthquake", COMPANION)]


def test_a_noun_of_the_code_in_another_sense_is_no_repeat(nlp):
    events = events_in(
        nlp,
        "Biden called for a ceasefire on Saturday.",
        "He also spoke to Abbas in their first call since January.",
    )
    assert words_of(events, "called") == []


def test_a_noun_told_before_its_event_is_no_repeat(nlp):
    events = events_in(nlp, "The arrest was lawful, prosecutors said.", "Police arrested him.")
    assert words_of(events, "arrested") == []


def test_a_record_made_without_words_has_none():
    record = EventRecord(
        code="173", label="Arrest", root_code="17", trigger="arrested", trigger_start=7,
        sentence_index=0, start=0, end=30,
    )  # fmt: skip
    assert record.words == []
