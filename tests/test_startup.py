"""
What a web worker loads (issue 18, cold start and worker memory): a gunicorn worker that starts
and serves public pages (a story, the overview, the home page, the contact page, a search) loads
no code that only a few admin actions use.

The worker runs in a subprocess, as gunicorn runs it: `import website.wsgi`, then the WSGI
application called for each page, on this test's database (committed, so the subprocess sees it),
with the test settings (the same apps, hooks and middleware as production; plain static files,
so no collectstatic is needed).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from core import paths

BASE_DIR = Path(__file__).resolve().parent.parent

# Loaded only when an appointment's calendar file is built (contact/ics.py), never by a visitor;
# and admin views and what only they need, loaded when an editor first opens them (the admin
# URLconf itself is built by every worker's first request): inviting an ambassador, the review
# page of a review email, the dashboard's "Over de termijn" panel, the change summary of the
# workflow emails (ambassadors/wagtail_hooks.py, ambassadors/notifications.py).
ADMIN_ACTION_ONLY = [
    "icalendar",
    "ambassadors.views",
    "ambassadors.invitations",
    "ambassadors.review_views",
    "ambassadors.review_deadlines_panel",
    "ambassadors.changes",
]

WORKER = """
import gc, io, json, sys
import website.wsgi

collector = {"enabled": gc.isenabled(), "frozen": gc.get_freeze_count()}

served = []
for path in sys.argv[1:]:
    path, _, query = path.partition("?")
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
        "wsgi.multiprocess": True, "wsgi.run_once": False,
    }
    statuses = []
    body = b"".join(website.wsgi.application(environ, lambda status, headers, *args: statuses.append(status)))
    served.append({"status": statuses[0], "body": body.decode()})
print(json.dumps({"served": served, "modules": sorted(sys.modules), "collector": collector}))
"""


def database_url_of_this_test():
    """This test's database, SQLite or PostgreSQL, as the subprocess's DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def serve_in_a_worker(paths, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.test",
        DATABASE_URL=database_url_of_this_test(),
        VAR_DIR=str(tmp_path),
        PAGE_CACHE_SECONDS="0",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WORKER, *paths], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_a_worker_serving_public_pages_loads_no_admin_action_code(
    anje_story, ambassador_index, home_page, contact_page, tmp_path
):
    pages = [anje_story.url, ambassador_index.url, home_page.url, contact_page.url, f"{paths.SEARCH}?q=anje"]
    result = serve_in_a_worker(pages, tmp_path)

    assert [page["status"][:3] for page in result["served"]] == ["200"] * 5, result["served"]
    assert anje_story.title in result["served"][0]["body"]
    loaded = [module for module in ADMIN_ACTION_ONLY if module in result["modules"]]
    assert loaded == [], f"a public worker loaded {loaded} (see docs/performance.md, cold start)"


@pytest.mark.django_db(transaction=True)
def test_a_worker_keeps_what_start_up_built_out_of_the_collector_and_collects_the_rest(home_page, tmp_path):
    # website/wsgi.py: no collection during start-up (6% of it), its objects frozen, the collector on again.
    result = serve_in_a_worker([home_page.url], tmp_path)

    assert result["served"][0]["status"].startswith("200")
    assert result["collector"]["enabled"] is True
    assert result["collector"]["frozen"] > 100_000
