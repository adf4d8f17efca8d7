"""
Keep story access, workflow assignment and the stories' search index in step with the page tree.

A story's index entry holds its school's name and place only while the school is public
(`AmbassadorPage.public_school_text`). Wagtail reindexes a page when it is saved, not the pages
that name it, so the stories of a school are reindexed here when the school is published,
unpublished, moved or deleted, or a view restriction on it or above it is set, changed or removed.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.signals import page_published, page_unpublished, post_page_move

from .access import story_group, sync_story_access


def on_story_saved(sender, instance, created, update_fields=None, **kwargs):
    # Saving a revision only touches bookkeeping fields; the account changes on creation,
    # on publishing, and through the invitation.
    if update_fields is not None and "ambassador_account" not in update_fields:
        return
    if instance.ambassador_account_id or story_group(instance) is not None:
        sync_story_access(instance)


def on_ambassador_index_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .workflow import assign_story_workflow

        assign_story_workflow(instance)


def reindex_stories(stories):
    for story in stories:
        index.insert_or_update_object(story)


def on_school_published_or_unpublished(sender, instance, **kwargs):
    from .models import AmbassadorPage

    reindex_stories(AmbassadorPage.objects.filter(school=instance))


def on_school_deleting(sender, instance, **kwargs):
    # Deleting sets the stories' school to null without saving them: note them first.
    from .models import AmbassadorPage

    instance._stories_to_reindex = list(AmbassadorPage.objects.filter(school=instance).values_list("pk", flat=True))


def on_school_deleted(sender, instance, **kwargs):
    from .models import AmbassadorPage

    reindex_stories(AmbassadorPage.objects.filter(pk__in=getattr(instance, "_stories_to_reindex", ())))


def reindex_stories_of_schools_under(page):
    """The stories of the schools at or below `page`, which a restriction there covers."""
    from .models import AmbassadorPage, SchoolPage

    schools = SchoolPage.objects.descendant_of(page, inclusive=True)
    reindex_stories(AmbassadorPage.objects.filter(school__in=schools))


def on_view_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_stories_of_schools_under(page)


def on_page_moved(sender, instance, **kwargs):
    # Into or out of a restricted part of the tree.
    reindex_stories_of_schools_under(instance)


def connect():
    from .models import AmbassadorIndexPage, AmbassadorPage, SchoolPage

    post_save.connect(on_story_saved, sender=AmbassadorPage, dispatch_uid="ambassadors_story_access")
    post_save.connect(on_ambassador_index_saved, sender=AmbassadorIndexPage, dispatch_uid="ambassadors_story_workflow")

    page_published.connect(on_school_published_or_unpublished, sender=SchoolPage, dispatch_uid="ambassadors_school_pub")
    page_unpublished.connect(
        on_school_published_or_unpublished, sender=SchoolPage, dispatch_uid="ambassadors_school_unpub"
    )
    pre_delete.connect(on_school_deleting, sender=SchoolPage, dispatch_uid="ambassadors_school_deleting")
    post_delete.connect(on_school_deleted, sender=SchoolPage, dispatch_uid="ambassadors_school_deleted")
    post_page_move.connect(on_page_moved, dispatch_uid="ambassadors_page_moved")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="ambassadors_restriction")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="ambassadors_restriction_deleted"
    )
