"""
The outbox: every email the site sends is stored first and delivered by the worker.

Why built here on the task framework and not with django-post-office: Wagtail already runs
its own background work on django-tasks, so one worker (`manage.py db_worker`) and one
queue in the database serve everything; post-office brings a second queue with its own
sending command, locking and retention to run and watch. What we need on top of the task
framework is small: a row per message and a lease.

- `OutboxEmailBackend` is the site's EMAIL_BACKEND. `send_mail`, Wagtail's workflow emails,
  `mail_admins` and the password reset all store rows here, inside the caller's database
  transaction (with the database task backend the delivery task is a row in the same
  transaction too), so a change and its email are saved together or not at all. No
  connection to the mail server is opened in a request.
- `deliver_message` (a task, run by the worker) claims the message with a conditional
  UPDATE that sets a lease (atomic on SQLite and PostgreSQL): of two workers only one gets
  it. It sends through OUTBOX_DELIVERY_BACKEND (SMTP in production) and marks the row sent.
  A refusal or time-out schedules another attempt with exponential backoff; after
  OUTBOX_MAX_ATTEMPTS the message is marked failed, and staff can retry it in the admin.
- A worker that dies while sending leaves the lease in place; once it expires
  (OUTBOX_LEASE_SECONDS), the periodic `deliver_due` sends the message again. So a crash
  loses nothing and causes at most one repeat of a message the server may already have
  accepted: SMTP offers no way to close that gap.
"""

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from .models import OutboxMessage

logger = logging.getLogger(__name__)


def lease_duration():
    return timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)


def backoff(attempts):
    """The wait before attempt number `attempts + 1`: doubling from the base, at most an hour."""
    return timedelta(seconds=min(settings.OUTBOX_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0), 3600))


def _html_alternative(message):
    for content, mimetype in getattr(message, "alternatives", ()) or ():
        if mimetype == "text/html":
            return str(content)
    return ""


def _attachments(message):
    stored = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):  # a MIMEBase part: keep it as its bytes
            attachment = (attachment.get_filename(), attachment.get_payload(decode=True), attachment.get_content_type())
        filename, content, mimetype = attachment
        content = content.encode() if isinstance(content, str) else content
        stored.append({"filename": filename, "content": base64.b64encode(content).decode(), "mimetype": mimetype})
    return stored


def store(message):
    """Save one EmailMessage to the outbox and queue its delivery; returns the row."""
    with transaction.atomic():
        row = OutboxMessage.objects.create(
            from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
            to=list(message.to),
            cc=list(message.cc),
            bcc=list(message.bcc),
            reply_to=list(message.reply_to),
            subject=str(message.subject),
            body=str(message.body),
            html=_html_alternative(message),
            headers={str(key): str(value) for key, value in (message.extra_headers or {}).items()},
            attachments=_attachments(message),
        )
        deliver_message.enqueue(row.pk)
    return row


class OutboxEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND that stores instead of sending; the worker delivers (see the module)."""

    def send_messages(self, email_messages):
        stored = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                store(message)
            except Exception:
                # mail_admins asks for this: an error report must not raise a second error.
                if not self.fail_silently:
                    raise
                logger.exception("Could not store an email in the outbox")
                continue
            stored += 1
        return stored


def as_email(row, connection):
    message = EmailMultiAlternatives(
        subject=row.subject,
        body=row.body,
        from_email=row.from_email,
        to=row.to,
        cc=row.cc,
        bcc=row.bcc,
        reply_to=row.reply_to,
        headers=row.headers,
        connection=connection,
    )
    if row.html:
        message.attach_alternative(row.html, "text/html")
    for attachment in row.attachments:
        message.attach(attachment["filename"], base64.b64decode(attachment["content"]), attachment["mimetype"])
    return message


def claim(message_id):
    """Take the lease on a due message; the lease's end if this process got it, else None."""
    now = timezone.now()
    lease_until = now + lease_duration()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, status=OutboxMessage.Status.WAITING, next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=lease_until, attempts=F("attempts") + 1)
    )
    return lease_until if claimed == 1 else None


def send_now(message_id):
    """Deliver one message if it is due and no one else holds it. True when it was sent."""
    lease_until = claim(message_id)
    if lease_until is None:
        return False
    row = OutboxMessage.objects.get(pk=message_id)
    held = OutboxMessage.objects.filter(pk=message_id, lease_until=lease_until)
    try:
        connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False)
        as_email(row, connection).send(fail_silently=False)
    except Exception as error:  # any delivery failure: refused, time-out, configuration
        error_text = f"{type(error).__name__}: {error}"[:2000]
        if row.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            held.update(status=OutboxMessage.Status.FAILED, lease_until=None, last_error=error_text)
            logger.error("Outbox message #%s failed for good after %s attempts: %s", row.pk, row.attempts, error_text)
        else:
            next_attempt_at = timezone.now() + backoff(row.attempts)
            held.update(lease_until=None, next_attempt_at=next_attempt_at, last_error=error_text)
            deliver_message.using(run_after=next_attempt_at).enqueue(row.pk)
            logger.warning("Outbox message #%s attempt %s failed: %s", row.pk, row.attempts, error_text)
        return False
    held.update(status=OutboxMessage.Status.SENT, sent_at=timezone.now(), lease_until=None, last_error="")
    return True


@task()
def deliver_message(message_id):
    return send_now(message_id)


def due_messages():
    now = timezone.now()
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.WAITING, next_attempt_at__lte=now)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .order_by("next_attempt_at")
    )


@task()
def deliver_due():
    """The periodic sweep: whatever is due and not held, including leases left by a crash."""
    sent = 0
    for message_id in due_messages().values_list("pk", flat=True)[:500]:
        sent += send_now(message_id)
    return sent


def retry(message):
    """Staff's "opnieuw proberen": a failed message gets a fresh round of attempts."""
    with transaction.atomic():
        updated = OutboxMessage.objects.filter(pk=message.pk, status=OutboxMessage.Status.FAILED).update(
            status=OutboxMessage.Status.WAITING, attempts=0, next_attempt_at=timezone.now(), lease_until=None
        )
        if updated:
            deliver_message.enqueue(message.pk)
    return bool(updated)


@task()
def prune_sent():
    """Delete sent messages after OUTBOX_KEEP_SENT_DAYS: their text may hold a password link."""
    cutoff = timezone.now() - timedelta(days=settings.OUTBOX_KEEP_SENT_DAYS)
    deleted, _by_model = OutboxMessage.objects.filter(status=OutboxMessage.Status.SENT, sent_at__lt=cutoff).delete()
    return deleted
