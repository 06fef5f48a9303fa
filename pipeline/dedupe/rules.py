"""Dedupe decisions as pure functions over article facts fetched by the storage layer.

The canonical copy is always the earliest stored article (lowest id): every worker reaches the
same answer whatever order copies are processed in, because all copies were stored by the parse
stage before any of them is deduped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ArticleFacts:
    article_id: int
    item_key: str
    version: int
    body_hash: str
    published_at: datetime | None = None
    pubstatus: str = "usable"


@dataclass(frozen=True)
class Decision:
    decision: str
    related_article_id: int | None
    score: float | None
    reason: str


def exact_duplicate(article: ArticleFacts, others: Sequence[ArticleFacts]) -> Decision | None:
    """The decision making ``article`` a duplicate of an earlier one, or None."""
    earlier = sorted(
        (other for other in others if other.article_id < article.article_id),
        key=lambda other: other.article_id,
    )
    for other in earlier:
        if (other.item_key, other.version) == (article.item_key, article.version):
            return Decision(
                "same_version",
                other.article_id,
                1.0,
                f"item {article.item_key} version {article.version} re-sent",
            )
    for other in earlier:
        if other.body_hash == article.body_hash:
            return Decision("exact_text", other.article_id, 1.0, "identical normalised text")
    return None


def predecessor(article: ArticleFacts, versions: Sequence[ArticleFacts]) -> ArticleFacts | None:
    """The latest earlier version of the same item (version, then publication time)."""
    earlier = [other for other in versions if _order(other) < _order(article)]
    return max(earlier, key=_order, default=None)


def successor(article: ArticleFacts, versions: Sequence[ArticleFacts]) -> ArticleFacts | None:
    """The earliest later version: an update that arrived before this one."""
    later = [other for other in versions if _order(other) > _order(article)]
    return min(later, key=_order, default=None)


def is_killed(versions: Sequence[ArticleFacts]) -> bool:
    """A kill or cancel of any version kills every version of the item."""
    return any(other.pubstatus == "canceled" for other in versions)


def _order(facts: ArticleFacts) -> tuple[int, float, int]:
    stamp = facts.published_at.timestamp() if facts.published_at else 0.0
    return (facts.version, stamp, facts.article_id)
