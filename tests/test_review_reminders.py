"""
Due dates and reminders of the review loop: each step is due a number of working days after
it starts (set per task in the admin); an overdue step gets one reminder, then one digest a
working day, never more than one email a day per person and never to an author of the
change; the dashboard shows what is overdue; a story that goes live on its scheduled date
tells its ambassador. The clock is frozen (django.utils.timezone.now) where days pass.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from ambassadors import reminders
from ambassadors.factories import AmbassadorPageFactory
from ambassadors.models import ReviewGroupApprovalTask, TaskDeadline
from tests.support.pages import publish_story, submit_for_review
from tests.support.workflow import NEW_ANSWER, save_draft, submit, workflow_action

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


class Clock:
    def __init__(self):
        self.now = timezone.now()

    def set(self, year, month, day, hour=9, minute=0):
        self.now = datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


@pytest.fixture
def clock(monkeypatch):
    frozen = Clock()
    monkeypatch.setattr(timezone, "now", lambda: frozen.now)
    return frozen


def reminder_subjects(mailoutbox):
    """(recipient, subject) of the reminder emails, without the site name."""
    return sorted(
        (message.to[0], message.subject.split("] ", 1)[1])
        for message in mailoutbox
        if "Termijn verstreken" in message.subject or "Dagoverzicht" in message.subject
    )


def run_job(clock, mailoutbox, *moment):
    """The periodic job at `moment` (Amsterdam time); returns the reminder emails it sent."""
    clock.set(*moment)
    mailoutbox.clear()
    reminders.send_review_reminders.enqueue()  # the job as the worker runs it (immediate backend in tests)
    return reminder_subjects(mailoutbox)


REDACTIE = "Anje Bechtel (Redactie)"


@pytest.mark.django_db
def test_an_overdue_step_gets_one_reminder_then_one_digest_a_working_day(
    client, clock, anje, anje_story, marketing, marketing2, moderator, mailoutbox
):
    clock.set(2026, 12, 3, 10)  # a Thursday
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    # Three working days after Thursday, the weekend skipped: Friday, Monday, Tuesday.
    assert TaskDeadline.objects.get(task_state__task__name="Redactie").due_on == date(2026, 12, 8)

    assert run_job(clock, mailoutbox, 2026, 12, 8, 16) == []  # due today, not overdue
    assert run_job(clock, mailoutbox, 2026, 12, 9, 7) == []  # overdue, but before working hours
    reminder = [
        ("marketing2@example.nl", f"Termijn verstreken: {REDACTIE}"),
        ("marketing@example.nl", f"Termijn verstreken: {REDACTIE}"),
    ]
    assert run_job(clock, mailoutbox, 2026, 12, 9, 8, 30) == reminder
    (email,) = [message for message in mailoutbox if message.to == ["marketing@example.nl"]]
    assert "Uiterlijk dinsdag 8 december 2026; 1 werkdag te laat." in email.body
    assert f"http://testserver/admin/pages/{anje_story.pk}/edit/" in email.body
    # A second run the same day sends nothing more.
    assert run_job(clock, mailoutbox, 2026, 12, 9, 9, 30) == []
    assert run_job(clock, mailoutbox, 2026, 12, 9, 15, 30) == []

    digest = [
        ("marketing2@example.nl", "Dagoverzicht: 1 beoordeling over de termijn"),
        ("marketing@example.nl", "Dagoverzicht: 1 beoordeling over de termijn"),
    ]
    assert run_job(clock, mailoutbox, 2026, 12, 10, 8, 5) == digest
    assert "2 werkdagen te laat" in mailoutbox[0].body
    assert run_job(clock, mailoutbox, 2026, 12, 10, 9, 5) == []
    assert run_job(clock, mailoutbox, 2026, 12, 12, 10) == []  # Saturday: no digest at the weekend
    assert run_job(clock, mailoutbox, 2026, 12, 14, 8, 5) == digest  # Monday

    # Once the step is decided, nobody hears of it again.
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    assert run_job(clock, mailoutbox, 2026, 12, 15, 8, 5) == []


@pytest.mark.django_db
def test_the_author_of_the_change_is_never_reminded(client, clock, anje, anje_story, marketing, marketing2, mailoutbox):
    clock.set(2026, 12, 7, 10)  # Monday; due Thursday
    save_draft(client, marketing, anje_story, "Door de redactie voorbereid.")  # marketing is an author
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")

    assert run_job(clock, mailoutbox, 2026, 12, 11, 9) == [("marketing2@example.nl", f"Termijn verstreken: {REDACTIE}")]
    assert run_job(clock, mailoutbox, 2026, 12, 14, 9) == [
        ("marketing2@example.nl", "Dagoverzicht: 1 beoordeling over de termijn")
    ]


@pytest.mark.django_db
def test_the_ambassador_is_reminded_of_their_consent_and_one_email_lists_every_overdue_step(
    client, clock, school, anje, anje_story, magda, magda_story, marketing, marketing2, mailoutbox
):
    clock.set(2026, 12, 7, 10)  # Monday
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")  # now waiting for Anje's consent, due Thursday
    submit(client, magda, magda_story, answer="<p>Ouders denken mee.</p>")  # waiting for Redactie
    clock.set(2026, 12, 8, 10)
    submit_for_review(
        publish_story(AmbassadorPageFactory(parent=anje_story.get_parent(), title="Derde verhaal", school=school))
    )

    sent = run_job(clock, mailoutbox, 2026, 12, 11, 9)
    assert ("anje@example.nl", "Termijn verstreken: Anje Bechtel (Akkoord ambassadeur)") in sent
    # Magda's story is overdue at Redactie for both; one email each, naming it.
    assert ("marketing2@example.nl", "Termijn verstreken: Magda Nijmeijer (Redactie)") in sent
    assert "magda@example.nl" not in [to for to, _subject in sent]

    # The next working day the third story is overdue too: one digest each, old and new together.
    sent = run_job(clock, mailoutbox, 2026, 12, 14, 9)
    assert ("marketing2@example.nl", "Dagoverzicht: 2 beoordelingen over de termijn") in sent
    assert len([to for to, _subject in sent if to == "marketing2@example.nl"]) == 1
    (digest,) = [message for message in mailoutbox if message.to == ["marketing2@example.nl"]]
    assert "„Derde verhaal”, stap „Redactie” (nieuw)" in digest.body
    assert "„Magda Nijmeijer”, stap „Redactie”\n" in digest.body


@pytest.mark.django_db
def test_working_days_are_set_per_task_in_the_admin_and_fix_the_due_date_at_the_start(
    client, clock, admin_client, anje, anje_story, magda, magda_story
):
    task = ReviewGroupApprovalTask.objects.get(name="Redactie")
    url = reverse("wagtailadmin_workflows:edit_task", args=[task.pk])
    form = admin_client.get(url).content.decode()
    assert "Termijn in werkdagen" in form
    assert 'name="review_working_days"' in form

    response = admin_client.post(url, {"groups": [group.pk for group in task.groups.all()], "review_working_days": 1})
    assert response.status_code == 302
    assert ReviewGroupApprovalTask.objects.get(pk=task.pk).review_working_days == 1

    clock.set(2026, 12, 4, 16)  # a Friday: one working day later is Monday
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    assert TaskDeadline.objects.get(task_state__task=task).due_on == date(2026, 12, 7)

    # A later change of the setting moves no due date of a step under way.
    admin_client.post(url, {"groups": [group.pk for group in task.groups.all()], "review_working_days": 10})
    submit(client, magda, magda_story, answer="<p>Ouders denken mee.</p>")
    due = dict(TaskDeadline.objects.values_list("task_state__workflow_state__object_id", "due_on"))
    assert due == {str(anje_story.pk): date(2026, 12, 7), str(magda_story.pk): date(2026, 12, 18)}

    invalid = admin_client.post(url, {"groups": [group.pk for group in task.groups.all()], "review_working_days": 0})
    assert invalid.status_code == 200
    assert ReviewGroupApprovalTask.objects.get(pk=task.pk).review_working_days == 10


@pytest.mark.django_db
def test_a_step_started_before_due_dates_existed_gets_one_from_its_start(
    client, clock, anje, anje_story, marketing, mailoutbox
):
    clock.set(2026, 12, 1, 10)  # Tuesday
    submit(client, anje, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    TaskDeadline.objects.all().delete()

    assert run_job(clock, mailoutbox, 2026, 12, 7, 9) == [("marketing@example.nl", f"Termijn verstreken: {REDACTIE}")]
    assert TaskDeadline.objects.get().due_on == date(2026, 12, 4)


def dashboard(client, user):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.django_db
def test_the_dashboard_shows_overdue_steps_to_reviewers_and_ambassadors_only_their_own_consent(
    client, clock, anje, anje_story, magda, magda_story, marketing, marketing2, moderator
):
    clock.set(2026, 12, 1, 10)  # Tuesday
    submit(client, marketing, anje_story, answer=f"<p>{NEW_ANSWER}</p>")
    client.force_login(marketing2)
    workflow_action(client, anje_story, "approve")  # Anje's consent, due Friday 4 December
    submit(client, magda, magda_story, answer="<p>Ouders denken mee.</p>")  # Redactie, due Friday too

    clock.set(2026, 12, 3, 10)
    assert "Over de termijn" not in dashboard(client, moderator)
    assert "Graag uiterlijk vrijdag 4 december 2026." in dashboard(client, anje)

    clock.set(2026, 12, 7, 10)  # Monday
    html = dashboard(client, moderator)
    assert "Over de termijn" in html
    assert html.count("data-overdue-step") == 2
    assert "Magda Nijmeijer" in html and "Akkoord ambassadeur" in html
    assert "wacht op jou" not in html  # neither step is the moderator's to decide
    assert "wacht op jou" in dashboard(client, marketing2)

    html = dashboard(client, anje)
    assert "De termijn was vrijdag 4 december 2026" in html
    assert "Over de termijn" not in html
    # An ambassador learns nothing of another story's review.
    html = dashboard(client, magda)
    assert "data-review-deadlines" not in html
    assert "Anje Bechtel" not in html


@pytest.mark.django_db
def test_a_story_that_goes_live_on_its_scheduled_date_tells_its_ambassador_once(
    client, anje, anje_story, marketing, moderator, mailoutbox
):
    go_live = timezone.now() + timedelta(days=2)
    submit(
        client,
        anje,
        anje_story,
        answer=f"<p>{NEW_ANSWER}</p>",
        go_live_at=timezone.localtime(go_live).strftime("%Y-%m-%d %H:%M"),
    )
    client.force_login(marketing)
    workflow_action(client, anje_story, "approve")
    mailoutbox.clear()
    client.force_login(moderator)
    workflow_action(client, anje_story, "approve")
    assert [m.subject.split("] ", 1)[1] for m in mailoutbox] == ["Goedgekeurd, gepland: Anje Bechtel"]

    mailoutbox.clear()
    revision = type(anje_story).objects.get(pk=anje_story.pk).scheduled_revision
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    call_command("publish_scheduled")

    assert [(m.to, m.subject.split("] ", 1)[1]) for m in mailoutbox] == [
        (["anje@example.nl"], "Gepubliceerd: Anje Bechtel")
    ]
    assert "staat nu op de website, zoals gepland" in mailoutbox[0].body
    assert NEW_ANSWER in client.get(anje_story.url).content.decode()

    mailoutbox.clear()
    call_command("publish_scheduled")
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_new_story_scheduled_by_the_last_approval_is_not_announced_as_live(
    client, ambassador_index, school, anje, marketing, moderator, mailoutbox
):
    story = AmbassadorPageFactory(
        parent=ambassador_index, title="Nieuw verhaal", school=school, ambassador_account=anje
    )
    go_live = timezone.localtime(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    submit(client, anje, story, go_live_at=go_live)
    client.force_login(marketing)
    workflow_action(client, story, "approve")
    mailoutbox.clear()
    client.force_login(moderator)
    workflow_action(client, story, "approve")

    assert [m.subject.split("] ", 1)[1] for m in mailoutbox] == ["Goedgekeurd, gepland: Nieuw verhaal"]
    assert TaskState.objects.filter(status=TaskState.STATUS_IN_PROGRESS).count() == 0
