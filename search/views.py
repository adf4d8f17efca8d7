from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Page

from .snippets import make_snippet

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 100


def search(request):
    """
    Search published pages with Wagtail's search backend (the database backend: SQLite's
    full text search in development, PostgreSQL's in production).

    Only live, public pages: drafts and pages waiting in a workflow never come up. The ranking
    is core/search_backend.py's: on SQLite its work grows with the site, not its square; on
    PostgreSQL the query is parsed once and matched through the GIN index.
    """
    # Double quotes are query syntax to SQLite's full-text search (an unclosed one is an
    # error there); the search box offers no phrase search, so they are only spaces here.
    query = " ".join(request.GET.get("q", "").replace('"', " ").split())
    message = ""
    results = Page.objects.none()
    if not query:
        message = _("Typ een zoekterm, bijvoorbeeld de naam van een school, een plaats of een onderwerp.")
    elif len(query) > MAX_QUERY_LENGTH:
        message = _("Je zoekterm is te lang. Gebruik hoogstens %(max)s tekens, bijvoorbeeld een paar trefwoorden.") % {
            "max": MAX_QUERY_LENGTH
        }
    else:
        results = Page.objects.live().public().exclude(depth__lte=1).specific().search(query)
    page = Paginator(results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    for result in page:
        result.search_snippet = make_snippet(result, query)
    context = {
        "search_query": query,
        "search_results": page,
        "search_message": message,
        "max_query_length": MAX_QUERY_LENGTH,
        "meta_title": _("Zoeken"),
        "meta_description": _("Zoek in de verhalen van ambassadeurs en scholen die met de Glans-techniek werken."),
        # Result pages are for visitors, not for search engines' indexes.
        "meta_robots": "noindex, follow",
    }
    return TemplateResponse(request, "search/search.html", context)
