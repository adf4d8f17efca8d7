"""WSGI entry point, used by gunicorn in production."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

django_application = get_wsgi_application()

from core.page_cache import serve_hits_before_django  # noqa: E402 (once Django is set up)

# Page-cache hits are sent before Django's handler; everything else is Django's (core/page_cache.py).
application = serve_hits_before_django(django_application)
