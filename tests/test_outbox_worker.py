"""
No email waits in a request and none is lost: contact, workflow and invitation emails go to
the outbox in the request's transaction and the real worker (`db_worker`) delivers them to a
real SMTP server on loopback, whether that server is up, refusing or silent; exactly once,
also with two workers at once; and a worker killed mid-send loses nothing.
"""

import signal
import time

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ambassadors.factories import AmbassadorPageFactory
from contact.factories import contact_form_data
from contact.models import ContactRequest
from core import outbox
from core.models import OutboxMessage
from tests.support import worker
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url
from tests.support.smtp_servers import SilentServer

pytestmark = worker.WORKER_TESTS

SECRETARIAT = "secretariaat@klaverct.example"
VISITOR = "jeroen@obs-de-esch.example"


@pytest.fixture
def silent_server():
    server = SilentServer().start()
    yield server
    server.stop()


def submit_contact_form(client, contact_page):
    response = client.post(contact_page.url, contact_form_data())
    assert response.status_code == 302
    return response


def wait_until_due():
    """Sleep until the last backoff has passed (OUTBOX_RETRY_BASE_SECONDS=1 in the worker)."""
    latest = max(OutboxMessage.objects.values_list("next_attempt_at", flat=True))
    time.sleep(max((latest - timezone.now()).total_seconds(), 0) + 0.2)


def statuses():
    return sorted(OutboxMessage.objects.values_list("status", flat=True))


def test_contact_request_and_its_emails_are_stored_without_touching_the_server(client, contact_page, smtp_server):
    response = submit_contact_form(client, contact_page)

    assert smtp_server.connections == 0
    assert mail.outbox == []
    # The request stored the contact request and the task that writes its emails, nothing more:
    # rendering the emails is the worker's work too.
    contact_request = ContactRequest.objects.get()
    assert not contact_request.is_fully_notified
    queued = DBTaskResult.objects.get(status="READY", task_path="contact.notifications.send_contact_notifications")
    assert queued.args_kwargs["args"] == [contact_request.pk]
    assert OutboxMessage.objects.count() == 0
    assert "De bevestiging is onderweg naar" in client.get(response["Location"]).content.decode()

    worker.run_batch(smtp_server.port)

    contact_request.refresh_from_db()
    assert contact_request.is_fully_notified
    assert sorted(sum(OutboxMessage.objects.values_list("to", flat=True), [])) == sorted([SECRETARIAT, VISITOR])

    assert smtp_server.handler.recipients() == sorted([SECRETARIAT, VISITOR])
    assert statuses() == ["sent", "sent"]
    html = [message.get_body(("html",)) for _rcpt, message in smtp_server.handler.messages]
    assert all(part is not None for part in html)

    # The queue is empty and the messages are marked: another run sends nothing more.
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)
    assert len(smtp_server.handler.messages) == 2


def test_refusing_server_is_retried_with_backoff_and_sent_once_it_accepts(client, contact_page, smtp_server):
    smtp_server.handler.refuse = True
    submit_contact_form(client, contact_page)
    assert smtp_server.connections == 0

    worker.run_batch(smtp_server.port)

    assert smtp_server.handler.messages == []
    for message in OutboxMessage.objects.all():
        assert message.status == "waiting"
        assert message.attempts == 1
        assert "554" in message.last_error
        assert message.lease_until is None
    # The next attempts are queued for later, not lost.
    assert DBTaskResult.objects.filter(status="READY", run_after__isnull=False).count() == 2

    smtp_server.handler.refuse = False
    wait_until_due()
    worker.run_batch(smtp_server.port)

    assert smtp_server.handler.recipients() == sorted([SECRETARIAT, VISITOR])
    assert statuses() == ["sent", "sent"]
    assert set(OutboxMessage.objects.values_list("attempts", flat=True)) == {2}


def test_silent_server_costs_the_visitor_nothing_and_the_worker_sends_later(
    client, contact_page, smtp_server, silent_server, settings
):
    settings.EMAIL_PORT = silent_server.port  # were anything sent in the request, it would hang here
    submit_contact_form(client, contact_page)

    # No connection at all during the request (so nothing waited for the silent server; a
    # time limit would only make the test depend on the machine's load).
    assert silent_server.connections == 0

    worker.run_batch(silent_server.port)
    assert silent_server.connections >= 1
    assert all("timed out" in message.last_error for message in OutboxMessage.objects.all())
    assert statuses() == ["waiting", "waiting"]

    wait_until_due()
    worker.run_batch(smtp_server.port)
    assert smtp_server.handler.recipients() == sorted([SECRETARIAT, VISITOR])
    assert statuses() == ["sent", "sent"]


def test_gives_up_after_the_limit_with_a_clear_status(client, contact_page, smtp_server):
    smtp_server.handler.refuse = True
    submit_contact_form(client, contact_page)

    worker.run_batch(smtp_server.port, OUTBOX_MAX_ATTEMPTS=1)

    assert statuses() == ["failed", "failed"]
    assert DBTaskResult.objects.filter(status="READY").count() == 0


