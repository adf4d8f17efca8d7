"""
Version keys that make cached entries stale: the page cache and the site context use them.

A cached entry records the values of the version keys it depends on, read before it was
built, and is used only while every one of them still holds that value. Giving a version
key a new value (`bump`) so makes every entry built under the old one stale at once,
without finding the entries.

A version is the time in nanoseconds when it was set, not a counter from zero: a cache server
short of memory may evict a version key, and whatever is set next must be a value that no
stored entry carries. For the same reason an entry is only ever stored under versions that
exist in the cache (`versions_to_store`), never under "missing": a missing version matches
no entry.
"""

import time

from django.core.cache import cache


def new_version():
    return time.time_ns()


def bump(keys):
    """Give these version keys new values: entries built under the old ones are stale."""
    cache.set_many({key: new_version() for key in keys}, timeout=None)


def read(values, keys):
    """The versions of `keys` in a `cache.get_many` result (None where a key is missing)."""
    return tuple(values.get(key) for key in keys)


def versions_to_store(versions, keys):
    """
    The versions to store a new entry under: `versions` as read before it was built, with
    missing ones started now. None when another process set one meanwhile: its value may
    postdate what this entry was built from, so the entry is not stored this time.
    """
    stored = []
    for key, version in zip(keys, versions, strict=True):
        if version is None:
            version = new_version()
            if not cache.add(key, version, timeout=None):
                return None
        stored.append(version)
    return tuple(stored)
