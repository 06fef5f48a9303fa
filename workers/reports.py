"""What ``wire status`` and ``wire run`` print: ledger health and what was stored."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from sqlalchemy import text
from sqlalchemy.orm import Session

from workers.bench import FormatFigures, StageTimes, Throughput

console = Console(width=None if sys.stdout.isatty() else 160)  # pipes get wide tables

_COUNTS = text("SELECT status, count(*) FROM source_file GROUP BY status ORDER BY status")
_FAILURES = text("""
    SELECT error_kind, count(*) FROM source_file WHERE status = 'failed'
    GROUP BY error_kind ORDER BY count(*) DESC""")
_RECENT = text("""
    SELECT id, original_name, error_kind, left(error_message, 120) FROM source_file
    WHERE status = 'failed' ORDER BY updated_at DESC LIMIT 10""")
_LAG = text("""
    SELECT count(*), coalesce(extract(epoch FROM now() - min(received_at)), 0),
        count(*) FILTER (WHERE updated_at < now() - make_interval(secs => :stuck))
    FROM source_file WHERE status IN ('queued', 'processing')""")
_STORED = text("""
    SELECT a.id, a.format, a.agency, left(a.headline, 70), a.published_at,
        (SELECT count(*) FROM mention m WHERE m.article_id = a.id) AS mentions,
        (SELECT count(*) FROM event_mention em WHERE em.article_id = a.id) AS events,
        coalesce(a.duplicate_of_id::text, '') AS duplicate_of
    FROM article a ORDER BY a.id DESC LIMIT :limit""")
_TOP_ENTITIES = text("""
    SELECT e.kind, e.name, count(*) AS mentions FROM mention m JOIN entity e ON e.id = m.entity_id
    GROUP BY e.kind, e.name ORDER BY count(*) DESC, e.name LIMIT 15""")


def print_status(session: Session, stuck_after_seconds: float) -> None:
    _table("Files by status", ("status", "files"), session.execute(_COUNTS))
    pending, oldest, stuck = session.execute(_LAG, {"stuck": stuck_after_seconds}).one()
    console.print(
        f"queue lag: {pending} file(s) not final, oldest waiting {oldest:.1f} s; "
        f"stuck (no progress for {stuck_after_seconds:.0f} s): {stuck}"
    )
    _table("Failures by kind", ("kind", "files"), session.execute(_FAILURES))
    _table("Recent failures", ("id", "file", "kind", "error"), session.execute(_RECENT))


def print_stored(session: Session, limit: int = 20) -> None:
    rows = session.execute(_STORED, {"limit": limit})
    columns = (
        "id", "format", "agency", "headline", "published", "mentions", "events", "duplicate of",
    )  # fmt: skip
    _table("Articles stored (newest first)", columns, rows)
    _table("Most mentioned entities", ("kind", "name", "mentions"), session.execute(_TOP_ENTITIES))


def print_bench(bare: Throughput, piped: Throughput, workers: int, stages: StageTimes) -> None:
    """Both throughputs side by side, their ratios, and where the bare time goes."""
    rows = [
        ("files", str(bare.files), str(piped.files)),
        ("articles", str(bare.articles), str(piped.articles)),
        ("seconds", f"{bare.seconds:.2f}", f"{piped.seconds:.2f}"),
        ("articles/s", f"{bare.per_second:.1f}", f"{piped.per_second:.1f}"),
    ]
    columns = ("", "bare stages (1 process)", f"pipeline ({workers} workers)")
    _table("Ingest benchmark (backlog)", columns, rows)
    ratio = piped.per_second / bare.per_second if bare.per_second else 0.0
    console.print(f"ratio pipeline/bare: {ratio:.2f}")
    console.print(f"ratio pipeline/(bare x {workers} workers): {ratio / workers:.2f}")
    per_article = 1000 / bare.articles if bare.articles else 0.0
    timing = [(name, f"{seconds * per_article:.1f}") for name, seconds in vars(stages).items()]
    _table("Bare time per stage", ("stage", "ms per article"), timing)


def print_latency(latencies: list[float], rate: float, peak_rss: dict[int, int]) -> None:
    from workers.bench import percentile

    figures = [(f"p{q}", f"{percentile(latencies, q / 100):.3f}") for q in (50, 95, 99)]
    _table(f"Latency at {rate:g} files/s ({len(latencies)} files)", ("", "seconds"), figures)
    peak = max(peak_rss.values(), default=0) / 2**20
    console.print(f"peak RSS per worker process: {peak:.0f} MB ({len(peak_rss)} processes)")


def print_parse_bench(figures: dict[str, FormatFigures]) -> None:
    rows = [
        (name, str(f.files), str(f.items), str(f.rejected), f"{f.items_per_second:.0f}")
        for name, f in sorted(figures.items())
    ]
    items = sum(f.items for f in figures.values())
    seconds = sum(f.cpu_seconds for f in figures.values())
    rows.append(("all", "", str(items), "", f"{items / seconds if seconds else 0:.0f}"))
    columns = ("format", "files", "items", "files rejected", "items/s per core")
    _table("Parse benchmark", columns, rows)


def _table(title: str, columns: tuple[str, ...], rows: object) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:  # type: ignore[attr-defined]
        table.add_row(*("" if value is None else str(value) for value in row))
    console.print(table)
