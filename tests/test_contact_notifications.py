"""
Nothing lost: a request is stored whatever the mail server does, and the retry command sends
each email exactly once when the server is back. Uses a real SMTP server on loopback (aiosmtpd).
"""

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from contact.factories import ContactRequestFactory, contact_form_data
from contact.models import ContactRequest
from contact.notifications import LEASE_DURATION, send_notifications
from tests.mail_backends import ReentrantEmailBackend
from tests.support.smtp_servers import SMTPServer

pytestmark = pytest.mark.django_db

SECRETARIAT = "secretariaat@klaverct.example"


@pytest.fixture
def smtp_server(settings):
    server = SMTPServer()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 5
    yield server
    server.stop()


def retry():
    out, err = StringIO(), StringIO()
    call_command("send_pending_contact_notifications", stdout=out, stderr=err)
    return out.getvalue()


def test_backend_that_raises_leaves_request_stored_and_marked(client, contact_page, settings):
    settings.EMAIL_BACKEND = "tests.mail_backends.FailingEmailBackend"

    response = client.post(contact_page.url, contact_form_data())

    # The visitor still gets the confirmation page: the request is safe with us.
    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.secretariat_notified_at is None
    assert contact_request.visitor_notified_at is None
    assert contact_request.notification_attempts == 1
    assert "SMTPConnectError" in contact_request.last_notification_error
    assert contact_request.notification_lease_until is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    output = retry()
    assert "emails sent: 2" in output
    assert [message.to for message in mail.outbox] == [[SECRETARIAT], ["jeroen@obs-de-esch.example"]]

    retry()
    assert len(mail.outbox) == 2
    contact_request.refresh_from_db()
    assert contact_request.is_fully_notified
    assert contact_request.last_notification_error == ""


def test_stopped_smtp_server_then_back_sends_exactly_once(client, contact_page, smtp_server):
    # The server is down (never started): connections to its port are refused.
    response = client.post(contact_page.url, contact_form_data())

    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.secretariat_notified_at is None
    assert contact_request.visitor_notified_at is None
    assert "ConnectionRefusedError" in contact_request.last_notification_error

    # Still down: the retry fails too, and the request stays pending.
    retry()
    contact_request.refresh_from_db()
    assert contact_request.notification_attempts == 2
    assert not contact_request.is_fully_notified

    smtp_server.start()
    output = retry()
    assert "emails sent: 2" in output
    assert smtp_server.handler.recipients() == sorted([SECRETARIAT, "jeroen@obs-de-esch.example"])
    secretariat_message = next(msg for rcpt, msg in smtp_server.handler.messages if rcpt == [SECRETARIAT])
    assert secretariat_message["Subject"] == f"Contactverzoek #{contact_request.pk} van Jeroen de Vries"
    assert secretariat_message.get_body(("html",)) is not None

    # Running again, and again after a restart of the server, sends nothing more.
    retry()
    smtp_server.stop()
    smtp_server.start()
    retry()
    assert len(smtp_server.handler.messages) == 2
    contact_request.refresh_from_db()
    assert contact_request.is_fully_notified


def test_one_recipient_refused_only_that_email_is_retried(client, contact_page, smtp_server):
    smtp_server.start()
    smtp_server.handler.refused.add("jeroen@obs-de-esch.example")

    client.post(contact_page.url, contact_form_data())

    contact_request = ContactRequest.objects.get()
    assert contact_request.secretariat_notified_at is not None
    assert contact_request.visitor_notified_at is None
    assert "visitor: SMTPRecipientsRefused" in contact_request.last_notification_error
    assert smtp_server.handler.recipients() == [SECRETARIAT]

    smtp_server.handler.refused.clear()
    retry()
    retry()

    assert smtp_server.handler.recipients() == sorted([SECRETARIAT, "jeroen@obs-de-esch.example"])


def test_concurrent_retry_does_not_send_twice(settings):
    """A second run that starts while the first is mid-send leaves the request alone."""
    settings.EMAIL_BACKEND = "tests.mail_backends.ReentrantEmailBackend"
    contact_request = ContactRequestFactory()
    outputs = []
    ReentrantEmailBackend.during_send = lambda: outputs.append(retry())

    first = retry()

    assert "skipped (busy elsewhere): 1" in outputs[0]
    assert "emails sent: 2" in first
    assert len(mail.outbox) == 2
    contact_request.refresh_from_db()
    assert contact_request.is_fully_notified


def test_request_leased_by_another_process_is_skipped_until_lease_expires():
    contact_request = ContactRequestFactory()
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        notification_lease_until=timezone.now() + LEASE_DURATION
    )

    assert send_notifications(contact_request) is None
    assert mail.outbox == []

    # A process that died while holding the lease does not block the request forever.
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        notification_lease_until=timezone.now() - LEASE_DURATION
    )
    assert send_notifications(contact_request) == 2
    assert len(mail.outbox) == 2


def test_retry_gives_up_after_max_attempts_but_request_stays(settings):
    settings.CONTACT_NOTIFICATION_MAX_ATTEMPTS = 3
    exhausted = ContactRequestFactory(notification_attempts=3)
    pending = ContactRequestFactory(notification_attempts=2)

    output = retry()

    assert "Pending requests: 1" in output
    assert [message.to for message in mail.outbox] == [[SECRETARIAT_FALLBACK], [pending.email]]
    assert ContactRequest.objects.filter(pk=exhausted.pk, secretariat_notified_at=None).exists()


SECRETARIAT_FALLBACK = "fallback@klaverct.example"


@pytest.fixture(autouse=True)
def secretariat_fallback(settings):
    # For requests sent without a site (the retry command on a bare database).
    settings.CONTACT_SECRETARIAT_EMAIL = SECRETARIAT_FALLBACK
