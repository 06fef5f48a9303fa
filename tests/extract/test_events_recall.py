"""Recall of the acts news copy tells: reports kept as attribution triggers, and the lexicon's
personal-life, legal, entertainment and disaster words, each with sentences that must code and
sentences that must not (business copy must not gain junk events)."""

from __future__ import annotations

from tests.extract.test_events import events_of, one


def test_a_report_that_became_an_attribution_keeps_its_word_and_offset(nlp):
    text = "The French government said on Friday that Germany had attacked Poland."
    event = one(events_of(nlp, text), "18")
    assert event.attribution_trigger == "said"
    assert event.attribution_trigger_start == text.index("said")


def test_according_to_is_the_attribution_trigger(nlp):
    text = "Police arrested three men, according to Scotland Yard."
    event = one(events_of(nlp, text), "173")
    assert event.attribution_trigger == "according"
    assert text[event.attribution_trigger_start :].startswith("according to")


def test_a_report_set_as_an_aside_is_the_attribution_not_a_statement(nlp):
    found = events_of(nlp, "The actress checked into a clinic late Thursday, TMZ reports.")
    event = one(found, "W71", trigger="checked")
    assert (event.attribution, event.attribution_trigger) == ("TMZ", "reports")
    assert not [e for e in found if e.code == "010"]


def test_a_bare_statement_has_no_attribution_trigger(nlp):
    event = one(events_of(nlp, "Currency dealers said trading was quiet."), "010")
    assert event.attribution_trigger is None
    assert event.attribution_trigger_start is None
