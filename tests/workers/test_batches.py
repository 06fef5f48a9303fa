"""Several files in one message: grouped only for a backlog, each file with its own verdict."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, text

from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers import runtime, stages
from workers.batching import messages
from workers.tasks import parse


def test_a_backlog_travels_in_full_batches_and_a_few_files_one_per_message():
    assert messages(list(range(1, 20)), 8) == [
        [1, 2, 3, 4, 5, 6, 7, 8],
        [9, 10, 11, 12, 13, 14, 15, 16],
        [17],
        [18],
        [19],
    ]
    assert messages([5, 6], 8) == [[5], [6]]
    assert messages([], 8) == []


def _record(engine: Engine, name: str, content: bytes) -> int:
    with session_scope(engine) as session:
        return ledger.record_file(session, name, content).file_id


def _rows(engine: Engine, query: str) -> list[tuple[object, ...]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(text(query))]


@pytest.mark.services
def test_bad_file_in_a_batch_fails_alone(engine: Engine, clean_db: None, celery_worker: object):
    first, second = wire_items(2)
    ids = [
        _record(engine, first.name, first.content),
        _record(engine, "note.txt", b"This is not a wire story at all.\n"),
        _record(engine, second.name, second.content),
    ]
    parse.delay(*ids)
    final = "SELECT id, status, error_kind FROM source_file WHERE status <> 'processing'"
    wait_for(lambda: len(_rows(engine, final + " AND status <> 'queued'")) == 3 or None)
    assert sorted(_rows(engine, final)) == [
        (ids[0], "done", None),
        (ids[1], "failed", "unknown_format"),
        (ids[2], "done", None),
    ]
    extracted = "SELECT count(DISTINCT article_id) FROM mention"
    assert _rows(engine, extracted) == [(2,)]


@pytest.mark.services
def test_extraction_ahead_skips_files_past_extract(engine: Engine, clean_db: None):
    items = wire_items(2)
    ids = [_record(engine, item.name, item.content) for item in items]
    for file_id in ids:
        with session_scope(engine) as session:
            stages.parse_stage(session, file_id, runtime.parse_options())
    with session_scope(engine) as session:
        stages.extract_stage(session, ids[0], runtime.nlp())
    ahead = stages.extract_ahead(engine, ids, runtime.nlp())
    pending = _rows(engine, f"SELECT id FROM article WHERE source_file_id = {ids[1]}")
    assert sorted(ahead) == [row[0] for row in pending]
    with session_scope(engine) as session:  # the stage stores what was extracted ahead
        stages.extract_stage(session, ids[1], runtime.nlp(), ahead)
    stored = "SELECT count(*) > 0 FROM mention GROUP BY article_id ORDER BY article_id"
    assert _rows(engine, stored) == [(True,), (True,)]
