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
    """What story clustering needs of one stored article."""

    article_id: int
    headline: str
    body: str
    published_at: datetime | None
    story_id: int | None
    entities: dict[str, str]
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


def story_rows(session: Session, article_ids: Iterable[int]) -> list[StoryRow]:
    ids = list(article_ids)
    rows = session.execute(
        select(Article.id, Article.headline, Article.body, _SEEN, Article.story_id).where(
            Article.id.in_(ids)
        )
    ).all()
    entities = _entities(session, ids)
    events = _events(session, ids)
    return [
        StoryRow(row[0], row[1], row[2], row[3], row[4], entities.get(row[0], {}),
                 frozenset(events.get(row[0], ())))
        for row in rows
    ]  # fmt: skip


def candidates(
    session: Session, article: StoryRow, words: Sequence[str], window: timedelta, limit: int
) -> list[int]:
    """Canonical articles already in a story, within the window, sharing an entity, an event
    or one of the article's heaviest words; nearest in time first. The three lookups go
    through the mention, event and full-text indexes, never a scan of every article."""
    seen = article.published_at or datetime.now().astimezone()
    shares = [_sharing_entities(article.article_id), _sharing_events(article.article_id)]
    if words:
        query = func.to_tsquery("simple", " | ".join(words))
        shares.append(select(Article.id).where(Article.search.bool_op("@@")(query)))
    found = session.execute(
        select(Article.id)
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
    return list(found.scalars())


def _sharing_entities(article_id: int) -> Select[tuple[int]]:
    mine = select(Mention.entity_id).where(Mention.article_id == article_id)
    return select(Mention.article_id).where(Mention.entity_id.in_(mine))


def _sharing_events(article_id: int) -> Select[tuple[int]]:
    mine = select(EventMention.event_id).where(EventMention.article_id == article_id)
    return select(EventMention.article_id).where(EventMention.event_id.in_(mine))


def _entities(session: Session, ids: list[int]) -> dict[int, dict[str, str]]:
    found: dict[int, dict[str, str]] = {}
    rows = session.execute(
        select(Mention.article_id, Entity.key, Entity.name)
        .join(Entity, Entity.id == Mention.entity_id)
        .where(Mention.article_id.in_(ids))
    )
    for article_id, key, name in rows:
        found.setdefault(article_id, {})[key] = name
    return found


def _events(session: Session, ids: list[int]) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    rows = session.execute(
        select(EventMention.article_id, EventMention.event_id).where(
            EventMention.article_id.in_(ids)
        )
    )
    for article_id, event_id in rows:
        found.setdefault(article_id, set()).add(str(event_id))
    return found


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
