"""`wire status` and `wire retry-failed` against a real database and real folders."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers.cli.main import app
from workers.inbox.watcher import Watcher

pytestmark = pytest.mark.services
runner = CliRunner()


def _failed(engine: Engine, name: str, content: bytes, kind: str) -> int:
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, name, content).file_id
        ledger.mark_failed(session, file_id, kind, f"{name}: bad [{kind}]", "parse")
    return file_id


def test_status_shows_lag_failures_by_kind_and_stuck_files(engine: Engine, clean_db: None):
    _failed(engine, "a.txt", b"a", "unknown_format")
    _failed(engine, "b.txt", b"b", "unknown_format")
    _failed(engine, "c.xml", b"c", "unsafe_input")
    with session_scope(engine) as session:
        stuck = ledger.record_file(session, "d.txt", b"d").file_id
        ledger.record_file(session, "e.txt", b"e")
        session.execute(
            text("UPDATE source_file SET updated_at = now() - interval '1 hour' WHERE id = :id"),
            {"id": stuck},
        )
    result = runner.invoke(app, ["status"])
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())  # the console wraps long lines
    assert "queue lag: 2 file(s) not final" in words
    assert "stuck (no progress for 300 s): 1" in words
    assert re.search(r"unknown_format\s*│\s*2\b", result.stdout)
    assert re.search(r"unsafe_input\s*│\s*1\b", result.stdout)


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("WIRE_INBOX", str(tmp_path / "inbox"))
    monkeypatch.setenv("WIRE_FAILED_DIR", str(tmp_path / "failed"))
    monkeypatch.setenv("WIRE_PROCESSED_DIR", str(tmp_path / "processed"))
    get_settings.cache_clear()
    (tmp_path / "failed").mkdir()
    yield tmp_path
    get_settings.cache_clear()


def _quarantine(failed: Path, name: str, content: bytes) -> Path:
    (failed / name).write_bytes(content)
    (failed / f"{name}.error.txt").write_text(f"{name}: old reason\n")
    return failed / name


def test_retry_failed_puts_the_quarantined_copy_back_in_flight(
    engine: Engine, clean_db: None, folders: Path
):
    # Two different files that were both dropped as bad.txt, failed for different reasons.
    replayed = _failed(engine, "bad.txt", b"first bad.txt", "unknown_format")
    _failed(engine, "bad.txt", b"second bad.txt", "unsafe_input")
    _quarantine(folders / "failed", "bad.txt", b"first bad.txt")
    kept = _quarantine(folders / "failed", "bad.1.txt", b"second bad.txt")
    result = runner.invoke(app, ["retry-failed", "--kind", "unknown_format"])
    assert result.exit_code == 0, result.output
    assert "re-queued 1 file(s); 1 quarantined copies back in flight" in result.stdout
    assert sorted(p.name for p in (folders / "failed").iterdir()) == [
        "bad.1.txt",
        "bad.1.txt.error.txt",
    ]
    assert kept.read_bytes() == b"second bad.txt"
    inflight = folders / "inbox" / ".inflight" / f"{replayed}-bad.txt"
    assert inflight.read_bytes() == b"first bad.txt"
    watcher = Watcher(get_settings(), engine, lambda file_ids: None)
    watcher.sweep()  # a running watcher adopts it and files it by the new verdict
    assert watcher.inflight == {replayed: inflight}


def test_db_shell_runs_sql_on_the_pipelines_database(pipeline_env: dict[str, str]):
    import os
    import subprocess
    import sys

    env = os.environ | pipeline_env
    query = "SELECT 'ledger ' || count(*) FROM source_file WHERE false"
    done = subprocess.run(
        [sys.executable, "-m", "workers.cli.main", "db", "shell", "-c", query],
        env=env, capture_output=True, text=True, check=False, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "ledger 0" in done.stdout
    failing = subprocess.run(
        [sys.executable, "-m", "workers.cli.main", "db", "shell", "-c", "SELECT nonsense"],
        env=env, capture_output=True, text=True, check=False, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert failing.returncode != 0
    assert "nonsense" in failing.stderr


def test_retry_leaves_a_quarantined_copy_mended_into_rejected_bytes_failed(
    engine: Engine, clean_db: None, folders: Path
):
    replayed = _failed(engine, "bad.txt", b"first bad.txt", "unknown_format")
    known = _failed(engine, "other.txt", b"other bad bytes", "unsafe_input")
    copy = _quarantine(folders / "failed", "bad.txt", b"other bad bytes")  # edited by hand
    _quarantine(folders / "failed", "other.txt", b"other bad bytes")
    with session_scope(engine) as session:  # where the watcher quarantined each
        ledger.quarantined(session, replayed, "bad.txt")
        ledger.quarantined(session, known, "other.txt")
    result = runner.invoke(app, ["retry-failed", "--kind", "unknown_format"])
    assert result.exit_code == 0, result.output
    assert f"the same as file {known}, rejected before: left failed" in result.stdout
    assert "re-queued 0 file(s)" in result.stdout
    assert copy.read_bytes() == b"other bad bytes"
    assert (folders / "failed" / "bad.txt.error.txt").read_text() == (
        f"bad.txt: a copy of file {known} (other.txt), rejected before: bad (kind unsafe_input)\n"
    )
    with engine.connect() as connection:
        superseded = connection.execute(
            text("SELECT superseded_by_id FROM source_file WHERE id = :id"), {"id": replayed}
        ).scalar_one()
    assert superseded == known
    status = " ".join(runner.invoke(app, ["status"]).stdout.split())
    assert "failed │ 1" in status
    assert "superseded │ 1" in status
