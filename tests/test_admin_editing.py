"""Editors work through Wagtail's own admin views: every page type's editor opens and validates."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory
from ambassadors.models import AmbassadorPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("beheer", "beheer@example.com", "wachtwoord-123")
    client.force_login(user)
    return client


@pytest.fixture
def school(school_index):
    return SchoolPageFactory(parent=school_index, title="Kingschool")


def story_form(school, body):
    return nested_form_data(
        {
            "title": "Magda Nijmeijer",
            "slug": "magda-nijmeijer",
            "role": "Directeur",
            "school": school.pk,
            "quote": "Ouders voelen zich gehoord.",
            "introduction": "Directeur van een Dalton-school.",
            "body": streamfield(body),
        }
    )


def add_story_url(ambassador_index):
    return reverse("wagtailadmin_pages:add", args=("ambassadors", "ambassadorpage", ambassador_index.pk))


def test_every_page_editor_opens(admin_client, home_page, ambassador_index, school_index, school):
    story = AmbassadorPageFactory(parent=ambassador_index, school=school)
    for page in [home_page, ambassador_index, school_index, school, story]:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, page


def test_story_with_questions_and_video_is_saved_as_draft(admin_client, ambassador_index, school):
    body = [
        (
            "question_answer",
            {
                "recurring_question": "werkwijze",
                "own_question": "",
                "answer": rich_text("<p>We volgen de lessen samen.</p>"),
                "highlight": "",
            },
        ),
        ("video", {"video": "https://youtu.be/dQw4w9WgXcQ", "caption": "Bekijk de video van Magda", "poster": ""}),
    ]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 302
    story = AmbassadorPage.objects.get(slug="magda-nijmeijer")
    assert not story.live
    assert [block.block_type for block in story.get_latest_revision_as_object().body] == ["question_answer", "video"]


def test_editor_refuses_an_unsupported_video_url_in_dutch(admin_client, ambassador_index, school):
    body = [("video", {"video": "https://www.dailymotion.com/video/x7tgad0", "caption": "Video", "poster": ""})]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 200  # the form comes back with errors
    assert "Dit is geen geldige YouTube- of Vimeo-link" in response.content.decode()
    assert not AmbassadorPage.objects.filter(slug="magda-nijmeijer").exists()


def test_editor_asks_for_a_question(admin_client, ambassador_index, school):
    body = [
        (
            "question_answer",
            {"recurring_question": "", "own_question": "", "answer": rich_text("<p>Antwoord</p>"), "highlight": ""},
        )
    ]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 200
    assert "Kies een vaste vraag of schrijf een eigen vraag." in response.content.decode()
    assert not AmbassadorPage.objects.filter(slug="magda-nijmeijer").exists()
