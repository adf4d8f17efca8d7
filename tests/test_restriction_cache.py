"""
Changing a page's privacy (a view restriction: login, password or groups) clears every cached
copy that shows the page at once, as publishing does: the page and the pages below it, the
overviews that list it, the pages that link it, and the menu (page cache and site context).
"""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from core.page_cache import CACHE_HEADER
from home.factories import ContentPageFactory
from home.models import HomePageFeaturedStory

pytestmark = pytest.mark.django_db

STORY = "/ambassadeurs/anje-bechtel/"
SCHOOL = "/scholen/zonnewijzer/"
# Every page that shows the story "Anje Bechtel", itself first.
PAGES = [STORY, "/ambassadeurs/", SCHOOL, "/", "/ambassadeurs/femmy-sassen/"]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site(home_page, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Zonnewijzerschool", place="Kraggenburg", slug="zonnewijzer")
    story = AmbassadorPageFactory(
        parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel", school=school, quote="Ouders doen mee."
    )
    AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    HomePageFeaturedStory.objects.create(page=home_page, story=story, sort_order=0)
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over", show_in_menus=True)
    return {"story": story, "school": school, "about": about}


@pytest.fixture
def editor_client(editor):
    # Another engineer narrows who may change privacy; a superuser may in any case.
    editor_client = Client()
    editor_client.force_login(editor)
    return editor_client


def set_privacy(editor_client, page, restriction_type, **fields):
    """What the admin's privacy dialog (the padlock on a page) posts."""
    response = editor_client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": restriction_type, **fields}
    )
    assert response.status_code == 200
    assert '"step": "set_privacy_done"' in response.content.decode()


def warm(client, *paths):
    for path in paths:
        client.get(path)
        assert client.get(path)[CACHE_HEADER] == "hit", path


def text(client, path):
    """What an anonymous visitor reads on `path` (following a redirect to the login page)."""
    response = client.get(path, follow=True)
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


def menu(client, path):
    soup = BeautifulSoup(client.get(path).content, "html.parser")
    return [link.get_text(strip=True) for link in soup.select("header nav a, .site-menu a")]


@pytest.mark.parametrize(
    ("restriction_type", "fields"),
    [("password", {"password": "geheim"}), ("login", {})],
)
def test_making_a_story_private_clears_every_page_showing_it(client, site, editor_client, restriction_type, fields):
    warm(client, *PAGES, "/sitemap.xml")

    set_privacy(editor_client, site["story"], restriction_type, **fields)

    assert "Ouders doen mee." not in text(client, STORY)
    for path in PAGES[1:]:
        assert "Anje Bechtel" not in text(client, path), path
    assert STORY not in client.get("/sitemap.xml").content.decode()


def test_making_a_school_private_clears_the_stories_that_name_it(client, site, editor_client):
    warm(client, *PAGES, "/scholen/")

    set_privacy(editor_client, site["school"], "password", password="geheim")

    for path in [STORY, "/ambassadeurs/", "/", "/ambassadeurs/femmy-sassen/", "/scholen/"]:
        page = text(client, path)
        assert "Zonnewijzerschool" not in page, path
        assert "Kraggenburg" not in page, path
    assert "Femmy Sassen" not in text(client, SCHOOL)


def test_a_restriction_above_clears_the_pages_below_it(client, site, editor_client):
    warm(client, *PAGES)

    set_privacy(editor_client, site["school"].get_parent(), "login")

    assert "Femmy Sassen" not in text(client, SCHOOL)
    assert "Zonnewijzerschool" not in text(client, STORY)
    assert "Zonnewijzerschool" not in text(client, "/ambassadeurs/")


def test_making_the_story_public_again_shows_it_at_once(client, site, editor_client):
    set_privacy(editor_client, site["story"], "password", password="geheim")
    warm(client, *PAGES[1:])
    assert "Anje Bechtel" not in text(client, "/ambassadeurs/")

    warm(client, "/sitemap.xml")

    set_privacy(editor_client, site["story"], "none")

    assert "Ouders doen mee." in text(client, STORY)
    assert STORY in client.get("/sitemap.xml").content.decode()
    for path in PAGES[1:]:
        assert "Anje Bechtel" in text(client, path), path


@pytest.mark.parametrize("page_cache_seconds", [300, 0])
def test_making_a_menu_page_private_takes_it_out_of_the_menu(client, site, editor_client, settings, page_cache_seconds):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    assert "Over ons" in menu(client, STORY)
    assert "Over ons" in menu(client, STORY)  # from the cache, where it is on

    set_privacy(editor_client, site["about"], "login")

    for path in [STORY, "/ambassadeurs/", "/"]:
        assert "Over ons" not in menu(client, path), path


def test_making_the_call_to_action_page_private_clears_the_home_page(client, site, editor_client, home_page):
    # A page the home page shows only through its call to action (not in the menu).
    method = ContentPageFactory(parent=site["about"], title="De werkwijze", slug="werkwijze")
    home_page.cta_title = "Praten met een ambassadeur?"
    home_page.cta_page = method
    home_page.save()
    warm(client, "/", "/ambassadeurs/")
    assert "De werkwijze" in text(client, "/")

    set_privacy(editor_client, method, "login")

    assert "De werkwijze" not in text(client, "/")
    assert client.get("/ambassadeurs/")[CACHE_HEADER] == "hit"  # only what shows it was cleared


def test_a_restriction_set_in_code_clears_the_pages_too(client, site):
    warm(client, *PAGES)

    restriction = PageViewRestriction.objects.create(page=site["school"], restriction_type=PageViewRestriction.LOGIN)
    assert "Zonnewijzerschool" not in text(client, STORY)

    warm(client, STORY)
    restriction.delete()
    assert "Zonnewijzerschool" in text(client, STORY)
