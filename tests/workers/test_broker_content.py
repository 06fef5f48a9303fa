"""The broker carries JSON only: a pickled message is refused, never run."""

from __future__ import annotations

import json
import pickle
import uuid

import pytest
import redis
from kombu.exceptions import ContentDisallowed
from kombu.serialization import loads
from sqlalchemy import Engine

from pipeline.settings import get_settings
from pipeline.storage import ledger
from pipeline.storage.db import session_scope
from tests.support.database import record_file
from tests.support.waiting import wait_for
from tests.support.wireitems import wire_items
from workers.runtime.app import app, create_app, stage_queues
from workers.runtime.tasks import dedupe, extract, parse


def test_the_app_sends_and_accepts_json_only():
    assert (app.conf.task_serializer, app.conf.result_serializer) == ("json", "json")
    assert list(app.conf.accept_content) == ["json"]
    body = pickle.dumps(((1,), {}, {}))
    with pytest.raises(ContentDisallowed):
        loads(body, "application/x-python-serialize", "binary", accept=app.conf.accept_content)


def _status(engine: Engine, file_id: int) -> str:
    with session_scope(engine) as session:
        return ledger.states(session, [file_id])[0].status


def _queue_drained(broker: redis.Redis, queue: str) -> bool:
    """Nothing waiting in the queue and nothing of it delivered but unacknowledged."""
    unacked = [json.loads(entry) for entry in broker.hvals("unacked")]
    return broker.llen(queue) == 0 and all(entry[2] != queue for entry in unacked)


@pytest.mark.services
def test_a_real_worker_refuses_a_pickled_task(
    engine: Engine, clean_db: None, celery_worker: object, pipeline_env: dict[str, str]
):
    first, second = (item.content for item in wire_items(2, seed=5))
    pickled = record_file(engine, "pickled.txt", first)
    plain = record_file(engine, "plain.txt", second)
    app.send_task(parse.name, args=[pickled], serializer="pickle")
    parse.delay(plain)
    wait_for(lambda: _status(engine, plain) == "done", what="the JSON task to run")
    broker = redis.Redis.from_url(pipeline_env["WIRE_BROKER_URL"])
    wait_for(lambda: _queue_drained(broker, pipeline_env["WIRE_QUEUE"]), what="queue drained")
    assert _status(engine, pickled) == "queued"  # consumed and dropped, never run


@pytest.mark.services
def test_every_stage_travels_on_a_queue_of_its_own(pipeline_env: dict[str, str]):
    """So that extract workers can be added apart (``wire worker --queues wire.extract``), and
    dedupe messages do not wait behind every parse message of a backlog."""
    queue = f"wire-route-{uuid.uuid4().hex[:8]}"
    routed = create_app(get_settings().model_copy(update={"queue": queue}))
    broker = redis.Redis.from_url(pipeline_env["WIRE_BROKER_URL"])
    queues = [queue, f"{queue}.extract", f"{queue}.dedupe"]
    try:
        routed.send_task(parse.name, args=[1])
        routed.send_task(extract.name, args=[1, 2])
        routed.send_task(extract.name, args=[3])
        routed.send_task(dedupe.name, args=[4, 5, 6])
        assert [broker.llen(name) for name in queues] == [1, 2, 1]
        assert stage_queues(queue) == queues
    finally:
        broker.delete(*queues)


def _events_seen(listener: redis.client.PubSub) -> int:
    """Task events published since the last call (kombu sends them on ``celeryev/task.*``
    channels; ``celeryev/worker.*`` carries the heartbeats)."""
    seen = 0
    while (message := listener.get_message(timeout=0.5)) is not None:
        seen += message["type"] == "pmessage"
    return seen


@pytest.mark.services
def test_task_events_are_off_until_a_monitor_switches_them_on(
    engine: Engine, clean_db: None, celery_worker: object, pipeline_env: dict[str, str]
):
    """Off, they cost nothing per task; Flower switches them on (as here) while it runs."""
    first, second = (item.content for item in wire_items(2, seed=8))
    listener = redis.Redis.from_url(pipeline_env["WIRE_BROKER_URL"]).pubsub()
    listener.psubscribe("*celeryev/task*")
    quiet = record_file(engine, "quiet.txt", first)
    parse.delay(quiet)
    wait_for(lambda: _status(engine, quiet) == "done", what="the file without events")
    assert _events_seen(listener) == 0
    replies = app.control.broadcast("enable_events", reply=True, timeout=5)
    assert replies
    assert all("ok" in answer for reply in replies for answer in reply.values())
    try:
        watched = record_file(engine, "watched.txt", second)
        parse.delay(watched)
        wait_for(lambda: _status(engine, watched) == "done", what="the file with events")
        assert _events_seen(listener) > 0
    finally:
        app.control.broadcast("disable_events", reply=True, timeout=5)
        listener.close()
