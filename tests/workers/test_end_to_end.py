"""The whole path: a file dropped in a watched inbox ends as rows in Postgres."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from pipeline.settings import get_settings
from tests.corpus import SEED
from tests.support.waiting import wait_for
from workers.inbox.watcher import Watcher
from workers.runtime.tasks import parse

pytestmark = pytest.mark.services


@pytest.fixture
def watched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: Engine, celery_worker: object
) -> Iterator[Path]:
    for name in ("inbox", "processed", "failed"):
        monkeypatch.setenv(f"WIRE_{'INBOX' if name == 'inbox' else name.upper() + '_DIR'}",
                           str(tmp_path / name))  # fmt: skip
    get_settings.cache_clear()
    watcher = Watcher(get_settings(), engine, lambda file_ids: parse.delay(*file_ids))
    stop = threading.Event()
    thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
    thread.start()
    yield tmp_path
    stop.set()
    thread.join(timeout=10)
    get_settings.cache_clear()


def _scalar(engine: Engine, query: str) -> object:
    with engine.connect() as connection:
        return connection.execute(text(query)).scalar()


def test_seed_dropped_in_inbox_ends_in_postgres(watched: Path, engine: Engine, clean_db: None):
    shutil.copy(SEED, watched / "inbox" / SEED.name)
    status = wait_for(
        lambda: _scalar(engine, "SELECT status FROM source_file WHERE status IN ('done','failed')"),
        what="the seed to be processed",
    )
    assert status == "done"
    assert _scalar(engine, "SELECT headline FROM article") == (
        "Roscosmos reports signing lunar station memorandum with China"
    )
    mentioned = set(_scalar(engine, "SELECT array_agg(DISTINCT entity_name) FROM mention_detail"))
    assert {"Roscosmos", "CNSA", "Dmitry Rogozin", "Zhang Kejian", "China", "Russia"} <= mentioned
    dateline = _scalar(
        engine, "SELECT e.name FROM article a JOIN entity e ON e.id = a.dateline_entity_id"
    )
    assert dateline == "Moscow"
    wait_for(lambda: list((watched / "processed").rglob(SEED.name)), what="file moved")
    assert not (watched / "inbox" / SEED.name).exists()


def test_same_bytes_dropped_again_add_no_row(watched: Path, engine: Engine, clean_db: None):
    shutil.copy(SEED, watched / "inbox" / "first.txt")
    wait_for(lambda: _scalar(engine, "SELECT count(*) FROM source_file WHERE status = 'done'"))
    shutil.copy(SEED, watched / "inbox" / "again.txt")
    wait_for(lambda: list((watched / "processed").rglob("again.txt")), what="copy settled")
    assert _scalar(engine, "SELECT count(*) FROM source_file") == 1
    assert _scalar(engine, "SELECT count(*) FROM article") == 1
    assert _scalar(engine, "SELECT count(*) FROM file_receipt WHERE is_copy") == 1


def test_rejected_file_is_quarantined_with_reason(watched: Path, engine: Engine, clean_db: None):
    (watched / "inbox" / "note.txt").write_text("This is not a wire story at all.\n")
    shutil.copy(SEED, watched / "inbox" / SEED.name)
    error = wait_for(
        lambda: list((watched / "failed").glob("note.txt.error.txt")), what="quarantine"
    )
    reason = error[0].read_text()
    assert reason.startswith("note.txt: ")
    assert (reason.count("note.txt"), reason.count("unknown_format")) == (1, 1)
    assert (watched / "failed" / "note.txt").exists()
    wait_for(lambda: list((watched / "processed").rglob(SEED.name)), what="neighbour processed")
    kind = _scalar(engine, "SELECT error_kind FROM source_file WHERE status = 'failed'")
    assert kind == "unknown_format"


def test_a_rejected_file_dropped_again_is_quarantined_as_its_copy(
    watched: Path, engine: Engine, clean_db: None
):
    note = "This is not a wire story at all.\n"
    (watched / "inbox" / "note.txt").write_text(note)
    wait_for(lambda: list((watched / "failed").glob("note.txt.error.txt")), what="quarantine")
    file_id = _scalar(engine, "SELECT id FROM source_file")
    (watched / "inbox" / "note.txt").write_text(note)
    error = wait_for(
        lambda: list((watched / "failed").glob("note.1.txt.error.txt")), what="the copy filed"
    )
    assert error[0].read_text().startswith(f"note.txt: a copy of file {file_id}, rejected before: ")
    assert (watched / "failed" / "note.1.txt").read_text() == note
    assert not list((watched / "processed").rglob("*.txt"))
    assert _scalar(engine, "SELECT count(*) FROM source_file") == 1
