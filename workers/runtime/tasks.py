"""Thin Celery tasks: ids in, a stage's work in transactions, the ids out after commit.

A message carries one file id, or several when a backlog was taken in at once (the watcher
and ``wire ingest`` group them): ids stay the unit of idempotency and every file gets its own
verdict. Parse and extract first take all of a message's files in one transaction (a few
statements for all of them instead of a few each); where anything in it fails, it is rolled
back and the files are taken again one transaction each, so a bad file fails alone; where time
runs out with them together, each is sent again in a message of its own. Dedupe is always one
file per transaction. The files that went through travel on together. Permanent
errors (bad input) mark that file's ledger row failed and are never retried; transient ones
(database or broker away) retry the files not yet done with capped exponential backoff and full
jitter.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeGuard

import structlog
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from kombu.exceptions import OperationalError as BrokerError
from spacy.language import Language
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pipeline.errors import PermanentError, TransientError
from pipeline.schemas import Extraction
from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers.runtime import metrics
from workers.runtime import resources as runtime
from workers.runtime.app import app
from workers.runtime.upkeep import statistics_upkeep
from workers.stages import run as stages

log = structlog.get_logger()
TRANSIENT = (TransientError, OperationalError, BrokerError, ConnectionError, TimeoutError)
Stage = Callable[[Session, list[int]], list[int]]  # the files given -> the files that go on


@app.task(name="wire.parse", bind=True, max_retries=None)
def parse(self: Task, *file_ids: int, **_: Any) -> None:
    stage = partial(stages.parse_files, options=runtime.parse_options())
    _run(self, file_ids, stage, extract, together=True)


@app.task(name="wire.extract", bind=True, max_retries=None)
def extract(self: Task, *file_ids: int, **_: Any) -> None:
    nlp = runtime.nlp()
    try:
        ahead = _extract_ahead(file_ids, nlp) if len(file_ids) > 1 else {}
    except SoftTimeLimitExceeded:
        _split(self, file_ids)
        return
    stage = partial(stages.extract_files, nlp=nlp, ahead=ahead)
    _run(self, file_ids, stage, dedupe, together=True)


def _extract_ahead(file_ids: Sequence[int], nlp: Language) -> dict[int, Extraction]:
    """Best effort: where it fails, the stage extracts in its transaction (and each file
    alone if that fails too)."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        ahead = stages.extract_ahead(runtime.engine(), file_ids, nlp)
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:
        log.warning("extract.ahead_failed", files=len(file_ids), error=str(error)[:200])
        return {}
    log.info("stage.ahead", stage="wire.extract", files=len(file_ids), **_spent(started, cpu))
    return ahead


def _spent(started: float, cpu: float) -> dict[str, float]:
    """Wall and CPU seconds since ``started`` and ``cpu`` (the benchmark reads both)."""
    return {
        "seconds": round(time.perf_counter() - started, 4),
        "cpu": round(time.process_time() - cpu, 4),
    }


@app.task(name="wire.dedupe", bind=True, max_retries=None)
def dedupe(self: Task, *file_ids: int, **_: Any) -> None:
    _run(self, file_ids, _dedupe_files, None, together=False)


def _dedupe_files(session: Session, file_ids: list[int]) -> list[int]:
    return [file_id for file_id in file_ids if stages.dedupe_stage(session, file_id) is not None]


class _RetryError(Exception):
    def __init__(self, error: Exception) -> None:
        self.error = error


def _run(
    task: Task, file_ids: Sequence[int], stage: Stage, following: Task | None, together: bool
) -> None:
    """The files in one transaction when ``together`` (else, or where that fails, each in its
    own, all on one connection); the ones that went through are sent on together, also when a
    transient error stops the batch (the rest is retried)."""
    if together and len(file_ids) > 1:
        at_once = _together(task, file_ids, stage)
        if at_once is not None:
            _send(following, at_once)
            statistics_upkeep.run_if_due(runtime.engine(), task.name)
            return
    proceeded: list[int] = []
    remaining = list(file_ids)
    try:
        with runtime.engine().connect() as connection:
            while remaining:
                if _one(task, connection, remaining[0], stage):
                    proceeded.append(remaining[0])
                del remaining[0]
    except (_RetryError, *TRANSIENT) as stopped:  # in a file's stage, or connecting at all
        _send(following, proceeded)
        error = stopped.error if isinstance(stopped, _RetryError) else stopped
        _retry_or_fail(task, remaining, error)
        return
    _send(following, proceeded)
    statistics_upkeep.run_if_due(runtime.engine(), task.name)


