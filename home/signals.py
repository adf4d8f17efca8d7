"""
Signal handlers of the home app: every site has its settings row, and the site context
(home/site_context.py: Site, settings, menu, contact and privacy URLs) follows what it shows.

The site context is made stale by a change of the settings or a Site, by a page saved at
the top of the tree (the menu), by a page that a setting holds (the privacy statement), and
by every move, deletion or view restriction, as those can change the address of a page the
context links to or hide it, and by every saved alias: an alias has its source page's view
restrictions, which the context's restricted paths include (core.queries.restricted_roots).
The page cache has its own handlers (core/invalidation.py).
"""

from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from core.invalidation import is_shown_on_every_page

from . import site_context


def invalidate_site_context(sender, **kwargs):
    site_context.invalidate()


def on_page_saved(sender, instance, **kwargs):
    """
    A page saved at the top of the tree: publishing and unpublishing save the page, and so
    does code that creates live pages directly (load_demo_content, test factories). Or an
    alias saved: it has its source page's view restrictions, so where they start may have
    changed. (An alias converted to a page of its own keeps copies of them: Wagtail copies a
    page's restrictions to its alias.)
    """
    if isinstance(instance, Page) and (instance.alias_of_id is not None or is_shown_on_every_page(instance)):
        site_context.invalidate()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        site_context.invalidate()


def ensure_site_settings(**kwargs):
    """
    Give every site its settings row up front. Wagtail creates it on first read otherwise,
    which would make a visitor's GET write to the database.
    """
    from .models import OrganisationSettings

    using = kwargs.get("using", "default")
    site_ids = Site.objects.using(using).values_list("pk", flat=True)
    existing = set(OrganisationSettings.objects.using(using).values_list("site_id", flat=True))
    OrganisationSettings.objects.using(using).bulk_create(
        [OrganisationSettings(site_id=site_id) for site_id in site_ids if site_id not in existing]
    )


def on_site_saved(sender, instance, created, **kwargs):
    site_context.invalidate()
    if created:
        ensure_site_settings(using=kwargs.get("using", "default"))


def connect(app_config):
    from .models import OrganisationSettings

    post_migrate.connect(ensure_site_settings, sender=app_config, dispatch_uid="home_site_settings_migrate")
    post_save.connect(on_site_saved, sender=Site, dispatch_uid="home_site_settings_site")
    post_delete.connect(invalidate_site_context, sender=Site, dispatch_uid="home_site_context_site_deleted")
    post_save.connect(invalidate_site_context, sender=OrganisationSettings, dispatch_uid="site_context_settings")
    post_save.connect(on_page_saved, dispatch_uid="site_context_page_saved")
    post_page_move.connect(invalidate_site_context, dispatch_uid="site_context_page_moved")
    post_delete.connect(on_page_deleted, dispatch_uid="site_context_page_deleted")
    post_save.connect(invalidate_site_context, sender=PageViewRestriction, dispatch_uid="site_context_restriction")
    post_delete.connect(
        invalidate_site_context, sender=PageViewRestriction, dispatch_uid="site_context_restriction_deleted"
    )
