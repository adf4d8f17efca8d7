"""
The production cache: django-redis on the Redis server on 127.0.0.1:6379 (database 15), with
the options website/settings/production.py gives it; skipped where no server answers.
"""

import uuid

import pytest
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django_redis.cache import RedisCache

from core import cache_versions
from tests.support.redis_server import REDIS_URL, redis_answers

pytestmark = pytest.mark.skipif(not redis_answers(), reason="No Redis server on 127.0.0.1:6379.")


@pytest.fixture
def cache():
    options = {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2}
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": f"test-{uuid.uuid4().hex}", "OPTIONS": options})
    yield backend
    backend.delete_pattern("*")
    backend.close()


def test_reads_and_writes_what_the_site_stores(cache):
    cache.set("page", {"content": b"<html>", "stamp": (1, 2)}, 60)
    cache.set_many({"a": 1, "b": 2})
    cache.incr("b")

    assert cache.get("page") == {"content": b"<html>", "stamp": (1, 2)}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 3}
    assert cache.delete("a") and cache.get("a") is None


def test_keys_are_made_as_djangos_own_backend_makes_them(cache):
    # A switch between the two backends keeps the same keys (and so the same entries' names).
    django_cache = DjangoRedisCache(REDIS_URL, {"KEY_PREFIX": cache.key_prefix})
    assert cache.make_key("page-cache:generation") == django_cache.make_key("page-cache:generation")


def test_one_client_serves_every_call(cache):
    cache.set("key", "value")

    assert cache.client.get_client(write=False) is cache.client.get_client(write=True)
    assert cache.get("key") == "value"


def test_a_dropped_connection_is_replaced(cache):
    cache.set("key", "before")
    client = cache.client.get_client()
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
    assert [cache.ttl(key) for key in keys] == [None, None]
