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
            "Heller told a judge that Lohan was settling in and argued that the actress should"
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
