"""Planner statistics kept current while the pipeline's tables grow.

psycopg prepares a statement on its fifth execution, and Postgres then keeps one generic plan
per connection for it. Nothing replans it as a table grows: only new statistics (ANALYZE)
invalidate it. A plan made while ``lsh_band`` or ``article`` held a few hundred rows scans them
whole, so without fresh statistics every file costs time in proportion to all the files before
it. Autovacuum analyzes a table once ``threshold + scale_factor * rows`` rows have changed since
the last time; where it is off, or slower than the ingest (it wakes once a minute), the workers
apply the same rule themselves.
"""

from __future__ import annotations

from sqlalchemy import bindparam, text
from sqlalchemy.dialects.postgresql import ARRAY, TEXT
from sqlalchemy.orm import Session

from pipeline.storage.db import execute
from pipeline.storage.dedupe import advisory_key
from pipeline.storage.tables import Base

PIPELINE_TABLES = tuple(sorted(Base.metadata.tables))
_LOCK_KEY = advisory_key("analyze")

# autovacuum's own rule and settings (a table's storage parameters aside), so where it runs,
# it has mostly done the work and this finds nothing to do.
_STALE_TABLES = text("""
    SELECT stats.relname
    FROM pg_stat_user_tables AS stats JOIN pg_class ON pg_class.oid = stats.relid
    WHERE stats.schemaname = current_schema() AND stats.relname = ANY(:tables)
      AND stats.n_mod_since_analyze >
          current_setting('autovacuum_analyze_threshold')::float8
          + current_setting('autovacuum_analyze_scale_factor')::float8
            * greatest(pg_class.reltuples, 0)
    ORDER BY stats.relname
""").bindparams(bindparam("tables", type_=ARRAY(TEXT)))
_TRY_LOCK = text("SELECT pg_try_advisory_xact_lock(:key)")
_ANALYZE = {table: text(f'ANALYZE "{table}"') for table in PIPELINE_TABLES}


def analyze_stale(session: Session) -> list[str]:
    """ANALYZE the pipeline tables changed enough since their last statistics; returns them.

    One session on all hosts at a time does it (a transaction-scoped advisory lock, not
    waited for: the others go on with their work, the holder analyzes for everyone). ANALYZE
    samples a fixed number of rows, so it costs about the same on any size of table, and takes
    a lock that lets reads and writes go on."""
    if not execute(session, _TRY_LOCK, {"key": _LOCK_KEY}).scalar_one():
        return []
    stale = execute(session, _STALE_TABLES, {"tables": list(PIPELINE_TABLES)}).scalars()
    for table in stale:
        execute(session, _ANALYZE[table])
    return stale
