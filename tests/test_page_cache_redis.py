"""
The page cache on django-redis, as in production: one MGET per hit on django-redis's redis-py
client, the entry stored by core/page_cache.py itself. Uses the Redis server on 127.0.0.1:6379
(database 15); skipped where no server answers.
"""

import re
import uuid

import pytest
from django.core.cache import caches

from core.page_cache import CACHE_HEADER, invalidate_paths
from tests.support.redis_server import REDIS_URL, redis_answers

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not redis_answers(), reason="No Redis server on 127.0.0.1:6379."),
]

OPTIONS = {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2}


def redis_cache(location):
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "OPTIONS": OPTIONS,
        }
    }


@pytest.fixture
def on_redis(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.CACHES = redis_cache(REDIS_URL)
    yield caches["default"]
    caches["default"].delete_pattern("*")


@pytest.fixture
def redis_commands(on_redis, monkeypatch):
    """The commands sent to Redis from here on, by name."""
    client = on_redis.client.get_client()
    commands = []
    original = client.execute_command

    def counted(*args, **options):
        commands.append(args[0])
        return original(*args, **options)

    monkeypatch.setattr(client, "execute_command", counted)
    return commands


def without_nonce(headers):
    return {
        name: re.sub(r"'nonce-[^']+'", "'nonce-…'", value) for name, value in headers.items() if name != CACHE_HEADER
    }


def test_a_hit_is_one_mget_on_the_redis_client_and_sends_the_page_as_stored(
    client, home_page, on_redis, redis_commands, monkeypatch
):
    miss = client.get("/")
    # Not through the cache API: django-redis's get_many decodes every value once more.
    through_cache_api = []
    get_many = on_redis.get_many
    monkeypatch.setattr(
        on_redis, "get_many", lambda *args, **kwargs: through_cache_api.append(1) or get_many(*args, **kwargs)
    )
    del redis_commands[:]
    hit = client.get("/")
    assert (miss[CACHE_HEADER], hit[CACHE_HEADER]) == ("miss", "hit")
    assert redis_commands == ["MGET"]
    assert through_cache_api == []
    assert hit.content == miss.content
    assert without_nonce(hit.headers) == without_nonce(miss.headers)
    assert hit["Content-Length"] == str(len(hit.content))


def test_clearing_a_path_makes_its_redis_entry_stale(client, home_page, on_redis):
    client.get("/")
    assert client.get("/")[CACHE_HEADER] == "hit"
    invalidate_paths(["/"])
    assert client.get("/")[CACHE_HEADER] == "miss"
    assert client.get("/")[CACHE_HEADER] == "hit"


def test_pages_are_served_uncached_when_redis_does_not_answer(client, home_page, on_redis, monkeypatch):
    import redis

    client.get("/")

    def away(*args, **kwargs):
        raise redis.ConnectionError("Redis weg")

    monkeypatch.setattr(on_redis.client.get_client(), "mget", away)
    response = client.get("/")
    assert response.status_code == 200
    assert CACHE_HEADER not in response
    assert "Glans" in response.content.decode()
