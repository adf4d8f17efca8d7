"""
The admin API's images and documents (/admin/api/main/images/, .../documents/) list what the
user may choose, as Wagtail's choosers do; Wagtail's own endpoints list every one of them.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

CHOOSER_ACTIONS = ["choose"]


class ChoosableQuerysetMixin:
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        choosable = policy.instances_user_has_any_permission_for(self.request.user, CHOOSER_ACTIONS)
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ChoosableImagesAdminAPIViewSet(ChoosableQuerysetMixin, ImagesAdminAPIViewSet):
    pass


class ChoosableDocumentsAdminAPIViewSet(ChoosableQuerysetMixin, DocumentsAdminAPIViewSet):
    pass
