"""
Reminders, follow-ups and the visitor's one question, with a frozen clock: each email exactly
once however often the hourly job runs; and the purge takes appointments with their requests.
"""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from contact.factories import ContactRequestFactory
from contact.models import Appointment, ContactRequest
from core.schedule import JOBS
from tests.support.users import SECRETARIAT, make_user

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY_10 = datetime(2027, 3, 29, 10, 0, tzinfo=AMSTERDAM)


class Clock:
    """timezone.now() as the test sets it (the real time until then)."""

    def __init__(self, monkeypatch):
        real_now = timezone.now
        self.now = None
        monkeypatch.setattr(timezone, "now", lambda: self.now or real_now())

    def at(self, *args):
        self.now = datetime(*args, tzinfo=AMSTERDAM)
        return self


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


@pytest.fixture
def appointment(contact_page, anje_story):
    request = ContactRequestFactory(ambassador=anje_story, status="ingepland", email="jeroen@obs.example")
    return Appointment.objects.create(
        contact_request=request,
        ambassador=anje_story,
        starts_at=MONDAY_10,
        duration_minutes=60,
        way="bezoek",
        location="Kingschool, Denekamp",
        status="ingepland",
    )


def run_job():
    mail.outbox.clear()
    call_command("send_appointment_reminders", verbosity=0)
    return sorted((message.to[0], message.subject.split(":")[0]) for message in mail.outbox)


def test_the_job_is_last_in_the_schedule():
    assert JOBS[-1].args == ("send_appointment_reminders",)


def test_both_get_one_reminder_on_the_working_day_before(clock, appointment, anje):
    clock.at(2027, 3, 25, 12)  # Thursday: too early
    assert run_job() == []
    clock.at(2027, 3, 26, 7)  # Friday, the working day before Monday
    assert run_job() == [("anje@example.nl", "Herinnering"), ("jeroen@obs.example", "Herinnering")]
    reminder = next(message for message in mail.outbox if message.to == ["jeroen@obs.example"])
    assert "Kingschool, Denekamp" in reminder.body
    assert "maandag 29 maart 2027, 10:00" in reminder.body
    for hour in (8, 17):
        clock.at(2027, 3, 26, hour)
        assert run_job() == []
    clock.at(2027, 3, 28, 20)  # Sunday evening
    assert run_job() == []


def test_after_the_date_the_secretariat_is_asked_once_and_the_visitor_once(clock, appointment):
    clock.at(2027, 3, 29, 10, 30)  # under way: no reminder on the day itself, no follow-up yet
    assert run_job() == []

    clock.at(2027, 3, 29, 11, 5)
    number = appointment.contact_request_id
    assert run_job() == [("secretariaat@klaverct.example", f"Afgerond? Gesprek van contactverzoek #{number}")]
    (asked,) = mail.outbox
    assert f"/admin/contact/contactrequest/inspect/{appointment.contact_request_id}/" in asked.body
    clock.at(2027, 3, 29, 12)
    assert run_job() == []

    # The secretariat marks it afgerond in the inbox; the visitor gets the question once.
    secretary = Client()
    secretary.force_login(make_user("sanne", SECRETARIAT))
    assert secretary.post(f"/admin/afspraken/{appointment.pk}/afronden/", {"held": "ja"}).status_code == 302
    request = ContactRequest.objects.get()
    assert request.status == "afgerond"
    assert request.status_changes.first().new_status == "afgerond"

    questions = run_job()
    assert questions == [("jeroen@obs.example", "Was het gesprek nuttig?")]
    link = re.search(r"http://testserver(/afspraak/nuttig/\S+/)", mail.outbox[0].body).group(1)
    assert run_job() == []

    visitor = Client(enforce_csrf_checks=True)
    assert "Was het gesprek nuttig?" in visitor.get(link).text
    answered = visitor.post(link, {"answer": "ja", "csrfmiddlewaretoken": visitor.cookies["csrftoken"].value})
    assert "Alleen Klaver CT ziet het" in answered.text
    visitor.post(link, {"answer": "nee", "csrfmiddlewaretoken": visitor.cookies["csrftoken"].value})
    appointment.refresh_from_db()
    assert appointment.feedback == "ja"  # the first answer stays
    assert "Ja" in secretary.get(f"/admin/contact/contactrequest/inspect/{request.pk}/").text


def test_a_cancelled_or_declined_appointment_gets_no_reminder(clock, appointment):
    Appointment.objects.filter(pk=appointment.pk).update(status="geannuleerd")
    clock.at(2027, 3, 26, 9)
    assert run_job() == []
    clock.at(2027, 3, 30, 9)
    assert run_job() == []


def test_the_purge_removes_appointments_with_their_requests(appointment):
    old = timezone.now() - timedelta(days=400)
    ContactRequest.objects.filter(pk=appointment.contact_request_id).update(status="geannuleerd", status_changed_at=old)
    kept = ContactRequestFactory(status="voorgesteld")
    Appointment.objects.create(
        contact_request=kept, starts_at=old, way="telefoon", location="074 250 00 00", status="voorgesteld"
    )
    ContactRequest.objects.filter(pk=kept.pk).update(status_changed_at=old)

    call_command("purge_contact_requests", verbosity=0)

    assert list(ContactRequest.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(Appointment.objects.values_list("contact_request", flat=True)) == [kept.pk]
