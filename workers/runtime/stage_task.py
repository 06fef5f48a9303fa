"""The base class of the pipeline's stage tasks: how a message's files or items go through a
stage, in one transaction or one by one, and what happens on each kind of error.

Parse and extract first take all of a message's files or parts in one transaction (a few
statements for all of them instead of a few each); where anything in it fails, it is rolled
back and the files (or items) are taken again one transaction each, so a bad one fails alone;
where time runs out with them together, each is sent again in a message of its own. What went
through is sent on after commit. Permanent errors (bad input) fail the file, or the item
alone, and are never retried; transient ones (database or broker away) retry what is not yet
done with capped exponential backoff and full jitter. A file is final once its last item is.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeGuard

import structlog
from celery import Task
from celery.exceptions import SoftTimeLimitExceeded
from kombu.exceptions import OperationalError as BrokerError
from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session

from pipeline.errors import PermanentError, TransientError
from pipeline.settings import get_settings
from pipeline.storage import items, ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import WHOLE_FILE, Part
from workers.runtime import metrics
from workers.runtime import resources as runtime
from workers.runtime.batching import part_messages, priority
from workers.runtime.upkeep import statistics_upkeep
from workers.stages import run as stages

log = structlog.get_logger()
TRANSIENT = (TransientError, OperationalError, BrokerError, ConnectionError, TimeoutError)
Unit = int | Part  # a file (parse), or some items of a file (extract, dedupe)
Stage = Callable[[Session, list[Any]], list[Part]]  # the units given -> the parts that go on


class _RetryError(Exception):
    def __init__(self, error: Exception) -> None:
        self.error = error


class StageTask(Task):  # type: ignore[misc]  # Celery's Task is untyped
    """A stage's task: its body calls :meth:`run_units` with the stage's pure work."""

    def run_units(
        self, units: Sequence[Unit], stage: Stage, following: Task | None, together: bool
    ) -> None:
        """The units in one transaction when ``together`` (else, or where that fails, each file
        or item in its own, all on one connection); what went through is sent on, also when a
        transient error stops the rest (which is retried)."""
        if together and several(units):
            at_once = self._together(units, stage)
            if at_once is not None:
                send_on(following, at_once)
                statistics_upkeep.run_if_due(runtime.stage_engine(), self.name)
                return
        proceeded: list[Part] = []
        remaining: list[Unit] = []
        try:
            with runtime.stage_engine().connect() as connection:
                remaining = _alone(connection, units)
                while remaining:
                    proceeded += self._one(connection, remaining[0], stage)
                    del remaining[0]
        except (_RetryError, *TRANSIENT) as stopped:  # in a unit's stage, or connecting at all
            send_on(following, proceeded)
            error = stopped.error if isinstance(stopped, _RetryError) else stopped
            self._retry_or_fail(remaining or list(units), error)
            return
        send_on(following, proceeded)
        statistics_upkeep.run_if_due(runtime.stage_engine(), self.name)

    def _together(self, units: Sequence[Unit], stage: Stage) -> list[Part] | None:
        """The parts that go on, or None when the transaction failed (a bad file or item, a
        deadlock, the database away, a bug): nothing of it stays, and the units are taken one by
        one, where each gets its own verdict and transient errors their retries."""
        started, cpu = time.perf_counter(), time.process_time()
        try:
            with session_scope(runtime.stage_engine()) as session:
                proceeded = stage(session, list(units))
        except SoftTimeLimitExceeded:
            self.split(units)
            return []
        except (PermanentError, stages.TooLargeTogetherError, *TRANSIENT) as expected:
            log.info("stage.one_by_one", stage=self.name, units=logged(units), error=str(expected))
            return None
        except Exception:  # what only the batch met would otherwise pass unseen
            log.warning("stage.one_by_one", stage=self.name, units=logged(units), exc_info=True)
            return None
        spent = spent_since(started, cpu)
        metrics.stage_done(self.name, count_items(units), spent["seconds"])
        log.info(
            "stage.done", stage=self.name, units=logged(units), items=count_items(units), **spent
        )
        return proceeded

    def split(self, units: Sequence[Unit]) -> None:
        """Out of time with a message's units together: each file or item goes again in a
        message of its own, where one too slow for the time limit fails alone and the others go
        through."""
        log.warning("stage.split", stage=self.name, units=logged(units))
        for unit in units:
            if isinstance(unit, int) or unit.stop == WHOLE_FILE:
                self.delay(*logged([unit]))
                continue
            for alone in unit.items():
                self.apply_async(logged([alone]), priority=priority([alone]))

    def _one(self, connection: Connection, unit: Unit, stage: Stage) -> list[Part]:
        """The parts that go on from this file or item; raises _RetryError on a transient
        error."""
        file_id = unit if isinstance(unit, int) else unit.file_id
        structlog.contextvars.bind_contextvars(file_id=file_id)
        started, cpu = time.perf_counter(), time.process_time()
        try:
            with session_scope(connection) as session:
                proceeded = stage(session, [unit])
        except PermanentError as error:
            self._fail(unit, error.kind, error.describe())
            return []
        except TRANSIENT as error:
            if _over_a_limit(error):
                self._fail(unit, "database_limit", _described(error))
                return []
            raise _RetryError(error) from error
        except DBAPIError as error:
            self._fail(unit, "database_error", _described(error))
            return []
        except Exception as error:  # a bug met on some input: quarantine it, keep going
            log.exception("stage.crashed", stage=self.name)
            self._fail(unit, "internal_error", f"{type(error).__name__}: {error}")
            return []
        spent = spent_since(started, cpu)
        metrics.stage_done(self.name, 1, spent["seconds"])
        log.info("stage.done", stage=self.name, items=1, **spent)
        return proceeded

    def _retry_or_fail(self, units: Sequence[Unit], error: Exception) -> None:
        settings = get_settings()
        attempt = self.request.retries
        if attempt >= settings.task_max_retries:
            for unit in units:
                self._fail(unit, "retries_exhausted", f"{type(error).__name__}: {error}")
            return
        countdown = random.uniform(0, min(settings.retry_backoff_max_seconds, 2 ** (attempt + 1)))
        log.warning("stage.retry", stage=self.name, attempt=attempt + 1, error=str(error)[:200])
        raise self.retry(args=logged(units), exc=error, countdown=countdown)

    def _fail(self, unit: Unit, kind: str, message: str) -> None:
        """The file fails (parse, or a part of a whole file), or the items of the part alone, the
        reason naming each; the file becomes final when they were its last items open."""
        stage = self.name.removeprefix("wire.")
        log.warning("stage.failed", stage=stage, kind=kind, error=message, unit=logged([unit]))
        metrics.failed(kind, stage)
        with session_scope(runtime.stage_engine()) as session:
            if isinstance(unit, int) or unit.stop == WHOLE_FILE:
                file_id = unit if isinstance(unit, int) else unit.file_id
                ledger.mark_failed(session, file_id, kind, message, stage)
                return
            for item in unit.items():
                items.fail(session, item, stage, kind, f"item {item.start}: {message}")
            items.finish_file(session, unit.file_id)


def several(units: Sequence[Unit]) -> bool:
    return count_items(units) > 1


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


def count_items(units: Sequence[Unit]) -> int:
    """Files, or items of parts (a part of a whole file counted as one): what the benchmark
    divides a stage's time by."""
    return sum(
        1 if isinstance(unit, int) or unit.stop == WHOLE_FILE else unit.stop - unit.start
        for unit in units
    )


