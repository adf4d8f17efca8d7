"""
The two emails a contact request causes: one to the secretariat, a confirmation to the visitor.

The visitor's request only stores the contact request and queues `send_contact_notifications`
in the same transaction (with the database task backend the task is a row like any other), so
neither is saved without the other. The worker then renders both emails and hands them to the
site's EMAIL_BACKEND, the outbox (core/outbox.py), which delivers each with its own lease.
Rendering two emails (a text and an HTML part each) was most of a submission's cost; in the
worker it no longer holds up the visitor or the web workers serving other pages. Should the
task be lost all the same, the periodic `send_pending_contact_notifications` finds the request
still pending. The fields below record that a message is in the outbox; with another backend
(the retry command's tests use SMTP directly) that it was sent.

Delivery is recorded per recipient. Before sending, a process takes a short lease on the
request with a conditional UPDATE (atomic on every database, SQLite included); a second
process that finds the lease taken leaves the request alone. So two retries running at the
same time never send the same email twice. A crash after the SMTP server accepted a
message but before it was recorded can still cause one repeat after the lease expires;
SMTP gives no way to close that gap.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.models import Site

from home.models import OrganisationSettings

from .contact_requests import ContactRequest

logger = logging.getLogger(__name__)

LEASE_DURATION = timedelta(minutes=10)


@dataclass
class Secretariat:
    organisation_name: str
    email: str
    phone: str


def get_secretariat(site=None, request=None):
    """
    The secretariat's details from the site settings, or CONTACT_SECRETARIAT_EMAIL when unset.

    Pass the request when there is one: the settings are then read once per request (the
    template context processor shares the same copy).
    """
    if request is not None:
        organisation = OrganisationSettings.for_request(request)
    else:
        site = site or Site.objects.filter(is_default_site=True).first()
        organisation = OrganisationSettings.for_site(site) if site else None
    return Secretariat(
        organisation_name=(organisation.organisation_name if organisation else "") or "Klaver CT",
        email=(organisation.secretariat_email if organisation else "") or settings.CONTACT_SECRETARIAT_EMAIL,
        phone=(organisation.secretariat_phone if organisation else "") or settings.CONTACT_SECRETARIAT_PHONE,
    )


def admin_url(contact_request):
    path = reverse("contact_contactrequest_modeladmin_inspect", args=[contact_request.pk])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build_message(template, subject, to, reply_to, context):
    """A text email with an HTML alternative, both rendered from templates/contact/email/."""
    text = render_to_string(f"contact/email/{template}.txt", context)
    html = render_to_string(f"contact/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], reply_to=reply_to or None)
    message.attach_alternative(html, "text/html")
    return message


def secretariat_message(contact_request, secretariat):
    if not secretariat.email:
        raise NotificationError(
            "No secretariat email address: set it in Settings > Organisatie or CONTACT_SECRETARIAT_EMAIL."
        )
    context = {"request": contact_request, "secretariat": secretariat, "admin_url": admin_url(contact_request)}
    subject = _("Contactverzoek #%(number)s van %(name)s") % {
        "number": contact_request.pk,
        "name": contact_request.name,
    }
    return build_message("secretariat_notification", subject, secretariat.email, [contact_request.email], context)


def visitor_message(contact_request, secretariat):
    context = {"request": contact_request, "secretariat": secretariat}
    subject = _("We hebben je contactverzoek ontvangen (#%(number)s)") % {"number": contact_request.pk}
    reply_to = [secretariat.email] if secretariat.email else []
    return build_message("visitor_confirmation", subject, contact_request.email, reply_to, context)


class NotificationError(Exception):
    pass


# Which emails a request needs: the field recording delivery, and how to build the message.
NOTIFICATIONS = [
    ("secretariat_notified_at", secretariat_message),
    ("visitor_notified_at", visitor_message),
]


def acquire_lease(contact_request_id):
    """Claim the right to send this request's emails; False if another process holds it."""
    now = timezone.now()
    claimed = (
        ContactRequest.objects.filter(pk=contact_request_id)
        .filter(Q(notification_lease_until__isnull=True) | Q(notification_lease_until__lt=now))
        .update(notification_lease_until=now + LEASE_DURATION)
    )
    return claimed == 1


def release_lease(contact_request_id):
    ContactRequest.objects.filter(pk=contact_request_id).update(notification_lease_until=None)


def send_notifications(contact_request, site=None):
    """
    Send whichever of the two emails has not gone out yet, each at most once.

    Never raises for a mail failure: the request is already stored, the failure is recorded
    on it (attempts, last error) and the retry command picks it up. Returns the number of
    emails sent, or None when another process is busy with this request.
    """
    if not acquire_lease(contact_request.pk):
        return None
    try:
        # Read delivery state after taking the lease: another process may just have sent.
        contact_request.refresh_from_db()
        pending = [
            (field, build)
            for field, build in NOTIFICATIONS
            if getattr(contact_request, field) is None
            and not (field == "visitor_notified_at" and contact_request.visitor_confirmation_withheld)
        ]
        if not pending:
            return 0
        secretariat = get_secretariat(site)
        errors = []
        sent = 0
        for field, build in pending:
            try:
                build(contact_request, secretariat).send(fail_silently=False)
            except Exception as error:  # any backend failure: SMTP, socket, configuration
                logger.warning("Contact request #%s: %s failed: %r", contact_request.pk, field, error)
                errors.append(f"{field.removesuffix('_notified_at')}: {type(error).__name__}: {error}")
                continue
            # Recorded straight away, per message, so a later failure cannot cause a resend.
            now = timezone.now()
            ContactRequest.objects.filter(pk=contact_request.pk).update(**{field: now})
            setattr(contact_request, field, now)
            sent += 1
        ContactRequest.objects.filter(pk=contact_request.pk).update(
            notification_attempts=F("notification_attempts") + 1,
            last_notification_error="\n".join(errors),
        )
        contact_request.refresh_from_db(fields=["notification_attempts", "last_notification_error"])
        return sent
    finally:
        release_lease(contact_request.pk)


@task()
def send_contact_notifications(contact_request_id):
    """
    The worker's side of a submission: render and store the request's emails.

    In one transaction, so the outbox rows and the fields recording them are saved together:
    a worker that dies halfway leaves the request pending, never half sent.
    """
    contact_request = ContactRequest.objects.filter(pk=contact_request_id).first()
    if contact_request is None:  # purged before the worker came to it
        return None
    with transaction.atomic():
        return send_notifications(contact_request)


def pending_notifications(max_attempts=None):
    """Requests with an email still to send, oldest first."""
    max_attempts = max_attempts if max_attempts is not None else settings.CONTACT_NOTIFICATION_MAX_ATTEMPTS
    return ContactRequest.objects.filter(
        Q(secretariat_notified_at__isnull=True)
        | Q(visitor_notified_at__isnull=True, visitor_confirmation_withheld=False),
        notification_attempts__lt=max_attempts,
    ).order_by("created_at")
