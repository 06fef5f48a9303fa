"""The ``wire`` command line."""

from __future__ import annotations

import json
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import structlog
import typer
from rich.progress import Progress

from pipeline.errors import PermanentError
from pipeline.extract import extract_articles
from pipeline.formats import ParseOptions, parse_bytes
from pipeline.schemas import Article, Extraction
from pipeline.settings import Settings, get_settings
from pipeline.storage import articles, connect, items, ledger
from pipeline.storage.db import session_scope
from pipeline.storage.embedded import psql_path
from workers.cli import reports
from workers.cli.measure import bench_app, eval_app
from workers.cli.support import migrated_url, require_broker, setup
from workers.runtime import metrics
from workers.runtime import resources as runtime

if TYPE_CHECKING:  # the watcher (and Celery) load only for the commands that need them
    from workers.inbox.watcher import Watcher

app = typer.Typer(help="wire-ingest: wire files in, clean Postgres rows out.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema (Alembic migrations).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(bench_app, name="bench")
app.add_typer(eval_app, name="eval")

log = structlog.get_logger()

Files = Annotated[list[Path], typer.Argument(help="Wire files.", exists=True, dir_okay=False)]


@app.command()
def parse(files: Files) -> None:
    """Print each file's articles as JSON, one per line. No database or broker needed."""
    _for_each_file(files, lambda articles: [_article_json(a) for a in articles])


@app.command()
def extract(files: Files) -> None:
    """Print each file's articles with entities and events as JSON, one per line."""
    nlp = runtime.nlp()

    def render(articles: list[Article]) -> list[dict[str, object]]:
        found = extract_articles(articles, nlp)
        return [_extracted_json(a, e) for a, e in zip(articles, found, strict=True)]

    _for_each_file(files, render)


def _for_each_file(files: list[Path], render: object) -> None:
    options = ParseOptions.from_settings(get_settings())
    failed = 0
    for path in files:
        try:
            articles = parse_bytes(path.read_bytes(), str(path), options)
        except PermanentError as error:
            typer.echo(f"error: {error.describe()}", err=True)
            failed += 1
            continue
        for line in render(articles):  # type: ignore[operator]
            typer.echo(json.dumps(line, ensure_ascii=False))
    if failed:
        raise typer.Exit(code=1)


def _article_json(article: Article) -> dict[str, object]:
    return article.model_dump(mode="json")


def _extracted_json(article: Article, extraction: Extraction) -> dict[str, object]:
    entities = {entity.key: entity for entity in extraction.entities}
    data = _article_json(article)
    data["extractor_version"] = extraction.extractor_version
    data["unread"] = extraction.unread
    data["entities"] = [
        {
            "kind": entities[m.entity_key].kind.value,
            "name": entities[m.entity_key].name,
            "key": m.entity_key,
            "text": m.text,
            "start": m.start,
            "end": m.end,
            "sentence": m.sentence_index,
            "role": m.role,
            "category": entities[m.entity_key].category,
            "method": m.method,
        }
        for m in extraction.mentions
    ]
    data["events"] = [_event_json(event) for event in extraction.events]
    data["actions"] = [action.model_dump(mode="json") for action in extraction.actions]
    return data


def _event_json(event: object) -> dict[str, object]:
    record = event.model_dump(mode="json")  # type: ignore[attr-defined]
    record["actor"] = record.pop("actor_text")
    record["target"] = record.pop("target_text")
    return record  # type: ignore[no-any-return]


@app.command()
def run(
    exit_when_idle: Annotated[
        bool, typer.Option(help="Stop once the inbox is empty and every file is final.")
    ] = False,
    concurrency: Annotated[int, typer.Option(help="Worker threads (real broker only).")] = 1,
) -> None:
    """Watcher and worker in one process: the embedded default needs nothing configured."""
    from workers.runtime.app import app as celery
    from workers.runtime.inprocess import inprocess_worker

    settings = setup()
    migrated_url(settings)
    metrics.serve(settings)
    runtime.warm_up()  # before the first file, as a worker process does
    stop = threading.Event()
    watcher = _watcher(settings)
    threads = concurrency if settings.broker_url else 1
    _stop_on_signals(stop)
    with inprocess_worker(celery, threads):
        if exit_when_idle:
            threading.Thread(target=_stop_when_idle, args=(watcher, stop), daemon=True).start()
        watcher.run(stop)
    log.info("run.stopped")
    with session_scope(runtime.engine()) as session:
        reports.print_status(session, settings.stuck_after_seconds)
        reports.print_stored(session)


def _watcher(settings: Settings) -> Watcher:
    from workers.inbox.watcher import Watcher
    from workers.runtime.app import stage_queues, waiting_messages
    from workers.runtime.tasks import parse as parse_task

    return Watcher(
        settings,
        runtime.engine(),
        lambda file_ids: parse_task.delay(*file_ids),
        lambda: waiting_messages(stage_queues(settings.queue)),
    )


def _stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM (docker stop, systemd) and SIGINT (Ctrl-C) end the watch loop at its next tick,
    so files in flight are settled and the stop is logged, instead of dying mid-transaction."""

    def stopping(number: int, frame: object) -> None:
        log.info("run.stopping", signal=signal.Signals(number).name)
        stop.set()

    signal.signal(signal.SIGTERM, stopping)
    signal.signal(signal.SIGINT, stopping)


def _stop_when_idle(watcher: object, stop: threading.Event) -> None:
    from workers.inbox.files import candidates

    settings = get_settings()
    quiet_since: float | None = None
    while not stop.is_set():
        time.sleep(0.5)
        idle = not candidates(settings.inbox) and not watcher.inflight  # type: ignore[attr-defined]
        quiet_since = (quiet_since or time.monotonic()) if idle else None
        if quiet_since and time.monotonic() - quiet_since > settings.stable_seconds + 1:
            stop.set()


@app.command()
def watch() -> None:
    """Watch the inbox and queue files for separate workers (needs WIRE_BROKER_URL)."""
    settings = setup()
    require_broker(settings)
    stop = threading.Event()
    watcher = _watcher(settings)
    metrics.serve(settings, lambda: len(watcher.inflight))
    _stop_on_signals(stop)
    watcher.run(stop)


@app.command()
def worker(
    concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 2,
    queues: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated queues (default: WIRE_QUEUE, WIRE_QUEUE.extract and"
            " WIRE_QUEUE.dedupe)."
        ),
    ] = None,
) -> None:
    """A Celery worker (prefork) for the shared broker (needs WIRE_BROKER_URL)."""
    from workers.runtime.app import app as celery
    from workers.runtime.app import stage_queues

    settings = setup()
    require_broker(settings)
    celery.worker_main(
        [
            "worker",
            f"--concurrency={concurrency}",
            f"--queues={queues or ','.join(stage_queues(settings.queue))}",
            "--loglevel=INFO",
        ]
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders.", exists=True)],
    wait: Annotated[bool, typer.Option(help="Block until every file is final.")] = False,
) -> None:
    """Queue files now (folders recursively); files stay where they are."""
    from workers.inbox.files import files_under
    from workers.runtime.tasks import parse as parse_task

    settings = setup()
    migrated_url(settings)
    queued, refused = _record_paths(files_under(paths))
    # Refused files are final already: waited for (and counted) with the rest, never sent.
    _dispatch(queued + refused, partial(_send_all, queued, parse_task), settings, wait)


def _dispatch(
    file_ids: list[int], send: Callable[[], None], settings: Settings, wait: bool
) -> None:
    """Send the files' messages; without a broker this process runs the work itself and
    always waits."""
    from workers.runtime.app import app as celery
    from workers.runtime.inprocess import inprocess_worker

    if not settings.broker_url:  # in-memory transport: only this process can consume it
        with inprocess_worker(celery):
            send()
            _wait(file_ids)
        return
    send()
    if wait:
        _wait(file_ids)


def _record_paths(paths: list[Path]) -> tuple[list[int], list[int]]:
    """Ledger ids of new content, and of the files refused unread (failed at once); copies of
    known content are reported, not re-queued."""
    from workers.inbox.files import Refusal, read_entry, signature

    queued: list[int] = []
    refused: list[int] = []
    for path in paths:
        content = read_entry(path, get_settings().max_file_bytes)
        if isinstance(content, Refusal):  # a ledger row as the watcher makes; the file stays
            with session_scope(runtime.engine()) as session:
                size = (signature(path) or (0, 0))[0]
                file_id = ledger.record_refusal(
                    session, path.name, size, content.kind, content.message
                )
            typer.echo(
                f"{path}: {content.message} (kind {content.kind}; failed as file {file_id})",
                err=True,
            )
            refused.append(file_id)
            continue
        with session_scope(runtime.engine()) as session:
            recorded = ledger.record_file(session, path.name, content)
        if recorded.is_new:
            queued.append(recorded.file_id)
        else:
            typer.echo(f"{path}: already in the ledger as file {recorded.file_id} (duplicate)")
    return queued, refused


def _send_all(file_ids: list[int], task: object) -> None:
    from workers.runtime.batching import messages

    for message in messages(file_ids, get_settings().batch_files):
        task.delay(*message)  # type: ignore[attr-defined]


def _send_parts(parts: list[items.Part], task: object) -> None:
    from workers.runtime.batching import part_messages, priority

    for message in part_messages(parts, get_settings().batch_files):
        args = [list(part) for part in message]
        task.apply_async(args, priority=priority(message))  # type: ignore[attr-defined]


def _wait(file_ids: list[int]) -> None:
    """Until every file is final; meanwhile files of these whose message is gone are sent
    again (see :mod:`workers.runtime.resend`), so that the wait ends with or without other
    sweepers."""
    from workers.runtime.app import stage_queues, waiting_messages
    from workers.runtime.resend import Resender
    from workers.runtime.tasks import parse

    settings = get_settings()
    resender = Resender(
        runtime.engine(),
        lambda ids: parse.delay(*ids),  # a parse committed before sends on the open items
        lambda: waiting_messages(stage_queues(settings.queue)),
        settings.stuck_after_seconds,
        settings.batch_files,
    )
    pending, swept = set(file_ids), time.monotonic()
    with Progress(transient=False) as progress:
        bar = progress.add_task("ingesting", total=len(file_ids))
        while pending:
            time.sleep(0.2)
            with session_scope(runtime.engine()) as session:
                final = {s.file_id for s in ledger.states(session, list(pending)) if s.is_final}
            pending -= final
            progress.update(bar, completed=len(file_ids) - len(pending))
            if pending and time.monotonic() - swept >= settings.sweep_interval_seconds:
                resender.sweep(among=sorted(pending))
                swept = time.monotonic()
    with session_scope(runtime.engine()) as session:
        states = ledger.states(session, file_ids)
    failed = [s for s in states if s.status == "failed"]
    for state in failed:
        typer.echo(f"failed: file {state.file_id}: {state.error_message}", err=True)
    counted = Counter(state.status for state in states)
    typer.echo(
        f"{len(file_ids)} file(s): {counted['done']} done, {counted['duplicate']} duplicate, "
        f"{counted['failed']} failed"
    )


@app.command()
def status() -> None:
    """Files per status, queue lag, failures by kind, recent failures, quiet sources."""
    settings = setup()
    migrated_url(settings)
    with session_scope(runtime.engine()) as session:
        reports.print_status(session, settings.stuck_after_seconds)
        reports.print_sources(session, settings)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """The read-only status page (plots, sources, failures, articles, stories), its JSON
    panels under /api/ and Prometheus /metrics, read through the wire_reader role."""
    import uvicorn

    from pipeline.storage.db import get_reader_engine
    from workers.runtime.app import stage_queues
    from workers.web.app import create_app

    settings = setup()
    engine = get_reader_engine(connect.database_url(settings))
    web = create_app(settings, engine, stage_queues(settings.queue))
    typer.echo(f"status page: http://{host}:{port}/")
    uvicorn.run(web, host=host, port=port, log_config=None, server_header=False)


@app.command("retry-failed")
def retry_failed(
    kind: Annotated[str | None, typer.Option(help="Only failures of this kind.")] = None,
) -> None:
    """Replay quarantined files through the pipeline (after a fix), read as they are now."""
    from workers.inbox.replay import replay_failed
    from workers.runtime.tasks import parse as parse_task

    settings = setup()
    migrated_url(settings)
    replay = replay_failed(runtime.engine(), settings, kind)
    for note in replay.notes:
        typer.echo(note)
    typer.echo(
        f"re-queued {len(replay.queued)} file(s); {replay.back} quarantined copies back in flight"
    )
    _dispatch(replay.queued, partial(_send_all, replay.queued, parse_task), settings, wait=False)


@app.command()
def reprocess(
    stage: Annotated[str, typer.Option(help="Stage to recompute (extract).")] = "extract",
    every: Annotated[
        bool, typer.Option("--all", help="Every article, not only older extractor versions.")
    ] = False,
) -> None:
    """Recompute extraction (then dedupe) of stored articles in place, without re-ingesting."""
    from pipeline.extract import EXTRACTOR_VERSION
    from workers.runtime.tasks import extract as extract_task

    if stage != "extract":
        typer.echo(f"error: only the extract stage can be recomputed, not {stage!r}", err=True)
        raise typer.Exit(code=2)
    settings = setup()
    migrated_url(settings)
    with session_scope(runtime.engine()) as session:
        file_ids = articles.files_extracted_before(session, None if every else EXTRACTOR_VERSION)
        ledger.requeue(session, file_ids)
        items.reopen(session, file_ids)
        parts = items.open_parts(session, file_ids, settings.batch_files)
    typer.echo(f"re-extracting {len(file_ids)} file(s) with {EXTRACTOR_VERSION}")
    _dispatch(file_ids, partial(_send_parts, parts, extract_task), settings, wait=True)


@db_app.command("upgrade")
def db_upgrade(revision: Annotated[str, typer.Argument()] = "head") -> None:
    """Apply migrations up to REVISION."""
    settings = setup()
    connect.upgrade(connect.database_url(settings), revision)


@db_app.command("shell")
def db_shell(
    command: Annotated[
        str | None, typer.Option("--command", "-c", help="SQL to run instead of a session.")
    ] = None,
) -> None:
    """psql on the pipeline's database (the embedded one is started for it and stops after)."""
    settings = setup()
    address = connect.libpq_address(migrated_url(settings))
    psql = psql_path()
    if psql is None:
        typer.echo(f"error: no psql client found; connect to {address}", err=True)
        raise typer.Exit(code=2)
    extra = ["--command", command] if command else []
    raise typer.Exit(code=subprocess.run([str(psql), address, *extra], check=False).returncode)


@db_app.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree."""
    settings = setup()
    connect.check(migrated_url(settings))


if __name__ == "__main__":
    app()
