"""
The private attributes and names of Wagtail that this site sets, in one place.

Wagtail remembers a request's Site, the site root paths and a page's parent on private
attributes, and has no public way to hand it values the site already has (the shared site
context, the pages found while routing). Setting them saves a query or a cache round trip
on every public request (docs/performance.md). Wagtail has discussed caching these itself
(wagtail/wagtail#4142 for the Site, #2916 for the root paths) without a public setter.

tests/test_wagtail_internals.py checks on every upgrade that Wagtail still reads each of
them. If it fails, change or drop the function here: the site stays correct, only slower
(or, for the display name, shows staff names to ambassadors again; for the compare view,
shows the stored values of blocks again: the fixed question's key, paragraphs run together).
"""

from importlib import import_module

from wagtail.admin import utils as admin_utils
from wagtail.admin.compare import (  # noqa: F401  (the classes the compare view is built from)
    BlockComparison,
    StreamBlockComparison,
    StreamFieldComparison,
)

# Wagtail names users through `wagtail.admin.utils.get_user_display_name`, which these modules
# import by name (the template filter `user_display_name`, used by comments and revisions, lives
# in the first), and offers no hook to name them differently for the viewer.
USER_NAMING_MODULES = [
    "wagtail.admin.templatetags.wagtailadmin_tags",
    "wagtail.admin.views.editing_sessions",
    "wagtail.admin.filters",
    "wagtail.locks",
]
wagtail_user_display_name = admin_utils.get_user_display_name


def remember_site(request, site):
    """What `Site.find_for_request(request)` returns for the rest of the request."""
    request._wagtail_site = site


def remember_site_root_paths(request, site_root_paths):
    """What page URLs are built from for the rest of the request (`Site.get_site_root_paths()`)."""
    request._wagtail_cached_site_root_paths = site_root_paths


def remember_parent(page, parent):
    """What `page.get_parent()` returns without a query."""
    page._cached_parent_obj = parent


def remember_settings_request(site_settings, request):
    """The request a site settings object builds its page URLs for (as its `for_request` does)."""
    site_settings._request = request


def name_users_with(display_name):
    """Make the admin name users with `display_name(user)` instead of Wagtail's own function."""
    for module_name in USER_NAMING_MODULES:
        module = import_module(module_name)
        if module.get_user_display_name not in (wagtail_user_display_name, display_name):
            raise ImportError(f"{module_name}.get_user_display_name is not Wagtail's any more")
        module.get_user_display_name = display_name


class ComparedBlock:
    """
    Mixed into a StreamField block class: the admin's compare view renders its values with
    the class's `comparison_class` (a BlockComparison).

    Wagtail's compare view asks each block for `get_comparison_class()`
    (`wagtail.admin.compare.get_comparison_class_for_block`), an undocumented method its own
    ImageChooserBlock defines; there is no registry for blocks as there is for model fields.
    """

    comparison_class = None

    def get_comparison_class(self):
        return self.comparison_class
