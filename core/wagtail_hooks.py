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


# The admin's brand is the site's, and its help is the project's own Dutch guide (registered by
# the ambassadors app): no links to Wagtail's English guide and release notes.
WAGTAIL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("construct_help_menu")
def no_wagtail_help_links(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(WAGTAIL_HELP_ITEMS)]


@hooks.register("construct_main_menu")
def settings_menu_without_wagtail_version(request, menu_items):
    """Wagtail's settings menu, without its "Wagtail v8.0.1" footer."""
    from wagtail.admin.menu import SubmenuMenuItem

    for index, item in enumerate(menu_items):
        if item.name == "settings" and type(item) is not SubmenuMenuItem:
            menu_items[index] = SubmenuMenuItem(
                item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
            )
