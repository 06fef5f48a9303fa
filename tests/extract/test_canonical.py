import pytest

from pipeline.extract.canonical import (
    curated,
    entity_key,
    long_form_name,
    resolve_surname,
    slug,
    without_legal_form,
)
from pipeline.schemas import EntityKind


def test_keys_are_ascii_slugs():
    assert entity_key(EntityKind.PERSON, "Witold Bańka") == "person:witold-banka"
    assert slug("People's Republic") == "peoples-republic"


@pytest.mark.parametrize(
    ("name", "base"),
    [
        ("Roscosmos State Corporation", "Roscosmos"),
        ("DineEquity, Inc.", "DineEquity"),
        ("Dell Inc.", "Dell"),
        ("Corporation", "Corporation"),
    ],
)
def test_legal_forms_are_dropped(name, base):
    assert without_legal_form(name) == base


@pytest.mark.parametrize(
    "name", ["CNSA", "China National Space Administration", "china national space administration"]
)
def test_curated_names_and_aliases_share_the_canonical_name(name):
    listed = curated(name)
    assert listed is not None
    assert listed[0] == "CNSA"


def test_lower_case_long_form_becomes_a_title():
    assert long_form_name("international lunar research station") == (
        "International Lunar Research Station"
    )
    assert long_form_name("bank for international settlements") == (
        "Bank for International Settlements"
    )


def test_surname_resolves_only_when_unambiguous():
    assert resolve_surname("Rogozin", ["Dmitry Rogozin"]) == "Dmitry Rogozin"
    assert resolve_surname("Zhang", ["Zhang Kejian", "Zhang Hanhui"]) == "Zhang"
    assert resolve_surname("Smith", []) == "Smith"


def test_surname_with_a_particle_resolves_to_the_full_name_whatever_its_case():
    full = ["Osama bin Laden", "Charles de Gaulle"]
    assert resolve_surname("bin Laden", full) == "Osama bin Laden"
    assert resolve_surname("Bin Laden", full) == "Osama bin Laden"
    assert resolve_surname("de Gaulle", full) == "Charles de Gaulle"
    assert resolve_surname("Osama bin Laden", full) == "Osama bin Laden"  # itself, no longer one
    assert resolve_surname("Laden", ["Osama bin Laden", "Ali bin Laden"]) == "Laden"
