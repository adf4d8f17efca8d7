"""
Settings shared by every environment.

Environment-specific modules (dev, test, production) import everything from here and
override what differs. Anything secret or host-specific comes from the environment.
"""

import os
from email.utils import parseaddr
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from wagtail.embeds.oembed_providers import vimeo, youtube

from core import paths

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Runtime state (SQLite database, uploaded media, collected static files) lives in var/,
# which git ignores.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_list(name, default=""):
    """A comma-separated environment variable as a list, without empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")

INSTALLED_APPS = [
    "core",
    "home",
    "ambassadors",
    "search",
    "contact",
    "demo",
    "django_tasks",
    "django_tasks_db",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "csp",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Anonymous GETs of public pages from the cache, stored with every header the stack below
    # gives them: a hit runs no other middleware. (Requests to be redirected to HTTPS and
    # addresses with a NUL byte go on to the two that answer them.)
    "core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers (issue 6): CSP with a nonce per response, Permissions-Policy.
    "core.security.SitePolicyCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # A 400 for NUL bytes in the path or parameters, before any view sees them.
    "core.bad_input.RejectNulBytesMiddleware",
    # The Site, settings and menu of public pages from the shared cache (home/site_context.py).
    "home.site_context.SiteContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Admin views ambassadors have no use for: refused in one place (ambassadors/admin_privacy.py).
    "ambassadors.admin_privacy.AmbassadorAdminScopeMiddleware",
    # After an approval or rejection, a message saying what happened and what comes next.
    "ambassadors.outcomes.WorkflowOutcomeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "core.throttle.ThrottleMiddleware",
    # Last, as django-axes requires: turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

# SQLite in var/ unless DATABASE_URL names another database (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite as a server's database: write-ahead logging, so pages are read while a contact
    # request or the worker writes (in the default journal mode every write blocks every
    # reader); writes take the lock when their transaction begins (IMMEDIATE), so two writers
    # queue for it instead of one failing with "database is locked" halfway; and a writer
    # waits up to 20 s for its turn. https://docs.djangoproject.com/en/5.2/ref/databases/#sqlite-notes
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The site and its admin speak Dutch only. The project's own words are written in Dutch, so an
# English admin would mix Wagtail's English with our Dutch on every page; and a second
# language doubles the .po work for five staff members who all read Dutch. locale/nl/ holds
# the project's corrections of Wagtail's and Django's Dutch (jargon, "u" where we say "je");
# its compiled .mo is committed, so a fresh clone runs without gettext (see locale/README.md).
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = paths.STATIC
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
MEDIA_URL = paths.MEDIA
# Whether Django itself serves MEDIA_URL (development and tests only).
SERVE_MEDIA_FILES = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail's page editor posts many fields for a long StreamField.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email: every message goes to the outbox (core/outbox.py) in the request's transaction; the
# worker delivers it through OUTBOX_DELIVERY_BACKEND (EMAIL_BACKEND in the environment
# chooses that one) and the SMTP server below.
EMAIL_BACKEND = "core.outbox.OutboxEmailBackend"
OUTBOX_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Attempts per message before it is marked failed; the wait doubles from the base (at most an
# hour); a worker's claim on a message it is sending lasts this long (see core/outbox.py).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "8"))
OUTBOX_RETRY_BASE_SECONDS = int(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "60"))
OUTBOX_LEASE_SECONDS = int(os.environ.get("OUTBOX_LEASE_SECONDS", "300"))
# Sent messages are deleted after this many days (failed and waiting ones are kept).
OUTBOX_KEEP_SENT_DAYS = int(os.environ.get("OUTBOX_KEEP_SENT_DAYS", "30"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Klaver CT <noreply@klaverct.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Errors of the live site are mailed here (through the outbox): "Name <a@b>, Name <c@d>".
ADMINS = [parseaddr(admin) for admin in env_list("ADMINS")]

# Background work: Django's task framework as Wagtail uses it (django-tasks), on the database
# (django-tasks-db), run by `manage.py db_worker` (docs/deploying.md). Wagtail's search and
# reference indexing and frontend-cache purges go through it, and so does the outbox.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# How often each worker looks for due periodic jobs (core/schedule.py).
SCHEDULE_TICK_SECONDS = int(os.environ.get("SCHEDULE_TICK_SECONDS", "30"))

# Contact requests (see docs/contactverzoeken.md). The secretariat's address and phone are
# site settings (Instellingen > Organisatie); these are the fallback when those are empty.
CONTACT_SECRETARIAT_EMAIL = os.environ.get("CONTACT_SECRETARIAT_EMAIL", "")
CONTACT_SECRETARIAT_PHONE = os.environ.get("CONTACT_SECRETARIAT_PHONE", "")
# Handled requests are removed this many days after handling (purge_contact_requests).
CONTACT_REQUEST_RETENTION_DAYS = int(os.environ.get("CONTACT_REQUEST_RETENTION_DAYS", "365"))
# At most this many stored requests per client per window (seconds).
CONTACT_RATE_LIMIT = (int(os.environ.get("CONTACT_RATE_LIMIT", "5")), 3600)
# Reverse proxies in front of the site that append to X-Forwarded-For (0: use REMOTE_ADDR);
# the one rule for the client's address is core/client_ip.py. The older names still work.
TRUSTED_PROXY_COUNT = int(
    os.environ.get("TRUSTED_PROXY_COUNT")
    or os.environ.get("CONTACT_TRUSTED_PROXY_COUNT")
    or os.environ.get("AXES_PROXY_COUNT")
    or "0"
)
# At most this many confirmation emails per recipient address per day; later requests are
# stored and reach the secretariat, without a confirmation.
CONTACT_CONFIRMATIONS_PER_ADDRESS = int(os.environ.get("CONTACT_CONFIRMATIONS_PER_ADDRESS", "3"))
# The retry command gives up on a request's emails after this many attempts (it stays in the inbox).
CONTACT_NOTIFICATION_MAX_ATTEMPTS = int(os.environ.get("CONTACT_NOTIFICATION_MAX_ATTEMPTS", "20"))

# Wagtail
WAGTAIL_SITE_NAME = "Glans-techniek"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Pages go live only through the workflow's last approval (core/workflow.py).
WAGTAIL_FINISH_WORKFLOW_ACTION = "core.workflow.publish_approved_workflow_state"
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No autosave: a draft is saved when someone presses "Bewaar concept" (or submits), so every
# revision in the history is one somebody chose, and the consent step counts only what a person
# saved. Wagtail's unsaved-changes warning still stops her leaving with unsaved edits.
WAGTAIL_AUTOSAVE_INTERVAL = 0
# No "Nieuwe versie van Wagtail beschikbaar" banner (and no call to wagtail.org from editors'
# browsers): upgrades follow the lock files (make lock), not the admin.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "core.search_backend"}}
WAGTAILIMAGES_IMAGE_MODEL = "wagtailimages.Image"
# Renditions in a modern format: the browsers the site supports all show WebP. Templates ask
# for AVIF explicitly where a <picture> offers it next to WebP.
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "webp", "heic": "webp", "jpeg": "webp", "png": "webp", "webp": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]

# Video references come from YouTube or Vimeo only; no other provider is asked for embeds.
WAGTAILEMBEDS_FINDERS = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [youtube, vimeo],
    }
]

# The public API (/api/v2/) only reads; only what is published is in it (see website/api.py).
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50

# --- Security hardening (issue 6) ---------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# No one frames the site. Wagtail's preview views override this with SAMEORIGIN themselves,
# so the preview panel inside the admin keeps working.
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4). The public site runs no inline script; anything
# inline needs nonce="{{ request.csp_nonce }}". The admin gets its own policy, see core/security.py.
VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "frame-src": VIDEO_PLAYER_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
PERMISSIONS_POLICY = {
    "autoplay": ["self", *VIDEO_PLAYER_ORIGINS],
    "fullscreen": ["self", *VIDEO_PLAYER_ORIGINS],
    "encrypted-media": VIDEO_PLAYER_ORIGINS,
    "picture-in-picture": VIDEO_PLAYER_ORIGINS,
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
    "browsing-topics": [],
}

# Editors' avatars are not fetched from Gravatar: it would send their e-mail hashes to a
# third party (and the admin's policy allows images from this site only).
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# django-axes watches every authenticate() call, so Wagtail's own login view is covered.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
# Lock the combination, so an attacker cannot lock a known editor out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "home/login_locked_out.html"
# The client address by the site's one rule (TRUSTED_PROXY_COUNT), not ipware's own.
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

# Uploads: bounded size and pixels, bitmap formats only (no SVG, which can carry script).
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Documents go through Django, so Wagtail sets Content-Disposition: attachment (inline only
# for PDF) and a "default-src 'none'" policy on each file.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# Forms throttled per client address (core/throttle.py): URL name -> (POSTs, seconds).
THROTTLED_VIEWS = {
    "wagtailcore_authenticate_with_password": (int(os.environ.get("PAGE_PASSWORD_RATE_LIMIT", "10")), 900),
    "wagtailadmin_password_reset": (int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5")), 3600),
}
# Of these, only failed attempts count: the right page password (a redirect) gives its use back.
THROTTLE_COUNT_FAILURES_ONLY = {"wagtailcore_authenticate_with_password"}

# The reset form's work (lookup, token, email) waits until the response is out, so known and
# unknown addresses get their answer in the same time (core/password_reset.py).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.password_reset.DeferredPasswordResetForm"  # noqa: S105 (a class path)
WAGTAILADMIN_USER_LOGIN_FORM = "core.login_form.SiteLoginForm"

# A refused CSRF token gets a Dutch page that says what to do (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "core.views.csrf_failure"

# Full-page cache of public pages (core/page_cache.py); 0 switches it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
