"""
The site context (home/site_context.py): the Site, settings, menu and the contact and privacy
links of public pages come from the shared cache, and follow every change editors make.

The page cache is off here (the test settings' default), so each request renders the page.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from home import site_context
from home.factories import ContentPageFactory
from home.models import OrganisationSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home_page, ambassador_index, school_index, contact_page):
    school = SchoolPageFactory(parent=school_index, title="OBS De Wielerbaan", slug="de-wielerbaan")
    return AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel", school=school)


def organisation():
    return OrganisationSettings.objects.get(site__is_default_site=True)


def menu_of(html):
    start = html.index('aria-label="Hoofdmenu"')
    return html[start : html.index("</nav>", start)]


def table_queries(client, path, table):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return [query["sql"] for query in queries if f'FROM "{table}"' in query["sql"]]


def test_a_second_request_reads_site_settings_and_menu_from_the_cache(client, story):
    path = "/ambassadeurs/anje-bechtel/"
    assert table_queries(client, path, "wagtailcore_site")
    assert table_queries(client, path, "home_organisationsettings") == []
    assert table_queries(client, path, "wagtailcore_site") == []
    assert table_queries(client, path, "contact_contactpage") == []


def test_a_page_published_in_the_menu_appears_on_the_next_request(client, home_page, story):
    assert "Over ons" not in menu_of(client.get("/ambassadeurs/anje-bechtel/").content.decode())
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over-ons", show_in_menus=True)
    about.save_revision().publish()
    menu = menu_of(client.get("/ambassadeurs/anje-bechtel/").content.decode())
    assert '<a href="/over-ons/">Over ons</a>' in menu


def test_an_unpublished_menu_page_leaves_the_menu(client, home_page, story):
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over-ons", show_in_menus=True)
    assert "Over ons" in menu_of(client.get("/").content.decode())
    about.unpublish()
    assert "Over ons" not in menu_of(client.get("/").content.decode())


def test_saved_settings_show_on_the_next_request(client, story):
    client.get("/ambassadeurs/anje-bechtel/")
    settings = organisation()
    settings.organisation_name = "Klaver Centrum"
    settings.secretariat_email = "nieuw@klaver.example"
    settings.save()
    html = client.get("/ambassadeurs/anje-bechtel/").content.decode()
    assert "Klaver Centrum" in html
    assert "mailto:nieuw@klaver.example" in html


def test_moving_the_privacy_page_updates_its_links(client, home_page, story):
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over-ons")
    privacy = ContentPageFactory(parent=home_page, title="Privacyverklaring", slug="privacy")
    settings = organisation()
    settings.privacy_page = privacy
    settings.save()
    assert 'href="/privacy/"' in client.get("/ambassadeurs/anje-bechtel/").content.decode()
    privacy.move(about, pos="last-child")
    html = client.get("/ambassadeurs/anje-bechtel/").content.decode()
    assert 'href="/privacy/"' not in html
    # The footer and the story's contact form both link it.
    assert html.count('href="/over-ons/privacy/"') == 2


def test_an_unpublished_contact_page_leaves_the_story_form(client, story, contact_page):
    assert 'action="/contact/"' in client.get("/ambassadeurs/anje-bechtel/").content.decode()
    contact_page.unpublish()
    html = client.get("/ambassadeurs/anje-bechtel/").content.decode()
    assert 'action="/contact/"' not in html
    assert "Neem contact op met ons secretariaat" in html


def test_a_changed_site_hostname_is_used_on_the_next_request(client, story):
    assert client.get("/ambassadeurs/anje-bechtel/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.hostname = "glans.example"
    site.port = 443
    site.save()
    html = client.get("/ambassadeurs/anje-bechtel/").content.decode()
    assert '<link rel="canonical" href="https://glans.example/ambassadeurs/anje-bechtel/">' in html


def test_an_entry_built_before_a_change_is_never_used(rf, story):
    request = rf.get("/")
    site_context.for_request(request)
    entry = cache.get(site_context._entry_key(request))
    site_context.invalidate()
    # A request that read the generation before the change stores what it built under it...
    cache.set(site_context._entry_key(request), entry)
    # ...and the next request, which sees the new generation, builds its own.
    assert site_context.for_request(rf.get("/")) is not entry["context"]


def test_an_evicted_generation_never_brings_back_an_old_menu(client, home_page, story):
    cache.clear()  # A cache server that has just started.
    assert "Over ons" not in menu_of(client.get("/ambassadeurs/anje-bechtel/").content.decode())
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over-ons", show_in_menus=True)
    about.save_revision().publish()
    # Redis short of memory may evict the generation key and keep the old entry.
    cache.delete(site_context.GENERATION_KEY)
    menu = menu_of(client.get("/ambassadeurs/anje-bechtel/").content.decode())
    assert '<a href="/over-ons/">Over ons</a>' in menu


def test_pages_are_served_when_the_cache_is_unavailable(client, story, monkeypatch):
    def unavailable(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(site_context.cache, "get_many", unavailable)
    response = client.get("/ambassadeurs/anje-bechtel/")
    assert response.status_code == 200
    assert "Anje Bechtel" in response.content.decode()


@pytest.mark.parametrize(
    ("method", "path", "uses_context"),
    [("GET", "/ambassadeurs/anje-bechtel/", True), ("GET", "/admin/pages/", False), ("POST", "/contact/", False)],
)
def test_only_public_reads_use_the_site_context(rf, story, method, path, uses_context):
    request = rf.generic(method, path)
    site_context.SiteContextMiddleware(lambda request: None)(request)
    # With the context, Wagtail finds the request's Site without asking the database.
    with CaptureQueriesContext(connection) as queries:
        Site.find_for_request(request)
    assert (len(queries) == 0) is uses_context


def test_an_unknown_host_gets_a_bad_request_and_no_cache_entry(client, story):
    response = client.get("/ambassadeurs/anje-bechtel/", HTTP_HOST="elders.example")
    assert response.status_code == 400
    assert site_context.cache.get(f"site-context:{site_context.FORMAT}:elders.example:80") is None


def test_both_contact_forms_link_the_privacy_statement(client, home_page, story):
    privacy = ContentPageFactory(parent=home_page, title="Privacyverklaring", slug="privacy")
    settings = organisation()
    settings.privacy_page = privacy
    settings.save()
    link = '<a href="/privacy/">Lees de privacyverklaring</a>'
    # The story page's form (rendered once per process) and the form on /contact/.
    assert link in client.get("/ambassadeurs/anje-bechtel/").content.decode()
    assert link in client.get("/contact/").content.decode()
