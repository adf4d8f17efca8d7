"""
The page behaviour every page type of the site shares: `SitePage`.

Infrastructure asks the page instead of knowing another app's fields: the permission
tester (core/permissions.py), the meta tags and social cards (core/seo.py), the search
results' excerpts (search/snippets.py) and the page cache's invalidation
(core/invalidation.py) read what a page type declares here.
"""

from django.db.models.functions import Coalesce
from wagtail.models import Page, PageViewRestriction, get_page_models

from .permissions import SitePagePermissionTester
from .visibility import is_below_a_restriction, known_restricted_roots


class SitePage:
    """Mixin for every page type of the site (before `Page` in the bases)."""

    #: Fields whose text introduces the page, in order of preference: the first one filled is
    #: its meta description and social card text when editors set no search description.
    summary_fields = ()
    #: Image fields that represent the page on social media, in order of preference.
    image_fields = ()
    #: Text fields a search result's excerpt is cut from, in reading order (after the search
    #: description, before a StreamField `body`).
    search_text_fields = ()
    #: The page's Open Graph type ("article" for a story).
    open_graph_type = "website"
    #: Fields (or lookups through child objects) naming another page whose title or text this
    #: page shows, such as a story's school on its card: a change of that page clears this one.
    shows_pages_in = ()
    #: The link this page type gives the header and footer of every page ("contact"), if
    #: any: the navigation (home/site_context.py) finds that page without naming its app.
    site_link = None
    #: Relations fetched in the same query as the page when it is served (HomePage.route), such
    #: as a story's school. Another app adds a relation it owns with `serve_with_related`.
    serve_select_related = ()

    @classmethod
    def serve_with_related(cls, *lookups):
        """Fetch `lookups` too when a page of this type is served (a relation another app owns)."""
        cls.serve_select_related = (*cls.serve_select_related, *lookups)

    def permissions_for_user(self, user):
        return SitePagePermissionTester(user, self)

    def get_structured_data(self, request):
        """The page's schema.org data (JSON-LD), or None."""
        return None

    def get_view_restrictions(self):
        """
        Wagtail's rule in one query: the restrictions of this page and its ancestors, an
        alias's being its source page's. Wagtail reads the ancestors in a query of their own
        first, and checks this on every request for a page. tests/test_view_restrictions.py
        compares the two.

        Where the request knows the restricted tree paths (core.visibility), a page below none
        of them has no restriction and needs no query; a page below one is read as before.
        """
        if not self.path:  # not in the tree yet (a preview of a new page)
            return super().get_view_restrictions()
        roots = known_restricted_roots()
        if roots is not None and not is_below_a_restriction(self.path, roots):
            return PageViewRestriction.objects.none()
        steplen = Page.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        holders = Page.objects.filter(path__in=paths).values(holder=Coalesce("alias_of_id", "id"))
        return PageViewRestriction.objects.filter(page_id__in=holders)

    def get_pages_showing(self):
        """
        The pages whose content includes this page: itself, the parent that lists it, and
        every page whose type names it in `shows_pages_in`. A page type that shows up on more
        pages adds them (a story on its siblings and its school).
        """
        pages = [self]
        parent = self.get_parent()
        if parent is not None:
            pages.append(parent)
        for model in get_page_models():
            for lookup in getattr(model, "shows_pages_in", ()):
                pages += model.objects.filter(**{lookup: self.pk}).distinct()
        return pages
