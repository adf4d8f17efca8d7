"""
HomePage.route finds a page with one query on its URL path (home/models.py) and must answer
exactly as Wagtail's own tree walk (`Page.route`) does.
"""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page, ambassador_index, school_index, contact_page):
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over-ons")
    ContentPageFactory(parent=about, title="Privacy", slug="privacy")
    hidden = ContentPageFactory(parent=home_page, title="Concept", slug="concept", live=False)
    ContentPageFactory(parent=hidden, title="Onder concept", slug="onder-concept")
    school = SchoolPageFactory(parent=school_index, slug="de-wielerbaan")
    AmbassadorPageFactory(parent=ambassador_index, slug="anje-bechtel", school=school)
    AmbassadorPageFactory(parent=ambassador_index, slug="in-concept", school=school, live=False)
    return home_page


PATHS = [
    "/ambassadeurs/",
    "/ambassadeurs/anje-bechtel/",
    "/ambassadeurs/in-concept/",
    "/ambassadeurs/anje-bechtel/meer/",
    "/ambassadeurs/onbekend/",
    "/scholen/de-wielerbaan/",
    "/over-ons/privacy/",
    "/over-ons/privacy/meer/",
    "/concept/",
    "/concept/onder-concept/",
    "/contact/",
    "/contact/bedankt/",
    "/contact/onbekend/",
    "/onbekend/",
    "/onbekend/ook/",
]


def route(start, path, walk):
    components = [component for component in path.split("/") if component]
    request = RequestFactory().get(path)
    try:
        page, args, kwargs = walk(start, request, components)
    except Http404:
        return "404"
    # A routable page's view comes back as a bound method: compare its name.
    args = tuple(getattr(arg, "__name__", arg) for arg in args)
    return (page.pk, type(page).__name__, args, kwargs)


@pytest.mark.parametrize("path", PATHS)
def test_routes_every_path_as_wagtails_tree_walk_does(tree, path):
    home = tree.specific
    ours = route(home, path, lambda page, request, components: page.route(request, components))
    wagtails = route(home, path, lambda page, request, components: Page.route(page, request, components))
    assert ours == wagtails


def test_a_draft_page_is_not_found_but_a_live_page_below_a_draft_is(client, tree):
    assert client.get("/ambassadeurs/in-concept/").status_code == 404
    assert client.get("/concept/").status_code == 404
    # As in Wagtail: only the requested page has to be live.
    assert client.get("/concept/onder-concept/").status_code == 200


def test_a_story_is_found_with_its_parent_school_and_portrait_in_two_queries(tree):
    request = RequestFactory().get("/ambassadeurs/anje-bechtel/")
    home = tree.specific
    with CaptureQueriesContext(connection) as queries:
        story, _args, _kwargs = home.route(request, ["ambassadeurs", "anje-bechtel"])
        # Read without a query: found on the way, or joined to the page.
        parent_url_path = story.get_parent().url_path
        school = story.school
    assert len(queries) == 2
    assert parent_url_path == "/glans/ambassadeurs/"
    assert school.slug == "de-wielerbaan"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plan")
def test_the_routing_query_reads_the_pages_of_those_slugs_not_every_page(tree):
    request = RequestFactory().get("/ambassadeurs/anje-bechtel/")
    with CaptureQueriesContext(connection) as queries:
        tree.specific.route(request, ["ambassadeurs", "anje-bechtel"])
    routing = queries.captured_queries[0]["sql"]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {routing}")
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    # url_path has no index of its own: without the slugs the database read every page.
    assert "SCAN wagtailcore_page" not in plan
    assert "wagtailcore_page_slug" in plan
