"""Pages in the states editors leave them in: published, draft, or waiting for review."""

from django.contrib.auth import get_user_model
from django.urls import reverse

from ambassadors.factories import AmbassadorPageFactory, question_answer
from tests.support.users import make_superuser


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def publish_story(page):
    """Publish as setup does (the model API), so the test starts from a live story with a revision."""
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def redacteur():
    """The editor who submits pages in setup (the `editor` fixture): a superuser, made once per test."""
    return get_user_model().objects.filter(username="redacteur").first() or make_superuser("redacteur")


def submit_for_review(page, user=None):
    """Save the page's current state as a revision and submit it to its workflow, as an editor would."""
    user = user or redacteur()
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow is not None, "the default moderation workflow should cover the site"
    workflow.start(page, user)
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page


def live_story(index, school, account, title, slug, answer):
    """A published story with its own ambassador account and one answer."""
    page = AmbassadorPageFactory(
        parent=index,
        title=title,
        slug=slug,
        school=school,
        ambassador_account=account,
        body=[question_answer(answer)],
    )
    return publish_story(page)
