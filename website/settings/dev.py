"""Development: debug on, mail printed to the console, SQLite by default."""

import os

from .base import *  # noqa: F403

DEBUG = True
# Only for local development; production refuses to start without its own SECRET_KEY.
SECRET_KEY = os.environ.get("SECRET_KEY", "django-insecure-development-only-key")  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")  # noqa: F405
# The worker beside runserver (make run) prints the outbox's messages.
OUTBOX_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
SERVE_MEDIA_FILES = True
# WhiteNoise finds static files in the source folders, without collectstatic.
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns when STATIC_ROOT is missing, even though it serves from the finders here.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
# Developers see their changes at once.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "0"))
