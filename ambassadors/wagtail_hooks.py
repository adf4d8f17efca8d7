"""
Admin hooks: the workflow cannot be skipped, the ambassador's "Mijn verhaal" panel, and the
"Ambassadeur uitnodigen" action for staff.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button
from wagtail.models import TaskState

from .ambassador_admin import review_step, secretariat_contact, undo_last_save_url
from .models import AmbassadorPage

NO_DIRECT_PUBLISH = _(
    "Publiceren gaat via de goedkeuringsworkflow: dien de pagina in ter beoordeling. "
    "Niemand keurt zijn eigen wijziging goed."
)


# Nobody skips the workflow, superusers included: the page permission tester
# (core/permissions.py) lets nobody publish, on any route. These hooks only say so in Dutch
# where Wagtail would silently save a draft or show a generic refusal.


def _refuse_direct_publish(request, page):
    messages.error(request, NO_DIRECT_PUBLISH)
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("construct_page_action_menu")
def hide_publish_button(menu_items, request, context):
    menu_items[:] = [item for item in menu_items if getattr(item, "name", "") != "action-publish"]
    # The final step's own label says that it publishes (ReviewGroupApprovalTask.get_actions, for
    # the dashboard and the review page too); Wagtail's editor would add "en publiceren" again.
    again = gettext("%(label)s and Publish") % {"label": ""}
    for item in menu_items:
        if getattr(item, "name", "") == "approve" and item.label.endswith(again):
            item.label = item.label.removesuffix(again)


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    if request.method == "POST" and request.POST.get("action-publish") and page.get_workflow() is not None:
        return _refuse_direct_publish(request, page)
    return None


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    if request.method == "POST" and request.POST.get("action-publish") and parent_page.get_workflow() is not None:
        messages.error(request, NO_DIRECT_PUBLISH)
        return redirect("wagtailadmin_explore", parent_page.pk)
    return None


@hooks.register("before_copy_page")
def refuse_published_copies(request, page):
    # A published copy or an alias would reach the site without review.
    if request.method == "POST" and (request.POST.get("publish_copies") or request.POST.get("alias")):
        messages.error(request, NO_DIRECT_PUBLISH)
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


# Who may delete what is decided by the page permission tester (core/permissions.py), which
# every view, bulk action and API action asks; these hooks only give a clearer message.
NO_DELETE = _(
    "Je mag deze pagina niet verwijderen. Marketing verwijdert alleen pagina's die niet op de site "
    "staan en waaronder niets op de site staat; laat een pagina eerst door een moderator offline halen."
)


def may_delete(user, page):
    return page.permissions_for_user(user).can_delete()


@hooks.register("before_delete_page")
def refuse_delete_with_change_only(request, page):
    if not may_delete(request.user, page):
        messages.error(request, NO_DELETE)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


def _back_to_next(request):
    """Back to ?next= when it is a path on this site, else to the dashboard."""
    next_url = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect(reverse("wagtailadmin_home"))


@hooks.register("before_bulk_action")
def refuse_bulk_publish_and_delete(request, action_type, objects, action_class_instance):
    if action_type == "publish":
        messages.error(request, NO_DIRECT_PUBLISH)
        return _back_to_next(request)
    if action_type == "delete" and not all(may_delete(request.user, page) for page in objects):
        messages.error(request, NO_DELETE)
        return _back_to_next(request)
    return None


# "Mijn verhaal" on the ambassador's dashboard.


def story_state(page):
    """Where the story is, in words an ambassador understands."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None:
        if workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
            return _("Wijzigingen gevraagd: pas je verhaal aan en dien het opnieuw in")
        return review_step(page) or _("In beoordeling")
    if page.scheduled_revision is not None:
        return _("Goedgekeurd, wordt binnenkort gepubliceerd")
    if page.live and page.has_unpublished_changes:
        return _("Gepubliceerd; er is een concept met wijzigingen dat nog niet is ingediend")
    if page.live:
        return _("Gepubliceerd")
    return _("Concept, nog niet gepubliceerd")


def last_review_comment(page):
    return (
        TaskState.objects.for_instance(page)
        .filter(finished_at__isnull=False)
        .exclude(comment="")
        .select_related("task", "finished_by")
        .order_by("-finished_at", "-id")
        .first()
    )


class MyStoryPanel(Component):
    name = "my_story"
    order = 50
    template_name = "ambassadors/admin/my_story_panel.html"

    def __init__(self, stories):
        self.stories = stories

    def get_context_data(self, parent_context):
        return {
            "stories": [
                {
                    "page": story,
                    "state": story_state(story),
                    "review": last_review_comment(story),
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[story.pk]),
                    "undo_url": undo_last_save_url(story),
                }
                for story in self.stories
            ],
            "contact": secretariat_contact(parent_context.get("request")),
        }


@hooks.register("construct_homepage_panels")
def add_my_story_panel(request, panels):
    stories = list(AmbassadorPage.objects.filter(ambassador_account=request.user).order_by("title"))
    if stories:
        panels.insert(0, MyStoryPanel(stories))


@hooks.register("construct_homepage_panels")
def add_review_deadlines_panel(request, panels):
    """The dashboard's "Over de termijn" (ambassadors/review_deadlines_panel.py), loaded when first shown."""
    from .review_deadlines_panel import add_review_deadlines_panel

    add_review_deadlines_panel(request, panels)


# "Ambassadeur uitnodigen" for staff with the invite_ambassador permission, and the review page.
# The admin URLconf is built by the first request of every worker, public ones too; these views
# (and what only they import) load when an editor first opens them (docs/performance.md, cold start).


def invite_ambassador(request, page_id):
    from .views import invite_ambassador

    return invite_ambassador(request, page_id)


def review(request, token):
    from .review_views import review

    return review(request, token)


@hooks.register("register_admin_urls")
def register_invite_url():
    return [path("ambassadeurs/<int:page_id>/uitnodigen/", invite_ambassador, name="ambassadors_invite")]


@hooks.register("register_admin_urls")
def register_review_url():
    # The page a review email links to (ambassadors/review_views.py); an admin URL, so a login is required.
    return [path("beoordelen/<str:token>/", review, name="ambassadors_review")]


@hooks.register("register_page_header_buttons")
def invite_button(page, user, next_url=None, view_name=None):
    if page.specific_class is AmbassadorPage and user.has_perm("ambassadors.invite_ambassador"):
        yield Button(
            _("Ambassadeur uitnodigen"),
            reverse("ambassadors_invite", args=[page.pk]),
            icon_name="mail",
            priority=60,
        )


@hooks.register("register_log_actions")
def register_link_account_action(actions):
    actions.register_action(
        "ambassadors.link_account", _("Account gekoppeld"), _("Account van de ambassadeur gekoppeld")
    )


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def link_account_from_editor(request, page):
    """An account chosen in the editor's settings tab is linked at once, as an invitation does."""
    from .invitations import REVIEW_CANCELLED_ON_RELINK, link_account

    change = getattr(page, "account_link_requested", None)
    if change is None:
        return None
    del page.account_link_requested
    if link_account(page, page.ambassador_account, linked_by=request.user, previous_id=change["previous_id"]):
        messages.warning(request, REVIEW_CANCELLED_ON_RELINK)
    return None


# Ambassadors' view of the admin (no drafts or staff names of others); the yearly check's list for staff.
from . import admin_privacy, story_check_admin  # noqa: E402, F401
