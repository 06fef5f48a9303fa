"""Engines and units of work. Repository functions take a Session and never commit."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any, TypeGuard, TypeVar, cast
from weakref import WeakKeyDictionary

import psycopg
from psycopg import Cursor
from psycopg.pq import ExecStatus
from psycopg.pq.abc import PGresult
from sqlalchemy import Connection, Engine, Executable, Numeric, create_engine, event, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import MultipleResultsFound, NoResultFound
from sqlalchemy.orm import Session, SessionTransaction
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement, TextClause


@lru_cache(maxsize=4)
def get_engine(url: str) -> Engine:
    """One engine (and pool) per URL per process."""
    return _new_engine(url)


def _new_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def asynchronous_commit_engine(url: str) -> Engine:
    """An engine whose commits return before their WAL is flushed to disk (others see them at
    once; a server crash can lose the last fraction of a second of them): for work that is
    redone from what was committed durably before it, as the stages' transactions are. Not
    cached here: its holder keeps it, and disposes of it before letting it go."""
    engine = _new_engine(url)

    @event.listens_for(engine, "connect")
    def _asynchronous_commit(dbapi_connection: Any, _: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")
        dbapi_connection.commit()

    return engine


def unpooled_engine(url: str) -> Engine:
    """An engine that keeps no connection open between uses: for a process that forks
    children later (a worker's main process), whose pooled connections the children would
    inherit and share."""
    return create_engine(url, poolclass=NullPool)


READER_ROLE = "wire_reader"  # made by the first migration: SELECT on every table and view


@lru_cache(maxsize=4)
def get_reader_engine(url: str, statement_timeout_ms: int = 15_000) -> Engine:
    """An engine whose every connection acts as the read-only role, in read-only transactions,
    with a statement timeout: for readers such as the status page, which can then change
    nothing whatever a request asks. The login of ``url`` must be a member of the role (the
    migrating owner is, or a login granted it)."""
    engine = create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=4)

    @event.listens_for(engine, "connect")
    def _read_only(dbapi_connection: Any, _: Any) -> None:
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"SET ROLE {READER_ROLE}")
            cursor.execute("SET default_transaction_read_only = on")
            cursor.execute(f"SET statement_timeout = {int(statement_timeout_ms)}")
            cursor.execute("SET TIME ZONE 'UTC'")  # the page shows UTC
        dbapi_connection.commit()

    return engine


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


def execute(session: Session, statement: Executable, parameters: Any = None) -> Rows:
    """Run a statement on the session's connection, in its transaction, and fetch its rows.

    Storage functions only run Core statements and never load objects, so the ORM's
    per-statement work (execution state, identity-map sync of UPDATEs, autoflush) would be cost
    without use. A constant statement whose values need no conversion on the way in or out
    (most of them: psycopg adapts the values itself) goes to the driver's cursor directly, in
    the same transaction, compiled once per process: about 70 µs of client CPU a statement
    against 230 through SQLAlchemy's execution and result machinery, some 30 statements a
    file. Constant means a text statement (the storage builds them at import) or a construct
    marked with :func:`built_once`; an executemany (a list of rows) goes through SQLAlchemy."""
    connection = _connection(session)
    direct = None
    constant = isinstance(statement, TextClause) or id(statement) in _BUILT_ONCE
    if constant and (parameters is None or isinstance(parameters, Mapping)):
        direct = _direct(cast(ClauseElement, statement), connection.dialect)
    if direct is None:
        result = connection.execute(statement, parameters)
        return Rows(list(result) if result.returns_rows else [])
    return direct.run(connection, parameters)


# The connection of each open transaction of a session, as ``Session.connection()`` gives it.
_CONNECTIONS: WeakKeyDictionary[SessionTransaction, Connection] = WeakKeyDictionary()


def _connection(session: Session) -> Connection:
    """The session's connection in its transaction (begun where none is): asked of the session
    once per transaction, not per statement. ``Session.connection()`` goes through the
    session's transaction state machine on every call, 13-15 µs of client CPU in a worker
    (about 1 µs in a loop of them: its code and data are cold between statements), 15 calls
    a short item's dedupe."""
    transaction = session.get_transaction()
    held = _CONNECTIONS.get(transaction) if transaction is not None else None
    if held is not None:
        return held
    connection = session.connection()
    _CONNECTIONS[cast(SessionTransaction, session.get_transaction())] = connection
    return connection


_BUILT_ONCE: dict[int, Executable] = {}
_Statement = TypeVar("_Statement", bound=Executable)


def built_once(statement: _Statement) -> _Statement:
    """Mark a statement construct built once at import, so :func:`execute` may run it on the
    driver. (A construct built per call would be compiled again on every call that way.)"""
    _BUILT_ONCE[id(statement)] = statement  # held: its id is never another statement's
    return statement


class Rows:
    """A statement's rows, fetched: the part of SQLAlchemy's result API the storage uses.

    Rows from the driver come as plain tuples with their column names beside them: a row is
    made a named tuple only where it is read as one (iterated, ``all``, ``one``), not where it
    is unpacked by position (``tuples``, ``scalars``): making one for each of the ~300 rows a
    story lookup reads cost more than fetching them."""

    def __init__(self, rows: list[Any], names: tuple[str, ...] | None = None) -> None:
        self._plain = rows
        self._names = names

    @cached_property
    def _rows(self) -> list[Any]:
        if self._names is None:  # SQLAlchemy's rows, named already
            return self._plain
        make = _row_type(self._names)._make
        return [make(row) for row in self._plain]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._rows)

    def all(self) -> list[Any]:
        return self._rows

    def tuples(self) -> Rows:
        """The rows to unpack by position, as plain tuples."""
        return Rows(self._plain)

    def scalars(self) -> list[Any]:
        return [row[0] for row in self._plain]

    def one(self) -> Any:
        found = self.one_or_none()
        if found is None:
            raise NoResultFound("No row was found when one was required")
        return found

    def one_or_none(self) -> Any:
        if len(self._plain) > 1:
            raise MultipleResultsFound("Multiple rows were found when one or none was required")
        return self._rows[0] if self._plain else None

    def scalar(self) -> Any:
        return self._plain[0][0] if self._plain else None

    def scalar_one(self) -> Any:
        return self.tuples().one()[0]

    def scalar_one_or_none(self) -> Any:
        found = self.tuples().one_or_none()
        return None if found is None else found[0]


