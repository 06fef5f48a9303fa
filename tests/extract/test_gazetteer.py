import pytest

from pipeline.extract.gazetteer import fold, gazetteer


@pytest.mark.parametrize(
    ("name", "geonames_id"),
    [
        ("Russia", 2017370),
        ("Russian Federation", 2017370),
        ("People's Republic of China", 1814991),
        ("U.S.", 6252001),
        ("United States of America", 6252001),
        ("MOSCOW", 524901),
        ("St. Petersburg", 498817),
    ],
)
def test_names_resolve_to_geonames(name, geonames_id):
    place = gazetteer().resolve(name)
    assert place is not None
    assert place.geonames_id == geonames_id


def test_spelling_variants_fold_together():
    assert fold("St. Petersburg") == fold("Saint Petersburg") == fold("saint  petersburg")
    assert fold("the Netherlands") == fold("Netherlands")


def test_context_country_does_not_pull_a_capital_to_a_small_town():
    place = gazetteer().resolve("Moscow", context={"US"})
    assert place is not None
    assert place.country_code == "RU"  # Moscow, Idaho has 25,000 people


def test_nearby_feature_wins_over_a_bigger_namesake():
    dallas = gazetteer().resolve("Dallas")
    place = gazetteer().resolve("Paris", near=dallas)
    assert place is not None
    assert (place.country_code, place.name) == ("US", "Paris")


def test_country_carries_iso_code_and_feature_class():
    china = gazetteer().country("cn")
    assert china is not None
    assert (china.geonames_id, china.feature_class) == (1814991, "A")


def test_alternate_names_are_not_primary_names():
    assert gazetteer().is_known("Hamas")  # an alternate name of Hamm, Germany
    assert not gazetteer().is_primary_name("Hamas")
    assert gazetteer().resolve("Xyzzyville") is None
