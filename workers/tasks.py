"""Thin Celery tasks: ids in, one stage in one transaction, the next id out after commit.

Permanent errors (bad input) mark the ledger row failed and are never retried; transient ones
(database or broker away) retry with capped exponential backoff and full jitter.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

import structlog
from celery import Task
from kombu.exceptions import OperationalError as BrokerError
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pipeline.errors import PermanentError, TransientError
from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers import runtime, stages
from workers.celery_app import app

log = structlog.get_logger()
TRANSIENT = (TransientError, OperationalError, BrokerError, ConnectionError, TimeoutError)


@app.task(name="wire.parse", bind=True, max_retries=None)
def parse(self: Task, file_id: int, **_: Any) -> None:
    _run(self, file_id, lambda s: stages.parse_stage(s, file_id, runtime.parse_options()), extract)


@app.task(name="wire.extract", bind=True, max_retries=None)
def extract(self: Task, file_id: int, **_: Any) -> None:
    _run(self, file_id, lambda s: stages.extract_stage(s, file_id, runtime.nlp()), dedupe)


@app.task(name="wire.dedupe", bind=True, max_retries=None)
def dedupe(self: Task, file_id: int, **_: Any) -> None:
    _run(self, file_id, lambda s: stages.dedupe_stage(s, file_id) is not None, None)


def _run(
    task: Task, file_id: int, stage: Callable[[Session], bool], following: Task | None
) -> None:
    structlog.contextvars.bind_contextvars(file_id=file_id)
    started = time.perf_counter()
    try:
        with session_scope(runtime.engine()) as session:
            proceed = stage(session)
    except PermanentError as error:
        _fail(file_id, error.kind, error.describe(), task.name)
        return
    except TRANSIENT as error:
        _retry_or_fail(task, file_id, error)
        return
    except DBAPIError as error:
        _fail(file_id, "database_error", f"{type(error.orig).__name__}: {error.orig}", task.name)
        return
    except Exception as error:  # a bug met on some input: quarantine the file, keep going
        log.exception("stage.crashed", stage=task.name)
        _fail(file_id, "internal_error", f"{type(error).__name__}: {error}", task.name)
        return
    log.info("stage.done", stage=task.name, seconds=round(time.perf_counter() - started, 3))
    if proceed and following is not None:
        following.delay(file_id)


def _retry_or_fail(task: Task, file_id: int, error: Exception) -> None:
    settings = get_settings()
    attempt = task.request.retries
    if attempt >= settings.task_max_retries:
        _fail(file_id, "retries_exhausted", f"{type(error).__name__}: {error}", task.name)
        return
    countdown = random.uniform(0, min(settings.retry_backoff_max_seconds, 2 ** (attempt + 1)))
    log.warning("stage.retry", stage=task.name, attempt=attempt + 1, error=str(error)[:200])
    raise task.retry(exc=error, countdown=countdown)


def _fail(file_id: int, kind: str, message: str, stage: str) -> None:
    log.warning("stage.failed", stage=stage, kind=kind, error=message)
    with session_scope(runtime.engine()) as session:
        ledger.mark_failed(session, file_id, kind, message, stage.removeprefix("wire."))
