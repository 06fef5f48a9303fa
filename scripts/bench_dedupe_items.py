"""CPU per item of the dedupe stage, in the worker and in Postgres, on items already extracted.

    python scripts/bench_dedupe_items.py [--server URL] prepare DIR
    python scripts/bench_dedupe_items.py run TEMPLATE_URL [--rounds N] [--profile FILE] [--keep]
    python scripts/bench_dedupe_items.py drop TEMPLATE_URL

``--server URL`` names a database of the server to connect to for creating and dropping
databases (default: the local test server).

``prepare`` records the files of DIR (say, a collection from ``wire bench generate``) in a new
database on the server, parses and extracts them with the stages' own code, and prints the
database's URL: the template every run starts from. ``run`` copies the template into a fresh
database (``CREATE DATABASE ... TEMPLATE``, so every round starts from the same extracted,
never-deduped state), then dedupes every item as a worker does, one message of
``WIRE_BATCH_FILES`` items after another on one connection, and prints per item: the
process's CPU, the CPU of the Postgres backend serving it, and the wall time, with a digest
of everything dedupe decided. Run it from two checkouts on one template, alternating, to
compare them on the same data (equal digests: the same decisions). ``--profile`` writes a
cProfile of the last round, timed in CPU; ``--keep`` keeps the last round's database.
Prints figures only: nothing is asserted.
"""

from __future__ import annotations

import argparse
import cProfile
import sys
import time
from pathlib import Path
from typing import Any, cast

import psutil
import psycopg
from sqlalchemy import Connection

# Run as a file from a checkout: import this tree's pipeline, not an installed copy.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline.settings import get_settings
from pipeline.storage import connect, ledger, reports
from pipeline.storage.db import get_engine, session_scope
from pipeline.storage.items import Part
from pipeline.storage.scratch import create_database, drop_database
from workers.runtime import resources as runtime
from workers.runtime.batching import part_messages
from workers.stages import run as stages

LOCAL_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", default=LOCAL_SERVER, help="SQLAlchemy URL of the server")
    commands = parser.add_subparsers(dest="command", required=True)
    prepare_parser = commands.add_parser("prepare", help="a template database of extracted items")
    prepare_parser.add_argument("directory", type=Path)
    run_parser = commands.add_parser("run", help="dedupe every item of a copy of the template")
    run_parser.add_argument("template")
    run_parser.add_argument("--rounds", type=int, default=1)
    run_parser.add_argument("--profile", type=Path, help="cProfile output of the last round")
    run_parser.add_argument("--keep", action="store_true", help="keep the last round's database")
    drop_parser = commands.add_parser("drop", help="drop the template database")
    drop_parser.add_argument("template")
    args = parser.parse_args()
    if args.command == "prepare":
        print(prepare(args.directory, args.server))
    elif args.command == "run":
        for round_ in range(args.rounds):
            last = round_ == args.rounds - 1
            profile = args.profile if last else None
            print(run(args.server, args.template, profile, args.keep and last), flush=True)
    else:
        drop_database(args.server, args.template)
    return 0


def prepare(directory: Path, server: str) -> str:
    """A database holding the directory's files parsed and extracted, not deduped."""
    url = create_database(server, "wire_dedupe_bench")
    connect.upgrade(url)
    engine = get_engine(url)
    model = runtime.nlp()
    for path in sorted(directory.iterdir()):
        with session_scope(engine) as session:
            file_id = ledger.record_file(session, path.name, path.read_bytes()).file_id
        with session_scope(engine) as session:
            parts = stages.parse_files(session, [file_id], runtime.parse_options())
        for part in parts:
            with session_scope(engine) as session:
                stages.extract_items(session, [part], model)
    engine.dispose()
    return url


def run(server: str, template: str, profile: Path | None, keep: bool = False) -> str:
    """Dedupe every item of a fresh copy of the template; one line of figures per item."""
    runtime.warm_up()  # the model and the gazetteer loaded, the heap settled, as in a worker
    url = create_database(server, "wire_dedupe_run", template_url=template)
    engine = get_engine(url)
    try:
        with engine.connect() as connection:
            driver = cast(psycopg.Connection[Any], connection.connection.driver_connection)
            backend = psutil.Process(driver.info.backend_pid)
            messages = _messages(connection)
            items = sum(part.stop - part.start for message in messages for part in message)
            # Timed in CPU, not wall: waiting for the server is in the figures beside it.
            profiler = cProfile.Profile(time.process_time) if profile else None
            backend_before = sum(backend.cpu_times()[:2])
            started, cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            for message in messages:
                _dedupe(connection, message)
            if profiler:
                profiler.disable()
                profiler.dump_stats(profile)
            wall, cpu = time.perf_counter() - started, time.process_time() - cpu
            backend_cpu = sum(backend.cpu_times()[:2]) - backend_before
            summary = _summary(connection)
    finally:
        engine.dispose()
        if not keep:
            drop_database(server, url)
    per_item = ", ".join(
        f"{name} {seconds / items * 1e3:.2f} ms"
        for name, seconds in (("worker CPU", cpu), ("Postgres CPU", backend_cpu), ("wall", wall))
    )
    kept = f"; kept {url}" if keep else ""
    return f"{items} items, per item: {per_item} ({summary}){kept}"


def _messages(connection: Connection) -> list[list[Part]]:
    """The items open for dedupe, in the messages extract would send them in."""
    with session_scope(connection) as session:
        found = reports.extracted_items(session)
    parts = [Part(file_id, index, index + 1) for file_id, index in found]
    return part_messages(parts, get_settings().batch_files)


def _dedupe(connection: Connection, message: list[Part]) -> None:
    """A dedupe message as a worker takes it: each item in a transaction of its own."""
    for part in message:
        for item in part.items():
            with session_scope(connection) as session:
                stages.dedupe_item(session, item)


def _summary(connection: Connection) -> str:
    with session_scope(connection) as session:
        copies, stories, decisions, digest = reports.dedupe_outcome(session)
    return f"{copies} copies, {stories} stories, {decisions} decisions, outcome {digest[:12]}"


if __name__ == "__main__":
    raise SystemExit(main())
