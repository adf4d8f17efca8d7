"""The full-page cache (core/page_cache.py) serves anonymous visitors and follows publishing."""

import re

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from ambassadors.models import AmbassadorPage
from core import page_cache
from core.page_cache import CACHE_HEADER, GENERATION_KEY, PageCacheMiddleware, _path_version_key, invalidate_paths
from core.security import SitePolicyCSPMiddleware
from home.factories import ContentPageFactory
from home.models import HomePageFeaturedStory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site(home_page, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="OBS De Wielerbaan", slug="de-wielerbaan")
    other_school = SchoolPageFactory(parent=school_index, title="Kingschool", slug="kingschool")
    story = AmbassadorPageFactory(parent=ambassador_index, title="Anje Bechtel", slug="anje-bechtel", school=school)
    sibling = AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    HomePageFeaturedStory.objects.create(page=home_page, story=story, sort_order=0)
    return {"story": story, "sibling": sibling, "school": school, "other_school": other_school}


# Every page that shows the story "Anje Bechtel".
PAGES_SHOWING_STORY = [
    "/ambassadeurs/anje-bechtel/",
    "/ambassadeurs/",
    "/scholen/de-wielerbaan/",
    "/",
    "/ambassadeurs/femmy-sassen/",
]


def warm(client, *paths):
    for path in paths:
        client.get(path)
        response = client.get(path)
        assert response[CACHE_HEADER] == "hit", path


def publish_title(page, title):
    page = page.specific
    page.title = title
    page.save_revision().publish()


def test_second_anonymous_visit_is_served_from_the_cache(client, site):
    first = client.get("/ambassadeurs/anje-bechtel/")
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "miss"
    # A change that bypasses publishing is not seen: the page really comes from the cache.
    AmbassadorPage.objects.filter(pk=site["story"].pk).update(quote="Niet via publiceren")
    second = client.get("/ambassadeurs/anje-bechtel/")
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert "Niet via publiceren" not in second.content.decode()


