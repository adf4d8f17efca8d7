"""
Contact requests: a visitor asks for personal contact with an ambassador (or with Klaver CT),
the secretariat schedules it. Their models live here, apart from the contact page, so the form,
the emails and the views can use them without a cycle through the page (contact/models.py
re-exports them, where Django and Wagtail developers look).

A request is stored before any email is attempted; which emails went out is recorded per
recipient, so a retry (`send_pending_contact_notifications`) sends only what is missing.
"""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Single-line fields end up in email headers and CSV cells: no line breaks or control characters.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message=_("Gebruik geen regeleinden of andere stuurtekens."),
)
phone_number = RegexValidator(
    r"^\+?[0-9 ()\-]{6,30}$",
    message=_("Vul een geldig telefoonnummer in, bijvoorbeeld 074 123 45 67 of +31 6 12345678."),
)


class ContactStatus(models.TextChoices):
    NEW = "nieuw", _("Nieuw")
    # An appointment is proposed to the ambassador (contact/appointments.py), not yet accepted.
    PROPOSED = "voorgesteld", _("Voorgesteld")
    SCHEDULED = "ingepland", _("Ingepland")
    DONE = "afgerond", _("Afgerond")
    DECLINED = "afgewezen", _("Afgewezen")
    CANCELLED = "geannuleerd", _("Geannuleerd")

    @classmethod
    def handled(cls):
        return [cls.DONE, cls.DECLINED, cls.CANCELLED]


class PreferredContact(models.TextChoices):
    EMAIL = "email", _("Per e-mail")
    PHONE = "telefoon", _("Telefonisch")
    ANY = "geen-voorkeur", _("Geen voorkeur")


class ContactRequest(models.Model):
    """One visitor's request for contact, and how the secretariat handled it."""

    # Not content: a request names its ambassador's story, but never shows up among the
    # story's usages in the admin (a visitor's name to every editor), and a submission does
    # not queue a reference-index task.
    wagtail_reference_index_ignore = True

    created_at = models.DateTimeField(_("ontvangen op"), default=timezone.now, db_index=True)

    # What the visitor sent. Limits here are the limits of the form.
    name = models.CharField(_("naam"), max_length=100, validators=[single_line])
    email = models.EmailField(_("e-mailadres"), max_length=254)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True, validators=[phone_number])
    organisation = models.CharField(_("school of organisatie"), max_length=150, validators=[single_line])
    role = models.CharField(_("functie"), max_length=100, validators=[single_line])
    question = models.TextField(_("vraag"), max_length=2000)
    preferred_contact = models.CharField(
        _("voorkeur voor contact"),
        max_length=20,
        choices=PreferredContact.choices,
        default=PreferredContact.ANY,
    )
    preferred_time = models.CharField(_("beste moment"), max_length=200, blank=True, validators=[single_line])
    consent = models.BooleanField(_("toestemming voor opslag"), default=False)
    ambassador = models.ForeignKey(
        "ambassadors.AmbassadorPage",
        verbose_name=_("ambassadeur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact_requests",
    )
    # The name as it was when the request came in: stays readable if the story is removed.
    ambassador_name = models.CharField(_("naam ambassadeur"), max_length=255, blank=True)

    # The secretariat's handling.
    status = models.CharField(
        _("status"), max_length=20, choices=ContactStatus.choices, default=ContactStatus.NEW, db_index=True
    )
    internal_note = models.TextField(
        _("interne notitie"),
        max_length=5000,
        blank=True,
        help_text=_("Alleen zichtbaar voor medewerkers, bijvoorbeeld de afgesproken datum."),
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status gewijzigd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # Delivery of the two emails, recorded per recipient so a retry never sends one twice.
    secretariat_notified_at = models.DateTimeField(_("secretariaat gemaild op"), null=True, blank=True)
    visitor_notified_at = models.DateTimeField(_("bevestiging gemaild op"), null=True, blank=True)
    notification_attempts = models.PositiveIntegerField(_("verzendpogingen"), default=0)
    last_notification_error = models.TextField(_("laatste verzendfout"), blank=True)
    # No confirmation for this request: its address had its day's share (contact/ratelimit.py).
    visitor_confirmation_withheld = models.BooleanField(_("bevestiging achterwege gelaten"), default=False)
    # While set and in the future, one process owns the sending of this request's emails.
    notification_lease_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("contactverzoek")
        verbose_name_plural = _("contactverzoeken")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["secretariat_notified_at", "visitor_notified_at"])]

    def __str__(self):
        return f"#{self.pk} {self.name}"

    def save(self, *args, **kwargs):
        if self.ambassador_id and not self.ambassador_name:
            self.ambassador_name = self.ambassador.title
        super().save(*args, **kwargs)

    @property
    def is_fully_notified(self):
        return self.secretariat_notified_at is not None and (
            self.visitor_notified_at is not None or self.visitor_confirmation_withheld
        )

    @property
    def ambassador_display(self):
        if self.ambassador_id and self.ambassador:
            return self.ambassador.title
        return self.ambassador_name


class ContactRequestStatusChange(models.Model):
    """Who changed a request's status or note, and when: the secretariat's audit trail."""

    contact_request = models.ForeignKey(ContactRequest, on_delete=models.CASCADE, related_name="status_changes")
    old_status = models.CharField(_("oude status"), max_length=20, choices=ContactStatus.choices)
    new_status = models.CharField(_("nieuwe status"), max_length=20, choices=ContactStatus.choices)
    note = models.TextField(_("notitie"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gewijzigd door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), default=timezone.now)

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"{self.get_old_status_display()} → {self.get_new_status_display()}"
