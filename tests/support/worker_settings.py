"""Settings of the worker subprocess in tests (tests/support/worker.py): the test database, real backends."""

import os

from website.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["WORKER_DATABASE_NAME"]  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_USE_TLS = False

# The frontend cache as production installs it (FRONTEND_CACHE), purging into a file the test reads.
if os.environ.get("FRONTEND_CACHE_PURGE_LOG"):
    from tests.support.frontend_cache import backend_settings

    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    WAGTAILFRONTENDCACHE = backend_settings(os.environ["FRONTEND_CACHE_PURGE_LOG"])
