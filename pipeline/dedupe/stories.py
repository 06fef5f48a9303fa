"""Story clustering: which earlier article tells the same story, by text, entities and events.

Pure functions shared by the pipeline (one article against candidates from the database) and
the evaluation (documents clustered in order). The text signal is the cosine of log-weighted
content words (headline words count twice); entities and events are Jaccard overlaps of keys.
Weights are renormalised over the signals both articles carry, so two texts without extracted
entities are compared by their words alone instead of being penalised for the missing signal.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from pipeline.dedupe.fingerprints import hash64, normalise_text
from pipeline.settings import Settings

# Reporting words every wire story has: they say nothing about which story it is.
_NEWS_WORDS = frozenset({
    "said", "says", "told", "according", "reported", "report", "reports", "statement", "added",
    "noted", "news", "agency", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "week", "year", "years", "time", "people",
})  # fmt: skip
_MIN_LENGTH = 3
_PACKED = np.dtype([("hash", "<u8"), ("weight", "<f8")])
TermVector = dict[int, float]  # hash64 of a content word → its weight


@dataclass(frozen=True)
class StoryWeights:
    text: float
    entities: float
    events: float

    @classmethod
    def from_settings(cls, settings: Settings) -> StoryWeights:
        return cls(
            settings.story_text_weight, settings.story_entity_weight, settings.story_event_weight
        )


@dataclass(frozen=True)
class StoryFeatures:
    article_id: int
    vector: TermVector
    entities: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()
    published_at: datetime | None = None
    story_id: int | None = None
    names: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class StoryMatch:
    other: StoryFeatures
    score: float
    reason: str


def terms(headline: str, body: str) -> dict[str, float]:
    """Content-word weights (1 + log tf), headline words counted twice, unit length."""
    words = [*_content_words(headline)] * 2 + _content_words(body)
    weights = {word: 1.0 + math.log(count) for word, count in Counter(words).items()}
    norm = math.sqrt(sum(value * value for value in weights.values())) or 1.0
    return {word: value / norm for word, value in weights.items()}


def vector(weights: Mapping[str, float]) -> TermVector:
    """Word weights keyed by a stable 64-bit hash of the word: what is compared and stored."""
    return {hash64(word.encode()): weight for word, weight in weights.items()}


def pack(terms: TermVector) -> bytes:
    """(hash, weight) pairs as little-endian bytes: a few KB that the database returns as is
    (word weights as JSONB cost more to turn into text than all of the story step's queries)."""
    return np.array(sorted(terms.items()), dtype=_PACKED).tobytes()


def unpack(data: bytes) -> TermVector:
    pairs = np.frombuffer(data, dtype=_PACKED)
    return dict(zip(pairs["hash"].tolist(), pairs["weight"].tolist(), strict=True))


def top_terms(weights: Mapping[str, float], count: int) -> list[str]:
    """The heaviest words, to look candidates up by full-text search."""
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))
    return [word for word, _ in ranked[:count]]


def match(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> StoryMatch:
    """The combined similarity, with a reason naming what matched."""
    parts = _signals(article, other, weights)
    reason = "; ".join(
        f"{signal.label} {signal.value:.2f}{_named(signal.shared, article)}" for signal in parts
    )
    return StoryMatch(other, _combined(parts), reason)


@dataclass(frozen=True)
class _Signal:
    label: str
    weight: float
    value: float
    shared: frozenset[str] = frozenset()


def _signals(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> list[_Signal]:
    """Text cosine, and the Jaccard overlaps of the keys both articles carry."""
    # Only words both have contribute (the key intersection runs in C); fsum is exact, so
    # the set's per-process order cannot change a score.
    common = article.vector.keys() & other.vector.keys()
    text = math.fsum(article.vector[word] * other.vector[word] for word in common)
    parts = [_Signal("text", weights.text, text)]
    for weight, mine, theirs, label in (
        (weights.entities, article.entities, other.entities, "entities"),
        (weights.events, article.events, other.events, "events"),
    ):
        if mine and theirs:
            shared = mine & theirs
            parts.append(_Signal(label, weight, len(shared) / len(mine | theirs), shared))
    return parts


def _combined(parts: list[_Signal]) -> float:
    total = sum(signal.weight for signal in parts) or 1.0
    return sum(signal.weight * signal.value for signal in parts) / total


def similarity(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> float:
    return _combined(_signals(article, other, weights))


def best_match(
    article: StoryFeatures,
    candidates: Iterable[StoryFeatures],
    weights: StoryWeights,
    threshold: float,
    window: timedelta,
    scored: Mapping[int, float] | None = None,
) -> StoryMatch | None:
    """The most similar candidate within the time window, if it reaches the threshold.
    ``scored`` holds similarities computed before, by article id. Only the best candidate is
    explained (naming shared entities costs more than scoring)."""
    known = scored or {}
    ranked = [
        (_known_or(known, article, other, weights), -other.article_id, other)
        for other in candidates
        if other.article_id != article.article_id and _within(article, other, window)
    ]
    if not ranked:
        return None
    score, _, best = max(ranked, key=lambda found: found[:2])
    return match(article, best, weights) if score >= threshold else None


def _known_or(
    known: Mapping[int, float], article: StoryFeatures, other: StoryFeatures, weights: StoryWeights
) -> float:
    if other.article_id in known:
        return known[other.article_id]
    return similarity(article, other, weights)


def cluster(
    articles: Sequence[StoryFeatures], weights: StoryWeights, threshold: float, window: timedelta
) -> list[int]:
    """Online clustering as the pipeline does it: in order, each article joins the story of
    its best earlier match or starts a new one. Returns a story number per article."""
    stories: list[int] = []
    for index, article in enumerate(articles):
        earlier = [
            replace(other, story_id=stories[position])
            for position, other in enumerate(articles[:index])
        ]
        found = best_match(article, earlier, weights, threshold, window)
        stories.append(
            found.other.story_id if found and found.other.story_id is not None else index
        )
    return stories


def _content_words(text: str) -> list[str]:
    return [
        word
        for word in normalise_text(text).split()
        if len(word) >= _MIN_LENGTH
        and not word.isdigit()
        and word not in STOP_WORDS
        and word not in _NEWS_WORDS
    ]


def _named(keys: frozenset[str], article: StoryFeatures) -> str:
    names = sorted(article.names.get(key, key) for key in keys)
    return f" ({', '.join(names[:5])})" if names else ""


def _within(article: StoryFeatures, other: StoryFeatures, window: timedelta) -> bool:
    if article.published_at is None or other.published_at is None:
        return True
    return abs(article.published_at - other.published_at) <= window
