"""WSGI entry point, used by gunicorn in production."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.production")

# What start-up builds (apps, models, URLconfs) lives as long as the worker: no cyclic collection
# during it (6% of start-up), and none walks it afterwards. With `gunicorn --preload` this also
# keeps the pages the workers share shared (https://docs.python.org/3/library/gc.html#gc.freeze).
gc.disable()
try:
    django_application = get_wsgi_application()

    from core.page_cache import serve_hits_before_django  # noqa: E402 (once Django is set up)
finally:
    gc.freeze()
    gc.enable()

# Page-cache hits are sent before Django's handler; everything else is Django's (core/page_cache.py).
application = serve_hits_before_django(django_application)
