"""Keep story access and workflow assignment in step with the page tree."""

from django.db.models.signals import post_save

from .access import story_group_name, sync_story_access


def on_story_saved(sender, instance, created, update_fields=None, **kwargs):
    # Saving a revision only touches bookkeeping fields; the account changes on creation,
    # on publishing, and through the invitation.
    if update_fields is not None and "ambassador_account" not in update_fields:
        return
    from django.contrib.auth.models import Group

    if instance.ambassador_account_id or Group.objects.filter(name=story_group_name(instance)).exists():
        sync_story_access(instance)


def on_ambassador_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .workflow import assign_story_workflow

        assign_story_workflow(instance)


def connect():
    from .models import AmbassadorIndexPage, AmbassadorPage

    post_save.connect(on_story_saved, sender=AmbassadorPage, dispatch_uid="ambassadors_story_access")
    post_save.connect(on_ambassador_index_saved, sender=AmbassadorIndexPage, dispatch_uid="ambassadors_story_workflow")
