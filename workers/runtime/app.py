"""The Celery application, configured from settings. Run workers with ``wire worker``."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import Any

import billiard.process
import structlog
from celery import Celery, signals

from pipeline.settings import Settings, get_settings
from workers.runtime import metrics
from workers.runtime.logs import configure_logging
from workers.runtime.multiproc import pool_process_exited, serve_pool_metrics

MEMORY_BROKER = "memory://localhost/"  # a host named: kombu warns on every connection without one


_PROCESS_START_SECONDS = 120.0


def create_app(settings: Settings) -> Celery:
    broker = settings.broker_url or MEMORY_BROKER
    app = Celery("wire", broker=broker, include=["workers.runtime.tasks"])
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        # A long backlog must not grow a process without bound (spaCy's string store grows
        # with every new word it meets): such a process is replaced between two tasks.
        worker_max_memory_per_child=settings.worker_max_memory_mb * 1024 or None,
        # A pool process loads the model before it reports up (worker_process_init), seconds of
        # work that a busy host stretches: Celery's 4 s default killed and replaced processes
        # still loading, over and over, so a loaded host never got a worker up.
        worker_proc_alive_timeout=_PROCESS_START_SECONDS,
        task_time_limit=settings.task_time_limit_seconds,
        task_soft_time_limit=max(1, settings.task_time_limit_seconds - 15),
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": settings.task_time_limit_seconds * 3},
        worker_hijack_root_logger=False,
        # Off unless asked for: monitors switch them on (Flower does, every few seconds), and
        # a message's events cost its worker more CPU than a trivial task itself.
        worker_send_task_events=settings.task_events,
        task_send_sent_event=settings.task_events,
    )
    use_queues(app, settings.queue)
    return app


def stage_queues(queue: str) -> list[str]:
    """The queues of a deployment whose queue is ``queue``, one per stage: parse on ``queue``
    (where the watcher sends), extract on ``<queue>.extract`` and dedupe on ``<queue>.dedupe``.
    Workers consume all three unless told otherwise, taking from each in turn: so a file
    through extract is deduped next, not after every parse message of a backlog queued before
    it, and the CPU-heavy extract stage can be given workers (or hosts) of its own."""
    return [queue, f"{queue}.extract", f"{queue}.dedupe"]


def use_queues(app: Celery, queue: str) -> None:
    """Route the stages; a worker consumes the queues it is given (``--queues``)."""
    parse, extract, dedupe = stage_queues(queue)
    app.conf.update(
        task_default_queue=parse,
        task_routes={"wire.extract": {"queue": extract}, "wire.dedupe": {"queue": dedupe}},
    )


app = create_app(get_settings())


def waiting_messages(queues: Iterable[str], celery: Celery = app) -> int:
    """Messages waiting in ``queues``, not counting those already handed to a worker."""
    with celery.connection_for_read() as connection:
        channel = connection.default_channel
        return sum(int(channel.queue_declare(queue=queue).message_count) for queue in queues)


@signals.worker_init.connect
def _configure_worker_logging(*args: Any, **kwargs: Any) -> None:
    configure_logging(get_settings())


_sweeping = threading.Event()  # set: this worker's sweeper stops


@signals.worker_ready.connect
def _start_sweeping(*args: Any, **kwargs: Any) -> None:
    """Every worker re-sends files whose message is gone (see :mod:`workers.runtime.resend`),
    not only the watcher: ``wire worker`` and ``wire ingest`` run without one."""
    from pipeline.storage.connect import database_url
    from pipeline.storage.db import unpooled_engine
    from workers.runtime.resend import Resender
    from workers.runtime.tasks import parse

    settings = get_settings()
    _sweeping.clear()
    Resender(
        unpooled_engine(database_url(settings)),  # pool processes are forked from this one
        lambda file_ids: parse.delay(*file_ids),
        lambda: waiting_messages(stage_queues(settings.queue)),
        settings.stuck_after_seconds,
        settings.batch_files,
    ).every(settings.sweep_interval_seconds, _sweeping)


@signals.worker_shutdown.connect
def _stop_sweeping(*args: Any, **kwargs: Any) -> None:
    _sweeping.set()


@signals.celeryd_init.connect
def _serve_pool_metrics(*args: Any, **kwargs: Any) -> None:
    """Sent in a worker's main process before the tasks module (and so prometheus-client) is
    imported and before the pool forks: the one moment multiprocess metrics can be set up.
    The client is imported here too, after that, so a pool process inherits it instead of
    importing it as it starts (a replacement must be up within a few seconds)."""
    serve_pool_metrics(get_settings())
    metrics.load_client()


@signals.worker_process_shutdown.connect
def _drop_live_metrics(pid: int, *args: Any, **kwargs: Any) -> None:
    pool_process_exited(pid)


@signals.worker_process_init.connect
def _load_model_once(*args: Any, **kwargs: Any) -> None:
    """Each worker process loads the spaCy model (and what the stages load on first use) at
    start, not on its first article; pinned to a core first where asked (``WIRE_PIN_WORKERS``),
    by its pool index, which a replacement process takes over."""
    from workers.runtime import resources as runtime

    if get_settings().pin_workers:
        index = getattr(billiard.process.current_process(), "index", 0)
        structlog.get_logger().info("worker.pinned", core=runtime.pin_to_core(index))
    runtime.warm_up()
    metrics.record_memory()


@signals.task_prerun.connect
def _bind_task_context(task_id: str, task: Any, *args: Any, **kwargs: Any) -> None:
    structlog.contextvars.bind_contextvars(task_id=task_id, task=task.name)


@signals.task_postrun.connect
def _clear_task_context(*args: Any, **kwargs: Any) -> None:
    structlog.contextvars.clear_contextvars()
    metrics.record_memory()
