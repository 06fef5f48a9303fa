"""Happenings of the wire scheme's kinds told by word class and syntax rather than by the
words of one story: particular event nouns wherever they stand as a happening, gerunds after a
preposition, particles the parser reads as adverbs, and verbs of market moves, disasters,
accidents, rulings, appointments, awards and movement. Each kind has sentences that must code
and sentences that must not, written for these tests."""

from __future__ import annotations

import pytest

from pipeline.schemas import Modality
from tests.extract.test_events import events_of, one


@pytest.mark.parametrize(
    ("text", "code", "trigger"),
    [
        # a particular event noun as subject, attribute or prepositional object
        ("The quake was the strongest to hit the region in decades.", "W41", "quake"),
        ("The shooting left three people dead.", "W51", "shooting"),
        ("Three people were injured in the blast.", "W42", "blast"),
        ("The oil spill was the worst in a decade.", "W42", "spill"),
        ("The singer was hospitalized after suffering a heart attack.", "W44", "attack"),
        ("He was named chairman after the merger of the two banks.", "W12", "merger"),
        # a gerund after a preposition shares the clause's subject, passive or not
        ("She was arrested after fleeing the scene.", "W53", "fleeing"),
        # a particle parsed as an adverb, an adverb of direction before the preposition
        ("She passed away on Monday at the age of 80.", "W43", "passed"),
        ("She walked back into the clinic on Friday.", "W71", "walked"),
        # market moves, disasters, accidents
        ("Shares of the bank sank 4 pct in early trade.", "W31", "sank"),
        ("Oil prices hit a record high on Monday.", "W31", "hit"),
        ("The roof of the stadium collapsed on Sunday.", "W42", "collapsed"),
        ("The house caught fire on Sunday night.", "W42", "caught"),
        ("The bus plunged into a ravine.", "W42", "plunged"),
        ("The fire swept through the building.", "W42", "swept"),
        ("Floods swept through the valley.", "W41", "swept"),
        ("He was found dead in his apartment.", "W43", "found"),
        ("Two soldiers were wounded in the attack.", "W44", "wounded"),
        ("Three workers were hurt when a crane fell.", "W44", "hurt"),
        ("A gas cylinder exploded in the kitchen.", "W42", "exploded"),
        ("A bomb exploded in the market on Monday.", "183", "exploded"),
        # a passive death with no doer, in an accident or a disaster
        ("Three people were killed in the crash.", "W43", "killed"),
        ("Two workers were killed in a fire at the plant.", "W43", "killed"),
        ("Twenty people were killed in flooding in the north.", "W43", "killed"),
        ("Two hikers were killed by the avalanche.", "W43", "killed"),
        ("A man was killed after his car hit a tree.", "W43", "killed"),
        ("A woman was killed when the bus overturned.", "W43", "killed"),
        # participles sharing one auxiliary share the happening, whichever the parser hangs it on
        ("Two men were killed and three injured in the crash.", "W43", "killed"),
        ("Five people were injured and two killed in the fire.", "W43", "killed"),
        ("Five people were injured in the fire and two killed.", "W43", "killed"),
        # happenings named by a noun: a collapse of a building, not of prices or talks
        ("Three people were killed in the collapse of a building.", "W43", "killed"),
        ("Two workers were killed in a mine collapse.", "W43", "killed"),
        ("After the collapse of the bridge, traffic was diverted.", "W42", "collapse"),
        # a noun the tokenizer splits at its hyphen is the trigger whole
        ("A cave-in at the mine trapped 12 workers.", "W42", "cave-in"),
        ("The pile-up on the motorway closed two lanes.", "W42", "pile-up"),
        ("Ten pilgrims were killed in a stampede.", "W43", "killed"),
        ("Three miners were killed in a cave-in.", "W43", "killed"),
        ("Four people were killed in a pile-up on the motorway.", "W43", "killed"),
        ("Twelve sailors were killed in the shipwreck.", "W43", "killed"),
        # a line written as a headline, with no auxiliary
        ("Three killed in bus crash", "W43", "killed"),
        ("Miners killed in cave-in", "W43", "killed"),
        # rulings, appointments, awards
        ("Prosecutors dropped the charges against him.", "W62", "dropped"),
        ("The judge revoked her probation.", "W62", "revoked"),
        ("She was sworn in as president on Monday.", "W21", "sworn"),
        ("She received an award for her work.", "W72", "received"),
        ("The company spun off its chemicals unit.", "W11", "spun"),
        ("Lohan's attorney spoke out about the move.", "010", "spoke"),
    ],
)
def test_happenings_of_the_wire_kinds_are_coded(nlp, text, code, trigger):
    one(events_of(nlp, text), code, trigger=trigger)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("There were no injuries.", "injuries"),
        ("The strike hurt sales in the second quarter.", "hurt"),
        ("Higher rates hurt the company's shares.", "hurt"),
        ("Earthquakes are common in Japan.", "Earthquakes"),
        ("The company faced a storm of criticism.", "storm"),
        ("The initiatives are a demonstration of what can be achieved.", "demonstration"),
        ("A clinical trial showed the drug works.", "trial"),
        ("The treatment of the data is described in the report.", "treatment"),
        ("The death toll rose to 40.", "death"),
        ("The board blocked the merger.", "merger"),
        ("His date of birth was not given.", "birth"),
        ("Talks collapsed on Friday.", "collapsed"),
        ("The collapse in prices hit farmers.", "collapse"),
        ("Investors fled after the collapse of the talks.", "collapse"),
        ("The company suffered a collapse in sales.", "collapse"),
        ("Investors flooded the market with orders.", "flooded"),
        ("He leaked the report to the press.", "leaked"),
        ("She drove the company into bankruptcy.", "drove"),
        ("The talks wound down on Friday.", "wound"),
        ("The company relocated its headquarters to Texas.", "relocated"),
        ("The court overturned the ruling.", "ruling"),
        ("She has not done anything to speak of in years.", "speak"),
        ("She was photographed outside the rehab in Malibu.", "rehab"),
    ],
)
def test_words_of_those_kinds_in_another_sense_are_not_coded(nlp, text, trigger):
    assert not [e for e in events_of(nlp, text) if e.trigger == trigger]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Four people were killed by rebels.", "190"),
        ("Soldiers killed three civilians in the fire.", "190"),
        ("Three people were killed in an air strike.", "190"),
        ("Three people were killed in an attack on the market.", "190"),
        ("Three people were killed in the shelling of the town.", "190"),
        ("Five people were killed in a bombing.", "190"),
        ("Three people were killed in a car bomb explosion.", "190"),
        ("Two soldiers were killed when a roadside bomb exploded.", "190"),
        ("Two people were killed by Israeli fire.", "190"),  # shooting, not a blaze
        ("Two men were killed by rebels and three injured in the crash.", "190"),
        ("Two men were killed in an air strike and three injured in the crash.", "190"),
        ("Three people were killed and five wounded in an air strike.", "190"),
        ("Three killed in air strike", "190"),
        ("Five killed by gunmen in Kabul", "190"),
        ("Two soldiers were reported killed by rebels.", "190"),
    ],
)
def test_a_killing_done_by_someone_or_in_violence_stays_force(nlp, text, code):
    found = events_of(nlp, text)
    one(found, code, trigger="killed")
    assert not [e for e in found if e.code == "W43"]


