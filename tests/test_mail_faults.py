"""
The mail server down: the editorial workflow and the ambassador invitation carry on.

Workflow emails are sent in the request that approves (ambassadors/notifications.py); a
mail server that refuses must cost the recipients an email, never the approval itself.
"""

import logging
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import AmbassadorPage
from tests.support.pages import publish_story
from tests.support.workflow import NEW_ANSWER, current_step, public_html, submit, workflow_action

pytestmark = pytest.mark.django_db


def closed_loopback_port():
    """A port on 127.0.0.1 that nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(params=["backend-raises", "smtp-refused"])
def mail_server_down(request, settings):
    """Two ways the mail server is down: a backend that raises, Django's SMTP backend on a closed port."""
    if request.param == "backend-raises":
        settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"
        return "SMTPConnectError"
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_loopback_port(), 2
    return "ConnectionRefusedError"


def logged_failures(caplog, logger):
    return [record for record in caplog.records if record.name == logger]


def test_mail_server_down_the_approval_still_completes(
    client, caplog, mail_server_down, anje, anje_story, marketing, moderator
):
    caplog.set_level(logging.ERROR, logger="ambassadors.notifications")

    response = submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert response["Location"].startswith("/admin/")
    assert current_step(anje_story) == "Redactie"

    client.force_login(marketing)
    response = workflow_action(client, anje_story, "approve")
    assert response.status_code == 302
    assert current_step(anje_story) == "Goedkeuring Klaver CT"
    assert TaskState.objects.get(task__name="Redactie").status == TaskState.STATUS_APPROVED

    client.force_login(moderator)
    response = workflow_action(client, anje_story, "approve", comment="Mooi verhaal.")
    assert response.status_code == 302
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert NEW_ANSWER in public_html(client, anje_story)

    # Every email that could not go out is in the log, with whom it was for and why.
    failures = logged_failures(caplog, "ambassadors.notifications")
    recipients = {record.recipient for record in failures}
    assert recipients == {"anje@example.nl", "marketing@example.nl", "moderator@example.nl"}
    assert all(mail_server_down in record.exc_text for record in failures)


@pytest.fixture
def story(ambassador_index, school):
    return publish_story(
        AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    )


def test_invitation_without_mail_server_says_so_and_can_be_repeated(
    client, caplog, mail_server_down, story, marketing, settings, mailoutbox
):
    caplog.set_level(logging.ERROR, logger="ambassadors.invitations")
    url = reverse("ambassadors_invite", args=[story.pk])
    client.force_login(marketing)

    response = client.post(url, {"name": "Femmy Sassen", "email": "f.sassen@school.nl"}, follow=True)

    # Marketing sees, in Dutch, that the account is linked but the email did not go out,
    # on the invitation form again, filled in, to try once more.
    assert response.status_code == 200
    assert response.redirect_chain == [(url, 302)]
    page = response.content.decode()
    assert "maar de uitnodiging kon niet worden verstuurd" in page
    assert "Uitnodiging verstuurd" not in page
    assert 'value="f.sassen@school.nl"' in page
    user = get_user_model().objects.get(email="f.sassen@school.nl")
    assert AmbassadorPage.objects.get(pk=story.pk).ambassador_account == user
    (failure,) = logged_failures(caplog, "ambassadors.invitations")
    assert failure.recipient == "f.sassen@school.nl"
    assert mail_server_down in failure.exc_text

    # When the mail server is back, inviting again sends the email to the same account.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(url, {"name": "Femmy Sassen", "email": "f.sassen@school.nl"}, follow=True)
    assert "Uitnodiging verstuurd naar f.sassen@school.nl" in response.content.decode()
    assert [message.to for message in mailoutbox] == [["f.sassen@school.nl"]]
    assert get_user_model().objects.filter(email="f.sassen@school.nl").count() == 1


def test_invite_command_without_mail_server_is_a_clear_error(mail_server_down, story):
    with pytest.raises(CommandError, match="linked to Femmy Sassen, but the invitation email could not be sent"):
        call_command(
            "invite_ambassador", "--email", "f.sassen@school.nl", "--name", "Femmy Sassen", "--page", story.slug
        )
    assert AmbassadorPage.objects.get(pk=story.pk).ambassador_account.email == "f.sassen@school.nl"
