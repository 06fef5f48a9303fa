"""The watcher picks up where a crashed watcher left off, and waits out a database outage."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.wireitems import wire_items
from workers.watcher import Watcher

pytestmark = pytest.mark.services
STORY = wire_items(1, seed=21)[0].content


def _watcher(tmp_path: Path, engine: Engine, sent: list[int]) -> Watcher:
    settings = Settings(
        inbox=tmp_path / "inbox", processed_dir=tmp_path / "processed", failed_dir=tmp_path / "f"
    )
    return Watcher(settings, engine, sent.append)


def test_a_file_recorded_but_never_moved_is_taken_in_again(
    tmp_path: Path, engine: Engine, clean_db: None
):
    sent: list[int] = []
    watcher = _watcher(tmp_path, engine, sent)
    dropped = watcher.settings.inbox / "story.txt"
    dropped.write_bytes(STORY)
    with session_scope(engine) as session:  # the crashed watcher's commit
        file_id = ledger.record_file(session, "story.txt", STORY).file_id
    watcher.take(dropped)
    assert sent == [file_id]
    assert watcher.inflight[file_id].read_bytes() == STORY
    copy = watcher.settings.inbox / "again.txt"
    copy.write_bytes(STORY)
    watcher.take(copy)  # the same bytes while the first is in flight: a copy
    assert sent == [file_id]
    assert list((watcher.settings.processed_dir).rglob("again.txt"))


def test_a_database_outage_does_not_stop_the_watcher(tmp_path: Path):
    unreachable = create_engine("postgresql+psycopg://nobody@127.0.0.1:1/none")
    watcher = _watcher(tmp_path, unreachable, [])
    dropped = watcher.settings.inbox / "story.txt"
    dropped.write_bytes(STORY)
    watcher.stability.stable_seconds = 0
    for _ in range(2):  # first sighting, then ready: take() meets the outage
        watcher._guarded(watcher.tick)
    assert dropped.read_bytes() == STORY  # left in the inbox for the next tick
