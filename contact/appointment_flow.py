"""
The steps of an appointment, each in one transaction with its emails (they go into the
outbox, so a step and its emails are saved together or not at all) and a line in the
request's history (ContactRequestStatusChange, as the inbox records its own edits):

    propose   request nieuw → voorgesteld; the ambassador is asked by email
    accept    → ingepland; visitor and ambassador get the invitation (.ics, METHOD:REQUEST)
    decline   → nieuw again, and the secretariat is told: a request is never dropped silently
    move      a new time or place: SEQUENCE + 1; an accepted one sends the update, a proposed
              one asks the ambassador again (the old link then says it is outdated)
    cancel    → geannuleerd; an accepted one sends METHOD:CANCEL for the same UID
    finish    afterwards: afgerond, or "niet doorgegaan" (the request is then geannuleerd)
"""

from calendar import monthrange
from datetime import datetime, time

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import appointment_emails, ics
from .appointments import Appointment, AppointmentStatus, availability_of
from .contact_requests import ContactRequest, ContactRequestStatusChange, ContactStatus


class FlowError(Exception):
    """The step does not fit the appointment's state; the message is Dutch, for the user."""


def record(contact_request, new_status, user, note):
    """Set the request's status and write the change into its history."""
    old_status = contact_request.status
    now = timezone.now()
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        status=new_status, status_changed_at=now, status_changed_by=user
    )
    contact_request.status, contact_request.status_changed_at = new_status, now
    ContactRequestStatusChange.objects.create(
        contact_request=contact_request, old_status=old_status, new_status=new_status, note=note, changed_by=user
    )


def describe(appointment):
    return _("%(way)s op %(when)s (%(minutes)s minuten) met %(ambassador)s") % {
        "way": appointment.get_way_display(),
        "when": appointment_emails.when(appointment),
        "minutes": appointment.duration_minutes,
        "ambassador": appointment.ambassador.title if appointment.ambassador_id else "-",
    }


def open_appointment(contact_request):
    return contact_request.appointments.filter(status__in=AppointmentStatus.open()).first()


def propose(contact_request, user, **fields):
    with transaction.atomic():
        contact_request = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
        if open_appointment(contact_request) is not None:
            raise FlowError(_("Dit verzoek heeft al een voorgestelde of ingeplande afspraak."))
        appointment = Appointment.objects.create(contact_request=contact_request, proposed_by=user, **fields)
        if appointment.ambassador_account is None:
            raise FlowError(_("Deze ambassadeur heeft nog geen account: nodig hem of haar eerst uit."))
        record(contact_request, ContactStatus.PROPOSED, user, _("Voorgesteld: %s") % describe(appointment))
        appointment_emails.send_proposal(appointment)
    return appointment


def _locked(appointment, *statuses):
    """The appointment, locked for this transaction, if it is in one of `statuses`."""
    # Only the appointment's row is locked: PostgreSQL locks no row of an outer join.
    current = Appointment.objects.select_for_update(of=("self",)).select_related("contact_request", "ambassador")
    current = current.get(pk=appointment.pk)
    if current.status not in statuses:
        raise FlowError(_("Deze afspraak is intussen gewijzigd: %s.") % current.get_status_display())
    return current


def accept(appointment, user):
    with transaction.atomic():
        appointment = _locked(appointment, AppointmentStatus.PROPOSED)
        appointment.status, appointment.decided_at = AppointmentStatus.ACCEPTED, timezone.now()
        appointment.save(update_fields=["status", "decided_at"])
        record(
            appointment.contact_request, ContactStatus.SCHEDULED, user, _("Geaccepteerd: %s") % describe(appointment)
        )
        appointment_emails.send_calendar(appointment, ics.REQUEST)
    return appointment


