"""Read-only queries behind ``wire status``, ``wire run``'s summary and the benchmarks' checks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.orm import Session

from pipeline.storage.tables import FINAL_STATUSES

# A row superseded by its file's later bytes is not the file's verdict: counted apart, so that
# "failed" is what the failed folder holds.
_COUNTS = text("""
    SELECT CASE WHEN superseded_by_id IS NULL THEN status ELSE 'superseded' END, count(*)
    FROM source_file GROUP BY 1 ORDER BY 1""")
_FAILURES = text("""
    SELECT error_kind, count(*) FROM source_file
    WHERE status = 'failed' AND superseded_by_id IS NULL
    GROUP BY error_kind ORDER BY count(*) DESC""")
_RECENT = text("""
    SELECT id, original_name, error_kind, left(error_message, 120) FROM source_file
    WHERE status = 'failed' AND superseded_by_id IS NULL ORDER BY updated_at DESC LIMIT 10""")
_ITEM_FAILURES = text("""
    SELECT kind, count(*) FROM item_failure GROUP BY kind ORDER BY count(*) DESC""")
_RECENT_ITEMS = text("""
    SELECT i.source_file_id, f.original_name, i.item_index, i.stage, i.kind, left(i.message, 100)
    FROM item_failure i JOIN source_file f ON f.id = i.source_file_id
    ORDER BY i.created_at DESC, i.source_file_id, i.item_index LIMIT 20""")
_LAG = text("""
    SELECT count(*), coalesce(extract(epoch FROM now() - min(received_at)), 0),
        count(*) FILTER (WHERE updated_at < now() - make_interval(secs => :stuck))
    FROM source_file WHERE status IN ('queued', 'processing')""")
_STORED = text("""
    SELECT a.id, a.format, a.agency, left(a.headline, 70), a.published_at,
        (SELECT count(*) FROM mention m WHERE m.article_id = a.id) AS mentions,
        (SELECT count(*) FROM event_mention em WHERE em.article_id = a.id) AS events,
        coalesce(a.duplicate_of_id::text, '') AS duplicate_of
    FROM article a ORDER BY a.id DESC LIMIT :limit""")
_TOP_ENTITIES = text("""
    SELECT e.kind, e.name, count(*) AS mentions FROM mention m JOIN entity e ON e.id = m.entity_id
    GROUP BY e.kind, e.name ORDER BY count(*) DESC, e.name LIMIT 15""")
_LEDGER_PROGRESS = text(
    "SELECT count(*), count(*) FILTER (WHERE status = ANY(:final)) FROM source_file"
).bindparams(final=list(FINAL_STATUSES))
_SERVER_CLOCK = text("SELECT extract(epoch FROM clock_timestamp())")
_FINISHED = text(
    "SELECT (SELECT count(*) FROM article WHERE source_file_id = ANY(:ids)),"
    " (SELECT extract(epoch FROM max(updated_at)) FROM source_file WHERE id = ANY(:ids))"
)
_OPEN_FILES = text(
    "SELECT count(*) FROM source_file WHERE id = ANY(:ids) AND status <> ALL(:final)"
).bindparams(final=list(FINAL_STATUSES))
_STATUSES = text("SELECT status, count(*) FROM source_file WHERE id = ANY(:ids) GROUP BY 1")
_UNDEDUPED = text(
    "SELECT count(*) FROM article WHERE source_file_id = ANY(:ids) AND stage <> 'dedupe'"
)
# An article's created_at is its transaction's start, a little before it committed.
_DROPPED = text(
    "SELECT original_name, extract(epoch FROM received_at), extract(epoch FROM updated_at),"
    " status, (SELECT extract(epoch FROM min(a.created_at)) FROM article a"
    " WHERE a.source_file_id = source_file.id),"
    # The start of the dedupe transaction that finished its first article (a later write to
    # the row can only move this later: an upper bound).
    " (SELECT extract(epoch FROM min(a.updated_at)) FROM article a"
    " WHERE a.source_file_id = source_file.id AND a.stage = 'dedupe')"
    " FROM source_file WHERE original_name = ANY(:names)"
)


def files_by_status(session: Session) -> Sequence[Row[Any]]:
    return session.execute(_COUNTS).all()


def queue_lag(session: Session, stuck_after_seconds: float) -> tuple[int, float, int]:
    """Files not final, the age of the oldest in seconds, and how many made no progress for
    ``stuck_after_seconds``."""
    pending, oldest, stuck = session.execute(_LAG, {"stuck": stuck_after_seconds}).one()
    return int(pending), float(oldest), int(stuck)


def failures_by_kind(session: Session) -> Sequence[Row[Any]]:
    return session.execute(_FAILURES).all()


def recent_failures(session: Session) -> Sequence[Row[Any]]:
    return session.execute(_RECENT).all()


def item_failures_by_kind(session: Session) -> Sequence[Row[Any]]:
    return session.execute(_ITEM_FAILURES).all()


def recent_item_failures(session: Session) -> Sequence[Row[Any]]:
    """File id and name, item index, stage, kind and reason of the latest items failed alone."""
    return session.execute(_RECENT_ITEMS).all()


def newest_articles(session: Session, limit: int) -> Sequence[Row[Any]]:
    return session.execute(_STORED, {"limit": limit}).all()


def most_mentioned_entities(session: Session) -> Sequence[Row[Any]]:
    return session.execute(_TOP_ENTITIES).all()


def ledger_progress(session: Session) -> tuple[int, int]:
    """Files recorded in the ledger, and of them the final ones."""
    recorded, final = session.execute(_LEDGER_PROGRESS).one()
    return int(recorded), int(final)


def server_clock(session: Session) -> float:
    """The database server's clock, in epoch seconds (the benchmarks time on one clock)."""
    return float(session.execute(_SERVER_CLOCK).scalar_one())


