"""
The ambassador's decision through the signed link, its misuse, and who may plan: through the
admin's and the link's own views, asserting the database and the emails.
"""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from contact.appointment_emails import DECISION_LINKS
from contact.factories import ContactRequestFactory
from contact.models import Appointment, ContactRequest
from tests.support.users import MARKETING, MODERATORS, SECRETARIAT, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary(db):
    return make_user("sanne", SECRETARIAT)


@pytest.fixture
def visitor_request(anje_story):
    return ContactRequestFactory(ambassador=anje_story, name="Jeroen de Vries", email="jeroen@obs.example")


def propose_data(ambassador, days=10, **overrides):
    starts = timezone.localtime() + timedelta(days=days)
    data = {
        "ambassador": ambassador.pk,
        "date": starts.date().isoformat(),
        "start_time": "14:00",
        "duration_minutes": "45",
        "way": "telefoon",
        "location": "074 250 00 00",
        "note": "",
    }
    data.update(overrides)
    return data


def propose(client, contact_request, ambassador, **overrides):
    return client.post(f"/admin/afspraken/voorstellen/{contact_request.pk}/", propose_data(ambassador, **overrides))


def link_in(message):
    return re.search(r"http://testserver(/afspraak/\S+/)", message.body).group(1)


def decide(link, decision, client=None):
    """GET the link, then POST the decision: with the page's CSRF token, or (when the page has
    no form) without CSRF checks, so the view itself must refuse."""
    client = client or Client(enforce_csrf_checks=True)
    client.get(link)
    if "csrftoken" in client.cookies:
        return client.post(link, {"decision": decision, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    unchecked = Client()
    unchecked.cookies = client.cookies
    return unchecked.post(link, {"decision": decision})


@pytest.fixture
def proposal(client, contact_page, secretary, anje_story, visitor_request):
    client.force_login(secretary)
    assert propose(client, visitor_request, anje_story).status_code == 302
    (message,) = mail.outbox
    mail.outbox.clear()
    return Appointment.objects.get(), link_in(message)


def test_declining_puts_the_request_back_and_tells_the_secretariat(proposal, visitor_request, anje):
    appointment, link = proposal

    response = decide(link, "decline")

    assert "zoekt een ander moment" in response.text
    appointment.refresh_from_db()
    visitor_request.refresh_from_db()
    assert appointment.status == "afgewezen"
    assert visitor_request.status == "nieuw"
    last = visitor_request.status_changes.first()
    assert (last.old_status, last.new_status, last.changed_by) == ("voorgesteld", "nieuw", anje)
    (message,) = mail.outbox
    assert message.to == ["secretariaat@klaverct.example"]
    assert "afgewezen" in message.body and not message.attachments


def test_get_only_shows_and_a_post_without_csrf_decides_nothing(proposal):
    appointment, link = proposal
    browser = Client(enforce_csrf_checks=True)

    assert "Accepteren" in browser.get(link).text
    refused = browser.post(link, {"decision": "accept"})

    assert refused.status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"
    assert mail.outbox == []


def test_an_expired_link_says_so_and_decides_nothing(proposal, monkeypatch):
    appointment, link = proposal
    later = signing.time.time() + DECISION_LINKS.max_age.total_seconds() + 1
    monkeypatch.setattr(signing.time, "time", lambda: later)

    response = decide(link, "accept")

    assert response.status_code == 403
    assert "verlopen" in response.text
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"


def test_a_tampered_link_is_refused(proposal):
    appointment, link = proposal
    response = decide(link[:-3] + "xx/", "accept")
    assert response.status_code == 403
    assert "niet geldig" in response.text
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"


def test_a_link_opened_while_logged_in_as_someone_else_is_refused(proposal, magda):
    appointment, link = proposal
    other = Client(enforce_csrf_checks=True)
    other.force_login(magda)

    response = decide(link, "accept", client=other)

    assert response.status_code == 403
    assert "ander account" in response.text
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"


def test_a_link_for_another_ambassador_account_cannot_decide_this_proposal(proposal, magda):
    appointment, _link = proposal
    token = DECISION_LINKS.make(magda, appointment=appointment.pk, sequence=appointment.sequence)

    response = decide(f"/afspraak/{token}/", "accept")

    assert response.status_code == 403
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"


def test_a_link_for_a_proposal_moved_since_is_outdated_and_the_new_one_works(proposal, client, anje):
    appointment, old_link = proposal
    moved = propose_data(appointment.ambassador, days=12)
    del moved["ambassador"]
    assert client.post(f"/admin/afspraken/{appointment.pk}/verzetten/", moved).status_code == 302
    (new_message,) = mail.outbox
    mail.outbox.clear()

    outdated = decide(old_link, "accept")
    assert outdated.status_code == 403
    assert "intussen gewijzigd" in outdated.text
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"

    accepted = decide(link_in(new_message), "accept")
    assert "ingepland" in accepted.text
    appointment.refresh_from_db()
    assert (appointment.status, appointment.sequence) == ("ingepland", 1)
    assert sorted(message.to[0] for message in mail.outbox) == sorted([anje.email, "jeroen@obs.example"])


def test_a_decided_proposal_cannot_be_decided_again(proposal):
    appointment, link = proposal
    decide(link, "accept")
    mail.outbox.clear()

    again = decide(link, "decline")

    assert "al besloten" in again.text
    appointment.refresh_from_db()
    assert appointment.status == "ingepland"
    assert mail.outbox == []


@pytest.mark.parametrize("group", [MODERATORS, MARKETING])
def test_only_the_secretariat_plans(client, contact_page, anje_story, visitor_request, group):
    client.force_login(make_user("collega", group))

    inspect = client.get(f"/admin/contact/contactrequest/inspect/{visitor_request.pk}/")
    response = propose(client, visitor_request, anje_story)

    assert "Afspraak voorstellen" not in inspect.text
    assert response.status_code in (302, 403)  # Wagtail turns a refusal into a redirect with a message
    assert not Appointment.objects.exists()
    assert ContactRequest.objects.get().status == "nieuw"
    assert mail.outbox == []


def test_an_ambassador_cannot_plan_or_cancel(client, contact_page, proposal, anje, anje_story, visitor_request):
    appointment, _link = proposal
    ambassador = Client()
    ambassador.force_login(anje)

    assert ambassador.post(f"/admin/afspraken/{appointment.pk}/annuleren/").status_code in (302, 403)
    assert ambassador.get(f"/admin/contact/contactrequest/inspect/{visitor_request.pk}/").status_code in (302, 403)
    appointment.refresh_from_db()
    assert appointment.status == "voorgesteld"


def test_one_open_appointment_per_request(client, proposal, visitor_request, anje_story):
    response = propose(client, visitor_request, anje_story, days=20)

    assert response.status_code == 200
    assert "al een voorgestelde" in response.text
    assert Appointment.objects.count() == 1
