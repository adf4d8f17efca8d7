"""
Full-page cache of public pages that follows publishing.

Anonymous GET requests for public pages are answered from the shared cache (Redis in
production) without touching sessions or the database. A hit is one cache round trip and a
response stored ready to send (status, every header the rest of the stack gave the page, the
security headers included, and the body); only the CSP nonce, if the page has one, is made new.
Under gunicorn the WSGI entry point sends it before Django's handler runs
(`serve_hits_before_django`, website/wsgi.py); elsewhere the middleware, first in MIDDLEWARE,
sends it before any other middleware runs. Both use the same checks, key and entry. What the
middleware after it decide per request is decided here too: a plain-HTTP request that is to
be redirected to HTTPS and an address with a NUL byte go down the stack, and the scheme is
part of the key (HSTS is sent over HTTPS only). Requests with a session cookie (editors,
anyone logged in) always go to Wagtail, and so do the admin (with its previews),
documents and search. Only responses that are the same for every such visitor are stored:
status 200, not private, no cookie set (a form's CSRF token sets one, so forms are never
stored), and varying on nothing but the language (part of the key) and the cookie. Every
page varies on the cookie because the template asks who is logged in; without a session
cookie the answer is always "nobody", so that variation is safe to share.

Query strings: only the parameters a page type declares in `cache_variant_parameters` (the
overview's filters and page number) make a variant; the key holds those, sorted, and
nothing else. A request with any other parameter (?utm_source=...) is served the entry for
its variant, but what it renders is not stored (its links may carry the parameter), and a
page can refuse to store a variant it did not recognise (`page_cache_variant` = False in
its context, e.g. an unknown filter value), so arbitrary query strings cannot flood the cache.

On django-redis (production) the one round trip is an MGET on its redis-py client, and the entry
is stored there as a pickled tuple by this module: django-redis's `get_many` adds more than half
the command's cost again (making each key, trying every value as an integer before unpickling it).
Other backends (local memory in development and tests) go through Django's cache API.

Invalidation is by path: each path has a version key in the cache (core/cache_versions.py),
and every stored entry (for any query string, such as a filter or page number) records the
version it was made under, so bumping the version clears the page with all its variants at
once. A lookup reads the entry and the versions in one round trip to the cache. Signal
handlers in core/invalidation.py bump the paths that show a page when it is published,
unpublished, moved or deleted. A site-wide generation clears everything (for changes shown
on every page, such as the menu).

Measured in docs/performance.md; see also Wagtail's notes on caching:
https://docs.wagtail.org/en/stable/advanced_topics/performance.html#caching
"""

import base64
import functools
import hashlib
import logging
import os
import pickle
import re
import typing
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse, QueryDict
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request
from django_redis import get_redis_connection
from django_redis.cache import RedisCache

from . import cache_versions, paths
from .bad_input import NUL, query_has_nul

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Page-Cache"
SKIPPED_PREFIXES = (paths.ADMIN, paths.DOCUMENTS, paths.SEARCH, paths.MEDIA, paths.STATIC, paths.APPOINTMENTS)
GENERATION_KEY = "page-cache:generation"
# Request headers a stored page may vary on (see the module docstring).
SHAREABLE_VARY = {"accept-language", "cookie"}
# Part of every entry's key: entries of an earlier form are never read (a dict before 2 December
# 2026; through django-redis's serializer before 4 December 2026).
ENTRY_FORM = 3
# Headers a hit sets itself: its own length (the nonce is new) and whether it was a hit.
NOT_STORED_HEADERS = ("content-length", CACHE_HEADER.lower())
POLICY_NONCE = re.compile(r"'nonce-([^']+)'")


def _path_version_key(path):
    return "page-cache:version:" + hashlib.sha256(path.encode()).hexdigest()


@functools.cache
def variant_parameters():
    """Every query parameter some page type declares as making a variant of its page."""
    from wagtail.models import get_page_models

    return frozenset(name for model in get_page_models() for name in getattr(model, "cache_variant_parameters", ()))


class _Query(typing.NamedTuple):
    variant: str  # the declared parameters with a value, sorted: the variant's part of the key
    has_other_parameters: bool
    has_preview: bool
    has_nul: bool


@functools.lru_cache(maxsize=1024)
def _query(query_string):
    """
    What the page cache needs of a query string, parsed as `request.GET` parses it. Kept for the
    most recent query strings, so a hit of a filtered page does not parse its parameters again
    (a QueryDict and the key's urlencode cost a tenth of the hit).
    """
    # As WSGIRequest.GET: the WSGI environ's string holds the bytes as latin-1 (PEP 3333).
    parameters = QueryDict(query_string.encode("iso-8859-1"))
    allowed = variant_parameters()
    declared = sorted((name, parameters[name]) for name in parameters if name in allowed and parameters[name])
    return _Query(
        variant=urlencode(declared),
        has_other_parameters=any(name not in allowed for name in parameters),
        has_preview="preview" in parameters,
        has_nul=query_has_nul(parameters),
    )


