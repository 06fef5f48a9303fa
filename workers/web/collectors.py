"""What /metrics of ``wire serve`` reports of the database and the broker, read at each scrape.

These figures are the deployment's, not a process's: reported by the one web app, they are not
multiplied by the number of workers. A source or service that cannot be read makes its ``_up``
gauge 0 instead of failing the scrape.
"""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from kombu.connection import Connection
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from pipeline.cadence import SourceState
from pipeline.settings import Settings
from pipeline.storage import panels
from pipeline.storage.db import session_scope
from pipeline.storage.tables import COUNTED_STATUSES

log = structlog.get_logger()
_BROKER_TIMEOUT = 3.0


class LedgerCollector(Collector):
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("wire_database_up", "Whether the database answered this scrape.")
        try:
            with session_scope(self.engine) as session:
                figures = panels.ledger_figures(session)
                sources = panels.sources(session, self.settings)
        except SQLAlchemyError as error:
            log.warning("metrics.database_unavailable", error=str(error)[:200])
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from _ledger(figures)
        yield from _sources(sources)


def _ledger(figures: panels.LedgerFigures) -> Iterator[Metric]:
    files = GaugeMetricFamily(
        "wire_files",
        "Files in the ledger, by status (superseded: rows whose file was taken again).",
        labels=["status"],
    )
    for status in COUNTED_STATUSES:
        files.add_metric([status], figures.files_by_status.get(status, 0))
    yield files
    failed = GaugeMetricFamily(
        "wire_files_failed", "Files failed in the ledger, by kind of failure.", labels=["kind"]
    )
    for kind, count in figures.failed_by_kind.items():
        failed.add_metric([kind], count)
    yield failed
    yield GaugeMetricFamily(
        "wire_lag_seconds",
        "Age of the oldest file received and not final (0: none pending).",
        value=figures.oldest_pending_seconds,
    )
    for name, value in (
        ("articles", figures.articles),
        ("entities", figures.entities),
        ("events", figures.events),
    ):
        yield GaugeMetricFamily(f"wire_{name}_stored", f"Rows in the {name[:-1]} table.", value)


def _sources(states: list[SourceState]) -> Iterator[Metric]:
    seen = GaugeMetricFamily(
        "wire_source_last_seen_timestamp_seconds",
        "When each source's latest article was stored (Unix time).",
        labels=["source"],
    )
    allowed = GaugeMetricFamily(
        "wire_source_allowed_silence_seconds",
        "Longest silence each source is allowed (set, or learned from its cadence); absent "
        "while too little history is known.",
        labels=["source"],
    )
    quiet = GaugeMetricFamily(
        "wire_source_quiet",
        "1 where a source has been silent longer than it is allowed, else 0.",
        labels=["source"],
    )
    for state in states:
        seen.add_metric([state.source], state.last_seen.timestamp())
        if state.allowed_silence_seconds is not None:
            allowed.add_metric([state.source], state.allowed_silence_seconds)
        quiet.add_metric([state.source], int(state.quiet))
    yield from (seen, allowed, quiet)


class QueueCollector(Collector):
    """Messages waiting in each of the deployment's queues (none without a shared broker: the
    in-memory transport's queue lives in another process)."""

    def __init__(self, settings: Settings, queues: list[str]) -> None:
        self.settings = settings
        self.queues = queues

    def collect(self) -> Iterator[Metric]:
        if not self.settings.broker_url:
            return
        up = GaugeMetricFamily("wire_broker_up", "Whether the broker answered this scrape.")
        depth = GaugeMetricFamily(
            "wire_queue_messages",
            "Messages waiting in each queue, not counting those handed to a worker.",
            labels=["queue"],
        )
        try:
            for queue, waiting in _waiting(self.settings.broker_url, self.queues):
                depth.add_metric([queue], waiting)
        except Exception as error:  # kombu raises the transport's own errors
            log.warning("metrics.broker_unavailable", error=str(error)[:200])
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield depth


def _waiting(url: str, queues: list[str]) -> list[tuple[str, int]]:
    with Connection(url, connect_timeout=_BROKER_TIMEOUT) as connection:  # type: ignore[no-untyped-call]
        connection.ensure_connection(max_retries=1, timeout=_BROKER_TIMEOUT)
        channel = connection.default_channel
        return [(queue, int(channel.queue_declare(queue=queue).message_count)) for queue in queues]
