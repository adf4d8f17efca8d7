"""
core/cache.py: Django's Redis cache backend with one redis-py client per connection pool.

Runs against the Redis server on 127.0.0.1:6379 (database 15), as production settings use it;
skipped where none answers.
"""

import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache

from core import cache_versions
from core.cache import RedisCache

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_answers(), reason="No Redis server on 127.0.0.1:6379.")


@pytest.fixture
def cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": {"socket_timeout": 2}})
    yield backend
    backend._cache.get_client(write=True).flushdb()
    backend.close()


def test_reads_and_writes_as_djangos_backend_does(cache):
    django_cache = DjangoRedisCache(REDIS_URL, {"KEY_PREFIX": cache.key_prefix})

    cache.set("page", {"content": b"<html>", "stamp": (1, 2)}, 60)
    cache.set_many({"a": 1, "b": 2})
    cache.incr("b")

    assert django_cache.get("page") == {"content": b"<html>", "stamp": (1, 2)}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 3}
    assert cache.delete("a") and cache.get("a") is None


def test_one_client_serves_every_call(cache):
    cache.set("key", "value")

    assert cache._cache.get_client() is cache._cache.get_client(write=True)
    assert cache.get("key") == "value"


def test_a_dropped_connection_is_replaced(cache):
    cache.set("key", "before")
    client = cache._cache.get_client()
    # The server closes every connection of this client, as a Redis restart would.
    for info in client.client_list():
        if info["db"] == "15":
            client.client_kill_filter(_id=info["id"])

    assert cache.get("key") == "before"
    cache.set("key", "after")
    assert cache.get("key") == "after"


def test_version_keys_start_once_and_never_expire(cache, monkeypatch):
    monkeypatch.setattr(cache_versions, "cache", cache)
    keys = ["page-cache:generation", "page-cache:version:abc"]

    started = cache_versions.versions_to_store(cache_versions.read({}, keys), keys)
    assert cache_versions.read(cache.get_many(keys), keys) == started
    # Another process that also found no versions does not store its entry.
    assert cache_versions.versions_to_store((None, None), keys) is None

    cache_versions.bump(keys[1:])
    bumped = cache_versions.read(cache.get_many(keys), keys)
    assert bumped[0] == started[0] and bumped[1] != started[1]
    client = cache._cache.get_client()
    assert [client.ttl(cache.make_key(key)) for key in keys] == [-1, -1]
