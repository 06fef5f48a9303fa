"""A chaos run: the real watcher and Celery workers, each in its own process, on a Redis and a
Postgres of the run's own, while workers and the watcher are SIGKILLed, Redis is flushed and
Postgres restarted, and some files are written slowly: held open across pauses longer than the
settle time, or closed and reopened between their parts.

Used by ``scripts/chaos.py`` (prints figures) and ``tests/workers/test_chaos.py`` (asserts them).
The shared Redis and Postgres of a machine are never touched: this needs ``redis-server`` on PATH
and starts an embedded Postgres (pgserver) in a temporary folder, both stopped at the end.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError

from pipeline.storage import connect
from tests.corpus import CORPUS, ROOT
from tests.support.disposable import OwnPostgres, OwnRedis, chaos_services
from tests.support.wireitems import WireFile, wire_items
from workers.bench.corpus import collection, sentence_pool
from workers.runtime.app import stage_queues

QUEUE = "wire-chaos"
SETTLE_SECONDS = 3.0
SLOW_PAUSE = 4.0  # longer than the settle time: only the open descriptor holds the file back
REOPEN_PAUSE = 0.3


@dataclass(frozen=True)
class Plan:
    files: int
    seconds: float  # files are dropped and chaos happens over this long; then the run drains
    kills: int = 20
    workers: int = 2
    seed: int = 1
    drain_timeout: float = 600.0
    slow_writers: int = 10  # files held open, written in three parts SLOW_PAUSE apart
    reopen_writers: int = 10  # files closed and reopened between two parts REOPEN_PAUSE apart
    collection_items: int = 0  # an SGML collection of this many items dropped among the files


@dataclass
class Figures:
    files: int = 0
    distinct: int = 0  # distinct contents: byte-identical re-sends are one ledger row
    kills: int = 0
    watcher_kills: int = 0
    redis_flushes: int = 0
    postgres_restarts: int = 0
    retries: int = 0
    requeues: int = 0
    slow_writes: int = 0
    reopen_writes: int = 0
    lost: int = 0
    duplicated: int = 0
    truncated: int = 0  # ledger rows whose bytes are no dropped file's (half a file, say)
    drain_seconds: float = 0.0
    statuses: dict[str, int] = field(default_factory=dict)
    failures: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def recoveries(self) -> int:
        """Transient errors retried plus lost messages re-sent by the sweeper."""
        return self.retries + self.requeues


@dataclass
class Fleet:
    """The watcher and the worker processes, with their logs."""

    env: dict[str, str]
    logs: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    watcher: subprocess.Popen[bytes] | None = None
    started: int = 0

    def start(self, workers: int) -> None:
        self._start_watcher()
        self.workers = [self._start_worker() for _ in range(workers)]

    def _start_watcher(self) -> None:
        self.started += 1
        command = [sys.executable, "-m", "workers.cli.main", "watch"]
        self.watcher = self._spawn(command, f"watcher-{self.started}")

    def _start_worker(self) -> subprocess.Popen[bytes]:
        self.started += 1
        command = [
            sys.executable, "-m", "celery", "-A", "workers.runtime.app", "worker", "--pool=solo",
            f"--queues={','.join(stage_queues(QUEUE))}", "--loglevel=INFO", "--without-gossip",
            "--without-mingle", "--without-heartbeat", f"--hostname=chaos{self.started}@%h",
        ]  # fmt: skip
        return self._spawn(command, f"worker-{self.started}")

    def _spawn(self, command: list[str], name: str) -> subprocess.Popen[bytes]:
        with (self.logs / f"{name}.log").open("wb") as log:
            return subprocess.Popen(
                command, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )

    def kill_one(self, rng: random.Random) -> None:
        """SIGKILL a random worker (mid-task or not) and start a fresh one in its place."""
        index = rng.randrange(len(self.workers))
        victim = self.workers[index]
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        self.workers[index] = self._start_worker()

    def kill_watcher(self) -> None:
        """SIGKILL the watcher (files half taken in stay where they were) and start another."""
        assert self.watcher is not None
        self.watcher.send_signal(signal.SIGKILL)
        self.watcher.wait()
        self._start_watcher()

    def stop(self) -> None:
        for process in [*self.workers, self.watcher]:
            if process is not None and process.poll() is None:
                process.terminate()
        for process in [*self.workers, self.watcher]:
            if process is not None:
                _reap(process)

    def count_in_logs(self, event: str) -> int:
        needle = f'"event": "{event}"'
        return sum(log.read_text(errors="replace").count(needle) for log in self.logs.iterdir())

    def dead(self) -> list[str]:
        """Processes that died on their own: the watcher and workers must survive outages."""
        named = [("watcher", self.watcher), *(("worker", w) for w in self.workers)]
        return [name for name, process in named if process and process.poll() is not None]


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def fleet_env(database_url: str, broker_url: str, folder: Path) -> dict[str, str]:
    """Settings of the run: short sweeps and time limits so lost messages come back soon."""
    base = {name: value for name, value in os.environ.items() if not name.startswith("WIRE_")}
    return {
        **base,
        "WIRE_DATABASE_URL": database_url,
        "WIRE_BROKER_URL": broker_url,
        "WIRE_QUEUE": QUEUE,
        "WIRE_INBOX": str(folder / "inbox"),
        "WIRE_PROCESSED_DIR": str(folder / "processed"),
        "WIRE_FAILED_DIR": str(folder / "failed"),
        # Close events off and a settle time longer than the reopening writers' pause: they
        # are told by the settle time, the slow ones (paused longer) by their open descriptor.
        "WIRE_READY_ON_CLOSE": "false",
        "WIRE_STABLE_SECONDS": str(SETTLE_SECONDS),
        "WIRE_SWEEP_INTERVAL_SECONDS": "5",
        "WIRE_STUCK_AFTER_SECONDS": "30",
        "WIRE_TASK_TIME_LIMIT_SECONDS": "30",
        "WIRE_RETRY_BACKOFF_MAX_SECONDS": "10",
        "WIRE_LOG_FORMAT": "json",
    }


def run(plan: Plan) -> Figures:
    """Drop the files while the chaos happens, wait for the pipeline to drain, check the rows."""
    items = wire_items(plan.files, plan.seed)
    if plan.collection_items:  # in the middle: workers are killed while its items are worked
        content = collection(sentence_pool([CORPUS]), plan.collection_items, "sgml")
        items.insert(len(items) // 2, WireFile("collection.sgm", content))
    with chaos_services() as (broker, database, folder):
        connect.upgrade(database.url)
        engine = create_engine(database.url, pool_pre_ping=True)
        (folder / "logs").mkdir()
        fleet = Fleet(fleet_env(database.url, broker.url, folder), folder / "logs")
        figures = Figures(files=len(items), distinct=len({item.content for item in items}))
        fleet.start(plan.workers)
        try:
            _drop_with_chaos(plan, items, folder / "inbox", fleet, broker, database, figures)
            started = time.monotonic()
            _drain(engine, folder, len(items), plan.drain_timeout, figures)
            figures.drain_seconds = time.monotonic() - started
            figures.problems += [f"{name} died" for name in fleet.dead()]
        finally:
            fleet.stop()
        figures.retries = fleet.count_in_logs("stage.retry")
        figures.requeues = fleet.count_in_logs("watch.requeued")
        _check(engine, folder, items, figures)
        engine.dispose()
    return figures


def _schedule(plan: Plan, rng: random.Random) -> list[tuple[float, str]]:
    """When each disruption happens, in seconds from the start of the drops."""
    kills = [(rng.uniform(0.05, 0.95) * plan.seconds, "kill") for _ in range(plan.kills)]
    outages = [
        (0.4 * plan.seconds, "flush"),
        (0.55 * plan.seconds, "watcher"),
        (0.7 * plan.seconds, "restart"),
    ]
    return sorted(kills + outages)


def _drop_with_chaos(
    plan: Plan,
    items: list[WireFile],
    inbox: Path,
    fleet: Fleet,
    broker: OwnRedis,
    database: OwnPostgres,
    figures: Figures,
) -> None:
    rng = random.Random(plan.seed)
    events = _schedule(plan, rng)
    writers = _writers(plan, len(items), rng)
    inbox.mkdir(parents=True, exist_ok=True)
    started, dropped, threads = time.monotonic(), 0, []
    while dropped < len(items) or events:
        elapsed = time.monotonic() - started
        due = min(len(items), int(len(items) * elapsed / plan.seconds) + 1)
        for index in range(dropped, due):
            threads.append(_drop(inbox, items[index], writers.get(index), figures))
        dropped = max(dropped, due)
        while events and events[0][0] <= elapsed:
            _disrupt(events.pop(0)[1], fleet, broker, database, figures, rng)
        time.sleep(0.05)
    for thread in threads:
        thread.join()


def _writers(plan: Plan, count: int, rng: random.Random) -> dict[int, str]:
    """Which items are written slowly ("slow") or in two openings ("reopen")."""
    chosen = rng.sample(range(count), min(count, plan.slow_writers + plan.reopen_writers))
    return {index: "slow" if n < plan.slow_writers else "reopen" for n, index in enumerate(chosen)}


def _drop(inbox: Path, item: WireFile, writer: str | None, figures: Figures) -> threading.Thread:
    """Most files are written under a hidden name, then renamed; the slow and reopening
    writers write under the file's own name, in a thread of their own."""
    if writer == "slow":
        figures.slow_writes += 1
        write = _write_slowly
    elif writer == "reopen":
        figures.reopen_writes += 1
        write = _write_reopening
    else:
        write = _write_and_rename
    thread = threading.Thread(target=write, args=(inbox, item), daemon=True)
    thread.start()
    return thread


