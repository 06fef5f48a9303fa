"""A file's items as units of work: parts of files in messages, each item's stage and failure,
and the file's verdict once its last item is through.

An item is its file id and item index. Each stage writes ``article.stage`` in the transaction
of its results, so a redelivered or retried message redoes only the items still before that
stage; the file becomes final in the transaction of its last item (see :func:`finish_file`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import BigInteger, Integer, Text, bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from pipeline.storage.db import execute
from pipeline.storage.tables import FINAL_STATUSES, OPEN_ITEM_STAGES

WHOLE_FILE = 2**31 - 1  # the end of a part that runs to the file's last item


class Part(NamedTuple):
    """The items ``start`` to ``stop - 1`` of a file (as a message carries them: a list)."""

    file_id: int
    start: int
    stop: int

    @classmethod
    def of(cls, given: int | Sequence[int]) -> Part:
        """A part from a message: ``[file_id, start, stop]``, or a bare file id for all of its
        items (what messages queued before items travelled on their own carry)."""
        if isinstance(given, int):
            return cls(given, 0, WHOLE_FILE)
        file_id, start, stop = given
        return cls(file_id, start, stop)

    def items(self) -> list[Part]:
        """One part per item (a finite part only)."""
        return [Part(self.file_id, index, index + 1) for index in range(self.start, self.stop)]


def chunked(file_id: int, indexes: Sequence[int], size: int) -> list[Part]:
    """Parts of at most ``size`` of the given item indexes (sorted), each a run of them."""
    parts: list[Part] = []
    for first in range(0, len(indexes), size):
        run = indexes[first : first + size]
        parts.append(Part(file_id, run[0], run[-1] + 1))
    return parts


def _arrays(parts: Iterable[Part]) -> dict[str, list[int]]:
    listed = list(parts)
    return {
        "files": [part.file_id for part in listed],
        "starts": [part.start for part in listed],
        "stops": [part.stop for part in listed],
    }


_GIVEN = """
    given AS (
        SELECT * FROM unnest(CAST(:files AS bigint[]), CAST(:starts AS integer[]),
            CAST(:stops AS integer[])) AS given(file_id, start, stop)
    )"""
_IN_GIVEN = """
    JOIN given ON a.source_file_id = given.file_id
        AND a.item_index >= given.start AND a.item_index < given.stop"""


def open_parts(session: Session, file_ids: Sequence[int], size: int) -> list[Part]:
    """The items of the files not yet through dedupe nor failed, in parts of ``size``."""
    rows = execute(session, _OPEN_ITEMS, {"file_ids": list(file_ids)}).tuples()
    indexes: dict[int, list[int]] = {}
    for file_id, item_index in rows:
        indexes.setdefault(file_id, []).append(item_index)
    return [
        part for file_id in file_ids for part in chunked(file_id, indexes.get(file_id, []), size)
    ]


_OPEN_ITEMS = text("""
    SELECT source_file_id, item_index FROM article
    WHERE source_file_id = ANY(:file_ids) AND stage IN ('parse', 'extract')
    ORDER BY source_file_id, item_index
""").bindparams(bindparam("file_ids", type_=ARRAY(BigInteger)))


@dataclass(frozen=True)
class Item:
    article_id: int
    file_id: int
    item_index: int
    stage: str
    never_extracted: bool


def claim(session: Session, parts: Sequence[Part]) -> list[Item]:
    """Lock the parts' items in files not yet final (in article id order: claimers never wait
    on each other in a cycle), failed ones left out."""
    return [Item(*row) for row in execute(session, _CLAIM, _arrays(parts))]


_CLAIM = text(f"""
    WITH {_GIVEN}
    SELECT a.id, a.source_file_id, a.item_index, a.stage, a.extracted_at IS NULL
    FROM article a {_IN_GIVEN}
    JOIN source_file f ON f.id = a.source_file_id
    WHERE f.status <> ALL(:final) AND a.stage <> 'failed'
    ORDER BY a.id FOR NO KEY UPDATE OF a
""").bindparams(bindparam("final", list(FINAL_STATUSES), type_=ARRAY(Text)))


def at_stage(session: Session, parts: Sequence[Part], *stages: str) -> list[Item]:
    """The parts' items whose last stage is one of ``stages``, in files not final (not
    locked)."""
    values = _arrays(parts) | {"stages": list(stages)}
    return [Item(*row) for row in execute(session, _AT_STAGE, values)]


_AT_STAGE = text(f"""
    WITH {_GIVEN}
    SELECT a.id, a.source_file_id, a.item_index, a.stage, a.extracted_at IS NULL
    FROM article a {_IN_GIVEN}
    JOIN source_file f ON f.id = a.source_file_id
    WHERE f.status <> ALL(:final) AND a.stage = ANY(:stages)
    ORDER BY a.source_file_id, a.item_index
