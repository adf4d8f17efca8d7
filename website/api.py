"""
The read-only public API (Wagtail API v2) at /api/v2/: pages and images.

Wagtail's pages endpoint serves live, public pages only. Images have no published state of
their own, so the images endpoint lists only images that a live, public page uses, found via
Wagtail's reference index: an image uploaded for a draft story stays out of the API.
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, IntegerField
from django.db.models.functions import Cast
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex

from core.api import PublicPageField

# As long as the site's own search box allows (search/views.py).
MAX_SEARCH_LENGTH = 100
MAX_OFFSET = 100_000
SEARCH_OPERATORS = ("and", "or")


class ParameterCheckFilter(BaseFilterBackend):
    """
    Refuses, with a 400 that says why, the parameter values that Wagtail's filters pass on to
    the database unchecked: over-long or quoted search terms (a double quote breaks SQLite's
    full-text query syntax), unknown search operators and offsets past any integer column.
    First in each endpoint's filter_backends, so it runs before the others.
    """

    def filter_queryset(self, request, queryset, view):
        search = request.GET.get("search")
        if search is not None:
            if len(search) > MAX_SEARCH_LENGTH:
                raise BadRequestError(f"search may be at most {MAX_SEARCH_LENGTH} characters")
            if '"' in search:
                raise BadRequestError("search may not contain double quotes")
        operator = request.GET.get("search_operator")
        if operator is not None and operator not in SEARCH_OPERATORS:
            raise BadRequestError("search_operator must be 'and' or 'or'")
        offset = request.GET.get("offset", "0")
        if offset.isdigit() and int(offset) > MAX_OFFSET:
            raise BadRequestError(f"offset cannot be higher than {MAX_OFFSET}")
        return queryset


class PublicRelationFilter(BaseFilterBackend):
    """
    `?school=<id>` (or any related page shown with PublicPageField) finds nothing when that
    page is not public: otherwise filtering by the id of a draft or restricted school would
    tell which public stories belong to it, while the field itself says null.
    A value that is not a number is left to Wagtail's own filter, which answers 400.
    """

    def filter_queryset(self, request, queryset, view):
        for api_field in getattr(queryset.model, "api_fields", ()):
            value = request.GET.get(getattr(api_field, "name", ""))
            if value is None or not isinstance(getattr(api_field, "serializer", None), PublicPageField):
                continue
            if value.isdigit() and not Page.objects.live().public().filter(pk=int(value)).exists():
                return queryset.none()
        return queryset


class CheckedPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [ParameterCheckFilter, PublicRelationFilter, *PagesAPIViewSet.filter_backends]


class PublishedImagesAPIViewSet(ImagesAPIViewSet):
    filter_backends = [ParameterCheckFilter, *ImagesAPIViewSet.filter_backends]

    def get_queryset(self):
        # The reference index keeps object IDs as text; the casts keep all of this in one SQL query.
        published_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
        used_images = (
            ReferenceIndex.objects.filter(
                base_content_type=ContentType.objects.get_for_model(Page),
                object_id__in=published_pages,
                to_content_type=ContentType.objects.get_for_model(get_image_model()),
            )
            .annotate(image_id=Cast("to_object_id", IntegerField()))
            .values("image_id")
        )
        return super().get_queryset().filter(pk__in=used_images)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CheckedPagesAPIViewSet)
api_router.register_endpoint("images", PublishedImagesAPIViewSet)
