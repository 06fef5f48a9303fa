"""A fresh, migrated database per test session, on whatever server the tests found."""

from __future__ import annotations

import uuid

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from tests.support.services import libpq

TABLES = (
    "dedupe_decision, lsh_band, event_mention, event, mention, entity, article, story, "
    "file_receipt, source_file"
)


def create_database(server_url: str, prefix: str = "wire_test") -> str:
    """A new empty database on the server of ``server_url``; returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(libpq(server_url), autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    name = make_url(url).database
    with psycopg.connect(libpq(server_url), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def truncate_all(url: str) -> None:
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        connection.execute(f"TRUNCATE {TABLES} RESTART IDENTITY CASCADE")
