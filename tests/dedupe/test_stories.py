"""Pure story clustering: features, the combined match, the window and online clustering."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pipeline.dedupe import stories
from tests.support.stories import RETOLD, STORY, T0, UNRELATED

WEIGHTS = stories.StoryWeights(text=0.5, entities=0.3, events=0.2)
WINDOW = timedelta(hours=72)


def _features(article_id: int, paragraphs: list[str], **fields: object) -> stories.StoryFeatures:
    vector = stories.vector(stories.terms("", " ".join(paragraphs)))
    values: dict[str, object] = {"vector": vector} | fields
    return stories.StoryFeatures(article_id, **values)  # type: ignore[arg-type]


def test_terms_drop_stop_and_reporting_words_and_have_unit_length():
    weights = stories.terms("Moon station", "The agency said on Tuesday that the Moon is far.")
    assert set(weights) == {"moon", "station", "far"}
    assert weights["moon"] > weights["far"]
    assert sum(value * value for value in weights.values()) == pytest.approx(1.0)


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


def test_best_match_respects_threshold_and_window():
    story = _features(1, STORY, published_at=T0, story_id=7)
    retold = _features(2, RETOLD, published_at=T0 + timedelta(hours=5))
    found = stories.best_match(retold, [story], WEIGHTS, 0.1, WINDOW)
    assert found is not None
    assert found.other.story_id == 7
    assert stories.best_match(retold, [story], WEIGHTS, found.score + 0.01, WINDOW) is None
    late = _features(3, RETOLD, published_at=T0 + timedelta(days=5))
    assert stories.best_match(late, [story], WEIGHTS, 0.1, WINDOW) is None


def test_cluster_joins_retellings_and_separates_other_news():
    articles = [_features(0, STORY), _features(1, UNRELATED), _features(2, RETOLD)]
    assert stories.cluster(articles, WEIGHTS, 0.15, WINDOW) == [0, 1, 0]


def test_top_terms_are_the_heaviest_words():
    weights = stories.terms("Lunar station", "lunar lunar station moon")
    assert stories.top_terms(weights, 2) == ["lunar", "station"]


def test_packed_vectors_come_back_equal():
    vector = stories.vector(stories.terms("Lunar station", " ".join(STORY)))
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
