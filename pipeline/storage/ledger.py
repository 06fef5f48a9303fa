"""The source-file ledger: what arrived, where it is in the pipeline, and why it failed."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import BigInteger, LargeBinary, Text, any_, bindparam, func, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import TextClause

from pipeline.storage.db import built_once, execute
from pipeline.storage.tables import FINAL_STATUSES, SourceFile

STAGES = ("parse", "extract", "dedupe")


@dataclass(frozen=True)
class Recorded:
    file_id: int
    is_new: bool
    receipt_id: int


@dataclass(frozen=True)
class Claim:
    name: str
    content: bytes | None  # None unless the stage asked for it and it was given (see claims)
    done_before: bool  # the stage committed earlier: only its follow-up message went missing


@dataclass(frozen=True)
class FileState:
    file_id: int
    status: str
    error_kind: str | None
    error_message: str | None
    sha256: str | None = None  # None: refused before its bytes were read

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


def record_file(session: Session, name: str, content: bytes) -> Recorded:
    """Store the bytes once per content; every call also records a receipt of the drop."""
    digest = hashlib.sha256(content).hexdigest()
    values = {"sha256": digest, "name": name, "size": len(content), "content": content}
    inserted = execute(session, _RECORD, values).scalar_one_or_none()
    # A separate statement: a concurrent insert of the same bytes is seen once it committed.
    file_id = inserted or execute(session, _RECORDED, {"sha256": digest}).scalar_one()
    receipt = {"file_id": file_id, "name": name, "is_copy": inserted is None}
    receipt_id = execute(session, _RECEIPT, receipt).scalar_one()
    return Recorded(file_id=file_id, is_new=inserted is not None, receipt_id=receipt_id)


def forget_receipt(session: Session, receipt_id: int) -> None:
    """A receipt recorded for a drop that was no new one (see the watcher's orphans)."""
    execute(session, _FORGET_RECEIPT, {"id": receipt_id})


# Text, not Postgres insert() constructs: SQLAlchemy compiles those again on every execution.
_RECORD = text("""
    INSERT INTO source_file (sha256, original_name, size, content)
    VALUES (:sha256, :name, :size, :content)
    ON CONFLICT (sha256) DO NOTHING RETURNING id
""").bindparams(bindparam("content", type_=LargeBinary))
_RECORDED = built_once(select(SourceFile.id).where(SourceFile.sha256 == bindparam("sha256")))
_RECEIPT = text(
    "INSERT INTO file_receipt (source_file_id, name, is_copy) VALUES (:file_id, :name, :is_copy) "
    "RETURNING id"
)
_FORGET_RECEIPT = text("DELETE FROM file_receipt WHERE id = :id")


@dataclass(frozen=True)
class Known:
    """The row that bytes dropped again already have: where their copy goes follows from it."""

    file_id: int
    name: str
    status: str
    error_kind: str | None
    error_message: str | None
    superseded_by_id: int | None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES


def known(session: Session, file_id: int) -> Known:
    return Known(*execute(session, _KNOWN, {"file_id": file_id}).one())


_KNOWN = built_once(
    select(
        SourceFile.id,
        SourceFile.original_name,
        SourceFile.status,
        SourceFile.error_kind,
        SourceFile.error_message,
        SourceFile.superseded_by_id,
    ).where(SourceFile.id == bindparam("file_id"))
)


def record_refusal(session: Session, name: str, size: int, kind: str, message: str) -> int:
    """A file refused before its bytes were read (empty, too large, a link, unreadable, not a
    regular file): failed at once, without content or hash, each sighting a row of its own."""
    values = {"name": name, "size": size, "kind": kind, "message": message}
    file_id: int = execute(session, _REFUSAL, values).scalar_one()
    execute(session, _RECEIPT, {"file_id": file_id, "name": name, "is_copy": False})
    return file_id


_REFUSAL = text("""
    INSERT INTO source_file (sha256, original_name, size, content, status, error_kind,
        error_message)
    VALUES (NULL, :name, :size, '', 'failed', :kind, :message) RETURNING id
""")


def supersede(session: Session, old_id: int, new_id: int) -> None:
    """The file of ``old_id`` changed after it was taken; ``new_id`` holds its new bytes."""
    execute(
        session,
        update(SourceFile).where(SourceFile.id == old_id).values(superseded_by_id=new_id),
    )


def quarantined(session: Session, file_id: int, name: str) -> None:
    """The name the file was given in the failed folder."""
    execute(session, update(SourceFile).where(SourceFile.id == file_id).values(quarantined_as=name))


def claim(session: Session, file_id: int, stage: str) -> Claim | None:
    """One file's :func:`claims`: None when it is gone or already final (a redelivery)."""
    return claims(session, [file_id], stage).get(file_id)


def claims(
    session: Session, file_ids: Sequence[int], stage: str, content_budget: int | None = None
) -> dict[int, Claim]:
    """Lock the rows for ``stage``, by id; those gone or already final (a redelivery) are left
    out.

    A row's ``stage`` is written in the same transaction as that stage's results, so a row not
    final whose stage is ``stage`` or later has that work committed: the message is a redelivery
    or a sweeper re-send, and the work is not done again (``done_before``). One round trip for
    any number of files, rows locked in id order (claimers never wait on each other in a
    cycle; the lock leaves the row's key alone, so receipts of its copies are not held up),
    and the bytes only when a ``content_budget`` is given: a lone file's always, several
    files' only when together they fit it (else None: take them one at a time). This runs
    three times per file, or per message.
    """
    parameters: dict[str, object] = {"file_ids": list(file_ids), "at_stage": stage}
    if content_budget is None:
        rows = execute(session, _CLAIM, parameters)
    else:
        rows = execute(session, _CLAIM_WITH_CONTENT, parameters | {"budget": content_budget})
    with_content = content_budget is not None
    return {
        row.id: Claim(row.original_name, row.content if with_content else None, not row.started)
        for row in rows
        if row.status not in FINAL_STATUSES
    }


def _claim(content: bool) -> TextClause:
    """The rows as they were, locked, and whether the stage started on each in the same
    statement: not when it is final or the stage (or a later one) committed before."""
    locked = ", size, content" if content else ""
    given = (
        ", CASE WHEN count(*) OVER () = 1 OR sum(size) OVER () <= :budget THEN content END"
        " AS content"
        if content
        else ""
    )
    return text(f"""
        WITH locked AS (
            SELECT id, status, stage, original_name{locked}
            FROM source_file WHERE id = ANY(:file_ids) ORDER BY id FOR NO KEY UPDATE
        ), started AS (
            UPDATE source_file f SET status = 'processing', stage = :at_stage,
                attempts = f.attempts + 1, updated_at = now()
            FROM locked
            WHERE f.id = locked.id AND locked.status <> ALL(:final)
                AND coalesce(array_position(:stages, locked.stage), 0)
                    < array_position(:stages, :at_stage)
            RETURNING f.id
        )
        SELECT id, status, original_name{given}, id IN (SELECT id FROM started) AS started
        FROM locked
    """).bindparams(
        bindparam("file_ids", type_=ARRAY(BigInteger)),
        bindparam("final", list(FINAL_STATUSES), type_=ARRAY(Text)),
        bindparam("stages", list(STAGES), type_=ARRAY(Text)),
        bindparam("at_stage", type_=Text),
    )


_CLAIM = _claim(content=False)
_CLAIM_WITH_CONTENT = _claim(content=True)


def unparsed(session: Session, file_id: int) -> tuple[str, bytes] | None:
    """The name and bytes of a file not final whose parse has not committed (None else):
    read without a lock, by a worker that parses a file of many items ahead of its claim."""
    row = execute(session, _UNPARSED, {"file_id": file_id}).one_or_none()
    return None if row is None else (row.original_name, row.content)


_UNPARSED = text("""
    SELECT original_name, content FROM source_file
    WHERE id = :file_id AND stage IS NULL AND status <> ALL(:final)
""").bindparams(bindparam("final", list(FINAL_STATUSES), type_=ARRAY(Text)))


def larger_than(session: Session, file_ids: Sequence[int], size: int) -> list[int]:
    """Of these files, those of more than ``size`` bytes, in the order given."""
    found = set(execute(session, _LARGER, {"ids": list(file_ids), "size": size}).scalars())
    return [file_id for file_id in file_ids if file_id in found]


_LARGER = text("SELECT id FROM source_file WHERE id = ANY(:ids) AND size > :size").bindparams(
    bindparam("ids", type_=ARRAY(BigInteger))
)


def mark_failed(
    session: Session, file_id: int, kind: str, message: str, stage: str | None = None
) -> None:
    """Final failure; counts as an attempt (the failed attempt's own update was rolled back)."""
    execute(
        session,
        update(SourceFile)
        .where(SourceFile.id == file_id)
        .values(
            status="failed",
            stage=stage,
            error_kind=kind,
            error_message=message,
            attempts=SourceFile.attempts + 1,
        ),
    )


def states(session: Session, file_ids: Sequence[int]) -> list[FileState]:
    """One array parameter, not one per id: a backlog of 100,000 files in flight would exceed
    the protocol's 65,535 parameters per statement."""
    rows = execute(
        session,
        select(
            SourceFile.id,
            SourceFile.status,
            SourceFile.error_kind,
            SourceFile.error_message,
            SourceFile.sha256,
        ).where(SourceFile.id == any_(bindparam("ids", list(file_ids), type_=ARRAY(BigInteger)))),
    )
    return [FileState(*row) for row in rows]


def requeue_stuck(
    session: Session, older_than: timedelta, limit: int = 500, among: Sequence[int] | None = None
) -> list[int]:
    """Rows not final whose last change is older than ``older_than`` (their message is most
    likely lost), marked re-queued now and returned, so that they are sent again. Rows another
    sweeper is marking are skipped (``SKIP LOCKED``): a watcher, workers and ``wire ingest
    --wait`` may all sweep at once, and each row is sent again once. ``among``: only these."""
    stuck = (
        select(SourceFile.id)
        .where(
            SourceFile.status.in_(("queued", "processing")),
            SourceFile.updated_at < datetime.now(UTC) - older_than,
        )
        .order_by(SourceFile.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    if among is not None:
        stuck = stuck.where(SourceFile.id.in_(list(among)))
    marked = (
        update(SourceFile)
        .where(SourceFile.id.in_(stuck.scalar_subquery()))
        .values(status="queued", updated_at=func.now())
        .returning(SourceFile.id)
    )
    return sorted(execute(session, marked).scalars())


@dataclass(frozen=True)
class FailedFile:
    file_id: int
    name: str
    sha256: str | None  # None: refused before its bytes were read
    size: int
    quarantined_as: str | None


def failed_files(session: Session, kind: str | None = None) -> list[FailedFile]:
    """Failed files that are their file's verdict (not superseded by later bytes), with what
    finds their quarantined copy: its name there, else their name and content hash."""
    query = (
        select(
            SourceFile.id,
            SourceFile.original_name,
            SourceFile.sha256,
            SourceFile.size,
            SourceFile.quarantined_as,
        )
        .where(SourceFile.status == "failed", SourceFile.superseded_by_id.is_(None))
        .order_by(SourceFile.id)
    )
    if kind:
        query = query.where(SourceFile.error_kind == kind)
    return [FailedFile(*row) for row in execute(session, query)]


def requeue(session: Session, file_ids: list[int]) -> None:
    """Clear the failure so the files run through the pipeline again, and their items'
    failures past parse (a parse again replaces its own)."""
    execute(
        session,
        update(SourceFile)
        .where(SourceFile.id.in_(file_ids))
        .values(
            status="queued",
            stage=None,
            error_kind=None,
            error_message=None,
            attempts=0,
            quarantined_as=None,
        ),
    )
    execute(session, _FORGET_ITEM_FAILURES, {"file_ids": list(file_ids)})


_FORGET_ITEM_FAILURES = text(
    "DELETE FROM item_failure WHERE source_file_id = ANY(:file_ids) AND stage <> 'parse'"
).bindparams(bindparam("file_ids", type_=ARRAY(BigInteger)))
