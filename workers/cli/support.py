"""What every ``wire`` command needs: settings with logging, a migrated database, a broker."""

from __future__ import annotations

import typer

from pipeline.settings import Settings, get_settings
from pipeline.storage import connect
from workers.runtime.logs import configure_logging


def setup() -> Settings:
    settings = get_settings()
    configure_logging(settings)
    return settings


def migrated_url(settings: Settings) -> str:
    url = connect.database_url(settings)
    connect.upgrade(url)
    return url


def require_broker(settings: Settings) -> None:
    if not settings.broker_url:
        typer.echo(
            "error: WIRE_BROKER_URL is not set; separate watcher and worker processes need a "
            "shared broker (e.g. redis://127.0.0.1:6379/0). Use `wire run` for one process.",
            err=True,
        )
        raise typer.Exit(code=2)
