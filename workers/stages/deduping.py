"""Dedupe of one article: its copies (exact and near) and its item's version chain.

Why the outcome does not depend on processing order, with any number of workers on any hosts:

1. Every article is compared only with articles already deduped (a stored signature), and the
   dedupe of an article first takes transaction-scoped advisory locks on every key a copy of it
   must share (:func:`pipeline.dedupe.rules.lock_names`: its item, its normalised text, each of
   its LSH buckets), in ascending key order, so lockers never wait in a cycle.
2. Two articles that can link share one of those keys, so their dedupes are serialised; the
   second one starts reading after the first committed (READ COMMITTED reads what is committed
   when each statement starts) and finds it. Every verified pair is therefore seen exactly by the
   later of the two, whatever the order: the copy groups end as the connected components of the
   verified pairs, which no order changes.
3. The canonical copy of a group is its earliest arrival (ledger order), a fixed property of the
   rows; a late-deduped earlier copy takes the group over (``rules.merge``). Before re-pointing a
   group, its current canonical copy is locked too (``group:<id>``, a second phase taken after the
   first, again in key order) and re-read, so two merges of one group never interleave.
4. Re-pointing copies changes which versions of their items are canonical, so those items' chains
   are relinked under their ``item:`` locks. That third phase (and the next article of a file
   holding several, deduped in the same transaction) can, rarely, wait in a cycle with another
   worker; Postgres then aborts one transaction with a deadlock error, a transient error the
   task retries, and the retry recomputes everything from committed state. Advisory locks live
   in Postgres, so all of this holds for workers on any number of hosts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from pipeline.dedupe import minhash, rules
from pipeline.settings import Settings
from pipeline.storage import dedupe


def dedupe_article(session: Session, article_id: int, settings: Settings) -> bool:
    """Link the article to its copies and into its item's chain; True when it is a copy."""
    return dedupe_subject(session, dedupe.subject(session, article_id), settings).is_copy


@dataclass(frozen=True)
class Deduped:
    """What :func:`dedupe_subject` decided, and the article's signature where it is left to
    the article's placement to store (else None: stored already)."""

    is_copy: bool
    signature: dedupe.Signature | None


def dedupe_subject(
    session: Session, subject: dedupe.Subject, settings: Settings, placed_next: bool = False
) -> Deduped:
    """:func:`dedupe_article` of an article read already (claimed with its item). With
    ``placed_next`` (the caller places the article in its story next, in this transaction), a
    canonical article deduped for the first time leaves its signature to its placement, which
    writes its row once with both: nothing read in between looks at its signature or stage."""
    facts, article_id = subject.facts, subject.facts.article_id
    article = rules.Shingled(facts, minhash.shingles(subject.body, settings.shingle_words))
    signature = minhash.signature(article.shingles, settings.minhash_permutations)
    policy = copy_policy(settings)
    # A text too short to compare stays out of LSH: it would only crowd shared buckets.
    bands = minhash.band_hashes(signature, settings.lsh_bands) if policy.comparable(article) else []
    dedupe.lock(session, rules.lock_names(facts, bands))
    merged = _merge_copies(session, article, bands, policy)
    changed = dedupe.repoint(session, merged.decisions, merged.root.article_id)
    canonical = merged.root.article_id == article_id
    signed = dedupe.Signature(minhash.to_bytes(signature), minhash.to_bytes(article.shingles))
    # Its own item's versions come with the signature (or the buckets), re-pointed already.
    if placed_next and canonical and not subject.deduped_before:
        versions, left = dedupe.store_bands(session, facts, bands), signed
    else:
        versions, left = dedupe.store_signature(session, facts, signed, bands, canonical), None
    _record_copies(session, article_id, merged, subject.deduped_before)
    dedupe.refresh_file_status(session, changed.files)
    # Its own item is locked already (lock_names): usually nothing is left to ask for.
    others = sorted(changed.items - {facts.item_key})
    dedupe.lock(session, [f"item:{item}" for item in others])
    for item in sorted({*others, facts.item_key}):
        relink_item(session, item, versions if item == facts.item_key else None)
    return Deduped(not canonical, left)


def copy_policy(settings: Settings) -> rules.CopyPolicy:
    return rules.CopyPolicy(
        settings.near_duplicate_threshold,
        settings.shingle_words,
        settings.near_duplicate_min_shingles,
    )


def _merge_copies(
    session: Session, article: rules.Shingled, bands: Sequence[int], policy: rules.CopyPolicy
) -> rules.Merge:
    links = find_links(session, article, bands, policy)
    roots = _locked_roots(session, [link.other.article_id for link in links])
    return rules.merge(article.facts, links, roots)


def find_links(
    session: Session, article: rules.Shingled, bands: Sequence[int], policy: rules.CopyPolicy
) -> list[rules.Link]:
    """Candidate lookup (item, text, LSH buckets) and exact verification of each candidate."""
    found = []
    for candidate in dedupe.copy_candidates(session, article.facts, bands):
        other = rules.Shingled(candidate.facts, _shingles(candidate, policy.words))
        link = rules.copy_link(article, other, policy)
        if link is not None:
            found.append(link)
    return found


def _shingles(candidate: dedupe.Candidate, words: int) -> minhash.Shingles:
    if candidate.shingle_hashes is not None:
        return minhash.shingles_from_bytes(candidate.shingle_hashes)
    return minhash.shingles(candidate.body or "", words)


def _locked_roots(session: Session, linked_ids: list[int]) -> dict[int, rules.ArticleFacts]:
    """Canonical copies of the linked articles, each locked; re-read until none moved."""
    locked: set[int] = set()
    while True:
        roots = dedupe.canonical_copies(session, linked_ids)
        missing = {root.article_id for root in roots.values()} - locked
        if not missing:
            return roots
        dedupe.lock(session, [f"group:{root_id}" for root_id in missing])
        locked |= missing


def _record_copies(
    session: Session, article_id: int, merged: rules.Merge, deduped_before: bool
) -> None:
    for group_id, decision in merged.decisions.items():
        dedupe.record_decisions(session, group_id, [decision], rules.COPY_DECISIONS)
    # Canonical: no copy decision of its own, and none to drop unless deduped before.
    if article_id not in merged.decisions and deduped_before:
        dedupe.record_decisions(session, article_id, [], rules.COPY_DECISIONS)


def relink_item(
    session: Session, item_key: str, stored: list[dedupe.StoredVersion] | None = None
) -> None:
    """Recompute the item's version chain from its canonical versions (``stored``: read with
    the signature, else read now), and its kill flag. Nothing is written for an item that has,
    and should have, no links and the right flag (most items: one version): version decisions
    are only ever written beside a link."""
    if stored is None:
        stored = dedupe.item_versions(session, item_key)
    versions = [version.facts for version in stored]
    killed = rules.is_killed(versions)
    chain = rules.version_chain(versions)
    links = [(one, previous) for one, previous in chain if previous is not None]
    if not links and all(v.supersedes_id is None and v.is_killed == killed for v in stored):
        return
    dedupe.reset_chain(session, item_key, rules.VERSION_DECISIONS, killed)
    for article, previous in links:
        dedupe.set_supersedes(session, article.article_id, previous.article_id)
        decision = rules.version_decision(article, previous)
        dedupe.record_decisions(session, article.article_id, [decision], ())
