"""The watcher: notices files in the inbox, records them in the ledger, queues their ids.

Event-driven with watchfiles, plus a full scan at start-up and a periodic sweep that also
re-queues ledger rows stuck in a non-final state (a lost broker message never loses a file). A
file is ready once its writer has closed it (where the system says so) or, failing that, once it
has stopped changing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import structlog
import watchfiles
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers import batching, metrics
from workers import inbox as files
from workers.finished_writes import FinishedWrites
from workers.quiet import QuietSources

log = structlog.get_logger()
Enqueue = Callable[[list[int]], None]  # one message for these file ids
Waiting = Callable[[], int]
_TICK_MS = 250
_SETTLE_BATCH = 2000


@dataclass
class Watcher:
    settings: Settings
    engine: Engine
    enqueue: Enqueue
    waiting: Waiting | None = None  # messages waiting in the queue; None: not known
    stability: files.Stability = field(init=False)
    finished_writes: FinishedWrites | None = field(init=False, default=None)
    inflight: dict[int, Path] = field(default_factory=dict)
    last_sweep: float = 0.0
    settle_from: int = 0  # where the next settle() starts in ``inflight``
    watching: threading.Event = field(default_factory=threading.Event)  # set once files are seen
    quiet: QuietSources = field(default_factory=QuietSources)  # logs sources gone quiet

    def __post_init__(self) -> None:
        self.stability = files.Stability(self.settings.stable_seconds)
        for folder in (self.settings.inbox, self.settings.processed_dir, self.settings.failed_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def run(self, stop: threading.Event) -> None:
        """Watch until ``stop`` is set."""
        log.info("watch.started", inbox=str(self.settings.inbox))
        if self.settings.ready_on_close:
            self.finished_writes = FinishedWrites.watch(self.settings.inbox)
        # At start-up nothing is known to be under way: with no message waiting, every row not
        # final is sent again (rows replayed while no watcher ran, messages lost meanwhile).
        self._guarded(lambda: self.sweep(stuck_after=0.0))
        self.watching.set()
        try:
            for _ in watchfiles.watch(
                self.settings.inbox,
                stop_event=stop,
                recursive=False,
                yield_on_timeout=True,
                rust_timeout=_TICK_MS,
                debounce=_TICK_MS,
            ):
                self._guarded(self.tick)
        finally:
            if self.finished_writes:
                self.finished_writes.close()
                self.finished_writes = None
        log.info("watch.stopped")

    def _guarded(self, step: Callable[[], None]) -> None:
        """A database outage is waited out, never fatal: files stay in the inbox or in flight
        and the next tick tries again."""
        try:
            step()
        except (OperationalError, InterfaceError) as error:
            log.warning("watch.database_unavailable", error=str(error)[:200])

    def tick(self) -> None:
        """Take in whatever is ready, settle finished files, and sweep when due."""
        taken: list[int] = []
        finished = self.finished_writes.take() if self.finished_writes else set()
        for path in self._considered():
            if path.name in finished or self.stability.ready(path):
                self.stability.forget(path)
                taken.extend(self.take(path))
                if len(taken) == self.settings.batch_files:
                    self._send(taken)
                    taken = []
        for message in batching.messages(taken, self.settings.batch_files):
            self._send(message)
        self.settle()
        if time.monotonic() - self.last_sweep >= self.settings.sweep_interval_seconds:
            self.sweep()

    def _considered(self) -> list[Path]:
        """Inbox entries to look at this tick: none while the files in flight are near
        ``max_in_flight``, else as many as there is room for (back-pressure: the watcher's
        memory, the queue and the ledger's open rows stay bounded however large the inbox).
        Room is refilled in steps of a tenth, so a big inbox is listed now and then, not on
        every tick."""
        room = self.settings.max_in_flight - len(self.inflight)
        if room < max(1, self.settings.max_in_flight // 10):
            return []
        return files.candidates(self.settings.inbox)[:room]

    def take(self, path: Path) -> list[int]:
        """Record one ready inbox entry, or quarantine it with the reason; returns the id to
        queue, if any (the caller queues it after the commit)."""
        content = files.read_entry(path, self.settings.max_file_bytes)
        if isinstance(content, files.Refusal):
            reason = f"{path.name}: {content.message} (kind {content.kind})"
            files.to_failed(path, self.settings.failed_dir, path.name, reason)
            log.warning("watch.rejected", name=path.name, kind=content.kind)
            metrics.failed(content.kind, "watcher")
            return []
        return self._record(path, content)

    def _record(self, path: Path, content: bytes) -> list[int]:
        with session_scope(self.engine) as session:
            recorded = ledger.record_file(session, path.name, content)
            orphan = not recorded.is_new and self._orphaned(session, recorded.file_id)
        metrics.watcher_took("recorded" if recorded.is_new or orphan else "duplicate")
        if not (recorded.is_new or orphan):
            files.to_processed(path, self.settings.processed_dir, path.name)
            log.info("watch.duplicate", name=path.name, file_id=recorded.file_id)
            return []
        self.inflight[recorded.file_id] = files.to_inflight(
            path, self.settings.inbox, recorded.file_id
        )
        log.info("watch.recorded", name=path.name, file_id=recorded.file_id)
        return [recorded.file_id]

    def _orphaned(self, session: Session, file_id: int) -> bool:
        """Known content not final and not in flight: a watcher that died between its commit
        and the move left the file in the inbox. It is taken in again, not filed as a copy,
        so it still ends where its verdict says."""
        if file_id in self.inflight:
            return False
        return not any(state.is_final for state in ledger.states(session, [file_id]))

    def _send(self, file_ids: list[int]) -> None:
        if not file_ids:
            return
        try:
            self.enqueue(file_ids)
        except Exception as error:  # broker down: the sweeper sends them again later
            log.warning("watch.enqueue_failed", file_ids=file_ids, error=str(error)[:200])
            return
        log.info("watch.queued", file_ids=file_ids)

    def settle(self) -> None:
        """Move files whose pipeline verdict is in to processed/ or failed/."""
        if not self.inflight:
            return
        with session_scope(self.engine) as session:
            final = [s for s in ledger.states(session, self._to_settle()) if s.is_final]
        for state in final:
            path = self.inflight.pop(state.file_id)
            name = files.original_name(path)
            if state.status == "failed":
                reason = f"{name}: {state.error_message} (kind {state.error_kind})"
                files.to_failed(path, self.settings.failed_dir, name, reason)
            else:
                files.to_processed(path, self.settings.processed_dir, name)

    def _to_settle(self) -> list[int]:
        """At most ``_SETTLE_BATCH`` files in flight per tick, taking turns: with a backlog of
        100,000 in flight, asking for every verdict four times a second would cost more than
        taking new files in."""
        ids = list(self.inflight)
        start = self.settle_from if self.settle_from < len(ids) else 0
        self.settle_from = start + _SETTLE_BATCH
        return ids[start : start + _SETTLE_BATCH]

    def sweep(self, stuck_after: float | None = None) -> None:
        """Re-queue ledger rows stuck in a non-final state (their message was lost), and adopt
        files put back in flight by ``wire retry-failed`` (or left there by a stopped watcher)."""
        self.last_sweep = time.monotonic()
        self.quiet.check(self.engine, self.settings)
        self.inflight.update(files.inflight_files(self.settings.inbox))
        if self._messages_waiting():
            return
        quiet = self.settings.stuck_after_seconds if stuck_after is None else stuck_after
        with session_scope(self.engine) as session:
            stuck = ledger.stuck_files(session, timedelta(seconds=quiet))
            ledger.touch(session, stuck)
        for file_id in stuck:
            log.info("watch.requeued", file_id=file_id)
        for message in batching.messages(stuck, self.settings.batch_files):
            self._send(message)

    def _messages_waiting(self) -> bool:
        """Whether messages still wait in the queue: then a row unchanged for a while is most
        likely behind them, not lost, and re-sending every such row would multiply a backlog
        (the chaos run under load re-sent thousands). Lost messages are re-sent once the queue
        has drained; those of killed workers also come back after the visibility timeout."""
        if self.waiting is None:
            return False
        try:
            return self.waiting() > 0
        except Exception as error:  # broker away: the re-sends fail and are logged on their own
            log.warning("watch.queue_unknown", error=str(error)[:200])
            return False
