"""Faults: the database away, a video provider unreachable, two editors saving the same page."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from ambassadors.factories import AmbassadorPageFactory, SchoolPageFactory, question_answer, video
from ambassadors.models import AmbassadorPage
from core.page_cache import CACHE_HEADER
from tests.support.editor import editor_form_data
from tests.support.users import make_superuser

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(ambassador_index, school_index):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", slug="kingschool")
    page = AmbassadorPageFactory(parent=ambassador_index, title="Magda Nijmeijer", slug="magda", school=school)
    page.save_revision().publish()
    return AmbassadorPage.objects.get(pk=page.pk)


def database_down():
    """Every new query fails the way psycopg does when the server cannot be reached."""
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused'),
    )


def test_database_down_gives_a_friendly_503_and_the_site_recovers(story):
    visitor = Client(raise_request_exception=False)
    with database_down():
        response = visitor.get("/ambassadeurs/magda/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Even niet bereikbaar" in page
    assert "Traceback" not in page
    assert "OperationalError" not in page
    assert "5432" not in page

    # When the database answers again, the next request simply works.
    recovered = visitor.get("/ambassadeurs/magda/")
    assert recovered.status_code == 200
    assert "Magda Nijmeijer" in recovered.content.decode()


def test_cached_pages_stay_available_while_the_database_is_down(story, settings):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client(raise_request_exception=False)
    assert visitor.get("/ambassadeurs/magda/").status_code == 200
    with database_down():
        cached = visitor.get("/ambassadeurs/magda/")
        uncached = visitor.get("/scholen/kingschool/")
    assert cached.status_code == 200
    assert cached[CACHE_HEADER] == "hit"
    assert uncached.status_code == 503


def test_other_server_errors_keep_the_500_page(story):
    visitor = Client(raise_request_exception=False)
    with mock.patch.object(AmbassadorPage, "get_context", side_effect=RuntimeError("kapot")):
        response = visitor.get("/ambassadeurs/magda/")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
    assert "kapot" not in response.content.decode()


def test_story_renders_with_a_link_when_the_video_provider_is_unreachable(story, ambassador_index, client):
    AmbassadorPageFactory(
        parent=ambassador_index,
        slug="met-video",
        school=story.school,
        body=[
            question_answer("<p>Zo werken wij.</p>"),
            video("https://www.youtube.com/watch?v=unreachable", "Onze videoreferentie"),
        ],
    )
    response = client.get("/ambassadeurs/met-video/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Zo werken wij." in page
    assert 'href="https://www.youtube.com/watch?v=unreachable"' in page
    assert "Bekijk de video op YouTube" in page
    assert "video__facade" not in page


# Two editors, one story.


@pytest.fixture
def editors(db):
    first, second = Client(), Client()
    first.force_login(make_superuser("anne"))
    second.force_login(make_superuser("bram"))
    return first, second


def story_form(story, quote, loaded_revision):
    return editor_form_data(
        story,
        body=[question_answer("<p>Samen met ouders.</p>", question="werkwijze")],
        quote=quote,
        loaded_revision_id=loaded_revision.pk,
        loaded_revision_created_at=loaded_revision.created_at.isoformat(),
    )


def test_two_editors_saving_the_same_story_lose_no_revision(story, editors):
    anne, bram = editors
    edit_url = reverse("wagtailadmin_pages:edit", args=(story.pk,))
    loaded = story.latest_revision
    assert anne.get(edit_url).status_code == 200
    assert bram.get(edit_url).status_code == 200

    assert anne.post(edit_url, story_form(story, "Versie van Anne", loaded)).status_code == 302

    # Bram's editor, still on the old revision, is told that Anne saved a newer one.
    ping_url = reverse("wagtailadmin_editing_sessions:ping", args=("wagtailcore", "page", story.pk, 1))
    ping = bram.post(ping_url, {"revision_id": loaded.pk, "revision_created_at": loaded.created_at.isoformat()})
    others = ping.json()["other_sessions"]
    newest = story.revisions.order_by("-created_at", "-pk").first()
    assert any(other["revision_id"] == newest.pk and "anne" in other["user"] for other in others)

    # An autosave from Bram's outdated editor is refused rather than overwriting Anne's work.
    autosave = bram.post(edit_url, story_form(story, "Autosave van Bram", loaded), HTTP_ACCEPT="application/json")
    assert autosave.json()["success"] is False
    assert autosave.json()["error_code"] == "invalid_revision"

    # Saving explicitly makes a new revision: Anne's stays in the history.
    assert bram.post(edit_url, story_form(story, "Versie van Bram", loaded)).status_code == 302
    quotes = [revision.content["quote"] for revision in story.revisions.order_by("created_at", "pk")]
    assert quotes[-2:] == ["Versie van Anne", "Versie van Bram"]
    assert "Autosave van Bram" not in quotes
