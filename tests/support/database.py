"""The test session's own database, on whatever server the tests found."""

from __future__ import annotations

import psycopg

from pipeline.storage.scratch import create_database, drop_database, libpq

__all__ = ["create_database", "drop_database", "truncate_all"]

TABLES = (
    "dedupe_decision, lsh_band, event_mention, event, mention, entity, article, story, "
    "file_receipt, source_file"
)


def truncate_all(url: str) -> None:
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        connection.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
