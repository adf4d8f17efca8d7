"""
Drafts and pages waiting for review never show anywhere public: lists, school pages, the
home page, search, the sitemap and the API.
"""

import pytest
from wagtail.models import PageViewRestriction

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, question_answer
from home.factories import ImageFactory
from home.models import HomePageFeaturedStory
from tests.support.pages import submit_for_review

pytestmark = pytest.mark.django_db

SECRET = "geheimwoord"


@pytest.fixture
def pages(home_page, ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Openbare School", slug="openbare-school")
    published = AmbassadorPageFactory(
        parent=ambassador_index, title="Gepubliceerd Verhaal", slug="gepubliceerd", school=school
    )
    draft = AmbassadorPageFactory(
        parent=ambassador_index,
        title="Concept Verhaal",
        slug="concept",
        school=school,
        live=False,
        portrait=ImageFactory(title="portret-concept"),
        body=[question_answer(f"<p>Een {SECRET} in een concept.</p>")],
    )
    in_review = submit_for_review(
        AmbassadorPageFactory(
            parent=ambassador_index,
            title="Verhaal In Beoordeling",
            slug="in-beoordeling",
            school=school,
            live=False,
            body=[question_answer(f"<p>Een {SECRET} in beoordeling.</p>")],
        )
    )
    draft_school = SchoolPageFactory(parent=school_index, title="Concept School", slug="concept-school", live=False)
    for position, story in enumerate([published, draft, in_review]):
        HomePageFeaturedStory.objects.create(page=home_page, story=story, sort_order=position)
    return {"published": published, "draft": draft, "in_review": in_review, "draft_school": draft_school}


HIDDEN_TITLES = ["Concept Verhaal", "Verhaal In Beoordeling"]


def assert_only_published(content):
    assert "Gepubliceerd Verhaal" in content
    for title in HIDDEN_TITLES:
        assert title not in content


@pytest.mark.parametrize("url", ["/", "/ambassadeurs/", "/scholen/openbare-school/"])
def test_lists_show_only_published_stories(client, pages, url):
    response = client.get(url)

    assert response.status_code == 200
    assert_only_published(response.content.decode())


def test_drafts_and_pages_in_review_cannot_be_opened(client, pages):
    assert client.get("/ambassadeurs/concept/").status_code == 404
    assert client.get("/ambassadeurs/in-beoordeling/").status_code == 404
    assert client.get("/scholen/concept-school/").status_code == 404


def test_school_overview_leaves_out_draft_schools(client, pages):
    content = client.get("/scholen/").content.decode()

    assert "Openbare School" in content
    assert "Concept School" not in content


def test_search_never_finds_drafts_or_pages_in_review(client, pages):
    content = client.get("/zoeken/", {"q": SECRET}).content.decode()
    by_title = client.get("/zoeken/", {"q": "Verhaal"}).content.decode()

    assert "Geen resultaten" in content
    assert_only_published(by_title)


def test_published_story_with_changes_in_review_shows_only_its_published_text(client, pages):
    story = pages["published"]
    story.introduction = f"Nieuwe tekst met {SECRET}."
    submit_for_review(story)

    page_content = client.get(story.url).content.decode()
    search_content = client.get("/zoeken/", {"q": SECRET}).content.decode()

    assert SECRET not in page_content
    assert "Geen resultaten" in search_content


def test_sitemap_lists_only_published_pages(client, pages):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    # The sitemap is XML: read it as XML (defusedxml comes with Wagtail).
    from defusedxml.ElementTree import fromstring

    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locations = [loc.text for loc in fromstring(response.content).iter(f"{namespace}loc")]
    assert "http://localhost/ambassadeurs/gepubliceerd/" in locations
    assert "http://localhost/scholen/openbare-school/" in locations
    assert not [location for location in locations if "concept" in location or "beoordeling" in location]


def test_api_lists_only_published_pages(client, pages):
    response = client.get("/api/v2/pages/", {"type": "ambassadors.AmbassadorPage", "fields": "role,quote"})
    detail_of_draft = client.get(f"/api/v2/pages/{pages['draft'].pk}/")
    search = client.get("/api/v2/pages/", {"search": SECRET})

    assert response.status_code == 200
    titles = [item["title"] for item in response.json()["items"]]
    assert titles == ["Gepubliceerd Verhaal"]
    assert response.json()["items"][0]["role"] == "Directeur"
    assert detail_of_draft.status_code == 404
    assert search.json()["items"] == []


def test_api_lists_only_images_that_published_pages_use(client, pages):
    published_portrait = ImageFactory(title="portret-gepubliceerd")
    story = pages["published"]
    story.portrait = published_portrait
    story.save_revision().publish()
    ImageFactory(title="los-geupload")

    response = client.get("/api/v2/images/")

    assert response.status_code == 200
    assert [item["title"] for item in response.json()["items"]] == ["portret-gepubliceerd"]


def test_api_is_read_only(client, pages):
    response = client.post("/api/v2/pages/", {"title": "Nieuw"})

    assert response.status_code == 405


def test_story_behind_a_password_is_not_listed(client, pages):
    story = pages["published"]
    PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.PASSWORD, password="x")

    overview = client.get("/ambassadeurs/").content.decode()
    search = client.get("/zoeken/", {"q": "Gepubliceerd"}).content.decode()

    assert "Gepubliceerd Verhaal" not in overview
    assert "Gepubliceerd Verhaal" not in search
    assert "Er zijn nog geen verhalen gepubliceerd." in overview
