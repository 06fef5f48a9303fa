"""Run Celery workers inside this process (the embedded default, and ``wire run``)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from celery import Celery


@contextmanager
def inprocess_worker(app: Celery, concurrency: int = 1) -> Iterator[None]:
    """A real Celery worker consuming in a background thread until the block ends.

    On the in-memory transport producer and consumer must share the process, so the solo pool
    is used there; with a real broker, a thread pool gives ``concurrency`` parallel tasks.
    """
    # The watcher's own log says what happens to each file; per-task lines would drown it.
    for chatty in ("celery", "kombu"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
    from workers.runtime.app import stage_queues

    pool = "solo" if concurrency == 1 else "threads"
    worker = app.WorkController(
        queues=stage_queues(app.conf.task_default_queue),
        pool_cls=pool,
        concurrency=concurrency,
        loglevel="WARNING",
        without_heartbeat=True,
        without_mingle=True,
        without_gossip=True,
    )
    thread = threading.Thread(target=worker.start, name="celery-worker", daemon=True)
    thread.start()
    try:
        yield
    finally:
        worker.stop()
        thread.join(timeout=30)
