"""
The main editorial path in a real browser, through the real Wagtail admin: an ambassador
logs in, changes an answer in the Draftail editor and submits; Klaver CT approves; the
public page shows the new answer.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect
from wagtail.models import Page

from ambassadors.factories import SchoolPageFactory
from tests.browser.support import log_in
from tests.support.pages import live_story
from tests.support.users import make_user
from tests.support.workflow import workflow_action

# serialized_rollback: the roles and workflows come from a data migration, and a
# transactional test starts from what the previous one flushed.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OLD_ANSWER = "We volgen samen de lessen."
NEW_ANSWER = "Ouders komen nu elke maand naar de koffieochtend."


def test_ambassador_edits_and_submits_moderator_approves_site_shows_it(
    live_server, chromium, ambassador_index, school_index, artifacts_dir
):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    anje = make_user("anje", "Ambassadeurs", first_name="Anje")
    marketing = make_user("marketing", "Marketing")
    make_user("moderator", "Moderatoren")
    story = live_story(ambassador_index, school, anje, "Anje Bechtel", "anje-bechtel", f"<p>{OLD_ANSWER}</p>")

    # The ambassador: log in, open "Mijn verhaal", rewrite the answer, submit.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server.url, "anje")
        page.get_by_role("link", name="Mijn verhaal bewerken").click()
        answer = page.locator(".Draftail-Editor [contenteditable='true']").first
        answer.click()
        page.keyboard.press("Control+A")
        page.keyboard.type(NEW_ANSWER)
        # Draftail writes its content to the form's hidden input a moment after typing.
        expect(page.locator("input[name='body-0-value-answer']")).to_have_value(re.compile("koffieochtend"))
        page.get_by_role("button", name="Meer acties").click()
        page.get_by_role("button", name=re.compile("Ambassadeursverhalen")).click()
        page.wait_for_url(live_server.url + "/admin/")  # back on "Mijn verhaal"
        page.screenshot(path=str(artifacts_dir / "workflow-1-submitted.png"))
    finally:
        context.close()

    assert Page.objects.get(pk=story.pk).current_workflow_task.name == "Redactie"
    client = Client()
    assert OLD_ANSWER in client.get(story.url).content.decode()  # nothing public yet
    # Redactie, a step the browser does not show; Anje's consent then passes by itself.
    client.force_login(marketing)
    assert workflow_action(client, story, "approve", comment="").status_code == 302
    assert Page.objects.get(pk=story.pk).current_workflow_task.name == "Goedkeuring Klaver CT"

    # The moderator: approve and publish from the editor's action menu.
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server.url, "moderator")
        page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[story.pk]))
        page.get_by_role("button", name="Meer acties").click()
        page.get_by_role("button", name="Goedkeuren en publiceren").click()
        page.wait_for_url(re.compile(r"/admin/pages/\d+/$"))
        # What happened and what comes next (ambassadors/outcomes.py).
        expect(page.get_by_text("Goedgekeurd. Het verhaal staat nu live.")).to_be_visible()

        page.goto(live_server.url + story.url)
        page.screenshot(path=str(artifacts_dir / "workflow-2-published.png"))
        expect(page.get_by_text(NEW_ANSWER)).to_be_visible()
        assert page.get_by_text(OLD_ANSWER).count() == 0
    finally:
        context.close()
