"""Several files in one message: grouped only for a backlog, each file with its own verdict."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from pipeline.storage.db import session_scope
from tests.support.database import record_file, rows
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.runtime import resources as runtime
from workers.runtime.batching import messages
from workers.runtime.tasks import parse
from workers.stages import run as stages


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


@pytest.mark.services
def test_bad_file_in_a_batch_fails_alone(engine: Engine, clean_db: None, celery_worker: object):
    first, second = wire_items(2)
    ids = [
        record_file(engine, first.name, first.content),
        record_file(engine, "note.txt", b"This is not a wire story at all.\n"),
        record_file(engine, second.name, second.content),
    ]
    parse.delay(*ids)
    final = "SELECT id, status, error_kind FROM source_file WHERE status <> 'processing'"
    wait_for(lambda: len(rows(engine, final + " AND status <> 'queued'")) == 3 or None)
    assert sorted(rows(engine, final)) == [
        (ids[0], "done", None),
        (ids[1], "failed", "unknown_format"),
        (ids[2], "done", None),
    ]
    extracted = "SELECT count(DISTINCT article_id) FROM mention"
    assert rows(engine, extracted) == [(2,)]
    # The message's transaction failed on the bad file; the good ones were parsed one by one.
    assert rows(engine, "SELECT count(DISTINCT created_at) FROM article") == [(2,)]


@pytest.mark.services
def test_a_message_is_parsed_and_extracted_in_one_transaction_per_stage(
    engine: Engine, clean_db: None, celery_worker: object
):
    """A few statements for all the files of a message, not a few for each: the articles
    share one creation time (``now()`` is the transaction's), the mentions (never updated)
    the transaction that wrote them."""
    ids = [record_file(engine, item.name, item.content) for item in wire_items(3)]
    parse.delay(*ids)
    done = "SELECT count(*) FROM source_file WHERE status IN ('done', 'duplicate')"
    wait_for(lambda: rows(engine, done) == [(3,)] or None)
    assert rows(engine, "SELECT count(DISTINCT created_at), count(*) FROM article") == [(1, 3)]
    written = "SELECT count(DISTINCT xmin::text), count(DISTINCT article_id) FROM mention"
    assert rows(engine, written) == [(1, 3)]


@pytest.mark.services
def test_extraction_ahead_skips_items_past_extract(engine: Engine, clean_db: None):
    items = wire_items(2)
    ids = [record_file(engine, item.name, item.content) for item in items]
    parts = []
    for file_id in ids:
        with session_scope(engine) as session:
            parts += stages.parse_files(session, [file_id], runtime.parse_options())
    with session_scope(engine) as session:
        stages.extract_items(session, parts[:1], runtime.nlp())
    ahead = stages.extract_ahead(engine, parts, runtime.nlp())
    pending = rows(engine, f"SELECT id FROM article WHERE source_file_id = {ids[1]}")
    assert sorted(ahead) == [row[0] for row in pending]
    with session_scope(engine) as session:  # the stage stores what was extracted ahead
        stages.extract_items(session, parts[1:], runtime.nlp(), ahead)
    stored = "SELECT count(*) > 0 FROM mention GROUP BY article_id ORDER BY article_id"
    assert rows(engine, stored) == [(True,), (True,)]


_PROGRESS = """
    SELECT count(*) FILTER (WHERE status IN ('done', 'duplicate')),
        count(*) FILTER (WHERE status = 'queued'), count(*) FILTER (WHERE status = 'processing')
    FROM source_file"""


@pytest.mark.services
def test_a_backlog_is_finished_file_by_file_not_stage_by_stage(
    engine: Engine, clean_db: None, celery_worker: object
):
    """Each stage has a queue of its own, taken from in turn: the first files of a backlog are
    done while later ones still wait to be parsed. (On the parse queue, dedupe messages waited
    behind every parse message queued before them: nothing was done until all was parsed.)"""
    ids = [record_file(engine, item.name, item.content) for item in wire_items(48)]
    for group in messages(ids, 4):
        parse.delay(*group)
    progress = wait_for(lambda: _once_some_done(engine))
    assert progress[1] > 0, progress  # files not yet parsed when the first ones were done
    wait_for(lambda: rows(engine, _PROGRESS)[0][1:] == (0, 0) or None)


def _once_some_done(engine: Engine) -> tuple[object, ...] | None:
    """Files done, waiting and in progress, as soon as some are done."""
    progress = rows(engine, _PROGRESS)[0]
    return progress if progress[0] else None
