"""Prometheus metrics of a prefork Celery worker: each pool process writes its values to files
in a directory of the worker's own, which the worker's main process reads and serves.

prometheus-client chooses how it keeps values when it is first imported, from the
``PROMETHEUS_MULTIPROC_DIR`` environment variable: so the directory is made and named here, in
the worker's main process before its pool forks and before anything imports the client (the
tasks module, loaded after this, does). Nothing here imports the client at module level.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile

import structlog

from pipeline.settings import Settings

log = structlog.get_logger()
_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
_directory: str | None = None


class MetricsOrderError(RuntimeError):
    pass


def serve_pool_metrics(settings: Settings) -> str | None:
    """Make a fresh directory for the pool's values, export it to the processes about to be
    forked, and serve what they write on ``WIRE_METRICS_PORT``; returns the directory."""
    if not settings.metrics_port:
        return None
    global _directory
    if "prometheus_client" in sys.modules:
        raise MetricsOrderError(
            "prometheus_client was imported before the worker set its multiprocess directory:"
            " pool processes would each keep values nobody serves"
        )
    directory = _directory = tempfile.mkdtemp(prefix="wire-metrics-")
    os.environ[_VARIABLE] = directory  # read by prometheus_client, inherited by the pool
    atexit.register(shutil.rmtree, directory, ignore_errors=True)
    from prometheus_client import CollectorRegistry, multiprocess, start_http_server

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=directory)  # type: ignore[no-untyped-call]
    start_http_server(settings.metrics_port, settings.metrics_host, registry=registry)
    log.info("metrics.serving", port=settings.metrics_port, directory=directory)
    return directory


def pool_process_exited(pid: int) -> None:
    """Drop the live gauges (memory) of a pool process that exited; its counters stay."""
    if _directory is not None:  # set in the main process before the pool forked
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
