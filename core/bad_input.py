"""
Addresses carrying a NUL byte get a 400, before the page cache or any view sees them.

No page, filter or API parameter of the site has a use for NUL, and PostgreSQL refuses it in
text, so a NUL that reached a query would be a 500 in production (SQLite's full-text search
trips on it too). One check here, for the path and every GET parameter (names and values),
spares each view and API filter its own. Form posts are left to the forms: Django's text
fields refuse NUL with a message by the field, and the form keeps what the visitor typed.
"""

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from . import paths

NUL = "\x00"


def query_has_nul(query_dict):
    """Whether a parameter name or value of this QueryDict carries a NUL byte."""
    return any(NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists())


def bad_request(request, message):
    """A 400 saying what is wrong: JSON for the API (as Wagtail's API answers), else the Dutch page."""
    if request.path.startswith(paths.API):
        response = JsonResponse({"message": message}, status=400)
    else:
        response = HttpResponse(render_to_string("400.html", {"message": message}, request), status=400)
    response["Cache-Control"] = "no-store"
    return response


def has_nul(request):
    """Whether the path or a GET parameter (name or value) carries a NUL byte."""
    return NUL in request.path or query_has_nul(request.GET)


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            return bad_request(request, _("Het adres bevat een ongeldig teken (een nul-byte). Controleer de link."))
        return self.get_response(request)