def _together(task: Task, file_ids: Sequence[int], stage: Stage) -> list[int] | None:
    """The files that go on, or None when the transaction failed (a bad file, a deadlock, the
    database away, a bug): nothing of it stays, and the files are taken one by one, where each
    gets its own verdict and transient errors their retries."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with session_scope(runtime.engine()) as session:
            proceeded = stage(session, list(file_ids))
    except SoftTimeLimitExceeded:
        _split(task, file_ids)
        return []
    except (PermanentError, stages.TooLargeTogetherError, *TRANSIENT) as expected:
        log.info("stage.one_by_one", stage=task.name, file_ids=file_ids, error=str(expected))
        return None
    except Exception:  # what only the batch met would otherwise pass unseen
        log.warning("stage.one_by_one", stage=task.name, file_ids=file_ids, exc_info=True)
        return None
    spent = _spent(started, cpu)
    metrics.stage_done(task.name, len(file_ids), spent["seconds"])
    log.info("stage.done", stage=task.name, files=len(file_ids), file_ids=file_ids, **spent)
    return proceeded


def _split(task: Task, file_ids: Sequence[int]) -> None:
    """Out of time with a message's files together: each goes again in a message of its own,
    where one too slow for the time limit fails alone and the others go through."""
    log.warning("stage.split", stage=task.name, file_ids=file_ids)
    for file_id in file_ids:
        task.delay(file_id)


def _one(task: Task, connection: Connection, file_id: int, stage: Stage) -> bool:
    """Whether the file goes on to the next stage; raises _RetryError on a transient error."""
    structlog.contextvars.bind_contextvars(file_id=file_id)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with session_scope(connection) as session:
            proceed = bool(stage(session, [file_id]))
    except PermanentError as error:
        _fail(file_id, error.kind, error.describe(), task.name)
        return False
    except TRANSIENT as error:
        if _over_a_limit(error):
            _fail(file_id, "database_limit", _described(error), task.name)
            return False
        raise _RetryError(error) from error
    except DBAPIError as error:
        _fail(file_id, "database_error", _described(error), task.name)
        return False
    except Exception as error:  # a bug met on some input: quarantine the file, keep going
        log.exception("stage.crashed", stage=task.name)
        _fail(file_id, "internal_error", f"{type(error).__name__}: {error}", task.name)
        return False
    spent = _spent(started, cpu)
    metrics.stage_done(task.name, 1, spent["seconds"])
    log.info("stage.done", stage=task.name, **spent)
    return proceed


def _over_a_limit(error: Exception) -> TypeGuard[DBAPIError]:
    """A statement over one of Postgres's limits (SQLSTATE class 54: an index row too large,
    say, for a hostile file's 6,000-character id) fails the same way every time: the file's
    fault, not the database's, though the driver calls it an operational error."""
    sqlstate = getattr(error.orig, "sqlstate", None) if isinstance(error, DBAPIError) else None
    return isinstance(sqlstate, str) and sqlstate.startswith("54")


def _described(error: DBAPIError) -> str:
    return f"{type(error.orig).__name__}: {error.orig}"


def _send(following: Task | None, file_ids: list[int]) -> None:
    """The next stage's message, after the commit. Where it cannot be sent, the error is
    logged and the task ends normally: raised, it would fail the task, whose message is then
    acknowledged all the same, and the files' next step would be gone either way. A sweeper
    (every worker, the watcher, ``wire ingest --wait``) sends them again once they have been
    quiet for ``WIRE_STUCK_AFTER_SECONDS``."""
    if following is None or not file_ids:
        return
    try:
        following.delay(*file_ids)
    except Exception:
        log.exception("stage.send_failed", stage=following.name, file_ids=file_ids)


def _retry_or_fail(task: Task, file_ids: list[int], error: Exception) -> None:
    settings = get_settings()
    attempt = task.request.retries
    if attempt >= settings.task_max_retries:
        for file_id in file_ids:
            _fail(file_id, "retries_exhausted", f"{type(error).__name__}: {error}", task.name)
        return
    countdown = random.uniform(0, min(settings.retry_backoff_max_seconds, 2 ** (attempt + 1)))
    log.warning("stage.retry", stage=task.name, attempt=attempt + 1, error=str(error)[:200])
    raise task.retry(args=file_ids, exc=error, countdown=countdown)


def _fail(file_id: int, kind: str, message: str, stage: str) -> None:
    log.warning("stage.failed", stage=stage, kind=kind, error=message, file_id=file_id)
    metrics.failed(kind, stage)
    with session_scope(runtime.engine()) as session:
        ledger.mark_failed(session, file_id, kind, message, stage.removeprefix("wire."))
