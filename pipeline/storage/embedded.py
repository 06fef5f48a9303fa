"""The embedded default: a real Postgres from the pgserver package, data in a local folder."""

from __future__ import annotations

import importlib.util
import shutil
import warnings
from pathlib import Path
from typing import Any

_servers: dict[Path, Any] = {}


def embedded_database_url(data_dir: Path, database: str = "postgres") -> str:
    """Start (or reuse) the embedded server under ``data_dir`` and return its SQLAlchemy URL."""
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore", UserWarning)
        from pgserver.postgres_server import get_server  # only the embedded default needs it

    pgdata = (data_dir / "pgdata").resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    server = _servers.get(pgdata)
    if server is None:
        server = _servers[pgdata] = get_server(pgdata, cleanup_mode="stop")
    uri: str = server.get_uri(database)
    return uri.replace("postgresql://", "postgresql+psycopg://", 1)


def psql_path() -> Path | None:
    """A psql client: the one the embedded server's package ships (the same version as the
    server), else one on ``PATH``."""
    spec = importlib.util.find_spec("pgserver")
    if spec is not None and spec.origin is not None:
        bundled = Path(spec.origin).parent / "pginstall" / "bin" / "psql"
        if bundled.is_file():
            return bundled
    found = shutil.which("psql")
    return Path(found) if found else None
