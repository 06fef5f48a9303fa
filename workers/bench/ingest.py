"""Benchmarks: the same files through real workers and through the bare stages, side by side.

Nothing here is a test: it prints figures. It works in a database of its own, created on the
configured server and dropped afterwards, and on a Celery queue of its own.
"""

from __future__ import annotations

import json
import multiprocessing
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import psutil
from spacy.language import Language

from pipeline.errors import PermanentError
from pipeline.extract import extract_articles
from pipeline.formats import ParseOptions, detect, parse_bytes
from pipeline.schemas import Article
from pipeline.settings import Settings, get_settings
from pipeline.storage import ledger
from pipeline.storage import reports as queries
from pipeline.storage.db import get_engine, session_scope
from pipeline.storage.tables import FINAL_STATUSES
from workers.bench.bare_dedupe import BareDedupe
from workers.inbox.watcher import Watcher
from workers.runtime import resources as runtime
from workers.runtime.app import stage_queues, waiting_messages
from workers.runtime.batching import messages
from workers.runtime.worker_process import start_worker


@dataclass(frozen=True)
class Throughput:
    files: int
    articles: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class StageSpent:
    """Seconds one stage took in the workers over a run, added up over its transactions (and
    the work done before and after them), and the files or items it went through: wall time
    beside CPU time, so that what it waited for (locks, commits, the database) shows."""

    wall: float
    cpu: float
    items: int


@dataclass(frozen=True)
class StageTimes:
    parse: float
    extract: float
    dedupe: float


def bare_run(
    contents: list[tuple[str, bytes]], settings: Settings, processes: int = 1
) -> tuple[Throughput, StageTimes]:
    """parse → extract → dedupe with no broker and no database, in ``processes`` processes
    side by side (each loads its model, then all start together); files are grouped as the
    pipeline groups a backlog, so both sides run the model over the same batches.

    Each process runs every file: dedupe compares an article with the earlier ones of the
    stream it sees, and a process given a share of the files would see a fraction of them
    (half as many comparisons with two), unlike the pipeline's workers, which all see one
    database."""
    if processes == 1:
        return _bare_stream(contents, settings, runtime.warm_up())
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(processes), context.Queue()
    started = [
        context.Process(target=_bare_process, args=(contents, start, results, index))
        for index in range(processes)
    ]
    for process in started:
        process.start()
    done = [results.get() for _ in started]
    for process in started:
        process.join()
    return _combined(done)


def _bare_process(contents: list[tuple[str, bytes]], start: Any, results: Any, index: int) -> None:
    settings = get_settings()
    if settings.pin_workers:  # as a worker process starts
        runtime.pin_to_core(index)
    nlp = runtime.warm_up()
    start.wait()
    results.put(_bare_stream(contents, settings, nlp))


def _bare_stream(
    contents: list[tuple[str, bytes]], settings: Settings, nlp: Language
) -> tuple[Throughput, StageTimes]:
    options = ParseOptions.from_settings(settings)
    clock = {"parse": 0.0, "extract": 0.0, "dedupe": 0.0}
    articles, dedupe = 0, BareDedupe(settings)
    for group in messages(list(range(len(contents))), settings.batch_files):
        started = time.perf_counter()
        parsed = [a for index in group for a in _parsed_or_none(*contents[index], options)]
        extracting = time.perf_counter()
        extracted = list(extract_articles(parsed, nlp))
        articles += len(extracted)
        deduping = time.perf_counter()
        for article, extraction in zip(parsed, extracted, strict=True):
            dedupe.place(article, extraction)
        clock["parse"] += extracting - started
        clock["extract"] += deduping - extracting
        clock["dedupe"] += time.perf_counter() - deduping
    return Throughput(len(contents), articles, sum(clock.values())), StageTimes(**clock)


def rejected_by_parse(contents: list[tuple[str, bytes]], settings: Settings) -> int:
    """Files the bare parse rejects (bad input, which the pipeline must fail too)."""
    options = ParseOptions.from_settings(settings)
    return sum(not _parsed_or_none(name, data, options) for name, data in contents)


