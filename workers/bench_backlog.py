"""The backlog benchmark: memory of the watcher, the workers and Redis while a large backlog
(N files already in the inbox when the watcher starts) is taken in and worked off, at most
``WIRE_MAX_IN_FLIGHT`` files at a time.

Nothing here is a test: it prints figures. It runs in the scratch database and on the private
queue of a :class:`workers.bench.WorkerPool`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil
import redis
from sqlalchemy import text

from pipeline.storage.db import session_scope
from workers.bench import WorkerPool
from workers.celery_app import stage_queues

_MB = 2**20
_COUNTS = text(
    "SELECT count(*), count(*) FILTER (WHERE status IN ('done', 'duplicate', 'failed'))"
    " FROM source_file"
)


@dataclass(frozen=True)
class Sample:
    seconds: float
    inbox: int  # files still waiting in the inbox
    recorded: int  # ledger rows: files the watcher has taken in
    final: int  # files with their verdict
    waiting: int  # messages waiting in the queue
    watcher_mb: float  # this process, which runs the watcher
    worker_mb: float  # the largest worker process
    redis_mb: float  # the broker's used memory


def backlog_memory(
    pool: WorkerPool, items: Iterable[tuple[str, bytes]], seconds: float, every: float
) -> list[Sample]:
    """Write every item into a fresh inbox, start a watcher on it, and sample every ``every``
    seconds for ``seconds``."""
    folder = Path(tempfile.mkdtemp(prefix="wire-backlog-"))
    settings = pool.settings.model_copy(update={
        "inbox": folder / "inbox", "processed_dir": folder / "processed",
        "failed_dir": folder / "failed",
    })  # fmt: skip
    settings.inbox.mkdir(parents=True)
    for name, data in items:
        (settings.inbox / name).write_bytes(data)
    broker = redis.Redis.from_url(str(settings.broker_url))
    watcher = pool.watcher(settings)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    samples: list[Sample] = []
    started = time.perf_counter()
    thread.start()
    try:
        while not samples or samples[-1].seconds < seconds:
            if not thread.is_alive():
                raise RuntimeError("the watcher stopped during the run")
            time.sleep(every)
            samples.append(_sample(pool, broker, settings.inbox, time.perf_counter() - started))
    finally:
        stop.set()
        thread.join(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    return samples


def _sample(pool: WorkerPool, broker: redis.Redis, inbox: Path, seconds: float) -> Sample:
    pool.sample_memory()
    with session_scope(pool.engine) as session:
        recorded, final = session.execute(_COUNTS).one()
    workers = [rss for _, rss in pool.rss_trace[-1:]]
    return Sample(
        seconds=seconds,
        inbox=sum(1 for entry in os.scandir(inbox) if entry.is_file()),
        recorded=int(recorded),
        final=int(final),
        waiting=sum(int(broker.llen(queue)) for queue in stage_queues(pool.queue)),
        watcher_mb=psutil.Process().memory_info().rss / _MB,
        worker_mb=(workers[0] if workers else 0) / _MB,
        redis_mb=int(broker.info("memory")["used_memory"]) / _MB,
    )