def articles_and_last_final(session: Session, file_ids: list[int]) -> tuple[int, float]:
    """Articles stored from these files, and when the last of them was last updated."""
    articles, finished = session.execute(_FINISHED, {"ids": file_ids}).one()
    return int(articles), float(finished)


def open_files(session: Session, file_ids: list[int]) -> int:
    return int(session.execute(_OPEN_FILES, {"ids": file_ids}).scalar_one())


def dropped_files(session: Session, names: list[str]) -> Sequence[Row[Any]]:
    """Original name, received and updated times (epoch), status, when the first article was
    stored and when the first one was through every stage (epoch, or None) of the named
    files."""
    return session.execute(_DROPPED, {"names": names}).all()


def statuses_of(session: Session, file_ids: list[int]) -> dict[str, int]:
    """Files per status, of these files."""
    rows = session.execute(_STATUSES, {"ids": file_ids}).tuples().all()
    return {str(status): int(count) for status, count in rows}


def articles_not_deduped(session: Session, file_ids: list[int]) -> int:
    """Articles of these files whose items have not been through dedupe (open or failed)."""
    return int(session.execute(_UNDEDUPED, {"ids": file_ids}).scalar_one())


# Per backend of this database: advisory locks held right now (a transaction's dedupe locks).
_MOST_ADVISORY_LOCKS = text("""
    SELECT coalesce(max(held), 0) FROM (
        SELECT count(*) AS held FROM pg_locks
        WHERE locktype = 'advisory'
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        GROUP BY pid
    ) AS backends""")
_LOCK_TABLE = text("""
    SELECT current_setting('max_locks_per_transaction')::int
        * (current_setting('max_connections')::int
           + current_setting('max_prepared_transactions')::int)""")


def most_advisory_locks(session: Session) -> int:
    """The most advisory locks any one backend of this database holds at this moment."""
    return int(session.execute(_MOST_ADVISORY_LOCKS).scalar_one())


def lock_table_size(session: Session) -> int:
    """Entries of the server's shared lock table, which every transaction's locks share."""
    return int(session.execute(_LOCK_TABLE).scalar_one())


def extracted_items(session: Session) -> list[tuple[int, int]]:
    """(file id, item index) of every item extracted and not yet deduped, in file order."""
    return [(int(file_id), int(index)) for file_id, index in session.execute(_EXTRACTED).all()]


_EXTRACTED = text(
    "SELECT source_file_id, item_index FROM article WHERE stage = 'extract' ORDER BY 1, 2"
)


def dedupe_outcome(session: Session) -> tuple[int, int, int, str]:
    """Copies, stories, decisions, and a digest of everything dedupe decided (links, chains,
    kill flags, stories and their counts, decisions, signatures and bands, files' statuses):
    two runs over the same articles decided the same where the digests are equal."""
    copies, stories, decisions, digest = session.execute(_OUTCOME).one()
    return int(copies), int(stories), int(decisions), str(digest)


_OUTCOME = text("""
    SELECT (SELECT count(*) FROM article WHERE duplicate_of_id IS NOT NULL),
        (SELECT count(*) FROM story), (SELECT count(*) FROM dedupe_decision),
        md5(concat(
            (SELECT string_agg(concat_ws(',', id, stage, duplicate_of_id, supersedes_id,
                    is_killed, story_id, md5(minhash), md5(story_vector), md5(story_places)), ';'
                    ORDER BY id) FROM article),
            (SELECT string_agg(concat_ws(',', article_id, band, hash), ';'
                    ORDER BY article_id, band) FROM lsh_band),
            (SELECT string_agg(concat_ws(',', article_id, decision, related_article_id, score,
                    reason, story_id), ';' ORDER BY article_id, decision, related_article_id)
                FROM dedupe_decision),
            (SELECT string_agg(concat_ws(',', id, representative_headline, article_count,
                    agency_count, first_seen_at, last_seen_at), ';' ORDER BY id) FROM story),
            (SELECT string_agg(concat_ws(',', id, status), ';' ORDER BY id) FROM source_file)))
""")
