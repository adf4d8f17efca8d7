"""
Clear outcomes: whoever approves or rejects a step sees, in Dutch, what happened and what
comes next ("Goedgekeurd. Het verhaal staat nu live.", "Goedgekeurd. Doorgestuurd naar
Goedkeuring Klaver CT (Moderatoren).").

Wagtail's workflow action view (the editor's modal, the dashboard's review panel) says nothing
after an action, and the editor only that the page was saved. The task signals fire inside the
request, but carry no request: `WorkflowOutcomeMiddleware` collects the decisions made during
its request and adds one message for each after the view, when the workflow has moved on (a
step that passed by itself included), so "what comes next" is what the database says. Our own
review page (ambassadors/review_views.py) gets its message the same way.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import task_approved, task_cancelled, task_rejected

from .admin_privacy import user_display_name_for_viewer
from .models import AmbassadorPage

# The task states decided by a person in the current request, if a request is being handled.
_decisions = ContextVar("workflow_decisions", default=None)


class WorkflowOutcomeMiddleware:
    """After a request that approved or rejected a step: a message saying what happened and what comes next."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        decisions = []
        token = _decisions.set(decisions)
        try:
            response = self.get_response(request)
        finally:
            _decisions.reset(token)
        for task_state in decisions:
            text = outcome_message(task_state)
            if text:
                messages.success(request, text, fail_silently=True)
        return response


@receiver(task_approved, dispatch_uid="ambassadors_outcome_approved")
@receiver(task_rejected, dispatch_uid="ambassadors_outcome_rejected")
@receiver(task_cancelled, dispatch_uid="ambassadors_outcome_cancelled")
def remember_decision(sender, instance, user=None, **kwargs):
    decisions = _decisions.get()
    if decisions is not None and user is not None:  # a step passing by itself is told with the step before
        decisions.append(instance)


def outcome_message(task_state):
    """What happened to `task_state` and where its page is now, in Dutch; None if there is nothing to tell."""
    workflow_state = WorkflowState.objects.get(pk=task_state.workflow_state_id)
    page = Page.objects.get(pk=workflow_state.object_id).specific
    noun = _("Het verhaal") if isinstance(page, AmbassadorPage) else _("De pagina")
    if task_state.status == TaskState.STATUS_REJECTED:
        back_to = workflow_state.requested_by
        return _("Wijzigingen gevraagd. %(noun)s gaat terug naar %(who)s, die het aanpast en opnieuw indient.") % {
            "noun": noun,
            "who": user_display_name_for_viewer(back_to) if back_to else _("de indiener"),
        }
    if workflow_state.status == WorkflowState.STATUS_APPROVED:
        scheduled = page.scheduled_revision
        if scheduled is not None and scheduled.approved_go_live_at:
            when = formats.date_format(timezone.localtime(scheduled.approved_go_live_at), "DATETIME_FORMAT")
            return _("Goedgekeurd. %(noun)s wordt gepubliceerd op %(when)s.") % {"noun": noun, "when": when}
        return _("Goedgekeurd. %(noun)s staat nu live.") % {"noun": noun}
    if workflow_state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None  # the whole review was stopped: Wagtail says so itself
    next_state = workflow_state.current_task_state
    if next_state is None or next_state.pk == task_state.pk:
        return None
    forwarded = _("Doorgestuurd naar %(step)s (%(who)s).") % {
        "step": next_state.task.name,
        "who": reviewers_text(next_state.task.specific, page),
    }
    if task_state.status == TaskState.STATUS_APPROVED:
        return _("Goedgekeurd.") + " " + forwarded
    if task_state.status == TaskState.STATUS_CANCELLED and next_state.task_id != task_state.task_id:
        # ReviewGroupApprovalTask sends a text changed since the ambassador's consent back to them.
        return _("Nog niet goedgekeurd: de tekst is gewijzigd sinds het akkoord van de ambassadeur.") + " " + forwarded
    return None


def reviewers_text(task, page):
    """Who acts on `task` next: its groups, or the story's ambassador."""
    if hasattr(task, "groups"):
        return ", ".join(task.groups.order_by("name").values_list("name", flat=True))
    ambassador = task.get_ambassador(page) if hasattr(task, "get_ambassador") else None
    return user_display_name_for_viewer(ambassador) if ambassador else _("de ambassadeur")
