"""Tests: fast hashing, local memory cache and mail, plain static storage, offline embeds."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run at once in most tests; the tests of background work (tests/support/worker.py) switch to
# the database backend and run the real worker in a subprocess, which needs the test
# database in a file when it is SQLite.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-db-{os.getpid()}.sqlite3")}  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
MEDIA_ROOT = Path(os.environ.get("TEST_MEDIA_ROOT", VAR_DIR / "test-media"))  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"

# Tests never reach a video provider: this finder answers for YouTube and Vimeo offline,
# and fails on demand for URLs that ask it to.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embed_finders.OfflineVideoFinder"}]
SERVE_MEDIA_FILES = True
# WhiteNoise finds static files in the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns when STATIC_ROOT is missing, even though it serves from the finders here.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Off by default so tests elsewhere see their changes at once; tests/test_page_cache.py
# switches the page cache on.
PAGE_CACHE_SECONDS = 0
# django-axes refuses authenticate() calls without a request, as the test client's login()
# makes; tests/test_login_security.py switches it back on with the production backends.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
