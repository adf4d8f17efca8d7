"""
The dashboard's "Over de termijn" panel: staff who follow the review loop (Marketing,
Moderatoren, superusers) see every overdue step, marked where it waits for them; an
ambassador sees the due date of their own consent step, and nothing of other stories.
"""

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component
from wagtail.models import TaskState

from .models import AmbassadorConsentTask, AmbassadorPage, TaskDeadline
from .review_deadlines import due_date, follows_reviews, overdue_task_states, working_days_between
from .workflow import who_must_act


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def overdue_rows(user, today):
    return [
        {
            "title": state.page.get_admin_display_title(),
            "step": state.task.name,
            "due_on": state.deadline.due_on,
            "days_late": working_days_between(state.deadline.due_on, today),
            "for_you": any(person.pk == user.pk for person in who_must_act(state, state.page)),
            "edit_url": _edit_url(state.page),
        }
        for state in overdue_task_states(today)
    ]


def own_consent_rows(user, today):
    stories = AmbassadorPage.objects.filter(ambassador_account=user).in_bulk()
    states = TaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        task__in=AmbassadorConsentTask.objects.all(),
        workflow_state__object_id__in=[str(pk) for pk in stories],
    ).select_related("task", "workflow_state")
    rows = []
    for state in states:
        try:
            due_on = state.deadline.due_on
        except TaskDeadline.DoesNotExist:  # started before due dates existed; the job fills it in
            due_on = due_date(state)
        story = stories[int(state.workflow_state.object_id)]
        rows.append(
            {
                "title": story.get_admin_display_title(),
                "due_on": due_on,
                "overdue": due_on < today,
                "edit_url": _edit_url(story),
            }
        )
    return rows


class ReviewDeadlinesPanel(Component):
    name = "review_deadlines"
    order = 60
    template_name = "ambassadors/admin/review_deadlines_panel.html"

    def __init__(self, overdue=(), consents=()):
        self.overdue = overdue
        self.consents = consents

    def get_context_data(self, parent_context):
        return {"overdue": self.overdue, "consents": self.consents}


def add_review_deadlines_panel(request, panels):
    today = timezone.localdate()
    if follows_reviews(request.user):
        overdue = overdue_rows(request.user, today)
        if overdue:
            panels.insert(0, ReviewDeadlinesPanel(overdue=overdue))
        return
    consents = own_consent_rows(request.user, today)
    if consents:
        panels.insert(0, ReviewDeadlinesPanel(consents=consents))
