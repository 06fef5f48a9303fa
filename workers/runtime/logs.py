"""structlog set-up: console lines for people, JSON for machines; task context bound per task."""

from __future__ import annotations

import logging
import multiprocessing
import sys

import structlog

from pipeline.settings import Settings


def configure_logging(settings: Settings) -> None:
    # The process's own stderr, not sys.stderr: that may be swapped (Celery redirects it into
    # logging; a CLI run in-process gets a temporary one that is closed afterwards) while
    # loggers, cached on first use, keep the stream they were given.
    stderr = sys.__stderr__ or sys.stderr
    renderers: list[structlog.typing.Processor] = (
        [structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()]
        if settings.log_format == "json"
        else [structlog.dev.ConsoleRenderer(colors=stderr.isatty())]
    )
    logging.basicConfig(level=settings.log_level.upper(), stream=stderr, format="%(message)s")
    for chatty in ("pgserver", "alembic.runtime.migration", "watchfiles"):  # chatty at INFO
        logging.getLogger(chatty).setLevel(max(logging.WARNING, logging.root.level))
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            _add_worker_process,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            *renderers,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(
            logging.getLevelName(settings.log_level.upper())
        ),
        logger_factory=structlog.PrintLoggerFactory(file=stderr),
        cache_logger_on_first_use=True,
    )


def _add_worker_process(
    _: object, __: str, event: structlog.typing.EventDict
) -> structlog.typing.EventDict:
    """Which pool process logged it (ForkPoolWorker-3), where there are several."""
    name = multiprocessing.current_process().name
    if name != "MainProcess":
        event["process"] = name
    return event
