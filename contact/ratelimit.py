"""
A per-client limit on stored contact requests, kept in Django's cache.

In production the cache is Redis, shared by every web server, so the limit holds across
servers; `cache.add` + `cache.incr` are atomic there (and in the local-memory cache).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache


def client_address(request):
    """
    The client's IP address. Behind N trusted reverse proxies (CONTACT_TRUSTED_PROXY_COUNT),
    the address the outermost of them saw, taken from X-Forwarded-For; a client cannot
    forge that entry, only the ones before it.
    """
    proxies = settings.CONTACT_TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _key(request):
    # Hashed, so the cache holds no IP addresses in the clear.
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address(request)}".encode()).hexdigest()
    return f"contact-rate:{digest[:32]}"


def is_limited(request):
    """True when this client has used up its submissions for the current window."""
    limit, _window = settings.CONTACT_RATE_LIMIT
    return (cache.get(_key(request)) or 0) >= limit


def count_submission(request):
    """Count one submission against the client's allowance."""
    _limit, window = settings.CONTACT_RATE_LIMIT
    key = _key(request)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
