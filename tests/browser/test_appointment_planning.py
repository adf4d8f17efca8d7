"""
The secretariat plans a conversation in a real browser, through the real Wagtail admin; the
ambassador opens the link from the email and accepts; both get an invitation with an .ics.
"""

import re

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import expect

from contact.factories import ContactRequestFactory
from contact.models import Appointment, ContactRequest
from tests.browser.support import log_in
from tests.support.users import SECRETARIAT, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_secretariat_proposes_and_the_ambassador_accepts(
    live_server, chromium, contact_page, anje, anje_story, artifacts_dir
):
    make_user("sanne", SECRETARIAT, first_name="Sanne")
    request = ContactRequestFactory(ambassador=anje_story, name="Jeroen de Vries", email="jeroen@obs.example")
    mail.outbox.clear()

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        log_in(page, live_server.url, "sanne")
        page.goto(f"{live_server.url}/admin/contact/contactrequest/inspect/{request.pk}/")
        page.get_by_role("link", name="Afspraak voorstellen").click()
        page.get_by_label("Ambassadeur").select_option(label="Anje Bechtel")
        page.get_by_label("Datum").fill("2027-03-29")
        page.get_by_label("Begintijd").fill("15:00")
        page.get_by_label("Duur (minuten)").fill("60")
        page.get_by_label("Videogesprek").check()
        page.get_by_label("Telefoonnummer, videolink of adres").fill("https://meet.example/glans-42")
        page.get_by_role("button", name="Voorstel versturen").click()
        page.wait_for_url(re.compile(rf"/inspect/{request.pk}/$"))
        expect(page.locator("[data-appointment-status]")).to_have_text("Voorgesteld aan de ambassadeur")
        page.screenshot(path=str(artifacts_dir / "appointment-1-proposed.png"))
    finally:
        context.close()

    (proposal,) = mail.outbox
    assert proposal.to == [anje.email]
    link = re.search(r"http://testserver(/afspraak/\S+/)", proposal.body).group(1)

    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(live_server.url + link)
        expect(page.locator("[data-appointment]")).to_contain_text("maandag 29 maart 2027, 15:00")
        page.get_by_role("button", name="Accepteren").click()
        expect(page.locator("[data-outcome]")).to_contain_text("Het gesprek is ingepland")
        page.screenshot(path=str(artifacts_dir / "appointment-2-accepted.png"))
    finally:
        context.close()

    assert ContactRequest.objects.get(pk=request.pk).status == "ingepland"
    appointment = Appointment.objects.get()
    invitations = mail.outbox[1:]
    assert sorted(message.to[0] for message in invitations) == sorted([anje.email, "jeroen@obs.example"])
    for message in invitations:
        ((filename, content, _mimetype),) = message.attachments
        assert filename.endswith(".ics")
        (event,) = Calendar.from_ical(content).walk("VEVENT")
        assert str(event["UID"]).startswith(str(appointment.uid))