def _write_and_rename(inbox: Path, item: WireFile) -> None:
    temporary = inbox / f".{item.name}.part"
    temporary.write_bytes(item.content)
    os.replace(temporary, inbox / item.name)


def _write_slowly(inbox: Path, item: WireFile) -> None:
    third = len(item.content) // 3
    with (inbox / item.name).open("wb") as handle:
        for start in (0, third, 2 * third):
            handle.write(item.content[start : start + third if start < 2 * third else None])
            handle.flush()
            if start < 2 * third:
                time.sleep(SLOW_PAUSE)


def _write_reopening(inbox: Path, item: WireFile) -> None:
    half = len(item.content) // 2
    (inbox / item.name).write_bytes(item.content[:half])
    time.sleep(REOPEN_PAUSE)
    with (inbox / item.name).open("ab") as handle:
        handle.write(item.content[half:])


def _disrupt(
    action: str,
    fleet: Fleet,
    broker: OwnRedis,
    database: OwnPostgres,
    figures: Figures,
    rng: random.Random,
) -> None:
    if action == "kill":
        fleet.kill_one(rng)
        figures.kills += 1
    elif action == "watcher":
        fleet.kill_watcher()
        figures.watcher_kills += 1
    elif action == "flush":
        broker.flush()
        figures.redis_flushes += 1
    else:
        database.restart(pause=3.0)
        figures.postgres_restarts += 1


