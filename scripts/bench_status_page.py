"""The status page's panels and /metrics with a million articles: how long the slowest takes.

    python scripts/bench_status_page.py [--server URL] [--articles N] [--repeat R]

Creates a scratch database on the Postgres server of ``--server`` (default: the local test
server), migrates it, and generates rows directly with SQL: N articles (default 1,000,000) from
twelve agencies over the last seven days, each with its ledger row (0.5% failed, 200 still
queued), two mentions of 50,000 entities, an event report every other article, and a story
for every third article. Then it reads every panel through the read-only role as ``wire serve``
does, R times each, and GETs the page and /metrics from a ``wire serve`` process; it prints the
median and the slowest time of each. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

# Run as a file from a checkout: import this tree's pipeline, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.settings import Settings
from pipeline.storage import synthetic
from pipeline.storage.db import get_reader_engine, session_scope
from pipeline.storage.scratch import scratch_database
from tests.support.serving import wire_serve
from workers.web.collectors import LedgerCollector
from workers.web.views import PANELS

LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AGENCIES = ("AFP", "AP", "ANSA", "dpa", "EFE", "Interfax", "Kyodo", "PA", "Reuters", "TASS",
            "Xinhua", "Yonhap")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=LOCAL_SERVER, help="SQLAlchemy URL of the server")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with scratch_database(args.server, "wire_page_bench") as url:
        started = time.perf_counter()
        synthetic.load_status_page_rows(url, args.articles, AGENCIES)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - started:.0f} s")
        timings = measure_panels(url, args.repeat)
        timings.update(measure_http(url, args.repeat))
        get_reader_engine(url).dispose()
    report(timings)
    return 0


def measure_panels(url: str, repeat: int) -> dict[str, list[float]]:
    """Each panel as the page reads it (the widest parameters: 48 hours, 100 rows) and the
    /metrics collector, through the read-only role."""
    engine = get_reader_engine(url)
    settings = Settings()
    widest = {"hours": 48, "limit": 100}
    timings: dict[str, list[float]] = {}
    for name, panel in PANELS.items():
        values = {key: widest[key] for key in panel.params}

        def read(read_panel: Callable[..., object] = panel.read, given: dict = values) -> None:
            with session_scope(engine) as session:
                read_panel(session, settings, given)

        timings[f"panel {name}"] = _timed(read, repeat)
    collector = LedgerCollector(engine, settings)
    timings["metrics collector"] = _timed(lambda: list(collector.collect()), repeat)
    return timings


def measure_http(url: str, repeat: int) -> dict[str, list[float]]:
    env = {**os.environ, "WIRE_DATABASE_URL": url}
    env.pop("WIRE_BROKER_URL", None)
    with (
        tempfile.TemporaryDirectory() as folder,
        wire_serve(env, Path(folder) / "serve.log") as served,
    ):
        return {
            "GET /?hours=6": _timed(lambda: _get(served.url + "/?hours=6"), repeat),
            "GET /?hours=48&limit=100": _timed(
                lambda: _get(served.url + "/?hours=48&limit=100"), repeat
            ),
            "GET /metrics": _timed(lambda: _get(served.url + "/metrics"), repeat),
        }


def _get(address: str) -> None:
    with urllib.request.urlopen(address, timeout=120) as response:
        response.read()


def _timed(action: Callable[[], object], repeat: int) -> list[float]:
    action()  # the first read warms the caches; not counted
    spent = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        spent.append(time.perf_counter() - started)
    return spent


def report(timings: dict[str, list[float]]) -> None:
    print(f"{'read':<28} {'median ms':>10} {'slowest ms':>11}")
    for name, spent in sorted(timings.items(), key=lambda item: -statistics.median(item[1])):
        print(f"{name:<28} {1000 * statistics.median(spent):>10.1f} {1000 * max(spent):>11.1f}")


if __name__ == "__main__":
    sys.exit(main())
