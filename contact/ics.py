"""
The `.ics` calendar file of an appointment (RFC 5545), built with the icalendar package
(https://icalendar.readthedocs.io/).

One event per appointment: its UID stays the same for good and SEQUENCE is the appointment's
sequence, so a calendar replaces the entry on an update (METHOD:REQUEST) and removes it on a
cancellation (METHOD:CANCEL). The times are in Europe/Amsterdam with the time zone's own
VTIMEZONE, so a calendar in another zone shows the right hour, summer time or not.

An invitation holds what a calendar needs and nothing more: the time, the way and place,
the secretariat's note, the organiser (the secretariat) and the two participants' names and
addresses. Never the visitor's question, phone number or anything from the request's history.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
PRODID = "-//Klaver CT//Glans-techniek afspraken//NL"
REQUEST, CANCEL = "REQUEST", "CANCEL"


def uid(appointment):
    return f"{appointment.uid}@glans-techniek.klaverct"


def address(email, name):
    from icalendar import vCalAddress, vText

    value = vCalAddress(f"mailto:{email}")
    if name:
        value.params["cn"] = vText(name)
    return value


def attendee(email, name):
    from icalendar import vText

    value = address(email, name)
    value.params["role"] = vText("REQ-PARTICIPANT")
    value.params["partstat"] = vText("ACCEPTED")
    return value


def summary(appointment):
    return _("Gesprek over de Glans-techniek: %(visitor)s en %(ambassador)s") % {
        "visitor": appointment.contact_request.name,
        "ambassador": appointment.ambassador.title if appointment.ambassador_id else _("Klaver CT"),
    }


def calendar_file(appointment, method, secretariat, participants):
    """The .ics bytes; `participants` are (email, name) pairs, the secretariat organises."""
    # Imported here, not at the top: through the inbox's admin hooks, icalendar and dateutil
    # (80 modules, 3 MB) would load into every web worker at start-up (docs/performance.md).
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)

    event = Event()
    event.add("uid", uid(appointment))
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", appointment.starts_at.astimezone(AMSTERDAM))
    event.add("dtend", appointment.ends_at.astimezone(AMSTERDAM))
    event.add("summary", summary(appointment))
    event.add("location", appointment.location)
    description = appointment.get_way_display()
    if appointment.note:
        description += "\n\n" + appointment.note
    event.add("description", description)
    event.add("status", "CANCELLED" if method == CANCEL else "CONFIRMED")
    event.add("organizer", address(secretariat.email, secretariat.organisation_name))
    for email, name in participants:
        event.add("attendee", attendee(email, name))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
