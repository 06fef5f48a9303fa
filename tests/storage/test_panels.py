"""The status page's reads against a real database: series by the minute, sources' cadence,
and the read-only role they go through."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from pipeline.settings import Settings
from pipeline.storage import panels
from pipeline.storage.db import get_reader_engine, session_scope
from tests.support.database import record_file

pytestmark = pytest.mark.services


@pytest.fixture(scope="module", autouse=True)
def _flush_statistics(engine: Engine) -> Iterator[None]:
    """Close this module's connections at its end: a backend hands its row counts to the
    statistics when it exits, not seconds later while idle, where a following test reading the
    statistics (tests/storage/test_statistics.py) would see them arrive."""
    yield
    engine.dispose()


_ARTICLE = text("""
    INSERT INTO article (source_file_id, item_index, format, item_key, version, agency, headline,
        pubstatus, paragraphs, body, body_hash, search, created_at)
    VALUES (:file_id, :index, 'plain', :key, 1, :agency, :headline, 'usable', '[]', 'body',
        md5(:key), to_tsvector('body'), now() - make_interval(secs => :ago))""")


def _articles(engine: Engine, agency: str, seconds_ago: list[float]) -> None:
    file_id = record_file(engine, f"{agency}.txt", agency.encode())
    with session_scope(engine) as session:
        for index, ago in enumerate(seconds_ago):
            key = f"{agency}-{index}"
            session.execute(
                _ARTICLE,
                {"file_id": file_id, "index": index, "key": key, "agency": agency,
                 "headline": key, "ago": ago},
            )  # fmt: skip


def _read(engine: Engine, settings: Settings | None = None) -> dict[str, panels.SourceState]:
    with session_scope(engine) as session:
        states = panels.sources(session, settings or Settings())
    return {state.source: state for state in states}


def test_cadence_is_learned_from_the_gaps_between_arrivals(engine: Engine, clean_db: None):
    # Every 60 s for an hour, then silent for 20 minutes: 3 × 60 s is allowed at most, but
    # never less than the floor.
    _articles(engine, "Interfax", [1200 + 60 * i for i in range(60)])
    _articles(engine, "TASS", [30 + 60 * i for i in range(60)])
    settings = Settings(quiet_min_seconds=120, quiet_factor=3.0, quiet_percentile=0.95)
    states = _read(engine, settings)
    interfax, tass = states["Interfax"], states["TASS"]
    assert interfax.cadence_seconds == pytest.approx(60, abs=1)
    assert interfax.allowed_silence_seconds == pytest.approx(180, abs=3)
    assert interfax.quiet is True
    assert interfax.silent_seconds == pytest.approx(1200, abs=30)
    assert tass.quiet is False


def test_cadence_looks_back_from_the_last_arrival_not_from_now(engine: Engine, clean_db: None):
    """A source silent for longer than the look-back keeps the cadence it had."""
    ten_days = 10 * 86_400
    _articles(engine, "Xinhua", [ten_days + 600 * i for i in range(20)])
    state = _read(engine, Settings(quiet_lookback_days=7))["Xinhua"]
    assert state.cadence_seconds == pytest.approx(600, abs=1)
    assert state.quiet is True


def test_series_count_articles_and_the_backlog_by_the_minute(engine: Engine, clean_db: None):
    _articles(engine, "AFP", [5, 6, 7, 3600 * 5])
    pending = record_file(engine, "pending.txt", b"never sent")
    with session_scope(engine) as session:
        session.execute(
            text(
                "UPDATE source_file SET received_at = now() - interval '30 minutes' WHERE id = :id"
            ),
            {"id": pending},
        )
        per_minute = panels.articles_per_minute(session, 60)
        backlog = panels.backlog(session, 60)
        figures = panels.ledger_figures(session)
    assert len(per_minute) == 61
    assert sum(point.value for point in per_minute) == 3  # the one 5 h ago is outside
    assert per_minute[-1].at - per_minute[0].at == timedelta(minutes=60)
    assert backlog[-1].value == 2  # the pending file and AFP's, never processed
    assert backlog[0].value == 0
    assert figures.oldest_pending_seconds >= 1800
    assert figures.articles == 4


def test_panels_read_an_empty_database(engine: Engine, clean_db: None):
    with session_scope(engine) as session:
        assert panels.sources(session, Settings()) == []
        assert panels.latest_articles(session, 20) == []
        assert panels.stories_of_the_day(session, 10) == []
        assert panels.latest_failures(session, 10) == []
        assert sum(point.value for point in panels.backlog(session, 30)) == 0


def test_the_reader_engine_changes_nothing(database_url: str, engine: Engine, clean_db: None):
    reader = get_reader_engine(database_url)
    with (
        pytest.raises(DBAPIError, match=r"read-only transaction|permission denied"),
        reader.connect() as connection,
    ):
        connection.execute(text("DELETE FROM source_file"))
    with reader.connect() as connection:
        role = connection.execute(text("SELECT current_user")).scalar_one()
    assert role == "wire_reader"