def test_two_workers_at_once_send_each_message_exactly_once(smtp_server):
    for number in range(12):
        mail.send_mail(f"Bericht {number:02}", "Tekst", None, [f"ontvanger{number}@example.test"])
        # A second claim on each message, as the periodic sweep makes for a message it finds due.
    for message_id in OutboxMessage.objects.values_list("pk", flat=True):
        outbox.deliver_message.enqueue(message_id)
    assert DBTaskResult.objects.count() == 24

    workers = [worker.start("--batch", smtp_port=smtp_server.port) for _ in range(2)]
    outputs = [process.communicate(timeout=120)[0] for process in workers]

    assert all(process.returncode == 0 for process in workers), outputs
    assert smtp_server.handler.subjects() == [f"Bericht {number:02}" for number in range(12)]
    assert statuses() == ["sent"] * 12
    assert all("Task id=" not in output or "failed" not in output for output in outputs)


def test_worker_killed_mid_send_loses_nothing_and_sends_at_most_once_more(smtp_server):
    mail.send_mail("Bericht", "Tekst", None, ["ontvanger@example.test"])
    # The server records the message, then waits before saying it accepted it: the worker is
    # killed in between, so it never marks the message sent.
    smtp_server.handler.hold_after_data = 30
    process = worker.start(
        "--no-schedule", smtp_port=smtp_server.port, OUTBOX_LEASE_SECONDS=20
    )  # outlives a batch run on a busy machine
    try:
        assert smtp_server.handler.received.wait(60), "the worker never sent"
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=30)

    message = OutboxMessage.objects.get()
    assert message.status == "waiting"
    assert message.lease_until is not None  # held by the dead worker

    # Within the lease nobody sends it again.
    smtp_server.handler.hold_after_data = 0
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)
    assert len(smtp_server.handler.messages) == 1

    # After the lease the periodic sweep sends it once more, and then never again.
    time.sleep(max((message.lease_until - timezone.now()).total_seconds(), 0) + 0.2)
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)

    assert len(smtp_server.handler.messages) == 2
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.attempts == 2


# Workflow and invitation emails under the same faults: the request stores them without a
# connection, the worker retries while the server refuses or hangs, and sends each once it is up.


def submit_story(client, anje, anje_story):
    client.force_login(anje)
    response = client.post(edit_url(anje_story), editor_form_data(anje_story, action="action-submit"))
    assert response.status_code == 302
    return "marketing@example.nl", None


def invite_in_admin(client, marketing, ambassador_index, school):
    page = AmbassadorPageFactory(parent=ambassador_index, title="Femmy Sassen", slug="femmy-sassen", school=school)
    client.force_login(marketing)
    url = reverse("ambassadors_invite", args=[page.pk])
    response = client.post(url, {"name": "Femmy Sassen", "email": "f.sassen@school.nl"}, follow=True)
    return "f.sassen@school.nl", response.content.decode()


def make_request(email, client, request):
    """The request that sends the email; returns a recipient it must have stored and, for the
    invitation, the page Marketing sees afterwards."""
    if email == "workflow":
        return submit_story(client, request.getfixturevalue("anje"), request.getfixturevalue("anje_story"))
    return invite_in_admin(
        client,
        request.getfixturevalue("marketing"),
        request.getfixturevalue("ambassador_index"),
        request.getfixturevalue("school"),
    )


def stored_recipients(expected, page):
    recipients = sorted(sum(OutboxMessage.objects.values_list("to", flat=True), []))
    assert expected in recipients
    assert statuses() == ["waiting"] * len(recipients)
    if page is not None:
        assert f"Uitnodiging verstuurd naar {expected}" in page
    return recipients


@pytest.mark.usefixtures("marketing")  # the Redactie reviewer the workflow email goes to
@pytest.mark.parametrize("email", ["workflow", "invitation"])
def test_refusing_server_keeps_workflow_and_invitation_emails_until_it_accepts(email, client, request, smtp_server):
    smtp_server.handler.refuse = True
    expected, page = make_request(email, client, request)
    assert smtp_server.connections == 0
    stored = stored_recipients(expected, page)

    worker.run_batch(smtp_server.port)

    assert smtp_server.connections >= 1
    assert smtp_server.handler.messages == []
    for message in OutboxMessage.objects.all():
        assert message.status == "waiting"
        assert message.attempts == 1
        assert "554" in message.last_error

    smtp_server.handler.refuse = False
    wait_until_due()
    worker.run_batch(smtp_server.port)
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)

    assert smtp_server.handler.recipients() == stored
    assert set(statuses()) == {"sent"}


@pytest.mark.usefixtures("marketing")
@pytest.mark.parametrize("email", ["workflow", "invitation"])
def test_silent_server_holds_up_no_workflow_or_invitation_request_and_loses_nothing(
    email, client, request, smtp_server, silent_server, settings
):
    settings.EMAIL_PORT = silent_server.port  # were anything sent in the request, it would hang here
    expected, page = make_request(email, client, request)
    assert silent_server.connections == 0  # no connection during the request: nothing waited
    stored = stored_recipients(expected, page)

    worker.run_batch(silent_server.port)

    assert silent_server.connections >= 1
    assert all("timed out" in message.last_error for message in OutboxMessage.objects.all())
    assert set(statuses()) == {"waiting"}

    wait_until_due()
    worker.run_batch(smtp_server.port)
    outbox.deliver_due.enqueue()
    worker.run_batch(smtp_server.port)

    assert smtp_server.handler.recipients() == stored
    assert set(statuses()) == {"sent"}
