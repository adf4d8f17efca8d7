from wagtail import hooks

from .admin_api import ChoosableDocumentsAdminAPIViewSet, ChoosableImagesAdminAPIViewSet


# After Wagtail's own hooks (order 0), so these endpoints replace theirs.
@hooks.register("construct_admin_api", order=100)
def admin_api_lists_choosable_images_and_documents(router):
    router.register_endpoint("images", ChoosableImagesAdminAPIViewSet)
    router.register_endpoint("documents", ChoosableDocumentsAdminAPIViewSet)


@hooks.register("register_admin_viewset")
def register_outbox_viewset():
    from .outbox_admin import OutboxViewSet

    return OutboxViewSet()
