"""
The WSGI entry point gunicorn serves (website/wsgi.py) sends page-cache hits before Django's
handler, and hands everything else to Django as it came, with the cache read once per request.
"""

import io
import sys
from unittest import mock

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from core import page_cache
from core.page_cache import CACHE_HEADER
from tests.support.pages import live_story
from website.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def handled_by_django():
    """The paths Django's handler was started for."""
    started = []

    def receiver(sender, environ, **kwargs):
        started.append(environ["PATH_INFO"])

    request_started.connect(receiver)
    yield started
    request_started.disconnect(receiver)


def wsgi_get(path, method="GET", **headers):
    """(status, headers, body) of one request through the entry point, as gunicorn makes it."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        # As a WSGI server passes the path: its bytes as latin-1 (PEP 3333).
        "PATH_INFO": path.encode().decode("iso-8859-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "testserver",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        **{"HTTP_" + name.upper(): value for name, value in headers.items()},
    }
    sent = {}

    def start_response(status, response_headers, exc_info=None):
        sent["status"], sent["headers"] = status, dict(response_headers)

    # As Django's test client does: the test's transaction holds the connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        content = b"".join(body)
        if hasattr(body, "close"):
            body.close()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return sent["status"], sent["headers"], content


def test_a_hit_is_sent_before_django_with_the_miss_s_page_and_headers(home_page, handled_by_django):
    miss_status, miss_headers, miss_body = wsgi_get("/")
    hit_status, hit_headers, hit_body = wsgi_get("/")
    assert (miss_headers[CACHE_HEADER], hit_headers[CACHE_HEADER]) == ("miss", "hit")
    assert handled_by_django == ["/"]
    assert hit_status == miss_status == "200 OK"
    assert hit_body == miss_body
    assert {name: value for name, value in hit_headers.items() if name != CACHE_HEADER} == {
        name: value for name, value in miss_headers.items() if name != CACHE_HEADER
    }
    assert hit_headers["Content-Length"] == str(len(hit_body))


def test_a_miss_reads_the_cache_once(home_page):
    with mock.patch.object(page_cache, "_read", wraps=page_cache._read) as read:
        _status, headers, _body = wsgi_get("/")
    assert headers[CACHE_HEADER] == "miss"
    assert read.call_count == 1


def test_an_address_outside_latin_1_reaches_its_page_through_the_entry_point(ambassador_index, school, anje):
    # The entry point builds its own request: the path Django routes must still be the one sent.
    live_story(ambassador_index, school, anje, "Anje Bechtel", "anje-łódź", "<p>We volgen samen de lessen.</p>")
    for _ in range(2):
        status, headers, body = wsgi_get("/ambassadeurs/anje-łódź/")
        assert status == "200 OK"
        assert "Anje Bechtel" in body.decode()
    assert headers[CACHE_HEADER] == "hit"


def test_a_logged_in_visitor_and_a_post_go_to_django(home_page, handled_by_django, settings):
    wsgi_get("/")
    _status, headers, _body = wsgi_get("/", cookie=f"{settings.SESSION_COOKIE_NAME}=abc")
    assert CACHE_HEADER not in headers
    wsgi_get("/", method="POST")
    assert handled_by_django == ["/", "/", "/"]


def test_an_unknown_host_is_refused_by_django(home_page, handled_by_django):
    wsgi_get("/")
    status, headers, _body = wsgi_get("/", host="attacker.example")
    assert status.startswith("400")
    assert CACHE_HEADER not in headers


def test_without_the_cache_server_django_serves_the_page_after_one_attempt(home_page, caplog):
    with mock.patch.object(page_cache, "_read", side_effect=ConnectionError("no Redis")) as read:
        status, headers, body = wsgi_get("/")
    assert status == "200 OK" and b"Glans" in body
    assert CACHE_HEADER not in headers
    assert read.call_count == 1
