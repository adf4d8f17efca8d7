"""Errors reach a person: ADMINS by email through the outbox, and Sentry when SENTRY_DSN is set."""

import logging
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

from core.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox_mail(settings):
    settings.EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ADMINS = [("Beheer", "beheer@klaverct.example")]
    settings.DEBUG = False


def test_every_environment_sends_through_the_outbox():
    from website.settings import base

    # production.py and dev.py choose only OUTBOX_DELIVERY_BACKEND, the worker's.
    assert base.EMAIL_BACKEND == "core.outbox.OutboxEmailBackend"


def test_an_error_report_is_stored_for_admins(outbox_mail):
    logging.getLogger("django.request").error("Internal Server Error: /contact/", extra={"status_code": 500})

    message = OutboxMessage.objects.get()
    assert message.to == ["beheer@klaverct.example"]
    assert "Internal Server Error: /contact/" in message.subject


def test_sentry_is_set_up_when_a_dsn_is_given(tmp_path):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="www.glans-techniek.nl",
        VAR_DIR=str(tmp_path),
        SENTRY_DSN="http://public@127.0.0.1:9/1",
    )
    code = "import django; django.setup(); import sentry_sdk; print(sentry_sdk.get_client().is_active())"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