def decline(appointment, user, reason=""):
    with transaction.atomic():
        appointment = _locked(appointment, AppointmentStatus.PROPOSED)
        appointment.status, appointment.decided_at = AppointmentStatus.DECLINED, timezone.now()
        appointment.save(update_fields=["status", "decided_at"])
        note = _("Afgewezen door de ambassadeur: %s") % describe(appointment)
        if reason:
            note += "\n" + reason
        record(appointment.contact_request, ContactStatus.NEW, user, note)
        appointment_emails.send_to_secretariat(
            appointment,
            "declined",
            _("Voorstel afgewezen: contactverzoek #%(number)s") % {"number": appointment.contact_request_id},
        )
    return appointment


def move(appointment, user, **fields):
    with transaction.atomic():
        appointment = _locked(appointment, *AppointmentStatus.open())
        for name, value in fields.items():
            setattr(appointment, name, value)
        appointment.sequence = F("sequence") + 1
        appointment.save()
        appointment.refresh_from_db()
        status = appointment.contact_request.status
        record(appointment.contact_request, status, user, _("Verzet: %s") % describe(appointment))
        if appointment.status == AppointmentStatus.ACCEPTED:
            appointment_emails.send_calendar(appointment, ics.REQUEST, update=True)
        else:
            appointment_emails.send_proposal(appointment)
    return appointment


def cancel(appointment, user):
    with transaction.atomic():
        appointment = _locked(appointment, *AppointmentStatus.open())
        was_accepted = appointment.status == AppointmentStatus.ACCEPTED
        appointment.status = AppointmentStatus.CANCELLED
        appointment.sequence = F("sequence") + 1
        appointment.save(update_fields=["status", "sequence"])
        appointment.refresh_from_db()
        record(appointment.contact_request, ContactStatus.CANCELLED, user, _("Geannuleerd: %s") % describe(appointment))
        if was_accepted:
            appointment_emails.send_calendar(appointment, ics.CANCEL)
    return appointment


def finish(appointment, user, held):
    with transaction.atomic():
        appointment = _locked(appointment, AppointmentStatus.ACCEPTED)
        if appointment.starts_at > timezone.now():
            raise FlowError(_("Deze afspraak moet nog plaatsvinden."))
        appointment.status = AppointmentStatus.DONE if held else AppointmentStatus.NOT_HELD
        appointment.save(update_fields=["status"])
        new_status = ContactStatus.DONE if held else ContactStatus.CANCELLED
        note = (_("Gesprek gehouden: %s") if held else _("Gesprek niet doorgegaan: %s")) % describe(appointment)
        record(appointment.contact_request, new_status, user, note)
    return appointment


# Capacity: what counts against an ambassador's monthly maximum.


def month_bounds(moment):
    local = timezone.localtime(moment)
    first = datetime.combine(local.date().replace(day=1), time.min, tzinfo=local.tzinfo)
    days = monthrange(local.year, local.month)[1]
    last = datetime.combine(local.date().replace(day=days), time.max, tzinfo=local.tzinfo)
    return first, last


def conversations_in_month(ambassador, moment, exclude=None):
    queryset = Appointment.objects.filter(
        ambassador=ambassador, status__in=AppointmentStatus.counted(), starts_at__range=month_bounds(moment)
    )
    if exclude is not None:
        queryset = queryset.exclude(pk=exclude.pk)
    return queryset.count()


def planning_warnings(ambassador, starts_at, way, exclude=None):
    """What the secretariat should know before planning this; empty when nothing is in the way."""
    availability = availability_of(ambassador)
    if availability is None:
        return []
    warnings = []
    if not availability.takes_new:
        warnings.append(_("%(name)s neemt nu geen nieuwe gesprekken aan.") % {"name": ambassador.title})
    if availability.max_per_month is not None:
        planned = conversations_in_month(ambassador, starts_at, exclude)
        if planned >= availability.max_per_month:
            warnings.append(
                _("%(name)s heeft in %(month)s al %(planned)s van hoogstens %(max)s gesprekken.")
                % {
                    "name": ambassador.title,
                    "month": date_format(timezone.localtime(starts_at), "F Y"),
                    "planned": planned,
                    "max": availability.max_per_month,
                }
            )
    if way and way not in availability.ways():
        warnings.append(_("%(name)s gaf aan dat deze manier niet goed uitkomt.") % {"name": ambassador.title})
    return warnings
