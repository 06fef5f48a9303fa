"""A source gone quiet is logged once by the watcher's check and shown by ``wire status``."""

from __future__ import annotations

import json

import pytest
import structlog
from sqlalchemy import Engine, text
from structlog.testing import LogCapture
from typer.testing import CliRunner

from pipeline.settings import Settings, get_settings
from pipeline.storage.db import session_scope
from tests.support.database import record_file
from workers.cli.main import app
from workers.inbox import quiet as quiet_module
from workers.inbox.quiet import QuietSources

pytestmark = pytest.mark.services

_ARTICLE = text("""
    INSERT INTO article (source_file_id, item_index, format, item_key, version, agency, headline,
        pubstatus, paragraphs, body, body_hash, search, created_at)
    VALUES (:file_id, 0, 'plain', :key, 1, :agency, :key, 'usable', '[]', 'body', md5(:key),
        to_tsvector('body'), now() - make_interval(secs => :ago))""")


def _arrived(engine: Engine, agency: str, seconds_ago: float) -> None:
    key = f"{agency}-{seconds_ago}"
    file_id = record_file(engine, f"{key}.txt", key.encode())
    with session_scope(engine) as session:
        session.execute(_ARTICLE, {"file_id": file_id, "key": key, "agency": agency,
                                   "ago": seconds_ago})  # fmt: skip


def _logged_by(check: QuietSources, engine: Engine, settings: Settings) -> list[dict]:
    """What one check logs. The module's own logger may be cached from an earlier test's
    configuration (structlog caches on first use), so the check logs through a fresh one."""
    capture = LogCapture()
    saved = quiet_module.log
    quiet_module.log = structlog.wrap_logger(None, processors=[capture])
    try:
        check.check(engine, settings)
    finally:
        quiet_module.log = saved
    return capture.entries


def test_going_quiet_and_coming_back_are_each_logged_once(engine: Engine, clean_db: None):
    settings = Settings(source_max_silence={"Interfax": 60.0, "TASS": 60.0})
    _arrived(engine, "Interfax", 600)
    _arrived(engine, "TASS", 5)
    check = QuietSources()
    first = _logged_by(check, engine, settings)
    again = _logged_by(check, engine, settings)
    _arrived(engine, "Interfax", 0)
    back = _logged_by(check, engine, settings)
    quiet = [event for event in first if event["event"] == "source.quiet"]
    assert [event["source"] for event in quiet] == ["Interfax"]
    assert quiet[0]["log_level"] == "warning"
    assert quiet[0]["allowed_silence_seconds"] == 60.0
    assert not [event for event in again if event["event"].startswith("source.")]
    assert [(e["event"], e["source"]) for e in back] == [("source.resumed", "Interfax")]


def test_status_flags_the_quiet_source(
    engine: Engine, clean_db: None, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("WIRE_SOURCE_MAX_SILENCE", json.dumps({"Interfax": 60}))
    get_settings.cache_clear()
    _arrived(engine, "Interfax", 600)
    _arrived(engine, "TASS", 5)
    try:
        result = CliRunner().invoke(app, ["status"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    rows = {line.split("│")[1].strip(): line for line in result.stdout.splitlines() if "│" in line}
    assert "QUIET" in rows["Interfax"]
    assert "(set)" in rows["Interfax"]
    assert "learning" in rows["TASS"]
    assert "quiet sources: Interfax" in result.stdout
