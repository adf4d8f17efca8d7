"""
Full-page cache of public pages that follows publishing.

Anonymous GET requests for public pages are answered from the shared cache (Redis in
production) without touching sessions or the database. Requests with a session cookie
(editors, anyone logged in) always go to Wagtail, and so do the admin (with its previews),
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

import functools
import hashlib
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import cc_delim_re
from django.utils.translation import get_language_from_request

from . import cache_versions, paths

logger = logging.getLogger(__name__)

CACHE_HEADER = "X-Page-Cache"
SKIPPED_PREFIXES = (paths.ADMIN, paths.DOCUMENTS, paths.SEARCH, paths.MEDIA, paths.STATIC, paths.APPOINTMENTS)
GENERATION_KEY = "page-cache:generation"
# Request headers a stored page may vary on (see the module docstring).
SHAREABLE_VARY = {"accept-language", "cookie"}


def _path_version_key(path):
    return "page-cache:version:" + hashlib.sha256(path.encode()).hexdigest()


@functools.cache
def variant_parameters():
    """Every query parameter some page type declares as making a variant of its page."""
    from wagtail.models import get_page_models

    return frozenset(name for model in get_page_models() for name in getattr(model, "cache_variant_parameters", ()))


def _variant_query(request):
    """The declared parameters of this request with a value, sorted: the variant's part of the key."""
    allowed = variant_parameters()
    return urlencode(sorted((name, request.GET[name]) for name in request.GET if name in allowed and request.GET[name]))


def _has_other_parameters(request):
    return any(name not in variant_parameters() for name in request.GET)


def _entry_key(request):
    language = get_language_from_request(request)
    identity = f"{request.get_host()}|{language}|{request.path}|{_variant_query(request)}"
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
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
        and "preview" not in request.GET
    )


def _is_storable_variant(request, response):
    context = getattr(response, "context_data", None) or {}
    return not _has_other_parameters(request) and context.get("page_cache_variant", True)


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


class PageCacheMiddleware:
    """Serves anonymous GETs of public pages from the cache; stores what may be shared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        try:
            entry_key = _entry_key(request)
        except Exception:
            # An invalid Host header and the like: let Django answer it the usual way.
            return self.get_response(request)

        version_keys = [GENERATION_KEY, _path_version_key(request.path)]
        try:
            values = cache.get_many([entry_key, *version_keys])
        except Exception:
            # The cache server is away: serve the page uncached rather than fail.
            logger.warning("Page cache unavailable", exc_info=True)
            return self.get_response(request)
        stamp = cache_versions.read(values, version_keys)
        entry = values.get(entry_key)
        if entry is not None and entry["stamp"] == stamp:
            return self._from_entry(request, entry)

        response = self.get_response(request)
        if _is_cacheable_response(response) and _is_storable_variant(request, response):
            self._store(request, response, entry_key, stamp, version_keys)
            response[CACHE_HEADER] = "miss"
        return response

    def _store(self, request, response, entry_key, stamp, version_keys):
        try:
            stamp = cache_versions.versions_to_store(stamp, version_keys)
            if stamp is not None:
                cache.set(entry_key, self._to_entry(request, response, stamp), settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.warning("Page cache: could not store %s", request.path, exc_info=True)

    def _to_entry(self, request, response, stamp):
        # django-csp's request.csp_nonce is true once a template has used it (and only then).
        nonce = str(request.csp_nonce) if getattr(request, "csp_nonce", None) else None
        headers = {
            name: value
            for name, value in response.items()
            if name.lower() not in ("content-security-policy", "content-length", CACHE_HEADER.lower())
        }
        return {"content": response.content, "headers": headers, "nonce": nonce, "stamp": stamp}

    def _from_entry(self, request, entry):
        content = entry["content"]
        if entry["nonce"]:
            # A nonce must be new for every response: swap the stored one for this request's,
            # which django-csp then puts in the policy header.
            fresh = str(request.csp_nonce).encode()
            content = content.replace(f'nonce="{entry["nonce"]}"'.encode(), b'nonce="' + fresh + b'"')
        response = HttpResponse(content)
        for name, value in entry["headers"].items():
            response[name] = value
        response[CACHE_HEADER] = "hit"
        return response
