"""Pure story clustering: features, the combined match, the window and online clustering."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.dedupe import stories
from pipeline.schemas import Entity, EntityKind
from tests.support.stories import RETOLD, STORY, T0, UNRELATED

WEIGHTS = stories.StoryWeights(text=0.5, entities=0.3, events=0.2)
WINDOW = timedelta(hours=72)


def _features(article_id: int, paragraphs: list[str], **fields: object) -> stories.StoryFeatures:
    vector = stories.vector(stories.terms("", " ".join(paragraphs), "en").weights)
    values: dict[str, object] = {"vector": vector} | fields
    return stories.StoryFeatures(article_id, **values)  # type: ignore[arg-type]


def test_terms_drop_stop_and_reporting_words_and_have_unit_length():
    found = stories.terms("Moon stations", "The agency said on Tuesday that the Moon is far.", "en")
    assert set(found.weights) == {"moon", "station", "far"}
    assert found.words["station"] == "stations"  # what full-text search looks up
    assert found.weights["moon"] > found.weights["far"]
    assert sum(value * value for value in found.weights.values()) == pytest.approx(1.0)


def test_german_function_words_count_for_nothing_and_inflections_for_one():
    found = stories.terms(
        "Straßenbahn entgleist",
        "Die Straßenbahnen der Stadt sind am Montag wieder gefahren, wie ein Sprecher sagte.",
        "de",
    )
    assert found.language == "de"
    assert set(found.weights) == {"strassenbahn", "entgleist", "stadt", "gefahr", "sprech"}
    assert found.weights["strassenbahn"] > found.weights["stadt"]  # headline word, twice


def test_language_of_undeclared_text_is_guessed_from_its_stop_words():
    german = "Der Zug hielt nach dem Unfall auf der Strecke, und die Fahrgäste mussten warten."
    assert stories.terms("", german).language == "de"
    assert stories.terms("", german, "de-DE").language == "de"
    assert stories.terms("", " ".join(STORY)).language == "en"
    assert stories.terms("", "").language == "en"


def test_retold_story_is_closer_than_an_unrelated_one():
    story, retold = _features(1, STORY), _features(2, RETOLD)
    unrelated = _features(3, UNRELATED)
    assert (
        stories.match(retold, story, WEIGHTS).score
        > 3 * stories.match(unrelated, story, WEIGHTS).score
    )


def test_shared_entities_count_and_are_named():
    names = {"org:roscosmos": "Roscosmos", "org:cnsa": "CNSA"}
    story = _features(1, STORY, entities=frozenset(names))
    retold = _features(2, RETOLD, entities=frozenset({"org:roscosmos", "org:cnsa"}), names=names)
    text_only = stories.match(_features(2, RETOLD), story, WEIGHTS)
    found = stories.match(retold, story, WEIGHTS)
    assert found.score > text_only.score
    assert "entities 1.00 (CNSA, Roscosmos)" in found.reason
    assert "events" not in found.reason  # a signal neither side carries is left out


def test_places_are_no_entities_of_the_match_participants_are():
    """Places have their own check: a shared city alone says nothing of the happening."""
    munich = Entity(key="geonames:2867714", kind=EntityKind.LOCATION, name="München")
    union = Entity(key="organization:verdi", kind=EntityKind.ORGANIZATION, name="Verdi")
    assert stories.participants([munich, union]) == {"organization:verdi"}
    assert stories.participants([munich]) == frozenset()
    strike = _features(1, STORY, entities=stories.participants([munich, union]))
    tram = _features(2, RETOLD, entities=stories.participants([munich]))
    assert "entities" not in stories.match(tram, strike, WEIGHTS).reason  # not a full match


def test_best_match_respects_threshold_and_window():
    story = _features(1, STORY, published_at=T0)
    retold = _features(2, RETOLD, published_at=T0 + timedelta(hours=5))
    found = stories.best_match(retold, [story], {1: 7}, WEIGHTS, 0.1, WINDOW)
    assert found is not None
    assert found.story_id == 7
    assert found.other.article_id == 1
    higher = found.score + 0.01
    assert stories.best_match(retold, [story], {1: 7}, WEIGHTS, higher, WINDOW) is None
    late = _features(3, RETOLD, published_at=T0 + timedelta(days=5))
    assert stories.best_match(late, [story], {1: 7}, WEIGHTS, 0.1, WINDOW) is None
    assert stories.best_match(retold, [story], {}, WEIGHTS, 0.1, WINDOW) is None  # no story


def test_a_story_is_joined_by_its_average_not_by_its_closest_article():
    """One article of a flood story that also mentions the Moon must not pull Moon news in."""
    story = [_features(1, UNRELATED), _features(2, UNRELATED[::-1]), _features(3, STORY[:1])]
    one_story = {1: 9, 2: 9, 3: 9}
    retold = _features(4, RETOLD)
    closest = stories.similarity(retold, story[2], WEIGHTS)
    assert stories.best_match(retold, story[2:], one_story, WEIGHTS, closest, WINDOW)
    assert stories.best_match(retold, story, one_story, WEIGHTS, closest / 2, WINDOW) is None
    found = stories.best_match(retold, story, one_story, WEIGHTS, closest / 4, WINDOW)
    assert found is not None
    assert found.score == pytest.approx(closest / 3, abs=0.02)  # the flood texts share little
    assert found.other.article_id == 3
    assert "over the story's 3 article(s)" in found.reason


def test_story_articles_not_among_the_candidates_count_as_unrelated():
    story, retold = _features(1, STORY), _features(2, RETOLD)
    alone = stories.best_match(retold, [story], {1: 5}, WEIGHTS, 0.0, WINDOW)
    assert alone is not None
    four = stories.best_match(retold, [story], {1: 5}, WEIGHTS, 0.0, WINDOW, sizes={5: 4})
    assert four is not None
    assert four.score == pytest.approx(alone.score / 4)


def test_cluster_joins_retellings_and_separates_other_news():
    articles = [_features(0, STORY), _features(1, UNRELATED), _features(2, RETOLD)]
    assert stories.cluster(articles, WEIGHTS, 0.15, WINDOW) == [0, 1, 0]


def test_top_terms_are_words_of_the_heaviest_stems():
    found = stories.terms("Lunar stations", "lunar lunar station moon", "en")
    assert stories.top_terms(found, 2) == ["lunar", "stations"]


def test_among_words_of_equal_weight_the_longer_are_looked_up():
    """Short copy names most words once: the cut falls among equals, where a longer word is
    the rarer one (the alphabet took "Arbeitgeberverbände" and "BDA" over "Rentenpaket")."""
    found = stories.terms("", "BDA Prozent Rentenpaket Arbeitgeberverbände", "de")
    assert len(set(found.weights.values())) == 1
    assert stories.top_terms(found, 2) == ["arbeitgeberverbände", "rentenpaket"]


def test_packed_vectors_come_back_equal():
    vector = stories.vector(stories.terms("Lunar station", " ".join(STORY), "en").weights)
    assert stories.unpack(stories.pack(vector)) == vector
    assert stories.unpack(stories.pack({})) == {}


def test_a_score_depends_on_the_two_articles_only_not_on_the_others_compared():
    article = _features(0, STORY)
    others = [_features(1, RETOLD), _features(2, UNRELATED), _features(3, []), _features(4, STORY)]
    together = stories.similarities(article, others, WEIGHTS)
    assert stories.similarities(article, others[::-1], WEIGHTS)[::-1] == together
    assert [stories.similarity(article, other, WEIGHTS) for other in others] == together
    assert together[3] == pytest.approx(1.0)  # the same text
    assert together[2] == 0.0  # no words at all
    assert stories.similarities(_features(5, []), others, WEIGHTS) == [0.0] * 4


def _quake(article_id: int, place: str) -> stories.StoryFeatures:
    body = f"A strong earthquake struck {place} on Monday, destroying buildings and roads."
    found = stories.terms("Earthquake", body, "en")
    return stories.StoryFeatures(
        article_id,
        stories.vector(found.weights),
        places=stories.places_named("Earthquake", body, found),
    )


def test_two_happenings_of_one_kind_far_apart_are_less_alike_than_the_words_say():
    weights = stories.StoryWeights(text=0.5, entities=0.3, events=0.2, elsewhere=0.4)
    malatya, ankara = _quake(1, "Malatya"), _quake(2, "Malatya and Ankara")
    osaka = _quake(3, "Osaka")
    words_only = stories.text_cosines(malatya, [osaka])[0]
    found = stories.match(osaka, malatya, weights)
    assert found.score == pytest.approx(0.4 * words_only)
    assert "places far apart (x0.4)" in found.reason
    assert stories.match(ankara, malatya, weights).score > 2 * found.score  # a place shared


def test_search_words_are_lower_case_as_postgres_simple_search_keeps_them():
    found = stories.terms("Straße gesperrt", "Die STRASSE bleibt gesperrt.", "de")
    assert found.weights.keys() == {"strass", "gesperrt", "bleibt"}  # one stem for both
    assert set(stories.top_terms(found, 3)) == {"straße", "gesperrt", "bleibt"}
