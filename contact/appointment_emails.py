"""
The emails of an appointment, through Django's mail API into the outbox (core/outbox.py);
the worker delivers them. Each is a plain-text email from templates/contact/email/.

What each party learns: the ambassador's proposal names the school, the role and the
question, not yet the visitor's name or contact details; those come with the invitation once
they accept. The visitor learns the ambassador's name and how the conversation takes place.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.signed_links import LinkSigner

from . import ics
from .notifications import get_secretariat

# The ambassador's link to accept or decline; bound to the appointment and its sequence.
DECISION_LINKS = LinkSigner("appointment", max_age=timedelta(days=14))
# The visitor has no account: their one question is a plain signed value (django.core.signing).
FEEDBACK_SALT = "contact.appointment-feedback"
FEEDBACK_MAX_AGE = timedelta(days=30)


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def decision_url(appointment):
    token = DECISION_LINKS.make(
        appointment.ambassador_account, appointment=appointment.pk, sequence=appointment.sequence
    )
    return absolute(reverse("contact_appointment_decision", args=[token]))


def feedback_url(appointment):
    token = signing.dumps({"a": appointment.pk, "u": str(appointment.uid)}, salt=FEEDBACK_SALT)
    return absolute(reverse("contact_appointment_feedback", args=[token]))


def inspect_url(appointment):
    return absolute(reverse("contact_contactrequest_modeladmin_inspect", args=[appointment.contact_request_id]))


def ambassador_address(appointment):
    account = appointment.ambassador_account
    return (account.email, appointment.ambassador.title) if account is not None and account.email else None


def visitor_address(appointment):
    return (appointment.contact_request.email, appointment.contact_request.name)


def message(template, subject, to, context, secretariat, attachment=None):
    context = {**context, "secretariat": secretariat}
    body = render_to_string(f"contact/email/appointment_{template}.txt", context)
    reply_to = [secretariat.email] if secretariat.email else None
    email = EmailMessage(subject=subject, body=body, to=[to], reply_to=reply_to)
    if attachment is not None:
        email.attach(*attachment)
    return email


def send_all(messages):
    for email in messages:
        email.send(fail_silently=False)


def send_proposal(appointment):
    """Ask the ambassador to accept or decline (the link is bound to this sequence)."""
    to = ambassador_address(appointment)
    if to is None:
        return 0
    secretariat = get_secretariat()
    context = {"appointment": appointment, "request": appointment.contact_request, "url": decision_url(appointment)}
    subject = _("Voorstel voor een gesprek op %(when)s") % {"when": when(appointment)}
    send_all([message("proposal", subject, to[0], context, secretariat)])
    return 1


def send_calendar(appointment, method, update=False):
    """The invitation, its update or its cancellation, with the .ics, to both participants."""
    secretariat = get_secretariat()
    participants = [address for address in (visitor_address(appointment), ambassador_address(appointment)) if address]
    content = ics.calendar_file(appointment, method, secretariat, participants)
    cancel = method == ics.CANCEL
    filename = "afzegging.ics" if cancel else "uitnodiging.ics"
    attachment = (filename, content, f"text/calendar; method={method}")
    if cancel:
        subject = _("Afgezegd: gesprek op %(when)s") % {"when": when(appointment)}
    elif update:
        subject = _("Gewijzigd: gesprek op %(when)s") % {"when": when(appointment)}
    else:
        subject = _("Uitnodiging: gesprek op %(when)s") % {"when": when(appointment)}
    messages = []
    for email, _name in participants:
        context = {
            "appointment": appointment,
            "request": appointment.contact_request,
            "for_ambassador": email != appointment.contact_request.email,
            "cancel": cancel,
        }
        messages.append(message("invitation", subject, email, context, secretariat, attachment))
    send_all(messages)
    return len(messages)


def send_to_secretariat(appointment, template, subject):
    secretariat = get_secretariat()
    if not secretariat.email:
        return 0
    context = {"appointment": appointment, "request": appointment.contact_request, "url": inspect_url(appointment)}
    send_all([message(template, subject, secretariat.email, context, secretariat)])
    return 1


def send_reminders(appointment):
    secretariat = get_secretariat()
    subject = _("Herinnering: gesprek op %(when)s") % {"when": when(appointment)}
    messages = []
    for address in (visitor_address(appointment), ambassador_address(appointment)):
        if address:
            context = {
                "appointment": appointment,
                "request": appointment.contact_request,
                "for_ambassador": address[0] != appointment.contact_request.email,
            }
            messages.append(message("reminder", subject, address[0], context, secretariat))
    send_all(messages)
    return len(messages)


def send_feedback_question(appointment):
    secretariat = get_secretariat()
    context = {"appointment": appointment, "request": appointment.contact_request, "url": feedback_url(appointment)}
    send_all(
        [message("feedback", _("Was het gesprek nuttig?"), appointment.contact_request.email, context, secretariat)]
    )
    return 1


def when(appointment):
    return date_format(timezone.localtime(appointment.starts_at), "l j F Y, H:i")
