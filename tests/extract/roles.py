"""Helpers of the role tests: one article of the given paragraphs extracted, its events by
trigger, an entity's key by its text."""

from __future__ import annotations

from datetime import UTC, datetime

from pipeline.extract import extract_article
from pipeline.schemas import Article, EventRecord, Extraction


def extracted(nlp, *paragraphs: str) -> Extraction:
    article = Article(
        format="test",
        item_key="test",
        headline="test",
        paragraphs=list(paragraphs),
        published_at=datetime(2013, 5, 3, 12, tzinfo=UTC),
        agency="AP",
    )
    return extract_article(article, nlp)


def events_at(extraction: Extraction, trigger: str) -> list[EventRecord]:
    return [e for e in extraction.events if e.trigger == trigger]


def event_at(extraction: Extraction, trigger: str) -> EventRecord:
    found = events_at(extraction, trigger)
    assert len(found) == 1, [(e.trigger, e.actor_text) for e in extraction.events]
    return found[0]


def key_of(extraction: Extraction, name: str) -> str:
    return next(m.entity_key for m in extraction.mentions if m.text == name)
