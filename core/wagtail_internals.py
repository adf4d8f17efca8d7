"""
The private attributes of Wagtail that this site sets, in one place.

Wagtail remembers a request's Site, the site root paths and a page's parent on private
attributes, and has no public way to hand it values the site already has (the shared site
context, the pages found while routing). Setting them saves a query or a cache round trip
on every public request (docs/performance.md). Wagtail has discussed caching these itself
(wagtail/wagtail#4142 for the Site, #2916 for the root paths) without a public setter.

tests/test_wagtail_internals.py checks on every upgrade that Wagtail still reads each of
them. If it fails, change or drop the function here: the site stays correct, only slower.
"""


def remember_site(request, site):
    """What `Site.find_for_request(request)` returns for the rest of the request."""
    request._wagtail_site = site


def remember_site_root_paths(request, site_root_paths):
    """What page URLs are built from for the rest of the request (`Site.get_site_root_paths()`)."""
    request._wagtail_cached_site_root_paths = site_root_paths


def remember_parent(page, parent):
    """What `page.get_parent()` returns without a query."""
    page._cached_parent_obj = parent
