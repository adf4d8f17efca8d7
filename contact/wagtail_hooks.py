"""
The secretariat's inbox: "Contactverzoeken" in the Wagtail admin, built with wagtail-modeladmin
(https://github.com/wagtail-nest/wagtail-modeladmin): list, filters, search, inspect, status
changes with a note, CSV export of the filtered list.

Who sees it follows from the model permissions the groups get in
contact/migrations/0002_inbox_groups.py; nobody may create requests here, only visitors do.
"""

import re
from datetime import timedelta

from django.contrib.admin import SimpleListFilter, display
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import EditView, HistoryView, IndexView, InspectView

from ambassadors.models import AmbassadorPage

from . import appointment_flow, appointment_views
from .appointments import Appointment, AppointmentStatus, availability_of
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
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ambassador = self.instance.ambassador
        context.update(
            appointments=self.instance.appointments.select_related("ambassador"),
            open_appointment=appointment_flow.open_appointment(self.instance),
            can_plan=self.request.user.has_perm(appointment_views.PLAN_PERMISSION),
            capacity=capacity(ambassador) if ambassador else None,
            now=timezone.now(),
        )
        return context

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

    list_display = (
        "created_at",
        "name",
        "organisation",
        "ambassador_column",
        "status",
        "emails_sent",
        "month_capacity",
    )
    list_display_add_buttons = "name"
    list_filter = ("status", AmbassadorFilter)
    list_select_related = ("ambassador", "ambassador__availability")
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

    def get_queryset(self, request):
        # This month's conversations of each row's ambassador, in the list's one query.
        month = appointment_flow.month_bounds(timezone.now())
        planned = (
            Appointment.objects.filter(
                ambassador=OuterRef("ambassador"), status__in=AppointmentStatus.counted(), starts_at__range=month
            )
            .values("ambassador")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return super().get_queryset(request).annotate(month_planned=Subquery(planned))

    @display(description=_("Gesprekken deze maand"))
    def month_capacity(self, obj):
        if not obj.ambassador_id:
            return ""
        planned = getattr(obj, "month_planned", None) or 0
        maximum = getattr(obj.ambassador, "availability", None)
        return capacity_text(planned, maximum.max_per_month if maximum else None)

    @display(description=_("E-mails"))
    def emails_sent(self, obj):
        # Text rather than Django admin's boolean icons, which need django.contrib.admin's static files.
        return _("verstuurd") if obj.is_fully_notified else _("nog niet verstuurd")


def capacity_text(planned, maximum):
    if maximum is None:
        return _("%(planned)s (geen maximum)") % {"planned": planned}
    text = _("%(planned)s van %(max)s") % {"planned": planned, "max": maximum}
    return text + (" — " + str(_("vol")) if planned >= maximum else "")


def capacity(ambassador):
    """This month's conversations of an ambassador against their maximum, for the inbox."""
    availability = availability_of(ambassador)
    planned = appointment_flow.conversations_in_month(ambassador, timezone.now())
    return {
        "text": capacity_text(planned, availability.max_per_month),
        "full": availability.max_per_month is not None and planned >= availability.max_per_month,
        "availability": availability,
    }


modeladmin_register(ContactRequestAdmin)


@hooks.register("register_admin_urls")
def register_appointment_urls():
    return [
        path("afspraken/voorstellen/<int:request_id>/", appointment_views.propose, name="contact_appointment_propose"),
        path("afspraken/<int:appointment_id>/verzetten/", appointment_views.move, name="contact_appointment_move"),
        path("afspraken/<int:appointment_id>/annuleren/", appointment_views.cancel, name="contact_appointment_cancel"),
        path("afspraken/<int:appointment_id>/afronden/", appointment_views.finish, name="contact_appointment_finish"),
        path("gesprekken/beschikbaarheid/", appointment_views.availability, name="contact_availability"),
    ]


class MyConversationsPanel(Component):
    """On the ambassador's dashboard, beside "Mijn verhaal": availability and accepted appointments."""

    name = "my_conversations"
    order = 60
    template_name = "contact/admin/my_conversations_panel.html"

    def __init__(self, story):
        self.story = story

    def get_context_data(self, parent_context):
        # Only accepted appointments name the visitor; a proposal is decided from its email.
        appointments = (
            Appointment.objects.filter(ambassador=self.story, status=AppointmentStatus.ACCEPTED)
            .filter(starts_at__gte=timezone.now() - timedelta(days=1))
            .select_related("contact_request")
            .order_by("starts_at")
        )
        return {
            "availability": availability_of(self.story),
            "appointments": appointments,
            "edit_url": reverse("contact_availability"),
        }


@hooks.register("construct_homepage_panels")
def add_my_conversations_panel(request, panels):
    story = AmbassadorPage.objects.filter(ambassador_account=request.user).order_by("pk").first()
    if story is not None:
        panels.append(MyConversationsPanel(story))
