"""
The whole appointment flow with a real SMTP server on loopback and the real worker: the
secretariat proposes from the inbox, the ambassador accepts through the signed link read from
the delivered email, both get an invitation whose .ics is parsed back with icalendar; a move
sends an update for the same UID, a cancellation a CANCEL.
"""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from icalendar import Calendar

from contact.factories import ContactRequestFactory
from contact.models import Appointment, ContactRequest
from tests.support import worker
from tests.support.users import SECRETARIAT, make_user

pytestmark = worker.WORKER_TESTS

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Summer time starts on 28 March 2027: the first date is in winter time, the move in summer time.
WINTER_DAY, SUMMER_DAY = date(2027, 3, 26), date(2027, 3, 29)
SECRETARIAT_EMAIL = "secretariaat@klaverct.example"


@pytest.fixture
def secretary(db):
    return make_user("sanne", SECRETARIAT, first_name="Sanne", last_name="de Boer")


@pytest.fixture
def visitor_request(anje_story):
    return ContactRequestFactory(
        ambassador=anje_story,
        name="Jeroen de Vries",
        email="jeroen@obs-de-esch.example",
        phone="074 123 45 67",
        organisation="OBS De Esch",
        role="Directeur",
        question="Hoe betrekken jullie ouders bij de eerste ouderavond?",
    )


def appointment_data(day, hour="15:00", **overrides):
    data = {
        "ambassador": "",
        "date": day.isoformat(),
        "start_time": hour,
        "duration_minutes": "60",
        "way": "video",
        "location": "https://meet.example/glans-42",
        "note": "Neem gerust een collega mee.",
    }
    data.update(overrides)
    return data


def delivered(smtp_server, since):
    """The messages the server received after the first `since`, as (recipients, message)."""
    return smtp_server.handler.messages[since:]


def calendar_of(message):
    (part,) = [part for part in message.iter_attachments() if part.get_filename().endswith(".ics")]
    return Calendar.from_ical(part.get_payload(decode=True))


def only_event(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def csrf_post(client, url, data):
    client.get(url)
    return client.post(url, {**data, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})


def test_propose_accept_move_cancel_with_calendar_invitations(
    client, contact_page, anje, anje_story, secretary, visitor_request, smtp_server
):
    client.force_login(secretary)
    inspect = client.get(f"/admin/contact/contactrequest/inspect/{visitor_request.pk}/").text
    assert "Afspraak voorstellen" in inspect

    response = client.post(
        f"/admin/afspraken/voorstellen/{visitor_request.pk}/",
        appointment_data(WINTER_DAY, ambassador=anje_story.pk),
    )
    assert response.status_code == 302
    visitor_request.refresh_from_db()
    assert visitor_request.status == "voorgesteld"
    assert smtp_server.connections == 0  # stored in the outbox, sent by the worker

    worker.run_batch(smtp_server.port)
    ((recipients, proposal),) = delivered(smtp_server, 0)
    assert recipients == [anje.email]
    text = proposal.get_content()
    assert "OBS De Esch" in text and "Directeur" in text
    # Before accepting, the ambassador does not learn who the visitor is or how to reach them.
    assert "Jeroen" not in text and "jeroen@" not in text and "074 123" not in text
    link = re.search(r"http://testserver(/afspraak/\S+/)", text).group(1)

    ambassador_browser = Client(enforce_csrf_checks=True)
    page = ambassador_browser.get(link)
    assert page.status_code == 200
    assert "Accepteren" in page.text and "Jeroen" not in page.text
    accepted = csrf_post(ambassador_browser, link, {"decision": "accept"})
    assert "Het gesprek is ingepland" in accepted.text
    assert "jeroen@obs-de-esch.example" in accepted.text  # now they may contact the visitor

    worker.run_batch(smtp_server.port)
    invitations = delivered(smtp_server, 1)
    assert sorted(rcpt for (rcpt,), _message in invitations) == [anje.email, visitor_request.email]
    events = {}
    for (rcpt,), message in invitations:
        calendar = calendar_of(message)
        assert calendar["METHOD"] == "REQUEST"
        assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]
        events[rcpt] = only_event(calendar)
    event = events[visitor_request.email]
    appointment = Appointment.objects.get()
    uid = str(event["UID"])
    assert uid.startswith(str(appointment.uid))
    assert event["SEQUENCE"] == 0
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start == datetime.combine(WINTER_DAY, time(15), tzinfo=AMSTERDAM)
    assert end - start == timedelta(minutes=60)
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start.utcoffset() == timedelta(hours=1)
    assert str(event["ORGANIZER"]) == f"mailto:{SECRETARIAT_EMAIL}"
    attendees = sorted(str(value) for value in event["ATTENDEE"])
    assert attendees == sorted([f"mailto:{anje.email}", f"mailto:{visitor_request.email}"])
    assert events[anje.email]["UID"] == event["UID"]
    # The calendar file holds the invitation, not the request: no question, no phone number.
    raw = event.to_ical().decode()
    assert "ouderavond" not in raw and "074 123" not in raw
    visitor_request.refresh_from_db()
    assert visitor_request.status == "ingepland"

    moved = client.post(f"/admin/afspraken/{appointment.pk}/verzetten/", appointment_data(SUMMER_DAY))
    assert moved.status_code == 302
    worker.run_batch(smtp_server.port)
    updates = delivered(smtp_server, 3)
    assert len(updates) == 2
    for _rcpt, message in updates:
        calendar = calendar_of(message)
        update = only_event(calendar)
        assert calendar["METHOD"] == "REQUEST"
        assert str(update["UID"]) == uid
        assert update["SEQUENCE"] == 1
        start = update.decoded("DTSTART")
        assert start == datetime.combine(SUMMER_DAY, time(15), tzinfo=AMSTERDAM)
        assert start.utcoffset() == timedelta(hours=2)  # summer time
        assert update.decoded("DTEND") == start + timedelta(minutes=60)

    cancelled = client.post(f"/admin/afspraken/{appointment.pk}/annuleren/")
    assert cancelled.status_code == 302
    worker.run_batch(smtp_server.port)
    cancellations = delivered(smtp_server, 5)
    assert sorted(rcpt for (rcpt,), _message in cancellations) == [anje.email, visitor_request.email]
    for _rcpt, message in cancellations:
        calendar = calendar_of(message)
        assert calendar["METHOD"] == "CANCEL"
        cancellation = only_event(calendar)
        assert str(cancellation["UID"]) == uid
        assert cancellation["SEQUENCE"] == 2
        assert cancellation["STATUS"] == "CANCELLED"

    visitor_request = ContactRequest.objects.get(pk=visitor_request.pk)
    history = list(visitor_request.status_changes.order_by("changed_at", "pk").values_list("old_status", "new_status"))
    assert history == [
        ("nieuw", "voorgesteld"),
        ("voorgesteld", "ingepland"),
        ("ingepland", "ingepland"),
        ("ingepland", "geannuleerd"),
    ]
    changed_by = list(visitor_request.status_changes.order_by("changed_at", "pk").values_list("changed_by", flat=True))
    assert changed_by == [secretary.pk, anje.pk, secretary.pk, secretary.pk]
