"""
"Klopt je verhaal nog?" (ambassadors/story_checks.py): a year after a story went live its
ambassador gets one email with a signed link; one click confirms the story, recorded with the
date; Marketing sees the stories past their date; the public page and sitemap show the date.
"""

import json
import re
import time
from datetime import datetime, timedelta

import pytest
from defusedxml import ElementTree
from django.core import signing
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageLogEntry

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from ambassadors.story_checks import StoryCheck
from ambassadors.yearly_check import LINK_SIGNER
from core.models import OutboxMessage
from core.schedule import JOBS
from tests.support.pages import publish_story

pytestmark = pytest.mark.django_db

WENT_LIVE = datetime(2025, 3, 14, 10, 0, tzinfo=timezone.get_default_timezone())
A_YEAR_ON = datetime(2026, 3, 14, 9, 0, tzinfo=timezone.get_default_timezone())
LINK = re.compile(r"http://testserver(/verhaal-bevestigen/[^/\s]+/)")


class Clock:
    """timezone.now() frozen at a moment the test sets."""

    def __init__(self, monkeypatch):
        self.moment = WENT_LIVE
        monkeypatch.setattr(timezone, "now", lambda: self.moment)

    def set(self, moment):
        self.moment = moment


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def story(clock, queued_tasks, anje_story):
    """Anje's story, live since WENT_LIVE; emails go to the outbox."""
    assert anje_story.first_published_at == WENT_LIVE
    return anje_story


def run_job():
    call_command("send_story_checks", verbosity=0)


def emails_to(address):
    return list(OutboxMessage.objects.filter(to=[address]))


def link_path(message):
    return LINK.search(message.body).group(1)


def csrf_client():
    return Client(enforce_csrf_checks=True)


def post_decision(client, path, decision):
    page = client.get(path)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(path, {"decision": decision, "csrfmiddlewaretoken": token})


def test_the_worker_runs_the_job():
    assert [job.every for job in JOBS if job.args == ("send_story_checks",)] == [timedelta(hours=6)]


def test_no_email_before_the_review_by_date(clock, story, anje):
    clock.set(A_YEAR_ON - timedelta(days=1))
    run_job()
    assert emails_to(anje.email) == []


