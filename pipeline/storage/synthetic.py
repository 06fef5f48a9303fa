"""Bulk-loaded synthetic rows, for measuring against a large store: articles and LSH bands for
dedupe (``scripts/bench_dedupe.py``), a million articles with all they carry for the status page
(``scripts/bench_status_page.py``).

For dedupe: COPY with the ``lsh_band`` indexes dropped and rebuilt
after each load, as a bulk import would, and foreign-key triggers off while loading.
"""

from __future__ import annotations

import io
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import psycopg

from pipeline.storage.scratch import libpq

_Connection = psycopg.Connection[tuple[Any, ...]]

_LSH_INDEXES_DROP = (
    "ALTER TABLE lsh_band DROP CONSTRAINT IF EXISTS lsh_band_pkey",
    "DROP INDEX IF EXISTS lsh_band_band_idx",
)
_LSH_INDEXES_CREATE = (
    "ALTER TABLE lsh_band ADD CONSTRAINT lsh_band_pkey PRIMARY KEY (article_id, band)",
    "CREATE INDEX lsh_band_band_idx ON lsh_band (band, hash)",
)


def load_signatures(url: str, level: int, bands: int) -> float:
    """Top the store up to ``level`` synthetic articles with random band hashes; seconds taken."""
    started = time.perf_counter()
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        first = connection.execute("SELECT count(*) FROM article WHERE format = 'synthetic'")
        start = int(first.fetchone()[0])  # type: ignore[index]
        file_id = _synthetic_file(connection)
        connection.execute("SET session_replication_role = replica")  # no FK triggers on load
        for statement in _LSH_INDEXES_DROP:
            connection.execute(statement)
        _copy_articles(connection, file_id, start, level)
        _copy_bands(connection, start, level, bands)
        connection.execute("SET maintenance_work_mem = '512MB'")
        for statement in _LSH_INDEXES_CREATE:
            connection.execute(statement)
        connection.execute("VACUUM ANALYZE article")
        connection.execute("VACUUM ANALYZE lsh_band")
    return time.perf_counter() - started


def _synthetic_file(connection: _Connection) -> int:
    row = connection.execute(
        "INSERT INTO source_file (sha256, original_name, size, content, status)"
        " VALUES (repeat('0', 64), 'synthetic', 0, '', 'done')"
        " ON CONFLICT (sha256) DO UPDATE SET size = 0 RETURNING id"
    ).fetchone()
    assert row is not None  # an upsert with RETURNING always returns its row
    return int(row[0])


def _copy_articles(connection: _Connection, file_id: int,
                   start: int, stop: int) -> None:  # fmt: skip
    columns = ("source_file_id, item_index, format, item_key, version, headline, pubstatus,"
               " paragraphs, body, body_hash, minhash")  # fmt: skip
    with connection.cursor().copy(f"COPY article ({columns}) FROM STDIN") as copy:
        for chunk in range(start, stop, 100_000):
            lines = (
                f"{file_id}\t{n}\tsynthetic\tbench:synthetic:{n}\t1\tSynthetic\tusable\t[]\t"
                f"synthetic\t{n:064x}\t\\\\x00\n"
                for n in range(chunk, min(stop, chunk + 100_000))
            )
            copy.write("".join(lines))


def _copy_bands(connection: _Connection, start: int, stop: int,
                bands: int) -> None:  # fmt: skip
    """Binary COPY of random (article_id, band, hash) rows, built as one numpy record array."""
    ids = connection.execute(
        "SELECT id FROM article WHERE format = 'synthetic' AND item_index >= %s ORDER BY id",
        (start,),
    ).fetchall()
    article_ids = np.repeat(np.array([row[0] for row in ids], dtype=np.int64), bands)
    layout = np.dtype([("fields", ">i2"), ("l1", ">i4"), ("article_id", ">i8"), ("l2", ">i4"),
                       ("band", ">i2"), ("l3", ">i4"), ("hash", ">i8")])  # fmt: skip
    rows = np.zeros(len(article_ids), dtype=layout)
    rows["fields"], rows["l1"], rows["l2"], rows["l3"] = 3, 8, 2, 8
    rows["article_id"] = article_ids
    rows["band"] = np.tile(np.arange(bands, dtype=np.int16), stop - start)
    rows["hash"] = np.random.default_rng(start).integers(-(2**63), 2**63 - 1, len(rows))
    with connection.cursor().copy(
        "COPY lsh_band (article_id, band, hash) FROM STDIN BINARY"
    ) as copy:
        copy.write(b"PGCOPY\n\xff\r\n\x00" + bytes(8))
        buffer = io.BytesIO(rows.tobytes())
        while chunk := buffer.read(1 << 24):
            copy.write(chunk)
        copy.write(b"\xff\xff")


_STATUS_PAGE_ROWS = (
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


def load_status_page_rows(url: str, articles: int, agencies: Sequence[str]) -> None:
    """``articles`` articles with their ledger rows, mentions, events and stories, generated in
    SQL for measuring the status page at scale (``scripts/bench_status_page.py``)."""
    with psycopg.connect(libpq(url), autocommit=True) as connection:
        for statement in _STATUS_PAGE_ROWS:
            connection.execute(statement, {"n": articles, "agencies": list(agencies)})
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