def _parsed_or_none(name: str, data: bytes, options: ParseOptions) -> list[Article]:
    try:
        return parse_bytes(data, name, options)
    except PermanentError:
        return []


def _combined(runs: list[tuple[Throughput, StageTimes]]) -> tuple[Throughput, StageTimes]:
    """Side by side: the slowest process's time is the wall time of the whole."""
    total, times = one_after_another(runs)
    return replace(total, seconds=max(throughput.seconds for throughput, _ in runs)), times


def one_after_another(
    runs: list[tuple[Throughput, StageTimes]],
) -> tuple[Throughput, StageTimes]:
    """Runs of the same stages at different times as one: their mean rate."""
    return (
        Throughput(*(sum(getattr(run, f.name) for run, _ in runs) for f in fields(Throughput))),
        StageTimes(*(sum(getattr(times, f.name) for _, times in runs) for f in fields(StageTimes))),
    )


class WorkerPool:
    """Real Celery worker processes on a private queue, with their memory watched."""

    def __init__(self, database_url: str, broker_url: str, workers: int) -> None:
        self.queue = f"wire-bench-{uuid.uuid4().hex[:8]}"
        self.settings = get_settings().model_copy(
            update={"database_url": database_url, "broker_url": broker_url, "queue": self.queue}
        )
        self.env = {"WIRE_DATABASE_URL": database_url, "WIRE_BROKER_URL": broker_url,
                    "WIRE_QUEUE": self.queue, "WIRE_LOG_LEVEL": "INFO",
                    "WIRE_LOG_FORMAT": "json"}  # fmt: skip
        self.workers = workers
        self.engine = get_engine(database_url)
        self.peak_rss: dict[int, int] = {}
        self.rss_trace: list[tuple[float, int]] = []  # (seconds since start, largest worker RSS)
        from workers.runtime.app import create_app

        self.app = create_app(self.settings)

    def __enter__(self) -> WorkerPool:
        self.log = Path(tempfile.mkstemp(prefix=f"{self.queue}-", suffix=".log")[1])
        self.process = start_worker(self.env, self.log, self.workers, timeout=120)
        time.sleep(_MODEL_WARM_UP_SECONDS)
        self.started = time.perf_counter()
        return self

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.unlink(missing_ok=True)
        with self.app.connection_for_write() as connection:  # what a cut-short run left
            for queue in stage_queues(self.queue):
                connection.default_channel.queue_delete(queue)

    def take_in(self, contents: list[tuple[str, bytes]]) -> list[int]:
        """A backlog, recorded and queued as the watcher takes one in: each full batch is sent
        as soon as its files are recorded, so workers start on it while the rest is recorded."""
        file_ids: list[int] = []
        for group in messages(list(range(len(contents))), self.settings.batch_files):
            recorded = self.record([contents[index] for index in group])
            self.send_message(recorded)
            file_ids.extend(recorded)
        return file_ids

    def send_message(self, file_ids: list[int]) -> None:
        self.app.send_task("wire.parse", args=file_ids, queue=self.queue)

    @contextmanager
    def watching(
        self, fill: Iterable[tuple[str, bytes]] = ()
    ) -> Iterator[tuple[Settings, threading.Thread]]:
        """A fresh inbox, holding ``fill`` before the watcher starts, watched in a thread by a
        real watcher sending to this pool's queue as ``wire watch`` would; removed afterwards."""
        folder = Path(tempfile.mkdtemp(prefix="wire-bench-inbox-"))
        settings = self.settings.model_copy(update={
            "inbox": folder / "inbox", "processed_dir": folder / "processed",
            "failed_dir": folder / "failed",
        })  # fmt: skip
        settings.inbox.mkdir(parents=True)
        for name, data in fill:
            (settings.inbox / name).write_bytes(data)
        queues = stage_queues(self.queue)
        watcher = Watcher(
            settings, self.engine, self.send_message, lambda: waiting_messages(queues, self.app)
        )
        stop = threading.Event()
        thread = threading.Thread(target=watcher.run, args=(stop,), daemon=True)
        thread.start()
        watcher.watching.wait(timeout=60)  # a file dropped before would wait out the stability
        try:
            yield settings, thread
        finally:
            stop.set()
            thread.join(timeout=60)
            shutil.rmtree(folder, ignore_errors=True)

    def record(self, contents: list[tuple[str, bytes]]) -> list[int]:
        with session_scope(self.engine) as session:
            return [ledger.record_file(session, name, data).file_id for name, data in contents]

    def wait_final(self, file_ids: list[int]) -> None:
        while True:
            self.sample_memory()
            with session_scope(self.engine) as session:
                if not queries.open_files(session, file_ids):
                    return
            time.sleep(_POLL_SECONDS)

    def stage_seconds(self) -> dict[str, StageSpent]:
        """Wall and CPU seconds of each stage, from what the workers logged: each transaction
        (``stage.done``, of one file or item, or of ``items``) plus the work done before it
        (``stage.ahead``) and the upkeep done after (``stage.upkeep``)."""
        wall: dict[str, float] = {}
        cpu: dict[str, float] = {}
        items: dict[str, int] = {}
        log, decoder = self.log.read_text(errors="replace"), json.JSONDecoder()
        # Two processes share the log, so a line may hold two events: decode from each start.
        for start in (m.start() for m in re.finditer(r'\{"stage": "wire\.', log)):
            event, _ = decoder.raw_decode(log, start)
            if event["event"] not in ("stage.done", "stage.ahead", "stage.upkeep"):
                continue
            stage = event["stage"].removeprefix("wire.")
            wall[stage] = wall.get(stage, 0.0) + event["seconds"]
            cpu[stage] = cpu.get(stage, 0.0) + event["cpu"]
            done = event.get("items", 1) if event["event"] == "stage.done" else 0
            items[stage] = items.get(stage, 0) + done
        return {stage: StageSpent(wall[stage], cpu[stage], items.get(stage, 0)) for stage in wall}

    def outcome(self, file_ids: list[int], rejected: int) -> Outcome:
        """The files' final statuses, and the articles not deduped (left open or failed)."""
        with session_scope(self.engine) as session:
            statuses = queries.statuses_of(session, file_ids)
            undeduped = queries.articles_not_deduped(session, file_ids)
        return Outcome(
            statuses.get("done", 0), statuses.get("duplicate", 0), statuses.get("failed", 0),
            rejected, int(undeduped),
        )  # fmt: skip

    def sample_memory(self) -> None:
        largest = 0
        for child in psutil.Process(self.process.pid).children():
            with suppress(psutil.Error):
                rss = child.memory_info().rss
                peak = max(rss, high_water_rss(child.pid), self.peak_rss.get(child.pid, 0))
                self.peak_rss[child.pid] = peak
                largest = max(largest, rss)
        elapsed = time.perf_counter() - self.started
        if not self.rss_trace or elapsed - self.rss_trace[-1][0] >= 1.0:
            self.rss_trace.append((elapsed, largest))


