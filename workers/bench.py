"""Benchmarks: the same files through real workers and through the bare stages, side by side.

Nothing here is a test: it prints figures. It works in a database of its own, created on the
configured server and dropped afterwards, and on a Celery queue of its own.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from pipeline.dedupe.fingerprints import body_hash
from pipeline.errors import PermanentError
from pipeline.extract import extract_articles, load_nlp
from pipeline.formats import ParseOptions, detect, parse_bytes
from pipeline.settings import Settings
from pipeline.storage import connect, ledger
from pipeline.storage.db import get_engine, session_scope

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Throughput:
    files: int
    articles: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def bare_throughput(contents: list[tuple[str, bytes]], settings: Settings) -> Throughput:
    """parse → extract → fingerprint in this process: no broker, no database."""
    options = ParseOptions.from_settings(settings)
    nlp = load_nlp(settings.spacy_model)
    started = time.perf_counter()
    articles = 0
    for name, data in contents:
        try:
            parsed = parse_bytes(data, name, options)
        except PermanentError:
            continue
        for _ in extract_articles(parsed, nlp):
            articles += 1
        _ = [body_hash(article.body) for article in parsed]
    return Throughput(len(contents), articles, time.perf_counter() - started)


def pipeline_throughput(
    contents: list[tuple[str, bytes]], database_url: str, broker_url: str, workers: int
) -> Throughput:
    """Files recorded and queued → every ledger row final, through real worker processes."""
    queue = f"wire-bench-{uuid.uuid4().hex[:8]}"
    env = {"WIRE_DATABASE_URL": database_url, "WIRE_BROKER_URL": broker_url, "WIRE_QUEUE": queue}
    with _worker_processes(env, workers):
        os.environ.update(env)
        from workers.celery_app import create_app
        from workers.tasks import parse

        app = create_app(Settings(database_url=database_url, broker_url=broker_url, queue=queue))
        engine = get_engine(database_url)
        started = time.perf_counter()
        file_ids = _record(engine, contents)
        for file_id in file_ids:
            app.send_task(parse.name, args=[file_id], queue=queue)
        articles = _wait_final(engine, file_ids)
        elapsed = time.perf_counter() - started
    return Throughput(len(contents), articles, elapsed)


def _record(engine: object, contents: list[tuple[str, bytes]]) -> list[int]:
    with session_scope(engine) as session:  # type: ignore[arg-type]
        return [ledger.record_file(session, name, data).file_id for name, data in contents]


def _wait_final(engine: object, file_ids: list[int]) -> int:
    from sqlalchemy import text

    while True:
        with session_scope(engine) as session:  # type: ignore[arg-type]
            states = ledger.states(session, file_ids)
            if all(state.is_final for state in states):
                return int(session.execute(text("SELECT count(*) FROM article")).scalar_one())
        time.sleep(0.05)


@contextmanager
def _worker_processes(env: dict[str, str], workers: int) -> Iterator[None]:
    command = [
        sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
        "--pool=prefork", f"--concurrency={workers}", f"--queues={env['WIRE_QUEUE']}",
        "--loglevel=INFO", "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"{env['WIRE_QUEUE']}.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env, "WIRE_LOG_LEVEL": "WARNING"},
            stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _wait_ready(process, log)
        yield
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.unlink(missing_ok=True)


def _wait_ready(process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while b"ready" not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"benchmark workers did not start:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)
    time.sleep(_MODEL_WARM_UP_SECONDS)


_MODEL_WARM_UP_SECONDS = 3.0  # prefork children load spaCy after the parent reports ready


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A fresh migrated database on the server of ``server_url``, dropped afterwards."""
    name = f"wire_bench_{uuid.uuid4().hex[:8]}"
    admin = server_url.replace("postgresql+psycopg://", "postgresql://", 1)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        connect.upgrade(url)
        yield url
    finally:
        get_engine(url).dispose()
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


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
