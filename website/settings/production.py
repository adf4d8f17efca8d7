"""
Production: everything from the environment. See docs/deploying.md for the full list.

Required: SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL (PostgreSQL), REDIS_URL, WAGTAILADMIN_BASE_URL.
Nothing another application server would need is kept in process memory or on local disk:
sessions, cache, page cache and login lock-outs live in PostgreSQL and Redis.
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set the SECRET_KEY environment variable.")

# PostgreSQL. Persistent connections with a health check, so a connection the database
# dropped (restart, fail-over) is replaced on the next request instead of failing it.
if os.environ.get("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.config(
            conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    }
    DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Fail fast when the database is unreachable: visitors get the 503 page, not a hang.
        DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
else:
    # SQLite, the embedded default (base.py): each worker keeps its connection too. Opening one
    # costs more than a story page's queries (SQLite reads the schema again and Django registers
    # its functions): about 1.7 ms a request (docs/performance.md).
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))  # noqa: F405

# Redis through django-redis: the cache (and the page cache) shared by all servers. It keeps one
# redis-py client per server; Django's own backend builds a new client for every cache call, about
# half the time of a page-cache hit (docs/performance.md).
# Without REDIS_URL (a single server, or `manage.py check`), a local-memory cache.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "glans"),
            "TIMEOUT": 600,
            # A Redis outage slows nothing down for long.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 2, "SOCKET_TIMEOUT": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions read from the cache, written through to the database: fast, and no one is
# logged out when Redis restarts.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Mail: SMTP from the environment (EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, ... in base.py).
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")  # noqa: F405

# TLS is terminated by the proxy in front of the application server.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")  # noqa: F405

# Wagtail's frontend cache invalidation, when a CDN sits in front of the site: publishing a
# page then purges its URL at the CDN too. FRONTEND_CACHE=cloudflare|cloudfront|http.
# https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "")
if FRONTEND_CACHE:
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    if FRONTEND_CACHE == "cloudflare":
        backend = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": os.environ.get("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": os.environ.get("CLOUDFLARE_ZONEID", ""),
        }
    elif FRONTEND_CACHE == "cloudfront":
        backend = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": os.environ.get("CLOUDFRONT_DISTRIBUTION_ID", ""),
        }
    elif FRONTEND_CACHE == "http":
        # A Varnish or Squid cache that accepts PURGE requests.
        backend = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": os.environ.get("FRONTEND_CACHE_LOCATION", ""),
        }
    else:
        raise ImproperlyConfigured("FRONTEND_CACHE must be cloudflare, cloudfront or http.")
    WAGTAILFRONTENDCACHE = {"default": backend}

# Server errors reach a person: mailed to ADMINS through the outbox (Django's mail_admins
# handler), and sent to Sentry as well when SENTRY_DSN is set, without personal data.
if os.environ.get("SENTRY_DSN"):
    import sentry_sdk

    sentry_sdk.init(
        dsn=os.environ["SENTRY_DSN"],
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=0.0,
    )

# Structured logging: one JSON object per line on stdout, for the platform's log collector.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "website.logging.JsonLinesFormatter"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django logs every 4xx/5xx request here; gunicorn's access log has the rest.
        "django.request": {"level": "WARNING"},
    },
}
