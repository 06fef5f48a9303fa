"""The benchmarks run end to end on a few generated files and print every figure they promise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from workers.bench import ingest as bench
from workers.bench import report
from workers.runtime.worker_process import ROOT

pytestmark = pytest.mark.services


def _wire(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "workers.cli.main", *args],
        cwd=ROOT, env={**os.environ, **env, "COLUMNS": "200"},
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def test_bench_ingest_prints_throughputs_ratio_latency_memory_and_stage_times_per_repeat(
    tmp_path: Path, pipeline_env: dict[str, str]
):
    _wire("bench", "generate", str(tmp_path / "items"), "--count", "12", env=pipeline_env)
    printed = _wire(
        "bench", "ingest", str(tmp_path / "items"), "--workers", "2", "--rate", "5",
        "--repeat", "2", env=pipeline_env,
    )  # fmt: skip
    for figure in (
        "bare (1 process)", "bare (2 processes)", "pipeline (2 workers)",
        "ratio pipeline/bare, 2 processes each", "dropped → committed", "recorded → committed",
        "p99", "peak RSS per worker process", "extract", "CPU and idle in the pipeline run",
        "postgres", "idle", "bare stages, for comparison",
        "bare stages' CPU / all CPU per article", "cores busy", "other processes of the host",
        "pipeline wall s", "of it CPU s in the worker", "waiting s",
        "files: 9 done, 0 duplicate, 0 failed",
    ):  # fmt: skip
        assert figure in printed
    assert "│ articles   │ 9" in printed  # the 9 backlog files, one article each, on every side
    assert printed.count("ratio pipeline/bare, 2 processes each") == 2
    assert "ratios of the 2 sound measurements: " in printed
    # The pipeline's time runs from the first record to the last final transaction, both on
    # the server's clock: positive and within the test's own run.
    rows = [line for line in printed.splitlines() if line.startswith("│ seconds")]
    assert len(rows) == 2
    for row in rows:
        assert 0 < float(row.strip("│ ").split("│")[-1]) < 300


def test_bench_locks_prints_how_the_file_ended_and_the_locks_against_the_table(
    tmp_path: Path, pipeline_env: dict[str, str]
):
    _wire("bench", "generate", str(tmp_path), "--count", "24", "--items-per-file", "24",
          "--format", "rss", "--language", "de", env=pipeline_env)  # fmt: skip
    printed = _wire("bench", "locks", str(tmp_path / "bench-000000.xml"), env=pipeline_env)
    assert "24 articles of 1 file(s)" in printed
    assert "files: 1 done, 0 duplicate, 0 failed" in printed
    most = int(printed.split("most advisory locks one backend held at once: ")[1].split()[0])
    assert 0 < most <= 128  # one item's locks, sampled while its dedupe held them
    assert f"a file's 24 items in one transaction would need about {24 * 34}" in printed


def test_bench_latency_drops_files_behind_a_backlog_and_prints_when_each_got_through(
    tmp_path: Path, pipeline_env: dict[str, str]
):
    german = ("--items-per-file", "16", "--format", "rss", "--language", "de")
    _wire("bench", "generate", str(tmp_path / "all"), "--count", "48", *german, env=pipeline_env)
    (tmp_path / "dropped").mkdir()
    (tmp_path / "all" / "bench-000032.xml").rename(tmp_path / "dropped" / "bench-000032.xml")
    printed = _wire(
        "bench", "latency", str(tmp_path / "dropped"), "--backlog", str(tmp_path / "all"),
        "--after", "1", env=pipeline_env,
    )  # fmt: skip
    for figure in (
        "dropped → first article stored", "dropped → first article through every stage",
        "dropped → committed", "dropped 1 s into a backlog of 2 files, behind ",
        "files: 2 done, 0 duplicate, 0 failed", "peak RSS per worker process",
    ):  # fmt: skip
        assert figure in printed
    p50 = next(line for line in printed.splitlines() if line.startswith("│ p50"))
    stored, through = (float(cell) for cell in p50.strip("│ ").split("│")[3:5])
    assert 0 < stored <= through


def test_bench_backlog_samples_the_inbox_ledger_queue_and_memory_until_every_file_is_final(
    pipeline_env: dict[str, str],
):
    env = {**pipeline_env, "WIRE_MAX_IN_FLIGHT": "3"}
    printed = _wire(
        "bench", "backlog", "--count", "12", "--seconds", "240", "--every", "1", env=env
    )  # fmt: skip
    for column in ("in inbox", "recorded", "messages waiting", "watcher MB", "Redis MB"):
        assert column in printed
    rows = [line for line in printed.splitlines() if line.startswith("│ ")]
    assert len(rows) >= 2
    for row in rows:
        inbox, recorded, final = (int(cell) for cell in row.split("│")[2:5])
        assert inbox + recorded == 12
        assert recorded - final <= 3  # at most 3 in flight, the rest waits in the inbox
    progress = [line for line in printed.splitlines() if " in inbox, " in line]
    assert len(progress) == len(rows)  # each sample also printed as it was taken
    assert progress[0].split(" in inbox, ")[0].split(", ")[-1] == rows[0].split("│")[2].strip()
    assert "every file final by" in printed
    seconds, inbox, recorded, final = (cell.strip() for cell in rows[-1].split("│")[1:5])
    assert (inbox, recorded, final) == ("0", "12", "12")
    assert float(seconds) < 240


@pytest.mark.parametrize(
    ("outcome", "sound", "said"),
    [
        (bench.Outcome(9, 1, 2, 2, 0), True, None),
        (bench.Outcome(9, 1, 2, 1, 0), False, "1 file(s) failed in the pipeline"),
        (bench.Outcome(10, 0, 0, 0, 940), False, "940 article(s) left without dedupe"),
    ],
)
def test_a_run_with_failed_files_or_articles_not_deduped_gives_no_ratio(
    outcome: bench.Outcome, sound: bool, said: str | None
):
    """Files the bare parse rejects fail in the pipeline too; any other failure, or an article
    never deduped, means the pipeline did not do the work the ratio would time."""
    with report.console.capture() as captured:
        report.print_outcome(outcome)
    printed = captured.get()
    assert (
        f"files: {outcome.done} done, {outcome.duplicate} duplicate, {outcome.failed} failed"
        in printed
    )
    assert outcome.sound is sound
    assert ("no ratio" in printed) is not sound
    if said is not None:
        assert said in printed


@pytest.mark.parametrize(("piped", "warned"), [(0.104, False), (0.096, False), (0.131, True)])
def test_a_run_whose_model_ran_at_another_speed_says_so(
    piped: float, warned: bool, capsys: pytest.CaptureFixture[str]
):
    """The model is the same code on both sides: 131 ms of worker CPU per article against
    100 ms bare means it ran slower in the pipeline phase, and the report says so."""
    report._speed_note(piped, 0.100)
    assert ("model speed" in capsys.readouterr().out) is warned


@pytest.mark.parametrize(("after", "warned"), [(54.0, False), (46.0, False), (58.0, True)])
def test_a_run_whose_host_changed_speed_between_the_bare_runs_says_so(
    after: float, warned: bool, capsys: pytest.CaptureFixture[str]
):
    """The same bare run before and after the pipeline: 50 articles/s, then 58, means the host
    sped up during the measurement, and the report says a single ratio is no figure."""
    report._drift_note(bench.Throughput(1, 500, 10.0), bench.Throughput(1, int(after * 10), 10.0))
    assert ("host speed" in capsys.readouterr().out) is warned


def test_the_cpu_split_gives_the_ratios_two_factors():
    """2 s of CPU for 10 files against 0.16 s per file bare: 0.80 of the CPU; busy is that
    CPU over this host's cores for the run's 1.25 s."""
    with report.console.capture() as captured:
        report._print_split(2.0, 1.25, 10, 0.16)
    cores = psutil.cpu_count() or 1
    printed = captured.get()
    assert "bare stages' CPU / all CPU per article: 0.80" in printed
    assert f"{cores} cores busy {2.0 / (cores * 1.25):.0%}" in printed


def test_cpu_of_exited_children_is_counted():
    """A worker process replaced mid-run exits with its CPU: the split still counts it."""
    me = psutil.Process()
    before = bench._with_exited_children(me)
    burn = "import time\nwhile time.process_time() < 0.3: pass\nprint(time.process_time())"
    used = float(subprocess.run([sys.executable, "-c", burn], capture_output=True, text=True,
                                check=True).stdout)  # fmt: skip
    assert bench._with_exited_children(me) - before >= 0.9 * used


@pytest.mark.skipif(
    not Path("/proc/self/status").exists(), reason="the high-water mark is read from Linux's /proc"
)
def test_a_peak_between_two_samples_is_still_the_peak():
    """The kernel's high-water mark keeps a child's peak RSS after the memory is freed, where a
    sample taken later would only see what is left."""
    grow_and_free = (
        "import sys\nblock = bytearray(200 * 2**20)\nblock[::4096] = b'x' * len(block[::4096])\n"
        "del block\nprint('freed', flush=True)\nsys.stdin.read()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", grow_and_free], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"freed\n"
        peak, now = bench.high_water_rss(child.pid), psutil.Process(child.pid).memory_info().rss
        assert peak >= 200 * 2**20 > now
    finally:
        child.communicate(b"")
    assert bench.high_water_rss(child.pid) == 0  # gone: nothing to say
