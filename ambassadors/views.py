"""The "Ambassadeur uitnodigen" admin action (the same as `manage.py invite_ambassador`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import InviteAmbassadorForm
from .invitations import REVIEW_CANCELLED_ON_RELINK
from .invitations import invite_ambassador as send_invitation
from .models import AmbassadorPage


def invite_ambassador(request, page_id):
    page = get_object_or_404(AmbassadorPage, pk=page_id)
    if not (
        request.user.has_perm("ambassadors.invite_ambassador") and page.permissions_for_user(request.user).can_edit()
    ):
        raise PermissionDenied
    account = page.ambassador_account
    initial = {"name": account.get_full_name() if account else page.title, "email": account.email if account else ""}
    form = InviteAmbassadorForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = send_invitation(page, data["email"], data["name"], request.user, replace=data["replace"])
        except ValidationError as error:
            form.add_error(None, error)
            return _render(request, page, form)
        if invitation.review_cancelled:
            messages.warning(request, REVIEW_CANCELLED_ON_RELINK)
        if not invitation.email_sent:
            # The account is linked; the form opens again, filled in from it, to try once more.
            messages.error(
                request,
                _(
                    "Het account van %(email)s is gekoppeld aan „%(title)s”, maar de uitnodiging kon niet "
                    "worden verstuurd: de mailserver is nu niet bereikbaar. Probeer het later opnieuw; "
                    "opnieuw uitnodigen is veilig."
                )
                % {"email": invitation.user.email, "title": page.title},
            )
            return redirect("ambassadors_invite", page.pk)
        messages.success(
            request,
            _("Uitnodiging verstuurd naar %(email)s; het account is gekoppeld aan „%(title)s”.")
            % {"email": invitation.user.email, "title": page.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return _render(request, page, form)


def _render(request, page, form):
    return TemplateResponse(
        request,
        "ambassadors/admin/invite_ambassador.html",
        {"page": page, "form": form, "page_title": _("Ambassadeur uitnodigen")},
    )
