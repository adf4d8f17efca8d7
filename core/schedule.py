"""
The periodic jobs, run from the worker side: no crontab to write in production.

Why not django-crontask: it is not available from this project's package index; and the
jobs below need only "every N minutes", which this does in a few lines. Each worker
(`manage.py db_worker`, extended in core/management/commands/db_worker.py) calls
`enqueue_due_jobs()` about every SCHEDULE_TICK_SECONDS. A job is claimed with a
conditional UPDATE of its next run time, so with several workers each run is enqueued
once; the run itself is an ordinary task in the queue.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import task

from .models import PeriodicJob

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    task: str  # dotted path of a task
    args: tuple = ()


# docs/deploying.md lists these; keep the two in step.
JOBS = [
    Job("publish_scheduled", timedelta(minutes=1), "core.schedule.run_command", ("publish_scheduled",)),
    Job("outbox_retry", timedelta(minutes=5), "core.outbox.deliver_due"),
    Job(
        "contact_notifications_retry",
        timedelta(minutes=15),
        "core.schedule.run_command",
        ("send_pending_contact_notifications",),
    ),
    Job("purge_contact_requests", timedelta(days=1), "core.schedule.run_command", ("purge_contact_requests",)),
    Job("outbox_prune", timedelta(days=1), "core.outbox.prune_sent"),
    Job("prune_task_results", timedelta(days=1), "core.schedule.run_command", ("prune_db_task_results",)),
    # Reminders and daily digests for overdue review steps; the task decides what is due.
    Job("review_reminders", timedelta(hours=1), "ambassadors.reminders.send_review_reminders"),
    # "Klopt je verhaal nog?": one email per story that reached its review-by date (ambassadors/story_checks.py).
    Job("story_checks", timedelta(hours=6), "core.schedule.run_command", ("send_story_checks",)),
    # Appointment reminders the working day before, follow-ups and the visitor's question (issue 17).
    Job("appointment_reminders", timedelta(hours=1), "core.schedule.run_command", ("send_appointment_reminders",)),
]

SCHEDULED_COMMANDS = {job.args[0] for job in JOBS if job.task == "core.schedule.run_command"}


@task()
def run_command(name):
    """Runs one of the scheduled management commands (and only those)."""
    if name not in SCHEDULED_COMMANDS:
        raise ValueError(f"{name} is not a scheduled command")
    call_command(name, verbosity=0)


def claim(job, now):
    PeriodicJob.objects.get_or_create(name=job.name, defaults={"next_run_at": now})
    return PeriodicJob.objects.filter(name=job.name, next_run_at__lte=now).update(next_run_at=now + job.every) == 1


def enqueue_due_jobs(jobs=None):
    """Enqueue each job whose time has come; returns the names enqueued."""
    now = timezone.now()
    enqueued = []
    for job in JOBS if jobs is None else jobs:
        if claim(job, now):
            import_string(job.task).enqueue(*job.args)
            enqueued.append(job.name)
    if enqueued:
        logger.info("Enqueued periodic jobs: %s", ", ".join(enqueued))
    return enqueued
