"""The page behaviour every page type of the site shares."""

from .permissions import SitePagePermissionTester


class SitePage:
    """
    Mixin for every page type of the site (before `Page` in the bases). Page types answer
    here for themselves; for now: who may do what with them.
    """

    #: The link this page type gives the header and footer of every page ("contact"), if
    #: any: the navigation (home/site_context.py) finds that page without naming its app.
    site_link = None

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)
