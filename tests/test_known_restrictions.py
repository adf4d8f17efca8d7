"""
A public request knows where the site's view restrictions start from the shared site context
(core.queries.restricted_roots, home/site_context.py), so the page served and its queries test
tree paths instead of asking the database. It follows Wagtail's rule, and a change that hides a
page shows on the next uncached render: the site context is made stale by it.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from core.queries import public_pages, restricted_roots
from core.visibility import is_below_a_restriction, known_restricted_roots, restricted_roots_known
from home.factories import ContentPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    """Restrictions of their own, an ancestor's, and aliases of a restricted page and below one."""
    open_section = ContentPageFactory(parent=home_page, title="Open", slug="open")
    closed_section = ContentPageFactory(parent=home_page, title="Besloten", slug="besloten")
    ContentPageFactory(parent=closed_section, title="Onder besloten", slug="onder-besloten")
    own_password = ContentPageFactory(parent=open_section, title="Eigen wachtwoord", slug="eigen-wachtwoord")
    ContentPageFactory(parent=own_password, title="Onder wachtwoord", slug="onder-wachtwoord")
    PageViewRestriction.objects.create(page=closed_section, restriction_type="login")
    PageViewRestriction.objects.create(page=own_password, restriction_type="password", password="geheim")
    own_password.create_alias(parent=home_page, update_slug="alias-van-eigen-wachtwoord")
    open_section.create_alias(parent=closed_section, update_slug="open-onder-besloten")
    return home_page


def test_the_restricted_paths_follow_wagtails_rule(tree):
    roots = restricted_roots()

    for page in Page.objects.all():
        assert is_below_a_restriction(page.path, roots) == Page.get_view_restrictions(page).exists(), page.title


def test_public_pages_with_known_paths_match_wagtails_public(tree):
    pages = list(Page.objects.specific())
    with restricted_roots_known(restricted_roots()):
        known = set(public_pages(Page.objects.all()).values_list("pk", flat=True))
        restricted = {page.pk: list(page.get_view_restrictions()) for page in pages}

    assert known == set(Page.objects.public().values_list("pk", flat=True))
    for page in pages:
        assert set(restricted[page.pk]) == set(Page.get_view_restrictions(page)), page.title


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Zonnewijzerschool", place="Kraggenburg", slug="zonnewijzer")
    AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    return AmbassadorPageFactory(
        parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel", school=school, quote="Ouders doen mee."
    )


def test_a_public_story_asks_nothing_of_the_restrictions(client, story):
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(story.url).status_code == 200

    assert not [query["sql"] for query in queries if "pageviewrestriction" in query["sql"]]
    assert known_restricted_roots() is None  # only for the request: the rest of the process asks


def test_a_restriction_shows_on_the_next_render(client, story):
    assert "Ouders doen mee." in client.get(story.url).content.decode()  # the site context is warm

    PageViewRestriction.objects.create(page=story, restriction_type="password", password="geheim")

    response = client.get(story.url)
    assert "Ouders doen mee." not in response.content.decode()
    assert 'name="password"' in response.content.decode()
    assert "Anje Bechtel" not in client.get("/ambassadeurs/femmy-sassen/").content.decode()


def test_a_school_restriction_shows_on_the_story_at_once(client, story):
    assert "Zonnewijzerschool" in client.get(story.url).content.decode()

    PageViewRestriction.objects.create(page=story.school, restriction_type="login")

    assert "Zonnewijzerschool" not in client.get(story.url).content.decode()


def test_a_page_moved_below_a_restriction_is_restricted_at_once(client, home_page):
    closed = ContentPageFactory(parent=home_page, title="Besloten", slug="besloten")
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    moving = ContentPageFactory(parent=home_page, title="Verhuizend", slug="verhuizend", introduction="Geheim plan.")
    assert "Geheim plan." in client.get("/verhuizend/").content.decode()

    moving.move(closed, pos="last-child")

    assert client.get("/besloten/verhuizend/").status_code == 302  # to the login page


def test_a_new_alias_of_a_restricted_page_is_restricted_at_once(client, home_page):
    section = ContentPageFactory(parent=home_page, title="Sectie", slug="sectie")
    locked = ContentPageFactory(parent=section, title="Op slot", slug="op-slot", introduction="Alleen voor leden.")
    PageViewRestriction.objects.create(page=locked, restriction_type="login")
    assert client.get("/sectie/").status_code == 200  # the site context is warm

    locked.create_alias(parent=section, update_slug="kopie")

    assert client.get("/sectie/kopie/").status_code == 302
