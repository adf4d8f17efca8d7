"""Bad input never causes a 500: NUL bytes, huge or odd values in search, the API and forms."""

import pytest
from django.test import Client

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory

pytestmark = pytest.mark.django_db

LONG = "a" * 10_000


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    return AmbassadorPageFactory(parent=ambassador_index, title="Magda Nijmeijer", school=school)


@pytest.fixture
def production_client():
    # Exceptions become responses, as in production, so a 500 shows up as a status.
    return Client(raise_request_exception=False)


ODD_API_QUERIES = [
    "search=%00",
    "search=" + LONG,
    "search=(((((a",
    "search=a&search_operator=xor",
    "search=a&search_operator=%00",
    "search=a%20OR%20%22b&search_operator=or",
    "search=" + "%22" * 500,
    "html_path=%00",
    "html_path=" + "/x" * 5000,
    "html_path=/../../etc/passwd",
    "fields=%00",
    "fields=" + "(" * 200,
    "fields=title(id(title(id)))",
    "fields=" + ",".join(["title"] * 2000),
    "fields=-id,-title,*",
    "fields=_,%00",
    "order=%00",
    "order=random&search=a",
    "order=-" + LONG,
    "order=title,-id",
    "limit=-1",
    "limit=99999999999999999999999",
    "limit=%00",
    "offset=-5",
    "offset=99999999999999999999999",
    "offset=1e9",
    "type=%00",
    "type=home.HomePage.x",
    "type=" + LONG,
    "child_of=%00",
    "child_of=-1",
    "child_of=99999999999999999999999",
    "descendant_of=99999999999999999999999",
    "descendant_of=abc",
    "id=%00",
    "id=99999999999999999999999",
    "title=%00",
    "title=" + LONG,
    "slug=%00",
    "locale=%00",
    "translation_of=%00",
    "show_in_menus=%00",
    "%00=1",
    "tags=%00",
]


@pytest.mark.parametrize("endpoint", ["pages", "images"])
@pytest.mark.parametrize("query", ODD_API_QUERIES, ids=lambda q: q[:40])
def test_odd_api_parameters_never_cause_a_500(production_client, story, endpoint, query):
    response = production_client.get(f"/api/v2/{endpoint}/?{query}")
    assert response.status_code in (200, 400, 404), response.content[:300]


ODD_SEARCHES = [
    "%00",
    LONG,
    "a%20OR%20%22b",
    "%22",
    "(((((a",
    "a%20AND%20NOT",
    "%FF%FE",
    "*",
    "a%20NEAR(b",
    "-",
    "%22%22%22",
]


@pytest.mark.parametrize("query", ODD_SEARCHES)
def test_odd_site_searches_never_cause_a_500(production_client, story, query):
    response = production_client.get(f"/zoeken/?q={query}")
    assert response.status_code in (200, 400), response.content[:300]


def test_nul_bytes_in_the_address_get_a_dutch_400(production_client, story):
    for url in ["/ambassadeurs/?concept=%00", "/ambassadeurs/?%00=1", "/zoeken/?q=a%00b", "/ambassadeurs/%00/"]:
        response = production_client.get(url)
        assert response.status_code == 400, url
        assert "Ongeldig verzoek" in response.text
        assert "nul-byte" in response.text


def test_nul_bytes_in_the_api_get_a_json_400(production_client, story):
    response = production_client.get("/api/v2/pages/?search=%00")
    assert response.status_code == 400
    assert "nul-byte" in response.json()["message"]


def test_api_says_what_is_wrong_with_a_search(production_client, story):
    assert "search_operator" in production_client.get("/api/v2/pages/?search=a&search_operator=xor").json()["message"]
    assert "100" in production_client.get(f"/api/v2/pages/?search={LONG}").json()["message"]
    assert "offset" in production_client.get("/api/v2/images/?offset=99999999999999999999999").json()["message"]


def test_nul_bytes_in_a_form_get_the_fields_message_and_the_input_is_kept(production_client, contact_page):
    from contact.factories import contact_form_data
    from contact.models import ContactRequest

    response = production_client.post(contact_page.url, contact_form_data(name="Jeroen\x00", question="Hallo daar"))
    assert response.status_code == 200
    assert "Null-tekens zijn niet toegestaan." in response.text
    assert "Hallo daar" in response.text
    assert not ContactRequest.objects.exists()


def test_a_quote_in_the_site_search_still_finds_the_story(production_client, story):
    response = production_client.get('/zoeken/?q="Magda')
    assert response.status_code == 200
    assert "Magda Nijmeijer" in response.text


def test_403_and_csrf_failure_pages_are_dutch(production_client, home_page, settings):
    from django.core.exceptions import PermissionDenied, SuspiciousOperation
    from django.urls import path

    from website import urls

    def refuse(request):
        raise PermissionDenied

    def suspicious(request):
        raise SuspiciousOperation("odd")

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {
            "urlpatterns": [path("weiger/", refuse), path("vreemd/", suspicious), *urls.urlpatterns],
            "handler400": urls.handler400,
            "handler403": urls.handler403,
            "handler500": urls.handler500,
        },
    )
    forbidden = production_client.get("/weiger/")
    assert forbidden.status_code == 403
    assert "Geen toegang" in forbidden.text
    bad = production_client.get("/vreemd/")
    assert bad.status_code == 400
    assert "Ongeldig verzoek" in bad.text

    csrf_client = Client(enforce_csrf_checks=True)
    refused = csrf_client.post("/admin/login/", {"username": "x", "password": "y"})
    assert refused.status_code == 403
    assert "Formulier verlopen" in refused.text