@dataclass(frozen=True)
class Outcome:
    """How the files of a pipeline run ended. A ratio means something only when every file
    went through as the bare stages took it: failed files beyond those the bare parse
    rejects too, or an article left without dedupe, void it."""

    done: int
    duplicate: int
    failed: int
    rejected: int  # files the bare parse rejects as well (bad input, not the pipeline)
    undeduped: int

    @property
    def sound(self) -> bool:
        return self.failed <= self.rejected and not self.undeduped


def high_water_rss(pid: int) -> int:
    """The process's peak RSS as the kernel keeps it (Linux: VmHWM), so that a peak between
    two samples is not missed; 0 where the system does not say."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


@dataclass(frozen=True)
class CpuSplit:
    """CPU seconds of each part during a run: the worker processes, the Postgres and Redis
    servers (0 when they run on another host; all of their processes, other clients' too)
    and this process, which records the files as the watcher would and waits for them; and
    what every process of the host used, so that a shared host's other work is not taken
    for idle time."""

    workers: float
    postgres: float
    redis: float
    bench: float
    host: float

    def __sub__(self, earlier: CpuSplit) -> CpuSplit:
        return CpuSplit(*(getattr(self, f.name) - getattr(earlier, f.name) for f in fields(self)))


def cpu_seconds(pool: WorkerPool) -> CpuSplit:
    """Cumulative CPU seconds of the pool's processes and of the servers on this host, with
    what their exited children used: a worker process replaced mid-run (over its memory cap)
    and a server backend that disconnected would otherwise take their CPU with them."""
    workers = psutil.Process(pool.process.pid)
    pool_pids = {workers.pid} | {child.pid for child in workers.children(recursive=True)}
    totals = {"postgres": 0.0, "redis": 0.0}
    worker_total = 0.0
    for process in psutil.process_iter(["name"]):
        with suppress(psutil.Error):
            name, used = process.info["name"] or "", _with_exited_children(process)
            if process.pid in pool_pids:
                worker_total += used
            elif server := next((s for s in totals if name.startswith(s)), None):
                totals[server] += used
    own = _with_exited_children(psutil.Process())
    host = psutil.cpu_times()
    busy = sum(host) - host.idle - getattr(host, "iowait", 0.0)
    return CpuSplit(worker_total, totals["postgres"], totals["redis"], own, busy)


def _with_exited_children(process: psutil.Process) -> float:
    """User and system CPU of the process and of its children that exited (and were waited
    for); live children are counted as processes of their own."""
    times = process.cpu_times()
    return float(times.user + times.system + times.children_user + times.children_system)


def backlog_run(
    pool: WorkerPool, contents: list[tuple[str, bytes]]
) -> tuple[Throughput, CpuSplit, list[int]]:
    """The whole backlog taken in as the watcher takes one in: first record → every row
    committed; the CPU each part used; the files' ledger ids. Both ends are read off the
    server's clock (it may run on another host): the end is the last file's final
    transaction, not the poll that saw it, which came up to a poll interval later (~1% of a
    300-file run)."""
    before = cpu_seconds(pool)
    with session_scope(pool.engine) as session:
        started = queries.server_clock(session)
    file_ids = pool.take_in(contents)
    pool.wait_final(file_ids)
    used = cpu_seconds(pool) - before
    with session_scope(pool.engine) as session:
        articles, finished = queries.articles_and_last_final(session, file_ids)
    return Throughput(len(contents), int(articles), float(finished - started)), used, file_ids


@dataclass(frozen=True)
class Latencies:
    """Seconds per file, sorted: from the drop in the inbox, and from the ledger insert, to
    the file final; and from the drop to its first article stored, and to its first article
    through every stage (a file of many items is worked a part at a time)."""

    dropped: list[float]
    queued: list[float]
    stable_seconds: float
    ready_on_close: bool
    first_item: list[float]
    first_done: list[float]


def dropped_run(pool: WorkerPool, contents: list[tuple[str, bytes]], rate: float) -> Latencies:
    """Files dropped one by one at ``rate`` per second into an inbox a real watcher watches
    (written under a hidden name, then renamed: a complete file appears at once)."""
    with pool.watching() as (settings, _):
        dropped = _drop_at_rate(settings.inbox, contents, rate)
        rows = _wait_dropped(pool, list(dropped))
    return Latencies(
        sorted(row.final - dropped[row.name] for row in rows),
        sorted(row.final - row.received for row in rows),
        settings.stable_seconds,
        settings.ready_on_close,
        sorted(row.first_stored - dropped[row.name] for row in rows),
        sorted(row.first_done - dropped[row.name] for row in rows),
    )


def dropped_behind(
    pool: WorkerPool,
    backlog: list[tuple[str, bytes]],
    contents: list[tuple[str, bytes]],
    after: float,
    rate: float,
) -> tuple[Latencies, int, list[int]]:
    """``backlog`` queued at once, and ``after`` seconds later ``contents`` dropped at
    ``rate`` into a watched inbox (as wire arrives while an archive loads): the dropped
    files' latencies, the messages still waiting in the queues at the first drop (what the
    files were dropped behind), and the backlog's file ids, once every file is final."""
    file_ids = pool.take_in(backlog)
    time.sleep(after)
    waiting = waiting_messages(stage_queues(pool.queue), pool.app)
    latencies = dropped_run(pool, contents, rate)
    pool.wait_final(file_ids)
    return latencies, waiting, file_ids