def _query_of(request):
    return _query(request.META.get("QUERY_STRING", ""))


def _language(request):
    # A site with one language (this one speaks Dutch only) has nothing to look up.
    languages = settings.LANGUAGES
    return languages[0][0] if len(languages) == 1 else get_language_from_request(request)


def _entry_key(request):
    host, language, query = request.get_host(), _language(request), _query_of(request).variant
    identity = f"{ENTRY_FORM}|{request.scheme}|{host}|{language}|{request.path}|{query}"
    return "page-cache:entry:" + hashlib.sha256(identity.encode()).hexdigest()


def invalidate_paths(paths):
    """Make the cached copies of these paths (with any query string) stale."""
    keys = [_path_version_key(path) for path in set(paths)]
    if not keys:
        return
    try:
        cache_versions.bump(keys)
    except Exception:
        # Publishing must not fail on the cache; entries expire after PAGE_CACHE_SECONDS anyway.
        logger.exception("Page cache: could not clear %s", sorted(paths))


def invalidate_all():
    """Make every cached page stale, for changes that every page shows."""
    try:
        cache_versions.bump([GENERATION_KEY])
    except Exception:
        logger.exception("Page cache: could not clear every page")


def _is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        # First in MIDDLEWARE: static files pass here too, and leave at once.
        and not request.path.startswith(SKIPPED_PREFIXES)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not _query_of(request).has_preview
        # As SecurityMiddleware's redirect and RejectNulBytesMiddleware's 400, which come after.
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
        and not (NUL in request.path or _query_of(request).has_nul)
    )


def _read(entry_key, version_keys):
    """The entry stored under `entry_key` (None if none) and the versions of `version_keys`, in one round trip."""
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        # Version keys are written by django-redis (core/cache_versions.py), which stores integers as digits.
        client = get_redis_connection(DEFAULT_CACHE_ALIAS, write=False)
        stored, *versions = client.mget([backend.make_key(key) for key in (entry_key, *version_keys)])
        # The entry as _write stored it: the cache server is trusted as django-redis trusts it (it unpickles too).
        entry = pickle.loads(stored) if stored is not None else None  # noqa: S301
        return entry, tuple(int(version) if version is not None else None for version in versions)
    values = backend.get_many([entry_key, *version_keys])
    return values.get(entry_key), cache_versions.read(values, version_keys)


def _write(entry_key, entry):
    backend = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(backend, RedisCache):
        blob = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        client = get_redis_connection(DEFAULT_CACHE_ALIAS, write=True)
        client.set(backend.make_key(entry_key), blob, ex=settings.PAGE_CACHE_SECONDS)
    else:
        cache.set(entry_key, entry, settings.PAGE_CACHE_SECONDS)


def _is_storable_variant(request, response):
    context = getattr(response, "context_data", None) or {}
    return not _query_of(request).has_other_parameters and context.get("page_cache_variant", True)


def _is_cacheable_response(response):
    cache_control = response.get("Cache-Control", "").lower()
    vary = {header.strip().lower() for header in cc_delim_re.split(response.get("Vary", "")) if header.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and vary <= SHAREABLE_VARY
        and not any(word in cache_control for word in ("private", "no-cache", "no-store"))
    )


class _Lookup(typing.NamedTuple):
    """What one read of the cache found for a request: the entry if it is fresh, and what storing needs."""

    entry_key: str
    version_keys: list
    stamp: tuple
    entry: tuple | None  # the stored response, if it is still current


# The WSGI entry point's lookup of a request it passed on (a miss), for the middleware: one read
# per request. Only the server sets environ keys without the HTTP_ prefix, so a client cannot.
LOOKUP_ENVIRON_KEY = "glans.page_cache.lookup"


def _look_up(request):
    """The cache's answer for this request, or None when it is not for the cache (or the cache is away)."""
    if not _is_cacheable_request(request):
        return None
    try:
        entry_key = _entry_key(request)
    except Exception:
        # An invalid Host header and the like: let Django answer it the usual way.
        return None
    version_keys = [GENERATION_KEY, _path_version_key(request.path)]
    try:
        entry, stamp = _read(entry_key, version_keys)
    except Exception:
        # The cache server is away: serve the page uncached rather than fail.
        logger.warning("Page cache unavailable", exc_info=True)
        return None
    return _Lookup(entry_key, version_keys, stamp, entry if entry is not None and entry[0] == stamp else None)