""").bindparams(
    bindparam("final", list(FINAL_STATUSES), type_=ARRAY(Text)),
    bindparam("stages", type_=ARRAY(Text)),
)


def fail(session: Session, item: Part, stage: str, kind: str, message: str) -> None:
    """Quarantine one item of a file whose other items go on; a repeat keeps one row."""
    values = {
        "file_id": item.file_id, "index": item.start, "stage": stage, "kind": kind,
        "message": message,
    }  # fmt: skip
    execute(session, _FAIL_ITEM, values)


_FAIL_ITEM = text("""
    WITH failed AS (
        UPDATE article SET stage = 'failed', updated_at = now()
        WHERE source_file_id = :file_id AND item_index = :index
    )
    INSERT INTO item_failure (source_file_id, stage, item_index, kind, message)
    VALUES (:file_id, :stage, :index, :kind, :message)
    ON CONFLICT (source_file_id, stage, item_index)
    DO UPDATE SET kind = excluded.kind, message = excluded.message, created_at = now()
""")


def record_skipped(session: Session, file_id: int, skipped: Sequence[tuple[int, str, str]]) -> None:
    """The items the parser could not read (position, kind, message), replacing those of an
    earlier parse of the file: the rest of the file is stored without them."""
    values = {
        "file_id": file_id,
        "indexes": [index for index, _, _ in skipped],
        "kinds": [kind for _, kind, _ in skipped],
        "messages": [message for _, _, message in skipped],
    }
    execute(session, _RECORD_SKIPPED, values)


_RECORD_SKIPPED = text("""
    WITH dropped AS (
        DELETE FROM item_failure WHERE source_file_id = :file_id AND stage = 'parse'
    )
    INSERT INTO item_failure (source_file_id, stage, item_index, kind, message)
    SELECT :file_id, 'parse', skipped.* FROM unnest(
        CAST(:indexes AS integer[]), CAST(:kinds AS text[]), CAST(:messages AS text[])
    ) AS skipped
""").bindparams(bindparam("indexes", type_=ARRAY(Integer)))


def finish_file(session: Session, file_id: int) -> str | None:
    """The file's final status once its parse has committed (its stage is parse: a file of
    many items is stored a part at a time, and its first parts may be through before the
    last is stored) and none of its items is open, written now; else None.

    The row is locked first: of two transactions finishing a file's last items at once, the
    second waits, then reads (a statement started after the wait sees the first's items
    committed), so exactly one of them sees none open; the same holds between the parse's
    last transaction and an item finishing meanwhile."""
    if execute(session, _TOUCH, {"file_id": file_id}).scalar_one_or_none() is None:
        return None  # final already (failed, or a redelivery after the end), or still parsing
    if execute(session, _ANY_OPEN, {"file_id": file_id}).scalar_one():
        return None
    deduped, canonical, failed = execute(session, _TALLY, {"file_id": file_id}).one()
    if not deduped:
        _all_failed(session, file_id)
        return "failed"
    status = "duplicate" if not canonical and not failed else "done"
    execute(session, _FINAL, {"file_id": file_id, "status": status})
    return status


_TOUCH = text("""
    UPDATE source_file SET updated_at = now()
    WHERE id = :file_id AND status <> ALL(:final) AND stage = 'parse'
    RETURNING id
""").bindparams(bindparam("final", list(FINAL_STATUSES), type_=ARRAY(Text)))
_ANY_OPEN = text(f"""
    SELECT EXISTS (
        SELECT FROM article WHERE source_file_id = :file_id AND stage IN {OPEN_ITEM_STAGES}
    )
""")
_TALLY = text("""
    SELECT count(*) FILTER (WHERE stage = 'dedupe'),
        count(*) FILTER (WHERE stage = 'dedupe' AND duplicate_of_id IS NULL),
        count(*) FILTER (WHERE stage = 'failed')
    FROM article WHERE source_file_id = :file_id
""")
_FINAL = text("""
    UPDATE source_file SET status = :status, stage = NULL, error_kind = NULL,
        error_message = NULL
    WHERE id = :file_id
""")


def _all_failed(session: Session, file_id: int) -> None:
    """Every item failed: the file fails with the first item's reason (the only one's, for a
    file of one item, as it reads)."""
    failures = execute(session, _FAILURES, {"file_id": file_id}).all()
    kind, first = failures[0].kind, failures[0].message
    message = first if len(failures) == 1 else f"all {len(failures)} items failed; {first}"
    values = {"file_id": file_id, "kind": kind, "message": message}
    execute(session, _FAILED, values)


_FAILURES = text("""
    SELECT kind, message FROM item_failure WHERE source_file_id = :file_id
    ORDER BY item_index, stage
""")
_FAILED = text("""
    UPDATE source_file SET status = 'failed', error_kind = :kind, error_message = :message,
        attempts = attempts + 1
    WHERE id = :file_id
""")


def reopen(session: Session, file_ids: Sequence[int]) -> None:
    """The files' items go through extract and dedupe again, the files' parse kept (for files
    re-queued with :func:`ledger.requeue`)."""
    execute(session, _REOPEN, {"file_ids": list(file_ids)})


_REOPEN = text("""
    WITH parsed AS (
        UPDATE source_file SET stage = 'parse' WHERE id = ANY(:file_ids)
    )
    UPDATE article SET stage = 'parse' WHERE source_file_id = ANY(:file_ids) AND stage <> 'parse'
""").bindparams(bindparam("file_ids", type_=ARRAY(BigInteger)))
