"""SIGTERM while a task runs: the worker finishes it before exiting, and the file still ends done.

A worker of its own on a queue of its own is stopped mid-extraction of a long story; the stage
must have committed (not been cut off), and a worker started afterwards takes the rest.
"""

from __future__ import annotations

import signal
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.corpus import SEED
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.runtime.app import app
from workers.runtime.tasks import parse
from workers.runtime.worker_process import start_worker

pytestmark = pytest.mark.services


def _long_story() -> bytes:
    """A story long enough that its extraction is still running when SIGTERM arrives."""
    padding = "\n\n".join(SEED.read_text().split("\n\n")[3:]) * 10
    return wire_items(1, seed=11)[0].content + b"\n" + padding.encode()


def _row(engine: Engine, file_id: int) -> tuple[str, str | None]:
    """The file's status and its (one) item's stage."""
    with engine.connect() as connection:
        query = text("""
            SELECT f.status, a.stage FROM source_file f
            LEFT JOIN article a ON a.source_file_id = f.id WHERE f.id = :id""")
        row = connection.execute(query, {"id": file_id}).one()
    return row.status, row.stage


def test_sigterm_mid_task_finishes_it_and_the_file_ends_done(
    engine: Engine, clean_db: None, pipeline_env: dict[str, str], tmp_path: Path
):
    env = {**pipeline_env, "WIRE_QUEUE": f"wire-term-{uuid.uuid4().hex[:8]}"}
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, "long.txt", _long_story()).file_id
    first_log = tmp_path / "first.log"
    worker = start_worker(env, first_log, concurrency=1)
    app.send_task(parse.name, args=[file_id], queue=env["WIRE_QUEUE"])
    wait_for(lambda: b"Task wire.extract[" in first_log.read_bytes(), what="extraction started")
    worker.send_signal(signal.SIGTERM)
    assert worker.wait(timeout=120) == 0
    assert _row(engine, file_id) == ("processing", "extract")  # finished, not cut off
    second = start_worker(env, tmp_path / "second.log", concurrency=1)
    try:
        wait_for(lambda: _row(engine, file_id)[0] == "done", what="the file to end done")
    finally:
        second.terminate()
        second.wait(timeout=60)
