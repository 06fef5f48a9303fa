"""Statements run on the driver directly behave as through SQLAlchemy: rows, errors, values."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, LargeBinary, bindparam, select, text
from sqlalchemy.dialects.postgresql import ARRAY, BIGINT
from sqlalchemy.exc import IntegrityError, MultipleResultsFound, NoResultFound, ProgrammingError
from sqlalchemy.orm import Session

from pipeline.storage import db
from pipeline.storage.db import built_once, execute, session_scope
from pipeline.storage.tables import SourceFile

pytestmark = pytest.mark.services

_TWO_ROWS = text("SELECT n, n * 2 AS twice, n + 1 AS n FROM generate_series(1, 2) AS n")
_TYPED = text(
    "SELECT cardinality(:ids) AS count, octet_length(:data) AS size, :ids AS ids"
).bindparams(bindparam("ids", type_=ARRAY(BIGINT)), bindparam("data", type_=LargeBinary))
_NAMES = built_once(select(SourceFile.id, SourceFile.original_name).order_by(SourceFile.id))
_RECORD = text(
    "INSERT INTO source_file (sha256, original_name, size, content)"
    " VALUES (:sha256, :name, 1, 'x') RETURNING id"
)


def test_constant_statements_take_the_driver_path(engine: Engine):
    assert db._direct(_TWO_ROWS, engine.dialect) is not None
    assert db._direct(_NAMES, engine.dialect) is not None
    per_call = select(SourceFile.id).where(SourceFile.id.in_([1, 2]))
    assert db._direct(per_call, engine.dialect) is None  # expanded per call: SQLAlchemy's


def test_rows_by_name_and_position_and_the_result_api(engine: Engine):
    with session_scope(engine) as session:
        rows = execute(session, _TWO_ROWS).all()
        assert [tuple(row) for row in rows] == [(1, 2, 2), (2, 4, 3)]
        assert rows[1].twice == 4
        assert rows[1][2] == 3  # a repeated name, by position
        assert execute(session, _TWO_ROWS).scalars() == [1, 2]
        assert execute(session, _TWO_ROWS).scalar() == 1
        with pytest.raises(MultipleResultsFound):
            execute(session, _TWO_ROWS).one()
        typed = execute(session, _TYPED, {"ids": (5, 6, 7), "data": b"abc"}).one()
        assert (typed.count, typed.size, typed.ids) == (3, 3, [5, 6, 7])  # a tuple bound as array


def test_statements_without_rows_and_names_read_off_the_result(engine: Engine, clean_db: None):
    """Column names come from the result itself (any text the server sends back), and a
    statement that returns no rows, or no result set at all, gives an empty list."""
    with session_scope(engine) as session:
        named = execute(session, text('SELECT 1 AS "Größe", 2 AS "two words"')).one()
        assert tuple(named) == (1, 2)
        assert named._fields[0] == "Größe"
        empty = text("SELECT id, original_name FROM source_file WHERE false")
        assert execute(session, empty).all() == []
        write = text("UPDATE source_file SET size = size + 1 WHERE id = :id")
        assert execute(session, write, {"id": 1}).all() == []
    with session_scope(engine) as session:  # names arrive in the connection's encoding
        execute(session, text("SET LOCAL client_encoding TO 'LATIN1'"))
        assert execute(session, text('SELECT 1 AS "Größe"')).one()._fields == ("Größe",)


def test_constructs_marked_built_once_and_per_call_ones_agree(engine: Engine, clean_db: None):
    with session_scope(engine) as session:
        first = execute(session, _RECORD, {"sha256": "a" * 64, "name": "a.txt"}).scalar_one()
        per_call = select(SourceFile.id, SourceFile.original_name).order_by(SourceFile.id)
        assert [tuple(row) for row in execute(session, _NAMES)] == [(first, "a.txt")]
        assert [tuple(row) for row in execute(session, per_call)] == [(first, "a.txt")]
        missing = text("SELECT id FROM source_file WHERE id = :id")
        assert execute(session, missing, {"id": first + 1}).scalar_one_or_none() is None
        with pytest.raises(NoResultFound):
            execute(session, missing, {"id": first + 1}).one()


def test_errors_are_sqlalchemy_errors_and_the_transaction_rolls_back(
    engine: Engine, clean_db: None
):
    """The tasks sort database errors by SQLAlchemy's classes: the driver path raises those."""

    def record_twice() -> None:
        with session_scope(engine) as session:
            execute(session, _RECORD, {"sha256": "b" * 64, "name": "b.txt"})
            execute(session, _RECORD, {"sha256": "b" * 64, "name": "again.txt"})

    with pytest.raises(IntegrityError):
        record_twice()
    with session_scope(engine) as session:
        assert execute(session, text("SELECT count(*) FROM source_file")).scalar_one() == 0
    with pytest.raises(ProgrammingError), session_scope(engine) as session:
        execute(session, text("SELECT no_such_column FROM source_file"))
    with session_scope(engine) as session:  # the pooled connection is still usable
        assert execute(session, text("SELECT 1")).scalar_one() == 1


def test_a_session_runs_each_transaction_on_the_connection_it_holds_then(
    engine: Engine, clean_db: None
):
    """The connection is asked of the session once per transaction: its statements share
    it, and after a rollback or a commit the session's next transaction is its own."""
    transaction = text("SELECT txid_current()")
    with Session(bind=engine) as session:
        first = execute(session, transaction).scalar_one()
        execute(session, _RECORD, {"sha256": "c" * 64, "name": "c.txt"})
        assert execute(session, transaction).scalar_one() == first
        session.rollback()
        second = execute(session, transaction).scalar_one()
        assert second != first
        assert execute(session, text("SELECT count(*) FROM source_file")).scalar_one() == 0
        execute(session, _RECORD, {"sha256": "d" * 64, "name": "d.txt"})
        session.commit()
        assert execute(session, transaction).scalar_one() not in (first, second)
    with session_scope(engine) as session:
        assert [name for _, name in execute(session, _NAMES)] == ["d.txt"]
