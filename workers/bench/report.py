"""What the ``wire bench`` commands print: throughputs side by side, where the time went."""

from __future__ import annotations

from dataclasses import dataclass, fields

import psutil

from pipeline.dedupe.rules import locks_per_item
from pipeline.settings import get_settings
from workers.bench.backlog import Sample
from workers.bench.ingest import (
    CpuSplit,
    FormatFigures,
    Latencies,
    Outcome,
    StageSpent,
    StageTimes,
    Throughput,
    percentile,
)
from workers.bench.locks import SAMPLE_SECONDS, LockWatch
from workers.cli.reports import console, table


@dataclass(frozen=True)
class BenchRuns:
    bare_one: Throughput  # the bare stages in one process
    bare: Throughput  # the bare stages in ``workers`` processes side by side
    piped: Throughput  # the pipeline with ``workers`` worker processes
    workers: int
    bare_each: tuple[Throughput, Throughput]  # ``bare``, before and after the pipeline


def print_bench(runs: BenchRuns, stages: StageTimes, piped: dict[str, StageSpent]) -> None:
    """The throughputs side by side, their ratios, and where the time goes."""
    compared = (runs.bare_one, runs.bare, runs.piped)
    rows = [
        ("files", *(str(run.files) for run in compared)),
        ("articles", *(str(run.articles) for run in compared)),
        ("seconds", *(f"{run.seconds:.2f}" for run in compared)),
        ("articles/s", *(f"{run.per_second:.1f}" for run in compared)),
    ]
    n = runs.workers
    heads = ("", "bare (1 process)", f"bare ({n} processes)", f"pipeline ({n} workers)")
    table("Ingest benchmark (backlog)", heads, rows)
    before, after = (f"{run.per_second:.1f}" for run in runs.bare_each)
    console.print(f"bare ({n} processes): each runs every file, as every worker sees every article")
    console.print(f"bare before / after the pipeline: {before} / {after} articles/s (mean shown)")
    _drift_note(*runs.bare_each)
    print_stage_times(stages, runs.bare.articles, piped)
    extract = piped.get("extract")
    if extract and stages.extract and runs.bare.articles and runs.piped.articles:
        _speed_note(extract.cpu / runs.piped.articles, stages.extract / runs.bare.articles)


def print_ratios(runs: BenchRuns) -> None:
    n = runs.workers
    console.print(f"ratio pipeline/bare, {n} processes each: {ratio(runs.piped, runs.bare):.2f}")
    console.print(f"ratio pipeline/bare in one process: {ratio(runs.piped, runs.bare_one):.2f}")


def print_stage_times(stages: StageTimes, bare_articles: int, piped: dict[str, StageSpent]) -> None:
    """Each stage's wall time in the workers beside its CPU time there: the difference is
    what it waited for (the database, locks, commits)."""
    per_article = 1000 / bare_articles if bare_articles else 0.0
    timing = [
        (name, f"{seconds * per_article:.1f}", *_wall_and_cpu(piped.get(name)))
        for name, seconds in vars(stages).items()
    ]
    columns = (
        "stage", "bare ms per article", "pipeline wall s", "of it CPU s in the worker",
        "waiting s", "files or items", "wall ms per file or item",
    )  # fmt: skip
    table("Time per stage (the pipeline's in the workers, with its SQL)", columns, timing)


def print_locks(piped: Throughput, watch: LockWatch, lock_table: int) -> None:
    """A many-item run: its time, and the advisory locks of one backend against the table."""
    console.print(f"{piped.articles} articles of {piped.files} file(s) in {piped.seconds:.1f} s"
                  f" ({piped.articles / piped.seconds:.1f} articles/s)")  # fmt: skip
    console.print(f"most advisory locks one backend held at once: {watch.most}"
                  f" ({watch.samples} samples, every {SAMPLE_SECONDS * 1000:.0f} ms)")  # fmt: skip
    per_file = piped.articles // piped.files
    # All of a file's items in one transaction would hold every item's locks at once.
    needed = per_file * locks_per_item(get_settings().lsh_bands)
    console.print(f"the server's lock table: {lock_table} entries for all transactions; a file's"
                  f" {per_file} items in one transaction would need about {needed}")  # fmt: skip


