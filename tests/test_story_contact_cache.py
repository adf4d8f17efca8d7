"""
The contact form on a story page does not make the page personal: story pages stay in the
shared page cache, and the form gets the visitor's CSRF token from /contact-token/.
"""

import pytest
from django.test import Client

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from contact.factories import ContactPageFactory, contact_form_data
from contact.models import ContactRequest
from core.page_cache import CACHE_HEADER

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(home_page, ambassador_index, school_index):
    ContactPageFactory(parent=home_page)
    school = SchoolPageFactory(parent=school_index, title="Kingschool")
    return AmbassadorPageFactory(parent=ambassador_index, title="Magda Nijmeijer", school=school)


def test_story_page_with_contact_form_sets_no_cookie_and_is_cached(client, settings, story):
    settings.PAGE_CACHE_SECONDS = 300
    first = client.get(story.url)
    html = first.content.decode()
    assert "Persoonlijk contact met Magda Nijmeijer?" in html
    assert "data-deferred-csrf" in html
    assert not first.cookies  # no CSRF or session cookie: the page is the same for everyone
    assert client.get(story.url)[CACHE_HEADER] == "hit"


def test_story_page_links_to_the_contact_form_without_javascript(client, story):
    html = client.get(story.url).content.decode()
    assert f'href="/contact/?ambassadeur={story.pk}"' in html


def test_token_endpoint_gives_a_working_token_and_is_never_cached(story):
    browser = Client(enforce_csrf_checks=True)
    response = browser.get("/contact-token/")
    assert response.status_code == 200
    assert "csrftoken" in response.cookies
    assert "no-store" in response["Cache-Control"]

    form = contact_form_data(ambassador=story.pk, email="petra@example.nl")
    refused = browser.post("/contact/", form)
    assert refused.status_code == 403  # without the token
    accepted = browser.post("/contact/", {**form, "csrfmiddlewaretoken": response.json()["token"]})
    assert accepted.status_code == 302
    assert ContactRequest.objects.filter(email="petra@example.nl", ambassador=story).exists()
