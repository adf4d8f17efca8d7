"""The outbox's own housekeeping and the periodic jobs' clock, without a worker."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core import outbox, schedule
from core.models import OutboxMessage, PeriodicJob

pytestmark = pytest.mark.django_db


def message(status, sent_days_ago=None):
    sent_at = timezone.now() - timedelta(days=sent_days_ago) if sent_days_ago is not None else None
    return OutboxMessage.objects.create(
        from_email="noreply@example.test",
        to=["a@example.test"],
        subject=status,
        body="-",
        status=status,
        sent_at=sent_at,
    )


def test_old_sent_messages_are_pruned_and_failed_or_waiting_ones_kept(settings):
    settings.OUTBOX_KEEP_SENT_DAYS = 30
    old, recent = message("sent", 31), message("sent", 2)
    failed, waiting = message("failed"), message("waiting")

    assert outbox.prune_sent.call() == 1

    assert set(OutboxMessage.objects.values_list("pk", flat=True)) == {recent.pk, failed.pk, waiting.pk}
    assert not OutboxMessage.objects.filter(pk=old.pk).exists()


def test_a_periodic_job_is_enqueued_once_per_period_however_many_workers_ask(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    jobs = [schedule.Job("outbox_retry", timedelta(minutes=5), "core.outbox.deliver_due")]

    assert schedule.enqueue_due_jobs(jobs) == ["outbox_retry"]
    assert schedule.enqueue_due_jobs(jobs) == []  # a second worker, a moment later
    assert DBTaskResult.objects.filter(task_path="core.outbox.deliver_due").count() == 1

    PeriodicJob.objects.update(next_run_at=timezone.now() - timedelta(seconds=1))
    assert schedule.enqueue_due_jobs(jobs) == ["outbox_retry"]


def test_only_the_scheduled_commands_can_be_run_as_a_task():
    with pytest.raises(ValueError):
        schedule.run_command.call("flush")
    assert {"publish_scheduled", "purge_contact_requests", "prune_db_task_results"} <= schedule.SCHEDULED_COMMANDS
