"""
The ambassador's availability and the inbox's capacity: set on the ambassador's dashboard
without a review, public only as "neemt nu (geen) nieuwe gesprekken aan", and warned about
before the secretariat plans past it.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from contact.factories import ContactRequestFactory, contact_form_data
from contact.models import AmbassadorAvailability, Appointment, ContactRequest
from core.page_cache import CACHE_HEADER
from tests.support.users import SECRETARIAT, make_user

pytestmark = pytest.mark.django_db

AVAILABILITY = "/admin/gesprekken/beschikbaarheid/"
INBOX = "/admin/contact/contactrequest/"


def availability_data(**overrides):
    data = {"takes_new": "on", "max_per_month": "", "by_phone": "on", "by_video": "on", "note": "Op woensdagmiddag"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def secretary(db):
    return make_user("sanne", SECRETARIAT)


def test_an_ambassador_who_takes_no_conversations_shows_it_and_the_story_offers_klaver_ct(
    client, settings, contact_page, anje, anje_story
):
    settings.PAGE_CACHE_SECONDS = 300
    visitor = Client()
    before = visitor.get(anje_story.url).text
    assert "Anje Bechtel neemt nu nieuwe gesprekken aan" in before
    assert visitor.get(anje_story.url)[CACHE_HEADER] == "hit"
    revision = anje_story.latest_revision_id

    client.force_login(anje)
    assert "Mijn gesprekken" in client.get("/admin/").text
    response = client.post(AVAILABILITY, availability_data(takes_new=None, max_per_month="2"))
    assert response.status_code == 302

    after = visitor.get(anje_story.url)
    html = after.text
    assert after[CACHE_HEADER] != "hit"  # the cached page was cleared
    assert "Anje Bechtel neemt nu geen nieuwe gesprekken aan" in html
    assert "Persoonlijk contact met Klaver CT?" in html
    assert f'name="ambassador" value="{anje_story.pk}"' not in html
    assert 'name="ambassador" value=""' in html
    # Only whether they take conversations is public: never the maximum, the ways or the note.
    assert "woensdagmiddag" not in html
    # Not content: no new revision, no review.
    anje_story.refresh_from_db()
    assert anje_story.latest_revision_id == revision
    assert anje_story.current_workflow_state is None
    availability = AmbassadorAvailability.objects.get(ambassador=anje_story)
    assert (availability.takes_new, availability.max_per_month, availability.by_visit) == (False, 2, False)


def test_a_request_for_an_ambassador_who_takes_none_is_stored_and_the_secretariat_is_warned(
    client, contact_page, anje_story, secretary
):
    AmbassadorAvailability.objects.create(ambassador=anje_story, takes_new=False)

    response = Client().post("/contact/", contact_form_data(ambassador=anje_story.pk))
    assert response.status_code == 302
    contact_request = ContactRequest.objects.get()
    assert contact_request.ambassador == anje_story  # never refused silently

    client.force_login(secretary)
    detail = client.get(f"{INBOX}inspect/{contact_request.pk}/").text
    assert "Neemt nu geen nieuwe gesprekken aan" in detail
    proposed = client.post(f"/admin/afspraken/voorstellen/{contact_request.pk}/", plan(anje_story))
    assert "neemt nu geen nieuwe gesprekken aan" in proposed.text
    assert not Appointment.objects.exists()


def plan(ambassador, days=3, **overrides):
    starts = timezone.localtime() + timedelta(days=days)
    data = {
        "ambassador": ambassador.pk,
        "date": starts.date().isoformat(),
        "start_time": "10:00",
        "duration_minutes": "30",
        "way": "telefoon",
        "location": "074 250 00 00",
        "note": "",
    }
    data.update(overrides)
    return data


def accepted_appointment(ambassador, starts_at):
    return Appointment.objects.create(
        contact_request=ContactRequestFactory(ambassador=ambassador, status="ingepland"),
        ambassador=ambassador,
        starts_at=starts_at,
        way="telefoon",
        location="074 250 00 00",
        status="ingepland",
    )


def test_the_inbox_shows_this_months_conversations_and_warns_before_over_planning(
    client, contact_page, anje_story, magda_story, secretary
):
    if (timezone.localtime() + timedelta(hours=1)).month != timezone.localtime().month:
        pytest.skip("the appointments below would fall in next month")
    AmbassadorAvailability.objects.create(ambassador=anje_story, max_per_month=1)
    accepted_appointment(anje_story, timezone.now() + timedelta(minutes=5))
    waiting = ContactRequestFactory(ambassador=anje_story, name="Petra Wachters")
    ContactRequestFactory(ambassador=magda_story, name="Karel Magda")
    client.force_login(secretary)

    listing = client.get(INBOX).text
    assert "Gesprekken deze maand" in listing
    assert "1 van 1 — vol" in listing
    assert "0 (geen maximum)" in listing  # Magda never set a maximum

    same_month = timezone.localtime() + timedelta(minutes=30)
    data = plan(anje_story, days=0, date=same_month.date().isoformat(), start_time=same_month.strftime("%H:%M"))
    warned = client.post(f"/admin/afspraken/voorstellen/{waiting.pk}/", data)
    assert "al 1 van hoogstens 1 gesprekken" in warned.text
    assert Appointment.objects.count() == 1
    assert mail.outbox == []

    confirmed = client.post(f"/admin/afspraken/voorstellen/{waiting.pk}/", {**data, "confirm_warnings": "on"})
    assert confirmed.status_code == 302
    assert Appointment.objects.count() == 2
    assert [message.to for message in mail.outbox] == [[anje_story.ambassador_account.email]]


def test_the_ambassador_sees_only_their_accepted_appointments(client, contact_page, anje, anje_story, magda_story):
    accepted = accepted_appointment(anje_story, timezone.now() + timedelta(days=2))
    proposed = Appointment.objects.create(
        contact_request=ContactRequestFactory(ambassador=anje_story, name="Voorgestelde Bezoeker"),
        ambassador=anje_story,
        starts_at=timezone.now() + timedelta(days=3),
        way="video",
        location="https://meet.example/x",
    )
    accepted_appointment(magda_story, timezone.now() + timedelta(days=2))
    ContactRequest.objects.filter(ambassador=magda_story).update(name="Bezoeker Van Magda")
    assert proposed.status == "voorgesteld"

    client.force_login(anje)
    dashboard = client.get("/admin/").text

    assert accepted.contact_request.name in dashboard
    assert accepted.contact_request.email in dashboard
    assert "Voorgestelde Bezoeker" not in dashboard
    assert "Bezoeker Van Magda" not in dashboard
    assert client.get(f"{INBOX}inspect/{accepted.contact_request.pk}/").status_code in (302, 403)


def test_staff_without_a_story_have_no_availability_to_set(client, secretary):
    client.force_login(secretary)
    response = client.post(AVAILABILITY, availability_data(takes_new=None))
    assert response.status_code in (302, 403)
    assert not AmbassadorAvailability.objects.exists()
