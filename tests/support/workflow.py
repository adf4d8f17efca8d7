"""The editorial workflow's steps as its users take them, through the admin's own views."""

from django.urls import reverse
from wagtail.models import Page

from ambassadors.models import AmbassadorPage
from tests.support.editor import editor_form_data
from tests.support.pages import edit_url

NEW_ANSWER = "Ouders komen nu elke maand op school."


def workflow_action(client, page, action, comment=None):
    """Approve or reject the current step as the action modal in the editor does."""
    page = Page.objects.get(pk=page.pk)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment} if comment is not None else {})


def current_step(page):
    state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return state.task.name if state else None


def submit(client, user, page, **kwargs):
    client.force_login(user)
    response = client.post(edit_url(page), editor_form_data(page, action="action-submit", **kwargs))
    assert response.status_code == 302
    return response


def save_draft(client, user, page, answer):
    client.force_login(user)
    response = client.post(edit_url(page), editor_form_data(page, answer=f"<p>{answer}</p>"))
    assert response.status_code == 302
    return response


def approve_url(page):
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def public_html(client, page):
    client.logout()
    return client.get(AmbassadorPage.objects.get(pk=page.pk).url).content.decode()
