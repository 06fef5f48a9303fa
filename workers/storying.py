"""The story step of dedupe: a canonical article joins the story of its best earlier match.

Story membership is decided online, as each canonical article is deduped, like every streaming
news clusterer; the transaction takes one advisory lock (``stories``) after all its other locks,
so two articles of one new story processed at once cannot both open a story. The dedupe stage
assigns stories after deciding the copies of all the file's articles, so no lock is taken after
this one (no waiting in a cycle). Copies always share their canonical copy's story.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from pipeline.dedupe import rules
from pipeline.dedupe import stories as clustering
from pipeline.settings import Settings
from pipeline.storage import dedupe, stories

STORY_DECISIONS = ("story",)
_SEARCH_WORDS = 8


def assign_story(session: Session, article_id: int, settings: Settings) -> None:
    """Run after the copies of every article of the file are decided (see the module doc)."""
    dedupe.lock(session, ["stories"])
    root_id = dedupe.canonical_copies(session, [article_id])[article_id].article_id
    if root_id != article_id:
        _follow_canonical(session, article_id, root_id)
        return
    (row,) = stories.story_rows(session, [article_id])
    article = _features(row)
    window = timedelta(hours=settings.story_window_hours)
    words = clustering.top_terms(article, _SEARCH_WORDS)
    found_ids = stories.candidates(session, row, words, window, settings.story_candidates)
    candidates = [_features(other) for other in stories.story_rows(session, found_ids)]
    found = clustering.best_match(
        article,
        candidates,
        clustering.StoryWeights.from_settings(settings),
        settings.story_threshold,
        window,
    )
    story_id = found.other.story_id if found else None
    story_id = story_id or stories.new_story(session, row.headline)
    stories.refresh(session, stories.set_story(session, article_id, story_id) | {story_id})
    decisions = [_decision(found, story_id)] if found else []
    dedupe.record_decisions(session, article_id, decisions, STORY_DECISIONS)


def _follow_canonical(session: Session, article_id: int, root_id: int) -> None:
    """A copy takes its canonical copy's story and has no story decision of its own."""
    dedupe.record_decisions(session, article_id, [], STORY_DECISIONS)
    (root,) = stories.story_rows(session, [root_id])
    if root.story_id is not None:
        left = stories.set_story(session, root_id, root.story_id)
        stories.refresh(session, left | {root.story_id})


def _features(row: stories.StoryRow) -> clustering.StoryFeatures:
    return clustering.StoryFeatures(
        article_id=row.article_id,
        terms=clustering.terms(row.headline, row.body),
        entities=frozenset(row.entities),
        events=row.events,
        published_at=row.published_at,
        story_id=row.story_id,
        names=row.entities,
    )


def _decision(found: clustering.StoryMatch, story_id: int) -> rules.Decision:
    reason = f"same story as article {found.other.article_id}: {found.reason}"
    return rules.Decision("story", found.other.article_id, found.score, reason, story_id)
