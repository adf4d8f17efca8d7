"""Settings of the worker subprocess in tests (tests/support/worker.py): the test database, real backends."""

import os

from website.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["WORKER_DATABASE_NAME"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_USE_TLS = False
