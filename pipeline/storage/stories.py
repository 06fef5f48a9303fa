"""Stories in Postgres: candidate articles for a new one, membership, and the story counts."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, func, insert, or_, select, text, union, update
from sqlalchemy.orm import Session

from pipeline.storage.tables import Article, Entity, EventMention, Mention, Story


@dataclass(frozen=True)
class StoryRow:
    """What story clustering needs of the article being placed: entities are entity ids (as
    text) with their names, events are event ids (as text)."""

    article_id: int
    headline: str
    body: str
    published_at: datetime | None
    entities: dict[str, str]
    events: frozenset[str]


@dataclass(frozen=True)
class CandidateRow:
    """An earlier article as the story step compares it. ``vector`` holds the stored, packed
    word weights; where an older row has none, ``text`` holds its headline and body instead."""

    article_id: int
    published_at: datetime | None
    vector: bytes | None
    text: tuple[str, str] | None
    entities: frozenset[str]
    events: frozenset[str]


_SEEN = func.coalesce(Article.published_at, Article.created_at)
_RECOUNT = text("""
    UPDATE story SET article_count = s.articles, agency_count = s.agencies,
        first_seen_at = s.first_seen, last_seen_at = s.last_seen,
        representative_headline = s.headline, updated_at = now()
    FROM (
        SELECT a.story_id, count(*) AS articles, count(DISTINCT a.agency) AS agencies,
            min(coalesce(a.published_at, a.created_at)) AS first_seen,
            max(coalesce(a.published_at, a.created_at)) AS last_seen,
            (array_agg(a.headline ORDER BY coalesce(a.published_at, a.created_at), a.id))[1]
                AS headline
        FROM article a
        WHERE a.story_id = ANY(:ids) AND a.duplicate_of_id IS NULL
        GROUP BY a.story_id
    ) AS s
    WHERE story.id = s.story_id
""")


def story_row(session: Session, article_id: int) -> StoryRow:
    row = session.execute(
        select(Article.headline, Article.body, _SEEN).where(Article.id == article_id)
    ).one()
    names = session.execute(
        select(Entity.id, Entity.name)
        .join(Mention, Mention.entity_id == Entity.id)
        .where(Mention.article_id == article_id)
    ).all()
    events = session.execute(
        select(EventMention.event_id).where(EventMention.article_id == article_id)
    ).scalars()
    return StoryRow(
        article_id, row[0], row[1], row[2],
        {str(entity_id): name for entity_id, name in names},
        frozenset(str(event_id) for event_id in events),
    )  # fmt: skip


def story_of(session: Session, article_id: int) -> int | None:
    return session.execute(select(Article.story_id).where(Article.id == article_id)).scalar()


def store_vector(session: Session, article_id: int, packed: bytes) -> None:
    session.execute(update(Article).where(Article.id == article_id).values(story_vector=packed))


def candidate_rows(session: Session, article_ids: Sequence[int]) -> list[CandidateRow]:
    """One round trip: stored vector, entity ids and event ids of every candidate."""
    if not article_ids:
        return []
    rows = session.execute(_CANDIDATE_ROWS, {"ids": list(article_ids)})
    return [
        CandidateRow(
            article_id, published_at, vector,
            None if vector is not None else (headline, body),
            frozenset(str(entity_id) for entity_id in entity_ids),
            frozenset(str(event_id) for event_id in event_ids),
        )
        for article_id, published_at, vector, headline, body, entity_ids, event_ids in rows
    ]  # fmt: skip


_CANDIDATE_ROWS = text("""
    SELECT a.id, coalesce(a.published_at, a.created_at), a.story_vector,
        CASE WHEN a.story_vector IS NULL THEN a.headline END,
        CASE WHEN a.story_vector IS NULL THEN a.body END,
        ARRAY(SELECT DISTINCT m.entity_id FROM mention m WHERE m.article_id = a.id),
        ARRAY(SELECT DISTINCT em.event_id FROM event_mention em WHERE em.article_id = a.id)
    FROM article a
    WHERE a.id = ANY(:ids)
""")


@dataclass(frozen=True)
class Candidate:
    story_id: int
    extracted_at: datetime | None  # what an article's features depend on besides its text


def candidates(
    session: Session, article: StoryRow, words: Sequence[str], window: timedelta, limit: int
) -> dict[int, Candidate]:
    """Canonical articles already in a story, within the window, sharing an entity, an event
    or one of the article's heaviest words, with their story ids; nearest in time first. The
    three lookups go through the mention, event and full-text indexes, never a scan of every
    article."""
    seen = article.published_at or datetime.now().astimezone()
    shares = [_sharing_entities(article.article_id), _sharing_events(article.article_id)]
    if words:
        query = func.to_tsquery("simple", " | ".join(words))
        # Placed articles only, here already: common words match most articles, and in a
        # backlog thousands are parsed but not yet deduped (they doubled the step's cost).
        shares.append(
            select(Article.id).where(
                Article.search.bool_op("@@")(query), Article.story_id.is_not(None)
            )
        )
    found = session.execute(
        select(Article.id, Article.story_id, Article.extracted_at)
        .where(
            Article.id.in_(union(*shares)),
            Article.id != article.article_id,
            Article.duplicate_of_id.is_(None),
            Article.story_id.is_not(None),
            _SEEN.between(seen - window, seen + window),
        )
        .order_by(func.abs(func.extract("epoch", _SEEN - seen)), Article.id)
        .limit(limit)
    )
    return {
        article_id: Candidate(story_id, extracted_at)
        for article_id, story_id, extracted_at in found.tuples()
        if story_id
    }


def _sharing_entities(article_id: int) -> Select[tuple[int]]:
    mine = select(Mention.entity_id).where(Mention.article_id == article_id)
    return select(Mention.article_id).where(Mention.entity_id.in_(mine))


def _sharing_events(article_id: int) -> Select[tuple[int]]:
    mine = select(EventMention.event_id).where(EventMention.article_id == article_id)
    return select(EventMention.article_id).where(EventMention.event_id.in_(mine))


def new_story(session: Session, headline: str) -> int:
    return int(
        session.execute(
            insert(Story).values(representative_headline=headline).returning(Story.id)
        ).scalar_one()
    )


def set_story(session: Session, root_id: int, story_id: int) -> set[int]:
    """The canonical article and all its copies join the story; returns the stories they left."""
    left = session.execute(
        select(Article.story_id).where(
            or_(Article.id == root_id, Article.duplicate_of_id == root_id),
            Article.story_id.is_not(None),
        )
    ).scalars()
    session.execute(
        update(Article)
        .where(or_(Article.id == root_id, Article.duplicate_of_id == root_id))
        .values(story_id=story_id)
    )
    return {left_id for left_id in left if left_id is not None} - {story_id}


def refresh(session: Session, story_ids: Iterable[int]) -> None:
    """Recount the stories from their canonical articles; a story left empty is removed."""
    ids = sorted(set(story_ids))
    if not ids:
        return
    session.execute(_RECOUNT, {"ids": ids})
    members = select(Article.id).where(
        Article.story_id == Story.id, Article.duplicate_of_id.is_(None)
    )
    session.execute(delete(Story).where(Story.id.in_(ids), ~members.exists()))
