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
from functools import cached_property
from typing import NamedTuple

import numpy as np
import numpy.typing as npt
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

    @cached_property
    def sorted_terms(self) -> tuple[npt.NDArray[np.uint64], npt.NDArray[np.float64]]:
        """The vector as word hashes in ascending order and their weights: what the text
        cosine is computed on, once per features (a candidate is compared with many
        articles)."""
        hashes = np.fromiter(self.vector.keys(), dtype=np.uint64, count=len(self.vector))
        weights = np.fromiter(self.vector.values(), dtype=np.float64, count=len(self.vector))
        order = np.argsort(hashes)
        return hashes[order], weights[order]


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


class _Signal(NamedTuple):  # a tuple: made for every candidate of every article
    label: str
    weight: float
    value: float
    shared: frozenset[str] = frozenset()


def _signals(
    article: StoryFeatures, other: StoryFeatures, weights: StoryWeights, text: float | None = None
) -> list[_Signal]:
    """Text cosine (given, when computed with others'), and the Jaccard overlaps of the keys
    both articles carry."""
    if text is None:
        text = float(text_cosines(article, [other])[0])
    parts = [_Signal("text", weights.text, text)]
    for weight, mine, theirs, label in (
        (weights.entities, article.entities, other.entities, "entities"),
        (weights.events, article.events, other.events, "events"),
    ):
        if mine and theirs:
            shared = mine & theirs
            union = len(mine) + len(theirs) - len(shared)
            parts.append(_Signal(label, weight, len(shared) / union, shared))
    return parts


def _combined(parts: list[_Signal]) -> float:
    total = sum(signal.weight for signal in parts) or 1.0
    return sum(signal.weight * signal.value for signal in parts) / total


def similarity(article: StoryFeatures, other: StoryFeatures, weights: StoryWeights) -> float:
    return similarities(article, [other], weights)[0]


def similarities(
    article: StoryFeatures, others: Sequence[StoryFeatures], weights: StoryWeights
) -> list[float]:
    """The combined similarity with each of ``others``, their text cosines computed at once."""
    texts = text_cosines(article, others)
    return [
        _combined(_signals(article, other, weights, float(text)))
        for other, text in zip(others, texts, strict=True)
    ]


def text_cosines(
    article: StoryFeatures, others: Sequence[StoryFeatures]
) -> npt.NDArray[np.float64]:
    """The cosine of the article's word vector with each of ``others`` (vectors have unit
    length: the dot product). All candidates' words are looked up among the article's in one
    pass; each candidate's products are summed in the order of its sorted word hashes, so a
    score depends on the two articles alone, never on the others compared or their order."""
    mine, my_weights = article.sorted_terms
    if not others or not len(mine):
        return np.zeros(len(others))
    terms = [other.sorted_terms for other in others]
    theirs = np.concatenate([hashes for hashes, _ in terms])
    their_weights = np.concatenate([weights for _, weights in terms])
    owner = np.repeat(np.arange(len(others)), [len(hashes) for hashes, _ in terms])
    at = np.searchsorted(mine, theirs).clip(max=len(mine) - 1)
    products = np.where(mine[at] == theirs, my_weights[at] * their_weights, 0.0)
    # With weights, bincount sums them as float64 (the stubs say integers).
    return np.bincount(owner, weights=products, minlength=len(others)).astype(np.float64)


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
    eligible = [
        other
        for other in candidates
        if other.article_id != article.article_id and _within(article, other, window)
    ]
    unknown = [other for other in eligible if other.article_id not in known]
    computed = similarities(article, unknown, weights)
    score_of = {other.article_id: score for other, score in zip(unknown, computed, strict=True)}
    score_of.update(known)
    ranked = [(score_of[other.article_id], -other.article_id, other) for other in eligible]
    if not ranked:
        return None
    score, _, best = max(ranked, key=lambda found: found[:2])
    return match(article, best, weights) if score >= threshold else None


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
