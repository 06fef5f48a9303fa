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
    from tests.support.stories import article

    with session_scope(engine) as session:
        file_id = ledger.record_file(session, SEED.name, SEED.read_bytes()).file_id
        articles.replace_articles(session, file_id, parse_bytes(SEED.read_bytes()))
    count = text("SELECT count(*) FROM article WHERE search @@ plainto_tsquery('simple', :q)")
    with engine.connect() as connection:
        assert connection.execute(count, {"q": "lunar memorandum"}).scalar() == 1
    # A re-parse rewrites the vector with the text (it is written, not generated).
    retold = article(["Heavy rain flooded the region."], headline="Floods in the north")
    with session_scope(engine) as session:
        articles.replace_articles(session, file_id, [retold])
    with engine.connect() as connection:
        assert connection.execute(count, {"q": "lunar memorandum"}).scalar() == 0
        assert connection.execute(count, {"q": "floods rain"}).scalar() == 1
        assert connection.execute(text(_VECTOR_DIFFERS)).scalar() == 0


_VECTOR_DIFFERS = """
    SELECT count(*) FROM article
    WHERE search IS DISTINCT FROM to_tsvector('simple', coalesce(headline, '') || ' ' || body)
"""


_EXTRACTED_BEFORE = """
    INSERT INTO source_file (id, sha256, original_name, size, content)
        VALUES (1, repeat('a', 64), 'a.txt', 1, 'x');
    INSERT INTO article (id, source_file_id, item_index, format, item_key, version, headline,
        pubstatus, paragraphs, body, body_hash, extracted_at)
        VALUES (1, 1, 0, 'plaintext', 'a:1', 1, 'h', 'usable', '[]', 'b', 'x', now()),
               (2, 1, 1, 'plaintext', 'a:2', 1, 'h', 'usable', '[]', 'b', 'y', NULL);
    INSERT INTO entity (id, key, kind, name)
        VALUES (7, 'e:7', 'misc', 'E7'), (3, 'e:3', 'misc', 'E3');
    INSERT INTO mention (article_id, entity_id, text, start_char, end_char, sentence_index,
        extractor_version)
        VALUES (1, 7, 'E7', 0, 2, 0, 'v'), (1, 3, 'E3', 3, 5, 0, 'v'), (1, 7, 'E7', 6, 8, 0, 'v');
    INSERT INTO event (id, happening_key, code, label, root_code, quad_class, extractor_version)
        VALUES (5, 'k', '036', 'meet', '03', 1, 'v');
    INSERT INTO event_mention (event_id, article_id, sentence_index, trigger, trigger_start,
        start_char, end_char, modality, confidence, extractor_version)
        VALUES (5, 1, 0, 'met', 0, 0, 5, 'asserted', 1, 'v');
"""


def test_articles_extracted_before_get_their_entity_and_event_ids(empty_database: str):
    """The upgrade that adds the ids the story step tests fills them in from the mentions."""
    connect.upgrade(empty_database, "b5e07d3a9c28")
    with psycopg.connect(libpq(empty_database)) as connection:
        connection.execute(_EXTRACTED_BEFORE)
    connect.upgrade(empty_database)
    with psycopg.connect(libpq(empty_database)) as connection:
        rows = connection.execute("SELECT id, entity_ids, event_ids FROM article ORDER BY id")
        assert rows.fetchall() == [(1, [3, 7], [5]), (2, None, None)]


def test_event_words_come_and_go_with_their_migration(empty_database: str):
    connect.upgrade(empty_database)
    assert {"event_word", "event_mention"} <= _tables(empty_database)
    connect.downgrade(empty_database, "a7c2e9f4b1d6")
    tables = _tables(empty_database)
    assert "event_word" not in tables
    assert "event_mention" in tables
    connect.upgrade(empty_database)
    connect.check(empty_database)


def test_actions_come_and_go_with_their_migration(empty_database: str):
    connect.upgrade(empty_database)
    assert "action" in _tables(empty_database)
    connect.downgrade(empty_database, "d5f9b3a7c1e2")
    assert "action" not in _tables(empty_database)
    connect.upgrade(empty_database)
    connect.check(empty_database)
