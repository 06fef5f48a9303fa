"""Wire-scheme events, reports as attribution, pronouns resolved, acts told from non-acts,
dates of their own clause: made-up sentences in the style of 1987 business wire copy (the
Standard Oil one is the Reuters-21578 sample's)."""

import datetime as dt
from datetime import UTC, datetime

import pytest

from pipeline.extract import extract_article
from pipeline.extract.coreference import PRONOUNS
from pipeline.schemas import Article, Extraction, Modality
from tests.extract.test_events import one

REUTERS_DAY = datetime(1987, 3, 2, 15, tzinfo=UTC)


def extracted(nlp, *paragraphs: str) -> Extraction:
    article = Article(
        format="test", item_key="test", headline="test", paragraphs=list(paragraphs),
        published_at=REUTERS_DAY, agency="Reuters",
    )  # fmt: skip
    return extract_article(article, nlp)


def key_of(extraction: Extraction, written: str) -> str:
    """The entity of a name as written (the canonical name may drop "Corp", "Inc"; a mention
    may hold the sentence's full stop)."""
    (key,) = {m.entity_key for m in extraction.mentions if m.text.rstrip(".") == written}
    return key


def test_said_reporting_a_venture_is_its_attribution(nlp):
    found = extracted(
        nlp,
        "Standard Oil Co and BP North America Inc said they plan to form a venture to manage "
        "the money market borrowing and investment activities of both companies.",
    )
    oil, bp = key_of(found, "Standard Oil Co"), key_of(found, "BP North America Inc")
    assert {e.code for e in found.events} == {"W13"}
    assert {(e.actor_key, e.target_key) for e in found.events} == {(oil, bp), (bp, oil)}
    for event in found.events:
        assert (event.scheme, event.quad_class) == ("wire", None)
        assert event.modality is Modality.PLANNED
        assert event.attribution == "Standard Oil Co and BP North America Inc"


def test_a_bare_statement_stays_a_statement(nlp):
    found = extracted(nlp, "Currency dealers said trading was quiet ahead of the figures.")
    event = one(found.events, "010", trigger="said")
    assert event.scheme == "cameo"


@pytest.mark.parametrize(
    "text",
    [
        "The storm toppled a tower supporting power lines near Denver.",
        "The loan carries interest at London Interbank Offered Rates plus 1/8 pct.",
        "A committee was charged with elaborating measures to curb imports.",
    ],
)
def test_words_that_are_no_acts_are_not_coded(nlp, text):
    assert not [e for e in extracted(nlp, text).events if e.code in ("051", "030", "173")]


def test_a_charge_of_a_crime_is_an_arrest(nlp):
    found = extracted(nlp, "Police charged John Smith with murder on Friday.")
    assert one(found.events, "173").target_key == key_of(found, "John Smith")


def test_business_happenings_are_coded_in_the_wire_scheme(nlp):
    found = extracted(
        nlp,
        "General Motors Corp acquired Hughes Aircraft Co on Friday.",
        "Chrysler Corp reported a net profit of 1.2 billion dlrs for 1986.",
    )
    acquired = one(found.events, "W11")
    assert (acquired.actor_key, acquired.target_key) == (
        key_of(found, "General Motors Corp"),
        key_of(found, "Hughes Aircraft Co"),
    )
    assert acquired.date == dt.date(1987, 2, 27)
    assert one(found.events, "W14").actor_key == key_of(found, "Chrysler Corp")


def test_pronouns_and_nominals_resolve_or_stay_empty(nlp):
    found = extracted(
        nlp,
        "Texaco Inc said it acquired Getty Oil Co.",
        "The company also said its board approved a dividend.",
        "We will fight the ruling, a spokesman said.",
    )
    texaco = key_of(found, "Texaco Inc")
    assert one(found.events, "W11").actor_key == texaco
    assert {e.actor_text for e in found.events} & PRONOUNS == set()
    assert one(found.events, "051").actor_text == "Texaco Inc's board"
    assert one(found.events, "051").attribution == "Texaco Inc"


