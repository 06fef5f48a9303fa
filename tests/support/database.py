"""The test session's own database, on whatever server the tests found, and the few ways tests
put files into it and read rows out of it."""

from __future__ import annotations

import psycopg
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from pipeline.storage.scratch import create_database, drop_database, libpq

__all__ = ["create_database", "drop_database", "mark_done", "record_file", "rows", "truncate_all"]

TABLES = (
    "dedupe_decision, lsh_band, event_word, event_mention, event, mention, action, entity, "
    "article, story, file_receipt, source_file"
)


def truncate_all(url: str) -> None:
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        connection.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")


def record_file(engine: Engine, name: str, content: bytes) -> int:
    """The file's ledger row, as the watcher records it; returns its id."""
    with session_scope(engine) as session:
        return ledger.record_file(session, name, content).file_id


def mark_done(session: Session, file_id: int) -> None:
    """The file's verdict in, as a worker's last item gives it (tests that need a final file
    without running the stages)."""
    values = {"file_id": file_id}
    session.execute(
        text(
            "UPDATE source_file SET status = 'done', stage = NULL, error_kind = NULL,"
            " error_message = NULL WHERE id = :file_id"
        ),
        values,
    )


def rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]
