"""Dedupe decisions as pure functions over article facts fetched by the storage layer.

Copies (the same item and version re-sent, the same normalised text, a near-duplicate text)
link articles into copy groups. The canonical copy of a group is its earliest *arrival*: the
ledger order of the source file, then the position in the file. Arrival is fixed when the file
is received, so the canonical copy does not depend on which worker parsed or deduped first; an
earlier copy deduped late takes the group over (:func:`merge`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from pipeline.dedupe.minhash import Shingles, similarity

COPY_DECISIONS = ("same_version", "exact_text", "near_duplicate")
VERSION_DECISIONS = ("newer_version", "correction", "kill")


@dataclass(frozen=True)
class ArticleFacts:
    article_id: int
    item_key: str
    version: int
    body_hash: str
    published_at: datetime | None = None
    pubstatus: str = "usable"
    arrival: tuple[int, int] = (0, 0)
    is_correction: bool = False
    canonical_id: int | None = None

    @property
    def root_id(self) -> int:
        """The canonical copy this article belongs to (itself when canonical)."""
        return self.canonical_id or self.article_id


@dataclass(frozen=True)
class Decision:
    decision: str
    related_article_id: int | None
    score: float | None
    reason: str
    story_id: int | None = None


@dataclass(frozen=True)
class Link:
    """A verified copy relation between the article being deduped and a stored one."""

    other: ArticleFacts
    decision: str
    score: float
    reason: str


@dataclass(frozen=True, eq=False)  # arrays have no single truth value to compare by
class Shingled:
    """An article's facts with its shingles, the input of the copy checks."""

    facts: ArticleFacts
    shingles: Shingles


@dataclass(frozen=True)
class CopyPolicy:
    threshold: float
    words: int
    min_shingles: int

    def comparable(self, article: Shingled) -> bool:
        """Long enough for its text to identify it (short notices are alike across items)."""
        return len(article.shingles) >= self.min_shingles


def copy_link(article: Shingled, other: Shingled, policy: CopyPolicy) -> Link | None:
    """Why ``other`` is a copy of ``article`` (or the reverse), strongest reason first.

    Other versions of the same item are never copies: they form its version chain.

    The text is compared in arrival order (how much of the later text the earlier one holds),
    so the score of a pair is the same whichever of the two is deduped second.
    """
    mine, theirs = article.facts, other.facts
    if theirs.item_key == mine.item_key:
        reason = f"item {mine.item_key} version {mine.version} re-sent"
        return Link(theirs, "same_version", 1.0, reason) if theirs.version == mine.version else None
    if not (policy.comparable(article) and policy.comparable(other)):
        return None
    if theirs.body_hash == mine.body_hash:
        return Link(theirs, "exact_text", 1.0, "identical normalised text")
    later, earlier = sorted((article, other), key=lambda s: s.facts.arrival, reverse=True)
    text = similarity(later.shingles, earlier.shingles)
    if text.score >= policy.threshold:
        return Link(theirs, "near_duplicate", text.score, text.describe(policy.words))
    return None


def lock_names(article: ArticleFacts, bands: Sequence[int]) -> list[str]:
    """Every key two copies of one group must share: item, text, and each LSH bucket.

    Two articles that can link always have one of these in common (the same item, the same
    normalised text, or an LSH bucket: a pair sharing no bucket is never a candidate).
    """
    buckets = [f"band:{band}:{value}" for band, value in enumerate(bands)]
    return [f"item:{article.item_key}", f"text:{article.body_hash}", *buckets]


def locks_per_item(bands: int) -> int:
    """How many names :func:`lock_names` gives an article of that many LSH buckets: the
    advisory locks one item's dedupe takes at least, before the copy groups it links."""
    return 2 + bands


@dataclass(frozen=True)
class Merge:
    """Where copy groups end: every listed article points at ``root``."""

    root: ArticleFacts
    decisions: dict[int, Decision]


def merge(article: ArticleFacts, links: Sequence[Link], roots: Mapping[int, ArticleFacts]) -> Merge:
    """Join the article's group with every group it links to; the earliest arrival leads.

    ``roots`` holds the canonical copy of every linked article, keyed by its id. The result
    names each article whose canonical copy changes, with the decision that explains it.
    """
    groups = {root.article_id: root for root in roots.values()} | {article.article_id: article}
    root = min(groups.values(), key=lambda facts: facts.arrival)
    best = max(links, key=lambda link: (link.score, -link.other.article_id), default=None)
    if best is None:
        return Merge(root, {})
    decisions = {
        group_id: _copy_decision(best, root.article_id, group_id, article.article_id)
        for group_id in groups
        if group_id != root.article_id
    }
    return Merge(root, decisions)


def _copy_decision(best: Link, root_id: int, group_id: int, article_id: int) -> Decision:
    via = f"article {article_id} ~ article {best.other.article_id}"
    if group_id == article_id:
        reason = f"{best.reason} (against article {best.other.article_id})"
    else:
        reason = f"earlier copy {root_id} arrived; linked through {via}: {best.reason}"
    return Decision(best.decision, root_id, best.score, reason)


def version_chain(
    versions: Iterable[ArticleFacts],
) -> list[tuple[ArticleFacts, ArticleFacts | None]]:
    """Each canonical version of one item with the version it supersedes, oldest first;
    copies (re-sends of a version) stay out of the chain."""
    ordered = sorted((v for v in versions if v.canonical_id is None), key=_order)
    return list(zip(ordered, [None, *ordered], strict=False))


def version_decision(article: ArticleFacts, previous: ArticleFacts) -> Decision:
    """A kill, a correction or a plain newer version (update, write-through) of the item."""
    kind = (
        "kill"
        if article.pubstatus == "canceled"
        else "correction"
        if article.is_correction
        else "newer_version"
    )
    reason = (
        f"{kind.replace('_', ' ')}: version {article.version} of item {article.item_key} "
        f"supersedes version {previous.version}"
    )
    return Decision(kind, previous.article_id, None, reason)


def is_killed(versions: Iterable[ArticleFacts]) -> bool:
    """A kill or cancel of any version (or of a copy of one) kills every version of the item."""
    return any(other.pubstatus == "canceled" for other in versions)


def _order(facts: ArticleFacts) -> tuple[int, float, tuple[int, int]]:
    stamp = facts.published_at.timestamp() if facts.published_at else 0.0
    return (facts.version, stamp, facts.arrival)
