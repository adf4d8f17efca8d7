"""Queryset helpers shared by the public pages."""

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import StartsWith
from wagtail.models import Page, PageViewRestriction

from .visibility import known_restricted_roots


def public_pages(queryset):
    """
    `queryset` without the pages behind a view restriction, their own or an ancestor's.

    The same rule as Wagtail's `PageQuerySet.public()`, tested inside the page query: public()
    first loads every restriction of the site in a query of its own, on every call, and a story
    page calls it several times (menu, related stories, contact form).

    The restricted page's path is a scalar subquery rather than a join, so the database reads
    the (few) restrictions first: with a join, SQLite read every page for every row tested.
    Where the restricted paths are known for the request (core.visibility), the query tests
    the page's path against them instead: no condition at all while nothing is restricted.
    """
    return queryset.filter(unrestricted())


def unrestricted(path_field="path"):
    """
    A condition true where neither the page whose tree path is in `path_field` (a field of
    the query's rows, such as "school__path" for a story's school) nor one of its ancestors has
    a view restriction.
    """
    roots = known_restricted_roots()
    if roots is None:
        return ~is_restricted(path_field)
    if not roots:
        return Q()
    return ~reduce(or_, (Q(**{f"{path_field}__startswith": root}) for root in roots))


def is_restricted(path_field="path"):
    """
    True where the page whose tree path is in `path_field` or one of its ancestors has a view
    restriction (asked of the database, in the query).
    """
    restricted_path = Page.objects.filter(pk=OuterRef("page_id")).values("path")[:1]
    return Exists(PageViewRestriction.objects.filter(StartsWith(OuterRef(path_field), Subquery(restricted_path))))


def restricted_roots():
    """
    The tree paths of the pages a view restriction starts at: the page and every page below
    it are restricted. Wagtail's rule (`Page.get_view_restrictions`): a page has the
    restrictions of itself and its ancestors, where an alias has its source page's, and never
    its own. So a restriction starts at its page unless that is an alias, and at every alias
    of it. One query.
    """
    holders = PageViewRestriction.objects.values("page_id")
    pages = Page.objects.annotate(holder=Coalesce("alias_of_id", "id")).filter(holder__in=holders)
    return tuple(sorted(pages.values_list("path", flat=True)))
