"""The advisory locks of a run, sampled: how many one backend held at most while a file of many
items went through, against what the server's lock table holds."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from pipeline.storage import reports
from pipeline.storage.db import session_scope

# Often enough to catch one item's dedupe transaction, which holds its locks for milliseconds.
SAMPLE_SECONDS = 0.02


class LockWatch:
    """Samples, every SAMPLE_SECONDS until stopped, the most advisory locks any backend of
    the database holds."""

    def __init__(self, engine: Engine) -> None:
        self.engine, self.most, self.samples = engine, 0, 0
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> LockWatch:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.done.set()
        self.thread.join(timeout=10)

    def _watch(self) -> None:
        with self.engine.connect() as connection:
            while not self.done.wait(SAMPLE_SECONDS):
                with session_scope(connection) as session:
                    self.most = max(self.most, reports.most_advisory_locks(session))
                self.samples += 1


def lock_table_size(engine: Engine) -> int:
    """Entries of the server's shared lock table."""
    with session_scope(engine) as session:
        return reports.lock_table_size(session)
