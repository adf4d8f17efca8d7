"""
Appointments: the conversation the secretariat plans for a contact request, and the
ambassador's availability for such conversations.

An appointment is proposed to the ambassador, who accepts or declines it through a signed
link (contact/appointment_views.py); the steps themselves are in contact/appointment_flow.py.
Its `uid` names it in every calendar for good, and `sequence` goes up with each change the
calendars must follow (RFC 5545 3.8.7.4), so an invitation, an update and a cancellation all
land on the same calendar entry. The sequence is also bound into the ambassador's link, so a
link for a proposal that has been moved since says so instead of acting.

The availability is the ambassador's own setting, not page content: it changes without a
review, and the public story shows only whether they take new conversations.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .contact_requests import ContactRequest, single_line


class AppointmentWay(models.TextChoices):
    PHONE = "telefoon", _("Telefonisch")
    VIDEO = "video", _("Videogesprek")
    VISIT = "bezoek", _("Bezoek op school")


class AppointmentStatus(models.TextChoices):
    PROPOSED = "voorgesteld", _("Voorgesteld aan de ambassadeur")
    ACCEPTED = "ingepland", _("Ingepland")
    DECLINED = "afgewezen", _("Afgewezen door de ambassadeur")
    CANCELLED = "geannuleerd", _("Geannuleerd")
    DONE = "afgerond", _("Afgerond")
    NOT_HELD = "niet-gehouden", _("Niet doorgegaan")

    @classmethod
    def open(cls):
        """An appointment in one of these still holds the request (one at a time)."""
        return [cls.PROPOSED, cls.ACCEPTED]

    @classmethod
    def counted(cls):
        """What counts against an ambassador's monthly maximum."""
        return [cls.PROPOSED, cls.ACCEPTED, cls.DONE]


class FeedbackAnswer(models.TextChoices):
    YES = "ja", _("Ja")
    SOMEWHAT = "een-beetje", _("Een beetje")
    NO = "nee", _("Nee")


class Appointment(models.Model):
    contact_request = models.ForeignKey(
        ContactRequest, verbose_name=_("contactverzoek"), on_delete=models.CASCADE, related_name="appointments"
    )
    ambassador = models.ForeignKey(
        "ambassadors.AmbassadorPage",
        verbose_name=_("ambassadeur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
    )
    starts_at = models.DateTimeField(_("begint om"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=45)
    way = models.CharField(_("manier"), max_length=20, choices=AppointmentWay.choices)
    location = models.CharField(_("telefoonnummer, videolink of adres"), max_length=300, validators=[single_line])
    note = models.TextField(
        _("toelichting voor beide deelnemers"),
        max_length=1000,
        blank=True,
        help_text=_("Komt in de uitnodiging voor de bezoeker én de ambassadeur."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.PROPOSED
    )
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    # Each of these is claimed with a conditional UPDATE, so each email goes out once.
    reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    follow_up_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The visitor's answer to "Was het gesprek nuttig?": only Klaver CT sees it.
    feedback = models.CharField(_("was het gesprek nuttig?"), max_length=20, choices=FeedbackAnswer.choices, blank=True)

    class Meta:
        verbose_name = _("afspraak")
        verbose_name_plural = _("afspraken")
        ordering = ["-starts_at"]
        permissions = [("plan_appointment", _("Afspraken met ambassadeurs plannen"))]

    def __str__(self):
        return f"{self.get_way_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def is_open(self):
        return self.status in AppointmentStatus.open()

    @property
    def ambassador_account(self):
        return self.ambassador.ambassador_account if self.ambassador_id else None


class AmbassadorAvailability(models.Model):
    """Whether, how often and how an ambassador takes conversations; set on their dashboard."""

    ambassador = models.OneToOneField(
        "ambassadors.AmbassadorPage", primary_key=True, on_delete=models.CASCADE, related_name="availability"
    )
    takes_new = models.BooleanField(_("ik neem nu nieuwe gesprekken aan"), default=True)
    max_per_month = models.PositiveSmallIntegerField(
        _("hoogstens zoveel gesprekken per maand"), null=True, blank=True, help_text=_("Leeg: geen maximum.")
    )
    by_phone = models.BooleanField(_("telefonisch"), default=True)
    by_video = models.BooleanField(_("videogesprek"), default=True)
    by_visit = models.BooleanField(_("bezoek op mijn school"), default=True)
    note = models.CharField(
        _("opmerking voor het secretariaat"),
        max_length=200,
        blank=True,
        validators=[single_line],
        help_text=_("Bijvoorbeeld: op woensdagmiddag."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beschikbaarheid")
        verbose_name_plural = _("beschikbaarheid")

    def __str__(self):
        return str(self.ambassador_id)

    def ways(self):
        chosen = [(self.by_phone, AppointmentWay.PHONE), (self.by_video, AppointmentWay.VIDEO)]
        chosen.append((self.by_visit, AppointmentWay.VISIT))
        return [way for wanted, way in chosen if wanted]


def availability_of(ambassador):
    """The ambassador's availability; the default (takes conversations, no maximum) when never set."""
    if ambassador is None:
        return None
    try:
        return ambassador.availability
    except AmbassadorAvailability.DoesNotExist:
        return AmbassadorAvailability(ambassador=ambassador)
