"""Session fixtures: real Postgres, Redis and Celery worker, found or started once."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from pipeline.settings import get_settings
from pipeline.storage import connect
from tests.support import broker, database, services
from workers.runtime.worker_process import WorkerStartError, start_worker


@pytest.fixture(scope="session")
def postgres_server() -> str:
    try:
        return services.postgres_url()
    except services.ServiceUnavailableError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def broker_url() -> Iterator[str]:
    try:
        server = services.redis_url()
    except services.ServiceUnavailableError as error:
        pytest.fail(str(error), pytrace=False)
    try:
        with broker.private_database(server) as url:
            yield url
    except broker.NoFreeDatabaseError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def database_url(postgres_server: str) -> Iterator[str]:
    url = database.create_database(postgres_server, prefix="wire_test")
    connect.upgrade(url)
    yield url
    database.drop_database(postgres_server, url)


@pytest.fixture(scope="session")
def pipeline_env(
    database_url: str, broker_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, str]]:
    """Point settings, the engine and the Celery app of this process at the test services."""
    env = {
        "WIRE_DATABASE_URL": database_url,
        "WIRE_BROKER_URL": broker_url,
        "WIRE_QUEUE": f"wire-test-{uuid.uuid4().hex[:8]}",
        "WIRE_LOG_FORMAT": "json",
        "WIRE_STABLE_SECONDS": "0.3",
        "WIRE_DATA_DIR": str(tmp_path_factory.mktemp("data")),
    }
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    _reset_process_state()
    yield env
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value
    _reset_process_state()


def _reset_process_state() -> None:
    from workers.runtime import resources as runtime
    from workers.runtime.app import app, use_queues

    get_settings.cache_clear()
    runtime.engine.cache_clear()
    if runtime.stage_engine.cache_info().currsize:  # its pooled connections closed first
        runtime.stage_engine().dispose()
    runtime.stage_engine.cache_clear()
    runtime.parse_options.cache_clear()
    settings = get_settings()
    app.conf.update(broker_url=settings.broker_url)
    use_queues(app, settings.queue)
    if app._pool is not None:  # connections made for an earlier broker URL
        app._pool.force_close_all()
        app._pool = None


@pytest.fixture(scope="session")
def engine(pipeline_env: dict[str, str]) -> Engine:
    from workers.runtime import resources as runtime

    return runtime.engine()


@pytest.fixture
def clean_db(database_url: str, engine: Engine) -> None:
    database.truncate_all(database_url)


# The shared workers leave stuck rows alone: tests make rows stuck on purpose and sweep them
# themselves (tests/workers/test_resend.py runs a worker that sweeps).
QUIET_SWEEPER = {"WIRE_SWEEP_INTERVAL_SECONDS": "86400"}


@pytest.fixture(scope="session")
def celery_worker(
    pipeline_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[subprocess.Popen[bytes]]:
    """A real Celery worker process (prefork, two children) on the test queue."""
    log_path = tmp_path_factory.mktemp("worker") / "worker.log"
    try:
        process = start_worker({**pipeline_env, **QUIET_SWEEPER}, log_path)
    except WorkerStartError as error:
        pytest.fail(str(error), pytrace=False)
    yield process
    _stop_worker(process)


@dataclass(frozen=True)
class Workers:
    queue: str
    log_path: Path


@pytest.fixture(scope="module")
def four_workers(
    pipeline_env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Workers]:
    """A Celery worker with four prefork processes, alone on a queue of its own."""
    workers = Workers(
        f"{pipeline_env['WIRE_QUEUE']}-four", tmp_path_factory.mktemp("four") / "worker.log"
    )
    try:
        env = {**pipeline_env, **QUIET_SWEEPER, "WIRE_QUEUE": workers.queue}
        process = start_worker(env, workers.log_path, 4)
    except WorkerStartError as error:
        pytest.fail(str(error), pytrace=False)
    yield workers
    _stop_worker(process)


def _stop_worker(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
