"""
The ambassador's path through the admin in Chromium (issue 16): log in, open "Mijn verhaal",
edit, submit, land on "Mijn verhaal" with what happens next. At each step the Dutch she reads
is asserted, and that what she has no use for (reports, Wagtail's help, settings, copying,
the Eigenschappen tab) is not there.
"""

import json
import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Page

from ambassadors.factories import SchoolPageFactory
from tests.support.pages import live_story
from tests.support.users import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_ANSWER = "Ouders lezen nu samen met hun kind in de klas."
# Labels of the sidebar's menu items she must not meet.
ABSENT_MENU_LABELS = ["Rapporten", "Instellingen", "Handleiding van Wagtail", "Editor Guide", "Workflows"]


def sidebar_labels(page):
    props = json.loads(page.locator("#wagtail-sidebar-props").text_content())
    return re.findall(r'"label": "([^"]*)"', json.dumps(props, ensure_ascii=False))


def test_the_ambassador_logs_in_edits_submits_and_lands_on_my_story(
    live_server, browser_page, ambassador_index, school_index, artifacts_dir
):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    anje = make_user("anje", "Ambassadeurs", first_name="Anje", last_name="Bechtel")
    story = live_story(
        ambassador_index, school, anje, "Anje Bechtel", "anje-bechtel", "<p>We volgen samen de lessen.</p>"
    )
    page = browser_page

    # Logging in: Dutch labels, the site's name, no "Wagtail".
    page.goto(live_server.url + "/admin/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen op de beheeromgeving")
    expect(page.get_by_text("Wachtwoord", exact=False).first).to_be_visible()
    assert "Wagtail" not in page.title()
    page.locator("#id_username").fill("anje")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(live_server.url + "/admin/")

    # The dashboard: "Mijn verhaal", the project's guide; no reports, settings or Wagtail help.
    assert page.title() == "Dashboard - Glans-techniek"
    expect(page.get_by_role("heading", name="Mijn verhaal")).to_be_visible()
    labels = sidebar_labels(page)
    assert "Hulp" in labels and "Handleiding" in labels, labels
    assert not set(ABSENT_MENU_LABELS) & set(labels), labels
    assert page.get_by_text("snippets").count() == 0
    page.screenshot(path=str(artifacts_dir / "ambassador-1-dashboard.png"))

    # The editor: her story, no Eigenschappen tab, no copy, no autosave.
    page.get_by_role("link", name="Mijn verhaal bewerken").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.get_by_role("tab", name="Inhoud")).to_be_visible()
    assert page.get_by_role("tab", name="Eigenschappen").count() == 0
    assert page.locator("input[name='slug']").count() == 0
    assert page.locator("a[href*='/copy/']").count() == 0
    assert "w-autosave" not in (page.locator("#page-edit-form").get_attribute("data-controller") or "")
    answer = page.locator(".Draftail-Editor [contenteditable='true']").first
    answer.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(NEW_ANSWER)
    expect(page.locator("input[name='body-0-value-answer']")).to_have_value(re.compile("samen met hun kind"))
    page.get_by_role("button", name="Meer acties").click()
    submit = page.get_by_role("button", name=re.compile("Indienen ter beoordeling"))
    expect(submit).to_be_visible()
    page.screenshot(path=str(artifacts_dir / "ambassador-2-editor.png"))
    submit.click()

    # Back on "Mijn verhaal": what happens next, where the story is, whom to ask.
    page.wait_for_url(live_server.url + "/admin/")
    expect(page.get_by_text("Je verhaal is ingediend.")).to_be_visible()
    expect(page.locator("[data-story-state]")).to_have_text("Bij de redactie")
    page.screenshot(path=str(artifacts_dir / "ambassador-3-submitted.png"))
    assert Page.objects.get(pk=story.pk).current_workflow_task.name == "Redactie"

    # In review, the editor's main button says where the story is, not "Indienen intrekken".
    page.get_by_role("link", name="Mijn verhaal bewerken").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    main_button = page.locator("[data-story-step]")
    expect(main_button).to_have_text("Bij de redactie")
    expect(main_button).to_be_disabled()
    expect(page.get_by_role("button", name="Indienen intrekken")).to_be_hidden()
    assert page.get_by_text("Workflow").count() == 0
    assert page.get_by_text("reviewers").count() == 0
    page.screenshot(path=str(artifacts_dir / "ambassador-4-in-review.png"))
