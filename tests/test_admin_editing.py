"""Editors work through Wagtail's own admin views: every page type's editor opens and validates."""

import pytest
from django.urls import reverse

from ambassadors.factories import AmbassadorPageFactory, question_answer, video
from ambassadors.models import AmbassadorPage
from tests.support.editor import editor_form_data

pytestmark = pytest.mark.django_db


def story_form(school, body):
    story = AmbassadorPage(
        title="Magda Nijmeijer",
        slug="magda-nijmeijer",
        role="Directeur",
        school=school,
        quote="Ouders voelen zich gehoord.",
        introduction="Directeur van een Dalton-school.",
    )
    return editor_form_data(story, body=body)


def add_story_url(ambassador_index):
    return reverse("wagtailadmin_pages:add", args=("ambassadors", "ambassadorpage", ambassador_index.pk))


def test_every_page_editor_opens(admin_client, home_page, ambassador_index, school_index, school):
    story = AmbassadorPageFactory(parent=ambassador_index, school=school)
    for page in [home_page, ambassador_index, school_index, school, story]:
        response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert response.status_code == 200, page


def test_story_with_questions_and_video_is_saved_as_draft(admin_client, ambassador_index, school):
    body = [
        question_answer("<p>We volgen de lessen samen.</p>", question="werkwijze"),
        video("https://youtu.be/dQw4w9WgXcQ", "Bekijk de video van Magda"),
    ]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 302
    story = AmbassadorPage.objects.get(slug="magda-nijmeijer")
    assert not story.live
    assert [block.block_type for block in story.get_latest_revision_as_object().body] == ["question_answer", "video"]


def test_editor_refuses_an_unsupported_video_url_in_dutch(admin_client, ambassador_index, school):
    body = [video("https://www.dailymotion.com/video/x7tgad0", "Video")]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 200  # the form comes back with errors
    assert "Dit is geen geldige YouTube- of Vimeo-link" in response.content.decode()
    assert not AmbassadorPage.objects.filter(slug="magda-nijmeijer").exists()


def test_editor_asks_for_a_question(admin_client, ambassador_index, school):
    body = [question_answer("<p>Antwoord</p>", question="")]
    response = admin_client.post(add_story_url(ambassador_index), story_form(school, body))

    assert response.status_code == 200
    assert "Kies een vaste vraag of schrijf een eigen vraag." in response.content.decode()
    assert not AmbassadorPage.objects.filter(slug="magda-nijmeijer").exists()
