"""General rules on made-up and ordinary text: nothing here relies on the seed's names."""

import pytest

from pipeline.extract.entities import FoundEntities, find_entities
from pipeline.schemas import EntityKind
from tests.extract.conftest import make_article


def run(nlp, *paragraphs: str, dateline: str | None = None) -> FoundEntities:
    article = make_article(*paragraphs, dateline_place=dateline)
    return find_entities(nlp(article.body), article)


def keys_of(found: FoundEntities, text: str) -> set[str]:
    return {m.entity_key for m in found.mentions if m.text == text}


def test_designator_makes_an_organisation_throughout(nlp):
    found = run(
        nlp,
        "Zorvek State Corporation Director General Ivan Petrov said on Monday that Zorvek "
        "would build a plant. Zorvek said talks were held in Berlin.",
    )
    assert keys_of(found, "Zorvek") == {"organization:zorvek"}
    (petrov,) = [m for m in found.mentions if m.text == "Ivan Petrov"]
    assert (petrov.role, petrov.affiliation_key) == ("Director General", "organization:zorvek")


def test_acronym_defined_in_brackets_links_both_forms(nlp):
    found = run(
        nlp,
        "The Northern Grain Board (NGB) raised its forecast. The NGB said exports would grow.",
    )
    assert keys_of(found, "NGB") == keys_of(found, "Northern Grain Board")
    assert keys_of(found, "NGB") == {"organization:northern-grain-board"}


def test_curated_acronym_and_full_name_reach_one_key(nlp):
    short = run(nlp, "NASA said the launch would slip to May.")
    full = run(nlp, "The National Aeronautics and Space Administration said the launch would slip.")
    assert keys_of(short, "NASA") == keys_of(full, "National Aeronautics and Space Administration")


def test_shared_surname_is_resolved_only_inside_its_article(nlp):
    first = run(nlp, "Finance Minister John Hartley resigned on Monday. Hartley denied wrongdoing.")
    second = run(nlp, "Singer Anna Hartley won the award. Hartley thanked her fans.")
    alone = run(nlp, "Mr. Hartley said the plan was sound, according to a statement.")
    assert keys_of(first, "Hartley") == {"person:john-hartley"}
    assert keys_of(second, "Hartley") == {"person:anna-hartley"}
    assert keys_of(alone, "Hartley") == {"person:hartley"}


def test_a_persons_surname_stays_the_person_where_the_model_reads_it_as_a_company(nlp):
    found = run(
        nlp,
        "Investor Harlan Keswick, who leads one of two groups bidding for Tarvel Broadcasting "
        "Inc, raised his offer by two dlrs a share. In a filing, Keswick, who controls Ostrava "
        "Theatres Inc, offered 42 dlrs a share. Keswick also raised the value of the preferred "
        "stock. The Keswick offer is made through Brandt Holdings Inc. Tarvel said it received "
        "revised bids from Keswick and a management group competing with Keswick. The Keswick "
        "group holds a 19.5 pct stake.",
    )
    assert keys_of(found, "Keswick") == {"person:harlan-keswick"}


def test_a_company_named_after_a_person_of_the_article_stays_a_company(nlp):
    """The organisation's name is vouched for by its legal form, whatever its founder's
    surname becomes."""
    found = run(
        nlp,
        "Henry Marlowe founded Marlowe Motor Co in 1903. Marlowe said on Monday that sales "
        "rose 12 pct. Marlowe shares gained 3 pct after the report.",
    )
    assert keys_of(found, "Marlowe Motor Co") == {"organization:marlowe-motor"}


@pytest.mark.parametrize(
    ("dateline", "geonames_id"),
    [("MOSCOW", 498817), ("TAMPA", 4171563)],
)
def test_ambiguous_place_follows_the_dateline_country(nlp, dateline, geonames_id):
    found = run(nlp, "Officials in St. Petersburg said the bridge would reopen.", dateline=dateline)
    assert keys_of(found, "St. Petersburg") == {f"geonames:{geonames_id}"}


def test_place_entity_carries_geonames_fields(nlp):
    found = run(nlp, "Protesters gathered in Berlin on Saturday.")
    (berlin,) = [e for e in found.entities if e.name == "Berlin"]
    assert (berlin.kind, berlin.country_code, berlin.feature_class) == (
        EntityKind.LOCATION,
        "DE",
        "P",
    )
    assert berlin.latitude == pytest.approx(52.52, abs=0.1)


def test_possessive_and_article_are_not_part_of_the_name(nlp):
    found = run(nlp, "The United Nations' envoy met Germany's foreign minister.")
    assert keys_of(found, "United Nations") == {"organization:un"}
    assert "Germany" in {m.text for m in found.mentions}


def test_honorific_stripped_from_the_name(nlp):
    found = run(nlp, "Mr. Kowalski and Dr. Anna Nowak arrived in Warsaw.")
    names = {e.name for e in found.entities if e.kind is EntityKind.PERSON}
    assert names == {"Kowalski", "Anna Nowak"}


@pytest.mark.parametrize(
    ("dateline", "country"),
    [("PARIS", "FR"), ("PARIS, Texas", "US"), ("Grosseto, Italy", "IT")],
)
def test_dateline_place_uses_the_region_written_after_the_town(nlp, dateline, country):
    found = run(nlp, "The council met on Monday.", dateline=dateline)
    assert found.dateline_place is not None
    assert found.dateline_place.country_code == country
    assert found.mentions == []


def test_institution_after_a_name_does_not_make_the_name_an_organisation(nlp):
    found = run(
        nlp,
        "President Joe Biden spoke on Monday. The Biden administration said Biden would travel.",
    )
    assert keys_of(found, "Biden") == {"person:joe-biden"}


def test_dateline_left_in_the_body_is_not_a_mention(nlp):
    article = make_article(
        "GROSSETO, Italy (AP) -- The trial of the captain began in Tuscany.",
        dateline_place="GROSSETO",
    ).model_copy(update={"dateline_text": "GROSSETO, Italy (AP) --"})
    found = find_entities(nlp(article.body), article)
    assert [m.text for m in found.mentions] == ["Tuscany"]


def test_every_entity_is_pointed_at(nlp):
    found = run(nlp, "Chinese scientists met Russian Ambassador Ivan Petrov in Berlin.")
    used = {m.entity_key for m in found.mentions} | {m.affiliation_key for m in found.mentions}
    assert {e.key for e in found.entities} <= used
    assert "geonames:1814991" not in used  # "Chinese scientists" do not stand for China
    assert "geonames:2017370" in used  # Russia, as the ambassador's affiliation