@dataclass(frozen=True)
class _Direct:
    """A statement compiled for the driver, with the conversions its parameters need."""

    compiled: SQLCompiler
    processors: Mapping[str, Callable[[Any], Any]]

    def run(self, connection: Connection, parameters: Mapping[str, Any] | None) -> Rows:
        values = self.compiled.construct_params(parameters)
        for name, process in self.processors.items():
            values[name] = process(values[name])
        driver = cast(psycopg.Connection[Any], connection.connection.driver_connection)
        cursor = _cursor(driver)
        try:
            cursor.execute(self.compiled.string, values)
            result = cursor.pgresult
            if not _has_rows(result):
                return Rows([])
            return Rows(cursor.fetchall(), _names(result, driver.info.encoding))
        except Exception as error:
            # SQLAlchemy's own handling: the error as its exception class (what the tasks
            # sort into transient and permanent), and a lost connection invalidated.
            sql = self.compiled.string
            connection._handle_dbapi_exception(error, sql, values, cast(Any, cursor), None)
            raise  # not reached: the handler raises


# One cursor per driver connection, kept while the connection lives: a cursor learns how to
# send each type of value once (a list of integers is scanned for the type that holds them
# all), where a new one per statement learnt it again every time (20-40 µs a statement).
_CURSORS: WeakKeyDictionary[psycopg.Connection[Any], Cursor[Any]] = WeakKeyDictionary()


def _cursor(driver: psycopg.Connection[Any]) -> Cursor[Any]:
    cursor = _CURSORS.get(driver)
    if cursor is None or cursor.closed:
        cursor = _CURSORS[driver] = driver.cursor()
    return cursor


