"""Files of many items: their items spread over the workers in parts, each item with its own
verdict, and no transaction that grows with the number of items in a file."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from pipeline.dedupe.rules import locks_per_item
from pipeline.settings import get_settings
from pipeline.storage.db import session_scope
from pipeline.storage.items import Part
from tests.conftest import QUIET_SWEEPER, Workers
from tests.corpus import CORPUS
from tests.support.database import record_file, rows
from tests.support.waiting import wait_for
from workers.bench.corpus import collection, sentence_pool
from workers.bench.locks import LockWatch, lock_table_size
from workers.cli.main import app as cli
from workers.runtime import resources as runtime
from workers.runtime.app import app
from workers.runtime.tasks import ALONE_BYTES, parse
from workers.runtime.worker_process import start_worker
from workers.stages import run as stages

pytestmark = pytest.mark.services

# Advisory locks one backend holds at once, most: dedupe takes those of one item (35 to 54
# seen, the links depending on the item, never on its file).
LOCKS_OF_ONE_ITEM = 128
_FINAL = (
    "SELECT status FROM source_file WHERE id = :id AND status IN ('done', 'duplicate', 'failed')"
)


@cache
def _pool(language: str) -> list[str]:
    return sentence_pool([CORPUS], language)


def _status(engine: Engine, file_id: int) -> str | None:
    found = rows(engine, _FINAL.replace(":id", str(file_id)))
    return str(found[0][0]) if found else None


@pytest.mark.slow
def test_a_file_whose_one_transaction_would_overflow_the_lock_table_goes_through(
    engine: Engine, clean_db: None, celery_worker: object
):
    """A German feed of 100-200-word items (an English model leaves German text alone, so
    the model's time does not hide the rest), a quarter more of them than would fill this
    server's whole lock table if they were deduped in one transaction (a stock Postgres:
    64 × 100 entries, 236 items; a 940-item file failed so once). Every item is stored and
    deduped, the file ends done, and no backend ever held more than one item takes.
    `wire bench locks` runs the same on a 10,000-item file (docs/performance.md)."""
    items = lock_table_size(engine) * 5 // (4 * locks_per_item(get_settings().lsh_bands)) + 1
    # Items of four sentences or more, drawn from the pool's distinct sentences: a short item
    # is contained in every item that repeats its one sentence, and an early one deduped
    # late takes over that whole copy group, locking each member's item (200 locks, seen).
    content = collection(sorted(set(_pool("de"))), items, "rss", language="de", words=(100, 200))
    file_id = record_file(engine, "feed.xml", content)
    with LockWatch(engine) as watch:
        parse.delay(file_id)
        status = wait_for(lambda: _status(engine, file_id), timeout=1800, what="the file")
    assert status == "done"
    stages = "SELECT stage, count(*) FROM article WHERE minhash IS NOT NULL GROUP BY stage"
    assert rows(engine, stages) == [("dedupe", items)]
    assert watch.samples > 100
    assert 0 < watch.most <= LOCKS_OF_ONE_ITEM


def _broken(content: bytes) -> bytes:
    """Items 3 and 17 without a body, item 9 without its NEWID; item 22 without its close,
    item 25 without its opening tag, and the file cut in the middle of item 29's body."""
    items = re.split(rb"(?=<REUTERS )", content)[1:]
    for index in (3, 17):
        items[index] = re.sub(rb"<BODY>.*</BODY>", b"", items[index], flags=re.S)
    items[9] = re.sub(rb' NEWID="\d+"', b"", items[9])
    items[22] = items[22].replace(b"</REUTERS>", b"")
    items[25] = re.sub(rb"<REUTERS [^>]*>", b"", items[25])
    items[29] = items[29][: items[29].index(b"<BODY>") + 20]
    return b"".join(items)


