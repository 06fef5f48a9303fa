"""Migrations: upgrade, downgrade and upgrade again, and the models agree with them."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from pipeline.storage import connect
from pipeline.storage.scratch import libpq
from tests.support import database

pytestmark = pytest.mark.services


@pytest.fixture
def empty_database(postgres_server: str) -> Iterator[str]:
    url = database.create_database(postgres_server, prefix="wire_migrate")
    yield url
    database.drop_database(postgres_server, url)


def _tables(url: str) -> set[str]:
    with psycopg.connect(libpq(url)) as connection:
        rows = connection.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
        )
        return {row[0] for row in rows}


def test_round_trip(empty_database: str):
    connect.upgrade(empty_database)
    connect.check(empty_database)
    expected = {"source_file", "article", "entity", "mention", "event", "story", "current_article"}
    assert expected <= _tables(empty_database)
    connect.downgrade(empty_database, "base")
    assert _tables(empty_database) == {"alembic_version"}
    connect.upgrade(empty_database)
    connect.check(empty_database)
    assert expected <= _tables(empty_database)


_RELATIONS = """
    SELECT c.relname, c.relkind, a.attname FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') ORDER BY c.relname"""
# Statements an analyst must not run, per relation: {0} its name, {1} its first column.
_WRITES = {
    "r": (
        "INSERT INTO {0} DEFAULT VALUES",
        "UPDATE {0} SET {1} = {1}",
        "DELETE FROM {0}",
        "TRUNCATE {0}",
        "ALTER TABLE {0} ADD COLUMN analyst_note text",
        "CREATE INDEX ON {0} ({1})",
        "DROP TABLE {0}",
    ),
    "v": (  # DML on views is covered by the privilege check: some views are not updatable anyway
        "CREATE OR REPLACE VIEW {0} AS SELECT 1 AS {1}",
        "ALTER VIEW {0} RENAME TO analyst_view",
        "DROP VIEW {0}",
    ),
}
_PRIVILEGES = """
    SELECT has_table_privilege(%(name)s, 'SELECT'),
        has_table_privilege(%(name)s, 'INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER')"""
_SCHEMA_CHANGES = (
    "CREATE TABLE analyst_scratch (id int)",
    "CREATE VIEW analyst_view AS SELECT 1",
    "CREATE SCHEMA analyst",
    "CREATE FUNCTION analyst_fn() RETURNS int LANGUAGE sql AS 'SELECT 1'",
)


def test_reader_role_reads_every_table_and_view_and_changes_nothing(
    database_url: str, clean_db: None
):
    with psycopg.connect(libpq(database_url)) as connection:
        relations = connection.execute(_RELATIONS).fetchall()
        connection.execute("SET ROLE wire_reader")
        refused: list[str] = []
        for name, kind, column in relations:
            connection.execute(f"SELECT * FROM {name} LIMIT 1")
            assert connection.execute(_PRIVILEGES, {"name": name}).fetchone() == (True, False), name
            refused += [_refused(connection, sql.format(name, column)) for sql in _WRITES[kind]]
        refused += [_refused(connection, statement) for statement in _SCHEMA_CHANGES]
    assert {name for name, _, _ in relations} >= {"source_file", "article", "current_article"}
    assert {kind for _, kind, _ in relations} == {"r", "v"}
    assert [statement for statement in refused if statement] == []


def _refused(connection: psycopg.Connection[tuple[object, ...]], statement: str) -> str:
    """'' when the statement is refused for lack of privilege, else the statement itself."""
    try:
        with connection.transaction():
            connection.execute(statement)
    except psycopg.errors.InsufficientPrivilege:
        return ""
    return statement


def test_full_text_search_column(database_url: str, engine, clean_db: None):
    from sqlalchemy import text

    from pipeline.formats import parse_bytes
    from pipeline.storage import articles, ledger
    from pipeline.storage.db import session_scope
    from tests.corpus import SEED

    with session_scope(engine) as session:
        file_id = ledger.record_file(session, SEED.name, SEED.read_bytes()).file_id
        articles.replace_articles(session, file_id, parse_bytes(SEED.read_bytes()))
    with engine.connect() as connection:
        found = connection.execute(
            text("SELECT count(*) FROM article WHERE search @@ plainto_tsquery('simple', :q)"),
            {"q": "lunar memorandum"},
        ).scalar()
    assert found == 1
