"""A file its writer has closed, or renamed into the inbox, is ready without the stability wait;
one still open, or opened again and written to, is not."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.settings import Settings
from workers.inbox.finished_writes import FinishedWrites
from workers.inbox.watcher import Watcher

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux's")


@pytest.fixture
def writes(tmp_path: Path):
    watched = FinishedWrites.watch(tmp_path)
    assert watched is not None
    yield watched
    watched.close()


def test_a_closed_file_and_a_renamed_one_are_finished_an_open_one_is_not(
    tmp_path: Path, writes: FinishedWrites
):
    (tmp_path / "closed.xml").write_bytes(b"<nitf/>")
    (tmp_path / ".hidden.part").write_bytes(b"<nitf/>")
    (tmp_path / ".hidden.part").rename(tmp_path / "renamed.xml")
    with (tmp_path / "open.xml").open("wb") as handle:
        handle.write(b"<nitf>")
        handle.flush()
        assert writes.take() == {"closed.xml", "renamed.xml"}  # not the name it was written under
    assert writes.take() == {"open.xml"}  # closed now
    assert writes.take() == set()  # each name is told once


def test_a_file_written_again_after_its_close_is_not_finished(
    tmp_path: Path, writes: FinishedWrites
):
    path = tmp_path / "story.txt"
    path.write_bytes(b"first part")
    with path.open("ab") as handle:
        handle.write(b" and more")
        handle.flush()
        assert writes.take() == set()
    assert writes.take() == {"story.txt"}


def test_a_file_moved_away_after_its_close_is_not_finished(tmp_path: Path, writes: FinishedWrites):
    (tmp_path / "story.txt").write_bytes(b"text")
    (tmp_path / "story.txt").rename(tmp_path.parent / f"{tmp_path.name}-elsewhere.txt")
    assert writes.take() == set()


def test_a_folder_that_cannot_be_watched_gives_none(tmp_path: Path):
    assert FinishedWrites.watch(tmp_path / "missing") is None


@pytest.mark.services
@pytest.mark.parametrize(("ready_on_close", "taken"), [(True, 1), (False, 0)])
def test_the_watcher_takes_a_closed_file_at_once(
    tmp_path: Path, engine: Engine, clean_db: None, ready_on_close: bool, taken: int
):
    settings = Settings(
        inbox=tmp_path / "inbox", processed_dir=tmp_path / "done", failed_dir=tmp_path / "failed",
        stable_seconds=60, ready_on_close=ready_on_close,
    )  # fmt: skip
    sent: list[int] = []
    watcher = Watcher(settings, engine, sent.extend)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    assert watcher.watching.wait(timeout=10)  # the events are read from here on
    (settings.inbox / "story.txt").write_bytes(b"MOSCOW, March 9 (Interfax) - A closed file.")
    deadline = time.monotonic() + 3  # a dozen ticks; the stability rule alone waits 60 s
    while not sent and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    thread.join(timeout=10)
    assert len(sent) == taken
