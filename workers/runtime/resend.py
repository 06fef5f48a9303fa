"""Re-sending files whose message is gone: a row not final that nothing has touched for
``WIRE_STUCK_AFTER_SECONDS`` while no message waits in the queues.

Whatever runs sweeps: the watcher, every ``wire worker`` (a thread of its main process) and
``wire ingest --wait`` (for the files it waits on). Each row is marked re-queued in the same
statement that picks it, skipping rows another sweeper is marking, so sweepers running at once
send a stuck file once between them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy import Engine

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers.runtime import batching

log = structlog.get_logger()
Enqueue = Callable[[list[int]], None]  # one message for these file ids
Waiting = Callable[[], int]  # messages waiting in the queues


@dataclass
class Resender:
    engine: Engine
    enqueue: Enqueue
    waiting: Waiting | None  # None: not known (then stuck rows are sent again regardless)
    stuck_after: float
    batch_files: int

    def sweep(self, stuck_after: float | None = None, among: Sequence[int] | None = None) -> None:
        """Send stuck rows again (``among``: only these files)."""
        if self._messages_waiting():
            return
        quiet = self.stuck_after if stuck_after is None else stuck_after
        with session_scope(self.engine) as session:
            stuck = ledger.requeue_stuck(session, timedelta(seconds=quiet), among=among)
        for file_id in stuck:
            log.info("watch.requeued", file_id=file_id)
        for message in batching.messages(stuck, self.batch_files):
            try:
                self.enqueue(message)
            except Exception as error:  # broker down: the row is sent again on a later sweep
                log.warning("watch.enqueue_failed", file_ids=message, error=str(error)[:200])

    def _messages_waiting(self) -> bool:
        """Whether messages still wait in the queue: then a row unchanged for a while is most
        likely behind them, not lost, and re-sending every such row would multiply a backlog
        (the chaos run under load re-sent thousands). Lost messages are re-sent once the queue
        has drained; those of killed workers also come back after the visibility timeout."""
        if self.waiting is None:
            return False
        try:
            return self.waiting() > 0
        except Exception as error:  # broker away: the re-sends fail and are logged on their own
            log.warning("watch.queue_unknown", error=str(error)[:200])
            return False

    def every(self, interval: float, stop: threading.Event) -> threading.Thread:
        """Sweep every ``interval`` seconds in a daemon thread until ``stop`` is set; a
        database outage is waited out."""

        def loop() -> None:
            while not stop.wait(interval):
                try:
                    self.sweep()
                except Exception as error:
                    log.warning("sweep.failed", error=str(error)[:200])

        thread = threading.Thread(target=loop, name="wire-resend", daemon=True)
        thread.start()
        return thread
