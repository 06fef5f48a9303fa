"""A worker process over its memory cap is replaced between tasks, and no file is lost."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.waiting import wait_for_file_end
from tests.support.wireitems import wire_items
from workers.runtime.app import app
from workers.runtime.tasks import parse
from workers.runtime.worker_process import start_worker

pytestmark = pytest.mark.services


def test_processes_over_the_cap_are_replaced_and_the_file_ends_done(
    engine: Engine, clean_db: None, pipeline_env: dict[str, str], tmp_path: Path
):
    # 1 MB: every process is over it after its first task, so each stage runs in a new one.
    env = {**pipeline_env, "WIRE_QUEUE": f"wire-cap-{uuid.uuid4().hex[:8]}",
           "WIRE_WORKER_MAX_MEMORY_MB": "1"}  # fmt: skip
    (item,) = wire_items(1, seed=5)
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, item.name, item.content).file_id
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, concurrency=1)
    try:
        app.send_task(parse.name, args=[file_id], queue=env["WIRE_QUEUE"])
        assert wait_for_file_end(engine, file_id) == "done"
        # One process at a time, so a new pool process name means the last one was replaced.
        assert len(set(re.findall(r"ForkPoolWorker-\d+", log.read_text()))) >= 3
    finally:
        worker.terminate()
        worker.wait(timeout=60)
