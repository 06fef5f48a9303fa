"""Dedupe state in Postgres: candidates for the rules, and the decisions taken."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session

from pipeline.dedupe.rules import ArticleFacts, Decision
from pipeline.storage.tables import Article, DedupeDecision


def lock_item(session: Session, item_key: str) -> None:
    """Serialise dedupe of one item across every worker on every host (until commit)."""
    session.execute(select(func.pg_advisory_xact_lock(advisory_key(f"item:{item_key}"))))


def advisory_key(name: str) -> int:
    """A signed 64-bit lock id, identical on every host (unlike Python's hash())."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def facts(session: Session, article_id: int) -> ArticleFacts:
    row = session.execute(_facts_query().where(Article.id == article_id)).one()
    return ArticleFacts(*row)


def exact_candidates(session: Session, article: ArticleFacts) -> list[ArticleFacts]:
    query = _facts_query().where(
        Article.id < article.article_id,
        or_(
            Article.body_hash == article.body_hash,
            (Article.item_key == article.item_key) & (Article.version == article.version),
        ),
    )
    return [ArticleFacts(*row) for row in session.execute(query)]


def item_versions(session: Session, item_key: str) -> list[ArticleFacts]:
    """Every stored, non-duplicate version of the item."""
    query = _facts_query().where(Article.item_key == item_key, Article.duplicate_of_id.is_(None))
    return [ArticleFacts(*row) for row in session.execute(query)]


def _facts_query() -> Select[tuple[int, str, int, str, datetime | None, str]]:
    return select(
        Article.id,
        Article.item_key,
        Article.version,
        Article.body_hash,
        Article.published_at,
        Article.pubstatus,
    )


def record_decisions(session: Session, article_id: int, decisions: list[Decision]) -> None:
    """Replace the article's decisions (a re-run leaves exactly one set)."""
    session.execute(delete(DedupeDecision).where(DedupeDecision.article_id == article_id))
    for decision in decisions:
        session.add(
            DedupeDecision(
                article_id=article_id,
                decision=decision.decision,
                related_article_id=decision.related_article_id,
                score=decision.score,
                reason=decision.reason,
            )
        )


def set_duplicate_of(session: Session, article_id: int, canonical_id: int | None) -> None:
    session.execute(
        update(Article).where(Article.id == article_id).values(duplicate_of_id=canonical_id)
    )


def set_supersedes(session: Session, article_id: int, previous_id: int | None) -> None:
    session.execute(
        update(Article).where(Article.id == article_id).values(supersedes_id=previous_id)
    )


def set_killed(session: Session, item_key: str, killed: bool) -> None:
    session.execute(update(Article).where(Article.item_key == item_key).values(is_killed=killed))
