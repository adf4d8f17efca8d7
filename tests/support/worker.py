"""
The real background worker for tests: `manage.py db_worker` in a subprocess, on the test
database, with the database task backend and the outbox.

Tests that use it need committed data: `pytestmark = WORKER_TESTS` marks them transactional
(serialized_rollback keeps the groups and workflows of the data migrations for the tests
after them) and uses the `queued_tasks` fixture, which switches this process to the same
backends (import it into the test module).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]  # the project, where manage.py is
DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
WORKER_TESTS = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("queued_tasks"),
    pytest.mark.slow,
]


def queue_tasks(settings):
    """Tasks go to the database queue and emails to the outbox, as in production."""
    settings.TASKS = DATABASE_BACKEND
    settings.EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def worker_env(smtp_port=None, **settings):
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="tests.support.worker_settings",
        WORKER_DATABASE_NAME=str(connection.settings_dict["NAME"]),
        EMAIL_HOST="127.0.0.1",
        EMAIL_TIMEOUT="2",
        OUTBOX_RETRY_BASE_SECONDS="1",
    )
    if smtp_port is not None:
        env["EMAIL_PORT"] = str(smtp_port)
    env.update({name: str(value) for name, value in settings.items()})
    return env


def command(*options):
    return [sys.executable, "manage.py", "db_worker", "--no-startup-delay", "--interval", "0.1", "-v", "2", *options]


def run_batch(smtp_port=None, timeout=120, **settings):
    """Run the worker until the queue holds nothing ready; returns its output."""
    result = subprocess.run(  # noqa: S603 (our own command line)
        command("--batch"),
        cwd=ROOT,
        env=worker_env(smtp_port, **settings),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def start(*options, smtp_port=None, **settings):
    """A worker running until stopped (kill it, or let --batch end it); a Popen."""
    return subprocess.Popen(  # noqa: S603 (our own command line)
        command(*options),
        cwd=ROOT,
        env=worker_env(smtp_port, **settings),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
