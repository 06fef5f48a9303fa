"""The test harness itself: each session's Redis database is its own and left empty."""

from __future__ import annotations

import pytest
import redis

from tests.support import broker, services

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def server() -> str:
    try:
        return services.redis_url()
    except services.ServiceUnavailableError as error:
        pytest.fail(str(error), pytrace=False)


def test_two_sessions_get_two_databases_and_each_is_emptied_at_its_end(server: str):
    with broker.private_database(server) as first, broker.private_database(server) as second:
        assert first != second
        assert not first.endswith("/0")
        with redis.Redis.from_url(first) as client:
            client.rpush("wire-test-queue", b"message")
            client.set("_kombu.binding.wire-test-queue", b"binding")
    with redis.Redis.from_url(first) as client:
        assert client.dbsize() == 0


def test_a_claim_clears_what_a_killed_session_left_but_keeps_its_own_claim(server: str):
    with broker.private_database(server) as url, redis.Redis.from_url(url) as client:
        client.set("left-by-a-killed-run", b"x")
        broker._remove_leftovers(client)
        assert client.get("left-by-a-killed-run") is None
        assert client.get(broker.OWNER_KEY) is not None


def test_the_url_names_the_database():
    assert broker.with_database("redis://127.0.0.1:6379/0", 7) == "redis://127.0.0.1:6379/7"
    assert broker.with_database("redis://h:1", 3) == "redis://h:1/3"
