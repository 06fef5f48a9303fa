"""Benchmarks: the same files through real workers and through the bare stages, side by side.

Nothing here is a test: it prints figures. It works in a database of its own, created on the
configured server and dropped afterwards, and on a Celery queue of its own.
"""

from __future__ import annotations

import tempfile
import time
import uuid
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import psutil
from sqlalchemy import text

from pipeline.dedupe.fingerprints import body_hash
from pipeline.errors import PermanentError
from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import ParseOptions, detect, parse_bytes
from pipeline.settings import Settings
from pipeline.storage import ledger
from pipeline.storage.db import get_engine, session_scope
from workers.worker_process import start_worker


@dataclass(frozen=True)
class Throughput:
    files: int
    articles: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class StageTimes:
    parse: float
    extract: float
    dedupe: float


def bare_run(
    contents: list[tuple[str, bytes]], settings: Settings
) -> tuple[Throughput, StageTimes]:
    """parse → extract → fingerprint in this process: no broker, no database."""
    options = ParseOptions.from_settings(settings)
    nlp = load_nlp(settings.spacy_model)
    clock = {"parse": 0.0, "extract": 0.0, "dedupe": 0.0}
    articles = 0
    for name, data in contents:
        started = time.perf_counter()
        try:
            parsed = parse_bytes(data, name, options)
        except PermanentError:
            continue
        extracting = time.perf_counter()
        articles += len(list(extract_articles(parsed, nlp)))
        deduping = time.perf_counter()
        _ = [body_hash(article.body) for article in parsed]
        clock["parse"] += extracting - started
        clock["extract"] += deduping - extracting
        clock["dedupe"] += time.perf_counter() - deduping
    return Throughput(len(contents), articles, sum(clock.values())), StageTimes(**clock)


class WorkerPool:
    """Real Celery worker processes on a private queue, with their memory watched."""

    def __init__(self, database_url: str, broker_url: str, workers: int) -> None:
        self.queue = f"wire-bench-{uuid.uuid4().hex[:8]}"
        self.env = {"WIRE_DATABASE_URL": database_url, "WIRE_BROKER_URL": broker_url,
                    "WIRE_QUEUE": self.queue, "WIRE_LOG_LEVEL": "WARNING"}  # fmt: skip
        self.workers = workers
        self.engine = get_engine(database_url)
        self.peak_rss: dict[int, int] = {}
        settings = Settings(database_url=database_url, broker_url=broker_url, queue=self.queue)
        from workers.celery_app import create_app

        self.app = create_app(settings)

    def __enter__(self) -> WorkerPool:
        self.log = Path(tempfile.mkstemp(prefix=f"{self.queue}-", suffix=".log")[1])
        self.process = start_worker(self.env, self.log, self.workers, timeout=120)
        time.sleep(_MODEL_WARM_UP_SECONDS)
        return self

    def __exit__(self, *_: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)
        self.log.unlink(missing_ok=True)

    def send(self, file_ids: list[int]) -> None:
        for file_id in file_ids:
            self.app.send_task("wire.parse", args=[file_id], queue=self.queue)

    def record(self, contents: list[tuple[str, bytes]]) -> list[int]:
        with session_scope(self.engine) as session:
            return [ledger.record_file(session, name, data).file_id for name, data in contents]

    def wait_final(self, file_ids: list[int]) -> None:
        while True:
            self._sample_memory()
            with session_scope(self.engine) as session:
                if all(state.is_final for state in ledger.states(session, file_ids)):
                    return
            time.sleep(0.05)

    def _sample_memory(self) -> None:
        for child in psutil.Process(self.process.pid).children():
            with suppress(psutil.Error):
                rss = child.memory_info().rss
                self.peak_rss[child.pid] = max(rss, self.peak_rss.get(child.pid, 0))


def backlog_run(pool: WorkerPool, contents: list[tuple[str, bytes]]) -> Throughput:
    """Every file queued at once: drop → every row committed."""
    started = time.perf_counter()
    file_ids = pool.record(contents)
    pool.send(file_ids)
    pool.wait_final(file_ids)
    elapsed = time.perf_counter() - started
    with session_scope(pool.engine) as session:
        articles = session.execute(
            text("SELECT count(*) FROM article WHERE source_file_id = ANY(:ids)"), {"ids": file_ids}
        ).scalar_one()
    return Throughput(len(contents), int(articles), elapsed)


def offered_rate_run(
    pool: WorkerPool, contents: list[tuple[str, bytes]], rate: float
) -> list[float]:
    """Files offered one by one at ``rate`` per second; seconds from ledger insert to final."""
    file_ids = []
    started = time.perf_counter()
    for number, item in enumerate(contents):
        time.sleep(max(0.0, started + number / rate - time.perf_counter()))
        ids = pool.record([item])
        pool.send(ids)
        file_ids.extend(ids)
    pool.wait_final(file_ids)
    with session_scope(pool.engine) as session:
        rows = session.execute(_LATENCY, {"ids": file_ids}).scalars()
        return sorted(float(value) for value in rows)


_LATENCY = text(
    "SELECT extract(epoch FROM updated_at - received_at) FROM source_file WHERE id = ANY(:ids)"
)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of sorted ``values``."""
    if not values:
        return 0.0
    return values[min(len(values) - 1, max(0, round(fraction * len(values)) - 1))]


_MODEL_WARM_UP_SECONDS = 3.0  # prefork children load spaCy after the parent reports ready


def read_folder(folder: Path) -> list[tuple[str, bytes]]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [(str(path.relative_to(folder)), path.read_bytes()) for path in files]


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
