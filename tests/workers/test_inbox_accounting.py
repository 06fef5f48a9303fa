"""Nothing unaccounted: every file the watcher sees has a ledger row, refused ones included; a
file that changed after it was taken is taken again as a new row that supersedes the old one;
`wire status` counts what failed/ holds and `wire retry-failed` replays the copies as they are."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from pipeline.settings import Settings, get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.database import mark_done, rows
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.cli.main import app
from workers.inbox.watcher import Watcher

pytestmark = pytest.mark.services
STORY = wire_items(1, seed=27)[0].content
HALF = STORY[: len(STORY) // 2]


@pytest.fixture
def watcher(tmp_path: Path, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Watcher]:
    """A watcher whose ticks the test drives; `wire` commands see the same folders."""
    for name, folder in (("INBOX", "inbox"), ("PROCESSED_DIR", "done"), ("FAILED_DIR", "failed")):
        monkeypatch.setenv(f"WIRE_{name}", str(tmp_path / folder))
    monkeypatch.setenv("WIRE_MAX_FILE_BYTES", "5000")
    get_settings.cache_clear()
    settings: Settings = get_settings()
    yield Watcher(settings, engine, lambda file_ids: None)
    get_settings.cache_clear()


def _quarantined(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".error.txt"))


def test_every_refused_file_has_a_row_and_status_counts_what_failed_holds(
    watcher: Watcher, clean_db: None
):
    inbox = watcher.settings.inbox
    (inbox / "empty.txt").touch()
    (inbox / "big.txt").write_bytes(b"x" * 5001)
    (inbox / "link.txt").symlink_to(inbox.parent / "elsewhere.txt")
    (inbox / "folder").mkdir()
    os.mkfifo(inbox / "pipe")
    for entry in sorted(inbox.iterdir()):
        if entry.name != ".inflight":
            assert watcher.take(entry) == []
    found = rows(watcher.engine, """
        SELECT original_name, status, error_kind, quarantined_as, sha256 IS NULL
        FROM source_file ORDER BY original_name""")  # fmt: skip
    assert found == [
        ("big.txt", "failed", "too_large", "big.txt", True),
        ("empty.txt", "failed", "empty_file", "empty.txt", True),
        ("folder", "failed", "not_a_file", "folder", True),
        ("link.txt", "failed", "symlink", "link.txt", True),
        ("pipe", "failed", "not_a_file", "pipe", True),
    ]
    assert len(_quarantined(watcher.settings.failed_dir)) == 5
    result = CliRunner().invoke(app, ["status"])
    assert re.search(r"failed\s*│\s*5\b", result.stdout), result.stdout


def _taken_half(watcher: Watcher) -> tuple[int, Path]:
    """The first half of a story taken as if its writer had paused unseen."""
    dropped = watcher.settings.inbox / "story.txt"
    dropped.write_bytes(HALF)
    (file_id,) = watcher.take(dropped)
    return file_id, watcher.inflight[file_id]


def test_a_file_that_grew_after_it_was_taken_is_taken_again_superseding_the_old_row(
    watcher: Watcher, clean_db: None
):
    sent: list[int] = []
    watcher.enqueue = watcher.resender.enqueue = sent.extend
    old, inflight = _taken_half(watcher)
    with session_scope(watcher.engine) as session:  # the half failed to parse meanwhile
        ledger.mark_failed(session, old, "unknown_format", "story.txt: no layout [unknown_format]")
    with inflight.open("ab") as handle:  # ...while its writer went on
        handle.write(STORY[len(HALF) :])
        handle.flush()
        watcher.settle()
        assert old in watcher.inflight  # still open for writing: no verdict is filed yet
    watcher.settle()
    (new,) = sent
    assert rows(
        watcher.engine, "SELECT id, superseded_by_id, content FROM source_file ORDER BY id"
    ) == [
        (old, new, HALF),
        (new, None, STORY),
    ]
    assert watcher.inflight[new].read_bytes() == STORY
    assert _quarantined(watcher.settings.failed_dir) == []  # no error beside bytes it is not about
    result = CliRunner().invoke(app, ["status"])
    words = " ".join(result.stdout.split())
    assert "superseded │ 1" in words
    assert "failed │" not in words


def test_a_file_unchanged_since_it_was_taken_is_filed_by_its_verdict(
    watcher: Watcher, clean_db: None
):
    old, _ = _taken_half(watcher)
    with session_scope(watcher.engine) as session:
        ledger.mark_failed(session, old, "unknown_format", "story.txt: no layout [unknown_format]")
    watcher.settle()
    failed = watcher.settings.failed_dir
    assert _quarantined(failed) == ["story.txt"]
    assert (failed / "story.txt.error.txt").read_text() == (
        "story.txt: no layout (kind unknown_format)\n"
    )
    assert rows(watcher.engine, "SELECT quarantined_as FROM source_file") == [("story.txt",)]


def test_retry_reads_the_quarantined_copy_as_it_is_now_and_says_when_it_differs(
    watcher: Watcher, clean_db: None, celery_worker: object
):
    inbox, failed = watcher.settings.inbox, watcher.settings.failed_dir
    old, _ = _taken_half(watcher)
    with session_scope(watcher.engine) as session:
        ledger.mark_failed(session, old, "unknown_format", "story.txt: no layout [unknown_format]")
    watcher.settle()
    (failed / "story.txt").write_bytes(STORY)  # its writer went on after the quarantine
    (inbox / "empty.txt").touch()
    watcher.take(inbox / "empty.txt")
    (failed / "empty.txt").write_bytes(STORY + b"\n")  # refused empty, filled since
    result = CliRunner().invoke(app, ["retry-failed"])
    assert result.exit_code == 0, result.output
    words = " ".join(result.stdout.split())
    assert "story.txt: the quarantined copy differs from the stored bytes" in words
    assert f"({len(STORY)} bytes, {len(HALF)} bytes stored): taken in as file" in words
    assert "empty.txt: the quarantined copy differs from the stored bytes" in words
    assert "re-queued 2 file(s); 2 quarantined copies back in flight" in words
    superseded = rows(watcher.engine, """
        SELECT old.original_name, new.content FROM source_file old
        JOIN source_file new ON new.id = old.superseded_by_id ORDER BY old.id""")  # fmt: skip
    assert superseded == [("story.txt", STORY), ("empty.txt", STORY + b"\n")]
    assert os.listdir(failed) == []
    # Through the pipeline, before the next test empties the tables under the worker's feet.
    ended = "SELECT status FROM source_file WHERE superseded_by_id IS NULL ORDER BY id"
    final = [("done",), ("duplicate",)]  # the second differs from the first by a line end
    wait_for(lambda: rows(watcher.engine, ended) == final, timeout=180, what="the replays")


def _rejected(watcher: Watcher, name: str, content: bytes) -> int:
    """``content`` taken in as ``name``, failed by the pipeline and filed in failed/."""
    dropped = watcher.settings.inbox / name
    dropped.write_bytes(content)
    (file_id,) = watcher.take(dropped)
    with session_scope(watcher.engine) as session:
        ledger.mark_failed(
            session, file_id, "unknown_format", f"{name}: no layout [unknown_format]"
        )
    watcher.settle()
    return file_id


def test_a_copy_of_a_rejected_file_is_filed_in_failed_beside_the_same_reason(
    watcher: Watcher, clean_db: None
):
    inbox, failed = watcher.settings.inbox, watcher.settings.failed_dir
    rejected = _rejected(watcher, "story.txt", HALF)
    for name in ("story.txt", "again.txt"):
        (inbox / name).write_bytes(HALF)
        assert watcher.take(inbox / name) == []
    assert _quarantined(failed) == ["again.txt", "story.1.txt", "story.txt"]
    assert (failed / "story.1.txt.error.txt").read_text() == (
        f"story.txt: a copy of file {rejected}, rejected before: no layout (kind unknown_format)\n"
    )
    assert (failed / "again.txt.error.txt").read_text() == (
        f"again.txt: a copy of file {rejected} (story.txt), rejected before: no layout"
        " (kind unknown_format)\n"
    )
    assert not list(watcher.settings.processed_dir.rglob("*"))
    # One row, its quarantined copy unchanged (what retry-failed replays); a receipt per drop.
    assert rows(watcher.engine, "SELECT status, quarantined_as FROM source_file") == [
        ("failed", "story.txt")
    ]
    assert rows(watcher.engine, "SELECT name, is_copy FROM file_receipt ORDER BY id") == [
        ("story.txt", False),
        ("story.txt", True),
        ("again.txt", True),
    ]
    result = CliRunner().invoke(app, ["status"])
    assert re.search(r"failed\s*│\s*1\b", result.stdout), result.stdout


def test_a_copy_of_a_file_done_or_in_flight_goes_to_processed(watcher: Watcher, clean_db: None):
    inbox, processed = watcher.settings.inbox, watcher.settings.processed_dir
    (inbox / "story.txt").write_bytes(STORY)
    (file_id,) = watcher.take(inbox / "story.txt")
    (inbox / "early.txt").write_bytes(STORY)
    assert watcher.take(inbox / "early.txt") == []  # its verdict not in yet: filed as a copy
    with session_scope(watcher.engine) as session:
        mark_done(session, file_id)
    watcher.settle()
    (inbox / "late.txt").write_bytes(STORY)
    assert watcher.take(inbox / "late.txt") == []
    assert sorted(p.name for p in processed.rglob("*.txt")) == [
        "early.txt",
        "late.txt",
        "story.txt",
    ]
    assert list(watcher.settings.failed_dir.iterdir()) == []


def test_a_copy_of_superseded_rejected_bytes_is_filed_in_failed_naming_both_rows(
    watcher: Watcher, clean_db: None
):
    sent: list[int] = []
    watcher.enqueue = watcher.resender.enqueue = sent.extend
    old, inflight = _taken_half(watcher)
    with session_scope(watcher.engine) as session:
        ledger.mark_failed(session, old, "unknown_format", "story.txt: no layout [unknown_format]")
    with inflight.open("ab") as handle:  # the writer went on: the whole file supersedes the half
        handle.write(STORY[len(HALF) :])
    watcher.settle()
    (new,) = sent
    failed = watcher.settings.failed_dir
    (watcher.settings.inbox / "half.txt").write_bytes(HALF)
    assert watcher.take(watcher.settings.inbox / "half.txt") == []
    assert _quarantined(failed) == ["half.txt"]
    assert (failed / "half.txt.error.txt").read_text() == (
        f"half.txt: a copy of file {old} (story.txt), rejected before and superseded by file"
        f" {new}: no layout (kind unknown_format)\n"
    )
    result = CliRunner().invoke(app, ["status"])  # the copy is a receipt: no failure counted
    words = " ".join(result.stdout.split())
    assert "superseded │ 1" in words
    assert "failed │" not in words


def test_a_file_that_changed_into_rejected_bytes_is_filed_as_their_copy(
    watcher: Watcher, clean_db: None
):
    rejected = _rejected(watcher, "other.txt", STORY)
    old, inflight = _taken_half(watcher)
    with session_scope(watcher.engine) as session:
        mark_done(session, old)
    with inflight.open("ab") as handle:  # the whole story: the bytes of the rejected file
        handle.write(STORY[len(HALF) :])
    watcher.settle()
    failed = watcher.settings.failed_dir
    assert _quarantined(failed) == ["other.txt", "story.txt"]
    assert (
        (failed / "story.txt.error.txt")
        .read_text()
        .startswith(f"story.txt: a copy of file {rejected} (other.txt), rejected before: no layout")
    )
    assert not list(watcher.settings.processed_dir.rglob("*.txt"))
