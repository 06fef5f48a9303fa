"""The Interfax seed article: people with roles, organisations with aliases, places in GeoNames."""

import pytest

from pipeline.extract.entities import FoundEntities, find_entities
from pipeline.formats import parse_bytes
from pipeline.schemas import Entity, EntityKind, Mention
from tests.corpus import SEED


@pytest.fixture(scope="module")
def found(nlp) -> FoundEntities:
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    return find_entities(nlp(article.body), article)


def entity(found: FoundEntities, key: str) -> Entity:
    matches = [e for e in found.entities if e.key == key]
    assert matches, f"{key} not among {sorted(e.key for e in found.entities)}"
    return matches[0]


def mentions(found: FoundEntities, key: str) -> list[Mention]:
    return [m for m in found.mentions if m.entity_key == key]


@pytest.mark.parametrize(
    ("key", "role", "affiliation"),
    [
        ("person:dmitry-rogozin", "General Director", "organization:roscosmos"),
        ("person:zhang-kejian", "head", "organization:cnsa"),
        ("person:zhang-hanhui", "Ambassador", "geonames:1814991"),
        ("person:mikhail-mishustin", "Prime Minister", None),
    ],
)
def test_people_with_roles(found, key, role, affiliation):
    first = mentions(found, key)[0]
    assert entity(found, key).kind is EntityKind.PERSON
    assert (first.role, first.affiliation_key) == (role, affiliation)


def test_titles_are_not_part_of_names(found):
    people = {e.name for e in found.entities if e.kind is EntityKind.PERSON}
    assert people == {"Dmitry Rogozin", "Zhang Kejian", "Zhang Hanhui", "Mikhail Mishustin"}


def test_surname_resolved_to_full_name(found):
    texts = [m.text for m in mentions(found, "person:dmitry-rogozin")]
    assert texts.count("Rogozin") == 4
    assert "person:rogozin" not in {e.key for e in found.entities}


@pytest.mark.parametrize(
    ("key", "alias"),
    [
        ("organization:roscosmos", "Roscosmos State Corporation"),
        ("organization:cnsa", "China National Space Administration"),
        ("organization:interfax", None),
    ],
)
def test_organisations(found, key, alias):
    org = entity(found, key)
    assert org.kind is EntityKind.ORGANIZATION
    assert alias is None or alias in org.aliases


def test_roscosmos_is_an_organisation_everywhere(found):
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    starts = {m.start for m in mentions(found, "organization:roscosmos")}
    occurrences = {i for i in range(len(article.body)) if article.body.startswith("Roscosmos", i)}
    assert starts == occurrences  # "Roscosmos-CNSA" and "Roscosmos'" included


@pytest.mark.parametrize(
    ("key", "name", "country"),
    [
        ("geonames:2017370", "Russia", "RU"),
        ("geonames:1814991", "China", "CN"),
        ("geonames:6252001", "United States", "US"),
        ("geonames:498817", "Saint Petersburg", "RU"),
    ],
)
def test_places_linked_to_geonames(found, key, name, country):
    place = entity(found, key)
    assert (place.kind, place.name, place.country_code) == (EntityKind.LOCATION, name, country)
    assert mentions(found, key)


def test_official_names_reach_the_country(found):
    assert {"Russian Federation", "Russia"} <= {m.text for m in mentions(found, "geonames:2017370")}
    assert "People's Republic of China" in {m.text for m in mentions(found, "geonames:1814991")}


def test_demonym_counts_only_where_it_stands_for_the_state(found):
    demonyms = [m.text for m in found.mentions if m.text in {"Russian", "Chinese"}]
    assert demonyms == ["Russian"]  # "the Russian government"; "Chinese Ambassador" is a role


def test_dateline_place_without_mention(found):
    moscow = found.dateline_place
    assert moscow is not None
    assert (moscow.key, moscow.country_code, moscow.feature_class) == ("geonames:524901", "RU", "P")
    assert moscow in found.entities
    assert not mentions(found, moscow.key)  # the dateline is stripped from the body


@pytest.mark.parametrize("name", ["International Lunar Research Station", "Gateway"])
def test_named_things_are_misc_not_places(found, name):
    (thing,) = [e for e in found.entities if e.name == name]
    assert thing.kind is EntityKind.MISC


def test_acronym_and_long_form_share_the_key(found):
    station = entity(found, "misc:international-lunar-research-station")
    assert "ILRS" in station.aliases
    assert {"ILRS", "international lunar research station"} <= {
        m.text for m in mentions(found, station.key)
    }


@pytest.mark.parametrize("text", ["Twitter", "Moon", "Gateway"])
def test_not_people(found, text):
    people = {e.key for e in found.entities if e.kind is EntityKind.PERSON}
    assert all(m.entity_key not in people for m in found.mentions if m.text == text)


def test_offsets_point_into_the_body(found):
    (article,) = parse_bytes(SEED.read_bytes(), SEED.name)
    assert all(article.body[m.start : m.end] == m.text for m in found.mentions)
