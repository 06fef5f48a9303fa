"""structlog set-up: console lines for people, JSON for machines; task context bound per task."""

from __future__ import annotations

import logging
import multiprocessing
import sys

import structlog

from pipeline.settings import Settings


def configure_logging(settings: Settings) -> None:
    renderers: list[structlog.typing.Processor] = (
        [structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()]
        if settings.log_format == "json"
        else [structlog.dev.ConsoleRenderer(colors=sys.stderr.isatty())]
    )
    logging.basicConfig(level=settings.log_level.upper(), stream=sys.stderr, format="%(message)s")
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
        # sys.stderr looked up per logger, not captured once: it may be replaced (tests, daemons).
        logger_factory=lambda *_: structlog.PrintLogger(file=sys.stderr),
        cache_logger_on_first_use=False,
    )


def _add_worker_process(
    _: object, __: str, event: structlog.typing.EventDict
) -> structlog.typing.EventDict:
    """Which pool process logged it (ForkPoolWorker-3), where there are several."""
    name = multiprocessing.current_process().name
    if name != "MainProcess":
        event["process"] = name
    return event
