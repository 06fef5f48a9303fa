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

import psycopg

# Run as a file from a checkout: import this tree's pipeline, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.settings import Settings
from pipeline.storage.db import get_reader_engine, session_scope
from pipeline.storage.scratch import libpq, scratch_database
from tests.support.serving import wire_serve
from workers.web.collectors import LedgerCollector
from workers.web.views import PANELS

LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
AGENCIES = ("AFP", "AP", "ANSA", "dpa", "EFE", "Interfax", "Kyodo", "PA", "Reuters", "TASS",
            "Xinhua", "Yonhap")  # fmt: skip

_GENERATE = (
    """INSERT INTO source_file (id, sha256, original_name, size, content, received_at, status,
        stage, format, article_count, error_kind, error_message, updated_at)
    SELECT i, md5(i::text) || md5((-i)::text), 'file-' || i || '.xml', 100, '\\x00'::bytea, t,
        CASE WHEN i %% 200 = 0 THEN 'failed' ELSE 'done' END, 'dedupe', 'nitf', 1,
        CASE WHEN i %% 200 = 0 THEN (ARRAY['unknown_format', 'unsafe_input', 'not_news_item'])[
            1 + (i / 200) %% 3] END,
        CASE WHEN i %% 200 = 0 THEN 'file-' || i || '.xml: generated failure' END,
        t + interval '2 seconds'
    FROM (SELECT i, now() - random() * interval '7 days' AS t
          FROM generate_series(1, %(n)s) AS i) AS g""",
    """INSERT INTO story (id, representative_headline, first_seen_at, last_seen_at,
        article_count, agency_count, updated_at)
    SELECT s, 'Story ' || s, now() - interval '7 days', now(), 1 + (s::bigint * 7919) %% 40,
        1 + s %% 6, now() - random() * interval '7 days'
    FROM generate_series(1, (%(n)s + 2) / 3) AS s""",
    """INSERT INTO article (id, source_file_id, item_index, format, item_key, version, agency,
        headline, pubstatus, paragraphs, body, body_hash, search, published_at, story_id,
        created_at)
    SELECT f.id, f.id, 0, 'nitf', 'gen:' || f.id, 1, (%(agencies)s::text[])[1 + f.id %% 12],
        'Generated headline number ' || f.id, 'usable', '[]', 'body', md5(f.id::text),
        'body'::tsvector, f.received_at, 1 + (f.id - 1) / 3, f.received_at + interval '1 second'
    FROM source_file f""",
    """INSERT INTO entity (id, key, kind, name)
    SELECT e, 'gen:' || e, (ARRAY['PER', 'ORG', 'LOC', 'MISC'])[1 + e %% 4], 'Entity ' || e
    FROM generate_series(1, 50000) AS e""",
    """INSERT INTO mention (article_id, entity_id, text, start_char, end_char, sentence_index,
        extractor_version)
    SELECT a, 1 + (a::bigint * k * 7919) %% 50000, 'Entity', k * 10, k * 10 + 6, 0, 'gen'
    FROM generate_series(1, %(n)s) AS a, generate_series(1, 2) AS k""",
    """INSERT INTO event (id, happening_key, code, label, root_code, quad_class,
        extractor_version)
    SELECT v, 'gen:' || v, '042', 'Make a visit', '04', 1, 'gen'
    FROM generate_series(1, 50000) AS v""",
    """INSERT INTO event_mention (event_id, article_id, sentence_index, trigger, trigger_start,
        start_char, end_char, modality, confidence, extractor_version)
    SELECT 1 + a %% 50000, a, 0, 'visited', 0, 0, 20, 'happened', 0.9, 'gen'
    FROM generate_series(2, %(n)s, 2) AS a""",
    """UPDATE source_file SET status = 'queued', stage = NULL, updated_at = now()
    WHERE id IN (SELECT id FROM source_file ORDER BY received_at DESC LIMIT 200)""",
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=LOCAL_SERVER, help="SQLAlchemy URL of the server")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with scratch_database(args.server, "wire_page_bench") as url:
        started = time.perf_counter()
        generate(url, args.articles)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - started:.0f} s")
        timings = measure_panels(url, args.repeat)
        timings.update(measure_http(url, args.repeat))
        get_reader_engine(url).dispose()
    report(timings)
    return 0


def generate(url: str, articles: int) -> None:
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        for statement in _GENERATE:
            connection.execute(statement, {"n": articles, "agencies": list(AGENCIES)})
        for table in (
            "source_file",
            "article",
            "story",
            "entity",
            "mention",
            "event",
            "event_mention",
        ):
            connection.execute(f"VACUUM ANALYZE {table}")


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
