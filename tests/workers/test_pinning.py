"""Worker processes pinned to cores (WIRE_PIN_WORKERS): one core each, spread, and a process
replaced over its memory cap takes over its predecessor's core."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import psutil
import pytest
from sqlalchemy import Engine

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.waiting import wait_for, wait_for_file_end
from tests.support.wireitems import wire_items
from workers.runtime.app import app
from workers.runtime.tasks import parse
from workers.runtime.worker_process import start_worker

pytestmark = pytest.mark.services


def _pinned_cores(worker: subprocess.Popen[bytes]) -> list[int] | None:
    """The pool processes' cores, sorted, once there are two, each pinned to one core."""
    try:
        affinities = [child.cpu_affinity() for child in psutil.Process(worker.pid).children()]
    except psutil.NoSuchProcess:  # one was being replaced
        return None
    if len(affinities) != 2 or any(len(cores) != 1 for cores in affinities):
        return None
    return sorted(cores[0] for cores in affinities)


def test_pool_processes_are_pinned_spread_and_replacements_keep_the_spread(
    engine: Engine, clean_db: None, pipeline_env: dict[str, str], tmp_path: Path
):
    # 1 MB: every process is over its cap after its first task and is replaced.
    env = {**pipeline_env, "WIRE_QUEUE": f"wire-pin-{uuid.uuid4().hex[:8]}",
           "WIRE_PIN_WORKERS": "true", "WIRE_WORKER_MAX_MEMORY_MB": "1"}  # fmt: skip
    allowed = sorted(os.sched_getaffinity(0))
    spread = sorted(allowed[index % len(allowed)] for index in range(2))
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, concurrency=2)
    try:
        assert wait_for(lambda: _pinned_cores(worker), what="two pinned processes") == spread
        (item,) = wire_items(1, seed=7)
        with session_scope(engine) as session:
            file_id = ledger.record_file(session, item.name, item.content).file_id
        app.send_task(parse.name, args=[file_id], queue=env["WIRE_QUEUE"])
        assert wait_for_file_end(engine, file_id) == "done"
        assert log.read_text().count("worker.pinned") >= 3  # replacements were pinned too
        assert wait_for(lambda: _pinned_cores(worker), what="two pinned processes") == spread
    finally:
        worker.terminate()
        worker.wait(timeout=60)
