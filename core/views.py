"""Site-wide error views, and the favicon at the address browsers ask for."""

import logging
import sys

from django.contrib.staticfiles import finders
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse
from django.template import loader
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# How long a visitor's browser (or a proxy) should wait before asking again.
DATABASE_RETRY_AFTER_SECONDS = 30


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """
    Django's handler500, with a friendly 503 when the database cannot be reached.

    Django calls this inside its exception handler, so the exception is in sys.exc_info().
    Django closes a broken database connection at the end of the request and opens a new
    one on the next, so the site recovers by itself once the database is back.
    The templates are rendered without context processors: they need no database.
    """
    error = sys.exc_info()[1]
    context = {"request": request}
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("Database unavailable: %s", error)
        response = _render("503.html", context, status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        return response
    return _render(template_name, context, status=500)


def _render(template_name, context, status):
    response = HttpResponse(loader.get_template(template_name).render(context), status=status)
    response["Cache-Control"] = "no-store"
    return response


@requires_csrf_token
def bad_request(request, exception, template_name="400.html"):
    """Django's handler400 (SuspiciousOperation and the like), Dutch and self-contained."""
    return _render(template_name, {"request": request}, status=400)


@requires_csrf_token
def permission_denied(request, exception, template_name="403.html"):
    """Django's handler403, Dutch and self-contained."""
    return _render(template_name, {"request": request}, status=403)


def csrf_failure(request, reason="", template_name="403_csrf.html"):
    """CSRF_FAILURE_VIEW: a form whose token expired or was refused, explained in Dutch."""
    return _render(template_name, {"request": request}, status=403)


def favicon(request):
    """
    /favicon.ico, which browsers and feed readers request whatever the page says: the icon
    file from the static files (templates/base.html links it under /static/ as well).
    """
    path = finders.find("favicon.ico")
    if path is None:
        raise Http404
    response = FileResponse(open(path, "rb"), content_type="image/x-icon")  # noqa: SIM115 (FileResponse closes it)
    response["Cache-Control"] = "public, max-age=86400"
    return response
