"""Twenty near-identical copies processed at once by four worker processes: one canonical copy.

The first test runs parse and extract here first, so that the twenty dedupe tasks really
overlap in the workers (the race the advisory locks exist for); the second sends the files
through the whole chain, as the watcher does.
"""

from __future__ import annotations

import re
from itertools import combinations

import pytest
from sqlalchemy import Engine

from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.conftest import Workers
from tests.corpus import SEED
from tests.support.database import rows
from tests.support.waiting import wait_for
from workers.runtime import resources as runtime
from workers.runtime.tasks import dedupe, parse
from workers.stages import run as stages

pytestmark = pytest.mark.services

COPIES = 20
EDITS = [
    (b"have signed", b"signed"), (b"state corporation said", b"state corporation has said"),
    (b"earlier on Tuesday", b"on Tuesday"), (b"a joint database", b"a shared database"),
    (b"had quit", b"quit"), (b"bilateral cooperation", b"cooperation"),
    (b"might be invited", b"could be invited"), (b"was considering", b"had considered"),
    (b"high-precision", b"precise"), (b"Prime Minister", b"Premier"),
]  # fmt: skip


def _copy(number: int) -> bytes:
    """The seed story re-sent at another minute (another item) with two small edits of its own."""
    content = SEED.read_bytes().replace(b"17:29", f"17:{10 + number:02d}".encode(), 1)
    for edit in list(combinations(EDITS, 2))[number]:
        content = content.replace(*edit, 1)
    return content


def _all_final(engine: Engine) -> bool:
    query = "SELECT count(*) FROM source_file WHERE status IN ('done', 'duplicate', 'failed')"
    return rows(engine, query) == [(COPIES,)]


def _received(engine: Engine) -> list[int]:
    """The twenty files recorded in the ledger in one go, in copy order."""
    with session_scope(engine) as session:
        names = [f"copy-{n:02d}.txt" for n in range(COPIES)]
        return [ledger.record_file(session, name, _copy(n)).file_id for n, name in enumerate(names)]


def _received_and_extracted(engine: Engine) -> list[int]:
    """The twenty files in the ledger, parsed and extracted here, ready for dedupe at once."""
    ids = _received(engine)
    for file_id in ids:
        with session_scope(engine) as session:
            parts = stages.parse_files(session, [file_id], runtime.parse_options())
        with session_scope(engine) as session:
            stages.extract_items(session, parts, runtime.nlp())
    return ids


def test_copies_deduped_at_once_keep_the_first_received(
    four_workers: Workers, engine: Engine, clean_db: None
):
    ids = _received_and_extracted(engine)
    log_start = four_workers.log_path.stat().st_size
    for file_id in reversed(ids):  # the first received is sent last: it must still win
        dedupe.apply_async((file_id,), queue=four_workers.queue)
    _assert_one_canonical(engine, ids)
    _assert_side_by_side(four_workers, log_start)


def test_copies_dropped_at_once_through_the_whole_chain(
    four_workers: Workers, engine: Engine, clean_db: None
):
    ids = _received(engine)
    log_start = four_workers.log_path.stat().st_size
    for file_id in reversed(ids):
        parse.apply_async((file_id,), queue=four_workers.queue)
    _assert_one_canonical(engine, ids)
    _assert_side_by_side(four_workers, log_start)


def _assert_one_canonical(engine: Engine, ids: list[int]) -> None:
    wait_for(lambda: _all_final(engine), timeout=90, what="twenty copies to be processed")
    statuses = dict(rows(engine, "SELECT id, status FROM source_file"))
    assert statuses == {file_id: "done" if file_id == ids[0] else "duplicate" for file_id in ids}
    ((canonical, file_id),) = rows(
        engine, "SELECT id, source_file_id FROM article WHERE duplicate_of_id IS NULL"
    )
    assert file_id == ids[0]
    decisions = rows(engine, "SELECT decision, related_article_id, score FROM dedupe_decision")
    assert len(decisions) == COPIES - 1
    assert {(decision, related) for decision, related, _ in decisions} == {
        ("near_duplicate", canonical)
    }
    threshold = get_settings().near_duplicate_threshold
    assert all(threshold <= float(score) < 1.0 for _, _, score in decisions)  # type: ignore[arg-type]


def _assert_side_by_side(four_workers: Workers, log_start: int) -> None:
    """More than one worker process ran this test's tasks."""
    with four_workers.log_path.open("rb") as log:
        log.seek(log_start)
        processes = set(re.findall(rb"ForkPoolWorker-\d+", log.read()))
    assert len(processes) >= 2
