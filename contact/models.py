"""
The contact app's models: the contact page (/contact/), and the contact requests with their
history (defined in contact/contact_requests.py, so the form and the views can use them without
importing the page, which serves them).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.pages import SitePage

from . import views
from .appointments import (  # noqa: F401  (models of the appointments, contact/appointments.py)
    AmbassadorAvailability,
    Appointment,
    AppointmentStatus,
    AppointmentWay,
)
from .contact_requests import (  # noqa: F401  (the app's models, for Django and for imports)
    ContactRequest,
    ContactRequestStatusChange,
    ContactStatus,
    PreferredContact,
)

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class ContactPage(SitePage, RoutablePageMixin, Page):
    """
    /contact/: the request form, with a text editors can change.

    Story pages show the same form for their ambassador and post it here, so validation
    errors always appear on this page, next to the fields.
    """

    introduction = RichTextField(_("inleiding"), features=TEXT_FEATURES, blank=True)
    thank_you_text = RichTextField(
        _("tekst na verzenden"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("Verschijnt op de bevestigingspagina, boven het referentienummer."),
    )

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("thank_you_text")]

    summary_fields = search_text_fields = ("introduction",)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    # The header and footer of every page link here.
    site_link = "contact"

    @path("")
    def contact_form(self, request):
        return views.contact_form(request, self)

    @path("bedankt/", name="thanks")
    def thanks(self, request):
        return views.contact_thanks(request, self)

    class Meta:
        verbose_name = _("contactpagina")