def test_broken_items_are_quarantined_each_and_the_rest_stored(
    engine: Engine, clean_db: None, celery_worker: object, pipeline_env: dict[str, str]
):
    content = _broken(collection(_pool("en"), 30, "sgml"))
    file_id = record_file(engine, "collection.sgm", content)
    parse.delay(file_id)
    assert wait_for(lambda: _status(engine, file_id), timeout=300, what="the file") == "done"
    assert rows(engine, "SELECT count(*) FROM article WHERE stage = 'dedupe'") == [(25,)]
    # The item without its close is stored, ended where the next one opens.
    assert rows(engine, "SELECT count(*) FROM article WHERE item_index IN (22, 23)") == [(2,)]
    # Stored a part of eight at a time, each in its own transaction (now() is the
    # transaction's): 0 alone, 1-7, 8-15 and 16-23 ahead of the claim, 24 with it.
    assert rows(engine, "SELECT count(DISTINCT created_at) FROM article") == [(5,)]
    failures = rows(engine, "SELECT item_index, stage, kind, message FROM item_failure")
    assert sorted((index, stage, kind) for index, stage, kind, _ in failures) == [
        (3, "parse", "no_body"),
        (9, "parse", "invalid_item"),
        (17, "parse", "no_body"),
        (25, "parse", "malformed"),
        (29, "parse", "malformed"),
    ]
    assert all(str(message).startswith(f"item {index} ") for index, *_, message in failures)
    messages = {index: str(message) for index, *_, message in failures}
    assert "without its opening <REUTERS> tag" in messages[25]
    assert "file ends inside item 29: truncated?" in messages[29]
    status = CliRunner().invoke(cli, ["status"], env=pipeline_env)
    assert status.exit_code == 0, status.output
    assert "Recent item failures" in status.output
    assert re.search(r"collection\.sgm\s*│\s*17\s*│\s*parse\s*│\s*no_body", status.output)


def test_a_feed_malformed_inside_some_items_stores_the_others(
    engine: Engine, clean_db: None, celery_worker: object
):
    """Item 4's title with an unescaped "&" and the file cut inside item 10: the other nine
    items stored and deduped, the two quarantined each with the file's line and column."""
    items = re.split(rb"(?=<item>)", collection(_pool("en"), 12, "rss"))
    items[5] = re.sub(rb"<title>", b"<title>Bonds & ", items[5], count=1)
    cut = b"".join(items[:11]) + items[11][: items[11].index(b"<description>") + 30]
    file_id = record_file(engine, "feed.xml", cut)
    parse.delay(file_id)
    assert wait_for(lambda: _status(engine, file_id), timeout=300, what="the file") == "done"
    assert rows(engine, "SELECT count(*) FROM article WHERE stage = 'dedupe'") == [(9,)]
    failures = rows(engine, "SELECT item_index, stage, kind, message FROM item_failure")
    assert sorted((index, stage, kind) for index, stage, kind, _ in failures) == [
        (4, "parse", "malformed_xml"),
        (10, "parse", "malformed_xml"),
    ]
    messages = {index: str(message) for index, *_, message in failures}
    assert "xmlParseEntityRef" in messages[4]
    assert "no closing tag before the file ends: truncated?" in messages[10]


def test_a_files_items_spread_over_the_workers(
    four_workers: Workers, engine: Engine, clean_db: None
):
    """A collection of 64 items goes out in parts of a few items, and more than one worker
    process extracts them."""
    file_id = record_file(engine, "collection.sgm", collection(_pool("en"), 64, "sgml"))
    start = four_workers.log_path.stat().st_size
    app.send_task(parse.name, args=[file_id], queue=four_workers.queue)
    assert wait_for(lambda: _status(engine, file_id), timeout=600, what="the file") == "done"
    with four_workers.log_path.open("rb") as log:
        log.seek(start)
        logged = [json.loads(line) for line in log if line.startswith(b"{")]
    extracted = [
        line for line in logged if line["event"] == "stage.done" and line["task"] == "wire.extract"
    ]
    # The first item alone, then messages of eight items (the first's rest: seven), each in
    # one transaction.
    assert len(extracted) == 1 + 64 // 8
    assert len({line["process"] for line in extracted}) >= 2


