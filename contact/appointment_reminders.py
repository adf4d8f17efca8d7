"""
The appointment emails that follow the calendar, sent by the periodic job
`send_appointment_reminders` (core/schedule.py, every hour):

- a reminder to both participants on the working day before (Monday's on Friday);
- once the conversation is over, a request to the secretariat to mark it afgerond or not held;
- once marked afgerond, the visitor's one optional question "Was het gesprek nuttig?".

Each is claimed with a conditional UPDATE of its own timestamp in the transaction that stores
its emails in the outbox, so two workers or two runs never send one twice.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import appointment_emails
from .appointments import Appointment, AppointmentStatus

FEEDBACK_WITHIN = timedelta(days=30)  # no question about a conversation long ago


def working_day_before(day):
    day -= timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day -= timedelta(days=1)
    return day


def claim(appointment, field, now):
    return Appointment.objects.filter(pk=appointment.pk, **{f"{field}__isnull": True}).update(**{field: now}) == 1


def send_reminders(now):
    today = timezone.localdate(now)
    sent = 0
    candidates = Appointment.objects.filter(
        status=AppointmentStatus.ACCEPTED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + timedelta(days=4),
    ).select_related("contact_request", "ambassador__ambassador_account")
    for appointment in candidates:
        day = timezone.localdate(appointment.starts_at)
        if not working_day_before(day) <= today < day:
            continue
        with transaction.atomic():
            if claim(appointment, "reminder_sent_at", now):
                sent += appointment_emails.send_reminders(appointment)
    return sent


def send_follow_ups(now):
    sent = 0
    candidates = Appointment.objects.filter(
        status=AppointmentStatus.ACCEPTED, follow_up_sent_at__isnull=True, starts_at__lt=now
    ).select_related("contact_request", "ambassador")
    for appointment in candidates:
        if appointment.ends_at > now:
            continue
        with transaction.atomic():
            if claim(appointment, "follow_up_sent_at", now):
                subject = _("Afgerond? Gesprek van contactverzoek #%(number)s") % {
                    "number": appointment.contact_request_id
                }
                sent += appointment_emails.send_to_secretariat(appointment, "follow_up", subject)
    return sent


def send_feedback_questions(now):
    sent = 0
    candidates = Appointment.objects.filter(
        status=AppointmentStatus.DONE, feedback_requested_at__isnull=True, starts_at__gte=now - FEEDBACK_WITHIN
    ).select_related("contact_request")
    for appointment in candidates:
        with transaction.atomic():
            if claim(appointment, "feedback_requested_at", now):
                sent += appointment_emails.send_feedback_question(appointment)
    return sent


def send_due(now=None):
    """All three kinds; returns the number of emails stored."""
    now = now or timezone.now()
    return send_reminders(now) + send_follow_ups(now) + send_feedback_questions(now)
