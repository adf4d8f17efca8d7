"""
Deciding a review step from its email: the signed link each reviewer gets, and whether it
still stands for the step the reviewer would decide.

The "Wacht op jouw beoordeling" email carries, for each reviewer, a link to the review page
(ambassadors/review_views.py) of exactly that task state and revision. The link only opens
the page, and only for the person it was sent to, logged in (docs/workflow.md, *Beslissen
vanuit de e-mail*, says why); the decision goes through the task's own `on_action`.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState

from core.signed_links import LinkSigner

from .admin_privacy import user_display_name_for_viewer

REVIEW_LINK_DAYS = 14
# The page asks for a login as well, so the link must outlive that login (core/signed_links.py).
REVIEW_LINKS = LinkSigner("review", max_age=timedelta(days=REVIEW_LINK_DAYS))


def review_path(user, task_state, revision):
    """The admin path of `user`'s review page for `task_state` on `revision`."""
    token = REVIEW_LINKS.make(user, task_state=task_state.pk, revision=revision.pk)
    return reverse("ambassadors_review", args=[token])


def linked_task_state(link):
    """The task state a link names and its page, or (None, None) when it no longer exists."""
    task_state = (
        TaskState.objects.filter(pk=link.bound.get("task_state"))
        .select_related("task", "workflow_state", "finished_by")
        .first()
    )
    if task_state is None:
        return None, None
    page = Page.objects.filter(pk=task_state.workflow_state.object_id).first()
    if page is None:
        return None, None
    return task_state.specific, page.specific


def why_not_current(task_state, page, revision_id):
    """None while the link's step waits, on the revision the email showed; else why not, in Dutch."""
    if task_state.status != TaskState.STATUS_IN_PROGRESS:
        return finished_text(task_state)
    current = page.current_workflow_task_state
    if current is None or current.pk != task_state.pk:
        return _("Deze beoordeling is niet meer actueel: de stap is inmiddels verder gegaan.")
    latest = page.get_latest_revision()
    if latest is None or latest.pk != revision_id:
        by = user_display_name_for_viewer(latest.user) if latest and latest.user else _("het systeem")
        return _(
            "Sinds deze e-mail is er een nieuwere versie opgeslagen (door %(by)s, %(when)s). Bekijk die "
            "versie voordat je beslist."
        ) % {"by": by, "when": _when(latest.created_at)}
    return None


def finished_text(task_state):
    """What became of a step that no longer waits."""
    by = user_display_name_for_viewer(task_state.finished_by) if task_state.finished_by else ""
    if task_state.status == TaskState.STATUS_APPROVED:
        text = _("Deze stap is al goedgekeurd door %(by)s (%(when)s).") if by else _("Deze stap is al goedgekeurd.")
    elif task_state.status == TaskState.STATUS_REJECTED:
        text = _("In deze stap zijn al wijzigingen gevraagd door %(by)s (%(when)s).")
    elif task_state.status == TaskState.STATUS_SKIPPED:
        text = _("Deze stap is overgeslagen.")
    else:
        text = _("Deze beoordeling is gestopt (%(when)s).")
    return text % {"by": by, "when": _when(task_state.finished_at)}


def state_now(page):
    """Where the page is now, for a reviewer."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Nu: wijzigingen gevraagd; de pagina ligt bij %(who)s om aan te passen.") % {
            "who": user_display_name_for_viewer(workflow_state.requested_by)
        }
    if workflow_state is not None:
        task = page.current_workflow_task
        return _("Nu: in beoordeling, stap „%(step)s”.") % {"step": task.name if task else ""}
    if page.scheduled_revision is not None:
        return _("Nu: goedgekeurd en gepland voor publicatie.")
    if page.live and not page.has_unpublished_changes:
        return _("Nu: gepubliceerd.")
    if page.live:
        return _("Nu: gepubliceerd; er is een nieuwer concept dat nog niet is ingediend.")
    return _("Nu: concept, niet gepubliceerd.")


def decisions_for(task, page, user):
    """
    The decisions the review page offers `user`, from the task's own actions (so four eyes and
    the consent rules decide): one button per action, approve first, as (name, label).
    """
    labels = {}
    for name, label, _modal in task.get_actions(page, user):
        labels.setdefault(name, label)  # the first is the plain one; a comment is always possible here
    return [(name, labels[name]) for name in ("approve", "reject") if name in labels]


def current_review_path(page, user):
    """A fresh review link for the step now waiting, if `user` may decide it; else None."""
    task_state = page.current_workflow_task_state
    revision = page.get_latest_revision()
    if task_state is None or revision is None:
        return None
    task_state = task_state.specific
    if not decisions_for(task_state.task.specific, page, user):
        return None
    return review_path(user, task_state, revision)


def _when(moment):
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else ""
