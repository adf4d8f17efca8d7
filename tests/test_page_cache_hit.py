"""
A page-cache hit is sent as stored: one cache call, no other middleware, the headers of a miss
(core/page_cache.py comes first in MIDDLEWARE).
"""

import re
from unittest import mock

import pytest
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory

from core.page_cache import CACHE_HEADER, PageCacheMiddleware
from core.security import SitePolicyCSPMiddleware

pytestmark = pytest.mark.django_db

CACHE_CALLS = ("get", "get_many", "set", "set_many", "add", "delete", "delete_many", "incr", "touch", "has_key")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300
    settings.SECURE_HSTS_SECONDS = 3600


def without_nonce(headers):
    return {
        name: re.sub(r"'nonce-[^']+'", "'nonce-…'", value) for name, value in headers.items() if name != CACHE_HEADER
    }


def test_a_hit_carries_every_header_of_a_miss(client, home_page):
    miss = client.get("/", secure=True)
    hit = client.get("/", secure=True)
    assert (miss[CACHE_HEADER], hit[CACHE_HEADER]) == ("miss", "hit")
    assert without_nonce(hit.headers) == without_nonce(miss.headers)
    for header in ("Content-Security-Policy", "Permissions-Policy", "Strict-Transport-Security", "X-Frame-Options"):
        assert header in hit, header
    assert hit["Content-Length"] == str(len(hit.content))


def test_a_hit_makes_one_cache_call_and_runs_no_other_middleware(client, home_page, monkeypatch):
    client.get("/")
    backend = caches["default"]
    calls = []
    depth = [0]

    def counted(name, method):
        def call(*args, **kwargs):
            # Only the calls made to the cache, not those it makes to itself (get_many -> get).
            if not depth[0]:
                calls.append(name)
            depth[0] += 1
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1

        return call

    for name in CACHE_CALLS:
        monkeypatch.setattr(backend, name, counted(name, getattr(backend, name)))
    original = SecurityMiddleware.process_response
    security = mock.patch.object(SecurityMiddleware, "process_response", autospec=True, side_effect=original)
    with security as security_response, mock.patch.object(SitePolicyCSPMiddleware, "process_request") as csp_request:
        hit = client.get("/")
    assert hit[CACHE_HEADER] == "hit"
    assert calls == ["get_many"]
    assert security_response.call_count == 0 and csp_request.call_count == 0


def test_http_and_https_have_their_own_copies(client, home_page):
    client.get("/", secure=True)
    plain = client.get("/")
    assert plain[CACHE_HEADER] == "miss"
    assert "Strict-Transport-Security" not in plain
    assert "Strict-Transport-Security" not in client.get("/")


def test_plain_http_is_still_redirected_to_https(client, home_page, settings):
    settings.SECURE_SSL_REDIRECT = True
    client.get("/", secure=True)
    assert client.get("/", secure=True)[CACHE_HEADER] == "hit"
    redirected = client.get("/")
    assert redirected.status_code == 301
    assert redirected["Location"] == "https://testserver/"


def test_a_nul_byte_is_refused_on_a_cached_page_too(client, home_page):
    client.get("/")
    assert client.get("/")[CACHE_HEADER] == "hit"
    refused = client.get("/?utm_source=%00")
    assert refused.status_code == 400
    assert CACHE_HEADER not in refused


def test_a_hit_before_the_policy_middleware_gets_a_fresh_nonce_in_page_and_policy():
    def page_with_inline_style(request):
        return HttpResponse(f'<style nonce="{request.csp_nonce}">p{{}}</style>')

    # The order of MIDDLEWARE: the page cache outside the policy middleware.
    stack = PageCacheMiddleware(SitePolicyCSPMiddleware(page_with_inline_style))
    nonce_in = re.compile(r'nonce="([^"]+)"')
    miss = stack(RequestFactory().get("/over-ons/"))
    hits = [stack(RequestFactory().get("/over-ons/")) for _ in range(2)]
    nonces = {nonce_in.search(response.content.decode()).group(1) for response in [miss, *hits]}
    assert [hit[CACHE_HEADER] for hit in hits] == ["hit", "hit"]
    assert len(nonces) == 3
    for response in [miss, *hits]:
        nonce = nonce_in.search(response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
