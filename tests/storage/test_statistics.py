"""Stale planner statistics are renewed by the rule autovacuum follows, by one session at a time,
and a plan cached while a table was small is made again for its size."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine, create_engine, text

from pipeline.storage import statistics
from pipeline.storage.db import session_scope
from pipeline.storage.scratch import libpq
from workers.runtime.upkeep import StatisticsUpkeep

pytestmark = pytest.mark.services

_STATS_SECONDS = 30  # backends hand their row counts to the statistics within about 10 s


@pytest.fixture
def server(database_url: str, clean_db: None) -> Iterator[psycopg.Connection]:
    """A connection of its own, with autovacuum kept off ``source_file`` meanwhile (where it
    runs, it could analyze the table first and leave nothing to find)."""
    with psycopg.connect(libpq(database_url), autocommit=True) as connection:
        connection.execute("ALTER TABLE source_file SET (autovacuum_enabled = off)")
        try:
            _analyze_now(connection)
            yield connection
        finally:
            connection.execute("ALTER TABLE source_file RESET (autovacuum_enabled)")


def _analyze_now(connection: psycopg.Connection) -> None:
    for table in statistics.PIPELINE_TABLES:
        connection.execute(f'ANALYZE "{table}"')


def _add_files(connection: psycopg.Connection, first: int, last: int) -> None:
    connection.execute(
        "INSERT INTO source_file (sha256, original_name, size, content)"
        " SELECT md5(n::text), 'f' || n, 1, 'x' FROM generate_series(%s::int, %s::int) AS n",
        (first, last),
    )
    deadline = time.monotonic() + _STATS_SECONDS
    while _changed_rows(connection) < last - first + 1 and time.monotonic() < deadline:
        time.sleep(0.2)


def _changed_rows(connection: psycopg.Connection) -> int:
    row = connection.execute(
        "SELECT n_mod_since_analyze FROM pg_stat_user_tables WHERE relname = 'source_file'"
    ).fetchone()
    return int(row[0]) if row else 0


def _analyze_stale(engine: Engine) -> list[str]:
    with session_scope(engine) as session:
        return statistics.analyze_stale(session)


def test_a_table_changed_past_the_threshold_is_analyzed_once(
    engine: Engine, server: psycopg.Connection
):
    # Other tables may turn stale meanwhile: an earlier test's backends (its workers' too)
    # hand in their row counts up to seconds after it ended. Only source_file is this test's.
    assert "source_file" not in _analyze_stale(engine)
    _add_files(server, 1, 30)  # under autovacuum's 50 rows
    assert "source_file" not in _analyze_stale(engine)
    _add_files(server, 31, 200)
    assert "source_file" in _analyze_stale(engine)
    tuples = server.execute("SELECT reltuples FROM pg_class WHERE relname = 'source_file'")
    assert tuples.fetchone() == (200,)
    # the changes are counted from the new statistics
    assert "source_file" not in _analyze_stale(engine)


def test_one_session_analyzes_while_the_others_go_on(engine: Engine, server: psycopg.Connection):
    _add_files(server, 1, 200)
    with session_scope(engine) as holder:
        holder.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": statistics._LOCK_KEY})
        assert _analyze_stale(engine) == []  # not waited for
    assert "source_file" in _analyze_stale(engine)


def _plan(connection: psycopg.Connection) -> str:
    rows = connection.execute("EXPLAIN EXECUTE by_hash('0')").fetchall()
    return " ".join(row[0] for row in rows)


def test_a_plan_made_while_the_table_was_small_follows_its_growth(
    engine: Engine, server: psycopg.Connection
):
    """The plan a connection caches for a prepared statement stays until new statistics: made
    over a few rows, it reads the whole table at any size."""
    _add_files(server, 1, 60)
    _analyze_now(server)
    server.execute("PREPARE by_hash(text) AS SELECT id FROM source_file WHERE sha256 = $1")
    for _ in range(6):  # past the custom plans Postgres tries first
        server.execute("EXECUTE by_hash('0')")
    _add_files(server, 61, 20_000)
    assert "Seq Scan" in _plan(server)
    assert _analyze_stale(engine) == ["source_file"]
    assert "Index" in _plan(server)


def test_a_worker_checks_at_most_once_per_interval(engine: Engine, server: psycopg.Connection):
    upkeep = StatisticsUpkeep(interval=3600)
    _add_files(server, 1, 200)
    upkeep.run_if_due(engine, "wire.parse")
    assert _changed_rows(server) == 0  # analyzed
    _add_files(server, 201, 400)
    upkeep.run_if_due(engine, "wire.parse")
    assert _changed_rows(server) == 200  # not yet due again


def test_upkeep_without_a_database_leaves_the_work_alone():
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    StatisticsUpkeep().run_if_due(unreachable, "wire.parse")  # logged, not raised
