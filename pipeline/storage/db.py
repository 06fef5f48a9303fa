"""Engines and units of work. Repository functions take a Session and never commit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, CursorResult, Engine, Executable, create_engine, text
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause


@lru_cache(maxsize=4)
def get_engine(url: str) -> Engine:
    """One engine (and pool) per URL per process."""
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


@contextmanager
def session_scope(bind: Engine | Connection) -> Iterator[Session]:
    """A transaction: commits on success, rolls back on any error, always closes. Given a
    connection already checked out (a task's batch of files), each scope is a transaction of
    its own on it, without a pool checkout and its liveness round trip every time."""
    session = Session(bind=bind, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def execute(session: Session, statement: Executable, parameters: Any = None) -> CursorResult[Any]:
    """Run a statement on the session's connection, in its transaction. Storage functions only
    run Core statements and never load objects, so the ORM's per-statement work (its execution
    state, identity-map sync of UPDATEs, autoflush) would be cost without use: about a third of
    the dedupe stage's own CPU."""
    return session.connection().execute(statement, parameters)


def unnest_insert(table: str, columns: Mapping[str, str], tail: str = "") -> TextClause:
    """``INSERT ... SELECT FROM unnest(one array per column) [tail]``: one constant statement
    for any number of rows, so the server plans it once per connection and runs it once per
    call (an executemany runs the insert once per row). Being text, it is compiled once per
    process too: SQLAlchemy compiles every Postgres ``insert()`` construct (ON CONFLICT
    included) again on every execution, as it has no cache key."""
    arrays = ", ".join(f"CAST(:{name} AS {kind}[])" for name, kind in columns.items())
    return text(f"INSERT INTO {table} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) {tail}")


def column_arrays(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]] | None:
    """Rows (dicts of one shape) as the parameters of an :func:`unnest_insert`; None for none."""
    listed = list(rows)
    return {name: [row[name] for row in listed] for name in listed[0]} if listed else None


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
