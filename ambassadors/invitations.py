"""
Inviting an ambassador: one account per email address, linked to their story, in the
Ambassadeurs group, with a Dutch email holding a link to set a password.

Safe to repeat: a second invitation reuses the account and the link, and sends a fresh
password link (Django's password reset token, so the previous link stops working once a
password is set).

If the mail server fails, the account stays created and linked and the caller is told
(`email_sent` is False), so whoever invites can simply invite again later.

Who may be linked (`account_link_problem` in ambassadors/accounts.py, asked by this service
and by the page editor's form): a fresh account, or the account already linked to this story. Never a staff
account, never the ambassador of another story. Replacing a story's ambassador by another
is explicit (`replace=True`): the old account loses access at once, and the new
ambassador's active consent is needed before the story goes live (see `link_account`).

Who may invite: staff with the `ambassadors.invite_ambassador` permission (Marketing,
superusers), for every story; the admin view checks it, the command is for administrators.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import TaskState

from .access import sync_story_access
from .accounts import account_link_problem
from .models import AmbassadorConsentTask, AmbassadorPage
from .workflow import AMBASSADORS_GROUP, LINK_ACCOUNT_ACTION

logger = logging.getLogger(__name__)

REVIEW_CANCELLED_ON_RELINK = gettext_lazy(
    "De lopende beoordeling is gestopt: de nieuwe ambassadeur heeft nog geen akkoord gegeven. "
    "Dien het verhaal opnieuw in."
)


@dataclass
class Invitation:
    user: object
    created: bool
    password_url: str
    email_sent: bool
    review_cancelled: bool = False


def password_set_url(user):
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("wagtailadmin_password_reset_confirm", args=[uidb64, token])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _split_name(name):
    first, _sep, last = name.strip().partition(" ")
    return first, last


FROM_DATABASE = object()


def link_account(page, user, linked_by=None, previous_id=FROM_DATABASE):
    """
    Make `user` the story's ambassador on the page and its newest draft, then grant access.

    Returns True if a review in progress was cancelled: when the account changes after the
    consent step of the running workflow has passed (or was skipped), that consent is not the
    new ambassador's, so the story must be submitted again. A review that has not passed the
    consent step carries on; the step then asks the new ambassador (the link is logged, and a
    link made after the workflow started always needs active consent). `user` None unlinks.
    `previous_id` is the account before the change, when the caller saved the page already.
    """
    problem = account_link_problem(page, user)
    if problem:
        raise ValidationError(problem)
    user_id = user.pk if user is not None else None
    if previous_id is FROM_DATABASE:
        previous_id = AmbassadorPage.objects.filter(pk=page.pk).values_list("ambassador_account_id", flat=True).first()
    AmbassadorPage.objects.filter(pk=page.pk).update(ambassador_account=user)
    page.ambassador_account = user
    # A draft saved before the invitation would unlink the account again when published.
    draft = page.get_latest_revision()
    if draft is not None and draft.content.get("ambassador_account") != user_id:
        draft.content["ambassador_account"] = user_id
        draft.save(update_fields=["content"])
    sync_story_access(page)
    if previous_id == user_id:
        return False
    log(
        instance=page,
        action=LINK_ACCOUNT_ACTION,
        user=linked_by,
        data={"account": user_id, "previous_account": previous_id},
    )
    return user is not None and _cancel_review_past_consent(page, linked_by)


def _cancel_review_past_consent(page, user):
    workflow_state = page.current_workflow_state
    if workflow_state is None:
        return False
    consent_done = (
        workflow_state.task_states.filter(task__in=AmbassadorConsentTask.objects.all())
        .filter(status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_SKIPPED])
        .exists()
    )
    if consent_done:
        workflow_state.cancel(user=user)
    return consent_done


@transaction.atomic
# Atomic: the account, its link and the invitation in the outbox are saved together.
@transaction.atomic
def invite_ambassador(page, email, name, invited_by=None, replace=False):
    """
    Create or reuse the account for `email`, link it to `page` and send the invitation.

    Raises ValidationError (a Dutch message saying what to do) for an account that may not be
    linked, and for a story linked to someone else unless `replace` is set.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email.strip())
    user = User.objects.filter(email__iexact=email).order_by("pk").first()
    created = user is None
    if user is not None:
        problem = account_link_problem(page, user)
        if problem:
            raise ValidationError(problem)
    current = AmbassadorPage.objects.get(pk=page.pk).ambassador_account
    if current is not None and (user is None or current.pk != user.pk) and not replace:
        raise ValidationError(
            _(
                "„%(title)s” is al gekoppeld aan %(current)s. Wil je de ambassadeur vervangen, kies dan "
                "uitdrukkelijk voor vervangen: %(current)s verliest dan de toegang tot het verhaal."
            )
            % {"title": page.title, "current": current.email or current.get_username()}
        )
    first_name, last_name = _split_name(name)
    if created:
        user = User(username=email.lower(), email=email, first_name=first_name, last_name=last_name)
        user.set_unusable_password()
        user.save()
    elif not user.first_name and first_name:
        user.first_name, user.last_name = first_name, last_name
        user.save(update_fields=["first_name", "last_name"])
    user.groups.add(Group.objects.get(name=AMBASSADORS_GROUP))
    review_cancelled = link_account(page, user, linked_by=invited_by)

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
    return Invitation(
        user=user, created=created, password_url=url, email_sent=email_sent, review_cancelled=review_cancelled
    )


def _admin_login_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("wagtailadmin_login")