def test_the_ambassador_gets_one_email_however_often_the_job_runs(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    run_job()
    clock.set(A_YEAR_ON + timedelta(days=1))
    run_job()

    [message] = emails_to(anje.email)
    assert message.subject == "[Glans-techniek] Klopt je verhaal nog? Anje Bechtel"
    assert "Klopt het nog?" in message.body
    assert link_path(message).startswith("/verhaal-bevestigen/")
    assert OutboxMessage.objects.count() == 1  # nobody else hears of it


def test_opening_the_link_changes_nothing(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    before = list(StoryCheck.objects.values())

    response = Client().get(link_path(emails_to(anje.email)[0]))

    text = response.content.decode()
    assert response.status_code == 200
    assert "Anje Bechtel" in text and "Ja, mijn verhaal klopt nog" in text and "Nee, ik wil het aanpassen" in text
    assert response["Cache-Control"].startswith("max-age=0")
    assert list(StoryCheck.objects.values()) == before
    assert not PageLogEntry.objects.filter(action="ambassadors.story_confirmed").exists()


def test_one_click_confirms_the_story_with_the_date(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    path = link_path(emails_to(anje.email)[0])
    client = csrf_client()

    response = post_decision(client, path, "confirm")

    assert response.status_code == 302
    check = StoryCheck.objects.get(page=story)
    assert check.confirmed_at == A_YEAR_ON
    assert check.confirmed_by == anje
    assert check.review_by == A_YEAR_ON.date().replace(year=2027)
    assert PageLogEntry.objects.filter(page=story, action="ambassadors.story_confirmed", user=anje).count() == 1
    assert story.revisions.count() == 1  # no new revision, nothing to approve
    again = client.get(path).content.decode()
    assert "Bedankt! Je hebt op 14 maart 2026 bevestigd dat je verhaal nog klopt." in again
    assert "Ja, mijn verhaal klopt nog" not in again

    # The next email comes a year later, not before.
    clock.set(A_YEAR_ON + timedelta(days=364))
    run_job()
    assert len(emails_to(anje.email)) == 1
    clock.set(A_YEAR_ON + timedelta(days=365))
    run_job()
    assert len(emails_to(anje.email)) == 2


def test_the_edit_choice_opens_the_editor_and_records_nothing(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()

    response = post_decision(csrf_client(), link_path(emails_to(anje.email)[0]), "edit")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert StoryCheck.objects.get(page=story).confirmed_at is None


def test_a_post_without_csrf_token_is_refused(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()

    response = csrf_client().post(link_path(emails_to(anje.email)[0]), {"decision": "confirm"})

    assert response.status_code == 403
    assert StoryCheck.objects.get(page=story).confirmed_at is None


def test_an_expired_link_decides_nothing(clock, story, anje, monkeypatch):
    clock.set(A_YEAR_ON)
    sixty_one_days_ago = time.time() - 61 * 24 * 3600
    with monkeypatch.context() as patch:
        patch.setattr(signing.time, "time", lambda: sixty_one_days_ago)
        run_job()
    path = link_path(emails_to(anje.email)[0])

    response = csrf_client().post(path, {"decision": "confirm"})  # no form to take a token from
    client = csrf_client()
    page = client.get(path).content.decode()

    assert response.status_code in (200, 403)
    assert "Deze link is verlopen." in page
    assert "Ja, mijn verhaal klopt nog" not in page
    assert StoryCheck.objects.get(page=story).confirmed_at is None


def test_a_tampered_link_decides_nothing(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    path = link_path(emails_to(anje.email)[0])
    token = path.split("/")[2]
    tampered = f"/verhaal-bevestigen/{token[:-3]}{'abc' if token[-3:] != 'abc' else 'xyz'}/"

    page = Client().get(tampered).content.decode()

    assert "Deze link klopt niet." in page
    assert "Ja, mijn verhaal klopt nog" not in page


def test_another_users_link_does_not_confirm_the_story(clock, story, magda):
    clock.set(A_YEAR_ON)
    token = LINK_SIGNER.make(magda, page=story.pk, review_by="2026-03-14")
    path = f"/verhaal-bevestigen/{token}/"
    client = csrf_client()

    page = client.get(path).content.decode()
    client.post(path, {"decision": "confirm"})

    assert "Deze link hoort niet (meer) bij jouw verhaal." in page
    assert "Ja, mijn verhaal klopt nog" not in page
    assert not StoryCheck.objects.filter(page=story, confirmed_at__isnull=False).exists()


def test_a_link_ends_when_the_story_gets_another_ambassador(clock, story, anje, magda):
    clock.set(A_YEAR_ON)
    run_job()
    path = link_path(emails_to(anje.email)[0])
    AmbassadorPage.objects.filter(pk=story.pk).update(ambassador_account=magda)

    page = Client().get(path).content.decode()

    assert "Deze link hoort niet (meer) bij jouw verhaal." in page


def overdue_panel(client):
    text = client.get("/admin/").content.decode()
    match = re.search(r"<section[^>]*data-overdue-stories.*?</section>", text, re.S)
    return match.group(0) if match else None


def test_marketing_and_moderators_see_the_stories_past_their_date(clock, story, anje, marketing, moderator):
    clock.set(A_YEAR_ON)
    run_job()
    for user in (marketing, moderator):
        client = Client()
        client.force_login(user)
        panel = overdue_panel(client)
        assert panel is not None, user
        row = re.search(r'<tr data-story="anje-bechtel">.*?</tr>', panel, re.S).group(0)
        assert "14 maart 2026" in row and "Verstuurd op 14 maart 2026" in row and "Nooit" in row

    post_decision(csrf_client(), link_path(emails_to(anje.email)[0]), "confirm")
    client = Client()
    client.force_login(marketing)
    panel = overdue_panel(client)
    assert "anje-bechtel" not in panel
    assert "Alle verhalen zijn op tijd bevestigd." in panel


def test_ambassadors_do_not_see_the_list(clock, story, anje):
    clock.set(A_YEAR_ON)
    ambassador = Client()
    ambassador.force_login(anje)
    text = ambassador.get("/admin/").content.decode()
    assert "Mijn verhaal" in text  # her own dashboard
    assert overdue_panel(ambassador) is None


def test_the_emailed_link_still_works_after_logging_in(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    path = link_path(emails_to(anje.email)[0])
    client = Client(enforce_csrf_checks=True)
    client.force_login(anje)  # ambassadors often log in first: that must not end the link

    assert "Deze link is niet meer geldig" not in client.get(path).content.decode()
    response = post_decision(client, path, "confirm")

    assert client.get(response["Location"]).content.decode().count("Bedankt!") == 1
    assert StoryCheck.objects.get(page=story).confirmed_by == anje


def test_a_logged_in_ambassador_confirms_without_the_link(clock, story, anje):
    clock.set(A_YEAR_ON)
    run_job()
    assert Client().get("/verhaal-bevestigen/")["Location"].startswith("/admin/login/?next=/verhaal-bevestigen/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(anje)

    response = post_decision(client, "/verhaal-bevestigen/", "confirm")

    assert client.get(response["Location"]).content.decode().count("Bedankt!") == 1
    assert StoryCheck.objects.get(page=story).confirmed_by == anje


def structured_data(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for block in blocks for node in json.loads(block).get("@graph", [])]


def profile_pages(response):
    return [node for node in structured_data(response.content.decode()) if node["@type"] == "ProfilePage"]


def sitemap_lastmod(client, path):
    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    for url in root.iter(f"{namespace}url"):
        if url.find(f"{namespace}loc").text.endswith(path):
            return url.find(f"{namespace}lastmod").text
    raise AssertionError(f"{path} not in the sitemap")


def test_the_public_page_and_sitemap_show_the_confirmed_date(
    clock, story, anje, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    path = "/ambassadeurs/anje-bechtel/"
    [page_node] = profile_pages(visitor.get(path))
    assert "lastReviewed" not in page_node
    assert sitemap_lastmod(visitor, path).startswith("2025-03-14")
    assert visitor.get(path)["X-Page-Cache"] == "hit"  # both are cached now

    clock.set(A_YEAR_ON)
    run_job()
    with django_capture_on_commit_callbacks(execute=True):
        post_decision(csrf_client(), link_path(emails_to(anje.email)[0]), "confirm")

    [page_node] = profile_pages(visitor.get(path))
    assert page_node["lastReviewed"].startswith("2026-03-14")
    assert page_node["dateModified"].startswith("2025-03-14")  # the content itself did not change
    assert sitemap_lastmod(visitor, path).startswith("2026-03-14")


def test_the_sitemap_reads_the_confirmations_in_one_query(client, ambassador_index, school):
    def sitemap_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap.xml").status_code == 200
        return len(queries.captured_queries)

    for number in range(2):
        publish_story(AmbassadorPageFactory(parent=ambassador_index, slug=f"verhaal-{number}", school=school))
    sitemap_queries()  # the first request fills the site's caches
    few = sitemap_queries()
    for number in range(2, 8):
        story = publish_story(AmbassadorPageFactory(parent=ambassador_index, slug=f"verhaal-{number}", school=school))
        StoryCheck.objects.create(page=story, review_by=A_YEAR_ON.date(), confirmed_at=A_YEAR_ON)

    assert sitemap_queries() == few
