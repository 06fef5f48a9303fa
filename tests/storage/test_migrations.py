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


def test_reader_role_reads_but_cannot_write(database_url: str, clean_db: None):
    with psycopg.connect(libpq(database_url)) as connection:
        connection.execute("SET ROLE wire_reader")
        for table in ("source_file", "article", "entity", "mention", "event", "current_article"):
            connection.execute(f"SELECT count(*) FROM {table}")
        statements = (
            "INSERT INTO story (representative_headline) VALUES ('x')",
            "UPDATE article SET headline = 'x'",
            "DELETE FROM entity",
            "CREATE TABLE analyst_scratch (id int)",
            "DROP VIEW current_article",
        )
        for statement in statements:
            with (
                pytest.raises(psycopg.errors.InsufficientPrivilege),
                connection.transaction(),
            ):
                connection.execute(statement)


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
