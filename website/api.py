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
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, ReferenceIndex


class PublishedImagesAPIViewSet(ImagesAPIViewSet):
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
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublishedImagesAPIViewSet)
