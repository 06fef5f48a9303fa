"""Organisations from the text's own cues: legal forms, ticker markup, corporate relations."""

import pytest

from pipeline.extract import extract_article
from pipeline.extract.gazetteer import gazetteer
from pipeline.extract.organisations import category
from pipeline.extract.registry import is_listed_company
from pipeline.schemas import Entity, Extraction
from tests.extract.conftest import make_article


def extract(nlp, *paragraphs: str) -> Extraction:
    return extract_article(make_article(*paragraphs), nlp)


def entity_of(extraction: Extraction, text: str) -> Entity:
    (mention,) = [m for m in extraction.mentions if m.text == text]
    (entity,) = [e for e in extraction.entities if e.key == mention.entity_key]
    return entity


def test_ticker_marks_a_company_and_never_reaches_a_name(nlp):
    found = extract(
        nlp,
        "Standard Oil Co <SRD> and BP North America Inc said they plan to form a venture.",
        "BP North America is a subsidiary of British Petroleum Co Plc <BP>.",
    )
    assert not [m for m in found.mentions if "<" in m.text or "SRD" in m.text]
    standard = entity_of(found, "Standard Oil Co")
    assert (standard.key, standard.category) == ("organization:standard-oil", "company")
    assert entity_of(found, "British Petroleum Co Plc").name == "British Petroleum"


def test_bracketed_name_and_unit_of_are_organisations(nlp):
    found = extract(nlp, "<Comissaria Smith>, a unit of Cargill Inc, said the crop was unchanged.")
    assert entity_of(found, "Comissaria Smith").kind == "organization"
    assert entity_of(found, "Comissaria Smith").category == "company"
    assert {m.method for m in found.mentions if m.text == "Comissaria Smith"} == {"rule"}


def test_names_in_a_price_table_are_not_entities(nlp):
    found = extract(
        nlp,
        "Cocoa futures closed steady in London, dealers said.",
        "Month Close Previous",
        "Mar 48.0 47.5",
        "Jun 10.0 10.5",
        "Aug/Sept 51.5 51.0",
    )
    assert [m.text for m in found.mentions] == ["London"]


def test_a_region_is_not_a_person(nlp):
    assert gazetteer().is_region("Bahia")
    found = extract(nlp, "Showers continued throughout the week in Bahia, Temporao said.")
    bahia = entity_of(found, "Bahia")
    assert (bahia.kind, bahia.key, bahia.country_code) == ("location", "iso3166-2:BR-BA", "BR")


def test_kind_of_organisation_from_its_head_noun(nlp):
    found = extract(nlp, "The Zorvek Interior Ministry and Zorvek Athletic Club signed a deal.")
    categories = {e.name: e.category for e in found.entities if e.kind == "organization"}
    assert categories.get("Zorvek Interior Ministry") == "agency"


def test_listed_companies_from_the_registry(nlp):
    assert is_listed_company("Anglo American plc")
    assert not is_listed_company("Ford Motor Credit Union of Nowhere")
    found = extract(nlp, "Shares of Smith & Nephew rose after Deutsche Bank raised its target.")
    for name in ("Smith & Nephew", "Deutsche Bank"):
        entity = entity_of(found, name)
        assert (entity.kind, entity.category) == ("organization", "company")


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Zorvek Interior Ministry", "agency"),
        ("Ministère de l'Intérieur", "agency"),
        ("Banque de France", "institution"),
        ("Harvard University", "institution"),
        ("Manchester United", "team"),
        ("Cargill Inc", "company"),
        ("Deutsche Bank", "company"),
        ("Zorvek", None),
    ],
)
def test_kind_of_organisation(name, kind):
    assert category(name, marked=False) == kind
