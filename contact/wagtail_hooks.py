"""
The secretariat's inbox: "Contactverzoeken" in the Wagtail admin, built with wagtail-modeladmin
(https://github.com/wagtail-nest/wagtail-modeladmin): list, filters, search, inspect, status
changes with a note, CSV export of the filtered list.

Who sees it follows from the model permissions the groups get in
contact/migrations/0002_inbox_groups.py; nobody may create requests here, only visitors do.
"""

import re

from django.contrib.admin import SimpleListFilter, display
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView, HistoryView, IndexView, InspectView

from .forms import ContactRequestHandlingForm
from .models import ContactRequest, ContactRequestStatusChange

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"^[+\-]?[0-9 ()\-]+$")


def neutralise_formula(value):
    """Prefix a quote to text a spreadsheet would evaluate (CSV injection), but not to phone numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES) and not PHONE_LIKE.match(value):
        return "'" + value
    return value


class AmbassadorFilter(SimpleListFilter):
    """The ambassadors requests were made for (Django's related-field filter needs django.contrib.admin)."""

    title = _("ambassadeur")
    parameter_name = "ambassadeur"
    NONE = "geen"

    def lookups(self, request, model_admin):
        ambassadors = (
            ContactRequest.objects.exclude(ambassador=None)
            .values_list("ambassador_id", "ambassador__title")
            .distinct()
            .order_by("ambassador__title")
        )
        return [*ambassadors, (self.NONE, _("Geen voorkeur"))]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.NONE:
            return queryset.filter(ambassador=None)
        if value and value.isdigit():
            return queryset.filter(ambassador_id=int(value))
        return queryset


class ContactRequestPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False


class ContactRequestIndexView(IndexView):
    """Exports what the list shows after filtering, with readable values and Dutch headings."""

    def get_heading(self, queryset, field):
        if hasattr(self.model_admin, field):
            return str(getattr(self.model_admin, field).short_description)
        return capfirst(str(ContactRequest._meta.get_field(field).verbose_name))

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if hasattr(self.model_admin, field):
                value = getattr(self.model_admin, field)(item)
            elif getattr(item, f"get_{field}_display", None):
                value = getattr(item, f"get_{field}_display")()
            else:
                value = getattr(item, field)
            if hasattr(value, "tzinfo"):
                value = date_format(timezone.localtime(value), "Y-m-d H:i")
            elif isinstance(value, bool):
                value = _("ja") if value else _("nee")
            elif value is None:
                value = ""
            row[field] = str(value)
        return row

    def write_csv_row(self, writer, row_dict):
        # XLSX cells are stored as text by Wagtail already; CSV needs the quote.
        return super().write_csv_row(writer, {field: neutralise_formula(value) for field, value in row_dict.items()})


class ContactRequestEditView(EditView):
    """Records who changed the status or note, and when."""

    def form_valid(self, form):
        previous = ContactRequest.objects.values("status", "internal_note").get(pk=self.instance.pk)
        instance = form.instance
        status_changed = previous["status"] != instance.status
        note_changed = previous["internal_note"] != instance.internal_note
        with transaction.atomic():
            if status_changed:
                instance.status_changed_at = timezone.now()
                instance.status_changed_by = self.request.user
            response = super().form_valid(form)
            if status_changed or note_changed:
                ContactRequestStatusChange.objects.create(
                    contact_request=instance,
                    old_status=previous["status"],
                    new_status=instance.status,
                    note=instance.internal_note if note_changed else "",
                    changed_by=self.request.user,
                )
        return response


class ContactRequestInspectView(InspectView):
    def get_field_display_value(self, field_name, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("ja") if value else _("nee")
        return value


class ContactRequestHistoryView(HistoryView):
    """wagtail_modeladmin's history view asks no permission at all; it shows what inspect shows."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_inspect_obj(user, self.instance)


class ContactRequestAdmin(ModelAdmin):
    model = ContactRequest
    menu_label = _("Contactverzoeken")
    menu_icon = "mail"
    menu_order = 250
    add_to_admin_menu = True
    permission_helper_class = ContactRequestPermissionHelper
    index_view_class = ContactRequestIndexView
    edit_view_class = ContactRequestEditView
    inspect_view_class = ContactRequestInspectView
    history_view_class = ContactRequestHistoryView
    inspect_view_enabled = True
    inspect_template_name = "contact/admin/inspect_contact_request.html"

    list_display = ("created_at", "name", "organisation", "ambassador_column", "status", "emails_sent")
    list_display_add_buttons = "name"
    list_filter = ("status", AmbassadorFilter)
    list_select_related = ("ambassador",)
    search_fields = ("name", "email", "organisation", "role", "question", "ambassador_name")
    ordering = ("-created_at",)
    list_per_page = 50

    list_export = (
        "id",
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "organisation",
        "role",
        "ambassador_column",
        "question",
        "preferred_contact",
        "preferred_time",
        "consent",
        "internal_note",
        "status_changed_at",
    )
    export_filename = "contactverzoeken"

    inspect_view_fields = (
        "created_at",
        "status",
        "ambassador_name",
        "name",
        "email",
        "phone",
        "organisation",
        "role",
        "question",
        "preferred_contact",
        "preferred_time",
        "consent",
        "internal_note",
        "status_changed_at",
        "status_changed_by",
        "secretariat_notified_at",
        "visitor_notified_at",
        "notification_attempts",
        "last_notification_error",
    )

    edit_handler = ObjectList(
        [FieldPanel("status"), FieldPanel("internal_note")], base_form_class=ContactRequestHandlingForm
    )

    @display(description=_("Ambassadeur"))
    def ambassador_column(self, obj):
        return obj.ambassador_display

    @display(description=_("E-mails"))
    def emails_sent(self, obj):
        # Text rather than Django admin's boolean icons, which need django.contrib.admin's static files.
        return _("verstuurd") if obj.is_fully_notified else _("nog niet verstuurd")


modeladmin_register(ContactRequestAdmin)
