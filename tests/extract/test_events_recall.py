"""Recall of the acts news copy tells: reports kept as attribution triggers, and the lexicon's
personal-life, legal, entertainment and disaster words, each with sentences that must code and
sentences that must not (business copy must not gain junk events)."""

from __future__ import annotations

import pytest

from tests.extract.test_events import events_of, extraction_of, one


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


def test_an_owned_event_noun_is_coded_with_its_owner_as_the_one_it_was_done_to(nlp):
    found = events_of(nlp, "Lindsay Lohan arrived in court on Friday after her arrest in March.")
    arrest = one(found, "173", trigger="arrest")
    assert (arrest.actor_text, arrest.target_text) == (None, "Lindsay Lohan")


def test_an_event_noun_that_times_a_clause_is_coded(nlp):
    found = events_of(nlp, "Shares of Getty Oil rose sharply after the merger.")
    assert one(found, "W12", trigger="merger").actor_text is None


def test_a_lone_noun_that_times_a_report_is_not_what_was_reported(nlp):
    text = "Heller told a judge during a hearing that Lohan had checked into a clinic."
    hearing = one(events_of(nlp, text), "W61", trigger="hearing")
    assert hearing.attribution is None
    assert hearing.attribution_trigger is None


@pytest.mark.parametrize(
    "text",
    [
        "Its earnings fell after the strike.",  # a strike may be a thing; not marked "alone"
        "She left her phone at home.",
        "The film's release was delayed until May.",
    ],
)
def test_nouns_that_may_name_things_need_a_verb_to_carry_them(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code in ("143", "041", "084")]


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The actress went to a clinic in Malibu on Tuesday.", "went"),
        ("Lindsay Lohan spent time at the Betty Ford Center in 2010.", "spent"),
        ("Lindsay Lohan made it to the new facility late Thursday.", "made"),
        ("Tara Reid entered a treatment centre in Malibu.", "entered"),
        ("The singer flew to Los Angeles on Monday.", "flew"),
    ],
)
def test_a_person_going_or_staying_somewhere_is_coded(nlp, text, trigger):
    one(events_of(nlp, text), "W71", trigger=trigger)


@pytest.mark.parametrize(
    "text",
    [
        "The contract went to Boeing Co last year.",
        "Prices remained at 5 dlrs a barrel.",
        "Texaco spent 10 mln dlrs on the plant.",
        "Profit made it to a record.",
        "The bank entered the mortgage market in May.",
        "He entered a plea of not guilty.",
    ],
)
def test_things_that_go_or_stay_are_no_persons_moving(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code == "W71"]


def test_a_role_in_a_film_is_a_performance_but_a_court_appearance_is_not(nlp):
    one(events_of(nlp, "Reid starred in the 1999 movie American Pie."), "W73", trigger="starred")
    one(events_of(nlp, "Depp appeared on the Tonight Show on Monday."), "W73")
    assert not [e for e in events_of(nlp, "She appeared in court on Monday.") if e.code == "W73"]
    assert not [
        e for e in events_of(nlp, "The report appeared in the Journal.") if e.scheme == "wire"
    ]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("He pleaded guilty to fraud on Monday.", "W61"),
        ("Tom Cruise married Katie Holmes in Italy.", "W74"),
        ("A prosecutor objected to the choice of the clinic.", "111"),
        ("Her rep confirmed the news.", "010"),
        ("The patient was admitted to hospital on Sunday.", "W44"),
        ("A strong earthquake jolted the island on Sunday.", "W41"),
    ],
)
def test_legal_personal_and_statement_verbs_are_coded(nlp, text, code):
    one(events_of(nlp, text), code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The singer released her third album in May.", "W17"),
        ("Brad Pitt split from Angelina Jolie in 2016.", "W74"),
        ("She recovered from surgery in a Paris clinic.", "W44"),
    ],
)
def test_entertainment_and_personal_life_verbs_are_coded(nlp, text, code):
    one(events_of(nlp, text), code)


@pytest.mark.parametrize(
    "text",
    [
        "Shares recovered from early losses.",
        "The company split from its parent in 1986.",
        "The bank released its annual report on Monday.",
    ],
)
def test_business_subjects_do_not_recover_or_split_like_people(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code in ("W44", "W74", "W17")]