_PENDING = text("""
    SELECT (SELECT count(*) FROM file_receipt),
           (SELECT count(*) FROM source_file WHERE status NOT IN ('done', 'duplicate', 'failed'))
""")


def _drain(engine: Engine, folder: Path, dropped: int, timeout: float, figures: Figures) -> None:
    """Wait until every drop has a receipt, every row is final and the inbox is empty."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _settled(engine, folder, dropped):
            return
        time.sleep(0.5)
    figures.problems.append(f"not drained after {timeout:.0f} s")


def _settled(engine: Engine, folder: Path, dropped: int) -> bool:
    try:
        with engine.connect() as connection:
            receipts, pending = connection.execute(_PENDING).one()
    except OperationalError:  # Postgres restarting: ask again
        return False
    waiting = [p for p in (folder / "inbox").rglob("*") if p.is_file()]
    return receipts == dropped and pending == 0 and not waiting


# Each query counts rows that break "effects exactly once"; all must be zero.
DUPLICATE_CHECKS = {
    "article per (file, item)": """
        SELECT count(*) FROM (SELECT 1 FROM article GROUP BY source_file_id, item_index
        HAVING count(*) > 1) AS d""",
    "article text stored twice without duplicate_of": """
        SELECT count(*) FROM (SELECT 1 FROM article WHERE duplicate_of_id IS NULL
        GROUP BY item_key, version, body_hash HAVING count(*) > 1) AS d""",
    "mention per (article, offsets, entity)": """
        SELECT count(*) FROM (SELECT 1 FROM mention GROUP BY article_id, start_char, end_char,
        entity_id HAVING count(*) > 1) AS d""",
    "event per happening": """
        SELECT count(*) FROM (SELECT 1 FROM event GROUP BY happening_key
        HAVING count(*) > 1) AS d""",
    "event mention per (article, sentence, trigger, event)": """
        SELECT count(*) FROM (SELECT 1 FROM event_mention GROUP BY article_id, sentence_index,
        trigger_start, event_id HAVING count(*) > 1) AS d""",
    "entity per key": """
        SELECT count(*) FROM (SELECT 1 FROM entity GROUP BY key HAVING count(*) > 1) AS d""",
}


# Items of files that ended done or duplicate that did not go through dedupe: lost items.
_ITEMS_LEFT = text("""
    SELECT count(*) FROM article a JOIN source_file f ON f.id = a.source_file_id
    WHERE f.status IN ('done', 'duplicate') AND a.stage <> 'dedupe'""")
_STATUSES = text("SELECT status, count(*) FROM source_file GROUP BY 1")
_FAILURES = text("SELECT error_kind, count(*) FROM source_file WHERE status = 'failed' GROUP BY 1")
_UNEXPLAINED = text("""
    SELECT count(*) FROM source_file
    WHERE status = 'failed' AND (error_kind IS NULL OR error_message IS NULL)""")
_RECEIPTS = text("SELECT count(*) FROM file_receipt")
_FINAL = text("SELECT count(*) FROM source_file WHERE status IN ('done', 'duplicate', 'failed')")


_STORED = text("SELECT sha256 FROM source_file WHERE sha256 IS NOT NULL")


def _check(engine: Engine, folder: Path, items: list[WireFile], figures: Figures) -> None:
    with engine.connect() as connection:
        dropped = {hashlib.sha256(item.content).hexdigest() for item in items}
        stored = list(connection.execute(_STORED).scalars())
        figures.truncated = sum(digest not in dropped for digest in stored)
        if figures.truncated:
            figures.problems.append(f"{figures.truncated} row(s) of bytes no file was dropped with")
        if missing := len(dropped - set(stored)):
            figures.problems.append(f"{missing} dropped file(s) not stored whole")
        figures.statuses = {row[0]: row[1] for row in connection.execute(_STATUSES)}
        figures.failures = {row[0]: row[1] for row in connection.execute(_FAILURES)}
        for name, query in DUPLICATE_CHECKS.items():
            found = int(connection.execute(text(query)).scalar_one())
            figures.duplicated += found
            if found:
                figures.problems.append(f"duplicates: {name}: {found}")
        if unexplained := connection.execute(_UNEXPLAINED).scalar_one():
            figures.problems.append(f"{unexplained} failed file(s) without a reason")
        receipts = int(connection.execute(_RECEIPTS).scalar_one())
        final = int(connection.execute(_FINAL).scalar_one())
        items_left = int(connection.execute(_ITEMS_LEFT).scalar_one())
    if items_left:
        figures.problems.append(f"{items_left} item(s) of final files never deduped")
    figures.lost = _lost(folder, figures, receipts, final) + items_left


def _lost(folder: Path, figures: Figures, receipts: int, final: int) -> int:
    """Drops without a receipt, distinct contents without a final row, files not moved out."""
    out = [*(folder / "processed").rglob("*"), *(folder / "failed").glob("*")]
    moved = [p for p in out if p.is_file() and not p.name.endswith(".error.txt")]
    unreceived = max(0, figures.files - receipts)
    return unreceived + max(0, figures.distinct - final) + max(0, figures.files - len(moved))