def _drop_at_rate(inbox: Path, contents: list[tuple[str, bytes]], rate: float) -> dict[str, float]:
    dropped: dict[str, float] = {}
    started = time.perf_counter()
    for number, (name, data) in enumerate(contents):
        time.sleep(max(0.0, started + number / rate - time.perf_counter()))
        hidden = inbox / f".{name}.part"
        hidden.write_bytes(data)
        hidden.rename(inbox / name)
        dropped[name] = time.time()
    return dropped


@dataclass(frozen=True)
class DroppedFile:
    """Epoch seconds of one dropped file: taken in, final, its first article stored and its
    first article through every stage (the file's final time where it has no article)."""

    name: str
    received: float
    final: float
    first_stored: float
    first_done: float


def _wait_dropped(pool: WorkerPool, names: list[str]) -> list[DroppedFile]:
    """Each file's times, once every file is final."""
    while True:
        pool.sample_memory()
        with session_scope(pool.engine) as session:
            rows = queries.dropped_files(session, names)
        if len(rows) == len(names) and all(row[3] in FINAL_STATUSES for row in rows):
            return [
                DroppedFile(row[0], float(row[1]), float(row[2]), float(row[4] or row[2]),
                            float(row[5] or row[2]))
                for row in rows
            ]  # fmt: skip
        time.sleep(_POLL_SECONDS)


