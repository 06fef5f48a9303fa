"""The watcher: notices files in the inbox, records them in the ledger, queues their ids.

Event-driven with watchfiles, plus a full scan at start-up and a periodic sweep that also
re-queues ledger rows stuck in a non-final state (a lost broker message never loses a file). A
file is taken once its writer is done with it (see :mod:`workers.inbox.finished_writes`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import structlog
import watchfiles
from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers.inbox import files
from workers.inbox.finished_writes import FinishedWrites, WriteGate, file_key
from workers.inbox.quiet import QuietSources
from workers.runtime import batching, metrics
from workers.runtime.resend import Enqueue, Resender, Waiting

log = structlog.get_logger()
_TICK_MS = 250
_SETTLE_BATCH = 2000


@dataclass
class Watcher:
    settings: Settings
    engine: Engine
    enqueue: Enqueue
    waiting: Waiting | None = None  # messages waiting in the queue; None: not known
    gate: WriteGate = field(init=False)
    resender: Resender = field(init=False)
    inflight: dict[int, Path] = field(default_factory=dict)
    taken_as: dict[int, files.Signature] = field(default_factory=dict)  # in flight, as read
    last_sweep: float = 0.0
    settle_from: int = 0  # where the next settle() starts in ``inflight``
    watching: threading.Event = field(default_factory=threading.Event)  # set once files are seen
    quiet: QuietSources = field(default_factory=QuietSources)  # logs sources gone quiet

    def __post_init__(self) -> None:
        stability = files.Stability(self.settings.stable_seconds)
        self.gate = WriteGate(self.settings.inbox, stability, self.settings.ready_marker)
        self.resender = Resender(
            self.engine,
            self.enqueue,
            self.waiting,
            self.settings.stuck_after_seconds,
            self.settings.batch_files,
        )
        for folder in (self.settings.inbox, self.settings.processed_dir, self.settings.failed_dir):
            folder.mkdir(parents=True, exist_ok=True)

    def run(self, stop: threading.Event) -> None:
        """Watch until ``stop`` is set."""
        log.info("watch.started", inbox=str(self.settings.inbox))
        if self.settings.ready_on_close:
            self.gate.events = FinishedWrites.watch(self.settings.inbox)
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
                with self.gate.one_scan():
                    self._guarded(self.tick)
                self._beat()
        finally:
            self.gate.close()
        log.info("watch.stopped")

    def _beat(self) -> None:
        """Alive: the loop went round (a database outage is waited out inside it)."""
        if self.settings.heartbeat_file is not None:
            self.settings.heartbeat_file.touch()

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
        for path in self.gate.ready(self._considered()):
            taken.extend(self.take(path))
            self.gate.taken(path)
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
        found = files.candidates(self.settings.inbox)
        return [path for path in found if not self.gate.is_marker(path.name)][:room]

    def take(self, path: Path) -> list[int]:
        """Record one ready inbox entry, or quarantine it with the reason (a ledger row either
        way); returns the id to queue, if any (the caller queues it after the commit)."""
        seen = files.signature(path)  # before reading: a write after it shows at settle()
        content = files.read_entry(path, self.settings.max_file_bytes)
        if isinstance(content, files.Refusal):
            self._refuse(path, path.name, content)
            return []
        return self._record(path, content, seen)

    def _refuse(
        self, path: Path, name: str, refusal: files.Refusal, old: int | None = None
    ) -> None:
        """The row first, then the move: a watcher stopped between them sees the file again."""
        size = (files.signature(path) or (0, 0))[0]
        with session_scope(self.engine) as session:
            file_id = ledger.record_refusal(session, name, size, refusal.kind, refusal.message)
            if old is not None:
                ledger.supersede(session, old, file_id)
        self._quarantine(path, name, file_id, refusal.kind, refusal.message)
        log.warning("watch.rejected", name=name, kind=refusal.kind, file_id=file_id)
        metrics.failed(refusal.kind, "watcher")

    def _quarantine(
        self, path: Path, name: str, file_id: int, kind: str | None, message: str | None
    ) -> None:
        reason = files.error_text(name, kind, message)
        target = files.to_failed(path, self.settings.failed_dir, name, reason)
        with session_scope(self.engine) as session:
            ledger.quarantined(session, file_id, target.name)

    def _record(self, path: Path, content: bytes, seen: files.Signature | None) -> list[int]:
        with session_scope(self.engine) as session:
            recorded = ledger.record_file(session, path.name, content)
            known = None if recorded.is_new else ledger.known(session, recorded.file_id)
            orphan = known is not None and self._orphaned(known)
            if orphan:  # the drop a dead watcher recorded: its receipt is there already
                ledger.forget_receipt(session, recorded.receipt_id)
        if known is not None and not orphan:
            metrics.watcher_took("duplicate")
            self._file_copy(path, path.name, known)
            return []
        metrics.watcher_took("recorded")
        self._in_flight(path, path.name, recorded.file_id, seen)
        log.info("watch.recorded", name=path.name, file_id=recorded.file_id)
        return [recorded.file_id]

    def _file_copy(self, path: Path, name: str, known: ledger.Known) -> None:
        """A copy of known bytes goes where their verdict sent them: to failed/, beside the
        same reason saying whose copy it is, when they were rejected (superseded or not: the
        verdict on these bytes stands); to processed/ when they went through. A copy of bytes
        in flight (not final yet) goes to processed/ at once, whatever their verdict will be.
        No row changes: the drop is a receipt of the known row, and the row's quarantined
        copy stays the one ``wire retry-failed`` replays."""
        if known.status == "failed":
            reason = files.copy_error_text(name, known, known.superseded_by_id)
            target = files.to_failed(path, self.settings.failed_dir, name, reason)
            log.warning(
                "watch.duplicate",
                name=name,
                file_id=known.file_id,
                filed_as=f"failed/{target.name}",
            )
            return
        files.to_processed(path, self.settings.processed_dir, name)
        log.info("watch.duplicate", name=name, file_id=known.file_id, status=known.status)

    def _in_flight(self, path: Path, name: str, file_id: int, seen: files.Signature | None) -> None:
        self.inflight[file_id] = files.to_inflight(path, self.settings.inbox, file_id, name)
        if seen is not None:
            self.taken_as[file_id] = seen

    def _orphaned(self, known: ledger.Known) -> bool:
        """Known content not final and not in flight: a watcher that died between its commit
        and the move left the file in the inbox. It is taken in again, not filed as a copy,
        so it still ends where its verdict says."""
        return not known.is_final and known.file_id not in self.inflight

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
        """Move files whose pipeline verdict is in to processed/ or failed/; one still open
        for writing waits, and one whose bytes changed since it was taken is taken again."""
        if not self.inflight:
            return
        with session_scope(self.engine) as session:
            final = [s for s in ledger.states(session, self._to_settle()) if s.is_final]
        for state in final:
            path = self.inflight[state.file_id]
            if file_key(path) in self.gate.writing():  # its writer is not done: bytes may change
                continue
            del self.inflight[state.file_id]
            name = files.original_name(path)
            if self._changed(state, path):
                self._retake(path, name, state.file_id)
            elif state.status == "failed":
                self._quarantine(path, name, state.file_id, state.error_kind, state.error_message)
            else:
                files.to_processed(path, self.settings.processed_dir, name)

    def _changed(self, state: ledger.FileState, path: Path) -> bool:
        """Whether the file's bytes are no longer those the verdict is about."""
        now = files.signature(path)
        if now is None or self.taken_as.pop(state.file_id, None) == now:
            return False
        return state.sha256 is not None and files.sha256_of(path) != state.sha256

    def _retake(self, path: Path, name: str, old: int) -> None:
        """The file changed after it was taken (a writer this watcher could not see went on):
        its new bytes are a new row that supersedes the old one, so the old verdict, a
        failure of half a file say, is no longer the file's."""
        seen = files.signature(path)
        content = files.read_entry(path, self.settings.max_file_bytes)
        if isinstance(content, files.Refusal):
            self._refuse(path, name, content, old)
            return
        with session_scope(self.engine) as session:
            recorded = ledger.record_file(session, name, content)
            ledger.supersede(session, old, recorded.file_id)
            known = None if recorded.is_new else ledger.known(session, recorded.file_id)
        log.warning("watch.changed", name=name, file_id=old, superseded_by=recorded.file_id)
        if known is not None:  # the new bytes are known content: a copy
            self._file_copy(path, name, known)
            return
        self._in_flight(path, name, recorded.file_id, seen)
        self._send([recorded.file_id])

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
        self.resender.sweep(stuck_after)
