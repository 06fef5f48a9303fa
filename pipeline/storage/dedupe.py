"""Dedupe state in Postgres: locks, candidates for the rules, links and the decisions taken."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Boolean,
    Select,
    Text,
    all_,
    any_,
    bindparam,
    case,
    cast,
    func,
    literal_column,
    or_,
    select,
    text,
    true,
    union,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT, SMALLINT
from sqlalchemy.orm import Session, aliased

from pipeline.dedupe.rules import COPY_DECISIONS, ArticleFacts, Decision
from pipeline.storage.db import built_once, execute, int_array
from pipeline.storage.tables import (
    FINAL_STATUSES,
    OPEN_ITEM_STAGES,
    Article,
    DedupeDecision,
    LshBand,
    SourceFile,
)

# Locks in ascending key order: two transactions never wait on each other in a cycle.
_LOCK_SORTED = text(
    "SELECT count(pg_advisory_xact_lock(key)) FROM"
    " (SELECT key FROM unnest(CAST(:keys AS bigint[])) AS key ORDER BY key) AS ordered"
)


def lock(session: Session, names: Iterable[str]) -> None:
    """Take transaction-scoped advisory locks, valid across every worker on every host."""
    keys = sorted({advisory_key(name) for name in names})
    if keys:
        execute(session, _LOCK_SORTED, {"keys": int_array(keys)})


def advisory_key(name: str) -> int:
    """A signed 64-bit lock id, identical on every host (unlike Python's hash())."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


@dataclass(frozen=True)
class Subject:
    """The article to dedupe: its facts, its body, and whether a dedupe of it committed before
    (else it has no signature, buckets, copy or story decisions yet: nothing to replace)."""

    facts: ArticleFacts
    body: str
    deduped_before: bool


def subject(session: Session, article_id: int) -> Subject:
    """The article to dedupe, by id."""
    return _subject(execute(session, _SUBJECT, {"article_id": article_id}).tuples().one())


def claim(session: Session, file_id: int, item_index: int) -> Subject | None:
    """Lock the item's article and read it, in one round trip, where it is open for dedupe
    (parsed or extracted, not failed, in a file not final); else None. A dedupe of it committed
    meanwhile is waited for, then seen: the row lock re-checks the row's stage."""
    values = {
        "file_id": file_id, "item_index": item_index, "final": list(FINAL_STATUSES),
        "open": list(OPEN_ITEM_STAGES),
    }  # fmt: skip
    row = execute(session, _CLAIM, values).tuples().one_or_none()
    return None if row is None else _subject(row)


def _subject(row: Sequence[Any]) -> Subject:
    return Subject(_to_facts(row), row[-2], row[-1])


def copy_candidates(
    session: Session, article: ArticleFacts, bands: Sequence[int]
) -> list[Candidate]:
    """Already deduped articles that may be copies: same item and version, same text, or
    sharing an LSH bucket (band, hash). A union of three index lookups, so the cost grows with
    the log of the stored signatures, not their number."""
    rows = execute(
        session,
        _COPY_CANDIDATES,
        {
            "article_id": article.article_id,
            "item_key": article.item_key,
            "version": article.version,
            "body_hash": article.body_hash,
            "bands": int_array(range(len(bands))),
            "hashes": int_array(bands),
        },
    )
    return [Candidate(_to_facts(row), row[-2], row[-1]) for row in rows.tuples()]


@dataclass(frozen=True)
class Candidate:
    """A possible copy with its stored shingle hashes, or, for a row deduped before those
    were stored, its body to shingle instead (one of the two is None)."""

    facts: ArticleFacts
    shingle_hashes: bytes | None
    body: str | None


def _copy_candidates() -> Select[Any]:
    """Built once: the buckets are two parallel arrays, so the statement text never varies."""
    same_item = select(Article.id).where(
        Article.item_key == bindparam("item_key"), Article.version == bindparam("version")
    )
    same_text = select(Article.id).where(Article.body_hash == bindparam("body_hash"))
    buckets = select(
        func.unnest(cast(bindparam("bands"), ARRAY(SMALLINT))).label("band"),
        func.unnest(cast(bindparam("hashes"), ARRAY(BIGINT))).label("hash"),
    ).subquery()
    # One index probe per bucket, whatever the statistics: as a join, the plan kept for the
    # prepared statement could be a hash join over all of lsh_band (the cheaper one while the
    # table was small), scanning every stored bucket for every article ever after. The
    # OFFSET keeps the probe a subquery of its own, so it stays a probe.
    probe = (
        select(LshBand.article_id)
        .where(LshBand.band == buckets.c.band, LshBand.hash == buckets.c.hash)
        .offset(literal_column("0"))
        .lateral()
    )
    same_bucket = select(probe.c.article_id).select_from(buckets).join(probe, true())
    body_if_needed = case((Article.shingle_hashes.is_(None), Article.body))
    return _facts_query(Article.shingle_hashes, body_if_needed).where(
        Article.id.in_(union(same_item, same_text, same_bucket)),
        Article.id != bindparam("article_id"),
        Article.minhash.is_not(None),
    )


def canonical_copies(session: Session, article_ids: Iterable[int]) -> dict[int, ArticleFacts]:
    """The canonical copy of each given article, keyed by the given id (one round trip)."""
    ids = list(article_ids)
    if not ids:
        return {}
    rows = execute(session, _CANONICAL_COPIES, {"ids": int_array(ids)})
    return {row[-1]: _to_facts(row) for row in rows.tuples()}


def _canonical_copies() -> Select[Any]:
    given = aliased(Article)
    return (
        _facts_query(given.id)
        .join(given, Article.id == func.coalesce(given.duplicate_of_id, given.id))
        .where(given.id == any_(cast(bindparam("ids"), ARRAY(BIGINT))))
    )


def repoint(session: Session, group_ids: Iterable[int], root_id: int) -> Repointed:
    """Point the groups' articles at ``root_id``, which is canonical already (see
    :func:`store_signature`); says which items and files changed."""
    groups = list(group_ids)
    if not groups:
        return Repointed(set(), set())
    changed = execute(
        session,
        update(Article)
        .where(or_(Article.id.in_(groups), Article.duplicate_of_id.in_(groups)))
        .values(duplicate_of_id=root_id)
        .returning(Article.id, Article.item_key, Article.source_file_id),
    ).all()
    execute(
        session,  # their reasons still name the pair that was verified
        update(DedupeDecision)
        .where(
            DedupeDecision.article_id.in_([row[0] for row in changed]),
            DedupeDecision.decision.in_(COPY_DECISIONS),
        )
        .values(related_article_id=root_id),
    )
    return Repointed({row[1] for row in changed}, {row[2] for row in changed})


@dataclass(frozen=True)
class Repointed:
    items: set[str]
    files: set[int]


def refresh_file_status(session: Session, file_ids: Iterable[int]) -> None:
    """A finished file whose every article is now a copy becomes ``duplicate``."""
    ids = list(file_ids)
    if not ids:
        return
    all_copies = ~(
        select(Article.id)
        .where(Article.source_file_id == SourceFile.id, Article.duplicate_of_id.is_(None))
        .exists()
    )
    execute(
        session,
        update(SourceFile)
        .where(SourceFile.id.in_(ids), SourceFile.status == "done", all_copies)
        .values(status="duplicate"),
    )


@dataclass(frozen=True)
class Signature:
    """What an article's row stores of its dedupe: its MinHash signature and its sorted
    shingle hashes, packed (:func:`pipeline.dedupe.minhash.to_bytes`)."""

    minhash: bytes
    shingle_hashes: bytes


def store_signature(
    session: Session,
    facts: ArticleFacts,
    signature: Signature,
    bands: Sequence[int],
    canonical: bool,
) -> list[StoredVersion]:
    """The signature, the shingle hashes and the LSH buckets; the article's stage becomes
    dedupe, and where it is ``canonical`` (the root of its group) it points at no other. (A
    root other than the article is a canonical copy already, read under its group's lock:
    nothing to write for it.) Returns the versions of its item as :func:`item_versions` would
    read them next: the article as written now, the others as they are."""
    rows = execute(
        session,
        _STORE_SIGNATURE,
        {
            "article_id": facts.article_id,
            "item_key": facts.item_key,
            "minhash": signature.minhash,
            "shingle_hashes": signature.shingle_hashes,
            "hashes": int_array(bands),
            "canonical": canonical,
        },
    )
    return [StoredVersion(_to_facts(row), row[-2], row[-1]) for row in rows.tuples()]


def store_bands(session: Session, facts: ArticleFacts, bands: Sequence[int]) -> list[StoredVersion]:
    """The LSH buckets of a canonical article deduped for the first time, whose row is
    written with its placement next (:func:`pipeline.storage.stories.place`, given its
    :class:`Signature`): one write of the row instead of two, each through every index of the
    table. Returns the versions of its item as :func:`item_versions` reads them: the article's
    row as it is, pointing at no other (never deduped, it was in no group)."""
    rows = execute(
        session,
        _STORE_BANDS,
        {"article_id": facts.article_id, "item_key": facts.item_key, "hashes": int_array(bands)},
    )
    return [StoredVersion(_to_facts(row), row[-2], row[-1]) for row in rows.tuples()]


@dataclass(frozen=True)
class StoredVersion:
    """A version of an item with the chain link and kill flag it has now."""

    facts: ArticleFacts
    supersedes_id: int | None
    is_killed: bool


def item_versions(session: Session, item_key: str) -> list[StoredVersion]:
    """Every stored version of the item, copies included (``canonical_id`` tells them apart)."""
    rows = execute(session, _ITEM_VERSIONS, {"item_key": item_key})
    return [StoredVersion(_to_facts(row), row[-2], row[-1]) for row in rows.tuples()]


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
    execute(
        session,
        _REPLACE_DECISIONS,
        {
            "article_id": article_id,
            "kinds": list(kinds),
            "decisions": [decision.decision for decision in decisions],
            "related": [decision.related_article_id for decision in decisions],
            "scores": [decision.score for decision in decisions],
            "reasons": [decision.reason for decision in decisions],
            "stories": [decision.story_id for decision in decisions],
        },
    )


# Delete and insert in one round trip (columns as parallel arrays: any number of decisions).
_REPLACE_DECISIONS = text("""
    WITH dropped AS (
        DELETE FROM dedupe_decision
        WHERE article_id = :article_id AND decision = ANY(CAST(:kinds AS text[]))
    )
    INSERT INTO dedupe_decision (article_id, decision, related_article_id, score, reason, story_id)
    SELECT CAST(:article_id AS bigint), taken.*
    FROM unnest(
        CAST(:decisions AS text[]), CAST(:related AS bigint[]), CAST(:scores AS float8[]),
        CAST(:reasons AS text[]), CAST(:stories AS bigint[])
    ) AS taken
""")


def set_supersedes(session: Session, article_id: int, previous_id: int) -> None:
    execute(
        session, update(Article).where(Article.id == article_id).values(supersedes_id=previous_id)
    )


def reset_chain(session: Session, item_key: str, kinds: Sequence[str], killed: bool) -> None:
    """Unlink every version of the item, drop its version decisions (to be recomputed) and set
    its kill flag; rows already so are not rewritten."""
    execute(session, _RESET_CHAIN, {"item_key": item_key, "kinds": list(kinds), "killed": killed})


_RESET_CHAIN = text("""
    WITH dropped AS (
        DELETE FROM dedupe_decision
        WHERE article_id IN (SELECT id FROM article WHERE item_key = :item_key)
            AND decision = ANY(CAST(:kinds AS text[]))
    )
    UPDATE article SET supersedes_id = NULL, is_killed = :killed, updated_at = now()
    WHERE item_key = :item_key AND (supersedes_id IS NOT NULL OR is_killed <> :killed)
""")


def _subject_query() -> Select[Any]:
    """Rows of :func:`_subject`: the facts, the body, whether a signature is stored."""
    return _facts_query(Article.body, Article.minhash.is_not(None))


_SUBJECT = built_once(_subject_query().where(Article.id == bindparam("article_id")))
_CLAIM = built_once(
    _subject_query()
    .join(SourceFile, SourceFile.id == Article.source_file_id)
    .where(
        Article.source_file_id == bindparam("file_id"),
        Article.item_index == bindparam("item_index"),
        Article.stage == any_(bindparam("open", type_=ARRAY(Text))),
        SourceFile.status != all_(bindparam("final", type_=ARRAY(Text))),
    )
    .with_for_update(of=Article, key_share=True)
)
_COPY_CANDIDATES = built_once(_copy_candidates())
_CANONICAL_COPIES = built_once(_canonical_copies())
_ITEM_VERSIONS = built_once(
    _facts_query(Article.supersedes_id, Article.is_killed).where(
        Article.item_key == bindparam("item_key")
    )
)


def _version_columns(table: str) -> str:
    """The columns of :func:`item_versions`' rows, of the given table name."""
    selected = _facts_query(Article.supersedes_id, Article.is_killed).selected_columns
    names = [column.name for column in selected]
    return ", ".join(f"{table}.{name}" for name in names)


# One round trip: bands are rewritten in place (a repeat finds its own rows), the ones past
# the new count dropped, and the signature stored; the item's versions read (the article's
# own row as the update leaves it: the statement's reads do not see its writes).
_STORE_SIGNATURE = text(f"""
    WITH dropped AS (
        DELETE FROM lsh_band
        WHERE article_id = :article_id AND band >= cardinality(CAST(:hashes AS bigint[]))
    ), signed AS (
        UPDATE article SET minhash = :minhash, shingle_hashes = :shingle_hashes,
            stage = 'dedupe', updated_at = now(),
            duplicate_of_id = CASE WHEN :canonical THEN NULL ELSE duplicate_of_id END
        WHERE id = :article_id
        RETURNING {_version_columns("article")}
    ), banded AS (
        INSERT INTO lsh_band (article_id, band, hash)
        SELECT CAST(:article_id AS bigint), bands.position - 1, bands.hash
        FROM unnest(CAST(:hashes AS bigint[])) WITH ORDINALITY AS bands(hash, position)
        ON CONFLICT (article_id, band) DO UPDATE SET hash = excluded.hash
    )
    SELECT * FROM signed
    UNION ALL
    SELECT {_version_columns("others")} FROM article others
    WHERE others.item_key = :item_key AND others.id <> :article_id
""").bindparams(bindparam("canonical", type_=Boolean))
# Never deduped: no buckets of its own to replace.
_STORE_BANDS = text(f"""
    WITH banded AS (
        INSERT INTO lsh_band (article_id, band, hash)
        SELECT CAST(:article_id AS bigint), bands.position - 1, bands.hash
        FROM unnest(CAST(:hashes AS bigint[])) WITH ORDINALITY AS bands(hash, position)
    )
    SELECT {_version_columns("article")} FROM article WHERE article.item_key = :item_key
""")
