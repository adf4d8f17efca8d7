"""Queryset helpers shared by the public pages."""

from django.db.models import Exists, F, OuterRef
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def public_pages(queryset):
    """
    `queryset` without the pages behind a view restriction, their own or an ancestor's.

    The same rule as Wagtail's `PageQuerySet.public()`, tested inside the page query: public()
    first loads every restriction of the site in a query of its own, on every call, and a story
    page calls it several times (menu, related stories, contact form).
    """
    restricted = PageViewRestriction.objects.filter(StartsWith(OuterRef("path"), F("page__path")))
    return queryset.exclude(Exists(restricted))
