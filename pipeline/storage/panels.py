"""The status page's reads (``wire serve`` and ``wire status``): every panel's SQL.

Each query is bounded by an index (see the status-page migration): a time range on
``article.created_at``, ``source_file.received_at``, ``source_file (status, updated_at)`` or
``story.updated_at``, a skip scan of ``article (agency, created_at)``, or a primary key in
descending order with a limit. None reads a whole table, so the page stays fast at millions of
articles (docs/operations.md gives the measured times).
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.orm import Session

from pipeline.cadence import Arrivals, SourceState, judge
from pipeline.settings import Settings
from pipeline.storage.db import execute
from pipeline.storage.tables import FILE_STATUSES, FINAL_STATUSES, SUPERSEDED

_FINAL = ", ".join(f"'{status}'" for status in FINAL_STATUSES)
_PENDING = ", ".join(f"'{status}'" for status in FILE_STATUSES if status not in FINAL_STATUSES)


class Count(BaseModel):
    at: datetime  # the minute
    value: int


_ARTICLES_PER_MINUTE = text("""
    SELECT date_trunc('minute', created_at) AS minute, count(*) FROM article
    WHERE created_at >= date_trunc('minute', now()) - make_interval(mins => :minutes)
    GROUP BY 1 ORDER BY 1""")


def articles_per_minute(session: Session, minutes: int) -> list[Count]:
    """Articles stored in each of the last ``minutes`` minutes (and the current one), zeros
    included."""
    counts = dict(execute(session, _ARTICLES_PER_MINUTE, {"minutes": minutes}).all())
    return [Count(at=minute, value=counts.get(minute, 0)) for minute in _minutes(session, minutes)]


_MINUTES = text("""
    SELECT generate_series(date_trunc('minute', now()) - make_interval(mins => :minutes),
        date_trunc('minute', now()), interval '1 minute')""")


def _minutes(session: Session, minutes: int) -> list[datetime]:
    return list(execute(session, _MINUTES, {"minutes": minutes}).scalars())


_PENDING_NOW = text(f"SELECT count(*) FROM source_file WHERE status IN ({_PENDING})")
_RECEIVED = text("""
    SELECT date_trunc('minute', received_at), count(*) FROM source_file
    WHERE received_at >= :start GROUP BY 1""")
_FINISHED = text(f"""
    SELECT date_trunc('minute', updated_at), count(*) FROM source_file
    WHERE status IN ({_FINAL}) AND updated_at >= :start GROUP BY 1""")


def backlog(session: Session, minutes: int) -> list[Count]:
    """Files received and not yet final at the end of each of the last ``minutes`` minutes:
    files in, less files out, minute by minute, back from the files pending now (a file's last
    change is taken as the moment it became final; one retried after it failed counts as
    final from its last change only)."""
    steps = _minutes(session, minutes)
    start = {"start": steps[0]}
    received = dict(execute(session, _RECEIVED, start).all())
    finished = dict(execute(session, _FINISHED, start).all())
    pending_now = execute(session, _PENDING_NOW).scalar_one()
    level = pending_now - sum(received.values()) + sum(finished.values())  # before the window
    series = []
    for minute in steps:
        level += received.get(minute, 0) - finished.get(minute, 0)
        series.append(Count(at=minute, value=max(level, 0)))
    return series


class FailureKind(BaseModel):
    kind: str
    files: int


class Failure(BaseModel):
    file_id: int
    name: str
    kind: str
    stage: str | None
    error: str
    at: datetime


# A failed row superseded by its file's later bytes (a mended file taken in by ``wire
# retry-failed``, a file whose writer went on) is not the file's verdict: not a failure here,
# as in ``wire status``.
_FAILURES_BY_KIND = text("""
    SELECT coalesce(error_kind, 'unknown'), count(*) FROM source_file
    WHERE status = 'failed' AND superseded_by_id IS NULL
    GROUP BY 1 ORDER BY 2 DESC, 1""")
_LATEST_FAILURES = text("""
    SELECT id, original_name, coalesce(error_kind, 'unknown'), stage,
        left(coalesce(error_message, ''), 400), updated_at
    FROM source_file WHERE status = 'failed' AND superseded_by_id IS NULL
    ORDER BY updated_at DESC, id DESC LIMIT :limit""")


def failures_by_kind(session: Session) -> list[FailureKind]:
    return [FailureKind(kind=k, files=n) for k, n in execute(session, _FAILURES_BY_KIND).all()]


def latest_failures(session: Session, limit: int) -> list[Failure]:
    rows = execute(session, _LATEST_FAILURES, {"limit": limit}).all()
    return [
        Failure(file_id=i, name=name, kind=kind, stage=stage, error=error, at=at)
        for i, name, kind, stage, error, at in rows
    ]


class LedgerFigures(BaseModel):
    files_by_status: dict[str, int]  # superseded rows under SUPERSEDED, not their own status
    failed_by_kind: dict[str, int]
    oldest_pending_seconds: float  # age of the oldest file not final (0: none)
    articles: int
    entities: int
    events: int


# Counted as ``wire status`` counts them, a row superseded by its file's later bytes apart: the
# count per status scans the (status, updated_at) index alone, the superseded rows (few) are
# counted from their partial index and taken off their status.
_FILES_BY_STATUS = text(f"""
    WITH superseded AS MATERIALIZED (
        SELECT status, count(*) AS n FROM source_file WHERE superseded_by_id IS NOT NULL
        GROUP BY status
    ), every AS (SELECT status, count(*) AS n FROM source_file GROUP BY status)
    SELECT e.status, e.n - coalesce(s.n, 0) FROM every e LEFT JOIN superseded s USING (status)
    UNION ALL
    SELECT '{SUPERSEDED}', coalesce(sum(n), 0)::bigint FROM superseded""")
# Materialized: left to itself the planner walks the received_at index from the oldest file
# looking for a pending one, through every file ever final (10 s at a million).
_OLDEST_PENDING = text(f"""
    WITH pending AS MATERIALIZED (
        SELECT received_at FROM source_file WHERE status IN ({_PENDING}))
    SELECT coalesce(extract(epoch FROM now() - min(received_at)), 0)::float FROM pending""")
_STORED = text("""
    SELECT (SELECT count(*) FROM article), (SELECT count(*) FROM entity),
        (SELECT count(*) FROM event)""")


def ledger_figures(session: Session) -> LedgerFigures:
    """What /metrics reports of the database (exact counts: each a scan of an index or table,
    measured in docs/operations.md)."""
    articles, entities, events = execute(session, _STORED).one()
    return LedgerFigures(
        files_by_status=dict(execute(session, _FILES_BY_STATUS).all()),
        failed_by_kind={f.kind: f.files for f in failures_by_kind(session)},
        oldest_pending_seconds=execute(session, _OLDEST_PENDING).scalar_one(),
        articles=articles,
        entities=entities,
        events=events,
    )


# A skip scan over article (agency, created_at): one index probe per source, not a read of
# every article; then each source's latest arrivals within the look-back before its last one.
_ARRIVALS = text("""
    WITH RECURSIVE sources(source) AS (
        (SELECT agency FROM article WHERE agency IS NOT NULL ORDER BY agency LIMIT 1)
        UNION ALL
        SELECT (SELECT a.agency FROM article a WHERE a.agency > s.source
                ORDER BY a.agency LIMIT 1)
        FROM sources s WHERE s.source IS NOT NULL
    ), latest AS (
        SELECT s.source, (SELECT max(a.created_at) FROM article a WHERE a.agency = s.source)
            AS last_seen
        FROM sources s WHERE s.source IS NOT NULL
    ), recent AS (
        SELECT l.source, r.created_at FROM latest l CROSS JOIN LATERAL (
            SELECT a.created_at FROM article a
            WHERE a.agency = l.source
                AND a.created_at >= l.last_seen - make_interval(secs => :lookback)
            ORDER BY a.created_at DESC LIMIT :sample) r
    ), gaps AS (
        SELECT source, extract(epoch FROM created_at
            - lag(created_at) OVER (PARTITION BY source ORDER BY created_at))::float AS gap
        FROM recent
    ), cadence AS (
        SELECT source, count(gap) AS gaps,
            percentile_cont(:percentile) WITHIN GROUP (ORDER BY gap) AS cadence
        FROM gaps WHERE gap IS NOT NULL GROUP BY source
    )
    SELECT l.source, l.last_seen, extract(epoch FROM now() - l.last_seen)::float,
        coalesce(c.gaps, 0), c.cadence
    FROM latest l LEFT JOIN cadence c USING (source) ORDER BY l.source""")
CADENCE_SAMPLE = 500  # latest arrivals per source the cadence is learned from, at most


def source_arrivals(session: Session, lookback_seconds: float, percentile: float) -> list[Arrivals]:
    """Each source (agency) with its latest arrival and the ``percentile`` of the gaps between
    its latest arrivals (at most CADENCE_SAMPLE, within ``lookback_seconds`` before its last)."""
    parameters = {"lookback": lookback_seconds, "sample": CADENCE_SAMPLE, "percentile": percentile}
    return [
        Arrivals(source=s, last_seen=seen, silent_seconds=silent, gaps=n, cadence_seconds=c)
        for s, seen, silent, n, c in execute(session, _ARRIVALS, parameters).all()
    ]


def sources(session: Session, settings: Settings) -> list[SourceState]:
    """Every source with its last arrival, the silence it is allowed, and whether it is over."""
    lookback = settings.quiet_lookback_days * 86_400
    arrivals = source_arrivals(session, lookback, settings.quiet_percentile)
    return [judge(found, settings) for found in arrivals]


class Named(BaseModel):
    kind: str
    name: str
    mentions: int


class Reported(BaseModel):
    code: str
    label: str
    trigger: str
    actor: str | None
    target: str | None


class LatestArticle(BaseModel):
    id: int
    agency: str | None
    headline: str
    published_at: datetime | None
    stored_at: datetime
    story_id: int | None
    duplicate_of_id: int | None
    entities: list[Named]
    events: list[Reported]


_LATEST_ARTICLES = text("""
    SELECT id, agency, left(headline, 200), published_at, created_at, story_id, duplicate_of_id
    FROM article ORDER BY id DESC LIMIT :limit""")
_ENTITIES_OF = text("""
    SELECT m.article_id, e.kind, e.name, count(*) FROM mention m JOIN entity e ON e.id = m.entity_id
    WHERE m.article_id = ANY(:ids) GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 3""")
_EVENTS_OF = text("""
    SELECT em.article_id, ev.code, ev.label, em.trigger, em.actor_text, em.target_text
    FROM event_mention em JOIN event ev ON ev.id = em.event_id
    WHERE em.article_id = ANY(:ids) ORDER BY em.article_id, em.start_char""")


def latest_articles(session: Session, limit: int) -> list[LatestArticle]:
    rows = execute(session, _LATEST_ARTICLES, {"limit": limit}).all()
    ids = {"ids": [row[0] for row in rows]}
    entities: dict[int, list[Named]] = {}
    for article_id, kind, name, n in execute(session, _ENTITIES_OF, ids).all():
        entities.setdefault(article_id, []).append(Named(kind=kind, name=name, mentions=n))
    events: dict[int, list[Reported]] = {}
    for article_id, code, label, trigger, actor, target in execute(session, _EVENTS_OF, ids):
        reported = Reported(code=code, label=label, trigger=trigger, actor=actor, target=target)
        events.setdefault(article_id, []).append(reported)
    return [
        LatestArticle(
            id=i, agency=agency, headline=headline, published_at=published, stored_at=stored,
            story_id=story, duplicate_of_id=duplicate,
            entities=entities.get(i, []), events=events.get(i, []),
        )
        for i, agency, headline, published, stored, story, duplicate in rows
    ]  # fmt: skip


class StoryOfTheDay(BaseModel):
    id: int
    headline: str
    articles: int
    agencies: int
    first_seen_at: datetime | None
    last_seen_at: datetime | None


_STORIES_OF_THE_DAY = text("""
    SELECT id, left(representative_headline, 200), article_count, agency_count, first_seen_at,
        last_seen_at
    FROM story WHERE updated_at >= now() - interval '24 hours'
    ORDER BY article_count DESC, agency_count DESC, id DESC LIMIT :limit""")


def stories_of_the_day(session: Session, limit: int) -> list[StoryOfTheDay]:
    """The largest stories that an article joined in the last 24 hours (by when it was stored:
    a story's ``updated_at`` moves with every article that joins it), by articles then
    agencies."""
    rows = execute(session, _STORIES_OF_THE_DAY, {"limit": limit}).all()
    return [
        StoryOfTheDay(id=i, headline=h, articles=n, agencies=a, first_seen_at=f, last_seen_at=s)
        for i, h, n, a, f, s in rows
    ]


def ping(session: Session) -> None:
    """The database answers (the status page's health check)."""
    session.execute(text("SELECT 1"))
