"""Thin Celery tasks: ids in, a stage's work in transactions, the ids out after commit.

A parse message carries one file id, or several when a backlog was taken in at once (the
watcher and ``wire ingest`` group them). Past parse, messages carry parts of files: ``[file
id, first item, end]``, at most ``WIRE_BATCH_FILES`` items a message, so that the items of
one large file (an SGML collection, a feed) spread over every worker; an item (file id and
item index) is the unit of idempotency and every item gets its own verdict. Parse and extract
first take all of a message's files or parts in one transaction (a few statements for all of
them instead of a few each); where anything in it fails, it is rolled back and the files (or
items) are taken again one transaction each, so a bad one fails alone; where time runs out
with them together, each is sent again in a message of its own. Dedupe is always one item per
transaction: its advisory locks stay a few dozen whatever the size of the file. What went
through travels on after commit. Permanent errors (bad input) fail the file, or the item
alone, and are never retried; transient ones (database or broker away) retry what is not yet
done with capped exponential backoff and full jitter. A file is final once its last item is.
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
from pipeline.formats import ParseOptions
from pipeline.schemas import Extraction
from pipeline.settings import get_settings
from pipeline.storage import items, ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import WHOLE_FILE, Part
from workers.runtime import metrics
from workers.runtime import resources as runtime
from workers.runtime.app import app
from workers.runtime.batching import part_messages
from workers.runtime.upkeep import statistics_upkeep
from workers.stages import run as stages

log = structlog.get_logger()
TRANSIENT = (TransientError, OperationalError, BrokerError, ConnectionError, TimeoutError)
Unit = int | Part  # a file (parse), or some items of a file (extract, dedupe)
Stage = Callable[[Session, list[Any]], list[Part]]  # the units given -> the parts that go on


@app.task(name="wire.parse", bind=True, max_retries=None)
def parse(self: Task, *file_ids: int, **_: Any) -> None:
    options = runtime.parse_options()
    ahead = _parse_ahead(file_ids[0], options) if len(file_ids) == 1 else {}
    stage = partial(stages.parse_files, options=options, ahead=ahead)
    _run(self, file_ids, stage, extract, together=True)


def _parse_ahead(file_id: int, options: ParseOptions) -> dict[int, stages.ParsedAhead]:
    """A lone file (how a large collection arrives) parsed, and all of it but its last part
    stored and sent on, before the stage's claim. Best effort: where it fails, the stage
    parses the file in its transaction (and its items go on from there)."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        ahead = stages.parse_ahead(runtime.engine(), file_id, options, partial(_send, extract))
    except Exception as error:
        log.warning("parse.ahead_failed", file_id=file_id, error=str(error)[:200])
        return {}
    if ahead is None:
        return {}
    log.info("stage.ahead", stage="wire.parse", items=ahead.stored, **_spent(started, cpu))
    return {file_id: ahead}


@app.task(name="wire.extract", bind=True, max_retries=None)
def extract(self: Task, *given: int | list[int], **_: Any) -> None:
    parts = [Part.of(one) for one in given]
    nlp = runtime.nlp()
    try:
        ahead = _extract_ahead(parts, nlp) if _several(parts) else {}
    except SoftTimeLimitExceeded:
        _split(self, parts)
        return
    stage = partial(stages.extract_items, nlp=nlp, ahead=ahead)
    _run(self, parts, stage, dedupe, together=True)


def _several(units: Sequence[Unit]) -> bool:
    return _items(units) > 1


