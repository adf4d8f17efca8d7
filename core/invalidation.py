"""
The page cache follows publishing: clear exactly the cached pages that show a changed page.

What shows what is the page types' own answer (core.pages.SitePage): a page shows itself,
its parent lists it, pages whose type names it in `shows_pages_in` show it (a story card
names its school, a school names its board, the home page names its featured stories and
the page of its call to action), and a type adds more where it appears (a story on its
siblings' pages and its school's page). Two kinds of change show on every page and clear
everything: a site's home page and its children (the menu), and a page or value that a
site setting holds (the footer's privacy statement, the organisation's name). The sitemap
lists every public page, so each change clears it too.

A view restriction (login, password or groups) hides the page and every page below it from
visitors, so setting, changing or removing one clears what publishing those pages would.

Wagtail's signals: https://docs.wagtail.org/en/stable/reference/signals.html
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.contrib.settings.registry import registry as site_settings_models
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .page_cache import invalidate_all, invalidate_paths

SITEMAP_PATH = "/sitemap.xml"
# Above this many pages under a restricted page, clearing every cached page is cheaper than
# finding what shows each of them.
MAX_PAGES_CLEARED_ONE_BY_ONE = 50


def cache_enabled():
    return settings.PAGE_CACHE_SECONDS > 0


def public_path(url_path):
    """The path a visitor requests for a page's url_path, or None outside every site."""
    for root in Site.get_site_root_paths():
        if url_path.startswith(root.root_path):
            return "/" + url_path[len(root.root_path) :]
    return None


def pages_showing(page):
    """The pages whose content includes `page` (including itself), as its type says."""
    page = page.specific
    if hasattr(page, "get_pages_showing"):
        return page.get_pages_showing()
    return [page, *filter(None, [page.get_parent()])]


def named_pages(page):
    """The pages `page` names in its own fields (`shows_pages_in`), such as a story's school."""
    ids = [getattr(page, f"{name}_id", None) for name in getattr(page, "shows_pages_in", ()) if "__" not in name]
    return list(Page.objects.filter(pk__in=[pk for pk in ids if pk]))


def is_in_a_site_setting(page):
    """Whether a site setting holds `page` (the privacy statement every footer links)."""
    return any(
        model.objects.filter(**{field.name: page.pk}).exists()
        for model in site_settings_models
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model is not None and issubclass(field.related_model, Page)
    )


def is_shown_on_every_page(page):
    """A site's home page or one of its children (every page's menu), or a page a setting holds."""
    roots = [site.root_page for site in Site.objects.select_related("root_page")]
    in_menu_area = any(page.path.startswith(root.path) and page.depth <= root.depth + 1 for root in roots)
    return in_menu_area or is_in_a_site_setting(page)


def clear_pages_showing(page, extra_paths=()):
    if is_shown_on_every_page(page):
        invalidate_all()
        return
    paths = [public_path(shown.url_path) for shown in pages_showing(page)]
    invalidate_paths([path for path in [*paths, *extra_paths, SITEMAP_PATH] if path])


def clear_own_page(page):
    """
    A change that shows only on the page itself and in the sitemap, and not through
    publishing (a story's confirmed review date in its structured data and lastmod).
    """
    if cache_enabled():
        invalidate_paths([path for path in [public_path(page.url_path), SITEMAP_PATH] if path])


def remember_previous_state(sender, instance, **kwargs):
    """Before a page is saved, note the paths visitors may still see cached: its own, and the pages it named."""
    if not cache_enabled() or not isinstance(instance, Page) or instance.pk is None:
        return
    previous = type(instance).objects.filter(pk=instance.pk).first()
    if previous is None:
        return
    paths = [public_path(page.url_path) for page in [previous, *named_pages(previous)]]
    instance._page_cache_previous_paths = [path for path in paths if path]


def on_published_or_unpublished(sender, instance, **kwargs):
    if cache_enabled():
        clear_pages_showing(instance, getattr(instance, "_page_cache_previous_paths", ()))


def on_moved(sender, instance, parent_page_before, url_path_before, **kwargs):
    if not cache_enabled():
        return
    old_path = public_path(url_path_before)
    clear_pages_showing(instance, [old_path] if old_path else ())
    clear_pages_showing(parent_page_before)


def on_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page) or not cache_enabled() or not instance.live:
        return
    if is_shown_on_every_page(instance):
        invalidate_all()
        return
    # The page row is gone: clear its own path, the pages that listed it and those it named.
    paths = [public_path(instance.url_path), SITEMAP_PATH]
    parent = Page.objects.filter(path=instance.path[: -Page.steplen]).first()
    if parent is not None:
        paths.append(public_path(parent.url_path))
        grandparent = parent.get_parent()
        if grandparent is not None:
            paths.append(public_path(grandparent.url_path))
        paths += [public_path(sibling.url_path) for sibling in parent.get_children()]
    paths += [public_path(named.url_path) for named in named_pages(instance)]
    invalidate_paths([path for path in paths if path])


def on_view_restriction_changed(sender, instance, **kwargs):
    """A view restriction saved or deleted, in the admin's privacy dialog or in code."""
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
    """Site settings (the organisation's name and contact details in the footer) show on every page."""
    if cache_enabled():
        invalidate_all()


def connect():
    pre_save.connect(remember_previous_state, dispatch_uid="page_cache_pre_save")
    page_published.connect(on_published_or_unpublished, dispatch_uid="page_cache_published")
    page_unpublished.connect(on_published_or_unpublished, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(on_moved, dispatch_uid="page_cache_moved")
    post_delete.connect(on_deleted, dispatch_uid="page_cache_deleted")
    post_save.connect(on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction")
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="page_cache_restriction_deleted"
    )
    for model in site_settings_models:
        post_save.connect(on_site_setting_saved, sender=model, dispatch_uid=f"page_cache_setting_{model._meta.label}")
