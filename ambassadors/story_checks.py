"""
"Klopt je verhaal nog?": once a year the ambassador confirms that their story is still true.
This module holds the record and its dates; ambassadors/yearly_check.py the steps (who is
due, the email, the confirmation).

Each live story has a review-by date: a year after it first went live, and a year after each
confirmation. When the date is reached, the ambassador gets one email with a signed link
(core/signed_links.py): the page it opens shows the story and two choices, "still true"
(recorded with the date, the next review-by date a year on) or "edit it" (to the editor).
Marketing and Moderatoren see the stories past their date on their dashboard
(ambassadors/story_check_admin.py).

Why a model of its own (`StoryCheck`, keyed to the page) and not a field of the page: every
page field is part of the page's revisions, so a confirmation stored there would be a new
revision that has to pass the workflow before it counts, and publishing an older draft would
overwrite it. A confirmation changes no content; it only records that the content still holds.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy


class StoryCheck(models.Model):
    """The yearly check of one story: its review-by date, the last confirmation, the reminder sent."""

    page = models.OneToOneField(
        "ambassadors.AmbassadorPage",
        verbose_name=gettext_lazy("verhaal"),
        on_delete=models.CASCADE,
        related_name="story_check",
    )
    review_by = models.DateField(gettext_lazy("nakijken vóór"))
    confirmed_at = models.DateTimeField(gettext_lazy("laatst bevestigd"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("bevestigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The review-by date the reminder was sent for: one email per date, however often the job runs.
    reminded_for = models.DateField(gettext_lazy("herinnering verstuurd voor"), null=True, blank=True)
    reminded_at = models.DateTimeField(gettext_lazy("herinnering verstuurd op"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("controle van een verhaal")
        verbose_name_plural = gettext_lazy("controles van verhalen")

    def __str__(self):
        return f"{self.page_id}: {self.review_by}"


def a_year_after(day):
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def check_of(page):
    """The page's StoryCheck, or None (fetched with the page where it is served)."""
    try:
        return page.story_check
    except ObjectDoesNotExist:
        return None


def review_by(page):
    """The date by which the story is to be confirmed, or None for a story that never went live."""
    check = check_of(page)
    if check is not None:
        return check.review_by
    if page.first_published_at is None:
        return None
    return a_year_after(timezone.localdate(page.first_published_at))


def confirmed_at(page):
    check = check_of(page)
    return check.confirmed_at if check is not None else None


def confirmed_at_in_sitemap(page, request):
    """confirmed_at(page), with one query for every story of the sitemap instead of one each."""
    if request is None:
        return confirmed_at(page)
    known = getattr(request, "story_confirmations", None)
    if known is None:
        known = dict(StoryCheck.objects.filter(confirmed_at__isnull=False).values_list("page_id", "confirmed_at"))
        request.story_confirmations = known
    return known.get(page.pk)