def test_a_participle_with_an_auxiliary_of_its_own_keeps_its_own_happening(nlp):
    found = events_of(nlp, "Two were wounded by gunmen and three were killed in the crash.")
    one(found, "W43", trigger="killed")
    one(found, "W44", trigger="wounded", actor_text="gunmen")


def test_a_participle_after_and_without_its_auxiliary_is_its_own_clause_not_a_doer(nlp):
    found = events_of(nlp, "Two men were killed by rebels and three injured in the crash.")
    assert [event.actor_text for event in found if event.code == "190"] == ["rebels"]
    one(found, "W44", trigger="injured")
    wounded = events_of(nlp, "Two men were killed by rebels and 20 people wounded in the attack.")
    one(wounded, "W44", trigger="wounded", target_text="20 people")


def test_a_headline_participle_has_its_agent_for_actor(nlp):
    found = events_of(nlp, "Five killed by gunmen in Kabul")
    one(found, "190", trigger="killed", actor_text="gunmen")


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Four climbers were feared killed in the avalanche.", "killed"),
        ("Four climbers were feared dead.", "feared"),
    ],
)
def test_a_death_feared_is_a_death_considered(nlp, text, trigger):
    found = events_of(nlp, text)
    assert one(found, "W43", trigger=trigger).modality == Modality.CONSIDERED
    assert not [e for e in found if e.code == "190"]


def test_what_a_feared_death_came_in_happened(nlp):
    found = events_of(nlp, "Four climbers were feared killed in the avalanche.")
    assert one(found, "W43", trigger="killed").modality_trigger == "feared"
    assert one(found, "W41", trigger="avalanche").modality == Modality.HAPPENED


def test_a_statement_beside_the_saying_it_records_is_one_event(nlp):
    found = events_of(nlp, "In a statement, the group said the allegations were baseless.")
    assert [e.trigger for e in found] == ["said"]


def test_where_one_goes_is_no_happening_but_why_may_be(nlp):
    checked = events_of(nlp, "Lohan had checked into a rehab on Thursday.")
    assert [e.code for e in checked] == ["W71"]
    arrived = events_of(nlp, "Schettino arrived for his trial on Tuesday.")
    one(arrived, "W61", trigger="trial")


def test_a_report_of_shopping_is_a_statement(nlp):
    found = events_of(nlp, "He told the judge that she was buying gadgets at a store.")
    one(found, "010", trigger="told")
    assert not [e for e in found if e.code == "W11"]


def test_who_speaks_is_not_what_is_said(nlp):
    found = events_of(
        nlp, '"They are striking our children," said the father, whose baby was wounded.'
    )
    one(found, "010", trigger="said")


def test_a_quantity_noun_lets_its_of_object_be_the_object(nlp):
    one(events_of(nlp, "She spent a couple of minutes at the clinic."), "W71", trigger="spent")


def test_a_judge_signing_an_order_is_a_ruling(nlp):
    one(events_of(nlp, "A judge signed an order on Friday allowing the move."), "W62")
