"""The dedupe stage's own computation without its database, for the bare side of the benchmark.

The pipeline's dedupe stage does, besides its SQL: shingles and the MinHash signature with its
LSH bands, the story features (content-word vector, packed for storage) and the comparison with
up to ``WIRE_STORY_CANDIDATES`` earlier articles. A bare run that only hashed the body would
charge all of that to the pipeline's overhead; here the earlier articles are held in memory, the
most recent ones first, as the candidates the database would return.
"""

from __future__ import annotations

from collections import deque
from datetime import timedelta

from pipeline.dedupe import happenings, minhash, places
from pipeline.dedupe import stories as clustering
from pipeline.extract.happening import happening_key
from pipeline.schemas import Article, Extraction
from pipeline.settings import Settings


class BareDedupe:
    """Fingerprints and story placement of articles in arrival order, in memory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.weights = clustering.StoryWeights.from_settings(settings)
        self.window = timedelta(hours=settings.story_window_hours)
        self.recent: deque[clustering.StoryFeatures] = deque(maxlen=settings.story_candidates)
        self.story_of: dict[int, int] = {}  # story by article id, of the recent ones
        self.placed = 0

    def place(self, article: Article, extraction: Extraction) -> int:
        """Fingerprint the article and place it; returns the story it joins (a number)."""
        settings = self.settings
        signature = minhash.signature(
            minhash.shingles(article.body, settings.shingle_words), settings.minhash_permutations
        )
        minhash.band_hashes(signature, settings.lsh_bands)
        self.placed += 1
        features = self._features(article, extraction, self.placed)
        clustering.pack(features.vector)
        places.pack(features.places)
        found = clustering.best_match(
            features,
            self.recent,
            self.story_of,
            self.weights,
            settings.story_threshold,
            self.window,
        )
        story = found.story_id if found and found.story_id else self.placed
        if len(self.recent) == self.recent.maxlen:
            del self.story_of[self.recent[-1].article_id]
        self.recent.appendleft(features)
        self.story_of[features.article_id] = story
        return story

    def _features(
        self, article: Article, extraction: Extraction, number: int
    ) -> clustering.StoryFeatures:
        events = (happening_key(record) for record in extraction.events)
        content = clustering.terms(article.headline, article.body, article.language)
        return clustering.StoryFeatures(
            article_id=number,
            vector=clustering.vector(content.weights),
            entities=frozenset(entity.key for entity in extraction.entities),
            events=frozenset(key for key in events if key is not None),
            published_at=article.published_at,
            places=clustering.places_named(article.headline, article.body, content),
            happenings=happenings.happenings(extraction.events),
        )
