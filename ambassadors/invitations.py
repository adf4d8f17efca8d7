"""
Inviting an ambassador: one account per email address, linked to their story, in the
Ambassadeurs group, with a Dutch email holding a link to set a password.

Safe to repeat: a second invitation reuses the account and the link, and sends a fresh
password link (Django's password reset token, so the previous link stops working once a
password is set).

If the mail server fails, the account stays created and linked and the caller is told
(`email_sent` is False), so whoever invites can simply invite again later.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from .access import sync_story_access
from .models import AmbassadorPage
from .workflow import AMBASSADORS_GROUP

logger = logging.getLogger(__name__)


@dataclass
class Invitation:
    user: object
    created: bool
    password_url: str
    email_sent: bool


def password_set_url(user):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uidb64, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _split_name(name):
    first, _sep, last = name.strip().partition(" ")
    return first, last


def link_account(page, user):
    """Make `user` the story's ambassador on the page and its newest draft, then grant access."""
    AmbassadorPage.objects.filter(pk=page.pk).update(ambassador_account=user)
    page.ambassador_account = user
    # A draft saved before the invitation would unlink the account again when published.
    draft = page.get_latest_revision()
    if draft is not None and draft.content.get("ambassador_account") != user.pk:
        draft.content["ambassador_account"] = user.pk
        draft.save(update_fields=["content"])
    sync_story_access(page)


@transaction.atomic
def invite_ambassador(page, email, name, invited_by=None):
    """Create or reuse the account for `email`, link it to `page` and send the invitation."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    first_name, last_name = _split_name(name)
    if created:
        user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    elif not user.first_name and first_name:
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    user.groups.add(Group.objects.get(name=AMBASSADORS_GROUP))
    link_account(page, user)

    url = password_set_url(user)
    with translation.override("nl"):
        body = render_to_string(
            "ambassadors/emails/invitation.txt",
            {"user": user, "page": page, "password_url": url, "login_url": _admin_login_url(), "created": created},
        )
        subject = _("Uitnodiging: vertel je verhaal op de website van de Glans-techniek")
    try:
        send_mail(subject, body, None, [user.email])
    except Exception:  # any backend error: report it instead of losing the account and the link
        logger.exception("Invitation email not sent", extra={"recipient": user.email})
        email_sent = False
    else:
        email_sent = True
    return Invitation(user=user, created=created, password_url=url, email_sent=email_sent)


def _admin_login_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login")