def test_a_day_and_month_takes_the_nearest_year_future_included(nlp):
    found = extracted(nlp, "The company will pay the dividend to holders of record March 18.")
    assert one(found.events, "W15").date == dt.date(1987, 3, 18)


def test_a_date_of_the_reporting_clause_is_not_the_events(nlp):
    found = extracted(nlp, "Texaco Inc said on Friday that it had acquired Getty Oil Co.")
    assert one(found.events, "W11").date is None


def test_sentences_end_at_paragraph_breaks(nlp):
    found = extracted(nlp, "SHELL OIL CO", "Exxon Corp acquired a refinery in Texas.")
    event = one(found.events, "W11")
    assert event.actor_key == key_of(found, "Exxon Corp")
    assert found.events[0].start >= len("SHELL OIL CO\n\n")


def test_markup_never_reaches_a_name(nlp):
    found = extracted(nlp, "Standard Oil Co <SRD> acquired a refinery in Ohio.")
    assert "<" not in (one(found.events, "W11").actor_text or "")


def test_an_appointment_with_the_post_beside_the_person(nlp):
    found = extracted(nlp, "Sears Roebuck and Co said it named John Smith president of a unit.")
    (event,) = found.events
    assert (event.code, event.scheme) == ("W21", "wire")
    assert (event.actor_key, event.target_key) == (
        key_of(found, "Sears Roebuck and Co"),
        key_of(found, "John Smith"),
    )
    assert event.attribution == "Sears Roebuck and Co"


@pytest.mark.parametrize(
    "text",
    [
        "Tens of millions of people escaped poverty as the economy boomed.",
        "His net worth shot up 2,000 pct in recent years.",
    ],
)
def test_senses_that_are_no_crime_are_not_coded(nlp, text):
    assert not [e for e in extracted(nlp, text).events if e.code.startswith("W5")]


def test_a_past_verb_keeps_its_day_and_month_in_the_past(nlp):
    found = extracted(nlp, "John Smith crashed his car on December 8.", "He died on March 28.")
    assert one(found.events, "W42").date == dt.date(1986, 12, 8)
    assert one(found.events, "W43").date == dt.date(1986, 3, 28)


def test_commercial_senses_of_offer_and_meet(nlp):
    found = extracted(
        nlp,
        "The new workstation offers reliability and meets the needs of engineers.",
        "Texaco Inc offered 20 dlrs a share for Getty Oil Co.",
        "France offered to mediate between the parties.",
    )
    assert {e.code for e in found.events} == {"W11", "045"}
    assert one(found.events, "W11").target_key == key_of(found, "Getty Oil Co")
    assert one(found.events, "045").modality is Modality.PLANNED


def test_deaths_a_disaster_causes_are_deaths_not_fighting(nlp):
    found = extracted(
        nlp,
        "An earthquake struck northern Japan on Sunday, killing three people.",
        "Rebels killed five soldiers.",
    )
    assert one(found.events, "W41").date == dt.date(1987, 3, 1)
    assert one(found.events, "W43").trigger == "killing"
    assert one(found.events, "19").trigger == "killed"


def test_the_group_is_the_organisation_named_with_that_noun(nlp):
    found = extracted(
        nlp,
        "The Adani group decided not to proceed with a bond offering.",
        "Adani Renewables announced the decision to the National Stock Exchange.",
        "In a statement, the group said it acquired a port in Haifa.",
    )
    assert one(found.events, "W11").actor_key == key_of(found, "Adani")


def test_an_open_question_is_considered_not_happened(nlp):
    found = extracted(nlp, "The army did not say whether John Smith was arrested.")
    assert one(found.events, "173").modality is Modality.CONSIDERED


def test_sport_and_purpose_are_no_military_acts(nlp):
    found = extracted(
        nlp,
        "The Diamondbacks captured all four of their games against the Houston Astros.",
        "ASADA announced initiatives to protect the integrity of the race.",
        "Rebels captured the town of Goma.",
    )
    assert {e.code for e in found.events} == {"W72", "010", "192"}
