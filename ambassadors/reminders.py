"""
Reminders for overdue workflow steps: one email when a step becomes overdue, then a daily
digest of everything still overdue, never more than one email a day per person.

The periodic job `review_reminders` (core/schedule.py) runs `send_review_reminders` every
hour and decides itself whether anything is due: emails go out on working days from
REMINDER_HOUR (Europe/Amsterdam), so the first run after that sends the day's emails and
the later runs find them sent. A step becomes overdue at midnight (review_deadlines.py).

Each email is claimed by inserting a `ReviewReminder` row, unique per person and day, in
the same transaction as the email itself (stored in the outbox, core/outbox.py; the worker
delivers it): of two workers running the job at once only one inserts the row, the other
gets an IntegrityError and moves on, and an email that could not be stored leaves no row.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task
from wagtail.models import TaskState

from .models import ReviewReminder
from .notifications import edit_url
from .review_deadlines import (
    add_missing_deadlines,
    is_working_day,
    overdue_task_states,
    working_days_between,
)
from .workflow import who_must_act

logger = logging.getLogger(__name__)

REMINDER_HOUR = 8


def sending_time(now):
    local = timezone.localtime(now)
    return is_working_day(local.date()) and local.hour >= REMINDER_HOUR


def overdue_by_person(today):
    """{user: [overdue task states they can decide]}, four eyes applied."""
    people = {}
    for state in overdue_task_states(today):
        for user in who_must_act(state, state.page):
            if user.email:
                people.setdefault(user.pk, (user, []))[1].append(state)
    return people.values()


def already_told(user, states):
    told = TaskState.objects.filter(pk__in=[state.pk for state in states], review_reminders__user=user)
    return set(told.values_list("pk", flat=True))


def remind(user, states, today, now):
    """One email for `user` today, if nobody sent it yet. True when this call stored it."""
    told = already_told(user, states)
    kind = ReviewReminder.Kind.DIGEST if told else ReviewReminder.Kind.REMINDER
    with transaction.atomic():
        try:
            with transaction.atomic():
                reminder = ReviewReminder.objects.create(user=user, day=today, kind=kind, sent_at=now)
        except IntegrityError:
            return False  # this person's email of today is sent (or being sent by another worker)
        reminder.task_states.set(states)
        subject, body = compose(user, states, told, today, kind)
        send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [user.email])
    return True


def compose(user, states, told, today, kind):
    with translation.override("nl"):
        items = [
            {
                "title": state.page.get_admin_display_title(),
                "step": state.task.name,
                "due_on": formats.date_format(state.deadline.due_on, "l j F Y"),
                "days_late": working_days_between(state.deadline.due_on, today),
                "new": state.pk not in told,
                "url": edit_url(state.page),
            }
            for state in states
        ]
        if kind == ReviewReminder.Kind.REMINDER and len(items) == 1:
            subject = _("Termijn verstreken: %(title)s (%(step)s)") % {
                "title": items[0]["title"],
                "step": items[0]["step"],
            }
        elif kind == ReviewReminder.Kind.REMINDER:
            subject = _("Termijn verstreken: %(count)s beoordelingen") % {"count": len(items)}
        else:
            subject = ngettext(
                "Dagoverzicht: %(count)s beoordeling over de termijn",
                "Dagoverzicht: %(count)s beoordelingen over de termijn",
                len(items),
            ) % {"count": len(items)}
        body = render_to_string(
            "ambassadors/emails/review_reminder.txt",
            {"user": user, "items": items, "digest": kind == ReviewReminder.Kind.DIGEST},
        )
    return subject, body


def send_reminders(now=None):
    """Store today's reminder emails that are due and not yet sent; returns how many."""
    now = now or timezone.now()
    if not sending_time(now):
        return 0
    add_missing_deadlines()
    today = timezone.localdate(now)
    sent = 0
    for user, states in overdue_by_person(today):
        try:
            sent += remind(user, states, today, now)
        except Exception:  # one person's failure must not cost the others their reminder
            logger.exception("Review reminder not stored", extra={"recipient": user.email})
    return sent


@task()
def send_review_reminders(as_of=None):
    """The periodic job. `as_of` (ISO 8601) runs it as at that moment: to catch up by hand, or in tests."""
    return send_reminders(datetime.fromisoformat(as_of) if as_of else None)
