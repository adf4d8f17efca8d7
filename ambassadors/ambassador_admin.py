"""
The admin as an ambassador meets it: their story, its preview, submitting, their images and
their account, in the words of docs/ambassadeurs.md (which the Help menu opens).

- Nothing to copy: the permission tester refuses them copying (core/permissions.py), and
  Wagtail's listing and header buttons ask it, so "Kopiëren" is not offered
  (tests/test_ambassador_admin.py checks both).
- While the story is in review the editor's main button says where it is ("Bij de redactie",
  "Wacht op jouw akkoord", "Bij Klaver CT"), not "Indienen intrekken" (that stays in the menu).
- After submitting they land on "Mijn verhaal" on the dashboard, told what happens next.
- Which Eigenschappen fields they may change is the panels' `permission` (AmbassadorPage in
  models.py): a field they may not change is left out of their form, so a crafted POST
  cannot set it either.
"""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem

from .admin_privacy import is_ambassador
from .guide import render_guide
from .models import AmbassadorConsentTask, AmbassadorPage

GUIDE_PATH = settings.BASE_DIR / "docs" / "ambassadeurs.md"

SUBMITTED = _(
    "Je verhaal is ingediend. De redactie van Klaver CT leest het en past misschien iets aan; "
    "verandert er iets aan je tekst, dan vragen we per e-mail je akkoord. Daarna keurt Klaver CT "
    "het goed en staat het op de website. Tot dan blijft de oude versie staan."
)


def review_step(page):
    """Where a story in review is, in the ambassador's words; None when it is not in review."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        return None
    task = page.current_workflow_task
    if task is None:
        return None
    task = task.specific
    if isinstance(task, AmbassadorConsentTask):
        return _("Wacht op jouw akkoord")
    # The last step is Klaver CT's approval; the steps before hers are the editors'.
    if workflow_state.is_at_final_task:
        return _("Bij Klaver CT")
    return _("Bij de redactie")


def secretariat_contact(request):
    """The secretariat's email address and phone, from the site settings (or the settings' fallback)."""
    from wagtail.models import Site

    from home.models import OrganisationSettings

    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    organisation = OrganisationSettings.for_site(site) if site is not None else None
    return {
        "email": (organisation and organisation.secretariat_email) or settings.CONTACT_SECRETARIAT_EMAIL,
        "phone": (organisation and organisation.secretariat_phone) or settings.CONTACT_SECRETARIAT_PHONE,
    }


def undo_last_save_url(page):
    """
    The editor holding the story as it was before its newest draft (Wagtail's "revert" view),
    for the one-click undo on "Mijn verhaal": None when there is nothing to undo or the story
    is in review (then it cannot be edited).
    """
    if page.workflow_in_progress or not page.has_unpublished_changes:
        return None
    latest = page.latest_revision
    previous = page.revisions.exclude(pk=getattr(latest, "pk", None)).order_by("-created_at", "-id").first()
    if latest is None or previous is None:
        return None
    return reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, previous.pk])


class StoryInReviewMenuItem(ActionMenuItem):
    """The editor's main button while her story is in review: where it is, as a disabled button."""

    name = "action-story-in-review"
    template_name = "ambassadors/admin/story_in_review_button.html"
    order = 0

    def __init__(self, step):
        super().__init__()
        self.label = step


@hooks.register("construct_page_action_menu")
def story_in_review_first_for_ambassadors(menu_items, request, context):
    page = context.get("page")
    if page is None or not is_ambassador(request.user):
        return
    step = review_step(page)
    cancel = [item for item in menu_items if item.name == "action-cancel-workflow"]
    rest = [item for item in menu_items if item.name not in {"action-cancel-workflow", "action-page-locked"}]
    # Her own consent actions come first when the story waits for her; otherwise the status.
    if step is not None and not any(item.name in {"approve", "reject"} for item in rest):
        rest.insert(0, StoryInReviewMenuItem(step))
    menu_items[:] = rest + cancel


@hooks.register("after_edit_page", order=100)
def ambassador_lands_on_my_story_after_submitting(request, page):
    submitted = request.POST.get("action-submit") or request.POST.get("action-restart-workflow")
    if not (submitted and isinstance(page.specific, AmbassadorPage) and is_ambassador(request.user)):
        return None
    messages.info(request, SUBMITTED)
    return redirect("wagtailadmin_home")


# The project's own guide instead of Wagtail's English one.


def guide_view(request):
    return TemplateResponse(
        request,
        "ambassadors/admin/guide.html",
        {"guide": render_guide(GUIDE_PATH.read_text(encoding="utf-8")), "page_title": _("Handleiding")},
    )


@hooks.register("register_admin_urls")
def register_guide_url():
    return [path("handleiding/", guide_view, name="ambassadors_guide")]


@hooks.register("register_help_menu_item")
def guide_menu_item():
    return MenuItem(_("Handleiding"), reverse("ambassadors_guide"), name="guide", icon_name="help", order=900)