def test_the_verb_that_makes_an_event_planned_is_kept_with_its_offset(nlp):
    text = "Lindsay Lohan decided to rehire her former attorney Shawn Holley."
    event = one(events_of(nlp, text), "W21")
    assert event.modality.value == "planned"
    assert (event.modality_trigger, event.modality_trigger_start) == ("decided", 14)


@pytest.mark.parametrize(
    "text",
    [
        "Russia will sign the treaty in May.",  # an auxiliary is no act
        "Russia is going to sign the treaty in May.",
        "Police did not arrest the men.",  # a "not" neither
        "Police said the men face the possibility of arrest after the raid.",  # nor a noun
    ],
)
def test_function_words_and_nouns_are_no_modality_trigger(nlp, text):
    found = events_of(nlp, text)
    assert found
    assert {e.modality_trigger for e in found} == {None}


def test_performing_a_task_is_no_show(nlp):
    one(events_of(nlp, "Madonna performed at the Super Bowl in 2012."), "W73")
    for text in (
        "Doctors performed surgery on the actor on Friday.",
        "The clinic is not licensed to perform the treatment.",
    ):
        assert not [e for e in events_of(nlp, text) if e.code == "W73"]


def test_a_person_shopping_is_no_acquisition(nlp):
    text = "Lindsay Lohan was buying gadgets at an electronics store in Fountain Valley."
    assert not [e for e in events_of(nlp, text) if e.code == "W11"]
    one(events_of(nlp, "Warren Buffett bought a 10 pct stake in the bank."), "W11")
    one(events_of(nlp, "General Motors Corp bought two plants in Ohio."), "W11")


@pytest.mark.parametrize(
    "text",
    [
        "The R7610 supports up to three graphics cards.",
        "The new technology helps engineers render models faster.",
        "IT managers can deploy the workstations in a data centre.",
    ],
)
def test_products_and_technologies_are_no_parties(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code.startswith(("05", "07", "15"))]


def test_parties_still_support_help_and_deploy(nlp):
    one(events_of(nlp, "The French government supports the plan."), "051")
    one(events_of(nlp, "The United Nations helped refugees in Syria."), "07")
    one(events_of(nlp, "Russia deployed troops to the border."), "154")


@pytest.mark.parametrize(
    "text",
    [
        "The actress was admitted to a hospital in Los Angeles on Monday.",
        "She admitted herself to a clinic in Malibu.",
        "Lohan was admitted to Cedars-Sinai on Friday.",
    ],
)
def test_admitted_to_a_place_of_care_is_treatment(nlp, text):
    one(events_of(nlp, text), "W44", trigger="admitted")


@pytest.mark.parametrize(
    "text",
    ["The banker admitted to insider trading on Monday.", "He admitted to lying to investigators."],
)
def test_admitting_to_a_deed_is_no_treatment(nlp, text):
    assert not [e for e in events_of(nlp, text) if e.code == "W44"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Maria Jensen will host the awards ceremony next year.", "W73"),
        ("Tom Lund hosted the National Film Awards in 2009.", "W73"),
        ("The president hosted the Chinese premier at the White House.", "043"),
    ],
)
def test_hosting_an_award_show_is_a_show_and_hosting_a_guest_a_visit(nlp, text, code):
    one(events_of(nlp, text), code)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("The comedian will host the Tony Awards in June.", "W73"),
        ("Maria Jensen will host the BAFTAs next year.", "W73"),
        ("Tom Lund hosted the Golden Globes telecast in January.", "W73"),
        ("The singer won an Emmy for the role.", "W72"),
        ("The novelist received the Booker Prize on Tuesday.", "W72"),
    ],
)
def test_a_named_ceremony_or_award_of_the_list_is_a_show_or_an_award(nlp, text, code):
    extraction = extraction_of(nlp, text)
    one(extraction.events, code)
    organisations = {e.key for e in extraction.entities if e.kind.value == "organization"}
    assert not [e for e in extraction.events if e.code == "043"]
    assert not {e.target_key for e in extraction.events} & organisations


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Made-up names on no list: the list, not the word's look, makes a show or an award.
        ("Maria Jensen will host the Quistons next year.", "W73"),
        ("The singer won an Emmett for the role.", "W72"),
        # A listed word as a person's first name is no award.
        ("The minister hosted Oscar Lund at the palace.", "W73"),
    ],
)
def test_a_name_off_the_list_is_no_show_nor_award(nlp, text, code):
    assert not [e for e in events_of(nlp, text) if e.code == code]
