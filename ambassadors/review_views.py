"""
The review page a reviewer opens from the "Wacht op jouw beoordeling" email.

An admin view, so the admin's login is required as well as the signed link (docs/workflow.md,
*Beslissen vanuit de e-mail*). GET only shows: what changed, a preview of exactly the revision
the email was about, and the decisions the task itself offers this user. The decision is a
POST with Django's CSRF check, made with the task's own `on_action`, as Wagtail's workflow
action view does: four eyes, the consent rules and the audit log (as this user) are the task's.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page, TaskState

from core.signed_links import LinkError

from .admin_privacy import user_display_name_for_viewer
from .changes import summarise_revision
from .review_links import (
    REVIEW_LINK_DAYS,
    REVIEW_LINKS,
    current_review_path,
    decisions_for,
    linked_task_state,
    state_now,
    why_not_current,
)

TEMPLATE = "ambassadors/admin/review.html"

LINK_PROBLEMS = {
    "expired": (
        410,
        gettext_lazy("Deze link is verlopen"),
        gettext_lazy("Een beoordelingslink is %(days)s dagen geldig. Open de pagina via het dashboard."),
    ),
    "invalid": (
        400,
        gettext_lazy("Deze link klopt niet"),
        gettext_lazy(
            "De link is onvolledig of veranderd. Open hem opnieuw vanuit de e-mail, of ga naar het dashboard."
        ),
    ),
    "user": (
        403,
        gettext_lazy("Deze link geldt niet meer"),
        gettext_lazy(
            "Het wachtwoord van het account is sinds de e-mail gewijzigd, of het account is uitgeschakeld. "
            "Open de pagina via het dashboard."
        ),
    ),
    "other_user": (
        403,
        gettext_lazy("Deze link is voor iemand anders"),
        gettext_lazy(
            "De e-mail met deze link is naar een ander account gestuurd dan waarmee je nu bent ingelogd. "
            "Log uit en log in met het account waaraan de e-mail gericht was; doorgestuurde links werken niet."
        ),
    ),
    "gone": (
        404,
        gettext_lazy("Deze beoordeling bestaat niet meer"),
        gettext_lazy("De pagina of de beoordeling is verwijderd."),
    ),
}


def review(request, token):
    try:
        link = REVIEW_LINKS.read(token)
    except LinkError as error:
        return _link_problem(request, error.reason)
    if link.user.pk != request.user.pk:
        return _link_problem(request, "other_user")
    task_state, page = linked_task_state(link)
    if task_state is None:
        return _link_problem(request, "gone")
    revision_id = link.bound.get("revision")
    if request.method == "POST":
        return _decide(request, task_state.pk, page, revision_id)
    return _show(request, task_state, page, revision_id)


def _show(request, task_state, page, revision_id, status=200, problem=None, form_error=""):
    task = task_state.task.specific
    problem = problem or why_not_current(task_state, page, revision_id)
    decisions = [] if problem else decisions_for(task, page, request.user)
    context = {
        "page": page,
        "page_title": _("Beoordelen"),
        "task": task,
        "task_state": task_state,
        "submitted_by": user_display_name_for_viewer(task_state.workflow_state.requested_by),
        "problem": problem,
        "state_now": state_now(page) if problem else "",
        "decided_by_you": task_state.finished_by_id == request.user.pk,
        "current_review_url": current_review_path(page, request.user) if problem else None,
        "decisions": decisions,
        "may_not_decide": not problem and not decisions,
        "own_change": not problem and decisions and "approve" not in dict(decisions),
        "form_error": form_error,
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
        "preview_url": reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revision_id]),
        "summary": summarise_revision(page.get_latest_revision()).named_for(request.user) if not problem else None,
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)


def _decide(request, task_state_id, page, revision_id):
    action = request.POST.get("action", "")
    try:
        with transaction.atomic():
            # Locked, so two reviewers deciding at the same moment decide one after the other.
            task_state = TaskState.objects.select_for_update().get(pk=task_state_id).specific
            page = Page.objects.get(pk=page.pk).specific  # as it is now, under the lock
            problem = why_not_current(task_state, page, revision_id)
            if problem:  # replayed, decided elsewhere meanwhile, or a newer revision
                return _show(request, task_state, page, revision_id, status=409, problem=problem)
            task = task_state.task.specific
            if action not in dict(decisions_for(task, page, request.user)):
                raise PermissionDenied(_("Deze beslissing kun je in deze stap niet nemen."))
            form = task.get_form_for_action(action)(request.POST)
            if not form.is_valid():
                return _show(request, task_state, page, revision_id, status=400, form_error=form.errors.as_text())
            task.on_action(task_state, request.user, action, **form.cleaned_data)
    except PermissionDenied as refusal:
        task_state = TaskState.objects.get(pk=task_state_id).specific
        text = str(refusal) or _("Deze beslissing kun je in deze stap niet nemen.")
        return _show(request, task_state, page, revision_id, status=403, form_error=text)
    # The message saying what happened and what comes next is added by
    # ambassadors.outcomes.WorkflowOutcomeMiddleware, as for every other route.
    return redirect(request.get_full_path())


def _link_problem(request, reason):
    status, title, text = LINK_PROBLEMS[reason]
    context = {
        "page_title": _("Beoordelen"),
        "link_problem": title,
        "link_problem_text": text % {"days": REVIEW_LINK_DAYS},
    }
    return TemplateResponse(request, TEMPLATE, context, status=status)
