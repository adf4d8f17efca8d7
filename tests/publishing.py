"""Helpers that put pages in the states editors leave them in: draft, or waiting for review."""

from django.contrib.auth import get_user_model


def editor(username="redacteur"):
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"is_staff": True, "is_superuser": True, "email": f"{username}@example.test"}
    )
    return user


def submit_for_review(page, user=None):
    """Save the page's current state as a revision and submit it to its workflow, as an editor would."""
    user = user or editor()
    page.save_revision(user=user)
    workflow = page.get_workflow()
    assert workflow is not None, "the default moderation workflow should cover the site"
    workflow.start(page, user)
    page.refresh_from_db()
    assert page.workflow_in_progress
    return page
