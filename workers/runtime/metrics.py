"""The pipeline processes' own Prometheus metrics, and serving them on ``WIRE_METRICS_PORT``.

prometheus-client decides how it keeps values when it is first imported: in a prefork worker
that must happen after :mod:`workers.runtime.multiproc` has set the multiprocess directory (so
every pool process writes its values there and the main process serves them together). This
module is imported early by many (the watcher, the tasks), so it imports the client only on
first use.
What the database says (files by status, rows stored, lag, quiet sources, queue depth) is
reported by ``wire serve`` (workers.web.collectors), once, whatever the number of workers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import psutil

from pipeline.settings import Settings

if TYPE_CHECKING:
    from prometheus_client import Counter, Gauge, Histogram

# From a few ms (parse of a small file) to the task time limit.
_STAGE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)


@dataclass(frozen=True)
class Instruments:
    stage_duration: Histogram
    failures: Counter
    watcher_files: Counter
    watcher_in_flight: Gauge
    worker_memory: Gauge


@lru_cache(maxsize=1)
def instruments() -> Instruments:
    from prometheus_client import Counter, Gauge, Histogram

    return Instruments(
        stage_duration=Histogram(
            "wire_stage_duration_seconds",
            "Wall time of one file through a pipeline stage, with its SQL (a batch's time split "
            "evenly among its files); files the stage rejects count in wire_failures_total.",
            ["stage"],
            buckets=_STAGE_BUCKETS,
        ),
        failures=Counter(
            "wire_failures_total",
            "Files rejected, by kind of failure and the stage (or the watcher) that rejected them.",
            ["kind", "stage"],
        ),
        watcher_files=Counter(
            "wire_watcher_files_total",
            "Inbox files the watcher took in: recorded (new content) or duplicate (known "
            "content); those it refuses unread count in wire_failures_total, stage watcher.",
            ["outcome"],
        ),
        watcher_in_flight=Gauge(
            "wire_watcher_in_flight_files", "Files taken in by the watcher and not yet final."
        ),
        worker_memory=Gauge(
            "wire_worker_resident_memory_bytes",
            "Resident memory of each worker process, after its latest task.",
            multiprocess_mode="liveall",
        ),
    )


def load_client() -> None:
    """Import prometheus-client without making any instrument: a worker's main process does so
    before its pool forks (an instrument made there would report the main process too)."""
    importlib.import_module("prometheus_client")


def stage_done(task_name: str, files: int, seconds: float) -> None:
    histogram = instruments().stage_duration.labels(stage=task_name.removeprefix("wire."))
    for _ in range(files):
        histogram.observe(seconds / files)


def failed(kind: str, stage: str) -> None:
    instruments().failures.labels(kind=kind, stage=stage.removeprefix("wire.")).inc()


def watcher_took(outcome: str) -> None:
    instruments().watcher_files.labels(outcome=outcome).inc()


def record_memory() -> None:
    instruments().worker_memory.set(psutil.Process().memory_info().rss)


def serve(settings: Settings, in_flight: Callable[[], int] | None = None) -> bool:
    """Serve this process's metrics on the configured port, if any (a daemon thread); with
    ``in_flight``, the watcher's files in flight are read from it at each scrape."""
    if not settings.metrics_port:
        return False
    from prometheus_client import start_http_server

    if in_flight is not None:
        instruments().watcher_in_flight.set_function(in_flight)
    start_http_server(settings.metrics_port, settings.metrics_host)
    return True
