"""Start a real Celery worker process (prefork) on the queue named in ``env``.

Shared by the test fixtures and the ingest benchmark.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


class WorkerStartError(RuntimeError):
    pass


def start_worker(
    env: dict[str, str], log_path: Path, concurrency: int = 2, timeout: float = 90.0
) -> subprocess.Popen[bytes]:
    """The worker, once it reports ready (its log is at ``log_path``)."""
    from workers.runtime.app import stage_queues

    queues = ",".join(stage_queues(env["WIRE_QUEUE"]))
    command = [
        sys.executable, "-m", "celery", "-A", "workers.runtime.app", "worker",
        "--pool=prefork", f"--concurrency={concurrency}", f"--queues={queues}",
        # With its heartbeat, as ``wire worker`` runs: a monitor can switch task events on.
        "--loglevel=INFO", "--without-gossip", "--without-mingle",
    ]  # fmt: skip
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + timeout
    while b"ready." not in log_path.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise WorkerStartError(f"Celery worker did not start:\n{log_path.read_text()[-3000:]}")
        time.sleep(0.2)
    return process
