"""The Redis server of the tests that need a real one: 127.0.0.1:6379, database 15."""

import socket

REDIS_URL = "redis://127.0.0.1:6379/15"


def redis_answers():
    """Whether a Redis server answers on 127.0.0.1:6379 (the tests that need one skip otherwise)."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True
