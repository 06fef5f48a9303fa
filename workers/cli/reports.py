"""What ``wire status`` and ``wire run`` print: ledger health and what was stored."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table
from sqlalchemy.orm import Session

from pipeline.cadence import SourceState
from pipeline.settings import Settings
from pipeline.storage import panels
from pipeline.storage import reports as queries

console = Console(width=None if sys.stdout.isatty() else 160)  # pipes get wide tables


def print_status(session: Session, stuck_after_seconds: float) -> None:
    table("Files by status", ("status", "files"), queries.files_by_status(session))
    pending, oldest, stuck = queries.queue_lag(session, stuck_after_seconds)
    console.print(
        f"queue lag: {pending} file(s) not final, oldest waiting {oldest:.1f} s; "
        f"stuck (no progress for {stuck_after_seconds:.0f} s): {stuck}"
    )
    table("Failures by kind", ("kind", "files"), queries.failures_by_kind(session))
    table("Recent failures", ("id", "file", "kind", "error"), queries.recent_failures(session))
    # Items quarantined alone: the rest of their file was stored.
    table("Item failures by kind", ("kind", "items"), queries.item_failures_by_kind(session))
    columns = ("file id", "file", "item", "stage", "kind", "reason")
    table("Recent item failures", columns, queries.recent_item_failures(session))


def print_sources(session: Session, settings: Settings) -> None:
    """Each source's last arrival against the silence it is allowed; quiet ones flagged."""
    rows = [
        (
            state.source,
            f"{state.last_seen:%Y-%m-%d %H:%M:%S}",
            f"{state.silent_seconds:.0f}",
            _seconds(state.cadence_seconds),
            _seconds(state.allowed_silence_seconds) + ("" if state.learned else " (set)"),
            _state(state),
        )
        for state in panels.sources(session, settings)
    ]  # fmt: skip
    columns = ("source", "last seen (UTC)", "silent s", "cadence s", "allowed s", "state")
    table("Sources", columns, rows)
    quiet = [row[0] for row in rows if row[-1] == "QUIET"]
    if quiet:
        console.print(f"[bold red]quiet sources[/bold red]: {', '.join(quiet)}", highlight=False)


def _state(state: SourceState) -> str:
    if state.quiet:
        return "QUIET"
    return "learning" if state.allowed_silence_seconds is None else "ok"


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def print_stored(session: Session, limit: int = 20) -> None:
    columns = (
        "id", "format", "agency", "headline", "published", "mentions", "events", "duplicate of",
    )  # fmt: skip
    table("Articles stored (newest first)", columns, queries.newest_articles(session, limit))
    entities = queries.most_mentioned_entities(session)
    table("Most mentioned entities", ("kind", "name", "mentions"), entities)


def table(title: str, columns: tuple[str, ...], rows: object) -> None:
    table = Table(title=title, title_justify="left")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:  # type: ignore[attr-defined]
        table.add_row(*("" if value is None else str(value) for value in row))
    console.print(table)
