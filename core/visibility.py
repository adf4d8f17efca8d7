"""
Whether a page may be shown to every visitor: live, and behind no view restriction.

The rule of Wagtail's `PageQuerySet.live().public()`, for one page that another page names
(a story's school, a school's board). Lists filter with core.queries.public_pages instead.

During a public request the site's restricted tree paths may be known beforehand (the shared
site context holds them, home/site_context.py): `restricted_roots_known` makes them known for
the request, and then these checks and core.queries test a page's path against them instead of
asking the database. Outside such a request (the admin, a form's POST, a background task)
nothing is known and every check asks the database.
"""

from contextlib import contextmanager
from contextvars import ContextVar

_restricted_roots = ContextVar("restricted_roots", default=None)


@contextmanager
def restricted_roots_known(roots):
    """
    For the code inside: every page whose tree path starts with one of `roots` is behind a
    view restriction, and no other page is (core.queries.restricted_roots builds them).
    """
    token = _restricted_roots.set(tuple(roots))
    try:
        yield
    finally:
        _restricted_roots.reset(token)


def known_restricted_roots():
    """The restricted tree paths known for this request, or None where they are not known."""
    return _restricted_roots.get()


def is_below_a_restriction(path, roots):
    """Whether the page with tree path `path` is at or below one of `roots`."""
    return any(path.startswith(root) for root in roots)


def is_public(page):
    """True when `page` is live and neither it nor an ancestor has a view restriction."""
    if not page.live:
        return False
    roots = known_restricted_roots()
    if roots is not None and page.path:
        return not is_below_a_restriction(page.path, roots)
    return not page.get_view_restrictions().exists()
