"""
Deciding from the email, in Chromium (issue 15): Marketing and then a moderator each open the
link in the "Wacht op jouw beoordeling" email the site stored in its outbox, log in, and
approve; the public page then shows the change. Each counts at most 3 clicks after opening the
link. The clicks and seconds are printed (`pytest -s`) for the issue's closing note; timings
are measured, never asserted.
"""

import re
import time

import pytest
from django.test import Client
from playwright.sync_api import expect

from ambassadors.factories import SchoolPageFactory
from core.models import OutboxMessage
from tests.support.pages import live_story
from tests.support.users import PASSWORD, make_user
from tests.support.workflow import submit

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("queued_tasks"),  # emails go to the outbox, as in production
]

OLD_ANSWER = "We volgen samen de lessen."
NEW_ANSWER = "Ouders komen nu elke maand naar de koffieochtend."
MAX_CLICKS = 3


def review_link_in_email(address, base_url):
    """The link in the newest review email the site stored for `address`, on the live server."""
    message = (
        OutboxMessage.objects.filter(subject__contains="Wacht op jouw beoordeling", to=[address])
        .order_by("-pk")
        .first()
    )
    assert message is not None, f"no review email for {address}"
    path = re.search(r"https?://[^/\s]+(/admin/beoordelen/[^/\s]+/)", message.body).group(1)
    return base_url + path


class Clicks:
    """Counts the clicks a person makes (typing a password is not a click)."""

    def __init__(self):
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()


def decide_from_email(chromium, base_url, username, address, button, outcome, artifacts_dir):
    """Open the emailed link in a fresh browser (logged out), log in, press `button`; (clicks, seconds)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    clicks = Clicks()
    try:
        link = review_link_in_email(address, base_url)
        started = time.monotonic()
        page.goto(link)
        page.locator("#id_username").fill(username)
        page.locator("#id_password").fill(PASSWORD)
        clicks.click(page.get_by_role("button", name="Inloggen"))
        # What changed, before deciding: the summary marks the inserted words.
        expect(page.locator(".change-summary ins").first).to_be_visible()
        expect(page.locator(".change-summary")).to_contain_text("koffieochtend")
        page.screenshot(path=str(artifacts_dir / f"review-from-email-{username}.png"))
        clicks.click(page.get_by_role("button", name=button, exact=True))
        expect(page.get_by_text(outcome)).to_be_visible()
        seconds = time.monotonic() - started
    finally:
        context.close()
    return clicks.count, seconds


def test_marketing_and_a_moderator_approve_from_their_emails(
    live_server, chromium, ambassador_index, school_index, artifacts_dir
):
    school = SchoolPageFactory(parent=school_index, title="Kingschool", place="Denekamp")
    anje = make_user("anje", "Ambassadeurs", first_name="Anje", last_name="Bechtel")
    make_user("marketing", "Marketing")
    make_user("moderator", "Moderatoren")
    story = live_story(ambassador_index, school, anje, "Anje Bechtel", "anje-bechtel", f"<p>{OLD_ANSWER}</p>")
    submit(Client(), anje, story, answer=f"<p>{NEW_ANSWER}</p>")

    marketing = decide_from_email(
        chromium,
        live_server.url,
        "marketing",
        "marketing@example.nl",
        "Goedkeuren",
        "Goedgekeurd. Doorgestuurd naar Goedkeuring Klaver CT (Moderatoren).",
        artifacts_dir,
    )
    assert OLD_ANSWER in Client().get(story.url).content.decode()  # not live yet
    moderator = decide_from_email(
        chromium,
        live_server.url,
        "moderator",
        "moderator@example.nl",
        "Goedkeuren en publiceren",
        "Goedgekeurd. Het verhaal staat nu live.",
        artifacts_dir,
    )
    public = Client().get(story.url).content.decode()
    assert NEW_ANSWER in public and OLD_ANSWER not in public

    for role, (clicks, seconds) in (("Marketing (Redactie)", marketing), ("Moderator (live)", moderator)):
        print(f"\n{role}: {clicks} clicks, {seconds:.1f} s from opening the email (login included)")
        assert clicks <= MAX_CLICKS
