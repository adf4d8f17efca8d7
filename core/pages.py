"""The page behaviour every page type of the site shares."""

from .permissions import SitePagePermissionTester


class SitePage:
    """
    Mixin for every page type of the site (before `Page` in the bases). Page types answer
    here for themselves; for now: who may do what with them.
    """

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)
