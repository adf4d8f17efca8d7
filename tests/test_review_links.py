"""
Deciding a review step from its email (issue 15): the link in the stored email opens a review
page for exactly that step and revision; the decision is a POST through the task's own
actions, recorded as the reviewer; every misuse of the link gets a clear Dutch page and
changes nothing. And clear outcomes: after any approval or rejection, on every route, the
person sees what happened and what comes next.
"""

import re

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState

from ambassadors.review_links import REVIEW_LINK_DAYS, review_path
from core.models import OutboxMessage
from tests.support.pages import edit_url
from tests.support.workflow import NEW_ANSWER, current_step, public_html, save_draft, submit, workflow_action

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("queued_tasks")]

REVIEW_LINK = re.compile(r"http://testserver(/admin/beoordelen/[^/\s]+/)")


def review_links_to(address):
    """The review links in the "Wacht op jouw beoordeling" emails the outbox holds for `address`, newest first."""
    messages = OutboxMessage.objects.filter(subject__contains="Wacht op jouw beoordeling").order_by("-pk")
    return [REVIEW_LINK.search(m.body).group(1) for m in messages if m.to == [address] and REVIEW_LINK.search(m.body)]


def review_link_to(address):
    links = review_links_to(address)
    assert links, f"no review link was emailed to {address}"
    return links[0]


def approvals(page, user=None, step=None):
    """Wagtail's audit log entries of approvals of `page` (by `user`, of the step named `step`)."""
    entries = PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.workflow.approve")
    if user is not None:
        entries = entries.filter(user=user)
    return [entry for entry in entries if step is None or entry.data["workflow"]["task"]["title"] == step]


