"""
Workflow emails: who hears what, at each step, in Dutch.

Sent with Django's email API, which puts them in the outbox (core/outbox.py); the worker
delivers them. They replace Wagtail's own workflow emails: `connect_workflow_notifications()`
connects our receivers under the dispatch_uids Wagtail uses, which runs first because
"ambassadors" comes before "wagtail.admin" in INSTALLED_APPS, so Wagtail's later connect is
a no-op and nobody receives two emails for one event.

They also close gaps Wagtail users report: an approval with a comment reaches the submitter
(wagtail#7542); a rejection at a later step reaches those who approved earlier steps
(wagtail#10196); the submitter hears when each step passes; every email shows what changed,
word by word, and who changed it (ambassadors/changes.py), in plain text and HTML.

They are stored inside Wagtail's transaction of the submission or approval (its workflow
methods are atomic), so an approval and its emails are saved together; the worker retries a
refusing or silent mail server with backoff. Should storing itself fail, that costs the email
(logged, with its recipient), never the approval.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_approved,
    task_submitted,
    workflow_approved,
    workflow_rejected,
    workflow_submitted,
)

from .review_deadlines import set_deadline
from .review_links import review_path
from .workflow import story_ambassador, who_must_act

logger = logging.getLogger(__name__)

# Wagtail's dispatch_uids (wagtail/admin/signal_handlers.py), taken over on purpose: Wagtail has
# no setting or hook that turns its workflow emails off, and connecting under its uids is the one
# way that leaves no window in which both are connected. This is the only place that names them;
# tests/test_notifications.py (one email per person at each step) fails if an upgrade renames them.
WAGTAIL_DISPATCH_UIDS = {
    "task_submitted": "group_approval_task_submitted_email_notification",
    "workflow_submitted": "workflow_state_submitted_email_notification",
    "workflow_rejected": "workflow_state_rejected_email_notification",
    "workflow_approved": "workflow_state_approved_email_notification",
}


def admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def edit_url(page):
    return admin_url(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def send_workflow_email(recipients, subject, intro, workflow_state, comment="", exclude=(), review_link=None):
    """
    One email per recipient (so nobody sees the others' addresses), plain text and HTML.
    `review_link`, if given, makes each recipient's own link to decide from (user, revision) → path.
    """
    from .changes import summarise_revision  # here: no public worker needs the diffing (docs/performance.md)

    page = workflow_state.content_object.specific
    # The newest revision: what reviewers see, or what was just published.
    revision = page.get_latest_revision()
    excluded = {user.pk for user in exclude if user is not None}
    seen = set()
    with translation.override("nl"):
        summary = summarise_revision(revision) if revision else None
        for user in recipients:
            if user is None or not user.email or not user.is_active or user.pk in excluded or user.pk in seen:
                continue
            seen.add(user.pk)
            context = {
                "user": user,
                "subject": subject,
                "intro": intro,
                "page": page,
                "comment": comment,
                "summary": summary.named_for(user) if summary else None,
                "edit_url": edit_url(page),
                "review_url": admin_url(review_link(user, revision)) if review_link and revision else "",
                "public_url": page.full_url if page.live else "",
            }
            body = render_to_string("ambassadors/emails/workflow_notification.txt", context)
            html = render_to_string("ambassadors/emails/workflow_notification.html", context)
            deliver(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, user.email, html=html)


def deliver(subject, body, recipient, html=None):
    """Send one email; if the mail server fails, log it and carry on with the workflow."""
    try:
        send_mail(subject, body, None, [recipient], html_message=html)
    except Exception:  # any backend error (SMTP, connection, timeout) must not undo an approval
        logger.exception("Workflow email not sent: %s", subject, extra={"recipient": recipient})
        return False
    return True


def _names(**values):
    return {key: str(value) for key, value in values.items()}


def on_workflow_submitted(sender, instance, user=None, **kwargs):
    """A confirmation for whoever submitted, so they know it is on its way."""
    with translation.override("nl"):
        title = instance.content_object.get_admin_display_title()
        send_workflow_email(
            [instance.requested_by],
            _("Ingediend: %(title)s") % _names(title=title),
            _("Je hebt „%(title)s” ingediend ter beoordeling. Je hoort het zodra een stap is afgerond.")
            % _names(title=title),
            instance,
        )


def on_task_submitted(sender, instance, user=None, **kwargs):
    """A step is waiting: tell those who can act on it (never the submitter about their own change)."""
    workflow_state = instance.workflow_state
    page = workflow_state.content_object
    with translation.override("nl"):
        title = page.get_admin_display_title()
        due_on = formats.date_format(set_deadline(instance).due_on, "l j F")
        send_workflow_email(
            # Nobody is asked to approve a change they authored (four eyes); the ambassador is
            # asked for consent even when they submitted, if someone else changed it since.
            who_must_act(instance, page),
            _("Wacht op jouw beoordeling: %(title)s (%(step)s)") % _names(title=title, step=instance.task.name),
            _(
                "„%(title)s” wacht op jouw beoordeling in de stap „%(step)s”. Keur goed of vraag om "
                "wijzigingen, graag uiterlijk %(due_on)s."
            )
            % _names(title=title, step=instance.task.name, due_on=due_on),
            workflow_state,
            # Each reviewer's own signed link to this step and revision (ambassadors/review_links.py).
            review_link=lambda reviewer, revision: review_path(reviewer, instance, revision),
        )


def on_task_approved(sender, instance, user=None, **kwargs):
    """A step passed: the submitter hears it, with the reviewer's comment (wagtail#7542)."""
    workflow_state = instance.workflow_state
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        return  # the last step: on_workflow_approved tells everyone, comment included
    page = workflow_state.content_object
    with translation.override("nl"):
        title = page.get_admin_display_title()
        by = instance.finished_by.get_full_name() or instance.finished_by.get_username() if instance.finished_by else ""
        intro = (
            _("De stap „%(step)s” voor „%(title)s” is goedgekeurd door %(by)s.")
            if by
            else _("De stap „%(step)s” voor „%(title)s” is vanzelf goedgekeurd.")
        ) % _names(step=instance.task.name, title=title, by=by)
        send_workflow_email(
            [workflow_state.requested_by],
            _("Stap goedgekeurd: %(title)s (%(step)s)") % _names(title=title, step=instance.task.name),
            intro,
            workflow_state,
            comment=instance.comment,
        )


def on_workflow_rejected(sender, instance, user=None, **kwargs):
    """
    Changes requested: the submitter, the ambassador and everyone who approved an earlier
    step hear it, with the comment (wagtail#10196).
    """
    task_state = instance.current_task_state
    page = instance.content_object
    earlier_approvers = [
        state.finished_by
        for state in instance.task_states.filter(status=TaskState.STATUS_APPROVED).select_related("finished_by")
    ]
    with translation.override("nl"):
        title = page.get_admin_display_title()
        send_workflow_email(
            [instance.requested_by, story_ambassador(page), *earlier_approvers],
            _("Wijzigingen gevraagd: %(title)s") % _names(title=title),
            _(
                "In de stap „%(step)s” zijn wijzigingen gevraagd voor „%(title)s”. De wijzigingen blijven "
                "bewaard als concept; pas ze aan en dien de pagina opnieuw in."
            )
            % _names(step=task_state.task.name, title=title),
            instance,
            comment=task_state.comment,
            exclude=[user],
        )


def on_workflow_approved(sender, instance, user=None, **kwargs):
    """Approved by the last step: published now, or scheduled for its "go live" date."""
    task_state = instance.current_task_state
    page = instance.content_object.specific
    page.refresh_from_db()
    with translation.override("nl"):
        title = page.get_admin_display_title()
        scheduled = page.scheduled_revision
        if scheduled is not None and scheduled.approved_go_live_at:
            when = formats.date_format(timezone.localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
            subject = _("Goedgekeurd, gepland: %(title)s") % _names(title=title)
            intro = _("„%(title)s” is goedgekeurd en wordt gepubliceerd op %(when)s.") % _names(title=title, when=when)
        else:
            subject = _("Gepubliceerd: %(title)s") % _names(title=title)
            intro = _("„%(title)s” is goedgekeurd en staat nu op de website.") % _names(title=title)
        send_workflow_email(
            [instance.requested_by, story_ambassador(page)],
            subject,
            intro,
            instance,
            comment=task_state.comment if task_state else "",
        )


def on_scheduled_publish(sender, instance, revision=None, **kwargs):
    """
    An approved revision went live on its "go live" date (publish_scheduled): now the
    submitter and the ambassador hear that it is on the website; on_workflow_approved told
    them only the date. A publish by the last approval itself is told by on_workflow_approved,
    so each publish gives one email. Wagtail clears approved_go_live_at in the database as it
    publishes, but the revision it signals still carries it; a page scheduled while it was not
    yet live is signalled too, not live (tests/test_review_reminders.py holds both).
    """
    if revision is None or revision.approved_go_live_at is None or not instance.live:
        return
    approved = WorkflowState.objects.for_instance(instance).filter(status=WorkflowState.STATUS_APPROVED)
    workflow_state = approved.order_by("-created_at", "-id").first()
    if workflow_state is None:
        return  # scheduled by setup code, not through the workflow: nobody is waiting for it
    with translation.override("nl"):
        title = instance.get_admin_display_title()
        send_workflow_email(
            [workflow_state.requested_by, story_ambassador(instance)],
            _("Gepubliceerd: %(title)s") % _names(title=title),
            _("„%(title)s” staat nu op de website, zoals gepland.") % _names(title=title),
            workflow_state,
        )


def connect_workflow_notifications():
    workflow_submitted.connect(
        on_workflow_submitted, sender=WorkflowState, dispatch_uid=WAGTAIL_DISPATCH_UIDS["workflow_submitted"]
    )
    task_submitted.connect(on_task_submitted, sender=TaskState, dispatch_uid=WAGTAIL_DISPATCH_UIDS["task_submitted"])
    workflow_rejected.connect(
        on_workflow_rejected, sender=WorkflowState, dispatch_uid=WAGTAIL_DISPATCH_UIDS["workflow_rejected"]
    )
    workflow_approved.connect(
        on_workflow_approved, sender=WorkflowState, dispatch_uid=WAGTAIL_DISPATCH_UIDS["workflow_approved"]
    )
    task_approved.connect(on_task_approved, sender=TaskState, dispatch_uid="ambassadors_task_approved_email")
    page_published.connect(on_scheduled_publish, dispatch_uid="ambassadors_scheduled_publish_email")
