"""Metrics of the pipeline's processes: a prefork worker serves its pool's values together
(multiprocess mode), the watcher counts what it takes and refuses."""

from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import Engine

from pipeline.settings import Settings
from tests.corpus import SEED
from tests.support.database import record_file
from tests.support.serving import free_port
from tests.support.waiting import wait_for, wait_for_file_end
from workers.inbox.watcher import Watcher
from workers.runtime.tasks import parse
from workers.runtime.worker_process import start_worker

pytestmark = pytest.mark.services


def _scrape(port: int) -> list[str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        return response.read().decode().splitlines()


def _value(lines: list[str], prefix: str) -> float:
    found = [float(line.rsplit(" ", 1)[1]) for line in lines if line.startswith(prefix)]
    return sum(found)


def test_a_prefork_worker_serves_what_every_pool_process_counted(
    pipeline_env: dict[str, str], engine: Engine, clean_db: None, tmp_path: Path
):
    port = free_port()
    queue = f"{pipeline_env['WIRE_QUEUE']}-metrics"
    env = {**pipeline_env, "WIRE_QUEUE": queue, "WIRE_METRICS_PORT": str(port)}
    worker = start_worker(env, tmp_path / "worker.log", concurrency=2)
    try:
        good = record_file(engine, SEED.name, SEED.read_bytes())
        bad = record_file(engine, "nonsense.bin", b"\x00\x01 no wire format at all")
        for file_id in (good, bad):  # one message each: both pool processes may take one
            parse.apply_async(args=[file_id], queue=queue)
        assert wait_for_file_end(engine, good) == "done"
        assert wait_for_file_end(engine, bad) == "failed"
        # Both pool processes warm up before their first task (the model loads first); one
        # may take both messages before the other is up, so its gauge can come after them.
        lines = wait_for(
            lambda: _deduped_by_two(port), what="both pool processes in the worker's metrics"
        )
    finally:
        _stop(worker)
    assert _value(lines, 'wire_stage_duration_seconds_count{stage="parse"}') == 1  # not the bad
    assert _value(lines, 'wire_stage_duration_seconds_count{stage="extract"}') == 1
    assert _value(lines, "wire_failures_total{") == 1
    assert any('stage="parse"' in line for line in lines if line.startswith("wire_failures_total"))
    memory = [line for line in lines if line.startswith("wire_worker_resident_memory_bytes{")]
    assert len(memory) == 2  # one per pool process, each by its pid
    assert all(float(line.rsplit(" ", 1)[1]) > 50 * 2**20 for line in memory), memory


def _deduped_by_two(port: int) -> list[str] | None:
    """The scrape once the dedupe stage is counted and both pool processes have a gauge."""
    lines = _scrape(port)
    deduped = _value(lines, 'wire_stage_duration_seconds_count{stage="dedupe"}')
    gauges = [line for line in lines if line.startswith("wire_worker_resident_memory_bytes{")]
    return lines if deduped and len(gauges) == 2 else None


def _stop(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(timeout=30)
    except subprocess.TimeoutExpired:
        worker.kill()


def test_the_watcher_counts_files_taken_in_and_refused(
    tmp_path: Path, engine: Engine, clean_db: None
):
    settings = Settings(
        inbox=tmp_path / "in", processed_dir=tmp_path / "done", failed_dir=tmp_path / "failed"
    )
    watcher = Watcher(settings, engine, lambda _: None)

    def counted(name: str, labels: dict[str, str]) -> float:
        return REGISTRY.get_sample_value(name, labels) or 0.0

    before = (
        counted("wire_watcher_files_total", {"outcome": "recorded"}),
        counted("wire_watcher_files_total", {"outcome": "duplicate"}),
        counted("wire_failures_total", {"kind": "empty_file", "stage": "watcher"}),
    )
    for name, content in (("a.txt", SEED.read_bytes()), ("b.txt", SEED.read_bytes())):
        (settings.inbox / name).write_bytes(content)
        watcher.take(settings.inbox / name)
    (settings.inbox / "empty.txt").write_bytes(b"")
    watcher.take(settings.inbox / "empty.txt")
    after = (
        counted("wire_watcher_files_total", {"outcome": "recorded"}),
        counted("wire_watcher_files_total", {"outcome": "duplicate"}),
        counted("wire_failures_total", {"kind": "empty_file", "stage": "watcher"}),
    )
    assert [b - a for a, b in zip(before, after, strict=True)] == [1, 1, 1]
