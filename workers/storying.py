"""The story step of dedupe: a canonical article joins the story of its best earlier match.

Story membership is decided online, as each canonical article is deduped, like every streaming
news clusterer. Two articles of one new story processed at once must not both open a story, so
the decision is taken under one advisory lock (``stories``), after all the transaction's other
locks: the dedupe stage assigns stories after deciding the copies of all the file's articles,
so no lock is taken after this one (no waiting in a cycle). Copies always share their canonical
copy's story.

The lock serialises every worker of the cluster, so the slow part runs before it: candidates
are looked up, read and scored while other workers place their own articles. Under the lock
the lookup runs again, which finds what committed meanwhile (read committed) and the current
story of every candidate; only candidates not seen before are read and scored then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy.orm import Session

from pipeline.dedupe import rules
from pipeline.dedupe import stories as clustering
from pipeline.settings import Settings
from pipeline.storage import dedupe, stories

STORY_DECISIONS = ("story",)
_SEARCH_WORDS = 8
Candidates = dict[int, clustering.StoryFeatures]


def assign_story(session: Session, article_id: int, settings: Settings) -> None:
    """Run after the copies of every article of the file are decided (see the module doc)."""
    root_id = dedupe.canonical_copies(session, [article_id])[article_id].article_id
    if root_id != article_id:
        dedupe.lock(session, ["stories"])
        _follow_canonical(session, article_id, root_id)
        return
    search = _Search.of(session, stories.story_row(session, article_id), settings)
    stories.store_vector(session, article_id, clustering.pack(search.article.vector))
    weights = clustering.StoryWeights.from_settings(settings)
    early = search.candidates(session, {})
    scored = {
        article_id: clustering.similarity(search.article, other, weights)
        for article_id, other in early.items()
    }
    dedupe.lock(session, ["stories"])
    found = clustering.best_match(
        search.article,
        search.candidates(session, early).values(),
        weights,
        settings.story_threshold,
        search.window,
        scored,
    )
    story_id = found.other.story_id if found else None
    story_id = story_id or stories.new_story(session, search.row.headline)
    stories.refresh(session, stories.set_story(session, article_id, story_id) | {story_id})
    decisions = [_decision(found, story_id)] if found else []
    dedupe.record_decisions(session, article_id, decisions, STORY_DECISIONS)


@dataclass(frozen=True)
class _Search:
    row: stories.StoryRow
    article: clustering.StoryFeatures
    words: list[str]
    window: timedelta
    limit: int

    @classmethod
    def of(cls, session: Session, row: stories.StoryRow, settings: Settings) -> _Search:
        weights = clustering.terms(row.headline, row.body)
        article = clustering.StoryFeatures(
            article_id=row.article_id,
            vector=clustering.vector(weights),
            entities=frozenset(row.entities),
            events=row.events,
            published_at=row.published_at,
            names=row.entities,
        )
        window = timedelta(hours=settings.story_window_hours)
        words = clustering.top_terms(weights, _SEARCH_WORDS)
        return cls(row, article, words, window, settings.story_candidates)

    def candidates(self, session: Session, known: Candidates) -> Candidates:
        """The current candidates with their current stories; ``known`` ones are not read
        again (an article's text, entities and events do not change while it is deduped)."""
        found = stories.candidates(session, self.row, self.words, self.window, self.limit)
        unread = [article_id for article_id in found if article_id not in known]
        read = {row.article_id: _features(row) for row in stories.candidate_rows(session, unread)}
        features = known | read
        return {
            article_id: replace(features[article_id], story_id=story_id)
            for article_id, story_id in found.items()
            if article_id in features
        }


def _follow_canonical(session: Session, article_id: int, root_id: int) -> None:
    """A copy takes its canonical copy's story and has no story decision of its own."""
    dedupe.record_decisions(session, article_id, [], STORY_DECISIONS)
    story_id = stories.story_of(session, root_id)
    if story_id is not None:
        left = stories.set_story(session, root_id, story_id)
        stories.refresh(session, left | {story_id})


def _features(row: stories.CandidateRow) -> clustering.StoryFeatures:
    if row.vector is not None:
        vector = clustering.unpack(row.vector)
    else:
        vector = clustering.vector(clustering.terms(*(row.text or ("", ""))))
    return clustering.StoryFeatures(
        article_id=row.article_id,
        vector=vector,
        entities=row.entities,
        events=row.events,
        published_at=row.published_at,
    )


def _decision(found: clustering.StoryMatch, story_id: int) -> rules.Decision:
    reason = f"same story as article {found.other.article_id}: {found.reason}"
    return rules.Decision("story", found.other.article_id, found.score, reason, story_id)
