"""Find or start the real services the tests need: Postgres and Redis.

Order: WIRE_TEST_DATABASE_URL / WIRE_TEST_BROKER_URL if set; else the local defaults
(127.0.0.1:5432 database ``test``, 127.0.0.1:6379); else containers where Docker runs; else an
embedded Postgres (pgserver) and a ``redis-server`` found on PATH. A service that cannot be had
fails the tests that need it with a message saying what was tried.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

import psycopg
import redis

from pipeline.storage.scratch import libpq

LOCAL_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LOCAL_BROKER = "redis://127.0.0.1:6379/0"
_keep: list[Any] = []  # containers and servers must live as long as the session


class ServiceUnavailableError(RuntimeError):
    pass


def postgres_url() -> str:
    explicit = os.environ.get("WIRE_TEST_DATABASE_URL")
    if explicit:
        return _check_postgres(explicit, "WIRE_TEST_DATABASE_URL")
    if _postgres_answers(LOCAL_DATABASE):
        return LOCAL_DATABASE
    tried = [f"local {LOCAL_DATABASE}: no answer"]
    for start in (_postgres_container, _postgres_embedded):
        try:
            return start()
        except Exception as error:
            tried.append(f"{start.__name__}: {error}")
    raise ServiceUnavailableError("no Postgres for the tests; tried " + "; ".join(tried))


def redis_url() -> str:
    explicit = os.environ.get("WIRE_TEST_BROKER_URL")
    if explicit:
        if not _redis_answers(explicit):
            raise ServiceUnavailableError(f"WIRE_TEST_BROKER_URL={explicit} does not answer")
        return explicit
    if _redis_answers(LOCAL_BROKER):
        return LOCAL_BROKER
    tried = [f"local {LOCAL_BROKER}: no answer"]
    for start in (_redis_container, _redis_binary):
        try:
            return start()
        except Exception as error:
            tried.append(f"{start.__name__}: {error}")
    raise ServiceUnavailableError("no Redis for the tests; tried " + "; ".join(tried))


def _postgres_answers(url: str) -> bool:
    try:
        with psycopg.connect(libpq(url), connect_timeout=3):
            return True
    except psycopg.Error:
        return False


def _check_postgres(url: str, source: str) -> str:
    if not _postgres_answers(url):
        raise ServiceUnavailableError(f"{source}={url} does not answer")
    return url


def _redis_answers(url: str) -> bool:
    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=3).ping())
    except redis.RedisError:
        return False


def _docker_runs() -> None:
    if shutil.which("docker") is None:
        raise ServiceUnavailableError("no docker client")
    probe = subprocess.run(["docker", "info"], capture_output=True, timeout=20, check=False)
    if probe.returncode != 0:
        raise ServiceUnavailableError("docker engine not running")


def _postgres_container() -> str:
    _docker_runs()
    from testcontainers.postgres import PostgresContainer

    container = PostgresContainer("postgres:16-alpine", driver="psycopg").start()
    _keep.append(container)
    return str(container.get_connection_url())


def _postgres_embedded() -> str:
    from pipeline.storage.embedded import embedded_database_url

    folder = Path(tempfile.mkdtemp(prefix="wire-test-pg-"))
    return embedded_database_url(folder)


def _redis_container() -> str:
    _docker_runs()
    from testcontainers.redis import RedisContainer

    container = RedisContainer("redis:7-alpine").start()
    _keep.append(container)
    host = container.get_container_host_ip()
    return f"redis://{host}:{container.get_exposed_port(6379)}/0"


def _redis_binary() -> str:
    binary = shutil.which("redis-server")
    if binary is None:
        raise ServiceUnavailableError("no redis-server on PATH")
    port = free_port()
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _keep.append(process)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while not _redis_answers(url):
        if time.monotonic() > deadline:
            raise ServiceUnavailableError("redis-server did not start")
        time.sleep(0.1)
    return url


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
