"""``wire retry-failed``: failed files back through the pipeline, their quarantined copies read
as they are now.

A copy whose bytes are the stored ones is replayed under its ledger row. One whose bytes differ
(its writer went on after it was quarantined, or it was fixed by hand) is taken in as a new row
that supersedes the old one, and the difference is said. A file refused unread (empty, too
large, a link, ...) is read again: it goes in when it can be read now, else stays refused.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from workers.inbox import files as inbox


@dataclass
class Replay:
    queued: list[int] = field(default_factory=list)  # ids to send: replayed or new rows
    back: int = 0  # quarantined copies moved back in flight
    notes: list[str] = field(default_factory=list)  # what the user should know, one per line


def replay_failed(engine: Engine, settings: Settings, kind: str | None) -> Replay:
    """Replay the failed files (of ``kind``) that are their file's verdict."""
    with session_scope(engine) as session:
        failed = ledger.failed_files(session, kind)
    replay = Replay()
    for file in failed:
        _replay(engine, settings, file, replay)
    return replay


def _replay(engine: Engine, settings: Settings, file: ledger.FailedFile, replay: Replay) -> None:
    copy = inbox.quarantined_copy(settings.failed_dir, file.name, file.quarantined_as, file.sha256)
    label = f"{file.name} (file {file.file_id})"
    if copy is None:
        if file.sha256 is None:
            replay.notes.append(f"{label}: refused unread and no quarantined copy: left failed")
            return
        replay.notes.append(f"{label}: no quarantined copy found: the stored bytes are replayed")
        _requeue(engine, file.file_id, replay)
        return
    content = inbox.read_entry(copy, settings.max_file_bytes)
    if isinstance(content, inbox.Refusal):
        replay.notes.append(f"{label}: still refused: {content.message} (kind {content.kind})")
        return
    if hashlib.sha256(content).hexdigest() == file.sha256:
        _requeue(engine, file.file_id, replay)
        inbox.reclaim(copy, settings.inbox, file.file_id, file.name)
        replay.back += 1
        return
    _take_anew(engine, settings, file, copy, content, replay)


def _requeue(engine: Engine, file_id: int, replay: Replay) -> None:
    with session_scope(engine) as session:
        ledger.requeue(session, [file_id])
    replay.queued.append(file_id)


def _take_anew(
    engine: Engine,
    settings: Settings,
    file: ledger.FailedFile,
    copy: Path,
    content: bytes,
    replay: Replay,
) -> None:
    """The copy's bytes are not the stored ones: a new row for them supersedes the old. Bytes
    the ledger has already are a copy, filed as the watcher files one: left in failed/ beside
    the known row's reason when that row failed, else moved to processed/."""
    with session_scope(engine) as session:
        recorded = ledger.record_file(session, file.name, content)
        ledger.supersede(session, file.file_id, recorded.file_id)
        known = None if recorded.is_new else ledger.known(session, recorded.file_id)
    was = "refused unread" if file.sha256 is None else f"{file.size} bytes stored"
    said = f"{copy.name}: the quarantined copy differs from the stored bytes ({len(content)} bytes"
    if known is not None and known.status == "failed":  # a copy of rejected bytes: stays
        replay.notes.append(
            f"{said}, {was}): the same as file {known.file_id}, rejected before: left failed"
        )
        reason = inbox.copy_error_text(file.name, known)
        copy.with_name(copy.name + ".error.txt").write_text(reason + "\n")
        return
    if known is not None:
        replay.notes.append(f"{said}, {was}): the same as file {recorded.file_id}, a copy")
        copy.with_name(copy.name + ".error.txt").unlink(missing_ok=True)
        inbox.to_processed(copy, settings.processed_dir, file.name)
        return
    replay.notes.append(f"{said}, {was}): taken in as file {recorded.file_id}")
    inbox.reclaim(copy, settings.inbox, recorded.file_id, file.name)
    replay.back += 1
    replay.queued.append(recorded.file_id)
