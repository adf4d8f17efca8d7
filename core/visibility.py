"""
Whether a page may be shown to every visitor: live, and behind no view restriction.

The rule of Wagtail's `PageQuerySet.live().public()`, for one page that another page names
(a story's school, a school's board). Lists filter with core.queries.public_pages instead.
"""


def is_public(page):
    """True when `page` is live and neither it nor an ancestor has a view restriction."""
    return page.live and not page.get_view_restrictions().exists()
