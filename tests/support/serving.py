"""``wire serve`` as a person starts it: a process of its own on a free port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Served:
    url: str
    log_path: Path

    def get(self, path: str) -> tuple[int, str, str]:
        """Status, content type and body of a GET."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                body = response.read().decode()
                return response.status, response.headers["content-type"], body
        except urllib.error.HTTPError as error:
            with error:  # it holds the connection
                return error.code, error.headers["content-type"], error.read().decode()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def wire_serve(env: dict[str, str], log_path: Path, timeout: float = 60.0) -> Iterator[Served]:
    port = free_port()
    command = [sys.executable, "-m", "workers.cli.main", "serve", "--port", str(port)]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
    served = Served(f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_healthy(served, process, timeout)
        yield served
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_healthy(served: Served, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if served.get("/healthz")[0] == 200:
                return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"wire serve did not start:\n{served.log_path.read_text()[-3000:]}")
        time.sleep(0.3)
