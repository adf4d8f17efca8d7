"""
The outbox in the Wagtail admin (Instellingen > Verzendrij): a read-only list with each
message's status and error, and "Opnieuw proberen" for a failed message.

Who may do what lives in `OutboxPermissionPolicy`, which every view consults: the list and
the details need core.view_outboxmessage, a retry core.change_outboxmessage (granted to
Moderatoren and the Secretariaat by contact/migrations). Nobody adds, edits or deletes
messages through the admin, superusers included: the outbox is a record. The message text
is never shown: password-reset and invitation emails carry a link that sets a password.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import outbox
from .models import OutboxMessage


class OutboxPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action == "view":
            return user.has_perm("core.view_outboxmessage") or user.has_perm("core.change_outboxmessage")
        if action == "retry":
            return user.has_perm("core.change_outboxmessage")
        return False  # add, change (the edit form), delete, copy

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission(user, action) for action in actions)


permission_policy = OutboxPermissionPolicy(OutboxMessage)
register_permission_policy(OutboxMessage, permission_policy)


class OutboxInspectView(InspectView):
    template_name = "core/outbox_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        failed = self.object.status == OutboxMessage.Status.FAILED
        context["can_retry"] = failed and permission_policy.user_has_permission(self.request.user, "retry")
        context["retry_url"] = reverse("outbox:retry", args=[self.object.pk])
        return context


@require_POST
def retry_view(request, pk):
    if not permission_policy.user_has_permission(request.user, "retry"):
        raise PermissionDenied
    message = get_object_or_404(OutboxMessage, pk=pk)
    if outbox.retry(message):
        messages.success(request, _("De e-mail staat weer in de wachtrij; de worker verstuurt haar zo."))
    else:
        messages.error(request, _("Alleen een mislukte e-mail kan opnieuw worden geprobeerd."))
    return redirect("outbox:inspect", pk)


class OutboxViewSet(ModelViewSet):
    model = OutboxMessage
    name = "outbox"
    icon = "mail"
    menu_label = gettext_lazy("Verzendrij")
    add_to_settings_menu = True
    inspect_view_enabled = True
    form_fields = []  # required by ModelViewSet; there is no add or edit view
    inspect_view_class = OutboxInspectView
    inspect_view_fields = [
        "created_at",
        "status",
        "from_email",
        "to",
        "subject",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_display = [
        "subject",
        Column("recipients", label=gettext_lazy("Aan")),
        Column("status", label=gettext_lazy("Status"), accessor="get_status_display"),
        Column("attempts", label=gettext_lazy("Pogingen")),
        DateColumn("created_at", label=gettext_lazy("Aangemaakt")),
        Column("last_error", label=gettext_lazy("Laatste fout")),
    ]
    list_filter = ["status"]
    search_fields = ["subject", "to"]
    ordering = ["-created_at"]

    def get_urlpatterns(self):
        # Only the list, its results and the details: no add, edit, delete, copy or history.
        keep = {"index", "index_results", "inspect"}
        patterns = [pattern for pattern in super().get_urlpatterns() if pattern.name in keep]
        return [*patterns, path("retry/<int:pk>/", retry_view, name="retry")]
