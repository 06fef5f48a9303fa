"""Throw-away databases on a server: for test sessions and benchmarks, never for data."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from pipeline.storage import connect
from pipeline.storage.db import get_engine


def libpq(url: str) -> str:
    """The SQLAlchemy URL as psycopg wants it."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def create_database(server_url: str, prefix: str, template_url: str | None = None) -> str:
    """A new database on the server of ``server_url``, empty or, given ``template_url``, a copy
    of that database (which nobody may be connected to); returns its URL."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template_url is not None:
        template = sql.Identifier(str(make_url(template_url).database))
        statement = sql.SQL("{} TEMPLATE {}").format(statement, template)
    with psycopg.connect(libpq(server_url), autocommit=True) as connection:
        connection.execute(statement)
    return make_url(server_url).set(database=name).render_as_string(hide_password=False)


def drop_database(server_url: str, url: str) -> None:
    get_engine(url).dispose()
    name = str(make_url(url).database)
    with psycopg.connect(libpq(server_url), autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


@contextmanager
def scratch_database(server_url: str, prefix: str) -> Iterator[str]:
    """A fresh migrated database, dropped when the block ends."""
    url = create_database(server_url, prefix)
    try:
        connect.upgrade(url)
        yield url
    finally:
        drop_database(server_url, url)
