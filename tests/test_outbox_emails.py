"""
Workflow and invitation emails go through the outbox too: the request that submits a story
or invites an ambassador stores its emails without contacting the mail server, and the real
worker delivers them, once.
"""

from django.contrib.auth import get_user_model

from ambassadors.factories import AmbassadorPageFactory
from ambassadors.invitations import invite_ambassador
from core.models import OutboxMessage
from tests.support import worker
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url

pytestmark = worker.WORKER_TESTS


def test_submitting_a_story_stores_the_workflow_emails_and_the_worker_sends_them(
    client, anje, anje_story, marketing, smtp_server
):
    client.force_login(anje)
    response = client.post(edit_url(anje_story), editor_form_data(anje_story, action="action-submit"))
    assert response.status_code == 302

    assert smtp_server.connections == 0
    stored = list(OutboxMessage.objects.values_list("to", flat=True))
    assert ["marketing@example.nl"] in stored

    worker.run_batch(smtp_server.port)
    worker.run_batch(smtp_server.port)

    assert sorted(sum(stored, [])) == smtp_server.handler.recipients()
    assert set(OutboxMessage.objects.values_list("status", flat=True)) == {"sent"}


def test_invitation_is_stored_with_the_account_and_sent_by_the_worker(ambassador_index, school, smtp_server):
    page = AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)

    invitation = invite_ambassador(page, "f.sassen@school.nl", "Femmy Sassen")

    assert invitation.email_sent
    assert smtp_server.connections == 0
    message = OutboxMessage.objects.get()
    assert message.to == ["f.sassen@school.nl"]

    worker.run_batch(smtp_server.port)

    (_rcpt, delivered), *others = smtp_server.handler.messages
    assert others == []
    assert invitation.password_url in delivered.get_content()
    message.refresh_from_db()
    assert message.status == "sent"


def test_password_reset_is_looked_up_and_sent_by_the_worker(client, smtp_server):
    get_user_model().objects.create_user("redacteur", "redactie@example.test", "wachtwoord-42")

    response = client.post("/admin/password_reset/", {"email": "redactie@example.test"})

    assert response.status_code == 302
    assert smtp_server.connections == 0
    assert not OutboxMessage.objects.exists()  # even the lookup waits for the worker

    worker.run_batch(smtp_server.port)

    ((rcpt, delivered),) = smtp_server.handler.messages
    assert rcpt == ["redactie@example.test"]
    assert "/admin/password_reset/confirm/" in delivered.get_content()
