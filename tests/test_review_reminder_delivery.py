"""
A reminder for an overdue step reaches the reviewer through the outbox, the real worker and
a real SMTP server on loopback: once, also when the job is run twice by two workers at once
and again later the same day.
"""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from ambassadors import reminders
from ambassadors.models import ReviewReminder, TaskDeadline
from ambassadors.review_deadlines import add_working_days
from tests.support import worker
from tests.support.workflow import NEW_ANSWER, submit

pytestmark = worker.WORKER_TESTS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def reminder_emails(smtp_server):
    """Every reminder delivered: the first ("Termijn verstreken") and digests ("Dagoverzicht")."""
    return [
        (rcpt, message)
        for rcpt, message in smtp_server.handler.messages
        if "Termijn verstreken" in message["Subject"] or "Dagoverzicht" in message["Subject"]
    ]


def test_the_worker_delivers_one_reminder_for_an_overdue_step(client, anje, anje_story, marketing, smtp_server):
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    # The worker runs on the real clock: run the job as on the working day after the due date.
    overdue_day = add_working_days(TaskDeadline.objects.get().due_on, 1)
    morning = datetime.combine(overdue_day, time(8, 30), tzinfo=AMSTERDAM)

    reminders.send_review_reminders.enqueue(as_of=morning.isoformat())
    reminders.send_review_reminders.enqueue(as_of=morning.isoformat())
    both = [worker.start("--batch", smtp_port=smtp_server.port) for _ in range(2)]
    for process in both:
        output, _ = process.communicate(timeout=120)
        assert process.returncode == 0, output

    ((rcpt, email),) = reminder_emails(smtp_server)
    assert rcpt == ["marketing@example.nl"]
    assert email["Subject"] == "[Glans-techniek] Termijn verstreken: Anje Bechtel (Redactie)"
    assert f"/admin/pages/{anje_story.pk}/edit/" in email.get_content()
    assert ReviewReminder.objects.get().user == marketing

    # Later that day the job finds the email sent.
    reminders.send_review_reminders.enqueue(as_of=morning.replace(hour=14).isoformat())
    worker.run_batch(smtp_server.port)
    assert len(reminder_emails(smtp_server)) == 1