def print_outcome(outcome: Outcome) -> None:
    """The files' final statuses; why no ratio is printed when the run is not sound."""
    console.print(
        f"files: {outcome.done} done, {outcome.duplicate} duplicate, {outcome.failed} failed"
        f" ({outcome.rejected} rejected by the bare parse as well)"
    )
    if outcome.failed > outcome.rejected:
        console.print(f"[bold]no ratio[/bold]: {outcome.failed - outcome.rejected} file(s) "
                      "failed in the pipeline that the bare stages took")  # fmt: skip
    if outcome.undeduped:
        console.print(f"[bold]no ratio[/bold]: {outcome.undeduped} article(s) left without dedupe")


_DRIFT = 0.1


def _drift_note(before: Throughput, after: Throughput) -> None:
    """The same bare run before and after the pipeline: where they differ by more than a
    tenth, the host's speed changed during the measurement, and a single run's ratio is not a
    figure (``--repeat`` gives several and their median)."""
    if not before.per_second or not after.per_second:
        return
    change = after.per_second / before.per_second - 1
    if abs(change) > _DRIFT:
        console.print(
            f"[bold]host speed[/bold]: the bare run after the pipeline went {change:+.0%} against"
            " the one before: the host's speed changed during the measurement (other work, a"
            " slower minute); take the ratio of several runs (--repeat)"
        )


def _speed_note(piped_extract: float, bare_extract: float) -> None:
    """The model's run is the same code on both sides: where the workers' extraction cost
    much more (or less) CPU per article than the bare one, the model itself ran at another
    speed in the pipeline phase, and the ratio carries that as well as the pipeline's cost."""
    change = piped_extract / bare_extract - 1
    if abs(change) > _DRIFT:
        console.print(
            f"[bold]model speed[/bold]: extraction cost the workers {change:+.0%} CPU per article"
            " against the bare run (its storage is a few %): the model ran at another speed in"
            " the pipeline phase (a slower minute of a shared host, or cores shared with"
            " Postgres); the ratio includes that"
        )


def _wall_and_cpu(spent: StageSpent | None) -> tuple[str, ...]:
    if spent is None:
        return ("-",) * 5
    per_item = _ms(spent.wall / spent.items) if spent.items else "-"
    waiting = f"{spent.wall - spent.cpu:.2f}"
    return (f"{spent.wall:.2f}", f"{spent.cpu:.2f}", waiting, str(spent.items), per_item)


def print_cpu(
    cpu: CpuSplit,
    articles: int,
    bare: StageTimes,
    bare_articles: int,
    in_stages: dict[str, StageSpent],
    seconds: float,
) -> None:
    """Where the pipeline run's core time went: CPU of each part (the workers, inside the
    stages and outside them: the task machinery's), other processes of the host, and idle,
    beside the run's wall time; per article, next to the bare stages' time per article."""
    cores = psutil.cpu_count() or 1
    available = cores * seconds
    parts = [(f.name, getattr(cpu, f.name)) for f in fields(cpu) if f.name != "host"]
    staged = sum(spent.cpu for spent in in_stages.values())
    used = sum(part for _, part in parts)
    rows = [_part_row(name, part, articles, available) for name, part in parts]
    outside = cpu.workers - staged
    rows.insert(1, _part_row("  workers outside the stages", outside, articles, available))
    others = max(0.0, cpu.host - used)
    rows.append(_part_row("other processes of the host", others, articles, available))
    rows.append(_part_row("idle", max(0.0, available - max(cpu.host, used)), articles, available))
    rows.append(_part_row("all CPU of the run", used, articles, available))
    bare_total = sum(vars(bare).values()) / bare_articles if bare_articles else None
    rows.append(("bare stages, for comparison", "", _ms(bare_total), ""))
    columns = ("part", "CPU s", "ms per article", f"of {cores} cores × {seconds:.2f} s wall")
    table("CPU and idle in the pipeline run", columns, rows)
    _print_split(used, seconds, articles, bare_total)


def _part_row(name: str, used: float, files: int, available: float) -> tuple[str, ...]:
    share = f"{used / available:.0%}" if available else "-"
    return (name, f"{used:.2f}", _ms(used / files if files else None), share)


