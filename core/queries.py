"""Queryset helpers shared by the public pages."""

from django.db.models import Exists, OuterRef, Subquery
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction


def public_pages(queryset):
    """
    `queryset` without the pages behind a view restriction, their own or an ancestor's.

    The same rule as Wagtail's `PageQuerySet.public()`, tested inside the page query: public()
    first loads every restriction of the site in a query of its own, on every call, and a story
    page calls it several times (menu, related stories, contact form).

    The restricted page's path is a scalar subquery rather than a join, so the database reads
    the (few) restrictions first: with a join, SQLite read every page for every row tested.
    """
    return queryset.exclude(is_restricted())


def is_restricted(path_field="path"):
    """
    True where the page whose tree path is in `path_field` (a field of the query's rows, such
    as "school__path" for a story's school) or one of its ancestors has a view restriction.
    """
    restricted_path = Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1]
    return Exists(PageViewRestriction.objects.filter(StartsWith(OuterRef(path_field), Subquery(restricted_path))))
