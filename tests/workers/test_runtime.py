"""A worker process warms up before its first article: the model and every table the stages
load on first use are in memory, and the heap left is settled for the collector."""

from __future__ import annotations

import json
import subprocess
import sys

from sqlalchemy import Engine

from pipeline.settings import get_settings
from workers.runtime.worker_process import ROOT

_PROBE = """
import gc, json
from workers.runtime import resources as runtime
from pipeline.extract import cameo, gazetteer
runtime.warm_up()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "thresholds": gc.get_threshold(),
    "loaded": [gazetteer.gazetteer.cache_info().currsize, cameo._verb_rules.cache_info().currsize],
}))
"""


def test_warm_up_loads_the_stages_tables_and_freezes_what_lives_on():
    result = subprocess.run(
        [sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert state["loaded"] == [1, 1]  # the first article pays nothing for them
    assert state["frozen"] > 100_000  # model, gazetteer, CAMEO tables: never scanned again
    assert state["thresholds"][0] == 10_000


def _synchronous_commit(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.exec_driver_sql("SHOW synchronous_commit").scalar_one())


def test_stage_commits_skip_the_disk_wait_while_intake_stays_durable(pipeline_env):
    from workers.runtime import resources as runtime

    assert _synchronous_commit(runtime.stage_engine()) == "on"  # durable unless asked
    assert _synchronous_commit(runtime.engine()) == "on"  # files taken in: the watcher, ingest


def test_asynchronous_stage_commits_when_asked(pipeline_env, monkeypatch):
    from workers.runtime import resources as runtime

    monkeypatch.setenv("WIRE_DURABLE_STAGE_COMMITS", "false")
    get_settings.cache_clear()
    runtime.stage_engine().dispose()
    runtime.stage_engine.cache_clear()
    try:
        assert _synchronous_commit(runtime.stage_engine()) == "off"
        assert _synchronous_commit(runtime.engine()) == "on"  # files taken in: still durable
    finally:
        runtime.stage_engine().dispose()  # its pooled connections closed before it goes
        monkeypatch.delenv("WIRE_DURABLE_STAGE_COMMITS")
        get_settings.cache_clear()
        runtime.stage_engine.cache_clear()
