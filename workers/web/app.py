"""The status page's web app (Starlette): server-rendered HTML with inline SVG plots, one JSON
endpoint per panel under /api/, /metrics for Prometheus and /healthz for the container.

Every read goes through the read-only role (pipeline.storage.db.get_reader_engine). Requests
with parameters an endpoint does not take, or values out of range, get a 400 with a message;
a database that cannot be reached gets a 503; anything else a bare 500 (the traceback goes to
the log, never to the client).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import structlog
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, ProcessCollector
from prometheus_client import generate_latest as render_metrics
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from pipeline.settings import Settings
from pipeline.storage import panels
from pipeline.storage.db import session_scope
from workers.web import params, plots
from workers.web.collectors import LedgerCollector, QueueCollector
from workers.web.views import PANELS, Panel

log = structlog.get_logger()
_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True),
)


def _duration(seconds: float | None) -> str:
    """12 s, 14 min, 3.5 h, 2.1 d; a dash where not known."""
    if seconds is None:
        return "–"
    for unit, size, digits in (("d", 86_400, 1), ("h", 3_600, 1), ("min", 60, 0)):
        if seconds >= 2 * size:
            return f"{seconds / size:.{digits}f} {unit}"
    return f"{seconds:.0f} s"


_TEMPLATES.filters["duration"] = _duration
# No script, frame, form or remote resource of any kind: the page is HTML, inline SVG and an
# inline style sheet.
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
    " form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def create_app(settings: Settings, engine: Engine, queues: list[str]) -> Starlette:
    registry = CollectorRegistry()
    ProcessCollector(registry=registry)
    registry.register(LedgerCollector(engine, settings))
    registry.register(QueueCollector(settings, queues))

    def read(panel: Panel, values: dict[str, int]) -> dict[str, Any]:
        with session_scope(engine) as session:
            return panel.read(session, settings, values)

    def api(request: Request) -> Response:
        panel = PANELS.get(request.path_params["panel"])
        if panel is None:
            return JSONResponse({"error": "no such panel", "panels": sorted(PANELS)}, 404)
        return JSONResponse(read(panel, params.parse(request.query_params, panel.params)))

    def page(request: Request) -> Response:
        values = params.parse(request.query_params, ("hours", "limit"))
        shown = {name: read(panel, values) for name, panel in PANELS.items()}
        html = _TEMPLATES.get_template("status.html").render(
            **shown,
            hours=values["hours"],
            cadence_percentile=settings.quiet_percentile * 100,
            now=datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            throughput_plot=_plot(shown["throughput"], "Articles per minute", "articles"),
            backlog_plot=_plot(shown["backlog"], "Backlog", "files"),
            panels=sorted(PANELS),
        )
        return HTMLResponse(html, headers=_HEADERS)

    def metrics(request: Request) -> Response:
        params.parse(request.query_params, ())
        return Response(render_metrics(registry), media_type=CONTENT_TYPE_LATEST)

    def health(request: Request) -> Response:
        with session_scope(engine) as session:
            panels.ping(session)
        return PlainTextResponse("ok")

    routes = [
        Route("/", page),
        Route("/api/{panel}", api),
        Route("/metrics", metrics),
        Route("/healthz", health),
    ]
    handlers: dict[Any, Any] = {
        params.BadQueryError: _bad_query,
        SQLAlchemyError: _unavailable,
        Exception: _internal,
    }
    return Starlette(routes=routes, exception_handlers=handlers)


def _plot(series: dict[str, Any], title: str, unit: str) -> Markup:
    minutes = series["minutes"]
    values = [point["value"] for point in minutes]
    span = (minutes[0]["at"], minutes[-1]["at"]) if minutes else ("", "")
    return Markup(plots.time_series(values, span, title, unit))  # escaped as it is built


def _bad_query(request: Request, error: Exception) -> Response:
    return _error(request, 400, str(error))


def _unavailable(request: Request, error: Exception) -> Response:
    log.warning("serve.database_error", path=request.url.path, error=str(error)[:300])
    return _error(request, 503, "the database cannot be read just now; try again shortly")


def _internal(request: Request, error: Exception) -> Response:
    log.error("serve.failed", path=request.url.path, exc_info=error)
    return _error(request, 500, "internal error; the server's log has the details")


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": message}, status)
    return PlainTextResponse(f"{status}: {message}\n", status, headers=_HEADERS)
