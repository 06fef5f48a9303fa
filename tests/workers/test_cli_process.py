"""The command line as a process: it says things once, and says when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus import ROOT, SEED
from tests.support.waiting import wait_for

pytestmark = pytest.mark.services


def _wire(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    """``wire ARGS`` on the embedded default's in-process worker (no broker named)."""
    merged = {**os.environ, **env}
    merged.pop("WIRE_BROKER_URL", None)
    return subprocess.Popen(
        [sys.executable, "-m", "workers.cli.main", *args],
        cwd=ROOT,
        env=merged,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _folders(tmp_path: Path) -> dict[str, str]:
    return {
        "WIRE_INBOX": str(tmp_path / "inbox"),
        "WIRE_PROCESSED_DIR": str(tmp_path / "processed"),
        "WIRE_FAILED_DIR": str(tmp_path / "failed"),
        "WIRE_LOG_FORMAT": "console",
    }


def test_wire_run_logs_a_stop_line_on_sigterm(
    pipeline_env: dict[str, str], clean_db: None, tmp_path: Path
):
    env = {**pipeline_env, **_folders(tmp_path)}
    process = _wire(env, "run")
    inbox = Path(env["WIRE_INBOX"])
    wait_for(inbox.is_dir, what="the watcher to create its inbox", timeout=180)
    (inbox / "seed.txt").write_bytes(SEED.read_bytes())
    processed = Path(env["WIRE_PROCESSED_DIR"])
    wait_for(lambda: any(processed.rglob("seed.txt")), what="the file to be processed")
    process.send_signal(signal.SIGTERM)
    output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert "run.stopping" in output
    assert "signal=SIGTERM" in output
    assert "run.stopped" in output
    assert output.count("watch.stopped") == 1


def test_commands_do_not_warn_about_a_missing_broker_host(
    pipeline_env: dict[str, str], clean_db: None, tmp_path: Path
):
    env = {**pipeline_env, **_folders(tmp_path)}
    process = _wire(env, "retry-failed")
    output, _ = process.communicate(timeout=180)
    assert process.returncode == 0, output
    assert "No hostname was supplied" not in output
    assert "re-queued 0 file(s)" in output
