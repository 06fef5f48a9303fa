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