def test_each_item_is_sent_on_once_whatever_went_through_before_the_claim(
    engine: Engine, clean_db: None
):
    """A 30-item collection parsed ahead: parts 0, 1-7, 8-15 and 16-23 are stored and sent on
    before the claim, and some of their items deduped meanwhile (the claim's transaction then
    sees open items with gaps); the claim sends the last part, 24-29, and nothing else."""
    file_id = record_file(engine, "collection.sgm", collection(_pool("en"), 30, "sgml"))
    sent: list[Part] = []
    options = runtime.parse_options()
    ahead = stages.parse_ahead(engine, file_id, options, sent.extend)
    assert ahead is not None
    assert sent == [
        Part(file_id, 0, 1),
        Part(file_id, 1, 8),
        Part(file_id, 8, 16),
        Part(file_id, 16, 24),
    ]
    for item in [*sent[1].items()[::2], *sent[3].items()[:3]]:  # items 1, 3, 5, 7, 16-18
        with session_scope(engine) as session:
            assert stages.dedupe_item(session, item) is None  # the file's parse is not done
    with session_scope(engine) as session:
        sent += stages.parse_files(session, [file_id], options, {file_id: ahead})
    assert sent[4:] == [Part(file_id, 24, 30)]
    with session_scope(engine) as session:  # a redelivery after the claim: the open items,
        again = stages.parse_files(session, [file_id], options)  # eight to a part
    assert again == [Part(file_id, 0, 12), Part(file_id, 12, 23), Part(file_id, 23, 30)]


def _stored_transactions(engine: Engine, *file_ids: int) -> int:
    """Transactions that stored the files' articles (``now()`` is the transaction's)."""
    listed = ", ".join(map(str, file_ids))
    query = f"SELECT count(DISTINCT created_at) FROM article WHERE source_file_id IN ({listed})"
    return int(rows(engine, query)[0][0])


def _statuses(engine: Engine, file_ids: list[int]) -> list[str]:
    """The files' final statuses once all are final."""

    def final() -> list[str] | None:
        found = [_status(engine, file_id) for file_id in file_ids]
        return None if None in found else [str(status) for status in found]

    return wait_for(final, timeout=300, what="the files")


def test_a_large_file_in_a_backlogs_message_is_parsed_ahead_alone(
    engine: Engine, clean_db: None, celery_worker: object
):
    """A feed over ALONE_BYTES among small files of one message goes on in a message of its
    own, stored a part at a time while its first parts are worked on; the small files are
    still parsed together. (German: the English model leaves it alone, so it is quick.)"""
    feed = collection(sorted(set(_pool("de"))), 40, "rss", language="de", words=(1000, 1400))
    assert len(feed) > ALONE_BYTES
    small = [collection(_pool("en"), 1, "sgml", first) for first in (100, 200)]
    ids = [
        record_file(engine, "one.sgm", small[0]),
        record_file(engine, "feed.xml", feed),
        record_file(engine, "two.sgm", small[1]),
    ]
    parse.delay(*ids)
    assert _statuses(engine, ids) == ["done"] * 3
    # Ahead: the first item alone, then its part's rest and parts of 8; the last with the claim.
    assert _stored_transactions(engine, ids[1]) == 6
    assert _stored_transactions(engine, ids[0], ids[2]) == 1


def test_a_files_first_items_go_ahead_of_queued_later_parts(
    pipeline_env: dict[str, str], engine: Engine, clean_db: None, tmp_path: Path
):
    """One worker process, and a feed's parse queued before a one-item file's: the feed's
    first part and the one-item file are extracted before the feed's later parts, which were
    queued before them (in arrival order, the one-item file would wait for all of them)."""
    queue = f"{pipeline_env['WIRE_QUEUE']}-priority"
    feed = collection(sorted(set(_pool("de"))), 40, "rss", language="de", words=(100, 200))
    feed_id = record_file(engine, "feed.xml", feed)
    single_id = record_file(engine, "one.sgm", collection(_pool("en"), 1, "sgml", 300))
    for file_id in (feed_id, single_id):
        app.send_task(parse.name, args=[file_id], queue=queue)
    log_path = tmp_path / "worker.log"
    worker = start_worker({**pipeline_env, **QUIET_SWEEPER, "WIRE_QUEUE": queue}, log_path, 1)
    try:
        assert _statuses(engine, [feed_id, single_id]) == ["done", "done"]
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    extracted = [
        line.get("units", [[line.get("file_id"), 0, 1]])[0]
        for line in map(json.loads, _json_lines(log_path))
        if line.get("event") == "stage.done" and line.get("task") == "wire.extract"
    ]
    order = [(file_id, start) for file_id, start, _ in extracted]
    assert order.index((single_id, 0)) < order.index((feed_id, 8)), order
    assert sorted(order) == sorted(
        [(feed_id, start) for start in (0, 1, 8, 16, 24, 32)] + [(single_id, 0)]
    )


def _json_lines(log_path: Path) -> list[bytes]:
    return [line for line in log_path.read_bytes().splitlines() if line.startswith(b"{")]
