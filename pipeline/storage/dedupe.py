"""Dedupe state in Postgres: locks, candidates for the rules, links and the decisions taken."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Select,
    bindparam,
    delete,
    func,
    insert,
    or_,
    select,
    text,
    tuple_,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.orm import Session

from pipeline.dedupe.rules import COPY_DECISIONS, ArticleFacts, Decision
from pipeline.storage.tables import Article, DedupeDecision, LshBand, SourceFile

# Locks in ascending key order: two transactions never wait on each other in a cycle.
_LOCK_SORTED = text(
    "SELECT count(pg_advisory_xact_lock(key)) FROM"
    " (SELECT key FROM unnest(:keys) AS key ORDER BY key) AS ordered"
).bindparams(bindparam("keys", type_=ARRAY(BIGINT)))


def lock(session: Session, names: Iterable[str]) -> None:
    """Take transaction-scoped advisory locks, valid across every worker on every host."""
    keys = sorted({advisory_key(name) for name in names})
    if keys:
        session.execute(_LOCK_SORTED, {"keys": keys})


def advisory_key(name: str) -> int:
    """A signed 64-bit lock id, identical on every host (unlike Python's hash())."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


def facts(session: Session, article_id: int) -> tuple[ArticleFacts, str]:
    """The article's facts and its body."""
    row = session.execute(_facts_query(Article.body).where(Article.id == article_id)).one()
    return _to_facts(row), row[-1]


def copy_candidates(
    session: Session, article: ArticleFacts, bands: Sequence[int]
) -> list[tuple[ArticleFacts, str]]:
    """Already deduped articles that may be copies: same item and version, same text, or
    sharing an LSH bucket (band, hash). A union of three index lookups, so the cost grows with
    the log of the stored signatures, not their number."""
    same_item = select(Article.id).where(
        Article.item_key == article.item_key, Article.version == article.version
    )
    same_text = select(Article.id).where(Article.body_hash == article.body_hash)
    same_bucket = select(LshBand.article_id).where(
        tuple_(LshBand.band, LshBand.hash).in_(list(enumerate(bands)))
    )
    query = _facts_query(Article.body).where(
        Article.id.in_(union(same_item, same_text, same_bucket)),
        Article.id != article.article_id,
        Article.minhash.is_not(None),
    )
    return [(_to_facts(row), row[-1]) for row in session.execute(query)]


def canonical_copies(session: Session, article_ids: Iterable[int]) -> dict[int, ArticleFacts]:
    """The canonical copy of each given article, keyed by the given id."""
    root = func.coalesce(Article.duplicate_of_id, Article.id)
    rows = session.execute(select(Article.id, root).where(Article.id.in_(list(article_ids))))
    pairs = dict(rows.tuples().all())
    roots = session.execute(_facts_query().where(Article.id.in_(set(pairs.values()))))
    by_id = {row[0]: _to_facts(row) for row in roots}
    return {article_id: by_id[root_id] for article_id, root_id in pairs.items()}


def repoint(session: Session, group_ids: Iterable[int], root_id: int) -> Repointed:
    """Make ``root_id`` canonical for the groups; says which items and files changed."""
    groups = list(group_ids)
    session.execute(update(Article).where(Article.id == root_id).values(duplicate_of_id=None))
    if not groups:
        return Repointed(set(), set())
    changed = session.execute(
        update(Article)
        .where(or_(Article.id.in_(groups), Article.duplicate_of_id.in_(groups)))
        .values(duplicate_of_id=root_id)
        .returning(Article.id, Article.item_key, Article.source_file_id)
    ).all()
    session.execute(  # their reasons still name the pair that was verified
        update(DedupeDecision)
        .where(
            DedupeDecision.article_id.in_([row[0] for row in changed]),
            DedupeDecision.decision.in_(COPY_DECISIONS),
        )
        .values(related_article_id=root_id)
    )
    return Repointed({row[1] for row in changed}, {row[2] for row in changed})


@dataclass(frozen=True)
class Repointed:
    items: set[str]
    files: set[int]


def refresh_file_status(session: Session, file_ids: Iterable[int]) -> None:
    """A finished file whose every article is now a copy becomes ``duplicate``."""
    all_copies = ~(
        select(Article.id)
        .where(Article.source_file_id == SourceFile.id, Article.duplicate_of_id.is_(None))
        .exists()
    )
    session.execute(
        update(SourceFile)
        .where(SourceFile.id.in_(list(file_ids)), SourceFile.status == "done", all_copies)
        .values(status="duplicate")
    )


def store_signature(
    session: Session, article_id: int, minhash: bytes, bands: Sequence[int]
) -> None:
    """The signature and its LSH buckets; a stored signature marks the article as deduped."""
    session.execute(delete(LshBand).where(LshBand.article_id == article_id))
    rows = [
        {"article_id": article_id, "band": band, "hash": value} for band, value in enumerate(bands)
    ]
    if rows:
        session.execute(insert(LshBand), rows)
    session.execute(update(Article).where(Article.id == article_id).values(minhash=minhash))


def item_versions(session: Session, item_key: str) -> list[ArticleFacts]:
    """Every stored version of the item, copies included (``canonical_id`` tells them apart)."""
    query = _facts_query().where(Article.item_key == item_key)
    return [_to_facts(row) for row in session.execute(query)]


def _facts_query(*extra: Any) -> Select[Any]:
    return select(
        Article.id,
        Article.item_key,
        Article.version,
        Article.body_hash,
        Article.published_at,
        Article.pubstatus,
        Article.is_correction,
        Article.duplicate_of_id,
        Article.source_file_id,
        Article.item_index,
        *extra,
    )


def _to_facts(row: Sequence[Any]) -> ArticleFacts:
    """Facts from a row of :func:`_facts_query`; arrival is the ledger order, then position."""
    article_id, item_key, version, body_hash, published_at, pubstatus = row[:6]
    is_correction, canonical_id, file_id, item_index = row[6:10]
    return ArticleFacts(
        article_id, item_key, version, body_hash, published_at, pubstatus,
        arrival=(file_id, item_index), is_correction=is_correction, canonical_id=canonical_id,
    )  # fmt: skip


def record_decisions(
    session: Session, article_id: int, decisions: Sequence[Decision], kinds: Sequence[str]
) -> None:
    """Replace the article's decisions of the given kinds (a re-run leaves exactly one set)."""
    session.execute(
        delete(DedupeDecision).where(
            DedupeDecision.article_id == article_id, DedupeDecision.decision.in_(kinds)
        )
    )
    for decision in decisions:
        session.add(
            DedupeDecision(
                article_id=article_id,
                decision=decision.decision,
                related_article_id=decision.related_article_id,
                score=decision.score,
                reason=decision.reason,
                story_id=decision.story_id,
            )
        )


def set_supersedes(session: Session, article_id: int, previous_id: int) -> None:
    session.execute(
        update(Article).where(Article.id == article_id).values(supersedes_id=previous_id)
    )


def reset_chain(session: Session, item_key: str, kinds: Sequence[str]) -> None:
    """Unlink every version of the item and drop its version decisions, to be recomputed."""
    session.execute(update(Article).where(Article.item_key == item_key).values(supersedes_id=None))
    of_item = select(Article.id).where(Article.item_key == item_key)
    session.execute(
        delete(DedupeDecision).where(
            DedupeDecision.article_id.in_(of_item), DedupeDecision.decision.in_(kinds)
        )
    )


def set_killed(session: Session, item_key: str, killed: bool) -> None:
    session.execute(update(Article).where(Article.item_key == item_key).values(is_killed=killed))
