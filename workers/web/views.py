"""The panels of the status page, each one query set and one JSON shape: the page shows them
all, /api/<panel> returns one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from pipeline.settings import Settings
from pipeline.storage import panels

Values = dict[str, int]


@dataclass(frozen=True)
class Panel:
    params: tuple[str, ...]
    read: Callable[[Session, Settings, Values], dict[str, Any]]


def _series(series: list[panels.Count], hours: int) -> dict[str, Any]:
    return {
        "hours": hours,
        "minutes": [point.model_dump(mode="json") for point in series],
        "total": sum(point.value for point in series),
        "latest": series[-1].value if series else 0,
    }


def throughput(session: Session, _: Settings, values: Values) -> dict[str, Any]:
    """Articles stored per minute."""
    return _series(panels.articles_per_minute(session, values["hours"] * 60), values["hours"])


def backlog(session: Session, _: Settings, values: Values) -> dict[str, Any]:
    """Files received and not yet final, minute by minute."""
    series = _series(panels.backlog(session, values["hours"] * 60), values["hours"])
    series.pop("total")  # a level, not a count of events: its sum means nothing
    return series


def failures(session: Session, _: Settings, values: Values) -> dict[str, Any]:
    return {
        "by_kind": [row.model_dump(mode="json") for row in panels.failures_by_kind(session)],
        "latest": [
            row.model_dump(mode="json") for row in panels.latest_failures(session, values["limit"])
        ],
    }


def sources(session: Session, settings: Settings, _: Values) -> dict[str, Any]:
    states = panels.sources(session, settings)
    return {
        "sources": [state.model_dump(mode="json") for state in states],
        "quiet": [state.source for state in states if state.quiet],
    }


def articles(session: Session, _: Settings, values: Values) -> dict[str, Any]:
    latest = panels.latest_articles(session, values["limit"])
    return {"articles": [article.model_dump(mode="json") for article in latest]}


def stories(session: Session, _: Settings, values: Values) -> dict[str, Any]:
    largest = panels.stories_of_the_day(session, values["limit"])
    return {"stories": [story.model_dump(mode="json") for story in largest]}


PANELS: dict[str, Panel] = {
    "throughput": Panel(("hours",), throughput),
    "backlog": Panel(("hours",), backlog),
    "failures": Panel(("limit",), failures),
    "sources": Panel((), sources),
    "articles": Panel(("limit",), articles),
    "stories": Panel(("limit",), stories),
}
