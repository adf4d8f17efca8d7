"""
Due dates of workflow steps: when a step is due, what is overdue, and who must act on it.

A step is due on the N-th working day (Monday to Friday, in the site's time zone,
Europe/Amsterdam) after the day it started, N being the task's "termijn in werkdagen". It
is overdue from the day after. Public holidays are not counted out: the setting is a
reminder's trigger, not a promise, and a step due on a holiday is reminded a day early.

The due date is fixed when the step starts (a `TaskDeadline` row, see its docstring);
the reminder job fills it in for steps that started before this existed.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, TaskState
from wagtail.signals import task_submitted

from .models import DEFAULT_REVIEW_WORKING_DAYS, TaskDeadline
from .workflow import MARKETING_GROUP, MODERATORS_GROUP

SATURDAY = 5


def is_working_day(day):
    return day.weekday() < SATURDAY


def add_working_days(day, working_days):
    """The date `working_days` working days after `day` (Saturday + 1 is Monday)."""
    while working_days > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            working_days -= 1
    return day


def working_days_for(task):
    return getattr(task.specific, "review_working_days", DEFAULT_REVIEW_WORKING_DAYS)


def due_date(task_state):
    return add_working_days(timezone.localdate(task_state.started_at), working_days_for(task_state.task))


def set_deadline(task_state):
    deadline, _created = TaskDeadline.objects.get_or_create(
        task_state=task_state, defaults={"due_on": due_date(task_state)}
    )
    return deadline


def on_task_started(sender, instance, **kwargs):
    # In the transaction that starts the step (Task.start), so a step never runs without it.
    set_deadline(instance)


def connect():
    task_submitted.connect(on_task_started, dispatch_uid="ambassadors_task_deadline")


def add_missing_deadlines():
    """Steps under way without a due date (started before due dates existed) get one from started_at."""
    missing = TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, deadline__isnull=True)
    for task_state in missing.select_related("task"):
        set_deadline(task_state)


def overdue_task_states(today=None):
    """Steps under way whose due date has passed, oldest due first, with their page."""
    today = today or timezone.localdate()
    states = (
        TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS, deadline__due_on__lt=today)
        .select_related("task", "workflow_state", "deadline")
        .order_by("deadline__due_on", "pk")
    )
    states = list(states)
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    for state in states:
        state.page = pages.get(int(state.workflow_state.object_id))
    return [state for state in states if state.page is not None]


def working_days_between(earlier, later):
    """Working days after `earlier` up to and including `later`."""
    count, day = 0, earlier
    while day < later:
        day += timedelta(days=1)
        count += is_working_day(day)
    return count


def follows_reviews(user):
    """Staff who follow the review loop on the dashboard: Marketing, Moderatoren, superusers."""
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=[MARKETING_GROUP, MODERATORS_GROUP]).exists()
