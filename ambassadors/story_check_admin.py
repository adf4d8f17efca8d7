"""
The yearly check in the admin: Marketing's and Moderatoren's list of stories past their
review-by date (a dashboard panel), and the confirmation in each story's history.

Who sees the list: whoever has the `ambassadors.view_storycheck` permission (the two staff
groups, by migration), never an ambassador.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .yearly_check import CONFIRM_ACTION, overdue_stories

VIEW_PERMISSION = "ambassadors.view_storycheck"


class OverdueStoriesPanel(Component):
    name = "overdue_stories"
    order = 60
    template_name = "ambassadors/admin/overdue_stories_panel.html"

    def __init__(self, stories):
        self.stories = stories

    def get_context_data(self, parent_context):
        return {
            "stories": [
                {
                    "page": page,
                    "review_by": review_by,
                    "check": check,
                    "ambassador": page.ambassador_account,
                    "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                }
                for page, review_by, check in self.stories
            ]
        }


@hooks.register("construct_homepage_panels")
def add_overdue_stories_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(OverdueStoriesPanel(overdue_stories()))


@hooks.register("register_log_actions")
def register_confirm_action(actions):
    actions.register_action(
        CONFIRM_ACTION, _("Verhaal bevestigd"), _("De ambassadeur bevestigde dat het verhaal nog klopt")
    )