def _print_split(used: float, seconds: float, articles: int, bare: float | None) -> None:
    """The ratio's two factors where the run is CPU-bound: how much more CPU an article took
    than in the bare stages, and how busy the run kept this host's cores (the rest: lock and
    commit waits, the start and the tail of the backlog, other processes of the host)."""
    if not seconds or not articles or not bare:
        return
    cores = psutil.cpu_count() or 1
    console.print(
        f"bare stages' CPU / all CPU per article: {bare / (used / articles):.2f}; this host's"
        f" {cores} cores busy {used / (cores * seconds):.0%} of the pipeline run's {seconds:.2f} s"
    )


def ratio(piped: Throughput, bare: Throughput) -> float:
    return piped.per_second / bare.per_second if bare.per_second else 0.0


def _ms(seconds: float | None) -> str:
    return "-" if seconds is None else f"{1000 * seconds:.1f}"


def print_latency(latencies: Latencies | None, rate: float) -> None:
    if latencies is None:
        return
    figures = [
        (f"p{q}", f"{percentile(latencies.dropped, q / 100):.3f}",
         f"{percentile(latencies.queued, q / 100):.3f}",
         f"{percentile(latencies.first_item, q / 100):.3f}",
         f"{percentile(latencies.first_done, q / 100):.3f}")
        for q in (50, 95, 99)
    ]  # fmt: skip
    title = f"Latency at {rate:g} files/s ({len(latencies.dropped)} files)"
    columns = ("", "dropped → committed (s)", "recorded → committed (s)",
               "dropped → first article stored (s)",
               "dropped → first article through every stage (s)")  # fmt: skip
    table(title, columns, figures)
    wait = f"the watcher's stability wait (WIRE_STABLE_SECONDS={latencies.stable_seconds:g})"
    if latencies.ready_on_close:
        wait = f"no wait where inotify tells a rename (WIRE_READY_ON_CLOSE), else {wait}"
    console.print(f"files are renamed into the inbox; dropped → committed includes {wait}")


def print_memory(peak_rss: dict[int, int], trace: list[tuple[float, int]]) -> None:
    peak = max(peak_rss.values(), default=0) / 2**20
    console.print(f"peak RSS per worker process: {peak:.0f} MB ({len(peak_rss)} processes)")
    if trace:
        points = [trace[0], trace[len(trace) // 2], trace[-1]]
        console.print(
            "largest worker RSS over the run: "
            + ", ".join(f"{rss / 2**20:.0f} MB at {seconds:.0f} s" for seconds, rss in points)
        )


_BACKLOG_COLUMNS = ("s", "in inbox", "recorded", "final", "messages waiting", "watcher MB",
                    "worker MB", "Redis MB")  # fmt: skip


def _backlog_cells(s: Sample) -> tuple[str, ...]:
    return (f"{s.seconds:.0f}", str(s.inbox), str(s.recorded), str(s.final), str(s.waiting),
            f"{s.watcher_mb:.0f}", f"{s.worker_mb:.0f}", f"{s.redis_mb:.1f}")  # fmt: skip


def print_backlog_sample(sample: Sample) -> None:
    """One line per sample while the run goes on (the table at the end repeats them)."""
    cells = zip(_backlog_cells(sample), _BACKLOG_COLUMNS, strict=True)
    console.print(", ".join(f"{cell} {column}" for cell, column in cells), highlight=False)


def print_backlog(samples: list[Sample], count: int, workers: int) -> None:
    rows = [_backlog_cells(sample) for sample in samples]
    table(f"Backlog of {count} files, {workers} workers", _BACKLOG_COLUMNS, rows)
    last = samples[-1] if samples else None
    if last is not None and last.worked_off:
        rate = last.final / last.seconds
        console.print(f"every file final by {last.seconds:.0f} s (a sample every interval): "
                      f"{rate:.1f} files/s")  # fmt: skip


def print_parse_bench(figures: dict[str, FormatFigures]) -> None:
    rows = [
        (name, str(f.files), str(f.items), str(f.rejected), f"{f.items_per_second:.0f}")
        for name, f in sorted(figures.items())
    ]
    items = sum(f.items for f in figures.values())
    seconds = sum(f.cpu_seconds for f in figures.values())
    rows.append(("all", "", str(items), "", f"{items / seconds if seconds else 0:.0f}"))
    columns = ("format", "files", "items", "files rejected", "items/s per core")
    table("Parse benchmark", columns, rows)
