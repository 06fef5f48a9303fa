"""The watcher picks up where a crashed watcher left off, waits out a database outage, and
re-sends lost messages without multiplying a backlog."""

from __future__ import annotations

import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.inbox.watcher import Watcher
from workers.runtime.app import app, waiting_messages
from workers.runtime.tasks import parse

pytestmark = pytest.mark.services
STORY = wire_items(1, seed=21)[0].content


def _watcher(tmp_path: Path, engine: Engine, sent: list[int]) -> Watcher:
    settings = Settings(
        inbox=tmp_path / "inbox", processed_dir=tmp_path / "processed", failed_dir=tmp_path / "f"
    )
    return Watcher(settings, engine, sent.extend)


def test_a_file_recorded_but_never_moved_is_taken_in_again(
    tmp_path: Path, engine: Engine, clean_db: None
):
    watcher = _watcher(tmp_path, engine, [])
    dropped = watcher.settings.inbox / "story.txt"
    dropped.write_bytes(STORY)
    with session_scope(engine) as session:  # the crashed watcher's commit
        file_id = ledger.record_file(session, "story.txt", STORY).file_id
    assert watcher.take(dropped) == [file_id]  # to be queued again
    assert watcher.inflight[file_id].read_bytes() == STORY
    assert _receipts(engine) == [("story.txt", False)]  # one drop, one receipt
    copy = watcher.settings.inbox / "again.txt"
    copy.write_bytes(STORY)
    assert watcher.take(copy) == []  # the same bytes while the first is in flight: a copy
    assert list((watcher.settings.processed_dir).rglob("again.txt"))
    assert _receipts(engine) == [("story.txt", False), ("again.txt", True)]


def _receipts(engine: Engine) -> list[tuple[str, bool]]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT name, is_copy FROM file_receipt ORDER BY id"))
        return [(name, is_copy) for name, is_copy in rows]


def test_a_database_outage_does_not_stop_the_watcher(tmp_path: Path):
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    watcher = _watcher(tmp_path, unreachable, [])
    dropped = watcher.settings.inbox / "story.txt"
    dropped.write_bytes(STORY)
    watcher.gate.stability.stable_seconds = 0
    for _ in range(2):  # first sighting, then ready: take() meets the outage
        watcher._guarded(watcher.tick)
    assert dropped.read_bytes() == STORY  # left in the inbox for the next tick


def test_the_watcher_beats_while_it_waits_out_a_database_outage(tmp_path: Path):
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    watcher = _watcher(tmp_path, unreachable, [])
    heartbeat = tmp_path / "watcher.alive"
    watcher.settings = watcher.settings.model_copy(update={"heartbeat_file": heartbeat})
    stop = threading.Event()
    loop = threading.Thread(target=watcher.run, args=(stop,))
    loop.start()
    try:
        wait_for(heartbeat.exists, what="a first heartbeat")
        first = heartbeat.stat().st_mtime_ns
        wait_for(lambda: heartbeat.stat().st_mtime_ns > first, what="the next heartbeat")
    finally:
        stop.set()
        loop.join(timeout=30)


def _stuck_row(engine: Engine) -> int:
    with session_scope(engine) as session:
        file_id = ledger.record_file(session, "stuck.txt", STORY).file_id
        session.execute(
            text("UPDATE source_file SET updated_at = now() - interval '1 hour' WHERE id = :id"),
            {"id": file_id},
        )
    return file_id


@pytest.mark.parametrize(("waiting", "resent"), [(3, False), (0, True)])
def test_the_sweeper_resends_stuck_rows_only_once_the_queue_has_drained(
    tmp_path: Path, engine: Engine, clean_db: None, waiting: int, resent: bool
):
    file_id = _stuck_row(engine)
    sent: list[int] = []
    watcher = _watcher(tmp_path, engine, sent)
    watcher.resender.waiting = lambda: waiting
    watcher.sweep()
    assert sent == ([file_id] if resent else [])


def test_waiting_messages_counts_what_the_broker_holds(pipeline_env: dict[str, str]):
    queue = f"wire-count-{uuid.uuid4().hex[:8]}"
    for file_id in (1, 2):
        app.send_task(parse.name, args=[file_id], queue=queue)
    try:
        assert waiting_messages([queue]) == 2
    finally:
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(queue)
    assert waiting_messages([queue]) == 0


def test_at_start_up_every_row_not_final_is_sent_again(
    tmp_path: Path, engine: Engine, clean_db: None
):
    with session_scope(engine) as session:  # replayed, or its message lost, while no watcher ran
        file_id = ledger.record_file(session, "replayed.txt", STORY).file_id
    sent: list[int] = []
    watcher = _watcher(tmp_path, engine, sent)
    stop = threading.Event()
    stop.set()  # only the start-up work: the watch loop ends at once
    watcher.run(stop)
    assert sent == [file_id]


def test_a_large_backlog_in_flight_is_settled_in_turns(tmp_path: Path, engine: Engine):
    watcher = _watcher(tmp_path, engine, [])
    watcher.inflight = {file_id: tmp_path / f"{file_id}.txt" for file_id in range(4500)}
    windows = [watcher._to_settle() for _ in range(4)]
    assert [len(window) for window in windows] == [2000, 2000, 500, 2000]
    assert sorted(id_ for window in windows[:3] for id_ in window) == list(range(4500))


def test_files_beyond_the_in_flight_cap_wait_in_the_inbox(
    tmp_path: Path, engine: Engine, clean_db: None
):
    sent: list[int] = []
    watcher = _watcher(tmp_path, engine, sent)
    watcher.settings = watcher.settings.model_copy(update={"max_in_flight": 2})
    watcher.gate.stability.stable_seconds = 0
    for number in range(5):
        (watcher.settings.inbox / f"{number}.txt").write_bytes(STORY + str(number).encode())
    for _ in range(3):  # first sighting, then ready; the third tick finds no room
        watcher.tick()
    assert len(sent) == len(watcher.inflight) == 2
    waiting = sorted(path.name for path in watcher.settings.inbox.glob("*.txt"))
    assert waiting == ["2.txt", "3.txt", "4.txt"]