def in_review(anje, anje_story):
    """Anje changed an answer and submitted it: Redactie waits for Marketing."""
    submit(Client(), anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert current_step(anje_story) == "Redactie"
    return anje_story


def decide(client, link, action, comment=""):
    return client.post(link, {"action": action, "comment": comment})


def shown_messages(response):
    return [str(message) for message in response.context["messages"]]


def task_state_of(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def test_the_reviewers_decide_from_their_emails_and_the_story_goes_live(
    client, anje, anje_story, marketing, marketing2, moderator
):
    in_review(anje, anje_story)
    assert review_link_to("marketing2@example.nl") != review_link_to("marketing@example.nl")  # one per person

    client.force_login(marketing)
    link = review_link_to("marketing@example.nl")
    page = client.get(link)
    text = page.content.decode()
    assert page.status_code == 200
    assert NEW_ANSWER in text  # what changed
    # The true change summary: the inserted words marked, and who wrote them.
    assert "<ins" in text and "Ouders komen nu elke maand op school." in text
    assert "gewijzigd door Anje" in text
    revision = Page.objects.get(pk=anje_story.pk).get_latest_revision()
    assert reverse("wagtailadmin_pages:revisions_view", args=[anje_story.pk, revision.pk]) in text  # exactly this one
    assert ">Goedkeuren</button>" in text and ">Wijzigingen vragen</button>" in text

    response = decide(client, link, "approve", comment="Mooi zo.")
    assert response.status_code == 302
    after = client.get(response["Location"])
    assert "Goedgekeurd. Doorgestuurd naar Goedkeuring Klaver CT (Moderatoren)." in shown_messages(after)
    assert "Je besluit is vastgelegd." in after.content.decode()
    [redactie] = approvals(anje_story, marketing, "Redactie")
    assert redactie.data["comment"] == "Mooi zo."
    assert NEW_ANSWER not in public_html(Client(), anje_story)

    client.force_login(moderator)
    link = review_link_to("moderator@example.nl")
    assert ">Goedkeuren en publiceren</button>" in client.get(link).content.decode()
    response = decide(client, link, "approve")
    assert "Goedgekeurd. Het verhaal staat nu live." in shown_messages(client.get(response["Location"]))
    # In Wagtail's audit log as the moderator: the approval and the publication.
    assert len(approvals(anje_story, moderator, "Goedkeuring Klaver CT")) == 1
    assert PageLogEntry.objects.filter(page_id=anje_story.pk, action="wagtail.publish", user=moderator).exists()
    assert NEW_ANSWER in public_html(Client(), anje_story)


def test_asking_for_changes_from_the_email_goes_back_to_the_author(client, anje, anje_story, marketing):
    in_review(anje, anje_story)
    client.force_login(marketing)
    response = decide(client, review_link_to("marketing@example.nl"), "reject", comment="Graag een voorbeeld.")
    assert "Wijzigingen gevraagd. Het verhaal gaat terug naar Anje Bechtel, die het aanpast en opnieuw indient." in (
        shown_messages(client.get(response["Location"]))
    )
    rejection = PageLogEntry.objects.get(page_id=anje_story.pk, action="wagtail.workflow.reject")
    assert rejection.user == marketing
    assert rejection.data["comment"] == "Graag een voorbeeld."


def test_opening_the_link_changes_nothing(client, anje, anje_story, marketing):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    task_state = task_state_of(anje_story)
    # A mail scanner (not logged in), a preview, the reviewer opening it, a crafted GET.
    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and reverse("wagtailadmin_login") in anonymous["Location"]
    client.force_login(marketing)
    for url in (link, link + "?action=approve", link + "?action=approve&comment=x"):
        assert client.get(url).status_code == 200
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not approvals(anje_story)


def test_the_link_still_works_after_logging_in(anje, anje_story, marketing):
    """Opened while logged out: the admin asks for the login, and the same link then opens."""
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    browser = Client()
    login_url = browser.get(link)["Location"]
    response = browser.post(login_url, {"username": "marketing", "password": "Glans-w8woord!"}, follow=True)
    assert response.redirect_chain[-1][0] == link
    assert ">Goedkeuren</button>" in response.content.decode()


def test_the_decision_needs_the_csrf_token(anje, anje_story, marketing):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(marketing)
    assert decide(browser, link, "approve").status_code == 403
    assert task_state_of(anje_story).task.name == "Redactie"
    assert not approvals(anje_story)
    # The same POST with the token from the page goes through.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', browser.get(link).content.decode()).group(1)
    response = browser.post(link, {"action": "approve", "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert approvals(anje_story, marketing, "Redactie")


def test_an_expired_link_says_so(client, anje, anje_story, marketing, monkeypatch):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    later = signing.time.time() + (REVIEW_LINK_DAYS * 24 + 1) * 3600
    monkeypatch.setattr(signing.time, "time", lambda: later)
    client.force_login(marketing)
    page = client.get(link)
    assert page.status_code == 410
    assert "Deze link is verlopen" in page.content.decode()
    assert decide(client, link, "approve").status_code == 410
    assert not approvals(anje_story)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda link: link[:-3] + "x/",  # the signature
        lambda link: link.replace("/beoordelen/", "/beoordelen/x"),  # the payload
        lambda link: "/admin/beoordelen/niets/",
    ],
)
def test_a_tampered_link_is_refused(client, anje, anje_story, marketing, tamper):
    in_review(anje, anje_story)
    link = tamper(review_link_to("marketing@example.nl"))
    client.force_login(marketing)
    page = client.get(link)
    assert page.status_code == 400
    assert "Deze link klopt niet" in page.content.decode()
    assert decide(client, link, "approve").status_code == 400
    assert not approvals(anje_story)


def test_a_forwarded_link_is_refused_to_someone_else(client, anje, anje_story, marketing, marketing2):
    """marketing2 forwards her email; marketing, who may approve herself, cannot use her link."""
    in_review(anje, anje_story)
    forwarded = review_link_to("marketing2@example.nl")
    client.force_login(marketing)
    page = client.get(forwarded)
    assert page.status_code == 403
    assert "Deze link is voor iemand anders" in page.content.decode()
    assert decide(client, forwarded, "approve").status_code == 403
    assert not approvals(anje_story)


def test_a_password_change_ends_the_link(client, anje, anje_story, marketing):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    marketing.set_password("Een-ander-w8woord!")
    marketing.save()
    client.force_login(marketing)
    page = client.get(link)
    assert page.status_code == 403
    assert "Deze link geldt niet meer" in page.content.decode()


def test_a_replayed_decision_changes_nothing(client, anje, anje_story, marketing, moderator):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    client.force_login(marketing)
    assert decide(client, link, "approve").status_code == 302
    waiting = task_state_of(anje_story)
    assert waiting.task.name == "Goedkeuring Klaver CT"

    replay = decide(client, link, "reject", comment="Toch niet.")
    assert replay.status_code == 409
    assert "Deze stap is al goedgekeurd door Marketing" in replay.content.decode()
    assert len(approvals(anje_story, marketing, "Redactie")) == 1
    assert not PageLogEntry.objects.filter(page_id=anje_story.pk, action="wagtail.workflow.reject").exists()
    assert task_state_of(anje_story) == waiting


def test_a_step_decided_elsewhere_shows_where_the_story_is_now(client, anje, anje_story, marketing, marketing2):
    in_review(anje, anje_story)
    link = review_link_to("marketing@example.nl")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")

    client.force_login(marketing)
    page = client.get(link).content.decode()
    assert "Deze stap is al goedgekeurd door Marketing2" in page
    assert "Nu: in beoordeling, stap „Goedkeuring Klaver CT”." in page
    assert "<button" not in page.split("</header>")[-1]  # nothing left to decide here
    assert decide(client, link, "approve").status_code == 409
    assert not approvals(anje_story, marketing, "Redactie")


def test_a_link_for_an_older_revision_points_to_the_current_one(client, anje, anje_story, marketing, marketing2):
    """marketing2 edits the story during Redactie: marketing's email showed a text no longer in review."""
    in_review(anje, anje_story)
    old_link = review_link_to("marketing@example.nl")
    save_draft(client, marketing2, anje_story, "De redactie heeft dit herschreven.")

    client.force_login(marketing)
    page = client.get(old_link).content.decode()
    assert "Sinds deze e-mail is er een nieuwere versie opgeslagen (door Marketing2" in page
    response = decide(client, old_link, "approve")
    assert response.status_code == 409
    assert not approvals(anje_story)

    # The page offers the review of the current revision, which does show the new text.
    current = re.search(r'href="(/admin/beoordelen/[^"]+)">Naar de actuele beoordeling', page).group(1)
    assert current != old_link
    assert "De redactie heeft dit herschreven." in client.get(current).content.decode()
    assert decide(client, current, "approve").status_code == 302
    assert approvals(anje_story, marketing, "Redactie")


def test_an_author_gets_no_link_and_a_crafted_one_cannot_approve(client, anje, anje_story, marketing, marketing2):
    save_draft(client, marketing, anje_story, "Door de redactie voorbereid.")
    in_review(anje, anje_story)
    assert review_links_to("marketing2@example.nl")
    assert not review_links_to("marketing@example.nl")  # four eyes: the author is not asked

    task_state = task_state_of(anje_story)
    crafted = review_path(marketing, task_state, Page.objects.get(pk=anje_story.pk).get_latest_revision())
    client.force_login(marketing)
    page = client.get(crafted).content.decode()
    assert "Je hebt zelf aan deze wijziging gewerkt" in page
    assert ">Goedkeuren</button>" not in page
    assert decide(client, crafted, "approve").status_code == 403
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert not approvals(anje_story)


def test_the_ambassadors_consent_link_opens_her_own_decision(client, anje, anje_story, marketing, marketing2):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    assert current_step(anje_story) == "Akkoord ambassadeur"

    client.force_login(anje)
    link = review_link_to("anje@example.nl")
    assert ">Akkoord</button>" in client.get(link).content.decode()
    response = decide(client, link, "approve")
    assert "Goedgekeurd. Doorgestuurd naar Goedkeuring Klaver CT (Moderatoren)." in shown_messages(
        client.get(response["Location"])
    )
    assert approvals(anje_story, anje, "Akkoord ambassadeur")


# Clear outcomes on Wagtail's own routes.


def test_wagtails_workflow_action_says_what_happened_and_what_comes_next(
    client, anje, anje_story, marketing, moderator
):
    in_review(anje, anje_story)
    client.force_login(marketing)
    response = workflow_action(client, anje_story, "approve")  # the editor's modal and the dashboard panel
    assert "Goedgekeurd. Doorgestuurd naar Goedkeuring Klaver CT (Moderatoren)." in shown_messages(
        client.get(response["Location"])
    )

    client.force_login(moderator)
    task_state = task_state_of(anje_story)
    url = reverse("wagtailadmin_pages:workflow_action", args=[anje_story.pk, "approve", task_state.pk])
    # The dashboard's panel posts from its modal with XMLHttpRequest, then follows the redirect it is given.
    answer = client.post(url, {"comment": ""}, headers={"x-requested-with": "XMLHttpRequest"})
    assert answer.json()["step"] == "success"
    assert "Goedgekeurd. Het verhaal staat nu live." in shown_messages(client.get(reverse("wagtailadmin_home")))
    assert NEW_ANSWER in public_html(Client(), anje_story)


def test_a_rejection_from_the_dashboard_says_back_to_whom(client, anje, anje_story, marketing):
    in_review(anje, anje_story)
    client.force_login(marketing)
    task_state = task_state_of(anje_story)
    url = reverse("wagtailadmin_pages:workflow_action", args=[anje_story.pk, "reject", task_state.pk])
    answer = client.post(url, {"comment": "Te lang."}, headers={"x-requested-with": "XMLHttpRequest"})
    assert answer.json()["step"] == "success"
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "Wijzigingen gevraagd. Het verhaal gaat terug naar Anje Bechtel, die het aanpast en opnieuw indient." in (
        shown_messages(dashboard)
    )


def test_the_final_step_says_that_it_publishes(client, anje, anje_story, marketing, moderator):
    in_review(anje, anje_story)
    client.force_login(marketing)
    assert "Goedkeuren en publiceren" not in client.get(reverse("wagtailadmin_home")).content.decode()
    workflow_action(client, anje_story, "approve")

    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Goedkeuren en publiceren" in dashboard
    editor = client.get(edit_url(anje_story)).content.decode()
    assert "Goedkeuren en publiceren" in editor
    assert "publiceren en publiceren" not in editor


def test_a_text_changed_since_the_consent_goes_back_to_the_ambassador(
    client, anje, anje_story, marketing, marketing2, moderator, moderator2
):
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")
    client.force_login(anje)
    workflow_action(client, anje_story, "approve")  # her consent
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    save_draft(client, moderator2, anje_story, "Na het akkoord nog aangepast.")

    client.force_login(moderator)
    page = client.get(review_link_to("moderator@example.nl")).content.decode()
    current = re.search(r'href="(/admin/beoordelen/[^"]+)">Naar de actuele beoordeling', page).group(1)
    response = decide(client, current, "approve")
    assert (
        "Nog niet goedgekeurd: de tekst is gewijzigd sinds het akkoord van de ambassadeur. "
        "Doorgestuurd naar Akkoord ambassadeur (Anje Bechtel)."
    ) in shown_messages(client.get(response["Location"]))
    assert current_step(anje_story) == "Akkoord ambassadeur"
    assert "Na het akkoord" not in public_html(Client(), anje_story)
