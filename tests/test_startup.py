"""
What a web worker loads (issue 18, cold start and worker memory): a gunicorn worker that starts
and serves a public story loads no code that only a few admin actions use.

The worker runs in a subprocess, as gunicorn runs it: `import website.wsgi`, then the WSGI
application called for the story, on this test's database (committed, so the subprocess sees it),
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

BASE_DIR = Path(__file__).resolve().parent.parent

# Loaded only when an appointment's calendar file is built (contact/ics.py), never by a visitor.
ADMIN_ACTION_ONLY = ["icalendar"]

WORKER = """
import io, json, sys
import website.wsgi

environ = {
    "REQUEST_METHOD": "GET", "PATH_INFO": sys.argv[1], "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
    "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(),
    "wsgi.errors": sys.stderr, "wsgi.version": (1, 0), "wsgi.multithread": False,
    "wsgi.multiprocess": True, "wsgi.run_once": False,
}
statuses = []
body = b"".join(website.wsgi.application(environ, lambda status, headers, *args: statuses.append(status)))
print(json.dumps({"status": statuses[0], "body": body.decode(), "modules": sorted(sys.modules)}))
"""


def database_url_of_this_test():
    """This test's database, SQLite or PostgreSQL, as the subprocess's DATABASE_URL."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return f"sqlite:///{db['NAME']}"


def serve_in_a_worker(path, tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.test",
        DATABASE_URL=database_url_of_this_test(),
        VAR_DIR=str(tmp_path),
        PAGE_CACHE_SECONDS="0",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", WORKER, path], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_a_worker_serving_a_story_loads_no_admin_action_code(anje_story, tmp_path):
    served = serve_in_a_worker(anje_story.url, tmp_path)

    assert served["status"].startswith("200"), served["status"]
    assert anje_story.title in served["body"]
    loaded = [module for module in ADMIN_ACTION_ONLY if module in served["modules"]]
    assert loaded == [], f"a public worker loaded {loaded} (see docs/performance.md, cold start)"
