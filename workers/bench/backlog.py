"""The backlog benchmark: memory of the watcher, the workers and Redis while a large backlog
(N files already in the inbox when the watcher starts) is taken in and worked off, at most
``WIRE_MAX_IN_FLIGHT`` files at a time.

Nothing here is a test: it prints figures. It runs in the scratch database and on the private
queue of a :class:`workers.bench.ingest.WorkerPool`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import psutil
import redis

from pipeline.storage import reports as queries
from pipeline.storage.db import session_scope
from workers.bench.ingest import WorkerPool
from workers.runtime.app import stage_queues, waiting_messages

_MB = 2**20


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

    @property
    def worked_off(self) -> bool:
        return not self.inbox and self.final == self.recorded


def backlog_memory(
    pool: WorkerPool,
    items: Iterable[tuple[str, bytes]],
    seconds: float,
    every: float,
    on_sample: Callable[[Sample], None],
) -> list[Sample]:
    """Write every item into a fresh inbox, start a watcher on it, and sample every ``every``
    seconds for ``seconds``, or until every file is final and the inbox empty. Each sample is
    handed to ``on_sample`` as it is taken: a run of hours shows its progress, and what it
    measured survives an interrupted run."""
    broker = redis.Redis.from_url(str(pool.settings.broker_url))
    samples: list[Sample] = []
    with pool.watching(items) as (settings, watcher):
        started = time.perf_counter()
        while not samples or (samples[-1].seconds < seconds and not samples[-1].worked_off):
            if not watcher.is_alive():
                raise RuntimeError("the watcher stopped during the run")
            time.sleep(every)
            samples.append(_sample(pool, broker, settings.inbox, time.perf_counter() - started))
            on_sample(samples[-1])
    return samples


def _sample(pool: WorkerPool, broker: redis.Redis, inbox: Path, seconds: float) -> Sample:
    pool.sample_memory()
    with session_scope(pool.engine) as session:
        recorded, final = queries.ledger_progress(session)
    workers = [rss for _, rss in pool.rss_trace[-1:]]
    return Sample(
        seconds=seconds,
        inbox=sum(1 for entry in os.scandir(inbox) if entry.is_file()),
        recorded=int(recorded),
        final=int(final),
        waiting=waiting_messages(stage_queues(pool.queue), pool.app),
        watcher_mb=psutil.Process().memory_info().rss / _MB,
        worker_mb=(workers[0] if workers else 0) / _MB,
        redis_mb=int(broker.info("memory")["used_memory"]) / _MB,
    )
