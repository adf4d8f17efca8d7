"""
What a user may do with a page: the one rule book that Wagtail's admin views, bulk actions,
the admin API's page actions and Wagtail's own action classes all consult, superusers
included (`Page.permissions_for_user`, see core/pages.py). docs/workflow.md explains the
rules; here is how they map onto Wagtail's tester.

Wagtail's group permission "publish" is kept as the mark of a moderator: it grants
unpublishing, privacy, unscheduling and reordering, never publishing itself.
"""

from wagtail.models import PagePermissionTester, PageViewRestriction


class SitePagePermissionTester(PagePermissionTester):
    # Nothing goes live except by the workflow's last approval (core/workflow.py).
    # That covers the editor, the create view, bulk publish, the admin API, reverting with
    # publish, published copies and aliases (they ask can_publish_subpage of the destination).

    def can_publish(self):
        return False

    def can_publish_subpage(self):
        return False

    def is_moderator(self):
        if not self.user.is_active or self.page_is_root:
            return False
        return self.user.is_superuser or "publish" in self.permissions

    # Making a page public is a go-live too.
    def can_set_view_restrictions(self):
        return self.is_moderator()

    def can_unschedule(self):
        return self.is_moderator()

    # Wagtail also lets a workflow step's reviewers lock the page; here only moderators do.
    def can_lock(self):
        return self.user.is_active and (self.user.is_superuser or "lock" in self.permissions)

    def can_unlock(self):
        if not self.user.is_active:
            return False
        return self.user.is_superuser or self.user_has_lock() or "unlock" in self.permissions

    def can_delete(self, ignore_bulk=False):
        # Only pages that are not (and have nothing) on the site, and only by those who may
        # create pages (Marketing) or superusers: a moderator unpublishes, an ambassador
        # deletes nothing.
        if not super().can_delete(ignore_bulk=ignore_bulk):
            return False
        if not (self.user.is_superuser or "add" in self.permissions):
            return False
        return not self.page.get_descendants(inclusive=True).live().exists()

    # Wagtail: copying needs edit permission only; here also "add" (never an ambassador).
    def can_copy(self):
        return self.can_edit() and (self.user.is_superuser or "add" in self.permissions)

    def can_copy_to(self, destination, recursive=False):
        return (
            super().can_copy_to(destination, recursive)
            and self._is_site_page(destination)
            and not copy_loses_view_restriction(self.page, destination, recursive)
        )

    # Moving takes can_delete (so never a live page) and must not lift a restriction.
    def can_move_to(self, destination):
        return (
            self.can_move()  # Wagtail lets a superuser move anything
            and super().can_move_to(destination)
            and self._is_site_page(destination)
            and not move_loses_view_restriction(self.page, destination)
        )

    def _is_site_page(self, page):
        # Wagtail's tree root is a plain Page whose tester allows a superuser to publish
        # below it; nothing is copied or moved there, so that tester is never asked.
        return isinstance(page.permissions_for_user(self.user), SitePagePermissionTester)


def _covers(restricted_page, destination):
    return destination.path.startswith(restricted_page.path)


def copy_loses_view_restriction(page, destination, recursive=False):
    """
    Whether a copy of `page` under `destination` would be less restricted than the page.

    Wagtail's copy carries the page's own restrictions over only when the destination has
    none, and none of its descendants' restrictions; an ancestor's restriction holds only if
    the destination lies below that ancestor.
    """
    for restriction in page.get_view_restrictions().select_related("page"):
        restricted = restriction.page
        if restricted.pk == page.pk:
            if destination.get_view_restrictions().exists() and not _covers(page, destination):
                return True
        elif not _covers(restricted, destination):
            return True
    if recursive:
        descendants = page.get_descendants().values("pk")
        return PageViewRestriction.objects.filter(page__in=descendants).exists()
    return False


def move_loses_view_restriction(page, destination):
    """Whether moving `page` under `destination` leaves a restriction of its ancestors behind."""
    inherited = page.get_view_restrictions().exclude(page=page).select_related("page")
    return any(not _covers(restriction.page, destination) for restriction in inherited)