def _stored_response(request, entry):
    """(status, headers, body) of a stored entry, ready to send, with a new nonce if the page has one."""
    _stamp, status, headers, content, nonce = entry
    if nonce:
        # A nonce must be new for every response: the stored one is swapped for a new one in
        # the page and in its policy. A policy middleware before this one (not in MIDDLEWARE,
        # but a test's stack) puts its own in the header, so that one is used.
        fresh = str(request.csp_nonce) if hasattr(request, "csp_nonce") else _new_nonce()
        content = content.replace(f'nonce="{nonce}"'.encode(), f'nonce="{fresh}"'.encode())
        old, new = f"'nonce-{nonce}'", f"'nonce-{fresh}'"
        headers = [(name, value.replace(old, new)) for name, value in headers]
    return status, [*headers, ("Content-Length", str(len(content))), (CACHE_HEADER, "hit")], content


class PageCacheMiddleware:
    """
    Serves anonymous GETs of public pages from the cache; stores what may be shared.

    In production the WSGI entry point (`serve_hits_before_django`) has answered the hits
    already; a request it passed on carries its lookup, so the cache is read once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lookup = request.META[LOOKUP_ENVIRON_KEY] if LOOKUP_ENVIRON_KEY in request.META else _look_up(request)
        if lookup is None:
            return self.get_response(request)
        if lookup.entry is not None:
            status, headers, content = _stored_response(request, lookup.entry)
            return HttpResponse(content, status=status, headers=headers)

        response = self.get_response(request)
        if _is_cacheable_response(response) and _is_storable_variant(request, response):
            self._store(request, response, lookup)
            response[CACHE_HEADER] = "miss"
        return response

    def _store(self, request, response, lookup):
        try:
            stamp = cache_versions.versions_to_store(lookup.stamp, lookup.version_keys)
            if stamp is not None:
                _write(lookup.entry_key, self._to_entry(request, response, stamp))
        except Exception:
            logger.warning("Page cache: could not store %s", request.path, exc_info=True)

    def _to_entry(self, request, response, stamp):
        """(stamp, status, headers, body, nonce): the response as it leaves the stack, ready to send."""
        policy = response.get("Content-Security-Policy", "") + response.get("Content-Security-Policy-Report-Only", "")
        found = POLICY_NONCE.search(policy)
        # Without the header, a policy middleware before this one adds it later: django-csp's
        # request.csp_nonce is true once a template has used it (and only then).
        nonce = found and found.group(1) or (str(request.csp_nonce) if getattr(request, "csp_nonce", None) else None)
        headers = tuple((name, value) for name, value in response.items() if name.lower() not in NOT_STORED_HEADERS)
        return (stamp, response.status_code, headers, response.content, nonce)


def serve_hits_before_django(application):
    """
    Wraps Django's WSGI application so that a cache hit is sent before Django handles the request.

    A hit needs none of Django's handler (its signals, URL resolver, middleware chain and response
    object: about 40% of a hit's work). The request is Django's own `WSGIRequest`, so the checks and
    the key are the middleware's, byte for byte. Whatever is not a hit goes on to Django unchanged.
    """

    def page_cache_application(environ, start_response):
        if not _may_be_cacheable(environ):
            return application(environ, start_response)
        try:
            # A copy: WSGIRequest writes the decoded path back into the environ it is given.
            request = WSGIRequest(dict(environ))
            lookup = _look_up(request)
            if lookup is not None and lookup.entry is not None:
                status, headers, content = _stored_response(request, lookup.entry)
                start_response(f"{status} {HTTPStatus(status).phrase}", headers)
                return [content]
        except Exception:
            # Django answers the request the usual way, and reports what went wrong.
            logger.warning("Page cache: could not serve %s before Django", environ.get("PATH_INFO"), exc_info=True)
        else:
            environ[LOOKUP_ENVIRON_KEY] = lookup
        return application(environ, start_response)

    return page_cache_application


def _may_be_cacheable(environ):
    # Before building a request: static files and non-GETs go straight to Django. (Only a
    # shortcut: the ASCII prefixes match the raw path as they match the decoded one.)
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and environ.get("REQUEST_METHOD") in ("GET", "HEAD")
        and not (not environ.get("SCRIPT_NAME") and environ.get("PATH_INFO", "").startswith(SKIPPED_PREFIXES))
    )


def _new_nonce():
    # As django-csp makes them (CSPMiddleware._make_nonce): 16 random bytes, base64.
    return base64.b64encode(os.urandom(16)).decode("ascii")
