"""No file lost, no effect doubled: a small chaos run (scripts/chaos.py runs the big one).

Two worker processes and the watcher are SIGKILLed and restarted, the run's own Redis is flushed
and its own Postgres restarted while files arrive, some of them written slowly (held open across
pauses longer than the settle time) or closed and reopened between two parts, one of them a
collection of many items; afterwards every file and every item is stored whole exactly once,
final and accounted for.
"""

from __future__ import annotations

import pytest

from tests.support.chaos import Plan, run
from tests.support.disposable import ChaosSetupError

pytestmark = [pytest.mark.services, pytest.mark.slow]


def test_files_and_a_collections_items_survive_kills_a_broker_flush_and_a_database_restart():
    """Among the files, a collection of 240 items dropped midway: its items are worked in parts
    by both workers while they are killed (and the broker flushed: the sweeper sends the file
    again, and only its items still open are worked again)."""
    plan = Plan(files=120, seconds=30, kills=6, drain_timeout=600, collection_items=240)
    try:
        figures = run(plan)
    except ChaosSetupError as error:
        pytest.fail(str(error), pytrace=False)
    assert figures.problems == []
    disruptions = (figures.kills, figures.watcher_kills, figures.redis_flushes)
    assert (*disruptions, figures.postgres_restarts) == (6, 1, 1, 1)
    assert (figures.slow_writes, figures.reopen_writes) == (10, 10)
    assert figures.lost == 0
    assert figures.duplicated == 0  # every file's and every item's effects happened once
    assert figures.truncated == 0
    assert sum(figures.statuses.values()) == figures.distinct
    assert figures.failures == {}  # every generated file is a good story
    assert figures.statuses["duplicate"] > 0  # re-sends with other whitespace were recognised