def _extract_ahead(parts: Sequence[Part], nlp: Language) -> dict[int, Extraction]:
    """Best effort: where it fails, the stage extracts in its transaction (and each item
    alone if that fails too)."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        ahead = stages.extract_ahead(runtime.engine(), parts, nlp)
    except SoftTimeLimitExceeded:
        raise
    except Exception as error:
        log.warning("extract.ahead_failed", parts=len(parts), error=str(error)[:200])
        return {}
    log.info("stage.ahead", stage="wire.extract", items=len(ahead), **_spent(started, cpu))
    return ahead


def _spent(started: float, cpu: float) -> dict[str, float]:
    """Wall and CPU seconds since ``started`` and ``cpu`` (the benchmark reads both)."""
    return {
        "seconds": round(time.perf_counter() - started, 4),
        "cpu": round(time.process_time() - cpu, 4),
    }


@app.task(name="wire.dedupe", bind=True, max_retries=None)
def dedupe(self: Task, *given: int | list[int], **_: Any) -> None:
    _run(self, [Part.of(one) for one in given], _dedupe_items, None, together=False)


def _dedupe_items(session: Session, parts: list[Part]) -> list[Part]:
    for item in parts:
        stages.dedupe_item(session, item)
    return []


class _RetryError(Exception):
    def __init__(self, error: Exception) -> None:
        self.error = error


def _run(
    task: Task, units: Sequence[Unit], stage: Stage, following: Task | None, together: bool
) -> None:
    """The units in one transaction when ``together`` (else, or where that fails, each file
    or item in its own, all on one connection); what went through is sent on, also when a
    transient error stops the rest (which is retried)."""
    if together and _several(units):
        at_once = _together(task, units, stage)
        if at_once is not None:
            _send(following, at_once)
            statistics_upkeep.run_if_due(runtime.engine(), task.name)
            return
    proceeded: list[Part] = []
    remaining: list[Unit] = []
    try:
        with runtime.engine().connect() as connection:
            remaining = _alone(connection, units)
            while remaining:
                proceeded += _one(task, connection, remaining[0], stage)
                del remaining[0]
    except (_RetryError, *TRANSIENT) as stopped:  # in a unit's stage, or connecting at all
        _send(following, proceeded)
        error = stopped.error if isinstance(stopped, _RetryError) else stopped
        _retry_or_fail(task, remaining or list(units), error)
        return
    _send(following, proceeded)
    statistics_upkeep.run_if_due(runtime.engine(), task.name)


def _alone(connection: Connection, units: Sequence[Unit]) -> list[Unit]:
    """Files as they are; parts item by item (a part of a whole file, from a message queued
    before parts existed, as its open items are listed now)."""
    alone: list[Unit] = []
    for unit in units:
        if isinstance(unit, int):
            alone.append(unit)
        elif unit.stop != WHOLE_FILE:
            alone += unit.items()
        else:
            with session_scope(connection) as session:
                listed = items.at_stage(session, [unit], "parse", "extract")
            alone += [Part(item.file_id, item.item_index, item.item_index + 1) for item in listed]
    return alone


def _together(task: Task, units: Sequence[Unit], stage: Stage) -> list[Part] | None:
    """The parts that go on, or None when the transaction failed (a bad file or item, a
    deadlock, the database away, a bug): nothing of it stays, and the units are taken one by
    one, where each gets its own verdict and transient errors their retries."""
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with session_scope(runtime.engine()) as session:
            proceeded = stage(session, list(units))
    except SoftTimeLimitExceeded:
        _split(task, units)
        return []
    except (PermanentError, stages.TooLargeTogetherError, *TRANSIENT) as expected:
        log.info("stage.one_by_one", stage=task.name, units=_logged(units), error=str(expected))
        return None
    except Exception:  # what only the batch met would otherwise pass unseen
        log.warning("stage.one_by_one", stage=task.name, units=_logged(units), exc_info=True)
        return None
    spent = _spent(started, cpu)
    metrics.stage_done(task.name, _items(units), spent["seconds"])
    log.info("stage.done", stage=task.name, units=_logged(units), items=_items(units), **spent)
    return proceeded


def _items(units: Sequence[Unit]) -> int:
    """Files, or items of parts (a part of a whole file counted as one): what the benchmark
    divides a stage's time by."""
    return sum(
        1 if isinstance(unit, int) or unit.stop == WHOLE_FILE else unit.stop - unit.start
        for unit in units
    )


def _logged(units: Sequence[Unit]) -> list[Any]:
    return [unit if isinstance(unit, int) else list(unit) for unit in units]


