"""
Signal handlers of the home app: site settings rows, and the page cache.

Clear the page cache (core/page_cache.py) for exactly the pages that show a changed page.

What shows what, in this site:
- a page shows itself, and its parent lists it (the overview of stories or schools);
- the home page shows featured stories, so a story's change clears it;
- a story page shows up to three other stories, so its siblings are cleared too;
- a story card names its school, and a school page lists its stories: a story clears its
  school (before and after the change), a school clears its stories, their overview and the
  home page (its featured stories);
- a board lists its member schools, and a school names its board;
- the menu on every page lists the home page's children, and the footer links the privacy
  page: their change clears everything, as does a change of the settings or of a Site;
- the sitemap (/sitemap.xml) lists every public page, so each change clears it too.

The site context (home/site_context.py: Site, settings, menu, contact and privacy URLs) is
made stale by the same site-wide changes, and by every move or deletion of a page, as those
can change the URL of a page the context links to.

A view restriction (a page's privacy: login, password or groups) hides the page and every page
below it from visitors, so setting, changing or removing one clears what publishing or
unpublishing those pages would clear, and the site context (the menu and the contact page's
address leave out restricted pages).

Wagtail's signals: https://docs.wagtail.org/en/stable/reference/signals.html
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core.page_cache import invalidate_all, invalidate_paths

from . import site_context


def public_path(url_path):
    """The path a visitor requests for a page's url_path, or None outside every site."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def pages_showing(page):
    """The pages whose content includes `page` (including itself)."""
    from ambassadors.models import AmbassadorPage, SchoolPage

    from .models import HomePage

    page = page.specific
    shown_on = [page]
    parent = page.get_parent()
    if parent is not None:
        shown_on.append(parent)
    # A home page's call to action names the page it leads to.
    shown_on += list(HomePage.objects.filter(cta_page=page))
    if isinstance(page, AmbassadorPage):
        shown_on += list(page.get_siblings(inclusive=False))
        if page.school_id:
            shown_on.append(page.school)
        home = parent.get_parent() if parent is not None else None
        if home is not None:
            shown_on.append(home)
    elif isinstance(page, SchoolPage):
        stories = list(AmbassadorPage.objects.filter(school=page))
        shown_on += stories
        # Their overview, and the home page, whose featured story cards name the school.
        for overview in [story.get_parent() for story in stories[:1]]:
            shown_on += [overview, *filter(None, [overview.get_parent()])]
        shown_on += list(SchoolPage.objects.filter(board=page))
        if page.board_id:
            shown_on.append(page.board)
    return shown_on


def is_shown_on_every_page(page):
    """
    A site's home page or one of its children (the menu on every page lists those), or the
    privacy page that every footer links.
    """
    from .models import OrganisationSettings

    return (
        any(page.path.startswith(root.path) and page.depth <= root.depth + 1 for root in _site_roots())
        or OrganisationSettings.objects.filter(privacy_page_id=page.pk).exists()
    )


def _site_roots():
    return [site.root_page for site in Site.objects.select_related("root_page")]


SITEMAP_PATH = "/sitemap.xml"


def clear_pages_showing(page, extra_paths=()):
    if is_shown_on_every_page(page):
        invalidate_all()
        return
    paths = [public_path(shown.url_path) for shown in pages_showing(page)]
    invalidate_paths([path for path in [*paths, *extra_paths, SITEMAP_PATH] if path])


def cache_enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def remember_previous_state(sender, instance, **kwargs):
    """Before a page is saved, note the path and school that visitors may still see cached."""
    if not cache_enabled() or not isinstance(instance, Page) or instance.pk is None:
        return
    previous = type(instance).objects.filter(pk=instance.pk).first()
    if previous is None:
        return
    paths = [public_path(previous.url_path)]
    school = getattr(previous, "school", None)
    if school is not None:
        paths.append(public_path(school.url_path))
    instance._page_cache_previous_paths = [path for path in paths if path]


def on_published_or_unpublished(sender, instance, **kwargs):
    if not cache_enabled():
        return
    clear_pages_showing(instance, getattr(instance, "_page_cache_previous_paths", ()))


def on_page_saved(sender, instance, **kwargs):
    """
    A page saved at the top of the tree: publishing and unpublishing save the page, and so
    does code that creates live pages directly (load_demo_content, test factories).
    """
    if isinstance(instance, Page) and is_shown_on_every_page(instance):
        site_context.invalidate()


def on_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    site_context.invalidate()
    if not cache_enabled():
        return
    old_path = public_path(url_path_before)
    clear_pages_showing(instance, [old_path] if old_path else ())
    clear_pages_showing(parent_page_before)


def on_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    site_context.invalidate()
    if not cache_enabled() or not instance.live:
        return
    if is_shown_on_every_page(instance):
        invalidate_all()
        return
    # The page row is gone: clear its own path and the pages that listed it.
    paths = [public_path(instance.url_path), SITEMAP_PATH]
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
    if parent is not None:
        paths.append(public_path(parent.url_path))
        grandparent = parent.get_parent()
        if grandparent is not None:
            paths.append(public_path(grandparent.url_path))
        paths += [public_path(sibling.url_path) for sibling in parent.get_children()]
    school = Page.objects.filter(pk=getattr(instance, "school_id", None)).first()
    if school is not None:
        paths.append(public_path(school.url_path))
    invalidate_paths([path for path in paths if path])


# Above this many pages under a restricted page, clearing every cached page is cheaper than
# finding what shows each of them.
MAX_PAGES_CLEARED_ONE_BY_ONE = 50


def on_view_restriction_changed(sender, instance, **kwargs):
    """A view restriction saved or deleted, in the admin's privacy dialog or in code."""
    site_context.invalidate()
    if not cache_enabled():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    covered = list(page.get_descendants(inclusive=True).live().specific()[: MAX_PAGES_CLEARED_ONE_BY_ONE + 1])
    if len(covered) > MAX_PAGES_CLEARED_ONE_BY_ONE:
        invalidate_all()
        return
    for shown in covered:
        clear_pages_showing(shown)


def on_site_setting_saved(sender, instance, **kwargs):
    """Site settings (name, contact details in the footer) show on every page."""
    site_context.invalidate()
    if cache_enabled():
        invalidate_all()


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


def on_site_deleted(sender, instance, **kwargs):
    site_context.invalidate()


def connect(app_config):
    from .models import OrganisationSettings

    post_migrate.connect(ensure_site_settings, sender=app_config, dispatch_uid="home_site_settings_migrate")
    post_save.connect(on_site_saved, sender=Site, dispatch_uid="home_site_settings_site")
    post_delete.connect(on_site_deleted, sender=Site, dispatch_uid="home_site_context_site_deleted")

    post_save.connect(on_site_setting_saved, sender=OrganisationSettings, dispatch_uid="page_cache_settings")
    pre_save.connect(remember_previous_state, dispatch_uid="page_cache_pre_save")
    post_save.connect(on_page_saved, dispatch_uid="site_context_page_saved")
    page_published.connect(on_published_or_unpublished, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_published_or_unpublished, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(on_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_deleted"
    )
