"""
What an ambassador sees in the admin: their own story, and of everything else only what the
public site shows too. No other page's draft title and no staff names. The same holds for
admin users without page rights (the secretariat, who work the contact inbox).

- Admin views they have no use for (reports, site and page history, workflow history, bulk
  actions, form submissions) are refused by `AmbassadorAdminScopeMiddleware`, one list for all
  of them, and their menu items are hidden.
- The page chooser (internal links in their answers) lists only pages that are live and public
  with no differently titled draft, plus their own story.
- Everyone else's name (in their editor's status panel, lock messages, comments, editing
  sessions) reads "Klaver CT": see `user_display_name_for_viewer`.
"""

from contextvars import ContextVar

from django.contrib import messages
from django.db.models import F, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import GroupPagePermission, Page

from core import wagtail_internals

from .access import STORY_GROUP_PREFIX, story_group_for_user

NO_ACCESS = _("Je hebt geen toegang tot dit deel van de beheeromgeving. Kies op het dashboard wat je wilt doen.")

# Whole URL namespaces, and single views (namespace:name), they never need.
HIDDEN_NAMESPACES = {"wagtailadmin_reports", "wagtailforms", "wagtailadmin_workflows"}
HIDDEN_VIEWS = {
    "wagtail_bulk_action",
    "wagtailadmin_choose_page_chosen_multiple",
    "wagtailadmin_pages:history",
    "wagtailadmin_pages:history_results",
    "wagtailadmin_pages:revisions_index",
    "wagtailadmin_pages:workflow_history",
    "wagtailadmin_pages:workflow_history_detail",
}
CHOOSER_BROWSE_VIEW = "wagtailadmin_choose_page_child"


def has_staff_page_rights(user):
    """Superusers, and whoever holds a page permission other than a story's own (Marketing, Moderatoren)."""
    if user.is_superuser:
        return True
    if not hasattr(user, "_has_staff_page_rights"):
        user._has_staff_page_rights = (
            GroupPagePermission.objects.filter(group__user=user)
            .exclude(group__name__startswith=f"{STORY_GROUP_PREFIX} ")
            .exists()
        )
    return user._has_staff_page_rights


def is_ambassador(user):
    """Someone whose only page permissions are their stories' own (ambassadors/access.py)."""
    return user.is_authenticated and not has_staff_page_rights(user) and story_group_for_user(user).exists()


def sees_public_titles_only(user):
    """Ambassadors, and admin users without page rights (the secretariat): no drafts of others."""
    return user.is_authenticated and not has_staff_page_rights(user)


def pages_with_public_titles(user, pages):
    """`pages` narrowed to those whose admin title is public (live, no renamed draft) or the user's own story."""
    public = Page.objects.live().public().filter(draft_title=F("title"))
    own = Page.objects.filter(group_permissions__group__in=story_group_for_user(user))
    return pages.filter(Q(pk__in=public.values("pk")) | Q(pk__in=own.values("pk")))


def _hidden_from_ambassadors(request, view_kwargs):
    match = request.resolver_match
    if match is None:
        return False
    if match.view_name in HIDDEN_VIEWS or HIDDEN_NAMESPACES & set(match.namespaces):
        return True
    if match.view_name == CHOOSER_BROWSE_VIEW:
        # Browsing below a page shows that page's title.
        parent = Page.objects.filter(pk=view_kwargs.get("parent_page_id"))
        return not pages_with_public_titles(request.user, parent).exists()
    return False


STAFF_NAME = _("Klaver CT")

# The ambassador viewing the admin in this request, if it is one.
_ambassador_viewer = ContextVar("ambassador_viewer", default=None)


def user_display_name_for_viewer(user):
    """Wagtail's display name, but "Klaver CT" for anyone other than the ambassador looking."""
    viewer = _ambassador_viewer.get()
    if viewer is not None and user is not None and getattr(user, "pk", None) != viewer.pk:
        return str(STAFF_NAME)
    return wagtail_internals.wagtail_user_display_name(user)


# Wagtail has no hook for this; core/wagtail_internals.py holds how it is done.
wagtail_internals.name_users_with(user_display_name_for_viewer)


class AmbassadorAdminScopeMiddleware:
    """
    Refuses ambassadors the admin views listed above, with a Dutch message on the dashboard,
    and names other users "Klaver CT" in what the admin shows them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        in_admin = request.path.startswith(reverse("wagtailadmin_home"))
        viewer = request.user if in_admin and is_ambassador(request.user) else None
        token = _ambassador_viewer.set(viewer)
        try:
            return self.get_response(request)
        finally:
            _ambassador_viewer.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not sees_public_titles_only(user) or not _hidden_from_ambassadors(request, view_kwargs):
            return None
        messages.error(request, NO_ACCESS)
        return redirect("wagtailadmin_home")


@hooks.register("construct_reports_menu")
def hide_reports_from_ambassadors(request, menu_items):
    if sees_public_titles_only(request.user):
        menu_items.clear()


@hooks.register("construct_main_menu")
def hide_forms_menu_from_ambassadors(request, menu_items):
    if sees_public_titles_only(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in {"forms", "reports"}]


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_ambassadors_public_titles(pages, request):
    if sees_public_titles_only(request.user):
        return pages_with_public_titles(request.user, pages)
    return pages
