"""Which database to use: the configured URL, or the embedded Postgres when none is set."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from sqlalchemy import make_url

from alembic import command
from pipeline.settings import Settings, get_settings
from pipeline.storage.embedded import embedded_database_url

ALEMBIC_INI = Path(__file__).resolve().parents[2] / "alembic.ini"


def database_url(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    return settings.database_url or embedded_database_url(settings.data_dir)


def libpq_address(url: str) -> str:
    """The SQLAlchemy URL as libpq clients (psql) take it."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def alembic_config(url: str) -> Config:
    config = Config(str(ALEMBIC_INI))
    config.attributes["url"] = url
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(url), revision)


def check(url: str) -> None:
    """Raises when the models and the migrations disagree."""
    command.check(alembic_config(url))
