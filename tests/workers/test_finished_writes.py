"""A file its writer has closed, or renamed into the inbox, is ready without the settle time;
one still open for writing by any process is never taken, however long its writer pauses; with
a ready marker, a writer may close and reopen the file before it is done."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.settings import Settings
from tests.support.database import rows
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.inbox.finished_writes import FinishedWrites, file_key, open_for_writing
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


def test_a_file_open_for_writing_in_any_process_is_seen_a_read_one_is_not(tmp_path: Path):
    written, read = tmp_path / "written.txt", tmp_path / "read.txt"
    read.write_bytes(b"done")
    command = [sys.executable, "-c", WRITER, str(written), "30", "0", "", "6162"]
    with subprocess.Popen(command, stdout=subprocess.PIPE) as writer:
        try:
            assert writer.stdout is not None
            assert writer.stdout.readline() == b"half\n"
            with read.open("rb"):
                open_now = open_for_writing(tmp_path)
        finally:
            writer.kill()
    assert open_now == {file_key(written)}
    assert open_for_writing(tmp_path) == set()


# The writer: PATH PAUSE REOPEN MARKER HEX. Writes the first half, says "half", pauses, writes
# the rest (closing and reopening the file between the halves when REOPEN is 1), closes, and
# writes PATH+MARKER when a marker is given.
WRITER = """
import sys, time
path, pause, reopen, marker, content = sys.argv[1:]
content = bytes.fromhex(content)
half = len(content) // 2
handle = open(path, "wb")
handle.write(content[:half])
handle.flush()
print("half", flush=True)
if reopen == "1":
    handle.close()
time.sleep(float(pause))
if reopen == "1":
    handle = open(path, "ab")
handle.write(content[half:])
handle.close()
if marker:
    open(path + marker, "wb").close()
"""
STORY = wire_items(1, seed=27)[0].content


@contextmanager
def _watching(tmp_path: Path, engine: Engine, **settings: object) -> Iterator[list[int]]:
    """A watcher running on ``tmp_path/inbox``; yields the ids it queued."""
    configured = Settings(
        inbox=tmp_path / "inbox", processed_dir=tmp_path / "done", failed_dir=tmp_path / "failed",
        stable_seconds=0.5, **settings,
    )  # fmt: skip
    sent: list[int] = []
    watcher = Watcher(configured, engine, sent.extend)
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    assert watcher.watching.wait(timeout=10)
    try:
        yield sent
    finally:
        stop.set()
        thread.join(timeout=10)


def _write(path: Path, pause: float, reopen: bool = False, marker: str = "") -> None:
    """The writer process, to its end; the watcher runs meanwhile."""
    arguments = [str(path), str(pause), "1" if reopen else "0", marker, STORY.hex()]
    subprocess.run([sys.executable, "-c", WRITER, *arguments], check=True, timeout=pause + 60)


def _stored(engine: Engine) -> list[tuple[object, ...]]:
    return rows(engine, "SELECT content FROM source_file")


@pytest.mark.services
@pytest.mark.parametrize(
    ("pause", "ready_on_close"),
    [
        (0.1, True),
        (0.1, False),
        (3, True),
        (3, False),
        pytest.param(15, False, marks=pytest.mark.slow),
    ],
)
def test_a_writer_pausing_with_the_file_open_is_waited_for(
    tmp_path: Path, engine: Engine, clean_db: None, pause: float, ready_on_close: bool
):
    """The settle time (0.5 s) is shorter than the pause: only the open descriptor tells."""
    with _watching(tmp_path, engine, ready_on_close=ready_on_close) as sent:
        _write(tmp_path / "inbox" / "story.txt", pause)
        wait_for(lambda: sent, timeout=30, what="the file to be taken")
    assert _stored(engine) == [(STORY,)]


@pytest.mark.services
def test_a_writer_closing_between_parts_is_waited_for_with_a_ready_marker(
    tmp_path: Path, engine: Engine, clean_db: None
):
    with _watching(tmp_path, engine, ready_marker=".done") as sent:
        _write(tmp_path / "inbox" / "story.txt", 3, reopen=True, marker=".done")
        wait_for(lambda: sent, timeout=30, what="the file to be taken")
    assert _stored(engine) == [(STORY,)]
    assert list((tmp_path / "inbox").iterdir()) == [tmp_path / "inbox" / ".inflight"]  # no marker
