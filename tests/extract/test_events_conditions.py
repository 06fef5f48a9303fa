"""Lexicon words the parse or a check stopped where the use is a real happening (events
version 7): what a report says, clauses the parser hangs on a noun, gerunds after a
preposition, phrasal verbs. Each loosening has sentences that must code and sentences that
must not (negated, hypothetical and other senses stay as they were)."""

from __future__ import annotations

import pytest

from tests.extract.test_events import events_of, one


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "Although the rep would not reveal why she entered rehab, a source from the"
            " magazine said that it was her decision.",
            "said",
        ),
        (
            "Heller told a judge that Lohan was happy there and argued that the actress should"
            " be allowed to stay until a judge approves the facility.",
            "told",
        ),
    ],
)
def test_a_report_beside_a_coded_clause_is_a_statement(nlp, text, trigger):
    one(events_of(nlp, text), "010", trigger=trigger)


@pytest.mark.parametrize(
    "text",
    [
        "Police said he was arrested after he robbed a bank.",
        "The minister said on Friday that troops had attacked the town.",
    ],
)
def test_a_report_of_a_coded_clause_stays_its_attribution(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code == "010"]


def test_a_wrapper_with_nothing_coded_in_its_complement_is_no_consideration(nlp):
    text = (
        "Adani is considered close to the government, and the opposition has accused Prime"
        " Minister Narendra Modi of having close ties with the tycoon."
    )
    assert not [e for e in events_of(nlp, text) if e.code == "014"]


def test_a_clause_the_parser_hangs_on_a_noun_is_coded(nlp):
    text = "White said he has received confirmation that Lohan has checked in to a rehab facility."
    event = one(events_of(nlp, text), "W71", trigger="checked")
    assert event.attribution_trigger == "said"


def test_a_clause_hung_on_a_noun_keeps_the_nouns_modality(nlp):
    found = events_of(nlp, "She denied rumours that she had checked into a clinic.")
    assert one(found, "W71", trigger="checked").modality.value == "denied"
    text = "The possibility that the firm had acquired the stake worried investors."
    assert one(events_of(nlp, text), "W11").modality.value == "considered"


def test_a_participle_modifying_a_noun_stays_no_act(nlp):
    found = events_of(nlp, "The agreement signed in March expired on Friday.")
    assert not [e for e in found if e.trigger == "signed"]


@pytest.mark.parametrize(
    ("text", "code", "trigger"),
    [
        ("The judge handed down a 90-day sentence.", "W62", "handed"),
        ("The actress was holed up at a hotel in Malibu.", "W71", "holed"),
        ("Lindsay Lohan pulled up to the clinic in an SUV.", "W71", "pulled"),
        ("The star completed her course of treatment at Betty Ford.", "W44", "treatment"),
        ("The actress has just finished 30 days' worth of treatment.", "W44", "treatment"),
        ("The two sides held a round of talks in Geneva.", "04", "talks"),
    ],
)
def test_phrasal_verbs_and_what_a_light_verb_carries_through_of(nlp, text, code, trigger):
    one(events_of(nlp, text), code, trigger=trigger)


@pytest.mark.parametrize(
    "text",
    [
        "He handed down the family business to his son.",
        "The clerk pulled up the records.",
        "The car pulled up to the house.",
        "Shares pulled up sharply in late trading.",
    ],
)
def test_other_senses_of_those_phrasal_verbs_are_not_coded(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code in ("W62", "W71")]


@pytest.mark.parametrize(
    ("text", "code", "trigger"),
    [
        ("Lindsay is grateful for the treatment she received at the clinic.", "W44", "treatment"),
        ("The talks they held in Geneva failed.", "04", "talks"),
        ("Her lawyer told a judge that Lindsay Lohan was settling in at the clinic.", "W71",
         "settling"),
    ],
)  # fmt: skip
def test_a_relative_clause_carries_the_noun_it_modifies_and_settling_in(nlp, text, code, trigger):
    one(events_of(nlp, text), code, trigger=trigger)


def test_a_relative_clause_of_place_carries_no_noun(nlp):
    text = "Prosecutor Terry White spoke after a court hearing where her lawyer said she was ill."
    found = events_of(nlp, text)
    assert one(found, "W61", trigger="hearing").actor_text is None
    one(found, "010", trigger="said")


@pytest.mark.parametrize(
    "text", ["The two companies settled in court.", "They settled in 2010 for 5 million dollars."]
)
def test_settling_a_case_is_no_stay(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code == "W71"]


def test_a_report_carrying_an_event_noun_is_its_attribution(nlp):
    text = "People said her representative Jack Ketsoyan confirmed the actress's stay at Promises."
    stay = one(events_of(nlp, text), "W71", trigger="stay")
    assert (stay.attribution, stay.attribution_trigger) == ("Jack Ketsoyan", "confirmed")
    assert stay.attribution_trigger_start == text.index("confirmed")
    merger = one(events_of(nlp, "Texaco Inc announced a merger with Getty Oil."), "W12")
    assert (merger.attribution, merger.attribution_trigger) == ("Texaco Inc", "announced")


def test_a_light_verb_carrying_an_event_noun_is_no_report(nlp):
    text = "The company said it completed the acquisition of Getty Oil."
    event = one(events_of(nlp, text), "W11", trigger="acquisition")
    assert event.attribution_trigger == "said"


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Lindsay Lohan has checked into rehab and will remain there for the time being.",
         "remain"),
        ("The actress went home after the hearing.", "went"),
        ("The actress returned home on Sunday.", "returned"),
    ],
)  # fmt: skip
def test_an_adverb_of_place_stands_for_its_preposition(nlp, text, trigger):
    one(events_of(nlp, text), "W71", trigger=trigger)


@pytest.mark.parametrize(
    "text",
    [
        "Inflation stayed at 2 percent in May.",
        "Prices returned to normal levels.",
        "Prices will remain there for some time.",
        "The company moved its headquarters to Dallas.",
        "Go home, the police told the protesters.",
        '"Return home," officials told residents.',
        "Go to the clinic, the judge told her.",
    ],
)
def test_figures_and_orders_make_no_journey(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code == "W71"]


def test_injuries_sustained_are_coded(nlp):
    found = events_of(nlp, "Two passengers sustained serious injuries in the crash.")
    one(found, "W44", trigger="injuries")


@pytest.mark.parametrize(
    "text",
    [
        "The facility is unlicensed to perform the treatment.",
        "The hospital can perform transplants.",
        "He escaped injury.",
    ],
)
def test_no_treatment_or_injury_where_none_took_place(nlp, text):
    found = events_of(nlp, text)
    assert not [e for e in found if e.code == "W44" and e.modality.value == "happened"]
