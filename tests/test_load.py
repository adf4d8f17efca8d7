"""
Load: 64 concurrent visitors on public pages while an editor publishes a story.

Bounded: each visitor makes a fixed number of requests to the live test server on 127.0.0.1,
with a time-out per request. Zero 5xx responses, and the published change shows afterwards.
The figures of a longer run with gunicorn and wrk are in docs/performance.md (`make bench`).
"""

import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.db import connection

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from home.models import HomePageFeaturedStory

CONNECTIONS = 64
REQUESTS_PER_VISITOR = 6
PATHS = ["/", "/ambassadeurs/", "/ambassadeurs/anje-bechtel/", "/scholen/de-wielerbaan/"]


def visit(base_url, statuses, lock, offset):
    for number in range(REQUESTS_PER_VISITOR):
        path = PATHS[(offset + number) % len(PATHS)]
        try:
            with urllib.request.urlopen(base_url + path, timeout=30) as response:  # noqa: S310 - loopback
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            status = f"connection error: {error}"
        with lock:
            statuses[status] += 1


@pytest.mark.slow
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="The test database on SQLite is in memory with table locks: a write while others read fails at once. "
    "Production runs PostgreSQL; CI runs this test in its PostgreSQL pass.",
)
@pytest.mark.django_db(transaction=True)
def test_visitors_get_no_errors_while_an_editor_publishes(
    live_server, settings, home_page, ambassador_index, school_index
):
    settings.PAGE_CACHE_SECONDS = 300
    school = SchoolPageFactory(parent=school_index, title="OBS De Wielerbaan", slug="de-wielerbaan")
    story = AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel", school=school)
    for number in range(10):
        AmbassadorPageFactory(parent=ambassador_index, slug=f"verhaal-{number}", school=school)
    HomePageFeaturedStory.objects.create(page=home_page, story=story, sort_order=0)

    statuses, lock = Counter(), threading.Lock()
    visitors = [
        threading.Thread(target=visit, args=(live_server.url, statuses, lock, offset)) for offset in range(CONNECTIONS)
    ]
    for visitor in visitors:
        visitor.start()
    # The editor publishes while the visitors are busy.
    story.title = "Anje Bechtel-de Vries"
    story.save_revision().publish()
    for visitor in visitors:
        visitor.join(timeout=120)

    assert not any(visitor.is_alive() for visitor in visitors)
    assert sum(statuses.values()) == CONNECTIONS * REQUESTS_PER_VISITOR
    assert statuses == Counter({200: CONNECTIONS * REQUESTS_PER_VISITOR}), statuses
    for path in PATHS:
        with urllib.request.urlopen(live_server.url + path, timeout=30) as response:  # noqa: S310 - loopback
            assert "Anje Bechtel-de Vries" in response.read().decode(), path
