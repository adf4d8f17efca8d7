"""
The steps of the yearly "Klopt je verhaal nog?" (the record: ambassadors/story_checks.py):
which stories are due, the one email per review-by date, and the confirmation.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from core.invalidation import clear_own_page
from core.signed_links import LinkSigner

from .models import AmbassadorPage
from .story_checks import StoryCheck, a_year_after, check_of, review_by

# The link in the email: long enough for a holiday, short enough that an old email is dead.
LINK_SIGNER = LinkSigner("story-check", max_age=timedelta(days=60))
CONFIRM_ACTION = "ambassadors.story_confirmed"


def overdue_stories(today=None):
    """Live stories whose review-by date has come, oldest date first, as (page, review_by, check)."""
    today = today or timezone.localdate()
    stories = AmbassadorPage.objects.live().select_related("story_check", "ambassador_account")
    due = [(page, review_by(page), check_of(page)) for page in stories]
    return sorted(
        [(page, date, check) for page, date, check in due if date is not None and date <= today],
        key=lambda item: (item[1], item[0].title),
    )


def check_url(page, user, date):
    token = LINK_SIGNER.make(user, page=page.pk, review_by=date.isoformat())
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("story_check", args=[token])


def send_reminders(today=None):
    """Email each ambassador whose story is due, once per review-by date; returns how many were sent."""
    sent = 0
    for page, date, _check in overdue_stories(today):
        account = page.ambassador_account
        if account is None or not account.is_active or not account.email:
            continue  # no one to ask yet; Marketing sees the story in its list
        with transaction.atomic():
            check, _created = StoryCheck.objects.get_or_create(page=page, defaults={"review_by": date})
            # Claimed with a conditional UPDATE: of two runs (or two workers) only one sends.
            claimed = (
                StoryCheck.objects.filter(pk=check.pk)
                .exclude(reminded_for=date)
                .update(reminded_for=date, reminded_at=timezone.now())
            )
            if claimed:
                send_reminder(page, account, date)
                sent += 1
    return sent


def send_reminder(page, account, date):
    with translation.override("nl"):
        body = render_to_string(
            "ambassadors/emails/story_check.txt",
            {
                "user": account,
                "page": page,
                "public_url": page.full_url,
                "check_url": check_url(page, account, date),
                "valid_days": LINK_SIGNER.max_age.days,
            },
        )
        subject = _("Klopt je verhaal nog? %(title)s") % {"title": page.title}
    send_mail(f"[{settings.WAGTAIL_SITE_NAME}] {subject}", body, None, [account.email])


def confirm(page, user):
    """Record that `user` confirmed the story today; the next review-by date is a year on."""
    now = timezone.now()
    with transaction.atomic():
        check, _created = StoryCheck.objects.select_for_update().get_or_create(
            page=page, defaults={"review_by": a_year_after(timezone.localdate(now))}
        )
        check.confirmed_at = now
        check.confirmed_by = user
        check.review_by = a_year_after(timezone.localdate(now))
        check.save()
        log(instance=page, action=CONFIRM_ACTION, user=user)
        # Only the story itself (its structured data) and the sitemap (lastmod) show the date.
        transaction.on_commit(lambda: clear_own_page(page))
    page.story_check = check
    return check
