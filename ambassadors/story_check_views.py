"""
The page the "Klopt je verhaal nog?" email links to (ambassadors/story_checks.py).

The signed link is the ambassador's key to this one decision, so no login is needed. GET
only shows the story and the two choices (mail scanners follow links); the choice is a POST
with CSRF from that page. A link whose story has been confirmed since, or that belongs to
an account no longer linked to the story, says so instead of acting.

The link outlives a login (ambassadors often log in to look at their story first), and the
same page without a token serves the logged-in ambassador, for whom the email is gone.
"""

from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.signed_links import LinkError

from . import story_checks, yearly_check
from .models import AmbassadorPage

OPEN, CONFIRMED = "open", "confirmed"
LINK_PROBLEMS = {
    "expired": gettext_lazy("Deze link is verlopen."),
    "invalid": gettext_lazy("Deze link klopt niet. Kopieer hem in zijn geheel uit de e-mail."),
    "user": gettext_lazy(
        "Deze link is niet meer geldig, omdat je wachtwoord sinds de e-mail is gewijzigd. Log in en bevestig je "
        "verhaal via Mijn verhaal."
    ),
}


def _open(token):
    """(story, user, state): the story and ambassador of a valid link and OPEN or CONFIRMED, else a problem."""
    try:
        link = yearly_check.LINK_SIGNER.read(token)
    except LinkError as error:
        return None, None, LINK_PROBLEMS[error.reason]
    story = AmbassadorPage.objects.live().select_related("story_check").filter(pk=link.bound.get("page")).first()
    if story is None or story.ambassador_account_id != link.user.pk:
        return None, None, _("Deze link hoort niet (meer) bij jouw verhaal.")
    if str(story_checks.review_by(story)) != link.bound.get("review_by"):
        return story, link.user, CONFIRMED  # confirmed since: the page says when
    return story, link.user, OPEN


@never_cache  # a page opened from someone's email is never a cached page
def story_check(request, token):
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    story, user, state = _open(token)
    return _decide(request, story, user, state)


@never_cache
def story_check_signed_in(request):
    """The same choices for the logged-in ambassador, whenever they like."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
    story = AmbassadorPage.objects.live().select_related("story_check").filter(ambassador_account=request.user).first()
    if story is None:
        return _decide(request, None, None, _("Er staat geen verhaal van jou op de website."))
    confirmed = request.method == "GET" and request.GET.get("bevestigd") and story_checks.confirmed_at(story)
    state = CONFIRMED if confirmed else OPEN
    return _decide(request, story, request.user, state, confirmed_path=f"{request.path}?bevestigd=1")


def _decide(request, story, user, state, confirmed_path=None):
    if request.method == "POST" and state == OPEN:
        if request.POST.get("decision") == "confirm":
            yearly_check.confirm(story, user)
            return redirect(confirmed_path or request.path)  # the page now says it is confirmed
        if request.POST.get("decision") == "edit":
            return redirect(reverse("wagtailadmin_pages:edit", args=[story.pk]))
    return TemplateResponse(
        request,
        "ambassadors/story_check/story_check.html",
        {
            "story": story,
            "state": state,
            "confirmed_at": story_checks.confirmed_at(story) if story is not None else None,
            "edit_url": reverse("wagtailadmin_pages:edit", args=[story.pk]) if story is not None else "",
        },
    )
