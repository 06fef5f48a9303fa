"""A message's files taken together, and what happens when that is not possible: each file
still gets its own verdict, and a file too slow or too large fails or goes alone."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from pipeline.storage.items import Part
from tests.support.database import record_file, rows
from tests.support.waiting import wait_for
from tests.support.wireitems import WireFile, wire_items
from workers.runtime import resources as runtime
from workers.runtime.app import app
from workers.runtime.tasks import parse
from workers.runtime.worker_process import start_worker
from workers.stages import run as stages

pytestmark = pytest.mark.services


def _record(engine: Engine, items: list[WireFile]) -> list[int]:
    return [record_file(engine, item.name, item.content) for item in items]


def _longer(item: WireFile, times: int) -> WireFile:
    """The item with its body paragraphs said ``times`` times: as much text for the model."""
    head, _, body = item.content.decode().partition("\n\n")
    headline, _, paragraphs = body.partition("\n\n")
    text = f"{head}\n\n{headline}\n\n" + "\n\n".join([paragraphs.strip()] * times) + "\n"
    return WireFile(item.name, text.encode())


def test_a_lone_file_gets_its_bytes_and_several_only_within_the_budget(
    engine: Engine, clean_db: None
):
    items = wire_items(2)
    ids = _record(engine, items)
    budget = len(items[0].content) + 1  # one file's worth, not two
    with session_scope(engine) as session:
        together = ledger.claims(session, ids, "parse", content_budget=budget)
    with session_scope(engine) as session:
        alone = ledger.claims(session, ids[:1], "parse", content_budget=1)
    assert [claim.content for claim in together.values()] == [None, None]
    assert alone[ids[0]].content == items[0].content


def test_files_too_large_together_are_parsed_one_by_one(
    engine: Engine, clean_db: None, monkeypatch: pytest.MonkeyPatch
):
    """Together they would hold more than one file may be: the message's transaction stops
    before parsing anything, and each file parsed alone gets its articles."""
    items = wire_items(3)
    ids = _record(engine, items)
    options = runtime.parse_options()
    monkeypatch.setenv("WIRE_MAX_FILE_BYTES", str(max(len(item.content) for item in items)))
    get_settings.cache_clear()
    try:
        with pytest.raises(stages.TooLargeTogetherError), session_scope(engine) as session:
            stages.parse_files(session, ids, options)
        assert rows(engine, "SELECT count(*) FROM article") == [(0,)]
        for file_id in ids:
            with session_scope(engine) as session:
                assert stages.parse_files(session, [file_id], options) == [Part(file_id, 0, 1)]
    finally:
        monkeypatch.undo()
        get_settings.cache_clear()
    assert rows(engine, "SELECT count(DISTINCT source_file_id) FROM article") == [(3,)]


def test_a_message_out_of_time_together_is_split_and_a_slow_file_fails_alone(
    engine: Engine, clean_db: None, pipeline_env: dict[str, str], tmp_path: Path
):
    """A 3 s soft time limit: files of ~700 words take the model a fraction of it alone (on a
    slow host too: 1 s was too close), one of ~23,000 words several times over it even alone.
    Extracted eight to a message, the long one's message runs out of time and is split into a
    message per file: its four others go through, each in its own transaction, and the long
    one fails by itself instead of holding them back. (Whether eight short ones together run
    out of time too depends on the host's speed: their two messages are one transaction each
    or are split likewise.)"""
    env = {**pipeline_env, "WIRE_QUEUE": f"wire-split-{uuid.uuid4().hex[:8]}",
           "WIRE_TASK_TIME_LIMIT_SECONDS": "18",
           "WIRE_MODEL_MAX_CHARS": "1000000"}  # the long one read by the model  # fmt: skip
    unique = [item for item in wire_items(24, seed=11) if not item.name.startswith("resend")]
    items = [_longer(item, 8) for item in unique[:20]]
    (long,) = (_longer(item, 300) for item in wire_items(1, seed=12))
    ids = _record(engine, [*items, long])
    log = tmp_path / "worker.log"
    worker = start_worker(env, log, concurrency=1)
    try:
        app.send_task(parse.name, args=ids, queue=env["WIRE_QUEUE"])
        ended = "SELECT count(*) FROM source_file WHERE status IN ('done', 'duplicate', 'failed')"
        wait_for(lambda: rows(engine, ended) == [(21,)] or None, timeout=120)
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    failed = "SELECT id, error_kind, error_message FROM source_file WHERE status = 'failed'"
    ((failed_id, kind, message),) = rows(engine, failed)
    assert (failed_id, kind) == (ids[-1], "internal_error")
    assert "SoftTimeLimitExceeded" in str(message)
    written = "SELECT count(DISTINCT xmin::text), count(DISTINCT article_id) FROM mention"
    ((transactions, articles),) = rows(engine, written)
    assert articles == 20
    assert 2 + 4 <= transactions <= 20  # the long one's four others alone, at the least
    assert '"stage.split"' in log.read_text()
