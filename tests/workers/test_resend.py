"""A file never waits on a message that is gone: whatever runs (a worker, `wire ingest
--wait`, the watcher) sends a quiet file that is not final again, each such file once."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.settings import get_settings
from pipeline.storage.db import session_scope
from tests.support.database import record_file
from tests.support.waiting import wait_for_file_end
from tests.support.wireitems import wire_items
from workers.cli import main as cli
from workers.runtime import resources as runtime
from workers.runtime.resend import Resender
from workers.runtime.worker_process import start_worker
from workers.stages import run as stages

pytestmark = pytest.mark.services
STORIES = [item.content for item in wire_items(6, seed=5)]


def _lost(engine: Engine, name: str, content: bytes) -> int:
    """A row whose message is gone: parse committed long ago, nothing was sent after it."""
    file_id = record_file(engine, name, content)
    with session_scope(engine) as session:
        session.execute(
            text("""UPDATE source_file SET status = 'processing', stage = 'parse',
                    updated_at = now() - interval '1 hour' WHERE id = :id"""),
            {"id": file_id},
        )
    return file_id


def _parsed_and_lost(engine: Engine, name: str, content: bytes) -> int:
    """As :func:`_lost`, with the items its parse stored: their extract message is gone."""
    file_id = record_file(engine, name, content)
    with session_scope(engine) as session:
        stages.parse_files(session, [file_id], runtime.parse_options())  # its parts never sent
    with session_scope(engine) as session:
        session.execute(
            text("UPDATE source_file SET updated_at = now() - interval '1 hour' WHERE id = :id"),
            {"id": file_id},
        )
    return file_id


def test_sweepers_running_at_once_send_each_stuck_file_once(engine: Engine, clean_db: None):
    stuck = [_lost(engine, f"{n}.txt", f"story {n}".encode()) for n in range(60)]
    sent: list[int] = []
    lock = threading.Lock()

    def enqueue(file_ids: list[int]) -> None:
        with lock:
            sent.extend(file_ids)

    sweepers = [Resender(engine, enqueue, None, 60.0, 8) for _ in range(4)]
    threads = [threading.Thread(target=sweeper.sweep) for sweeper in sweepers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(sent) == stuck
    Resender(engine, enqueue, None, 60.0, 8).sweep()  # marked re-queued now: not sent again
    assert len(sent) == len(stuck)


def test_ingest_wait_sends_again_a_file_whose_message_is_gone(
    engine: Engine, clean_db: None, celery_worker: object, monkeypatch: pytest.MonkeyPatch
):
    file_id = _parsed_and_lost(engine, "lost.txt", STORIES[0])
    monkeypatch.setenv("WIRE_SWEEP_INTERVAL_SECONDS", "0.5")
    monkeypatch.setenv("WIRE_STUCK_AFTER_SECONDS", "1")
    get_settings.cache_clear()
    try:
        cli._wait([file_id])  # returns only once the file is final
    finally:
        get_settings.cache_clear()
    assert wait_for_file_end(engine, file_id) == "done"


@pytest.mark.slow
def test_a_worker_sends_again_a_file_whose_message_is_gone(
    engine: Engine, clean_db: None, pipeline_env: dict[str, str], tmp_path: Path
):
    file_id = _parsed_and_lost(engine, "lost.txt", STORIES[1])
    env = {
        **pipeline_env,
        "WIRE_QUEUE": f"{pipeline_env['WIRE_QUEUE']}-sweeping",
        "WIRE_SWEEP_INTERVAL_SECONDS": "1",
        "WIRE_STUCK_AFTER_SECONDS": "2",
    }
    worker = start_worker(env, tmp_path / "worker.log", concurrency=1)
    try:
        assert wait_for_file_end(engine, file_id) == "done"
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    assert '"event": "watch.requeued"' in (tmp_path / "worker.log").read_text()