@lru_cache(maxsize=512)
def _direct(statement: ClauseElement, dialect: Dialect) -> _Direct | None:
    """The statement for the driver, or None where SQLAlchemy must run it: values expanded
    into the text per call (``IN`` lists), escaped names, or result types it converts. Keyed
    by the statement object: the storage's statements are module constants, and an entry holds
    its statement alive, so a key is never another statement at a reused address."""
    compiled = statement.compile(dialect=dialect)
    if not isinstance(compiled, SQLCompiler) or compiled.escaped_bind_names:
        return None
    if "POSTCOMPILE" in compiled.string or any(
        _converts(entry.type, dialect) for entry in compiled._result_columns or []
    ):
        return None
    processors = {
        name: process for name, process in compiled._bind_processors.items() if callable(process)
    }
    return _Direct(compiled, processors)


def _converts(type_: Any, dialect: Dialect) -> bool:
    """Whether SQLAlchemy converts this result type's values (numerics: by the column's type)."""
    return isinstance(type_, Numeric) or type_._cached_result_processor(dialect, None) is not None


def _names(result: PGresult, encoding: str) -> tuple[str, ...]:
    """The result's column names, read from the result itself: ``cursor.description`` builds a
    column object per column on every read (a third of the client CPU of a ten-column read)."""
    return tuple((result.fname(index) or b"").decode(encoding) for index in range(result.nfields))


def _has_rows(result: PGresult | None) -> TypeGuard[PGresult]:
    """Whether the statement returned a result set (zero rows or more), not only a status."""
    return result is not None and result.status == ExecStatus.TUPLES_OK


@lru_cache(maxsize=512)
def _row_type(names: tuple[str, ...]) -> Any:
    """Named tuples as SQLAlchemy's rows are read here (``row.status``, ``row[0]``); names a
    tuple cannot take (repeated, or not identifiers) are reached by position."""
    return namedtuple("Row", names, rename=True)


def int_array(values: Iterable[int]) -> str:
    """Integers as one Postgres array literal, for a parameter the statement casts to an
    integer array (``::BIGINT[]``): psycopg dumps a list in Python, value by value, after
    scanning it for a type wide enough for all (~90 us of client CPU for the 32 LSH buckets
    against a few for one join). Values are ints, so the literal needs no quoting."""
    return "{" + ",".join(map(str, map(int, values))) + "}"


def unnest_insert(
    table: str,
    columns: Mapping[str, str],
    tail: str = "",
    computed: Mapping[str, str] | None = None,
) -> TextClause:
    """``INSERT ... SELECT FROM unnest(one array per column) [tail]``: one constant statement
    for any number of rows, so the server plans it once per connection and runs it once per
    call (an executemany runs the insert once per row). Being text, it is compiled once per
    process too: SQLAlchemy compiles every Postgres ``insert()`` construct (ON CONFLICT
    included) again on every execution, as it has no cache key. ``computed`` adds columns
    given as SQL expressions over the others (named as columns of ``given``)."""
    extra = computed or {}
    names = ", ".join([*columns, *extra])
    values = ", ".join(["given.*", *extra.values()])
    return text(f"INSERT INTO {table} ({names}) SELECT {values} FROM {unnested(columns)} {tail}")


def unnested(columns: Mapping[str, str]) -> str:
    """``unnest(...) AS given(...)``: one parameter array per column, cast to its type, as rows
    of ``given``."""
    arrays = ", ".join(f"CAST(:{name} AS {kind}[])" for name, kind in columns.items())
    return f"unnest({arrays}) AS given({', '.join(columns)})"


def column_arrays(rows: Iterable[Mapping[str, Any]]) -> dict[str, list[Any]] | None:
    """Rows (dicts of one shape) as the parameters of an :func:`unnest_insert`; None for none."""
    listed = list(rows)
    return {name: [row[name] for row in listed] for name in listed[0]} if listed else None


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))