# The benchmark shares the cores it measures: polling every 50 ms cost it ~30 ms of CPU per
# file (and the server as much again), every 0.25 s still ~0.5 ms (a poll and a memory sample
# ~2 ms). Finish times are read from the rows, not the clock, and peaks from the kernel.
_POLL_SECONDS = 1.0


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, round(fraction * len(values)) - 1))]


_MODEL_WARM_UP_SECONDS = 3.0  # prefork children load spaCy after the parent reports ready


def read_folder(folder: Path) -> list[tuple[str, bytes]]:
    """The files under ``folder``, named by their path in it with the separators made part of
    the name: the latency run drops them into one inbox (a corpus nests its files)."""
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [("__".join(path.relative_to(folder).parts), path.read_bytes()) for path in files]


@dataclass
class FormatFigures:
    files: int = 0
    items: int = 0
    rejected: int = 0
    cpu_seconds: float = 0.0

    @property
    def items_per_second(self) -> float:
        return self.items / self.cpu_seconds if self.cpu_seconds else 0.0


def parse_throughput(
    contents: list[tuple[str, bytes]], options: ParseOptions, rounds: int = 5
) -> dict[str, FormatFigures]:
    """Items parsed per CPU second of this process, per detected format."""
    figures: dict[str, FormatFigures] = {}
    for name, data in contents:
        try:
            parser = detect(data, name)
        except PermanentError:
            continue
        entry = figures.setdefault(parser.name, FormatFigures())
        entry.files += 1
        started = time.process_time()
        for _ in range(rounds):
            items = _items_or_zero(data, name, options)
        entry.cpu_seconds += (time.process_time() - started) / rounds
        entry.items += items
        entry.rejected += items == 0
    return figures


def _items_or_zero(data: bytes, name: str, options: ParseOptions) -> int:
    try:
        return len(parse_bytes(data, name, options))
    except PermanentError:
        return 0