def logged(units: Sequence[Unit]) -> list[Any]:
    return [unit if isinstance(unit, int) else list(unit) for unit in units]


def _over_a_limit(error: Exception) -> TypeGuard[DBAPIError]:
    """A statement over one of Postgres's limits (SQLSTATE class 54: an index row too large,
    say, for a hostile file's 6,000-character id) fails the same way every time: the file's
    fault, not the database's, though the driver calls it an operational error."""
    sqlstate = getattr(error.orig, "sqlstate", None) if isinstance(error, DBAPIError) else None
    return isinstance(sqlstate, str) and sqlstate.startswith("54")


def _described(error: DBAPIError) -> str:
    return f"{type(error.orig).__name__}: {error.orig}"


def send_on(following: Task | None, parts: list[Part]) -> None:
    """The next stage's messages, after the commit. Where they cannot be sent, the error is
    logged and the task ends normally: raised, it would fail the task, whose message is then
    acknowledged all the same, and the items' next step would be gone either way. A sweeper
    (every worker, the watcher, ``wire ingest --wait``) sends their files again once they have
    been quiet for ``WIRE_STUCK_AFTER_SECONDS``."""
    if following is None:
        return
    for message in part_messages(parts, get_settings().batch_files):
        try:
            following.apply_async(logged(message), priority=priority(message))
        except Exception:
            log.exception("stage.send_failed", stage=following.name, units=logged(message))


def spent_since(started: float, cpu: float) -> dict[str, float]:
    """Wall and CPU seconds since ``started`` and ``cpu`` (the benchmark reads both)."""
    return {
        "seconds": round(time.perf_counter() - started, 4),
        "cpu": round(time.process_time() - cpu, 4),
    }
