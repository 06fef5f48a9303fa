"""Happenings in story matching: two of one kind on days apart are two stories, one reported
on two days is one, and articles without dated happenings are compared as before."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from spacy.language import Language

from pipeline.dedupe import happenings, stories
from pipeline.evaluation.stories import story_features
from pipeline.extract import extract_article
from pipeline.schemas import DatePrecision, EventRecord, Modality
from pipeline.settings import get_settings
from tests.support.stories import MONDAY_FIRE, MONDAY_FIRE_RETOLD, WEDNESDAY_FIRE, Telling

WINDOW = timedelta(hours=72)
MONDAY = date(2021, 3, 8)


def _features(nlp: Language, tellings: list[Telling]) -> list[stories.StoryFeatures]:
    """The tellings' features as the pipeline computes them, from their extraction."""
    found = []
    for index, telling in enumerate(tellings):
        article = telling.article(f"test:{index}")
        found.append(story_features(index, article, extract_article(article, nlp)))
    return found


def _cluster(features: list[stories.StoryFeatures], weights: stories.StoryWeights) -> list[int]:
    return stories.cluster(features, weights, get_settings().story_threshold, WINDOW)


def _undated(telling: Telling) -> Telling:
    """The telling without the day of its happening."""
    paragraphs = [
        text.replace(" on Monday night", "").replace(" on Monday", "").replace(" on Wednesday", "")
        for text in telling.paragraphs
    ]
    return replace(telling, paragraphs=paragraphs)


def test_two_fires_in_one_city_two_days_apart_are_two_stories(nlp: Language):
    weights = stories.StoryWeights.from_settings(get_settings())
    monday, wednesday = _features(nlp, [MONDAY_FIRE, WEDNESDAY_FIRE])
    assert _cluster([monday, wednesday], weights) == [0, 1]
    found = stories.match(wednesday, monday, weights)
    assert "happened on days apart" in found.reason
    # Their words, place and entities alone make them one story.
    assert _cluster([monday, wednesday], replace(weights, other_day=1.0)) == [0, 0]


def test_one_fire_reported_on_two_days_is_one_story_and_the_other_fire_another(nlp: Language):
    weights = stories.StoryWeights.from_settings(get_settings())
    features = _features(nlp, [MONDAY_FIRE, MONDAY_FIRE_RETOLD, WEDNESDAY_FIRE])
    assert features[0].happenings & features[1].happenings  # one kind on one day
    assert _cluster(features, weights) == [0, 0, 2]


def test_articles_without_dated_happenings_are_compared_as_before(nlp: Language):
    weights = stories.StoryWeights.from_settings(get_settings())
    features = _features(nlp, [_undated(MONDAY_FIRE), _undated(WEDNESDAY_FIRE)])
    assert not any(article.happenings for article in features)
    without_days = replace(weights, other_day=1.0)
    assert stories.similarities(features[1], features[:1], weights) == stories.similarities(
        features[1], features[:1], without_days
    )
    assert _cluster(features, weights) == [0, 0]


def _event(code: str, day: date | None, **fields: object) -> EventRecord:
    values: dict[str, object] = {
        "code": code, "scheme": "wire" if code.startswith("W") else "cameo", "label": code,
        "root_code": code[:2], "trigger": "fire", "trigger_start": 0, "sentence_index": 0,
        "start": 0, "end": 10, "date": day, "date_precision": DatePrecision.DAY if day else None,
    }  # fmt: skip
    return EventRecord.model_validate(values | fields)


def _told(*events: EventRecord) -> dict[str, frozenset[int]]:
    return happenings.told(happenings.happenings(events))


def test_days_agree_within_a_day_and_by_any_kind_they_share():
    monday = _told(_event("W42", MONDAY))
    assert happenings.days_agree(monday, _told(_event("W42", MONDAY + timedelta(days=1))))
    assert not happenings.days_agree(monday, _told(_event("W42", MONDAY + timedelta(days=2))))
    # A report that recalls Monday's fire besides its own agrees with Monday's reports.
    both = _told(_event("W42", MONDAY + timedelta(days=2)), _event("W42", MONDAY))
    assert happenings.days_agree(monday, both)
    # Another kind says nothing of the fire's day.
    assert happenings.days_agree(monday, _told(_event("173", MONDAY + timedelta(days=2))))
    assert happenings.days_agree(monday, {})


def test_only_deeds_that_happened_and_are_dated_to_the_day_count():
    later = MONDAY + timedelta(days=5)
    assert happenings.happenings([
        _event("W42", MONDAY),
        _event("W42", None),  # undated
        _event("W42", later, date_precision=DatePrecision.MONTH),
        _event("W42", later, modality=Modality.PLANNED),
        _event("010", later, quad_class=1),  # a statement: made again day after day
        _event("173", later, quad_class=4),
    ]) == {("W42", MONDAY.toordinal()), ("173", later.toordinal())}  # fmt: skip


def test_packed_happenings_come_back_equal():
    found = happenings.happenings([_event("W42", MONDAY), _event("173", MONDAY)])
    assert happenings.unpack(happenings.pack(found)) == found
    assert happenings.unpack(happenings.pack(frozenset())) == frozenset()