def test_every_browser_language_gets_the_one_dutch_copy(client, site):
    # The site speaks Dutch only (LANGUAGES): an English browser is served the same cached page.
    first = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert first[CACHE_HEADER] == "miss"
    assert '<html lang="nl">' in first.content.decode()
    dutch = client.get("/", HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch[CACHE_HEADER] == "hit"


def test_a_cached_page_carries_a_fresh_nonce_that_its_policy_allows(rf):
    def page_with_inline_style(request):
        return HttpResponse(f'<style nonce="{request.csp_nonce}">p{{}}</style>')

    stack = SitePolicyCSPMiddleware(PageCacheMiddleware(page_with_inline_style))
    nonce_in = re.compile(r'nonce="([^"]+)"')
    first = stack(rf.get("/over-ons/"))
    hit = stack(rf.get("/over-ons/"))
    assert hit[CACHE_HEADER] == "hit"
    first_nonce = nonce_in.search(first.content.decode()).group(1)
    hit_nonces = set(nonce_in.findall(hit.content.decode()))
    assert len(hit_nonces) == 1 and first_nonce not in hit_nonces
    assert f"'nonce-{hit_nonces.pop()}'" in hit["Content-Security-Policy"]


def test_cached_page_gets_the_security_headers(client, site):
    client.get("/")
    hit = client.get("/")
    assert hit[CACHE_HEADER] == "hit"
    assert "Content-Security-Policy" in hit
    assert "Permissions-Policy" in hit


def test_cache_replaces_the_nonce_of_a_stored_page():
    request = RequestFactory().get("/")
    request.csp_nonce = "NIEUW"
    headers = (("Content-Type", "text/html; charset=utf-8"), ("Content-Security-Policy", "script-src 'nonce-OUD'"))
    entry = ((1, 2), 200, headers, b'<script type="application/ld+json" nonce="OUD">{}</script>', "OUD")
    _status, headers, content = page_cache._stored_response(request, entry)
    assert content == b'<script type="application/ld+json" nonce="NIEUW">{}</script>'
    assert dict(headers)["Content-Security-Policy"] == "script-src 'nonce-NIEUW'"


def test_publishing_a_story_clears_every_page_showing_it(client, site, editor):
    # Publishing goes through the approval workflow; its last step publishes the revision
    # with Wagtail's publish action past the permission check (core/workflow.py), as here,
    # which sends page_published.
    warm(client, *PAGES_SHOWING_STORY)
    story = site["story"].specific
    story.title = "Anje Bechtel-Nieuw"
    story.save_revision(user=editor).publish(user=editor, skip_permission_checks=True)
    for path in PAGES_SHOWING_STORY:
        page = client.get(path)
        assert page[CACHE_HEADER] == "miss", path
        assert "Anje Bechtel-Nieuw" in page.content.decode(), path


def test_publishing_clears_only_pages_that_show_it(client, site):
    warm(client, "/scholen/kingschool/", "/scholen/")
    publish_title(site["story"], "Anje B.")
    assert client.get("/scholen/kingschool/")[CACHE_HEADER] == "hit"
    assert client.get("/scholen/")[CACHE_HEADER] == "hit"


def test_moving_a_story_to_another_school_clears_the_old_school(client, site):
    warm(client, "/scholen/de-wielerbaan/", "/scholen/kingschool/")
    story = site["story"].specific
    story.school = site["other_school"]
    story.save_revision().publish()
    old_school = client.get("/scholen/de-wielerbaan/").content.decode()
    new_school = client.get("/scholen/kingschool/").content.decode()
    assert "Anje Bechtel" not in old_school
    assert "Anje Bechtel" in new_school


def test_unpublishing_clears_the_story_and_the_pages_listing_it(client, site):
    warm(client, *PAGES_SHOWING_STORY)
    site["story"].unpublish()
    assert client.get("/ambassadeurs/anje-bechtel/").status_code == 404
    for path in PAGES_SHOWING_STORY[1:]:
        assert "Anje Bechtel" not in client.get(path).content.decode(), path


def test_deleting_clears_the_story_and_the_pages_listing_it(client, site):
    warm(client, *PAGES_SHOWING_STORY)
    site["story"].delete()
    assert client.get("/ambassadeurs/anje-bechtel/").status_code == 404
    for path in PAGES_SHOWING_STORY[1:]:
        assert "Anje Bechtel" not in client.get(path).content.decode(), path


def test_moving_a_page_clears_its_old_address(client, home_page):
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over")
    contact = ContentPageFactory(parent=home_page, title="Contact", slug="contact")
    privacy = ContentPageFactory(parent=about, title="Privacyverklaring", slug="privacy")
    warm(client, "/over/privacy/")
    privacy.move(contact, pos="last-child")
    # Not the cached page any more, but Wagtail's automatic redirect to the new address.
    old = client.get("/over/privacy/")
    assert old.status_code == 301
    assert old["Location"] == "/contact/privacy/"
    assert client.get("/contact/privacy/").status_code == 200


def test_menu_pages_clear_every_page(client, site, home_page):
    about = ContentPageFactory(parent=home_page, title="Over ons", slug="over", show_in_menus=True)
    about.save_revision().publish()
    warm(client, "/ambassadeurs/anje-bechtel/")
    publish_title(about, "Over de Glans-techniek")
    response = client.get("/ambassadeurs/anje-bechtel/")
    assert response[CACHE_HEADER] == "miss"
    assert "Over de Glans-techniek" in response.content.decode()


def test_a_draft_is_never_shown(client, site, editor):
    warm(client, "/ambassadeurs/anje-bechtel/")
    story = site["story"].specific
    story.quote = "Conceptzin die nog niet gepubliceerd is"
    story.save_revision(user=editor)
    # A draft clears nothing and shows nowhere, cached or not.
    assert client.get("/ambassadeurs/anje-bechtel/")[CACHE_HEADER] == "hit"
    client.get("/ambassadeurs/anje-bechtel/")
    from django.core.cache import cache

    cache.clear()
    fresh = client.get("/ambassadeurs/anje-bechtel/")
    assert fresh[CACHE_HEADER] == "miss"
    assert "Conceptzin" not in fresh.content.decode()


def test_an_evicted_version_never_brings_back_a_stale_page(client, site):
    # Redis short of memory may evict any key (maxmemory-policy allkeys-lru), the versions
    # that made a page stale included, while the stale page itself stays.
    warm(client, "/ambassadeurs/anje-bechtel/")
    publish_title(site["story"], "Anje Bechtel-Nieuw")
    cache.delete_many([GENERATION_KEY, _path_version_key("/ambassadeurs/anje-bechtel/")])
    response = client.get("/ambassadeurs/anje-bechtel/")
    assert response[CACHE_HEADER] == "miss"
    assert "Anje Bechtel-Nieuw" in response.content.decode()
    assert client.get("/ambassadeurs/anje-bechtel/")[CACHE_HEADER] == "hit"


@pytest.mark.parametrize("first_visit", [True, False], ids=["first visit", "known page"])
def test_a_page_rendered_while_it_is_published_is_not_served_later(first_visit):
    def render_then_publish(request):
        # The page was read from the database before the publish finished.
        invalidate_paths(["/ambassadeurs/anje-bechtel/"])
        return HttpResponse("oude versie")

    if not first_visit:
        invalidate_paths(["/ambassadeurs/anje-bechtel/"])
    request = RequestFactory().get("/ambassadeurs/anje-bechtel/")
    PageCacheMiddleware(render_then_publish)(request)
    response = PageCacheMiddleware(lambda request: HttpResponse("nieuwe versie"))(request)
    assert response[CACHE_HEADER] == "miss"
    assert response.content == b"nieuwe versie"


def test_editors_previews_and_posts_are_never_cached(client, site, editor):
    warm(client, "/ambassadeurs/anje-bechtel/")
    AmbassadorPage.objects.filter(pk=site["story"].pk).update(quote="Nieuwe kernzin in de database")
    editor_client = type(client)()
    editor_client.force_login(editor)
    seen_by_editor = editor_client.get("/ambassadeurs/anje-bechtel/")
    assert CACHE_HEADER not in seen_by_editor
    assert "Nieuwe kernzin in de database" in seen_by_editor.content.decode()

    preview = editor_client.get(f"/admin/pages/{site['story'].pk}/edit/preview/")
    assert CACHE_HEADER not in preview
    posted = client.post("/ambassadeurs/anje-bechtel/")
    assert CACHE_HEADER not in posted
    assert client.get("/zoeken/?q=Anje").get(CACHE_HEADER) is None


@pytest.mark.parametrize(
    "personalise",
    [
        lambda response: response.set_cookie("csrftoken", "abc"),
        lambda response: response.headers.__setitem__("Vary", "User-Agent"),
        lambda response: response.headers.__setitem__("Cache-Control", "private"),
    ],
    ids=["sets-a-cookie", "varies-on-user-agent", "private"],
)
def test_personal_responses_such_as_forms_are_never_stored(settings, personalise):
    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse('<form method="post"><input name="csrfmiddlewaretoken" value="geheim"></form>')
        personalise(response)
        return response

    middleware = PageCacheMiddleware(view)
    for _ in range(2):
        response = middleware(RequestFactory().get("/contact/"))
        assert CACHE_HEADER not in response
    assert len(calls) == 2


def test_visitors_with_a_session_are_not_served_from_the_cache(client, site):
    warm(client, "/ambassadeurs/anje-bechtel/")
    client.cookies["sessionid"] = "iets"
    assert CACHE_HEADER not in client.get("/ambassadeurs/anje-bechtel/")


def test_no_public_get_writes_to_the_database(client, site):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for path in [*PAGES_SHOWING_STORY, "/scholen/", "/zoeken/?q=ouders"]:
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]
        assert writes == [], path


def test_pages_are_served_uncached_when_the_cache_server_is_away(client, site):
    from unittest import mock

    from django.core.cache import cache

    with mock.patch.object(cache, "get_many", side_effect=ConnectionError("Redis weg")):
        response = client.get("/ambassadeurs/anje-bechtel/")
    assert response.status_code == 200
    assert CACHE_HEADER not in response
    assert "Anje Bechtel" in response.content.decode()
