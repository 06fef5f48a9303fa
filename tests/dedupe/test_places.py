"""Places named in a text, in any language, and when two sets of them agree."""

from __future__ import annotations

from pipeline.dedupe import places


def _countries(text: str, code: str) -> set[str]:
    return {country for _, _, country in places.find_places(text, code)}


def test_places_are_found_under_the_names_of_the_texts_language():
    found = places.find_places("Ein Erdbeben hat die Region um Tokio und Sendai erschüttert.", "de")
    assert len(found) == 2
    assert _countries("Ein Erdbeben erschütterte Malatya.", "de") == {"TR"}
    assert _countries("Die Straßenbahn in München ist entgleist.", "de") == {"DE"}


def test_stop_words_small_alternates_and_lower_case_words_are_not_places():
    # "Auch" (a French town), "Kosten" (an alternate name of a small Polish one), "paris".
    assert places.find_places("Auch die Kosten stiegen, sagte er in paris.", "de") == frozenset()


def test_places_agree_when_near_or_in_a_named_country():
    berlin = places.find_places("Berlin", "de")
    moabit = places.find_places("Moabit", "de")
    munich = places.find_places("München", "de")
    germany = places.find_places("Germany", "en")
    assert places.agree(berlin, moabit)
    assert not places.agree(berlin, munich)
    assert places.agree(munich, germany)
    assert places.agree(frozenset(), munich)  # one names no place: nothing to disagree on


def test_a_region_is_not_taken_for_its_whole_country():
    """A region has no point to measure from; as its country it would make a Munich match agree
    with one in Freiburg because both reports name Bavaria or Baden-Württemberg."""
    assert places.find_places("Bayern", "de") == frozenset()
    munich = places.find_places("Bayern spielt in München", "de")
    freiburg = places.find_places("Bayern verliert nicht in Freiburg", "de")
    assert not places.agree(munich, freiburg)


def test_packed_places_come_back_equal():
    found = places.find_places("Talks in Paris and Vienna, then in Germany", "en")
    assert len(found) == 3
    assert places.unpack(places.pack(found)) == found
    assert places.unpack(places.pack(frozenset())) == frozenset()
