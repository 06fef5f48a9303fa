"""The test session's own Redis database, on whatever server the tests found.

Queues, kombu bindings and unacknowledged messages of a session's workers (and of the
benchmarks and chaos runs it starts) all live in one numbered database that no other session
uses at the same time, and the database is emptied when the session ends: a test run leaves
nothing behind in Redis, and parallel runs on one server never take each other's messages.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import redis

OWNER_KEY = "wire-test:owner"
# Longer than any test session runs: the claim of a session that was killed lapses by itself.
CLAIM_SECONDS = 6 * 3600


class NoFreeDatabaseError(RuntimeError):
    pass


@contextmanager
def private_database(server_url: str) -> Iterator[str]:
    """The URL of a Redis database on ``server_url``'s server claimed for this session (never
    database 0, which people and other tools use), emptied at the end."""
    owner = uuid.uuid4().hex
    number = _claim(server_url, owner)
    url = with_database(server_url, number)
    client = redis.Redis.from_url(url)
    try:
        _remove_leftovers(client)
        yield url
    finally:
        if client.get(OWNER_KEY) == owner.encode():
            client.flushdb()
        client.close()


def _claim(server_url: str, owner: str) -> int:
    for number in range(1, _databases(server_url)):
        with redis.Redis.from_url(with_database(server_url, number)) as client:
            if client.set(OWNER_KEY, owner, nx=True, ex=CLAIM_SECONDS):
                return number
    raise NoFreeDatabaseError(f"every Redis database on {server_url} is claimed by a test run")


def _databases(server_url: str) -> int:
    with redis.Redis.from_url(server_url) as client:
        try:
            return int(client.config_get("databases")["databases"])
        except (redis.ResponseError, KeyError):  # CONFIG disabled: Redis's default
            return 16


def _remove_leftovers(client: redis.Redis) -> None:
    """What a killed earlier session left in the database it had claimed."""
    stale = [key for key in client.scan_iter(count=1000) if key != OWNER_KEY.encode()]
    for start in range(0, len(stale), 1000):
        client.delete(*stale[start : start + 1000])


def with_database(url: str, number: int) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{number}"))