def _split(task: Task, units: Sequence[Unit]) -> None:
    """Out of time with a message's units together: each file or item goes again in a
    message of its own, where one too slow for the time limit fails alone and the others go
    through."""
    log.warning("stage.split", stage=task.name, units=_logged(units))
    for unit in units:
        for alone in [unit] if isinstance(unit, int) or unit.stop == WHOLE_FILE else unit.items():
            task.delay(*_logged([alone]))


def _one(task: Task, connection: Connection, unit: Unit, stage: Stage) -> list[Part]:
    """The parts that go on from this file or item; raises _RetryError on a transient
    error."""
    file_id = unit if isinstance(unit, int) else unit.file_id
    structlog.contextvars.bind_contextvars(file_id=file_id)
    started, cpu = time.perf_counter(), time.process_time()
    try:
        with session_scope(connection) as session:
            proceeded = stage(session, [unit])
    except PermanentError as error:
        _fail(unit, error.kind, error.describe(), task.name)
        return []
    except TRANSIENT as error:
        if _over_a_limit(error):
            _fail(unit, "database_limit", _described(error), task.name)
            return []
        raise _RetryError(error) from error
    except DBAPIError as error:
        _fail(unit, "database_error", _described(error), task.name)
        return []
    except Exception as error:  # a bug met on some input: quarantine it, keep going
        log.exception("stage.crashed", stage=task.name)
        _fail(unit, "internal_error", f"{type(error).__name__}: {error}", task.name)
        return []
    spent = _spent(started, cpu)
    metrics.stage_done(task.name, 1, spent["seconds"])
    log.info("stage.done", stage=task.name, items=1, **spent)
    return proceeded


def _over_a_limit(error: Exception) -> TypeGuard[DBAPIError]:
    """A statement over one of Postgres's limits (SQLSTATE class 54: an index row too large,
    say, for a hostile file's 6,000-character id) fails the same way every time: the file's
    fault, not the database's, though the driver calls it an operational error."""
    sqlstate = getattr(error.orig, "sqlstate", None) if isinstance(error, DBAPIError) else None
    return isinstance(sqlstate, str) and sqlstate.startswith("54")


def _described(error: DBAPIError) -> str:
    return f"{type(error.orig).__name__}: {error.orig}"


def _send(following: Task | None, parts: list[Part]) -> None:
    """The next stage's messages, after the commit. Where they cannot be sent, the error is
    logged and the task ends normally: raised, it would fail the task, whose message is then
    acknowledged all the same, and the items' next step would be gone either way. A sweeper
    (every worker, the watcher, ``wire ingest --wait``) sends their files again once they have
    been quiet for ``WIRE_STUCK_AFTER_SECONDS``."""
    if following is None:
        return
    for message in part_messages(parts, get_settings().batch_files):
        try:
            following.delay(*_logged(message))
        except Exception:
            log.exception("stage.send_failed", stage=following.name, units=_logged(message))


def _retry_or_fail(task: Task, units: Sequence[Unit], error: Exception) -> None:
    settings = get_settings()
    attempt = task.request.retries
    if attempt >= settings.task_max_retries:
        for unit in units:
            _fail(unit, "retries_exhausted", f"{type(error).__name__}: {error}", task.name)
        return
    countdown = random.uniform(0, min(settings.retry_backoff_max_seconds, 2 ** (attempt + 1)))
    log.warning("stage.retry", stage=task.name, attempt=attempt + 1, error=str(error)[:200])
    raise task.retry(args=_logged(units), exc=error, countdown=countdown)


def _fail(unit: Unit, kind: str, message: str, task_name: str) -> None:
    """The file fails (parse, or a part of a whole file), or the items of the part alone, the
    reason naming each; the file becomes final when they were its last items open."""
    stage = task_name.removeprefix("wire.")
    log.warning("stage.failed", stage=stage, kind=kind, error=message, unit=_logged([unit]))
    metrics.failed(kind, stage)
    with session_scope(runtime.engine()) as session:
        if isinstance(unit, int) or unit.stop == WHOLE_FILE:
            file_id = unit if isinstance(unit, int) else unit.file_id
            ledger.mark_failed(session, file_id, kind, message, stage)
            return
        for item in unit.items():
            items.fail(session, item, stage, kind, f"item {item.start}: {message}")
        items.finish_file(session, unit.file_id)
