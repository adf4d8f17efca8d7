"""
The editorial workflow's names and rules: the groups and workflows the data migrations
create, who authored a change in review, and attaching the story workflow.

The two task types themselves (`ReviewGroupApprovalTask`, `AmbassadorConsentTask`) are models,
in ambassadors/models.py; they ask these rules. See docs/workflow.md.
"""

from django.contrib.auth import get_user_model
from django.db import models
from wagtail.models import Revision, Workflow, WorkflowPage

# Names of what the data migration creates (ambassadors/migrations/0003_workflow_setup.py).
STORY_WORKFLOW_NAME = "Ambassadeursverhalen"
DEFAULT_WORKFLOW_NAME = "Goedkeuring Klaver CT"
AMBASSADORS_GROUP = "Ambassadeurs"
MARKETING_GROUP = "Marketing"
MODERATORS_GROUP = "Moderatoren"

APPROVE_ACTIONS = ("approve",)


LINK_ACCOUNT_ACTION = "ambassadors.link_account"


def revisions_since_live(obj):
    """Every revision of `obj` saved after its live revision (all of them if it was never live)."""
    revisions = Revision.objects.for_instance(obj)
    live = getattr(obj, "live_revision", None)
    if live is not None:
        revisions = revisions.filter(
            models.Q(created_at__gt=live.created_at) | models.Q(created_at=live.created_at, id__gt=live.pk)
        )
    return revisions


def revision_authors(workflow_state):
    """
    Ids of everyone who authored part of the change in `workflow_state`: whoever saved a
    revision since the live version, whether before or after it was submitted, and whoever
    submitted it. Revisions saved by the system (no user) count for nobody.
    """
    obj = workflow_state.content_object
    authors = set(revisions_since_live(obj).exclude(user=None).values_list("user_id", flat=True))
    if workflow_state.requested_by_id is not None:
        authors.add(workflow_state.requested_by_id)
    return authors


def is_own_change(workflow_state, user):
    """True if `user` authored any part of the change in review (see `revision_authors`)."""
    if workflow_state is None or user is None or user.pk is None:
        return False
    return user.pk in revision_authors(workflow_state)


def is_last_step(workflow_state, task):
    """True if `task` is the last active step of the workflow in `workflow_state`: approving it publishes."""
    if workflow_state is None:
        return False
    last = (
        workflow_state.workflow.workflow_tasks.filter(task__active=True)
        .order_by("-sort_order")
        .values_list("task_id", flat=True)
        .first()
    )
    return last == task.pk


def story_ambassador(page):
    """The account linked to a story (None for other pages and unlinked stories)."""
    return getattr(page.specific_deferred, "ambassador_account", None)


def reviewers(task, page):
    """Active users who can act on `task` for `page` (its groups, or the story's ambassador)."""
    task = task.specific
    if hasattr(task, "groups"):
        return list(get_user_model().objects.filter(is_active=True, groups__in=task.groups.all()).distinct())
    ambassador = story_ambassador(page)
    return [ambassador] if ambassador is not None and ambassador.is_active else []


def who_must_act(task_state, page):
    """
    Those asked to decide a step (its review email, reminders, the overdue panel): the group's
    members but never an author of the change (four eyes), or the story's ambassador, who is
    asked for consent even when they submitted, if someone else changed it since.
    """
    users = reviewers(task_state.task, page)
    if hasattr(task_state.task.specific, "groups"):
        authors = revision_authors(task_state.workflow_state)
        users = [user for user in users if user.pk not in authors]
    return users


def linked_since(page, moment):
    """True if the story's account was linked or changed at or after `moment` (the link is logged)."""
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(page_id=page.pk, action=LINK_ACCOUNT_ACTION, timestamp__gte=moment).exists()


def assign_story_workflow(index_page):
    """
    Attach the story workflow to the /ambassadeurs/ index page, so every story under it
    goes through it. Called by the data migration for an index that exists already and by
    a post_save signal for one created later (demo content, tests).
    """
    workflow = Workflow.objects.filter(name=STORY_WORKFLOW_NAME, active=True).first()
    if workflow is None:
        return None
    WorkflowPage.objects.update_or_create(page=index_page.page_ptr, defaults={"workflow": workflow})
    return workflow
