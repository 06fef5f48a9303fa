"""Database upkeep a worker process does between its batches: planner statistics kept fresh
as the tables grow (see :mod:`pipeline.storage.statistics`), checked every few seconds."""

from __future__ import annotations

import threading
import time

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from pipeline.storage import statistics
from pipeline.storage.db import session_scope

log = structlog.get_logger()
# Often enough that a table's plans follow its growth in a fast ingest (a few hundred files
# between checks), rarely enough that the check itself (one query) costs nothing measurable.
_CHECK_SECONDS = 10.0


class StatisticsUpkeep:
    """Analyzes the pipeline's stale tables, at most once per interval in this process."""

    def __init__(self, interval: float = _CHECK_SECONDS) -> None:
        self._interval = interval
        self._next = 0.0
        self._lock = threading.Lock()  # a thread pool's tasks share the process's upkeep

    def run_if_due(self, engine: Engine, stage: str) -> None:
        with self._lock:
            if time.monotonic() < self._next:
                return
            self._next = time.monotonic() + self._interval
        started, cpu = time.perf_counter(), time.process_time()
        try:
            with session_scope(engine) as session:
                analyzed = statistics.analyze_stale(session)
        except DBAPIError as error:  # upkeep only: the work itself goes on without it
            log.warning("statistics.failed", stage=stage, error=str(error.orig)[:200])
            return
        if analyzed:
            log.info(
                "stage.upkeep",
                stage=stage,
                analyzed=analyzed,
                seconds=round(time.perf_counter() - started, 4),
                cpu=round(time.process_time() - cpu, 4),
            )


statistics_upkeep = StatisticsUpkeep()
