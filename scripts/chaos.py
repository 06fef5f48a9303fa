"""Chaos run: ingest generated wire files while workers are killed, Redis is flushed and Postgres
restarted, some files written slowly or in two openings; print what came out. Needs redis-server
on PATH; starts its own Redis and Postgres.

    .venv/bin/python scripts/chaos.py --files 2000 --seconds 150
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.chaos import Figures, Plan, run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=150.0, help="drop and chaos period")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=int, default=10, help="files held open across pauses")
    parser.add_argument("--reopen", type=int, default=10, help="files closed and reopened")
    args = parser.parse_args()
    plan = Plan(
        args.files, args.seconds, args.kills, args.workers, args.seed,
        slow_writers=args.slow, reopen_writers=args.reopen,
    )  # fmt: skip
    figures = run(plan)
    report(figures)
    failed = figures.problems or figures.lost or figures.duplicated or figures.truncated
    return 1 if failed else 0


def report(figures: Figures) -> None:
    rows = [
        ("files dropped", figures.files),
        ("worker SIGKILLs", figures.kills),
        ("watcher SIGKILLs", figures.watcher_kills),
        ("Redis flushes", figures.redis_flushes),
        ("Postgres restarts", figures.postgres_restarts),
        ("slow writers", figures.slow_writes),
        ("reopening writers", figures.reopen_writes),
        ("recoveries", f"{figures.recoveries} ({figures.retries} retries, "
                       f"{figures.requeues} sweeper re-queues)"),
        ("lost", figures.lost),
        ("duplicated rows", figures.duplicated),
        ("truncated rows", figures.truncated),
        ("time to drain (s)", f"{figures.drain_seconds:.1f}"),
        ("files by status", figures.statuses),
        ("failures by kind", figures.failures or "none"),
    ]  # fmt: skip
    for label, value in rows:
        print(f"{label:>20}: {value}")
    for problem in figures.problems:
        print(f"PROBLEM: {problem}")


if __name__ == "__main__":
    sys.exit(main())
