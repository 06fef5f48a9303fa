"""Services of one run that may be flushed, killed and restarted: a redis-server and an embedded
Postgres (pgserver) in a temporary folder. The shared services of a machine are never touched.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import redis

from tests.support import services


class ChaosSetupError(RuntimeError):
    pass


class OwnRedis:
    """A redis-server of this run only, so flushing it harms nobody."""

    def __init__(self, folder: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ChaosSetupError("the chaos run needs redis-server on PATH (to flush its own)")
        self.port = services.free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        arguments = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(
            [binary, *arguments, "--appendonly", "no", "--dir", str(folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _until(lambda: _redis_answers(self.url), 10, "redis-server to start")

    def flush(self) -> None:
        redis.Redis.from_url(self.url).flushall()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


class OwnPostgres:
    """An embedded Postgres of this run only, which can be stopped and started again."""

    def __init__(self, folder: Path) -> None:
        with warnings.catch_warnings():  # pgserver warns at import when XDG_RUNTIME_DIR is unset
            warnings.simplefilter("ignore")
            from pgserver._commands import pg_ctl
            from pgserver.postgres_server import get_server
        self.pg_ctl = pg_ctl
        self.pgdata = folder / "pgdata"
        self.server = get_server(self.pgdata, cleanup_mode="delete")
        self.url = self.server.get_uri("postgres").replace("postgresql://", "postgresql+psycopg://")

    def restart(self, pause: float) -> None:
        """Stop (fast: open transactions are cut), stay down ``pause`` seconds, start again."""
        self._ctl(["-w", "-m", "fast", "stop"])
        time.sleep(pause)
        options = ["-o", '-h ""', "-o", f"-k {self.pgdata}", "-l", str(self.pgdata / "log")]
        self._ctl(["-w", *options, "start"])

    def _ctl(self, arguments: list[str]) -> None:
        self.pg_ctl(arguments, pgdata=self.pgdata, user=self.server.system_user, timeout=60)

    def stop(self) -> None:
        """pgserver only knows the first postmaster, so the restarted one is stopped here."""
        with suppress(subprocess.CalledProcessError):
            self._ctl(["-w", "-m", "immediate", "stop"])
        self.server.cleanup()


def _redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _until(check: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise ChaosSetupError(f"timed out waiting for {what}")
        time.sleep(0.1)


@contextmanager
def chaos_services() -> Iterator[tuple[OwnRedis, OwnPostgres, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="wire-chaos-"))
    broker = OwnRedis(folder)
    try:
        database = OwnPostgres(folder)
        try:
            yield broker, database, folder
        finally:
            database.stop()
    finally:
        broker.stop()
        shutil.rmtree(folder, ignore_errors=True)
