"""
The editorial workflow: Wagtail Workflows and Tasks, with two project-specific tasks.

Wagtail's own `GroupApprovalTask` lets any group member (and any superuser) approve,
including the person who submitted the change. We do not ("four eyes"), so both approval
steps are a `ReviewGroupApprovalTask`. The consent of the ambassador is a task of its own,
`AmbassadorConsentTask`, in the style of bakerydemo's `UserApprovalTask`.

See https://docs.wagtail.org/en/stable/extending/custom_tasks.html and docs/workflow.md.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, Revision, Task, TaskState, Workflow, WorkflowPage
from wagtail.signals import task_approved

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


def linked_since(page, moment):
    """True if the story's account was linked or changed at or after `moment` (the link is logged)."""
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(page_id=page.pk, action=LINK_ACCOUNT_ACTION, timestamp__gte=moment).exists()


def outdated_consent(workflow_state):
    """
    The ambassador's consent in `workflow_state` that a later change has outdated, or None.

    A consent covers the text as it was when it was given (or passed by itself). Any revision
    saved after it by someone other than the ambassador (a moderator's edit in the final step,
    Marketing's edit after a rejection) is text the ambassador has not seen.
    """
    consent = (
        workflow_state.task_states.filter(
            task__in=AmbassadorConsentTask.objects.all(), status=TaskState.STATUS_APPROVED
        )
        .select_related("task")
        .order_by("-finished_at", "-id")
        .first()
    )
    if consent is None:
        return None
    ambassador = consent.task.specific.get_ambassador(workflow_state.content_object)
    later = Revision.objects.for_instance(workflow_state.content_object).filter(created_at__gt=consent.finished_at)
    if ambassador is not None:
        later = later.exclude(user=ambassador)
    return consent if later.exists() else None


class ReviewGroupApprovalTask(AbstractGroupApprovalTask):
    """
    A group approval with four eyes: nobody approves a change they authored, superusers
    included, on every step. An author is anyone who saved a revision since the live
    version (also a draft saved before someone else submitted it) or who submitted it.
    """

    def _is_own_change(self, obj, user):
        return is_own_change(obj.current_workflow_state, user)

    # A story goes live only as its ambassador consented to it: a step after the consent
    # never starts, and never approves, on text changed since. The workflow goes back to the
    # ambassador instead, and comes back to this step after their new consent.

    def start(self, workflow_state, user=None):
        consent = outdated_consent(workflow_state)
        if consent is not None:
            return consent.task.specific.start(workflow_state, user=user)
        return super().start(workflow_state, user=user)

    def _back_to_consent(self, task_state, consent, user):
        task_state.cancel(user=user)
        task_state.workflow_state.update(user=user, next_task=consent.task.specific)

    def get_actions(self, obj, user):
        if not super().get_actions(obj, user):
            return []
        actions = [("reject", _("Wijzigingen vragen"), True)]
        if not self._is_own_change(obj, user):
            actions += [("approve", _("Goedkeuren"), False), ("approve", _("Goedkeuren met opmerking"), True)]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Checked again here: the editor saves a reviewer's unsaved edits as a new revision
        # just before it performs the action, which makes the change their own.
        if action_name in APPROVE_ACTIONS and self._is_own_change(task_state.revision.content_object, user):
            raise PermissionDenied(_("Je kunt je eigen wijziging niet goedkeuren; een collega moet dat doen."))
        if action_name in APPROVE_ACTIONS:
            consent = outdated_consent(task_state.workflow_state)
            if consent is not None:
                return self._back_to_consent(task_state, consent, user)
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        # The dashboard's "awaiting your review" list: leave out the changes the user authored.
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        states = states.exclude(workflow_state__requested_by=user)
        states_with_workflow = states.select_related("workflow_state")
        own = [state.pk for state in states_with_workflow if is_own_change(state.workflow_state, user)]
        return states.exclude(pk__in=own)

    @classmethod
    def get_description(cls):
        return _("Leden van de gekozen groepen keuren goed, maar nooit hun eigen wijziging.")

    class Meta:
        verbose_name = _("groepsgoedkeuring met vier ogen")
        verbose_name_plural = _("groepsgoedkeuringen met vier ogen")


class AmbassadorConsentTask(Task):
    """
    The ambassador approves their story as it will be published: a testimonial needs the
    consent of the person quoted.

    It passes by itself only when the ambassador authored everything that is about to go
    live (every revision since the live version, and the submission) and the account was
    linked to the story before the workflow started; it is skipped for a story without an
    (active) ambassador account. Otherwise only
    the story's own ambassador may approve or reject it, and only they may edit it meanwhile.
    """

    def get_ambassador(self, obj):
        return getattr(obj.specific_deferred if hasattr(obj, "specific_deferred") else obj, "ambassador_account", None)

    def _is_ambassador(self, obj, user):
        ambassador = self.get_ambassador(obj)
        return ambassador is not None and user.is_active and ambassador.pk == user.pk

    def start(self, workflow_state, user=None):
        obj = workflow_state.content_object
        ambassador = self.get_ambassador(obj)
        if ambassador is None or not ambassador.is_active:
            return self._finish_on_start(workflow_state, TaskState.STATUS_SKIPPED)
        if revision_authors(workflow_state) == {ambassador.pk} and not linked_since(obj, workflow_state.created_at):
            return self._finish_on_start(workflow_state, TaskState.STATUS_APPROVED)
        return super().start(workflow_state, user=user)

    def _finish_on_start(self, workflow_state, status):
        # Created finished, so nobody is asked: WorkflowState.update() moves on at once.
        task_state = self.get_task_state_class()(
            workflow_state=workflow_state,
            task=self,
            revision=workflow_state.content_object.get_latest_revision(),
            status=status,
            finished_at=timezone.now(),
        )
        task_state.save()
        if status == TaskState.STATUS_APPROVED:
            task_state.log_state_change_action(None, "approve")
            task_approved.send(sender=task_state.specific.__class__, instance=task_state.specific, user=None)
        return task_state

    def user_can_access_editor(self, obj, user):
        return self._is_ambassador(obj, user)

    def locked_for_user(self, obj, user):
        return not self._is_ambassador(obj, user)

    def get_actions(self, obj, user):
        if self._is_ambassador(obj, user):
            return [
                ("reject", _("Niet akkoord, wijzigingen vragen"), True),
                ("approve", _("Akkoord"), False),
                ("approve", _("Akkoord met opmerking"), True),
            ]
        return []

    def on_action(self, task_state, user, action_name, **kwargs):
        if not self._is_ambassador(task_state.revision.content_object, user):
            raise PermissionDenied
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        from .models import AmbassadorPage

        own_story_ids = AmbassadorPage.objects.filter(ambassador_account=user).values_list("pk", flat=True)
        return TaskState.objects.filter(
            task=self,
            status=TaskState.STATUS_IN_PROGRESS,
            workflow_state__object_id__in=[str(pk) for pk in own_story_ids],
        )

    @classmethod
    def get_description(cls):
        return _("De ambassadeur geeft akkoord op het eigen verhaal zoals het gepubliceerd wordt.")

    class Meta:
        verbose_name = _("akkoord van de ambassadeur")
        verbose_name_plural = _("akkoorden van ambassadeurs")


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
